import { Batcher } from './batcher';

describe('Batcher: what arrives during a write joins the next one', () => {
  it('one write for callers of the same turn, the next write for those who came during it', async () => {
    const writes: number[][] = [];
    let release!: () => void;
    const batcher = new Batcher<number>(async (items) => {
      writes.push(items);
      if (writes.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return [];
    });
    const first = [1, 2, 3].map((i) => batcher.add(i));
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual([[1, 2, 3]]);
    const second = [4, 5].map((i) => batcher.add(i));
    release();
    await Promise.all([...first, ...second]);
    expect(writes).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('a failed write rejects its own callers only; the batcher keeps working', async () => {
    let fail = true;
    const batcher = new Batcher<string>(async () => {
      if (fail) throw new Error('database away');
      return [];
    });
    await expect(Promise.all([batcher.add('a'), batcher.add('b')])).rejects.toThrow('database away');
    fail = false;
    await expect(batcher.add('c')).resolves.toBeUndefined();
  });

  it('splits at the batch limit', async () => {
    const sizes: number[] = [];
    const batcher = new Batcher<number>(
      async (items) => {
        sizes.push(items.length);
        return [];
      },
      { maxBatch: 2 },
    );
    await Promise.all([1, 2, 3, 4, 5].map((i) => batcher.add(i)));
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('each caller gets its own result', async () => {
    const batcher = new Batcher<number, string>(async (items) => items.map((i) => `#${i}`));
    await expect(Promise.all([1, 2, 3].map((i) => batcher.add(i)))).resolves.toEqual(['#1', '#2', '#3']);
  });

  it('writes up to `inFlight` batches at once, and no more', async () => {
    let open = 0;
    let most = 0;
    const batcher = new Batcher<number>(
      async () => {
        open += 1;
        most = Math.max(most, open);
        await new Promise((resolve) => setTimeout(resolve, 20));
        open -= 1;
        return [];
      },
      { maxBatch: 1, inFlight: 3 },
    );
    await Promise.all([1, 2, 3, 4, 5, 6, 7].map((i) => batcher.add(i)));
    expect(most).toBe(3);
  });
});
