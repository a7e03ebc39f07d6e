export default {
  title: '登录',
  username: '用户名',
  password: '密码',
  submit: '登录',
  failed: '用户名或密码不正确。',
  required: '请填写{field}',
};
