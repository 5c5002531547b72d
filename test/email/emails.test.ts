import { describe, expect, it } from 'vitest';
import { renderApprovalRequestEmail, type ApprovalRequestEmailInput } from '../../shared/domain/email/approval-request';
import { renderDeadlineReminderEmail, type ReminderPurpose } from '../../shared/domain/email/deadline-reminder';
import { headerSafe } from '../../shared/domain/email/email-frame';
import { renderEscalationEmail } from '../../shared/domain/email/escalation';
import { topFindings } from '../../shared/domain/email/finding-summary';
import { renderInterviewConfirmationEmail } from '../../shared/domain/email/interview-confirmation';
import { renderOutcomeFormRequestEmail } from '../../shared/domain/email/outcome-form-request';
import { renderReferenceRequestEmail } from '../../shared/domain/email/reference-request';
import type { RenderedEmail } from '../../shared/domain/email/rendered-email';
import { renderSlotInvitationEmail } from '../../shared/domain/email/slot-invitation';
import { buildInvitation } from '../../shared/domain/interview/invitation';

const XSS = '<b onmouseover="x">Ravi</b> & "Co" \'x\'';
const LINK = 'https://vetflow.example/l/AbCdEf0123456789_-AbCdEf0123456789_-AbCdEf0';
const PASSPORT = 'Z9876543';
const IBAN = 'PL61109010140000071219812874';
const IBAN_SPACED = 'PL61 1090 1014 0000 0712 1981 2874';
const ACCOUNT = '12345678901234';

function assertWellFormed(mail: RenderedEmail, link?: string) {
  expect(mail.subject.length).toBeGreaterThan(0);
  expect(mail.subject).not.toMatch(/[\r\n]/);
  expect(mail.text.trim().length).toBeGreaterThan(0);
  expect(mail.html).toMatch(/^<!doctype html>/);
  expect(mail.html).not.toMatch(/<script|<img|<link|@import/i); // nothing loads from outside, no tracking
  if (link) {
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(`href="${link}"`);
  }
}

function assertEscaped(mail: RenderedEmail) {
  expect(mail.html).not.toContain('<b onmouseover');
  expect(mail.html).toContain('&lt;b onmouseover=&quot;x&quot;&gt;Ravi&lt;/b&gt; &amp; &quot;Co&quot; &#39;x&#39;');
  // the text body is plain text: shown as typed, never interpreted
  expect(mail.text).toContain(XSS);
}

function assertNoIdentifiers(mail: RenderedEmail) {
  for (const part of [mail.subject, mail.text, mail.html]) for (const id of [PASSPORT, IBAN, IBAN_SPACED, ACCOUNT, '1090 1014', '+48601234567']) expect(part).not.toContain(id);
}

/** A reviewer context as a careless caller might pass it: the whole case spread in. */
const approvalInput = {
  reviewerName: 'Maria Lopez',
  contractorName: XSS,
  externalId: 'HR-2025-0042',
  riskLevel: 'high',
  findings: [
    { severity: 'info', message: 'Document MRZ parsed.' },
    { severity: 'medium', message: `Payment to ${IBAN_SPACED} is not in the contractor's name.` },
    { severity: 'high', message: `Passport ${PASSPORT} issuing country differs from nationality.` },
    { severity: 'critical', message: `Account ${ACCOUNT} shared with another applicant since 2024-01-15.` },
  ],
  caseUrl: LINK,
  deadline: '2025-03-10T12:00:00Z',
  timeZone: 'Europe/Warsaw',
  approvals: { required: 2, given: 1 },
  // extra data that must not reach the email
  document: { number: PASSPORT },
  payment: { iban: IBAN, accountNumber: ACCOUNT },
  contractor: { phone: '+48601234567' },
} as ApprovalRequestEmailInput;

describe('reviewer approval request', () => {
  it('summarises who, risk level and top findings, most severe first, and links to the case', () => {
    const mail = renderApprovalRequestEmail(approvalInput);
    assertWellFormed(mail, LINK);
    expect(mail.subject).toContain('high risk');
    expect(mail.text).toContain('Risk level: high');
    expect(mail.text).toContain('Approvals: 1 of 2');
    expect(mail.text).not.toContain('Document MRZ parsed'); // info is noise in an email
    expect(mail.text.indexOf('CRITICAL')).toBeLessThan(mail.text.indexOf('HIGH:'));
    expect(mail.text).toContain('2024-01-15'); // dates survive redaction
    expect(mail.text).toContain('Monday 10 March 2025, 13:00 (Europe/Warsaw)');
  });

  it('escapes HTML in every interpolated value', () => {
    assertEscaped(renderApprovalRequestEmail(approvalInput));
  });

  it('contains no document, account or phone number even when given them', () => {
    assertNoIdentifiers(renderApprovalRequestEmail(approvalInput));
  });

  it('limits the list to the top five', () => {
    const many = Array.from({ length: 9 }, (_, i) => ({ severity: 'low' as const, message: `finding ${i}` }));
    expect(topFindings(many)).toHaveLength(5);
  });
});

describe('escalation to the backup reviewer', () => {
  it('names the missed reviewer, says nothing is auto-approved, and leaks no identifiers', () => {
    const mail = renderEscalationEmail({ ...approvalInput, backupReviewerName: 'Sam Backup', originalReviewerName: 'Maria Lopez' });
    assertWellFormed(mail, LINK);
    assertEscaped(mail);
    assertNoIdentifiers(mail);
    expect(mail.subject).toMatch(/^Escalated:/);
    expect(mail.text).toContain('Hello Sam Backup');
    expect(mail.text).toContain('Maria Lopez did not decide');
    expect(mail.text).toContain('never approved automatically');
  });
});

describe('contractor slot-picking invitation', () => {
  it('gives the link and deadline in the contractor zone, and nothing about the case', () => {
    const mail = renderSlotInvitationEmail({
      contractorGivenName: XSS,
      organisationName: 'Acme Corp',
      pickUrl: LINK,
      deadline: '2025-03-05T12:00:00Z',
      timeZone: 'Asia/Kolkata',
    });
    assertWellFormed(mail, LINK);
    assertEscaped(mail);
    expect(mail.text).toContain('17:30 (Asia/Kolkata)');
    expect(mail.text.toLowerCase()).not.toMatch(/risk|finding|sanction/);
    expect(renderSlotInvitationEmail({ contractorGivenName: 'R', organisationName: 'Acme', pickUrl: LINK, deadline: '2025-03-05T12:00:00Z', timeZone: 'UTC', round: 2 }).subject).toContain(
      'other times',
    );
  });

  it('refuses to render a javascript: link', () => {
    const mail = renderSlotInvitationEmail({ contractorGivenName: 'R', organisationName: 'A', pickUrl: 'javascript:alert(1)', deadline: '2025-03-05T12:00:00Z', timeZone: 'UTC' });
    expect(mail.html).not.toContain('javascript:');
    expect(mail.text).not.toContain('javascript:');
  });
});

describe('interview confirmation', () => {
  const invitation = buildInvitation({
    caseId: 'case-1',
    slot: { id: 'anna.20250304T0800Z', start: '2025-03-04T08:00:00Z', end: '2025-03-04T08:45:00Z' },
    organizer: { name: 'Vetflow', email: 'interviews@vetflow.example' },
    contractor: { name: 'Ravi Kumar', email: 'ravi@example.in' },
    interviewer: { name: 'Anna Nowak', email: 'anna@example.com' },
    meeting: { joinUrl: 'https://meet.jit.si/vetflow-abcdefghijklmnopqrstuvwxyz' },
    now: '2025-03-03T08:00:00Z',
  });

  it('tells each party the time in their own zone, the meeting link, and attaches the .ics', () => {
    const contractor = renderInterviewConfirmationEmail({
      recipient: 'contractor',
      recipientName: XSS,
      otherPartyName: 'Anna Nowak',
      slotStart: '2025-03-04T08:00:00Z',
      slotEnd: '2025-03-04T08:45:00Z',
      timeZone: 'Asia/Kolkata',
      meetingUrl: 'https://meet.jit.si/vetflow-abcdefghijklmnopqrstuvwxyz',
      invitation,
      organisationName: 'Acme Corp',
    });
    assertWellFormed(contractor, 'https://meet.jit.si/vetflow-abcdefghijklmnopqrstuvwxyz');
    assertEscaped(contractor);
    expect(contractor.text).toContain('13:30–14:15 (Asia/Kolkata');
    expect(contractor.text).toContain('camera on');
    // Told in advance what the call involves (issue 18): the checks, and no virtual background.
    expect(contractor.text).toContain('turn your head fully to each side');
    expect(contractor.text).toContain('read aloud a short phrase');
    expect(contractor.text).toContain('no virtual or blurred background');
    expect(contractor.attachments).toEqual([{ filename: 'invite.ics', contentType: 'text/calendar; method=REQUEST; charset=UTF-8', content: invitation.content }]);
    expect(contractor.attachments![0]!.content).toContain('METHOD:REQUEST');

    const interviewer = renderInterviewConfirmationEmail({
      recipient: 'interviewer',
      recipientName: 'Anna Nowak',
      otherPartyName: 'Ravi Kumar',
      slotStart: '2025-03-04T08:00:00Z',
      slotEnd: '2025-03-04T08:45:00Z',
      timeZone: 'Europe/Warsaw',
      meetingUrl: 'https://meet.jit.si/vetflow-abcdefghijklmnopqrstuvwxyz',
      invitation,
      organisationName: 'Acme Corp',
    });
    expect(interviewer.text).toContain('09:00–09:45 (Europe/Warsaw');
    expect(interviewer.text).toContain('protocol against stand-ins and face swaps');
    expect(interviewer.text).toContain('a phrase revealed only when you ask for it');
  });
});

describe('interviewer outcome-form link', () => {
  it('links to the form and lists what to record', () => {
    const mail = renderOutcomeFormRequestEmail({
      interviewerName: 'Anna Nowak',
      contractorName: XSS,
      slotLabel: 'Tuesday 4 March 2025, 09:00–09:45 (Europe/Warsaw, UTC+01:00)',
      formUrl: LINK,
      deadline: '2025-03-05T12:00:00Z',
      timeZone: 'Europe/Warsaw',
    });
    assertWellFormed(mail, LINK);
    assertEscaped(mail);
    expect(mail.text).toContain('no-show');
  });
});

describe('deadline reminders', () => {
  it.each<ReminderPurpose>(['pick-slot', 'interview-outcome', 'approval', 'reference', 'information'])('%s', (purpose) => {
    const mail = renderDeadlineReminderEmail({ purpose, recipientName: XSS, contractorName: 'Ravi Kumar', url: LINK, deadline: '2025-03-05T12:00:00Z', timeZone: 'America/New_York' });
    assertWellFormed(mail, LINK);
    assertEscaped(mail);
    expect(mail.subject).toMatch(/^Reminder/);
    expect(mail.text).toContain('07:00 (America/New_York)');
  });
});

describe('reference check request', () => {
  it('asks a former employer to confirm role and dates, and nothing about risk', () => {
    const mail = renderReferenceRequestEmail({
      refereeName: 'Priya Shah',
      contractorName: XSS,
      employer: 'Acme Pvt Ltd',
      claimedRole: 'Backend developer',
      claimedStartDate: '2019-01-01',
      claimedEndDate: '2023-06-30',
      organisationName: 'Globex',
      url: LINK,
      deadline: '2025-03-12T12:00:00Z',
    });
    assertWellFormed(mail, LINK);
    assertEscaped(mail);
    expect(mail.text).toContain('Backend developer, 2019-01-01 to 2023-06-30');
    expect(mail.text.toLowerCase()).not.toMatch(/risk|finding|sanction|north korea/);
  });
});

describe('headerSafe', () => {
  it('removes line breaks that could inject headers', () => {
    expect(headerSafe('Approval\r\nBcc: evil@example.com')).toBe('Approval Bcc: evil@example.com');
    expect(renderSlotInvitationEmail({ contractorGivenName: 'R', organisationName: 'Acme\r\nBcc: x@y', pickUrl: LINK, deadline: '2025-03-05T12:00:00Z', timeZone: 'UTC' }).subject).not.toMatch(
      /[\r\n]/,
    );
  });
});
