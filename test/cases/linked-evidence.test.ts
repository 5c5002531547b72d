import { describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../../shared/domain/cases/case-model';
import { linkedCaseIds } from '../../shared/domain/cases/linked-evidence';
import { finding } from '../../shared/domain/finding';

const record = (stage: EvidenceRecord['stage'], refs: { kind: string; detail?: Record<string, unknown> }[], data?: Record<string, unknown>): EvidenceRecord => ({
  caseId: 'ob_self',
  stage,
  runId: `run-${stage}`,
  recordedAt: '2026-12-06T10:00:00.000Z',
  inputs: {},
  findings: [finding({ code: 'LINK_SHARED_CONTACT', stage, severity: 'medium', message: 'a link', evidence: refs })],
  ...(data ? { data } : {}),
});

describe('the other applicants a case\u2019s evidence names (what the reviewers could see)', () => {
  it('every shape a link is recorded in: otherCases ids, linkedCases ids or {caseId}, and a stage\u2019s data.linkedCases', () => {
    const ids = linkedCaseIds([
      record('screening', [{ kind: 'link', detail: { otherCases: ['ob_contact'], statuses: ['approved'] } }]),
      record('bank', [{ kind: 'link', detail: { linkedCases: [{ caseId: 'ob_account', status: 'checking' }] } }]),
      record('links', [], { linkedCases: ['ob_later'] }),
      record('document', [{ kind: 'link', detail: { linkedCases: [{ caseId: 'ob_image', status: 'rejected' }] } }]),
    ]);
    expect([...ids].sort()).toEqual(['ob_account', 'ob_contact', 'ob_image', 'ob_later']);
  });

  it('ignores what is not a link reference, and malformed lists', () => {
    const ids = linkedCaseIds([
      record('screening', [{ kind: 'list-entry', detail: { otherCases: ['ob_not_a_link'] } }]),
      record('bank', [{ kind: 'link', detail: { linkedCases: 'ob_string', otherCases: [42, null, { id: 'x' }] } }]),
      record('links', [], { linkedCases: { caseId: 'ob_object' } }),
    ]);
    expect([...ids]).toEqual([]);
  });
});
