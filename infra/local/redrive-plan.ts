import { type Asl, allStates, catchers, failurePathStates } from './asl-definition';
import type { ExecutionStore, JournalEntry } from './execution-store';

/**
 * What a redrive forgets of an execution's journal (see LocalWorkflowEngine.redriveExecution): the last
 * occurrence of each step that did not succeed, with its retries, and every step of a failure path (states
 * only a catch-all reaches; the onboarding workflow has none). A callback's timeout or an error its Catch
 * names (ComplianceHold) is an outcome the workflow handles, not a failure: it stands.
 */
export class RedrivePlan {
  /** Task states reached only through a catch-all: the failure path a redrive forgets (none in the onboarding workflow). */
  private readonly failurePath: Set<string>;
  /** Per state, the errors its Catch names specifically (not States.ALL): failures the workflow handles as outcomes. */
  private readonly handledErrors: Map<string, Set<string>>;

  constructor(
    definition: Asl,
    private readonly store: ExecutionStore,
  ) {
    this.failurePath = failurePathStates(definition);
    this.handledErrors = new Map(
      [...allStates(definition)].map(([name, st]) => [
        name,
        new Set(
          catchers(st)
            .filter((c) => !c.ErrorEquals.includes('States.ALL'))
            .flatMap((c) => c.ErrorEquals),
        ),
      ]),
    );
  }

  /** The journal keys a redrive forgets. */
  async unsuccessfulSteps(journal: Map<string, JournalEntry>): Promise<string[]> {
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
}
