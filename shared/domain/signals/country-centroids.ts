/**
 * One representative point per country for the impossible-travel rule: the main population centre
 * rather than the geometric centroid, because the centroid of Russia or Canada is far from where almost
 * everybody logs in. Coarse on purpose (about a degree): the rule only compares countries at least
 * policy.signals.impossibleTravelMinKm apart. Countries missing here are skipped, and the finding's
 * evidence says how many login pairs could not be checked.
 */
export const countryPoints: Readonly<Record<string, readonly [lat: number, lon: number]>> = {
  US: [37.5, -91], CA: [45.5, -76], MX: [19.4, -99.1], BR: [-21, -46], AR: [-34.6, -58.4], CO: [4.6, -74.1],
  CL: [-33.4, -70.7], PE: [-12, -77], VE: [10.5, -66.9], CU: [22, -79.5],
  GB: [52.5, -1.5], IE: [53.3, -6.3], FR: [47, 2.5], DE: [51, 9.5], NL: [52.2, 5], BE: [50.8, 4.4],
  ES: [40.4, -3.7], PT: [39.5, -8.5], IT: [42.5, 12.5], CH: [47, 8], AT: [48, 15], PL: [52, 19.5],
  CZ: [50, 15], SK: [48.5, 19], HU: [47.5, 19], RO: [45, 26], BG: [42.7, 24.5], RS: [44.5, 20.5],
  UA: [49.5, 31], BY: [53.9, 27.6], RU: [55.8, 37.6], LT: [55, 24], LV: [57, 24.5], EE: [59, 25],
  FI: [61, 25], SE: [59, 16], NO: [60, 10], DK: [56, 10.5], GR: [38.5, 23.5], TR: [40, 32],
  IL: [32, 34.9], AE: [25, 55], SA: [24.7, 46.7], EG: [30, 31.2], NG: [7.5, 5], KE: [-1.3, 36.8],
  ZA: [-27, 28], MA: [33.5, -7], IR: [35.7, 51.4], SY: [34, 36.5], PK: [30, 71], IN: [22.5, 79],
  BD: [23.8, 90.4], LK: [7, 80], NP: [27.7, 85.3], CN: [32, 114], HK: [22.3, 114.2], TW: [24, 121],
  JP: [35.7, 139], KR: [37.5, 127], KP: [39, 125.8], MN: [47.9, 106.9], VN: [16, 106.5], TH: [14, 100.5],
  MY: [3.1, 101.7], SG: [1.35, 103.8], ID: [-6.5, 108], PH: [14.6, 121], LA: [18, 102.6], KH: [11.6, 104.9],
  MM: [19, 96], AU: [-33.5, 148], NZ: [-38, 175.5], KZ: [47, 73], UZ: [41.3, 69.3], KG: [42.9, 74.6],
  GE: [41.7, 44.8], AM: [40.2, 44.5], AZ: [40.4, 49.9],
};

/** Great-circle distance in km (haversine). */
export function distanceKm(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
