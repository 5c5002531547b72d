import type { CaseStatus } from '../cases/case-model';
import type { HoldInput, HoldResult } from '../cases/hold-case';
import type { CaseRepository } from '../cases/case-repository';
import { screeningFindings } from '../cases/screening-findings';
import { applicantQuery } from '../cases/screening-query';
import type { Policy } from '../policy/policy-schema';
import type { ScreeningIndex } from '../screening/build-index';
import { rescreen, type PreviousHit } from '../screening/monitor';

/** Contractors still onboarding or onboarded: the ones a new designation concerns. */
export const monitoredStatuses: readonly CaseStatus[] = ['approved', 'awaiting-interview', 'awaiting-approval', 'info-requested', 'checking'];

export interface RescreenDeps {
  repo: CaseRepository;
  audit: (caseId: string, actor: string, action: string, data: Record<string, unknown>) => Promise<void>;
  /** Holds the case (shared/cases/hold-case.ts): the compliance review mails the pool, the HRIS is told. */
  hold: (input: HoldInput) => Promise<HoldResult>;
}

export interface RescreenReport {
  listVersion: string;
  screened: number;
  reopened: { caseId: string; codes: string[] }[];
}

/**
 * Ongoing monitoring: when a new list version arrives, every monitored contractor is screened again. A
 * new or stronger hit is recorded as screening evidence for that list version, reopens the case on
 * compliance hold (whatever its status, an approval included) and alerts the compliance reviewers; hits a
 * reviewer already saw on an earlier version do not reopen anything.
 */
export async function rescreenActiveCases(deps: RescreenDeps, index: ScreeningIndex, policy: Policy): Promise<RescreenReport> {
  const thresholds = { potential: policy.sanctions.potentialMatch, strong: policy.sanctions.strongMatch };
  const report: RescreenReport = { listVersion: index.listVersion.id, screened: 0, reopened: [] };
  for (const status of monitoredStatuses) {
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await deps.repo.listByStatus(status, 100, cursor);
      cursor = page.cursor;
      for (const c of page.items) {
        report.screened++;
        const evidence = (await deps.repo.listEvidence(c.id)).filter((e) => e.stage === 'screening').sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
        if (evidence.some((e) => e.runId === `rescreen-${index.listVersion.id}`)) continue;
        const previousHits = evidence.flatMap((e) => (e.data?.applicantHits as PreviousHit[] | undefined) ?? []);
        const [change] = rescreen(index, [{ id: c.id, query: applicantQuery(c.application), previousHits }], thresholds);
        if (!change) continue;
        const findings = screeningFindings([{ role: 'the contractor (re-screened)', field: 'contractor', result: { ...change.result, hits: [...change.newHits, ...change.raisedHits.map((r) => r.hit)] } }]);
        if (!findings.length) continue;
        await deps.repo.putEvidence({
          caseId: c.id,
          stage: 'screening',
          runId: `rescreen-${index.listVersion.id}`,
          recordedAt: new Date().toISOString(),
          inputs: { listVersion: index.listVersion.id, trigger: 'new list version', thresholds },
          findings,
          data: { applicantHits: change.result.hits.map((h) => ({ source: h.source, sourceId: h.sourceId, score: h.score })) },
        });
        const codes = findings.map((f) => f.code);
        await deps.hold({
          caseId: c.id,
          source: 'rescreen',
          reason: `Re-screening on list version ${index.listVersion.id} found ${codes.join(', ')}.`,
          findings: codes,
          hardStop: findings.some((f) => f.hardStop),
        });
        await deps.audit(c.id, 'system', 'screening.reopened', { listVersion: index.listVersion.id, previousStatus: c.status, findings: codes });
        report.reopened.push({ caseId: c.id, codes });
      }
    } while (cursor);
  }
  return report;
}
