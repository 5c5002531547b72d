import { join } from 'node:path';
import { loadCsvIpIntelligence } from '../../shared/signals/load-ip-intelligence';

const dir = join(import.meta.dirname, '..', 'fixtures', 'ip');

/** The small hand-written ip-location-db files under test/fixtures/ip. */
export const fixtureIpIntel = loadCsvIpIntelligence({
  country: [join(dir, 'country-ipv4.csv'), join(dir, 'country-ipv6.csv')],
  asn: [join(dir, 'asn-ipv4.csv'), join(dir, 'asn-ipv6.csv')],
});
