import type { Shape } from '../shape';
import type zh from '../zh-CN/assessment';

export default {
  intro: '',
} satisfies Shape<typeof zh>;
