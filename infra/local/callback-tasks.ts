import { randomBytes } from 'node:crypto';
import { type Json, maxTimerMs, substituteToken } from './asl-definition';
import { namedError } from './engine-errors';
import type { HistoryEvent, PushHistoryEvent } from './execution-history';
import type { ExecutionRecord, ExecutionStore, JournalEntry } from './execution-store';
import type { LambdaHost } from './lambda-host';

interface Waiter {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer?: NodeJS.Timeout;
  /** Handed over to the engine's parking (see `handOver`): the execution is out of memory. */
  parked?: boolean;
}

/**
 * Callback tasks and their task tokens. A token and its deadline are durable in the execution store; the
 * tasks waiting in this process are kept here by token: each resolves when the token is settled
 * (SendTaskSuccess, SendTaskFailure) and fails with States.Timeout at its deadline, whose timer is chained
 * past setTimeout's limit.
 */
export class CallbackTasks {
  private readonly waiters = new Map<string, Waiter>();

  constructor(
    private readonly store: ExecutionStore,
    private readonly lambdas: LambdaHost,
    private readonly callbackTimeouts: Map<string, number>,
  ) {}

  /**
   * Runs a callback task (`.waitForTaskToken`): mints its token and deadline, journals both before the
   * handler may mail the token's links, invokes the handler once (a replay finds it done), and waits for the
   * token. `waiting` is told the token once the handler has run (the engine parks the execution then).
   */
  async run(
    record: ExecutionRecord,
    key: string,
    input: Json,
    recorded: JournalEntry | undefined,
    push: PushHistoryEvent,
    history: HistoryEvent[],
    waiting: (token: string) => void,
  ): Promise<unknown> {
    const stateName = key.split('#')[0]!;
    const timeoutSeconds = this.callbackTimeouts.get(stateName) ?? 365 * 86400;
    let token: string;
    let deadline: string;
    let invokeHandler = true;
    if (recorded?.status === 'callback') {
      token = recorded.token;
      deadline = recorded.deadline;
      const tok = await this.store.getToken(token);
      if (tok?.status === 'succeeded') return JSON.parse(tok.output ?? 'null');
      if (tok?.status === 'failed') throw namedError(tok.error ?? 'TaskFailed', tok.cause ?? '');
      if (tok?.status === 'timedout') throw namedError('States.Timeout', '');
      if (!tok)
        // The token item and this journal entry are written in one group commit, which a kill can cut in
        // the middle. The handler runs only after both are durable, so nobody has seen this token and
        // nothing can have settled it: store it again, waiting, rather than hand out a token that
        // SendTaskSuccess would call invalid.
        await this.store.putToken({ token, executionName: record.name, journalKey: key, deadline, status: 'waiting' });
      // `tok.handlerDone`: journals written before the flag moved into the journal entry.
      invokeHandler = !recorded.handlerDone && !tok?.handlerDone;
    } else {
      token = randomBytes(48).toString('base64url');
      deadline = new Date(Date.now() + timeoutSeconds * 1000).toISOString();
      // Both durable before the handler may mail the token's links (see the replay branch above).
      await Promise.all([
        this.store.putToken({ token, executionName: record.name, journalKey: key, deadline, status: 'waiting' }),
        this.store.record(record.name, key, { status: 'callback', token, deadline }),
      ]);
    }
    const answer = this.arm(token, deadline);
    // Settled while the handler still runs (a hold fails the step the moment the case shows it waits): the
    // rejection is awaited below, not lost; without this Node reports it as unhandled meanwhile.
    answer.catch(() => undefined);
    if (invokeHandler) {
      const fnName = String((input as { FunctionName?: string }).FunctionName);
      const payload = substituteToken((input as { Payload?: Json }).Payload ?? null, token);
      push('LambdaFunctionScheduled', stateName);
      try {
        await this.lambdas.get(fnName).invoke(payload);
        push('LambdaFunctionSucceeded', stateName);
        // Rewrites this task's own journal entry (a put, so it can join the group commit; nothing else
        // writes this key), where before an UpdateItem marked the token: a replay must not mail again.
        // It carries the history so far, which a parked execution's replay starts from.
        await this.store.record(record.name, key, { status: 'callback', token, deadline, handlerDone: true, history: JSON.stringify(history) });
      } catch (err) {
        const e = err as Error;
        push('LambdaFunctionFailed', stateName, { error: e.name });
        this.disarm(token);
        // A failed hand-off retires the token: a retry of the task mints a new one (and new links).
        await this.store.settleToken(token, { status: 'failed', error: e.name, cause: e.message }).catch(() => undefined);
        throw err;
      }
    }
    waiting(token);
    return answer;
  }

  /** Waits for the token to be settled, or for its deadline. */
  private arm(token: string, deadline: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, reject };
      this.waiters.set(token, waiter);
      const schedule = () => {
        const remaining = Date.parse(deadline) - Date.now();
        if (remaining > maxTimerMs) {
          waiter.timer = setTimeout(schedule, maxTimerMs);
          return;
        }
        waiter.timer = setTimeout(() => void this.expire(token), Math.max(0, remaining));
      };
      schedule();
    });
  }

  /** Forgets the token without settling its task (its hand-off failed: the task fails by itself). */
  disarm(token: string): void {
    const w = this.waiters.get(token);
    if (w) clearTimeout(w.timer);
    this.waiters.delete(token);
  }

  /** The token was settled durably: its task, if it waits here, goes on with the output or the error. */
  settled(token: string, outcome: { output: unknown } | { error: Error }): void {
    const w = this.waiters.get(token);
    if (!w) return;
    this.waiters.delete(token);
    clearTimeout(w.timer);
    if ('error' in outcome) w.reject(outcome.error);
    else w.resolve(outcome.output);
  }

  /**
   * For parking: whatever settles the token from now on (an answer or the deadline) calls `wake` instead of
   * the waiting task. Returns the task's own resolve, which the caller settles to release it; undefined when
   * the token no longer waits here or was handed over already.
   */
  handOver(token: string, wake: () => void): ((v: unknown) => void) | undefined {
    const w = this.waiters.get(token);
    if (!w || w.parked) return undefined;
    const stale = w.resolve;
    w.resolve = wake;
    w.reject = wake;
    w.parked = true;
    return stale;
  }

  /** Stops every deadline timer (the engine stops; the tokens stay in the store for the next start). */
  clear(): void {
    for (const w of this.waiters.values()) clearTimeout(w.timer);
    this.waiters.clear();
  }

  private async expire(token: string): Promise<void> {
    const w = this.waiters.get(token);
    if (!w) return;
    this.waiters.delete(token);
    try {
      await this.store.settleToken(token, { status: 'timedout' });
      w.reject(namedError('States.Timeout', 'The callback task timed out'));
    } catch {
      // Settled a moment before the deadline: the answer stands.
      const tok = await this.store.getToken(token);
      if (tok?.status === 'succeeded') w.resolve(JSON.parse(tok.output ?? 'null'));
      else w.reject(namedError(tok?.error ?? 'States.Timeout', tok?.cause ?? ''));
    }
  }
}
