import { describe, expect, it } from 'vitest';
import type { CaseRecord, EvidenceRecord } from '../../shared/domain/cases/case-model';
import { interviewOutcomeSchema, OUTCOME_PROTOCOL_VERSION, outcomeFindings } from '../../shared/domain/interview/outcome';
import { casePageView } from '../../shared/domain/links/case-page-view';
import type { LinkRecord } from '../../shared/domain/links/link-model';
import { renderCasePage } from '../../shared/domain/pages/case-page';
import { outcomeAnswerRows } from '../../shared/domain/pages/outcome-form';
import { onboardingRequestSchema } from '../../shared/domain/schemas/onboarding';
import * as z from '../../shared/domain/schemas/zod';
import fixture from '../fixtures/onboarding-request.json' with { type: 'json' };

const application = z.parse(onboardingRequestSchema, fixture);
const c: CaseRecord = {
  id: 'ob_1',
  clientId: 'hris',
  externalId: 'x-1',
  status: 'awaiting-approval',
  version: 3,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-02T00:00:00Z',
  executionName: 'ob-1',
  application,
  stages: {},
};
const link: LinkRecord = {
  tokenHash: 'h',
  caseId: 'ob_1',
  task: 'approval',
  callbackId: 'cb1',
  purpose: 'review',
  actions: ['approve', 'reject', 'request-info'],
  recipient: { name: 'Rita Reviewer', email: 'rita.reviewer@example.com', role: 'reviewer' },
  createdAt: '2026-01-02T00:00:00Z',
  expiresAt: '2026-01-04T00:00:00Z',
};
const interviewEvidence = (findings: EvidenceRecord['findings'], data: unknown): EvidenceRecord => ({
  caseId: 'ob_1',
  stage: 'interview',
  runId: 'r1',
  recordedAt: '2026-01-02T10:00:00Z',
  inputs: { interviewerId: 'iv-1', slotStart: '2026-01-02T09:00:00Z' },
  findings,
  data: data as Record<string, unknown>,
});
const page = (evidence: EvidenceRecord[]) => {
  const view = casePageView({ c, evidence, audit: [], link, csrf: 't', interviewers: [{ id: 'iv-1', name: 'Ines Interviewer' }] });
  return { view, html: renderCasePage(view) };
};

describe('the interview protocol on the reviewer case page', () => {
  it('shows a face-swap-suspected finding with the question asked and the answer given, and the phrase with its answer', () => {
    const outcome = interviewOutcomeSchema.parse({
      attended: 'yes',
      cameraOnThroughout: 'yes',
      faceMatchesDocument: 'unsure',
      locationConsistent: 'yes',
      livenessHandInFront: 'no',
      livenessProfile: 'yes',
      phraseRead: 'yes',
      homeCityConvincing: 'yes',
      protocolRefused: 'no',
      livenessWindow: 'yes',
      spokeClaimedLanguages: 'yes',
      readingAnswers: 'no',
    });
    const shown = { phrase: 'maple harbor quiet tiger', homeCity: 'Kraków, Poland (PL)' };
    const findings = outcomeFindings(outcome, { claimedLanguages: ['pl'], residenceCountry: 'PL', interviewerId: 'iv-1', slotStart: '2026-01-02T09:00:00Z', ...shown });
    const { view, html } = page([interviewEvidence(findings, { answers: outcomeAnswerRows(outcome, shown), step: 'done', protocolVersion: OUTCOME_PROTOCOL_VERSION, phrase: shown.phrase })]);
    expect(view.interview!.protocolVersion).toBe(2);
    expect(html).toContain('INT_FACE_SWAP_SUSPECTED');
    expect(html).toContain('Hand in front of the face: when asked, did they pass a hand slowly in front of their face');
    expect(html).toMatch(/<dt>Answer<\/dt><dd>no<\/dd>/);
    expect(html).toContain('yes (phrase: &quot;maple harbor quiet tiger&quot;)');
    expect(html).not.toContain('Recorded before the protocol');
  });

  it('still reads an outcome stored before the protocol (no version, the old questions), and says so', () => {
    const old = {
      answers: [
        { question: 'Did the contractor attend?', answer: 'yes' },
        { question: 'Liveness: did they pass a hand slowly in front of their face when asked?', answer: 'yes' },
      ],
      step: 'done',
    };
    const { view, html } = page([interviewEvidence([], old)]);
    expect(view.interview).toMatchObject({ status: 'held', protocolVersion: 1, answers: old.answers });
    expect(html).toContain('Liveness: did they pass a hand slowly in front of their face when asked?');
    expect(html).toContain('Recorded before the protocol against stand-ins and face swaps');
  });

  it('shows an interview whose stored data is damaged, without answers rather than failing', () => {
    const { view } = page([interviewEvidence([], { answers: 'not a list', step: 7 })]);
    expect(view.interview).toMatchObject({ status: 'held', answers: [] });
  });
});
