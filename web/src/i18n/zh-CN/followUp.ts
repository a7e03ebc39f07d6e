// Messages of the pre-meeting follow-up page (会前汇总).
export default {
  intro: '本次会议召开时，往次会议决定事项中仍未办结的，逐项列出办理状态、灯号、逾期天数和最近进展。',
  meeting: '选择会议',
  downloadXlsx: '下载 XLSX',
  noMeetings: '本联席会议还没有会议',
  asOf: '截至 {time}，共 {n} 项未办结',
  none: '往次会议的决定事项均已办结',
  number: '编号',
  item: '事项',
  status: '状态',
  light: '灯号',
  daysOverdue: '逾期',
  lead: '牵头单位',
  owner: '责任人',
  lastProgress: '最近进展',
  noProgress: '尚无进展',
};
