/**
 * Port for IP intelligence. The signal rules depend on this interface only, so the data source (CSV files
 * from ip-location-db, an MMDB, a commercial API prefetched by the handler) can change without touching
 * them. Lookups are synchronous: the rules are pure, and a remote source is resolved before they run.
 */
export interface IpInfo {
  ip: string;
  /** ISO 3166-1 alpha-2, upper case; undefined when the data has no entry. */
  country?: string;
  asn?: number;
  org?: string;
  /** Cloud, hosting or data-centre network: a person at home does not browse from there. */
  isHosting: boolean;
  /** A network known to sell VPN exits. */
  isVpn: boolean;
}

export interface IpIntelligence {
  lookup(ip: string): IpInfo;
}

/** Star Joint Venture (Ryugyong-dong, Pyongyang): North Korea's own address space (175.45.176.0/22). */
export const DPRK_ASNS: ReadonlySet<number> = new Set([131279]);

export function isDprkNetwork(info: IpInfo): boolean {
  return info.country === 'KP' || (info.asn !== undefined && DPRK_ASNS.has(info.asn));
}
