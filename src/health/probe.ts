import { withTimeout } from '../common/with-timeout';

export type Probe = 'up' | 'down';

/** 'up' when the promise settles well in time, 'down' otherwise. */
export function probe(p: Promise<unknown>): Promise<Probe> {
  return withTimeout(p).then(
    () => 'up',
    () => 'down',
  );
}
