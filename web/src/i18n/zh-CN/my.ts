export default {
  todo: '待办',
  all: '全部',
  nothing: '目前没有需要您处理的事项。',
  due: '期限 {at}',
};
