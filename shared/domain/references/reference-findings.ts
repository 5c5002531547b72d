import { finding, type Finding } from '../finding';
import type { ReferenceResponse } from '../pages/reference-check-form';

const guidance = '2022 DPRK IT worker advisory: verify employment history with previous employers';

/** What a former employer's answer says about the claimed job. "Unsure" is weaker evidence than "no". */
export function referenceFindings(r: ReferenceResponse, employer: string): Finding[] {
  const out: Finding[] = [];
  const evidence = [{ kind: 'reference-answer', detail: { employer } }];
  if (r.knowsPerson === 'no')
    out.push(finding({ code: 'REF_PERSON_UNKNOWN', stage: 'references', severity: 'high', message: `The reference at ${employer} does not know the contractor.`, evidence, guidance }));
  else {
    if (r.roleConfirmed !== 'yes')
      out.push(
        finding({
          code: 'REF_ROLE_NOT_CONFIRMED',
          stage: 'references',
          severity: r.roleConfirmed === 'no' ? 'medium' : 'low',
          message: `The reference at ${employer} ${r.roleConfirmed === 'no' ? 'does not confirm' : 'is unsure of'} the claimed role${r.actualRole ? ` (they say: ${r.actualRole})` : ''}.`,
          evidence,
          guidance,
        }),
      );
    if (r.datesConfirmed !== 'yes')
      out.push(
        finding({
          code: 'REF_DATES_NOT_CONFIRMED',
          stage: 'references',
          severity: r.datesConfirmed === 'no' ? 'medium' : 'low',
          message: `The reference at ${employer} ${r.datesConfirmed === 'no' ? 'does not confirm' : 'is unsure of'} the claimed dates.`,
          evidence,
          guidance,
        }),
      );
    if (r.knowsPerson === 'unsure')
      out.push(finding({ code: 'REF_PERSON_UNSURE', stage: 'references', severity: 'low', message: `The reference at ${employer} is unsure who the contractor is.`, evidence, guidance }));
  }
  return out;
}
