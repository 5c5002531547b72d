import { readFileSync } from 'node:fs';
import { createCsvIpIntelligence } from './csv-ip-intelligence';
import type { IpIntelligence } from './ip-intelligence';

/**
 * Reads ip-location-db CSV files from disk once, at cold start (e.g. from the @ip-location-db/asn and
 * @ip-location-db/geo-whois-asn-country packages, or files shipped in the Lambda bundle).
 */
export function loadCsvIpIntelligence(files: { country?: readonly string[]; asn?: readonly string[] }): IpIntelligence {
  const read = (paths: readonly string[] = []) => paths.map((p) => readFileSync(p, 'utf8'));
  return createCsvIpIntelligence({ country: read(files.country), asn: read(files.asn) });
}
