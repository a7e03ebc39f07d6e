/**
 * The promise's outcome, or a rejection once `ms` have passed without one (the timer is cleared either
 * way and never keeps the process alive). For callers that must not hang on Redis or PostgreSQL being
 * away: a readiness probe, a request queueing a job, the engine marking a burst.
 */
export async function withTimeout<T>(p: Promise<T>, ms = 2000): Promise<T> {
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
