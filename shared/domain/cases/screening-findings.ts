import { finding, type Finding } from '../finding';
import type { ScreeningHit, ScreeningResult } from '../screening/screen-person';

const guidance = 'EO 13722 / 13810, 31 CFR 510: dealings with listed DPRK persons are prohibited';

export interface ScreenedSubject {
  /** Who was screened, for the reviewer: "applicant", "reference at Acme", "bank (BIC)", ... */
  role: string;
  field: string;
  result: ScreeningResult;
  /** The name screened, where it is not the applicant's own (another holder of the payout account). */
  name?: string;
}

/** Hits as findings: a strong match is a hard stop (compliance hold), a potential one goes to review. */
export function screeningFindings(subjects: readonly ScreenedSubject[]): Finding[] {
  const out: Finding[] = [];
  for (const s of subjects)
    for (const hit of s.result.hits) {
      if (hit.score < s.result.thresholds.potential) continue;
      const strong = hit.score >= s.result.thresholds.strong;
      out.push(
        finding({
          code: strong ? 'SCR_STRONG_MATCH' : 'SCR_POTENTIAL_MATCH',
          stage: 'screening',
          severity: strong ? 'critical' : 'high',
          hardStop: strong,
          message: `${cap(s.role)} ${strong ? 'strongly matches' : 'may match'} ${hit.source === 'un' ? 'UN' : 'OFAC SDN'} entry ${hit.sourceId} "${hit.name}" (score ${hit.score.toFixed(2)}): ${hit.reasons.join('; ')}.`,
          evidence: [{ kind: 'screening-hit', field: s.field, detail: { source: hit.source, sourceId: hit.sourceId, score: hit.score, programs: hit.programs, listVersion: s.result.listVersion } }],
          guidance,
        }),
      );
    }
  return out;
}

/** The side-by-side rows of the case page. */
export function hitViews(subjects: readonly ScreenedSubject[], submitted: (s: ScreenedSubject) => { name: string; birthDate?: string; nationality?: string; otherNames?: string[] }) {
  return subjects.flatMap((s) =>
    s.result.hits.map((h: ScreeningHit) => ({
      strength: h.level,
      score: h.score,
      list: h.source === 'un' ? 'UN Security Council consolidated list' : 'OFAC SDN list',
      entryId: h.sourceId,
      ...(h.programs.length ? { program: h.programs.join(', ') } : {}),
      submitted: submitted(s),
      listed: { name: h.entry.primaryName, aliases: h.entry.names, birthDates: h.entry.dobs, nationalities: h.entry.nationalities },
      matchedOn: h.reasons,
    })),
  );
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
