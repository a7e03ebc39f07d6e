import type { Shape } from '../shape';
import type zh from '../zh-CN/login';

export default {
  title: 'Sign in',
  username: 'Username',
  password: 'Password',
  submit: 'Sign in',
  failed: 'Wrong username or password.',
  required: 'Please enter the {field}',
} satisfies Shape<typeof zh>;
