import type { Shape } from '../shape';
import type zh from '../zh-CN/meetings';

export default {
  intro: '',
} satisfies Shape<typeof zh>;
