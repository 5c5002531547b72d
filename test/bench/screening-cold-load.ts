import { loadLists } from '../../shared/adapters/sanctions-lists/load-lists';

/**
 * One cold list load in a fresh process, as a container or `npm start` pays it: prints
 * `{ ms, cpuMs, indexFrom, names }` (cpuMs: all threads, GC included).
 * Usage: screening-cold-load.ts LISTS_DIR CACHE_DIR|none [published|no-published]
 * (no-published: ignore an index published beside the lists; with CACHE_DIR none, always parse).
 */
const [dir, cache, published = 'published'] = process.argv.slice(2);
if (!dir || !cache || !['published', 'no-published'].includes(published)) throw new Error('usage: screening-cold-load.ts LISTS_DIR CACHE_DIR|none [published|no-published]');
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const { index, indexFrom } = await loadLists(dir, new Date(), { indexCacheDir: cache === 'none' ? false : cache, publishedIndex: published === 'published' });
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(`${JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, indexFrom, names: index.names.length })}\n`);
