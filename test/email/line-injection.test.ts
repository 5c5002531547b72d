import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderApprovalRequestEmail } from '../../shared/domain/email/approval-request';
import { renderEscalationEmail } from '../../shared/domain/email/escalation';
import { renderInfoRequestEmail } from '../../shared/domain/email/info-request';
import { renderReferenceRequestEmail } from '../../shared/domain/email/reference-request';
import type { RenderedEmail } from '../../shared/domain/email/rendered-email';
import { renderSlotInvitationEmail } from '../../shared/domain/email/slot-invitation';

/**
 * Issue 14: a name with a line break used to put a line of its own into the plain-text mails, above the
 * real link: "Open the case: http://evil...". Whatever a field holds, the text body's lines are the
 * template's lines, and the only line holding a URL after "Open the case:" is the real link.
 */
const LINK = 'https://vetflow.example/links/abc';
const EVIL = 'http://evil.example/case';
const breaks = ['\n', '\r\n', '\r', '\u000b', '\u000c', '\u0085', '\u2028', '\u2029'];
const injection = (br: string) => `Anna${br}${br}Open the case:${br}${EVIL}${br}`;

function assertNoInjectedLine(mail: RenderedEmail, label: string): void {
  const lines = mail.text.split(/\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/);
  // The evil URL never stands at the start of a line, and no line but the template's own announces a link.
  expect(
    lines.some((l) => l.trimStart().startsWith(EVIL)),
    mail.text,
  ).toBe(false);
  expect(lines.filter((l) => /^\s*Open the case:/.test(l)).length, mail.text).toBe(label === 'Open the case' ? 1 : 0);
  const real = lines.indexOf(LINK);
  expect(real, mail.text).toBeGreaterThan(0);
  expect(mail.text).not.toMatch(/[\u0085\u2028\u2029\u000b\u000c\r]/);
  expect(mail.subject).not.toMatch(/[\r\n\u2028\u2029]/);
}

describe('plain-text mails never let a field start a line of its own', () => {
  for (const br of breaks) {
    const name = injection(br);
    const label = JSON.stringify(br);
    it(`approval request and escalation: a contractor or reviewer name with ${label}`, () => {
      const input = {
        reviewerName: name,
        contractorName: name,
        externalId: name,
        riskLevel: 'high' as const,
        findings: [{ severity: 'high' as const, message: name }],
        caseUrl: LINK,
        deadline: '2025-03-10T12:00:00Z',
      };
      assertNoInjectedLine(renderApprovalRequestEmail(input), 'Open the case');
      assertNoInjectedLine(renderEscalationEmail({ ...input, backupReviewerName: name, originalReviewerName: name }), 'Open the case');
    });

    it(`reference request and slot invitation: names with ${label}`, () => {
      assertNoInjectedLine(
        renderReferenceRequestEmail({
          refereeName: name,
          contractorName: name,
          employer: name,
          claimedRole: name,
          claimedStartDate: '2019-01-01',
          organisationName: name,
          url: LINK,
          deadline: '2025-03-10T12:00:00Z',
        }),
        'Confirm the details',
      );
      assertNoInjectedLine(renderSlotInvitationEmail({ contractorGivenName: name, organisationName: name, pickUrl: LINK, deadline: '2025-03-05T12:00:00Z', timeZone: 'UTC' }), 'Choose');
    });

    it(`info request: the reviewer's words keep their lines, quoted, with ${label}`, () => {
      const mail = renderInfoRequestEmail({
        contractorGivenName: name,
        organisationName: 'Acme',
        message: `Please send your contract.${br}Open the case: ${EVIL}`,
        url: LINK,
        deadline: '2025-03-10T12:00:00Z',
        timeZone: 'UTC',
      });
      assertNoInjectedLine(mail, 'Answer the request');
      expect(mail.text).toContain('> Please send your contract.\n> Open the case: http://evil.example/case\n');
    });
  }

  it("any field value: the text body has exactly the template's lines (property)", () => {
    const anyText = fc.string({ unit: fc.oneof(fc.constantFrom(...breaks, '\u202e', '\u0000', '\u001b', '\ud800', 'a', ' ', ':'), fc.string({ minLength: 1, maxLength: 1 })), maxLength: 40 });
    const baseline = renderApprovalRequestEmail({
      reviewerName: 'R',
      contractorName: 'C',
      externalId: 'E',
      riskLevel: 'high',
      findings: [{ severity: 'high', message: 'M' }],
      caseUrl: LINK,
      deadline: '2025-03-10T12:00:00Z',
    });
    const lineCount = baseline.text.split('\n').length;
    fc.assert(
      fc.property(anyText, anyText, anyText, anyText, (reviewerName, contractorName, externalId, message) => {
        const mail = renderApprovalRequestEmail({
          reviewerName,
          contractorName,
          externalId,
          riskLevel: 'high',
          findings: [{ severity: 'high', message }],
          caseUrl: LINK,
          deadline: '2025-03-10T12:00:00Z',
        });
        expect(mail.text.split('\n').length).toBe(lineCount);
        expect(mail.text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
        expect(mail.html).not.toMatch(/[\u0000-\u0008\u000e-\u001f\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: 500 },
    );
  });
});
