import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createCsvIpIntelligence } from '../../domain/signals/csv-ip-intelligence';
import { IP_DATA_FILE, loadCompactIpIntelligence } from './ip-data-compact';
import type { IpIntelligence } from '../../domain/signals/ip-intelligence';

let cached: IpIntelligence | undefined;

/**
 * IP intelligence from the ip-location-db packages (country from geo-whois-asn-country, networks from asn),
 * as the compact file the synth builds from them (ip-data-compact.ts) in `dir`: /var/task/ip-data in the
 * signals bundle on AWS, the same asset folder locally. Loaded once per execution environment, on the first
 * lookup (one file read of about 16 MB and no parsing: tens of milliseconds). Without the file the port
 * answers "unknown" and the IP rules that need it do not fire.
 */
export function ipIntelligence(dir: string | undefined): IpIntelligence {
  return { lookup: (ip) => loadIpIntelligence(dir).lookup(ip) };
}

/** The eager load behind ipIntelligence (the benchmark and the bundle test time it). */
export function loadIpIntelligence(dir: string | undefined): IpIntelligence {
  if (cached) return cached;
  const file = join(dir ?? '', IP_DATA_FILE);
  cached = dir && existsSync(file) ? loadCompactIpIntelligence(file) : createCsvIpIntelligence({});
  return cached;
}
