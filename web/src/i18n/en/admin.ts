import type { Shape } from '../shape';
import type zh from '../zh-CN/admin';

export default {
  intro: '',
} satisfies Shape<typeof zh>;
