import { withTimeout } from './with-timeout';

describe('withTimeout', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const later = <T>(value: T, ms: number) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

  it('answers the outcome when it comes in time', async () => {
    const answer = withTimeout(later('ok', 100), 200);
    await jest.advanceTimersByTimeAsync(100);
    await expect(answer).resolves.toBe('ok');
  });

  it('rejects once the time has passed without an outcome', async () => {
    const answer = withTimeout(later('late', 500), 200);
    const settled = expect(answer).rejects.toThrow('no answer within 200 ms');
    await jest.advanceTimersByTimeAsync(200);
    await settled;
  });

  it('waits as long as it takes when the limit is Infinity (a timer would fire at once)', async () => {
    const answer = withTimeout(later('slow', 600_000), Infinity);
    await jest.advanceTimersByTimeAsync(600_000);
    await expect(answer).resolves.toBe('slow');
  });
});
