import { Logger, type FactoryProvider, type Type } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Work a participant asks for once the transaction has committed (never when it rolls back). */
export type AfterCommit = () => Promise<void>;

/**
 * One module's part in another module's transaction: it runs inside that transaction (same
 * EntityManager), may write, and by throwing rolls the whole change back. What it returns runs
 * after the commit, e.g. waking a queue for work the transaction made due.
 */
export interface HookParticipant<E> {
  duringTransaction(m: EntityManager, event: E): Promise<AfterCommit | undefined>;
}

/**
 * A typed hook owned by a lower module (it runs the hook) and joined by higher ones (participants),
 * without the lower module importing them: the composition root binds the participants, in the
 * order they must run (see `hookProvider` and app.module.ts). The owner injects its hook class with
 * no `@Optional`: an app composed without the binding fails at boot, never silently skips the work.
 *
 * Each owner declares its hook as a class, `class XHook extends TransactionHook<XEvent> {}`, which
 * is both the injection token and the type.
 */
export class TransactionHook<E> {
  private static readonly logger = new Logger('TransactionHook');
  readonly participants: readonly HookParticipant<E>[];

  constructor(participants: readonly HookParticipant<E>[]) {
    // A hook nobody joins is a composition mistake in this app: say so at boot.
    if (participants.length === 0) throw new Error(`${new.target.name}: no participant bound (see app.module.ts)`);
    this.participants = participants;
  }

  /** Runs every participant in order inside the caller's transaction; answers their after-commit work, in the same order. */
  async run(m: EntityManager, event: E): Promise<AfterCommit[]> {
    const after: AfterCommit[] = [];
    for (const participant of this.participants) {
      const work = await participant.duringTransaction(m, event);
      if (work) after.push(work);
    }
    return after;
  }

  /**
   * Runs after-commit work in order. The change has committed, so a failure here must not turn the
   * caller's answer into an error: it is logged. Participants give only work that something else
   * redoes when it is lost (the dispatcher re-enqueues due reminders).
   */
  static async afterCommit(work: readonly AfterCommit[]): Promise<void> {
    for (const w of work) {
      try {
        await w();
      } catch (err) {
        TransactionHook.logger.warn(`after-commit work failed: ${(err as Error).message}`);
      }
    }
  }
}

/**
 * The provider that binds a hook to its participants (classes provided by higher modules), in the
 * order given. The types make a participant of another hook's event a compile error.
 */
export function hookProvider<E>(
  hook: new (participants: readonly HookParticipant<E>[]) => TransactionHook<E>,
  participants: readonly Type<HookParticipant<E>>[],
): FactoryProvider {
  return {
    provide: hook,
    inject: [...participants],
    useFactory: (...instances: HookParticipant<E>[]) => new hook(instances),
  };
}
