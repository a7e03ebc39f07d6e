// Messages of the assessment page (考核: a score per member unit for a period, with the formula).
export default {
  intro: '按时段对各成员单位进行考核评分，列出计分公式、权重和各项得分。',
  from: '开始日期',
  to: '结束日期',
  periodRequired: '请选择考核时段',
  run: '计算考核',
  period: '考核时段',
  mode: '计分方式',
  modes: { weighted: '加权计分', deduction: '扣分制' },
  formula: '计分公式',
  formulaText: {
    weighted:
      '得分 = 100 ×（按期办结率 × 权重 + (1 − min(1, 平均逾期天数 ÷ {cap})) × 权重 + 进展报送率 × 权重 + 督查评价 × 权重）÷ 权重之和；按期办结率 = 按期销号 ÷（已销号 + 逾期未办结）；督查评价：满意 1、基本满意 0.5、不满意 0。',
    deduction: '得分 = 100 − 未按时报送次数 × 分值 − 牵头逾期事项数 × 分值 − 协办逾期事项数 × 分值 − 督查不满意次数 × 分值，最低 0 分。',
  },
  weights: '权重',
  deductions: '扣分标准',
  weightsLine: '按期办结率 {onTime}，逾期时长 {overdue}，进展报送 {reports}，督查评价 {checks}；逾期天数封顶 {cap} 天',
  deductionsLine:
    '每次未按时报送扣 {missedReport} 分，每个牵头逾期事项扣 {overdueLead} 分，每个协办逾期事项扣 {overdueCo} 分，每次督查不满意扣 {unsatisfactoryCheck} 分',
  rank: '名次',
  organization: '单位',
  score: '得分',
  components: { onTimeRate: '按期办结率', overdueDays: '平均逾期天数', reportCompliance: '进展报送率', checkRating: '督查评价' },
  notMeasured: '无可考核事项',
  meanDaysLate: '{n} 天',
  leftOutNote: '灰色的分项在本时段没有可考核的内容，不计入得分，其余权重按比例折算。',
};
