/**
 * Curated autonomous systems whose addresses are hosting or VPN exits. ASN data (ip-location-db "asn")
 * says who owns an address, not what it is used for, so this short list plus the org-name patterns below
 * stand in for a commercial hosting/VPN feed. Extend it when the case page shows a provider we missed.
 */
export const HOSTING_ASNS: ReadonlySet<number> = new Set([
  16509, 14618, // Amazon AWS
  8075, // Microsoft Azure
  15169, 396982, // Google, Google Cloud
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
]);

/** Networks that mostly carry commercial VPN exits; also hosting, but reported as VPN. */
export const VPN_ASNS: ReadonlySet<number> = new Set([
  9009, // M247
  60068, 212238, // Datacamp / CDN77
  136787, // TEFINCOM (NordVPN)
  147049, // PacketHub (NordVPN)
  39351, // 31173 Services (Mullvad)
]);

export const HOSTING_ORG_PATTERN = /\b(hosting|host|cloud|data ?cent(er|re)|datacamp|server|vps|colo(cation)?)\b/i;
export const VPN_ORG_PATTERN = /\b(vpn|proxy|tor exit)\b/i;
