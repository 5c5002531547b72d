import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { defaultPolicy } from '../../shared/policy/default-policy.js';
import { loadLists, SANCTIONS_DATA_DIR_ENV } from '../../shared/screening/load-lists.js';
import type { ScreeningQuery } from '../../shared/screening/query.js';
import { screenPerson } from '../../shared/screening/screen-person.js';
import { buildLabelledSet, type LabelledSet } from '../screening/labelled-set.js';
import { buildNaiveIndex, naiveSearch } from '../screening/naive-baseline.js';
import { baselineSearch, engineSearch, measureQuality } from '../screening/quality.js';

/**
 * Screening benchmark: list load, person-query latency over the full OFAC + UN snapshot on one core (Node
 * runs the queries on its single main thread), the naive Jaro-Winkler scan on the same queries in the same
 * run, and recall / false-positive rate of both on the labelled set.
 */

// A forced GC before heap readings, so the figure is what the index retains, not parser garbage.
function gc(): void {
  setFlagsFromString('--expose-gc');
  const fn = runInNewContext('gc') as (() => void) | undefined;
  fn?.();
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const r3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Every `step`-th item, so the slow baseline sees a spread of the same queries. */
function every<T>(xs: T[], step: number): T[] {
  return xs.filter((_, i) => i % step === 0);
}

export async function benchScreening(dataDir: string): Promise<Record<string, number | string>> {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const cpu0 = process.cpuUsage();
  let t0 = performance.now();
  const { index } = await loadLists(dataDir);
  const loadMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  gc();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  // A second load shows the steady-state figure a scheduled refresh pays (JIT warm).
  t0 = performance.now();
  await loadLists(dataDir);
  const reloadMs = performance.now() - t0;
  gc();

  const set = buildLabelledSet(index);
  const queries: ScreeningQuery[] = [...set.positives.map((p) => p.query), ...set.negatives.map((n) => n.query)];

  // Warm-up pass, then one timed pass, query by query.
  for (const q of queries) screenPerson(index, q);
  const lat: number[] = [];
  const tAll = performance.now();
  for (const q of queries) {
    const t = performance.now();
    screenPerson(index, q);
    lat.push(performance.now() - t);
  }
  const totalMs = performance.now() - tAll;
  lat.sort((a, b) => a - b);

  // Baseline on every 6th query (it costs tens of milliseconds each).
  const naive = buildNaiveIndex(index);
  const sampleQueries = every(queries, 6);
  for (const q of sampleQueries.slice(0, 5)) naiveSearch(naive, q.name);
  const naiveLat: number[] = [];
  const engineSampleLat: number[] = [];
  for (const q of sampleQueries) {
    let t = performance.now();
    naiveSearch(naive, q.name);
    naiveLat.push(performance.now() - t);
    t = performance.now();
    screenPerson(index, q);
    engineSampleLat.push(performance.now() - t);
  }
  naiveLat.sort((a, b) => a - b);
  engineSampleLat.sort((a, b) => a - b);
  const naiveMean = naiveLat.reduce((a, b) => a + b, 0) / naiveLat.length;
  const engineSampleMean = engineSampleLat.reduce((a, b) => a + b, 0) / engineSampleLat.length;

  // Quality: engine on the whole labelled set; both on the same subsample for a like-for-like comparison.
  const full = measureQuality(engineSearch(index), set);
  // The shipped policy's thresholds (shared/policy/default-policy.ts), which the stage passes.
  const policyThresholds = { potential: defaultPolicy.sanctions.potentialMatch, strong: defaultPolicy.sanctions.strongMatch };
  const atPolicy = measureQuality(engineSearch(index, policyThresholds), set);
  const sample: LabelledSet = { positives: every(set.positives, 4), negatives: every(set.negatives, 4) };
  const engineSample = measureQuality(engineSearch(index), sample);
  const naiveSample = measureQuality(baselineSearch(naive), sample);

  return {
    'lists': `${index.entries.length} entries, ${index.names.length} names (version ${index.listVersion.id})`,
    'load ms (cold)': Math.round(loadMs),
    'load cpu ms (cold, all threads incl. GC)': Math.round((cpu.user + cpu.system) / 1000),
    'load ms (reload)': Math.round(reloadMs),
    'index heap MB': Math.round(heapMb),
    'queries timed': queries.length,
    'query p50 ms': r3(percentile(lat, 0.5)),
    'query p99 ms': r3(percentile(lat, 0.99)),
    'queries/s (one core)': Math.round((queries.length / totalMs) * 1000),
    'baseline queries timed': sampleQueries.length,
    'baseline p50 ms': r3(percentile(naiveLat, 0.5)),
    'baseline p99 ms': r3(percentile(naiveLat, 0.99)),
    'speed ratio p50 (baseline/engine)': Math.round(percentile(naiveLat, 0.5) / percentile(engineSampleLat, 0.5)),
    'speed ratio mean (baseline/engine)': Math.round(naiveMean / engineSampleMean),
    'recall (engine, full set)': r3(full.recall),
    'recall with listed dob (engine, full set)': `${r3(full.recallWithDob)} (${full.positivesWithDob} names)`,
    'false-positive rate name only (engine, full set)': r3(full.falsePositiveRate),
    'false-positive rate with dob (engine, full set)': r3(full.falsePositiveRateWithDob),
    [`recall at policy thresholds ${policyThresholds.potential}/${policyThresholds.strong}: name only / with dob`]: `${r3(atPolicy.recall)} / ${r3(atPolicy.recallWithDob)}`,
    [`FPR at policy thresholds: name only / with dob`]: `${r3(atPolicy.falsePositiveRate)} / ${r3(atPolicy.falsePositiveRateWithDob)}`,
    'labelled set': `${set.positives.length} perturbed listed names, ${set.negatives.length} ordinary names`,
    'recall on sample: engine': r3(engineSample.recall),
    'recall on sample: baseline (JW >= 0.90)': r3(naiveSample.recall),
    'FPR on sample: engine': r3(engineSample.falsePositiveRate),
    'FPR on sample: baseline': r3(naiveSample.falsePositiveRate),
  };
}

function isMain(): boolean {
  const arg = process.argv[1];
  if (!arg) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(arg)).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  const dir = process.argv[2] ?? process.env[SANCTIONS_DATA_DIR_ENV];
  if (!dir) {
    console.error(`Set ${SANCTIONS_DATA_DIR_ENV} to the sanctions list folder (or pass it as the first argument).`);
    process.exit(1);
  }
  const result = await benchScreening(dir);
  const width = Math.max(...Object.keys(result).map((k) => k.length));
  for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(width)}  ${v}`);
}
