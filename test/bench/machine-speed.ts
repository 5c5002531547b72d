import { createHash } from 'node:crypto';
import * as fs from 'node:fs';

/**
 * How fast this machine is right now, for reading a run's figures beside another's: the same shared host has
 * spent 50 CPU ms on an onboarding one evening and 130 the next, for the same code. Two readings:
 * - a fixed piece of work of the kind the runtime does (JSON in and out, a SHA-256, string building), timed on
 *   one core, the best of five (the least disturbed): more milliseconds, a slower machine;
 * - the share of the cores' time the hypervisor gave to other guests while a section ran (steal, from
 *   /proc/stat; undefined where there is none to read).
 */
export function referenceWorkMs(): number {
  const doc = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`field${i}`, i % 3 ? `value ${i} `.repeat(4) : { n: i, list: [i, i * 2, `x${i}`] }]));
  let best = Infinity;
  let sink = 0;
  for (let round = 0; round < 5; round++) {
    const t0 = performance.now();
    for (let i = 0; i < 4000; i++) {
      const text = JSON.stringify({ ...doc, i });
      const back = JSON.parse(text) as Record<string, unknown>;
      sink +=
        createHash('sha256')
          .update(text)
          .digest('hex')
          .charCodeAt(i % 64) + Object.keys(back).length;
    }
    best = Math.min(best, performance.now() - t0);
  }
  if (sink < 0) throw new Error('unreachable');
  return Math.round(best);
}

/** The cores' time counters of /proc/stat (total and steal, in ticks), or undefined off Linux. */
export function cpuTicks(): { total: number; steal: number } | undefined {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal guest guest_nice: guest time is already in user.
    return { total: fields.slice(0, 8).reduce((a, b) => a + b, 0), steal: fields[7] ?? 0 };
  } catch {
    return undefined;
  }
}

/** The percentage of the cores' time stolen between two readings of cpuTicks. */
export function stealPercent(before: ReturnType<typeof cpuTicks>, after: ReturnType<typeof cpuTicks>): number | undefined {
  if (!before || !after || after.total <= before.total) return undefined;
  return Math.round((1000 * (after.steal - before.steal)) / (after.total - before.total)) / 10;
}
