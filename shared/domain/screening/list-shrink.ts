import type { ListVersion } from './types';

/**
 * A list file cut exactly at a line break parses cleanly, so truncation can hide from the parser. Lists
 * grow slowly and never lose a large share of entries overnight; a new version that does is refused.
 */
export const DEFAULT_MAX_SHRINK = 0.2;

/** A reason to refuse `next`, or undefined when it is plausible compared with `previous`. */
export function implausibleShrink(previous: ListVersion, next: ListVersion, maxShrink = DEFAULT_MAX_SHRINK): string | undefined {
  for (const p of previous.sources) {
    const n = next.sources.find((s) => s.source === p.source);
    if (!n) return `${p.source} is missing from the new lists`;
    if (n.entries < p.entries * (1 - maxShrink)) {
      return `${p.source} shrank from ${p.entries} to ${n.entries} entries (more than ${Math.round(maxShrink * 100)}%): truncated file?`;
    }
  }
  return undefined;
}
