import type { Shape } from '../shape';
import type zh from '../zh-CN/bulletins';

export default {
  intro: '',
} satisfies Shape<typeof zh>;
