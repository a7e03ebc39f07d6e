/**
 * Group commit for many callers: what is added while batches are being written goes together into the
 * next one, so N concurrent callers cost a few statements per round trip instead of N. Up to `inFlight`
 * batches are written at once (PostgreSQL flushes concurrent commits together too). `write` answers one
 * result per item, in order; each caller gets its own (or its batch's error). Nothing is held back on
 * purpose: an item added to an idle batcher is written on the next turn of the event loop.
 */
export class Batcher<T, R = void> {
  private waiting: { item: T; resolve: (result: R) => void; reject: (err: unknown) => void }[] = [];
  private writing = 0;
  private scheduled = false;

  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly options: { maxBatch?: number; inFlight?: number } = {},
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.writing >= (this.options.inFlight ?? 1) || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.writeOne();
    });
  }

  private async writeOne(): Promise<void> {
    if (this.waiting.length === 0) return;
    const batch = this.waiting.splice(0, this.options.maxBatch ?? 500);
    this.writing += 1;
    this.schedule();
    try {
      const results = await this.write(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(results[i]));
    } catch (err) {
      for (const b of batch) b.reject(err);
    } finally {
      this.writing -= 1;
      this.schedule();
    }
  }
}
