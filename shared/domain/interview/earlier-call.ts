import type { EvidenceRecord } from '../cases/case-model';
import type { InterviewEvent } from './next-interview-step';

/**
 * The last interview actually held with this applicant before the one being recorded, if any: a call the
 * interviewer can compare voice and face with (a stand-in at the second call is the pattern the FBI
 * describes). A no-show is no call. Sources: interviews recorded on the case earlier (a second interview
 * stage) and calls held earlier in this interview's own history. Pure.
 */
export function earlierCall(evidence: readonly Pick<EvidenceRecord, 'stage' | 'findings' | 'inputs' | 'recordedAt'>[], history: readonly InterviewEvent[]): { at: string } | undefined {
  const times: string[] = [];
  for (const e of evidence)
    if (e.stage === 'interview' && e.findings.some((f) => f.code === 'INT_INTERVIEW_RECORDED')) times.push(typeof e.inputs.slotStart === 'string' ? e.inputs.slotStart : e.recordedAt);
  for (const h of history) if (h.type === 'held') times.push(h.at);
  const last = times.sort().at(-1);
  return last ? { at: last } : undefined;
}
