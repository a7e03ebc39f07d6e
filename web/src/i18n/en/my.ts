import type { Shape } from '../shape';
import type zh from '../zh-CN/my';

export default {
  todo: 'To do',
  all: 'All',
  nothing: 'Nothing needs you right now.',
  due: 'Due {at}',
} satisfies Shape<typeof zh>;
