import { randomBytes } from 'node:crypto';
import { StateMachine } from 'aws-local-stepfunctions';
import type { LambdaHost } from './lambda-host';
import { LambdaFunctionError } from './lambda-host';
import { localAccount, localRegion } from './intrinsics';
import { type ExecutionRecord, type ExecutionStore, type JournalEntry, InvalidTokenError, TaskTokenSettledError } from './execution-store';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type AslState = Record<string, unknown> & { Type: string };
type Asl = { StartAt: string; States: Record<string, AslState>; TimeoutSeconds?: number };

/** setTimeout overflows past 2^31-1 ms (24.8 days); longer waits are chained. */
const maxTimerMs = 2 ** 31 - 1;
const tokenPlaceholder = '__vetflow_local_task_token__';

export class ExecutionDoesNotExist extends Error {
  override readonly name = 'ExecutionDoesNotExist';
}
export class ExecutionAlreadyExists extends Error {
  override readonly name = 'ExecutionAlreadyExists';
}
export class ExecutionNotRedrivable extends Error {
  override readonly name = 'ExecutionNotRedrivable';
}

export interface HistoryEvent {
  id: number;
  timestamp: string;
  type: string;
  stateName?: string;
  details?: Record<string, unknown>;
}

export interface EngineOptions {
  /** Retry pauses in ms instead of the definition's (tests of transient faults); undefined keeps them. */
  retryDelayMs?: number;
  /**
   * Callback deadlines in seconds by state name instead of the definition's (tests of the timeout paths,
   * which would otherwise wait days). The task's payload sees the same value, so links expire before it.
   */
  callbackTimeouts?: Record<string, number>;
  /**
   * Park executions out of memory while they wait at a top-level callback (default true): a parked
   * onboarding costs a token and a timer, not a live execution, so memory stays flat however many wait.
   */
  park?: boolean;
  /**
   * An execution stopped without succeeding (FAILED): what EventBridge's "Step Functions Execution Status
   * Change" event is on AWS (infra/local/execution-events.ts delivers it to the template's rules). Called once
   * the record is stored, never awaited by the engine.
   */
  onExecutionStopped?: (record: ExecutionRecord) => void;
}

interface Waiter {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer?: NodeJS.Timeout;
  /** The execution waiting on this token, when it is parked out of memory (see `park`). */
  parked?: string;
}

interface Running {
  record: ExecutionRecord;
  history: HistoryEvent[];
  abort: () => void;
  done: Promise<void>;
}

/**
 * Runs the synthesized state machine on `aws-local-stepfunctions`, with each Task bound to the hosted
 * Lambda handler its Resource names, callback tokens minted per task invocation, and every result
 * journaled so executions outlive the process.
 */
export class LocalWorkflowEngine {
  readonly stateMachineArn: string;
  private readonly machine: StateMachine;
  private readonly definition: Asl;
  private readonly callbackTimeouts: Map<string, number>;
  private readonly running = new Map<string, Running>();
  private readonly waiters = new Map<string, Waiter>();
  /** Executions parked out of memory at a callback: execution name -> the token they wait on. */
  private readonly parked = new Map<string, string>();
  /** Callback states an execution can be parked at: top-level ones (nothing else of it runs meanwhile). */
  private readonly parkable: Set<string>;
  /** Task states reached only through a catch-all: the failure path a redrive forgets (none in the onboarding workflow). */
  private readonly failurePath: Set<string>;
  /** Per state, the errors its Catch names specifically (not States.ALL): failures the workflow handles as outcomes. */
  private readonly handledErrors: Map<string, Set<string>>;
  /** Executions being redriven by this process (one redrive at a time each). */
  private readonly redriving = new Set<string>();
  private stopped = false;

  constructor(
    definition: unknown,
    stateMachineLogicalId: string,
    private readonly lambdas: LambdaHost,
    private readonly store: ExecutionStore,
    private readonly options: EngineOptions = {},
  ) {
    ({ definition: this.definition, callbackTimeouts: this.callbackTimeouts } = prepareDefinition(definition, options.callbackTimeouts));
    this.stateMachineArn = `arn:aws:states:${localRegion}:${localAccount}:stateMachine:${stateMachineLogicalId}`;
    this.machine = new StateMachine(this.definition as never, { validationOptions: { checkPaths: true, checkArn: false } });
    // A definition-wide timeout runs on the engine's own timer, which a parked execution would restart.
    this.parkable = new Set(
      options.park === false || this.definition.TimeoutSeconds !== undefined
        ? []
        : Object.entries(this.definition.States)
            .filter(([, s]) => s.Type === 'Task' && String(s.Resource).endsWith('.waitForTaskToken'))
            .map(([name]) => name),
    );
    this.failurePath = failurePathStates(this.definition);
    this.handledErrors = new Map([...allStates(this.definition)].map(([name, st]) => [name, new Set(catchers(st).filter((c) => !c.ErrorEquals.includes('States.ALL')).flatMap((c) => c.ErrorEquals))]));
  }

  executionArn(name: string): string {
    return `arn:aws:states:${localRegion}:${localAccount}:execution:${this.stateMachineArn.split(':').pop()}:${name}`;
  }

  /** Idempotent like AWS for Standard workflows: the same name and input return the existing execution. */
  async startExecution(name: string, input: string): Promise<ExecutionRecord> {
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) throw Object.assign(new Error(`invalid execution name ${name}`), { name: 'InvalidName' });
    JSON.parse(input);
    const record: ExecutionRecord = {
      name,
      executionArn: this.executionArn(name),
      stateMachineArn: this.stateMachineArn,
      input,
      status: 'RUNNING',
      startDate: new Date().toISOString(),
    };
    if (!(await this.store.createExecution(record))) {
      const existing = await this.store.getExecution(name);
      if (existing && existing.input === input && existing.status === 'RUNNING') return existing;
      throw new ExecutionAlreadyExists(`Execution Already Exists: '${record.executionArn}'`);
    }
    this.launch(record, new Map());
    return record;
  }

  /** Replays every execution the journal says is still running (after a restart). */
  async resumeAll(): Promise<number> {
    const pending = await this.store.runningExecutions();
    for (const rec of pending) this.launch(rec, await this.store.journal(rec.name));
    return pending.length;
  }

  /**
   * RedriveExecution, as Step Functions does for a Standard workflow: a stopped execution that did not
   * succeed runs again under the same name and ARN, from the step that did not succeed. Locally that is a
   * replay of its journal, as after a restart, with the unsuccessful steps forgotten first: the tasks that
   * completed return their journaled results without running again; the step that failed (its last
   * occurrence, with its retries) runs afresh, with its full retry budget; and a failure path it was
   * caught into (states only a catch-all reaches; the onboarding workflow has none) is forgotten too, so it
   * runs again should the step fail again.
   */
  async redriveExecution(arn: string): Promise<ExecutionRecord> {
    const name = arn.split(':').pop() ?? '';
    if (this.running.has(name) || this.parked.has(name) || this.redriving.has(name)) throw new ExecutionNotRedrivable(`Execution is running: '${arn}'`);
    this.redriving.add(name);
    try {
      const rec = await this.store.getExecution(name);
      if (!rec || rec.executionArn !== arn) throw new ExecutionDoesNotExist(`Execution Does Not Exist: '${arn}'`);
      if (rec.status === 'RUNNING' || rec.status === 'SUCCEEDED')
        throw new ExecutionNotRedrivable(`Execution ${rec.status === 'RUNNING' ? 'is running' : 'succeeded'}: '${arn}'`);
      const journal = await this.store.journal(name);
      const forgotten = await this.unsuccessfulSteps(journal);
      // Forgotten before the record reopens: a crash in between leaves a stopped execution, redriven again later.
      await this.store.forget(name, forgotten);
      const reopened = await this.store.reopenExecution(name, rec.status, new Date().toISOString());
      if (!reopened) throw new ExecutionNotRedrivable(`Execution is no longer ${rec.status}: '${arn}'`);
      for (const key of forgotten) journal.delete(key);
      if (!this.stopped) this.launch(reopened, journal);
      return reopened;
    } finally {
      this.redriving.delete(name);
    }
  }

  /** The journal keys a redrive forgets (see redriveExecution). */
  private async unsuccessfulSteps(journal: Map<string, JournalEntry>): Promise<string[]> {
    const byState = new Map<string, { key: string; n: number; entry: JournalEntry }[]>();
    for (const [key, entry] of journal) {
      const at = key.lastIndexOf('#');
      const state = key.slice(0, at);
      byState.set(state, [...(byState.get(state) ?? []), { key, n: Number(key.slice(at + 1)), entry }]);
    }
    const out: string[] = [];
    for (const [state, runs] of byState) {
      if (this.failurePath.has(state)) {
        out.push(...runs.map((r) => r.key));
        continue;
      }
      // Earlier occurrences that succeeded stand (a state visited again in a loop keeps its first answers).
      runs.sort((a, b) => a.n - b.n);
      for (let i = runs.length - 1; i >= 0 && (await this.unsuccessful(state, runs[i]!.entry)); i--) out.push(runs[i]!.key);
    }
    return out;
  }

  private async unsuccessful(state: string, entry: JournalEntry): Promise<boolean> {
    if (entry.status === 'failed') return true;
    if (entry.status !== 'callback') return false;
    const tok = await this.store.getToken(entry.token);
    // A callback's timeout or an error its Catch names (ComplianceHold) is an outcome the workflow handles.
    if (tok?.status === 'timedout') return !this.handledErrors.get(state)?.has('States.Timeout');
    return tok?.status === 'failed' && !this.handledErrors.get(state)?.has(tok.error ?? '');
  }

  async describeExecution(arn: string): Promise<ExecutionRecord> {
    const name = arn.split(':').pop() ?? '';
    const rec = this.running.get(name)?.record ?? (await this.store.getExecution(name));
    if (!rec) throw new ExecutionDoesNotExist(`Execution Does Not Exist: '${arn}'`);
    return rec;
  }

  async history(arn: string): Promise<HistoryEvent[]> {
    const name = arn.split(':').pop() ?? '';
    const live = this.running.get(name);
    if (live) return live.history;
    const rec = await this.store.getExecution(name);
    if (!rec) throw new ExecutionDoesNotExist(`Execution Does Not Exist: '${arn}'`);
    if (rec.history) return JSON.parse(rec.history) as HistoryEvent[];
    // Running but not in memory (parked, or not resumed yet): the history as of its last callback.
    return latestHistory(await this.store.journal(name));
  }

  async sendTaskSuccess(token: string, output: string): Promise<void> {
    JSON.parse(output);
    await this.store.settleToken(token, { status: 'succeeded', output });
    const w = this.waiters.get(token);
    if (w) {
      this.waiters.delete(token);
      clearTimeout(w.timer);
      w.resolve(JSON.parse(output));
    }
  }

  async sendTaskFailure(token: string, error = 'TaskFailed', cause = ''): Promise<void> {
    await this.store.settleToken(token, { status: 'failed', error, cause });
    const w = this.waiters.get(token);
    if (w) {
      this.waiters.delete(token);
      clearTimeout(w.timer);
      w.reject(namedError(error, cause));
    }
  }

  async sendTaskHeartbeat(token: string): Promise<void> {
    const rec = await this.store.getToken(token);
    if (!rec) throw new InvalidTokenError('Invalid token');
    if (rec.status !== 'waiting') throw new TaskTokenSettledError("Task Timed Out: 'Provided task does not exist anymore'");
  }

  /** Waits for every running execution to settle (tests), or until the timeout. */
  async idle(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.running.size && Date.now() < deadline) await Promise.race([...[...this.running.values()].map((r) => r.done), sleep(50)]);
  }

  /** Executions this engine runs: in memory, plus those parked at a callback. */
  runningCount(): number {
    return this.running.size + this.parked.size;
  }

  /** Executions held in memory (the rest of the running ones are parked). */
  inMemoryCount(): number {
    return this.running.size;
  }

  parkedCount(): number {
    return this.parked.size;
  }

  /** Stops in-memory work without touching the journal: the executions resume on the next start. */
  stop(): void {
    this.stopped = true;
    for (const w of this.waiters.values()) clearTimeout(w.timer);
    this.waiters.clear();
    this.parked.clear();
    for (const r of this.running.values()) r.abort();
    this.running.clear();
  }

  private launch(record: ExecutionRecord, journal: Map<string, JournalEntry>): void {
    const counters = new Map<string, number>();
    // A replay starts from the history saved at the last callback: the replay enters and leaves the same
    // states again up to there (journaled tasks add no events), so that many state events are skipped.
    const history: HistoryEvent[] = latestHistory(journal);
    let replayedStateEvents = history.filter((e) => isStateEvent(e.type)).length;
    const push = (type: string, stateName?: string, details?: Record<string, unknown>) => {
      if (replayedStateEvents > 0 && isStateEvent(type)) {
        replayedStateEvents--;
        return;
      }
      history.push({ id: history.length + 1, timestamp: new Date().toISOString(), type, ...(stateName ? { stateName } : {}), ...(details ? { details } : {}) });
    };

    const handlers: Record<string, (input: Json) => Promise<Json>> = {};
    for (const [stateName, state] of taskStates(this.definition))
      handlers[stateName] = (input) => this.runTask(record, stateName, state, input, counters, journal, push, history) as Promise<Json>;

    const retryOverrides = new Proxy({} as Record<string, number>, {
      get: (_t, stateName: string) => {
        // A replayed failure is not waited for again; a live one waits as the definition (or test) says.
        if (journal.has(`${stateName}#${(counters.get(stateName) ?? 0) + 1}`)) return 0;
        return this.options.retryDelayMs;
      },
    });

    const input = JSON.parse(record.input) as Json;
    const execution = this.machine.run(input, {
      overrides: { taskResourceLocalHandlers: handlers, retryIntervalOverrides: retryOverrides },
      context: {
        Execution: { Id: record.executionArn, Name: record.name, Input: input, StartTime: record.startDate, RoleArn: `arn:aws:iam::${localAccount}:role/local` },
        StateMachine: { Id: this.stateMachineArn, Name: this.stateMachineArn.split(':').pop() },
      },
      noThrowOnAbort: true,
    });
    let aborted = false;
    const done = (async () => {
      const logs = (async () => {
        for await (const ev of execution.eventLogs) {
          const e = ev as { type: string; state?: { name: string; type: string }; Error?: string };
          if (e.type === 'StateEntered' && e.state) push(`${e.state.type}StateEntered`, e.state.name);
          else if (e.type === 'StateExited' && e.state) push(`${e.state.type}StateExited`, e.state.name);
          else if (e.type === 'StateRetried' && e.state) push('StateRetried', e.state.name);
          else if (e.type === 'StateCaught' && e.state) push('StateCaught', e.state.name);
          else if (e.type === 'ExecutionStarted') push('ExecutionStarted');
        }
      })().catch(() => undefined);
      try {
        const output = await execution.result;
        if (aborted || this.stopped) return;
        push('ExecutionSucceeded');
        record.status = 'SUCCEEDED';
        record.output = JSON.stringify(output ?? null);
      } catch (err) {
        if (aborted || this.stopped) return;
        const cause = (err as Error & { cause?: Error }).cause ?? (err as Error);
        push('ExecutionFailed', undefined, { error: cause.name });
        record.status = 'FAILED';
        record.error = cause.name;
        record.cause = cause.message;
      } finally {
        await logs;
      }
      record.stopDate = new Date().toISOString();
      record.history = JSON.stringify(history);
      const { status, stopDate, output, error, cause } = record;
      await this.store.finishExecution(record.name, { status, stopDate, output, error, cause, history: record.history }).catch(() => undefined);
      this.running.delete(record.name);
      if (status !== 'SUCCEEDED') this.options.onExecutionStopped?.({ ...record });
    })();
    this.running.set(record.name, {
      record,
      history,
      abort: () => {
        aborted = true;
        execution.abort();
      },
      done,
    });
  }

  private async runTask(
    record: ExecutionRecord,
    stateName: string,
    state: AslState,
    input: Json,
    counters: Map<string, number>,
    journal: Map<string, JournalEntry>,
    push: (type: string, stateName?: string, details?: Record<string, unknown>) => void,
    history: HistoryEvent[],
  ): Promise<unknown> {
    const n = (counters.get(stateName) ?? 0) + 1;
    counters.set(stateName, n);
    const key = `${stateName}#${n}`;
    const recorded = journal.get(key);
    if (recorded?.status === 'done') return recorded.output;
    if (recorded?.status === 'failed') throw namedError(recorded.error, recorded.cause);

    const resource = String(state.Resource);
    if (resource.endsWith('.waitForTaskToken')) return this.runCallbackTask(record, key, state, input, recorded, push, history);

    const invokeEnvelope = resource === 'arn:aws:states:::lambda:invoke';
    const fnName = invokeEnvelope ? String((input as { FunctionName?: string }).FunctionName) : resource;
    const payload = invokeEnvelope ? ((input as { Payload?: Json }).Payload ?? null) : input;
    push('LambdaFunctionScheduled', stateName);
    // Durability: a task's result is acknowledged when this function returns it to the engine (the next
    // state may then run and act on it). `store.record` resolves only once the entry is durable: it is
    // group-committed with the other executions' entries of the same event-loop turn (one BatchWriteItem
    // instead of one PutItem each), but every caller still waits for its own item to be accepted before
    // returning. So a SIGKILL at any point either finds the entry in the journal (the replay returns it and
    // the handler does not run again) or finds the result never acknowledged (the replay runs the handler
    // again, which is the window that always existed between a handler's return and its journal write; the
    // handlers are idempotent per runId for that reason). Batching changes when the write is sent, never
    // what is acknowledged before it is durable.
    try {
      const result = await this.lambdas.get(fnName).invoke(payload);
      const output = invokeEnvelope ? { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: result } : result;
      push('LambdaFunctionSucceeded', stateName);
      await this.store.record(record.name, key, { status: 'done', output });
      return output;
    } catch (err) {
      const e = err as Error;
      push('LambdaFunctionFailed', stateName, { error: e.name });
      await this.store.record(record.name, key, { status: 'failed', error: e.name, cause: e.message });
      throw err;
    }
  }

  private async runCallbackTask(
    record: ExecutionRecord,
    key: string,
    state: AslState,
    input: Json,
    recorded: JournalEntry | undefined,
    push: (type: string, stateName?: string, details?: Record<string, unknown>) => void,
    history: HistoryEvent[],
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
    const waiting = this.arm(token, deadline);
    // Settled while the handler still runs (a hold fails the step the moment the case shows it waits): the
    // rejection is awaited below, not lost; without this Node reports it as unhandled meanwhile.
    waiting.catch(() => undefined);
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
    if (this.parkable.has(stateName)) setImmediate(() => this.park(record.name, token));
    return waiting;
  }

  /**
   * Takes an execution that waits at a top-level callback out of memory. All its progress is in the
   * journal (the callback's entry carries the history so far), so what stays is the token's deadline
   * timer. When the token is settled or times out, the execution is replayed from the journal and goes on,
   * as after a restart. Nothing else of the execution runs meanwhile: top-level states run one at a time.
   */
  private park(name: string, token: string): void {
    const w = this.waiters.get(token);
    const live = this.running.get(name);
    // Settled in the meantime (the waiter is gone), or stopping: the live execution carries on.
    if (!w || w.parked || !live || this.stopped) return;
    const stale = w.resolve;
    const wake = () => void this.unpark(name);
    w.resolve = wake;
    w.reject = wake;
    w.parked = name;
    this.parked.set(name, token);
    this.running.delete(name);
    live.abort();
    // The aborted execution's task still awaits this promise, and the engine's task timer with it (it
    // holds the whole execution): settle it now. After an abort the engine enters no further state.
    stale(null);
  }

  private async unpark(name: string): Promise<void> {
    this.parked.delete(name);
    for (let attempt = 1; ; attempt++) {
      try {
        if (this.stopped || this.running.has(name)) return;
        const record = await this.store.getExecution(name);
        if (record?.status !== 'RUNNING') return;
        const journal = await this.store.journal(name);
        if (this.stopped || this.running.has(name)) return;
        this.launch(record, journal);
        return;
      } catch (err) {
        // The token is settled durably; if DynamoDB Local stays away, the next start's resumeAll replays it.
        if (attempt >= 6) {
          console.error(`[engine] execution ${name} could not be resumed after its callback: ${(err as Error).message}`);
          return;
        }
        await sleep(500 * 2 ** attempt);
      }
    }
  }

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

  private disarm(token: string): void {
    const w = this.waiters.get(token);
    if (w) clearTimeout(w.timer);
    this.waiters.delete(token);
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

type Catcher = { ErrorEquals: string[]; Next: string };
const catchers = (s: AslState): Catcher[] => (Array.isArray(s.Catch) ? (s.Catch as Catcher[]) : []);

/** Every state of the definition, those inside Parallel branches and Map iterators included. */
function* allStates(def: { States: Record<string, AslState> }): Generator<[string, AslState]> {
  for (const [name, state] of Object.entries(def.States)) {
    yield [name, state];
    if (state.Type === 'Parallel') for (const b of state.Branches as Asl[]) yield* allStates(b);
    if (state.Type === 'Map') {
      const inner = (state.ItemProcessor ?? state.Iterator) as Asl | undefined;
      if (inner) yield* allStates(inner);
    }
  }
}

/**
 * The states a catch-all (`States.ALL`) leads to that the normal flow (including specific catches such as
 * a callback's timeout) never reaches: the failure path. Within each (sub-)machine of the definition.
 */
export function failurePathStates(def: Asl): Set<string> {
  const out = new Set<string>();
  const visit = (machine: Asl) => {
    const next = (s: AslState, catchAll: boolean): string[] => [
      ...(typeof s.Next === 'string' ? [s.Next] : []),
      ...(typeof s.Default === 'string' ? [s.Default] : []),
      ...((Array.isArray(s.Choices) ? (s.Choices as { Next?: string }[]) : []).flatMap((c) => (c.Next ? [c.Next] : []))),
      ...catchers(s).filter((c) => catchAll || !c.ErrorEquals.includes('States.ALL')).map((c) => c.Next),
    ];
    const walk = (from: string[], catchAll: boolean): Set<string> => {
      const seen = new Set<string>();
      for (const stack = [...from]; stack.length; ) {
        const name = stack.pop()!;
        const s = machine.States[name];
        if (!s || seen.has(name)) continue;
        seen.add(name);
        stack.push(...next(s, catchAll));
      }
      return seen;
    };
    const normal = walk([machine.StartAt], false);
    const targets = Object.values(machine.States).flatMap((s) => catchers(s).filter((c) => c.ErrorEquals.includes('States.ALL')).map((c) => c.Next));
    for (const name of walk(targets, true)) if (!normal.has(name)) out.add(name);
    for (const s of Object.values(machine.States)) {
      if (s.Type === 'Parallel') for (const b of s.Branches as Asl[]) visit(b);
      if (s.Type === 'Map') {
        const inner = (s.ItemProcessor ?? s.Iterator) as Asl | undefined;
        if (inner) visit(inner);
      }
    }
  };
  visit(def);
  return out;
}

/** Event types the engine's event log produces (as opposed to the runtime's own Lambda events). */
function isStateEvent(type: string): boolean {
  return type.endsWith('StateEntered') || type.endsWith('StateExited') || type === 'StateRetried' || type === 'StateCaught' || type === 'ExecutionStarted';
}

/** The longest history a callback's journal entry saved (the latest one: histories only grow). */
function latestHistory(journal: Map<string, JournalEntry>): HistoryEvent[] {
  let best: string | undefined;
  for (const e of journal.values()) if (e.status === 'callback' && e.history && (!best || e.history.length > best.length)) best = e.history;
  return best ? (JSON.parse(best) as HistoryEvent[]) : [];
}

function namedError(name: string, message: string): Error {
  if (name === 'States.Timeout') {
    const e = new Error(message);
    e.name = name;
    return e;
  }
  const e = new LambdaFunctionError(name, '');
  e.message = message;
  return e;
}

function substituteToken(value: Json, token: string): Json {
  if (value === tokenPlaceholder) return token;
  if (Array.isArray(value)) return value.map((v) => substituteToken(v, token));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteToken(v, token)]));
  return value;
}

function* taskStates(def: { States: Record<string, AslState> }): Generator<[string, AslState]> {
  for (const [name, state] of Object.entries(def.States)) {
    if (state.Type === 'Task') yield [name, state];
    if (state.Type === 'Parallel') for (const b of state.Branches as Asl[]) yield* taskStates(b);
    if (state.Type === 'Map') {
      const inner = (state.ItemProcessor ?? state.Iterator) as Asl | undefined;
      if (inner) yield* taskStates(inner);
    }
  }
}

/**
 * Checks and adapts the definition for the local engine: JSONata is refused (the engine would ignore its
 * fields and take wrong branches), `$$.Task.Token` becomes a placeholder the runtime fills per invocation,
 * callback timeouts move out of the engine (whose timer would overflow and restart on each replay)
 * into the runtime's own durable deadline, and Lambda tasks without a timeout get none, as on AWS.
 */
export function prepareDefinition(raw: unknown, timeoutOverrides: Record<string, number> = {}): { definition: Asl; callbackTimeouts: Map<string, number> } {
  const def = structuredClone(raw) as Asl & { QueryLanguage?: string };
  const callbackTimeouts = new Map<string, number>();
  if (def.QueryLanguage === 'JSONata') throw new Error('the definition uses JSONata; the local runtime runs JSONPath definitions only');
  const visit = (states: Record<string, AslState>) => {
    for (const [name, s] of Object.entries(states)) {
      if (s.QueryLanguage === 'JSONata') throw new Error(`state ${name} uses JSONata; the local runtime runs JSONPath definitions only`);
      if (s.Type === 'Task') {
        const resource = String(s.Resource);
        const supported = resource.startsWith('arn:aws:lambda:') || resource.startsWith('arn:aws:states:::lambda:invoke');
        if (!supported) throw new Error(`state ${name}: resource ${resource} is not supported by the local runtime`);
        if (resource.endsWith('.waitForTaskToken')) {
          if (!s.TimeoutSeconds) throw new Error(`callback state ${name} has no TimeoutSeconds`);
          s.Parameters = replaceTokenPath(s.Parameters as Json);
          const seconds = timeoutOverrides[name] ?? Number(s.TimeoutSeconds);
          const payload = (s.Parameters as { Payload?: Record<string, Json> } | undefined)?.Payload;
          if (payload && typeof payload.timeoutSeconds === 'number') payload.timeoutSeconds = seconds;
          callbackTimeouts.set(name, seconds);
          s.TimeoutSeconds = Math.floor(maxTimerMs / 1000);
        } else if (s.TimeoutSeconds === undefined && s.TimeoutSecondsPath === undefined) {
          // AWS gives a Task no timeout of its own (the function's timeout bounds a run); the engine's default
          // of 60 s would count the time an invocation waits for a concurrency slot and fail it as States.Timeout.
          s.TimeoutSeconds = Math.floor(maxTimerMs / 1000);
        }
      }
      if (s.Type === 'Parallel') for (const b of s.Branches as Asl[]) visit(b.States);
      if (s.Type === 'Map') {
        const inner = (s.ItemProcessor ?? s.Iterator) as Asl | undefined;
        if (inner) visit(inner.States);
      }
    }
  };
  visit(def.States);
  return { definition: def, callbackTimeouts };
}

function replaceTokenPath(value: Json): Json {
  if (Array.isArray(value)) return value.map(replaceTokenPath);
  if (value && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k.endsWith('.$') && v === '$$.Task.Token') out[k.slice(0, -2)] = tokenPlaceholder;
      else out[k] = replaceTokenPath(v);
    }
    return out;
  }
  return value;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
