import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createCsvIpIntelligence } from './csv-ip-intelligence';
import type { IpIntelligence } from './ip-intelligence';
import { loadCsvIpIntelligence } from './load-ip-intelligence';

let cached: IpIntelligence | undefined;

/**
 * IP intelligence from the ip-location-db packages (country from geo-whois-asn-country, networks from asn)
 * in `dir`: node_modules/@ip-location-db locally, the copy shipped in the signals bundle on AWS
 * (/var/task/ip-data). Loaded once per execution environment, on the first lookup: a batch without logins
 * does not pay the load (a few seconds for the full files). Without data the port answers "unknown" and the
 * IP rules that need it do not fire.
 */
export function ipIntelligence(dir: string | undefined): IpIntelligence {
  return { lookup: (ip) => loadIpIntelligence(dir).lookup(ip) };
}

/** The eager load behind ipIntelligence (the benchmark and the bundle test time it). */
export function loadIpIntelligence(dir: string | undefined): IpIntelligence {
  if (cached) return cached;
  const file = (pkg: string, name: string) => join(dir ?? '', pkg, name);
  const country = ['ipv4', 'ipv6'].map((v) => file('geo-whois-asn-country', `geo-whois-asn-country-${v}.csv`)).filter((f) => dir && existsSync(f));
  const asn = ['ipv4', 'ipv6'].map((v) => file('asn', `asn-${v}.csv`)).filter((f) => dir && existsSync(f));
  cached = country.length || asn.length ? loadCsvIpIntelligence({ country, asn }) : createCsvIpIntelligence({});
  return cached;
}
