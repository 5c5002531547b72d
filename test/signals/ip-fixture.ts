import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCsvIpIntelligence } from '../../shared/domain/signals/csv-ip-intelligence';

const dir = join(import.meta.dirname, '..', 'fixtures', 'ip');
const read = (...names: string[]) => names.map((n) => readFileSync(join(dir, n), 'utf8'));

/** The small hand-written ip-location-db files under test/fixtures/ip. */
export const fixtureIpIntel = createCsvIpIntelligence({
  country: read('country-ipv4.csv', 'country-ipv6.csv'),
  asn: read('asn-ipv4.csv', 'asn-ipv6.csv'),
});
