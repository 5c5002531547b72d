/**
 * The ip-location-db files the signals function ships with, laid out in its bundle as the packages lay them
 * out in node_modules/@ip-location-db, so shared/signals/ip-data.ts reads both the same way. Only the files
 * the lookup reads (dotted-address CSVs, IPv4 and IPv6) and the licences that come with the data (CC BY 4.0
 * attribution for the DB-IP part of the ASN data, the NRO and RouteViews terms) are copied: the "-num"
 * variants would double the size for nothing.
 */
export const IP_DATA_BUNDLE_DIR = 'ip-data';

const packages = {
  'geo-whois-asn-country': ['geo-whois-asn-country-ipv4.csv', 'geo-whois-asn-country-ipv6.csv', 'NRO_LICENSE', 'README.md'],
  asn: ['asn-ipv4.csv', 'asn-ipv6.csv', 'DBIP-LICENSE', 'NRO_LICENSE', 'ROUTEVIEWS-LICENSE', 'MODIFICATIONS', 'README.md'],
} as const;

/** Bundle folder -> files relative to the project root, for VetflowFunction's bundleFiles. */
export function ipDataBundleFiles(): Record<string, readonly string[]> {
  return Object.fromEntries(
    Object.entries(packages).map(([pkg, files]) => [`${IP_DATA_BUNDLE_DIR}/${pkg}`, files.map((f) => `node_modules/@ip-location-db/${pkg}/${f}`)]),
  );
}
