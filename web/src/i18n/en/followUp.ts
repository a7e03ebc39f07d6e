import type { Shape } from '../shape';
import type zh from '../zh-CN/followUp';

export default {
  intro: '',
} satisfies Shape<typeof zh>;
