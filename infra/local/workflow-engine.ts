import { StateMachine } from 'aws-local-stepfunctions';
import { type Asl, type AslState, type Json, prepareDefinition, taskStates } from './asl-definition';
import { CallbackTasks } from './callback-tasks';
import { ExecutionAlreadyExists, ExecutionDoesNotExist, ExecutionNotRedrivable, namedError } from './engine-errors';
import { type HistoryEvent, historyRecorder, latestHistory, type PushHistoryEvent, recordStateEvents } from './execution-history';
import { type ExecutionRecord, type ExecutionStore, type JournalEntry, InvalidTokenError, TaskTokenSettledError } from './execution-store';
import { localAccount, localRegion } from './intrinsics';
import type { LambdaHost } from './lambda-host';
import { RedrivePlan } from './redrive-plan';

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
  private readonly callbacks: CallbackTasks;
  /** Executions parked out of memory at a callback: execution name -> the token they wait on. */
  private readonly parked = new Map<string, string>();
  /** Callback states an execution can be parked at: top-level ones (nothing else of it runs meanwhile). */
  private readonly parkable: Set<string>;
  private readonly redrivePlan: RedrivePlan;
  /** Executions being redriven by this process (one redrive at a time each). */
  private readonly redriving = new Set<string>();
  private stopped = false;

  constructor(
    definition: unknown,
    /** The machine's local ARN, as Ref gives it (intrinsics.ts localRef). */
    stateMachineArn: string,
    private readonly lambdas: LambdaHost,
    private readonly store: ExecutionStore,
    private readonly options: EngineOptions = {},
  ) {
    ({ definition: this.definition, callbackTimeouts: this.callbackTimeouts } = prepareDefinition(definition, options.callbackTimeouts));
    this.stateMachineArn = stateMachineArn;
    this.machine = new StateMachine(this.definition as never, { validationOptions: { checkPaths: true, checkArn: false } });
    // A definition-wide timeout runs on the engine's own timer, which a parked execution would restart.
    this.parkable = new Set(
      options.park === false || this.definition.TimeoutSeconds !== undefined
        ? []
        : Object.entries(this.definition.States)
            .filter(([, s]) => s.Type === 'Task' && String(s.Resource).endsWith('.waitForTaskToken'))
            .map(([name]) => name),
    );
    this.redrivePlan = new RedrivePlan(this.definition, store);
    this.callbacks = new CallbackTasks(store, lambdas, this.callbackTimeouts);
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
      if (rec.status === 'RUNNING' || rec.status === 'SUCCEEDED') throw new ExecutionNotRedrivable(`Execution ${rec.status === 'RUNNING' ? 'is running' : 'succeeded'}: '${arn}'`);
      const journal = await this.store.journal(name);
      const forgotten = await this.redrivePlan.unsuccessfulSteps(journal);
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
    this.callbacks.settled(token, { output: JSON.parse(output) });
  }

  async sendTaskFailure(token: string, error = 'TaskFailed', cause = ''): Promise<void> {
    await this.store.settleToken(token, { status: 'failed', error, cause });
    this.callbacks.settled(token, { error: namedError(error, cause) });
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
    this.callbacks.clear();
    this.parked.clear();
    for (const r of this.running.values()) r.abort();
    this.running.clear();
  }

  private launch(record: ExecutionRecord, journal: Map<string, JournalEntry>): void {
    const counters = new Map<string, number>();
    const { history, push } = historyRecorder(journal);

    const handlers: Record<string, (input: Json) => Promise<Json>> = {};
    for (const [stateName, state] of taskStates(this.definition)) handlers[stateName] = (input) => this.runTask(record, stateName, state, input, counters, journal, push, history) as Promise<Json>;

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
      const logs = recordStateEvents(execution.eventLogs, push).catch(() => undefined);
      // The outcome is made visible all at once, after it is durable: describeExecution never reports a
      // stopped execution that runningCount still counts (or the other way round).
      let outcome: Pick<ExecutionRecord, 'status' | 'output' | 'error' | 'cause'>;
      try {
        const output = await execution.result;
        if (aborted || this.stopped) return;
        push('ExecutionSucceeded');
        outcome = { status: 'SUCCEEDED', output: JSON.stringify(output ?? null) };
      } catch (err) {
        if (aborted || this.stopped) return;
        const cause = (err as Error & { cause?: Error }).cause ?? (err as Error);
        push('ExecutionFailed', undefined, { error: cause.name });
        outcome = { status: 'FAILED', error: cause.name, cause: cause.message };
      } finally {
        await logs;
      }
      const finished = { ...outcome, stopDate: new Date().toISOString(), history: JSON.stringify(history) };
      await this.store.finishExecution(record.name, finished).catch(() => undefined);
      Object.assign(record, finished);
      this.running.delete(record.name);
      if (finished.status !== 'SUCCEEDED') this.options.onExecutionStopped?.({ ...record });
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
    push: PushHistoryEvent,
    history: HistoryEvent[],
  ): Promise<unknown> {
    const n = (counters.get(stateName) ?? 0) + 1;
    counters.set(stateName, n);
    const key = `${stateName}#${n}`;
    const recorded = journal.get(key);
    if (recorded?.status === 'done') return recorded.output;
    if (recorded?.status === 'failed') throw namedError(recorded.error, recorded.cause);

    const resource = String(state.Resource);
    if (resource.endsWith('.waitForTaskToken'))
      return this.callbacks.run(record, key, input, recorded, push, history, (token) => {
        if (this.parkable.has(stateName)) setImmediate(() => this.park(record.name, token));
      });

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

  /**
   * Takes an execution that waits at a top-level callback out of memory. All its progress is in the
   * journal (the callback's entry carries the history so far), so what stays is the token's deadline
   * timer. When the token is settled or times out, the execution is replayed from the journal and goes on,
   * as after a restart. Nothing else of the execution runs meanwhile: top-level states run one at a time.
   */
  private park(name: string, token: string): void {
    const live = this.running.get(name);
    if (!live || this.stopped) return;
    // Settled in the meantime (the waiter is gone): the live execution carries on.
    const stale = this.callbacks.handOver(token, () => void this.unpark(name));
    if (!stale) return;
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
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
