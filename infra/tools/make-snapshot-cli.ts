import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { makeSnapshot, SNAPSHOT_SOURCE_DIR } from '../../shared/adapters/sanctions-lists/sanctions-snapshot';

/**
 * `npm run sanctions:snapshot -- --from DIR --ofac-as-of YYYY-MM-DD`: replaces the committed snapshot with
 * the lists in DIR (a folder `npm run sanctions:update` filled, or any copy in the official layout).
 */
const root = resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { from: { type: 'string' }, 'ofac-as-of': { type: 'string' }, origin: { type: 'string' } },
  strict: true,
});
if (!values.from || !values['ofac-as-of']) {
  console.error('usage: npm run sanctions:snapshot -- --from DIR --ofac-as-of YYYY-MM-DD [--origin "where the files come from"]');
  process.exit(2);
}
const version = await makeSnapshot(values.from, resolve(root, SNAPSHOT_SOURCE_DIR), {
  ofacAsOf: values['ofac-as-of'],
  madeOn: new Date().toISOString().slice(0, 10),
  origin: values.origin ?? 'OFAC Sanctions List Service (SDN legacy CSV) and UN Security Council Consolidated List (XML)',
});
console.log(`snapshot ${version.id}: ${version.snapshot?.description ?? ''}`);
