/**
 * Curated autonomous systems whose addresses are hosting or VPN exits. ASN data (the maintained
 * ip-location-db "asn" package, updated with `npm update`) says who owns an address, not what it is used
 * for; this list of the large cloud, CDN/edge and VPN operators, plus the provider names in
 * HOSTING_ORG_PATTERN (which catch their other autonomous systems in that data), stands in for a commercial
 * hosting/VPN feed: no maintained hosting or VPN ASN list is published on npm. Extend it when the case page
 * shows a provider we missed.
 */
export const HOSTING_ASNS: ReadonlySet<number> = new Set([
  16509,
  14618, // Amazon AWS
  8075, // Microsoft Azure
  15169,
  396982, // Google, Google Cloud
  14061, // DigitalOcean
  16276, // OVH
  24940, // Hetzner
  63949, // Akamai Connected Cloud (Linode)
  20473, // Vultr (Choopa)
  51167, // Contabo
  60781, // Leaseweb
  45102, // Alibaba Cloud
  132203, // Tencent Cloud
  31898, // Oracle Cloud
  12876, // Scaleway
  36352, // ColoCrossing
  53667, // FranTech / BuyVM
  62240, // Clouvider
  // Edge and CDN networks: their addresses are proxies and relays (Cloudflare WARP, iCloud Private Relay
  // egress), never a person's home line.
  13335,
  209242, // Cloudflare
  20940,
  16625, // Akamai
  54113, // Fastly
  8068,
  8069,
  8070,
  8071,
  8072,
  8073,
  8074, // Microsoft
  19527,
  36040,
  36384,
  36492,
  43515, // Google
  8987,
  16509,
  38895, // Amazon (more regions)
  36351, // IBM Cloud (SoftLayer)
  37963,
  45103, // Alibaba Cloud
  45090, // Tencent Cloud
  136907,
  55990, // Huawei Cloud
  47583, // Hostinger
  8560, // IONOS
  21859, // Zenlayer
  199524, // G-Core Labs
  40676, // Psychz Networks
  35540, // OVH
  200130,
  393406, // DigitalOcean
  28753,
  16265, // Leaseweb
  40021, // Contabo
  213230, // Hetzner
]);

/** Networks that mostly carry commercial VPN exits; also hosting, but reported as VPN. */
export const VPN_ASNS: ReadonlySet<number> = new Set([
  9009, // M247
  60068,
  212238, // Datacamp / CDN77
  136787, // TEFINCOM (NordVPN)
  147049, // PacketHub (NordVPN)
  39351, // 31173 Services (Mullvad)
  202425, // IP Volume
  46562, // Performive
]);

export const HOSTING_ORG_PATTERN =
  /\b(hosting|host|cloud|data ?cent(er|re)|datacamp|server|vps|colo(cation)?)\b|cloudflare|akamai|fastly|amazon|digitalocean|hetzner|\bovh\b|linode|vultr|choopa|contabo|leaseweb|scaleway|alibaba|tencent|huawei cloud|oracle|ibm cloud|g-core|zenlayer|psychz|hostinger|ionos/i;
export const VPN_ORG_PATTERN = /\b(vpn|proxy|tor exit)\b/i;
