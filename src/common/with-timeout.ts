/**
 * The promise's outcome, or a rejection once `ms` have passed without one (the timer is cleared either
 * way and never keeps the process alive). For callers that must not hang on Redis or PostgreSQL being
 * away: a readiness probe, a request queueing a job, the engine marking a burst. `Infinity` waits as
 * long as it takes (a timer cannot: Node fires one of more than 2^31 - 1 ms at once).
 */
export async function withTimeout<T>(p: Promise<T>, ms = 2000): Promise<T> {
  if (!Number.isFinite(ms)) return p;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
        timer.unref();
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
