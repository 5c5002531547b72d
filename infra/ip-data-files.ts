import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildCompactIpData } from './tools/ip-data-compact-build';
import { IP_DATA_FILE, IP_DATA_FORMAT } from '../shared/adapters/ip-data/ip-data-compact';

/**
 * The IP data the signals function ships: not the ip-location-db CSVs themselves (56 MB, about 2 s and
 * 400 MB to parse on every cold start) but one compact binary file built from them at synth
 * (shared/adapters/ip-data/ip-data-compact.ts), plus the licences and READMEs that come with the data (CC BY 4.0
 * attribution for the DB-IP part of the ASN data, the NRO and RouteViews terms; MODIFICATIONS says what
 * ip-location-db changed), laid out per package as in node_modules/@ip-location-db.
 */
export const IP_DATA_BUNDLE_DIR = 'ip-data';

const projectRoot = path.resolve(import.meta.dirname, '..');

const packages = {
  'geo-whois-asn-country': {
    csv: ['geo-whois-asn-country-ipv4.csv', 'geo-whois-asn-country-ipv6.csv'],
    notices: ['NRO_LICENSE', 'README.md'],
  },
  asn: {
    csv: ['asn-ipv4.csv', 'asn-ipv6.csv'],
    notices: ['DBIP-LICENSE', 'NRO_LICENSE', 'ROUTEVIEWS-LICENSE', 'MODIFICATIONS', 'README.md'],
  },
} as const;

const packageDir = (pkg: string) => path.join(projectRoot, 'node_modules', '@ip-location-db', pkg);

/** The code that writes the file: a change to it (a fix in the flattening, say) must not reuse an old build. */
// Whole repository paths, so that a move of these files (infra/tools/layers-move.ts) rewrites them here too.
const builderSources = ['shared/domain/signals/csv-ip-intelligence.ts', 'shared/adapters/ip-data/ip-data-compact.ts', 'infra/tools/ip-data-compact-build.ts'].map((f) => path.join(projectRoot, f));

/**
 * Builds the compact file once per set of package versions (and builder code), into .vetflow/ip-data/<key>/,
 * and returns its path relative to the project root. A later synth with the same packages reuses it (the
 * build takes about 5 s). Written to a temporary name and renamed, so parallel synths never see half a file.
 */
export function compactIpDataFile(): string {
  const versions: Record<string, string> = {};
  const sizes: number[] = [];
  for (const [pkg, { csv }] of Object.entries(packages)) {
    const dir = packageDir(pkg);
    versions[`@ip-location-db/${pkg}`] = (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    for (const f of csv) sizes.push(fs.statSync(path.join(dir, f)).size);
  }
  const code = createHash('sha256');
  for (const f of builderSources) code.update(fs.readFileSync(f));
  const key = [...Object.entries(versions).map(([p, v]) => `${p.replace('@ip-location-db/', '')}-${v}`), `f${IP_DATA_FORMAT}`, sizes.reduce((a, b) => a + b, 0), code.digest('hex').slice(0, 12)].join(
    '_',
  );
  const relative = path.join('.vetflow', 'ip-data', key, IP_DATA_FILE);
  const file = path.join(projectRoot, relative);
  if (!fs.existsSync(file)) {
    const read = (pkg: keyof typeof packages, i: number) => fs.readFileSync(path.join(packageDir(pkg), packages[pkg].csv[i]!), 'utf8');
    const bytes = buildCompactIpData({
      country: [read('geo-whois-asn-country', 0), read('geo-whois-asn-country', 1)],
      asn: [read('asn', 0), read('asn', 1)],
      versions,
    });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, bytes);
    fs.renameSync(temp, file);
  }
  return relative;
}

/** Bundle folder -> files relative to the project root, for VetflowFunction's bundleFiles. */
export function ipDataBundleFiles(): Record<string, readonly string[]> {
  return {
    [IP_DATA_BUNDLE_DIR]: [compactIpDataFile()],
    ...Object.fromEntries(Object.entries(packages).map(([pkg, { notices }]) => [`${IP_DATA_BUNDLE_DIR}/${pkg}`, notices.map((f) => `node_modules/@ip-location-db/${pkg}/${f}`)])),
  };
}
