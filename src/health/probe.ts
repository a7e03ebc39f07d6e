export type Probe = 'up' | 'down';

/** A readiness probe must answer quickly whatever it waits on: past `ms` the check counts as failed. */
export async function withTimeout<T>(p: Promise<T>, ms = 2000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** 'up' when the promise settles well in time, 'down' otherwise. */
export function probe(p: Promise<unknown>): Promise<Probe> {
  return withTimeout(p).then(
    () => 'up',
    () => 'down',
  );
}
