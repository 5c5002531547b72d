import type { ScreeningIndex } from '../../domain/screening/build-index';
import { DEFAULT_MAX_SHRINK, implausibleShrink } from '../../domain/screening/list-shrink';
import { loadLists } from './load-lists';

export interface ListStoreState {
  index: ScreeningIndex | undefined;
  /** The last load failure, kept so the stage can report why lists are unavailable or not refreshed. */
  lastError: Error | undefined;
}

/**
 * Holds the current index and swaps it atomically: a reload builds a whole new index first and replaces
 * the reference only on success, so a failed refresh keeps serving the previous version.
 */
export class ListStore {
  private state: ListStoreState = { index: undefined, lastError: undefined };
  private inflight: Promise<ScreeningIndex> | undefined;

  constructor(
    private readonly loader: (dir: string) => Promise<ScreeningIndex> = async (d) => (await loadLists(d)).index,
    private readonly maxShrink = DEFAULT_MAX_SHRINK,
  ) {}

  get current(): ScreeningIndex | undefined {
    return this.state.index;
  }

  get lastError(): Error | undefined {
    return this.state.lastError;
  }

  /** Load from `dir`; on failure the previous index stays and the error is rethrown and remembered. */
  async reload(dir: string): Promise<ScreeningIndex> {
    // Concurrent reloads share one load rather than racing to swap.
    if (this.inflight) return this.inflight;
    this.inflight = (async () => {
      try {
        const index = await this.loader(dir);
        const previous = this.state.index;
        const shrink = previous && implausibleShrink(previous.listVersion, index.listVersion, this.maxShrink);
        if (shrink) throw new Error(`new sanctions lists refused: ${shrink}`);
        this.state = { index, lastError: undefined };
        return index;
      } catch (err) {
        this.state = { index: this.state.index, lastError: err instanceof Error ? err : new Error(String(err)) };
        throw err;
      } finally {
        this.inflight = undefined;
      }
    })();
    return this.inflight;
  }

  /** Install an already built index (tests, or an index built elsewhere). */
  set(index: ScreeningIndex): void {
    this.state = { index, lastError: undefined };
  }
}
