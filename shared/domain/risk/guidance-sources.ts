/**
 * The public guidance each rule rests on, so the case page can cite it and a reviewer (or an auditor) can
 * read the original. Ids are stable; titles and URLs are what the case page shows.
 */
export const guidanceSources = {
  ADVISORY_2022: {
    label: '2022 DPRK IT worker advisory',
    title: 'Guidance on the Democratic People’s Republic of Korea Information Technology Workers (State, Treasury, FBI)',
    date: '2022-05-16',
    url: 'https://ofac.treasury.gov/media/923126/download?inline',
  },
  FBI_PSA_2023: {
    label: 'FBI PSA Oct 2023',
    title: 'FBI PSA 231018: Additional Guidance on the DPRK Information Technology Workers',
    date: '2023-10-18',
    url: 'https://www.ic3.gov/PSA/2023/PSA231018',
  },
  FBI_PSA_2024: {
    label: 'FBI PSA May 2024',
    title: 'FBI PSA 240516: North Korea Leverages U.S.-Based Individuals to Defraud U.S. Businesses (laptop farms)',
    date: '2024-05-16',
    url: 'https://www.ic3.gov/PSA/2024/PSA240516',
  },
  FBI_PSA_2025_JAN: {
    label: 'FBI PSA Jan 2025',
    title: 'FBI PSA 250123: North Korean IT Workers Conducting Data Extortion',
    date: '2025-01-23',
    url: 'https://www.ic3.gov/PSA/2025/PSA250123',
  },
  FBI_PSA_2025_JUL: {
    label: 'FBI PSA Jul 2025',
    title: 'FBI PSA 250723: Update on North Korean IT Workers and U.S.-based facilitators',
    date: '2025-07-23',
    url: 'https://www.ic3.gov/PSA/2025/PSA250723-4',
  },
  OFAC_NKSR: {
    label: '31 CFR part 510',
    title: 'North Korea Sanctions Regulations, 31 CFR part 510 (EO 13722, EO 13810)',
    date: '2018-03-05',
    url: 'https://www.ecfr.gov/current/title-31/subtitle-B/chapter-V/part-510',
  },
  INDUSTRY: {
    label: 'industry reporting',
    title: 'Mandiant UNC5267, Microsoft “Jasper Sleet”, CrowdStrike “Famous Chollima” reports',
    date: '2024-09-23',
    url: 'https://cloud.google.com/blog/topics/threat-intelligence/mitigating-dprk-it-worker-threat',
  },
} as const satisfies Record<string, { label: string; title: string; date: string; url: string }>;

export type GuidanceSourceId = keyof typeof guidanceSources;
export type GuidanceSource = (typeof guidanceSources)[GuidanceSourceId];
