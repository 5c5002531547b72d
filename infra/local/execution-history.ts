import type { JournalEntry } from './execution-store';

// An execution's history as GetExecutionHistory shows it: the engine's state events and the runtime's own
// Lambda events, saved with each callback's journal entry so that a replay carries on from there.

export interface HistoryEvent {
  id: number;
  timestamp: string;
  type: string;
  stateName?: string;
  details?: Record<string, unknown>;
}

export type PushHistoryEvent = (type: string, stateName?: string, details?: Record<string, unknown>) => void;

/** Event types the engine's event log produces (as opposed to the runtime's own Lambda events). */
function isStateEvent(type: string): boolean {
  return type.endsWith('StateEntered') || type.endsWith('StateExited') || type === 'StateRetried' || type === 'StateCaught' || type === 'ExecutionStarted';
}

/** The longest history a callback's journal entry saved (the latest one: histories only grow). */
export function latestHistory(journal: Map<string, JournalEntry>): HistoryEvent[] {
  let best: string | undefined;
  for (const e of journal.values()) if (e.status === 'callback' && e.history && (!best || e.history.length > best.length)) best = e.history;
  return best ? (JSON.parse(best) as HistoryEvent[]) : [];
}

/**
 * The history of a run (or a replay) and the function that adds to it. A replay starts from the history
 * saved at the last callback: the replay enters and leaves the same states again up to there (journaled
 * tasks add no events), so that many state events are skipped.
 */
export function historyRecorder(journal: Map<string, JournalEntry>): { history: HistoryEvent[]; push: PushHistoryEvent } {
  const history: HistoryEvent[] = latestHistory(journal);
  let replayedStateEvents = history.filter((e) => isStateEvent(e.type)).length;
  const push: PushHistoryEvent = (type, stateName, details) => {
    if (replayedStateEvents > 0 && isStateEvent(type)) {
      replayedStateEvents--;
      return;
    }
    history.push({ id: history.length + 1, timestamp: new Date().toISOString(), type, ...(stateName ? { stateName } : {}), ...(details ? { details } : {}) });
  };
  return { history, push };
}

/** Copies the engine's event log into the history, in Step Functions' event names, until the run ends. */
export async function recordStateEvents(eventLogs: AsyncIterable<unknown>, push: PushHistoryEvent): Promise<void> {
  for await (const ev of eventLogs) {
    const e = ev as { type: string; state?: { name: string; type: string }; Error?: string };
    if (e.type === 'StateEntered' && e.state) push(`${e.state.type}StateEntered`, e.state.name);
    else if (e.type === 'StateExited' && e.state) push(`${e.state.type}StateExited`, e.state.name);
    else if (e.type === 'StateRetried' && e.state) push('StateRetried', e.state.name);
    else if (e.type === 'StateCaught' && e.state) push('StateCaught', e.state.name);
    else if (e.type === 'ExecutionStarted') push('ExecutionStarted');
  }
}
