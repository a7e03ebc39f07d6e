import { Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransactionHook, hookProvider, type AfterCommit, type HookParticipant } from './transaction-hook';

interface Moved {
  id: string;
}
class MovedHook extends TransactionHook<Moved> {}

const m = {} as EntityManager;

function participant(name: string, calls: string[], after?: boolean): HookParticipant<Moved> {
  return {
    duringTransaction: async (manager, event) => {
      expect(manager).toBe(m);
      calls.push(`${name}:${event.id}`);
      return after ? async () => void calls.push(`${name}:after`) : undefined;
    },
  };
}

describe('TransactionHook', () => {
  it('runs its participants in the order bound, and their after-commit work in the same order', async () => {
    const calls: string[] = [];
    const hook = new MovedHook([participant('a', calls, true), participant('b', calls), participant('c', calls, true)]);
    const work = await hook.run(m, { id: 'x' });
    expect(calls).toEqual(['a:x', 'b:x', 'c:x']);
    expect(work).toHaveLength(2);
    await TransactionHook.afterCommit(work);
    expect(calls).toEqual(['a:x', 'b:x', 'c:x', 'a:after', 'c:after']);
  });

  it('stops at the first participant that throws, so the transaction rolls back', async () => {
    const calls: string[] = [];
    const failing: HookParticipant<Moved> = {
      duringTransaction: () => Promise.reject(new Error('refused')),
    };
    const hook = new MovedHook([participant('a', calls), failing, participant('c', calls)]);
    await expect(hook.run(m, { id: 'x' })).rejects.toThrow('refused');
    expect(calls).toEqual(['a:x']);
  });

  it('refuses to exist without a participant: a composition mistake shows at boot', () => {
    expect(() => new MovedHook([])).toThrow('MovedHook: no participant bound');
  });

  it('logs after-commit work that fails and still runs the rest (the change has committed)', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const calls: string[] = [];
    const work: AfterCommit[] = [() => Promise.reject(new Error('redis away')), async () => void calls.push('second')];
    await expect(TransactionHook.afterCommit(work)).resolves.toBeUndefined();
    expect(calls).toEqual(['second']);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('redis away'));
    warn.mockRestore();
  });

  it('hookProvider binds the participant classes, in order, as the hook class token', async () => {
    const calls: string[] = [];
    class First implements HookParticipant<Moved> {
      duringTransaction = participant('first', calls).duringTransaction;
    }
    class Second implements HookParticipant<Moved> {
      duringTransaction = participant('second', calls).duringTransaction;
    }
    const provider = hookProvider(MovedHook, [First, Second]);
    expect(provider.provide).toBe(MovedHook);
    expect(provider.inject).toEqual([First, Second]);
    const hook = provider.useFactory(new First(), new Second()) as MovedHook;
    expect(hook).toBeInstanceOf(MovedHook);
    await hook.run(m, { id: 'y' });
    expect(calls).toEqual(['first:y', 'second:y']);
  });
});
