import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');

export interface IpDataLoad {
  node: string;
  'load ms': number;
  'RSS MB before': number;
  'RSS MB after load': number;
  'max RSS MB': number;
  'lookup µs (IPv4)': number;
  'lookup µs (IPv6)': number;
}

/**
 * What the signals function pays for its IP data, in a fresh Node process (as a cold start): the first
 * load through shared/adapters/ip-data/ip-data.ts (`compact`, the shipped file in `dir`) or, for comparison, the CSV
 * lookup over node_modules/@ip-location-db-style CSVs in `dir` (`csv`, the format shipped before). Then the
 * mean time of a lookup over random addresses. The probe is bundled with esbuild and run by plain node.
 */
export async function measureIpDataLoad(kind: 'compact' | 'csv', dir: string): Promise<IpDataLoad> {
  const load =
    kind === 'compact'
      ? `import { loadIpIntelligence } from './shared/adapters/ip-data/ip-data'; const load = () => loadIpIntelligence(dir);`
      : `import { readFileSync } from 'node:fs'; import { join } from 'node:path'; import { createCsvIpIntelligence } from './shared/domain/signals/csv-ip-intelligence';
         const read = (paths) => paths.map((p) => readFileSync(p, 'utf8'));
         const load = () => createCsvIpIntelligence({ country: read(['ipv4', 'ipv6'].map((v) => join(dir, 'geo-whois-asn-country', 'geo-whois-asn-country-' + v + '.csv'))), asn: read(['ipv4', 'ipv6'].map((v) => join(dir, 'asn', 'asn-' + v + '.csv'))) });`;
  const probe = `${load}
    const dir = process.argv[2];
    const mb = (b) => Math.round((b / 2 ** 20) * 10) / 10;
    const before = process.memoryUsage().rss;
    const t0 = performance.now();
    const intel = load();
    if (intel.lookup('175.45.176.1').country !== 'KP') throw new Error('no KP for 175.45.176.1: data not loaded');
    const loadMs = performance.now() - t0;
    const after = process.memoryUsage().rss;
    let seed = 12345;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const v4 = Array.from({ length: 20000 }, () => { const n = rnd(); return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.'); });
    const v6 = Array.from({ length: 20000 }, () => '2' + (rnd() & 0xfff).toString(16).padStart(3, '0') + ':' + Array.from({ length: 7 }, () => (rnd() & 0xffff).toString(16)).join(':'));
    const time = (ips) => { for (const ip of ips.slice(0, 2000)) intel.lookup(ip); const t = performance.now(); for (const ip of ips) intel.lookup(ip); return ((performance.now() - t) / ips.length) * 1000; };
    const us4 = time(v4);
    const us6 = time(v6);
    process.stdout.write(JSON.stringify({ node: process.version, 'load ms': Math.round(loadMs), 'RSS MB before': mb(before), 'RSS MB after load': mb(after), 'max RSS MB': mb(process.resourceUsage().maxRSS * 1024), 'lookup µs (IPv4)': Math.round(us4 * 100) / 100, 'lookup µs (IPv6)': Math.round(us6 * 100) / 100 }));
  `;
  const outfile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vetflow-ipdata-')), 'probe.mjs');
  try {
    await build({ stdin: { contents: probe, resolveDir: projectRoot, loader: 'ts' }, bundle: true, format: 'esm', platform: 'node', target: 'node22', outfile, logLevel: 'error' });
    return await new Promise((ok, fail) =>
      execFile(process.execPath, [outfile, dir], { timeout: 60_000, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
        if (err) fail(new Error(`${err.message} ${stderr}`.slice(0, 500)));
        else ok(JSON.parse(stdout) as IpDataLoad);
      }),
    );
  } finally {
    fs.rmSync(path.dirname(outfile), { recursive: true, force: true });
  }
}

/** `tsx test/bench/ip-data.ts compact|csv <dir> [runs]`: the figures of each run, one JSON line each. */
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const [kind = 'compact', dir = '', runs = '3'] = process.argv.slice(2);
  for (let i = 0; i < Number(runs); i++) console.log(JSON.stringify(await measureIpDataLoad(kind as 'compact' | 'csv', path.resolve(dir))));
}
