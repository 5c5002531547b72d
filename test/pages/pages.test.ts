import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderCasePage } from '../../shared/domain/pages/case-page';
import { snapshotText } from '../../shared/domain/links/case-page-view';
import { parseDecisionForm } from '../../shared/domain/pages/decision-form';
import { layout } from '../../shared/domain/pages/layout';
import { html } from '../../shared/domain/pages/html';
import { renderOutcomeFormPage } from '../../shared/domain/pages/outcome-form-page';
import { outcomeAnswerRows, parseOutcomeForm } from '../../shared/domain/pages/outcome-form';
import { renderReferenceCheckPage } from '../../shared/domain/pages/reference-check-page';
import { parseReferenceForm } from '../../shared/domain/pages/reference-check-form';
import { renderResultPage, resultStatus } from '../../shared/domain/pages/result-page';
import { contentSecurityPolicy, pageSecurityHeaders } from '../../shared/domain/pages/security-headers';
import { renderSlotPickerPage } from '../../shared/domain/pages/slot-picker-page';
import { parseSlotPickForm } from '../../shared/domain/pages/slot-picker-form';
import { STYLESHEET_HASH } from '../../shared/domain/pages/stylesheet';
import { TIME_ZONE_SCRIPT, TIME_ZONE_SCRIPT_HASH } from '../../shared/domain/pages/time-zone-question';
import { caseView, XSS } from './fixtures';

const CSRF = 'csrf-token-abc';

/**
 * Every page: a complete document, no script of any kind (but the contractor forms' one time-zone filler,
 * exactly as its CSP hash pins it), every form a POST to the same URL with csrf.
 */
function assertSafePage(page: string) {
  expect(page.startsWith('<!doctype html>')).toBe(true);
  expect(page.split(`<script>${TIME_ZONE_SCRIPT}</script>`).join('')).not.toMatch(/<script/i);
  // Real tags only (escaped text such as "&lt;img onerror=...&gt;" is harmless and is checked elsewhere).
  for (const rawTag of page.match(/<[a-zA-Z][^>]*>/g) ?? []) {
    const tag = rawTag.replace(/"[^"]*"/g, '""'); // attribute values are escaped data, not markup
    expect(tag).not.toMatch(/\son[a-z]+\s*=/i); // inline event handlers
    expect(tag).not.toMatch(/javascript:/i);
    expect(tag).not.toMatch(/\sstyle\s*=/i); // inline style attributes are not covered by the hash
  }
  expect(page).not.toMatch(/(href|src|action)="\s*javascript:/i);
  const forms = page.match(/<form\b[^>]*>/g) ?? [];
  for (const f of forms) {
    expect(f).toMatch(/method="post"/);
    expect(f).not.toMatch(/action=/); // posts back to the link's own URL
  }
  const bodies = page.split(/<form\b/).slice(1);
  for (const b of bodies) expect(b.split('</form>')[0]).toContain(`<input type="hidden" name="csrf" value="${CSRF}">`);
  return forms.length;
}

describe('layout and CSP', () => {
  it('inlines exactly the stylesheet the CSP hash allows', () => {
    const page = layout({ title: 'T', body: html`<p>x</p>` });
    const css = page.match(/<style>([\s\S]*?)<\/style>/)![1]!;
    expect(`sha256-${createHash('sha256').update(css).digest('base64')}`).toBe(STYLESHEET_HASH);
    expect(contentSecurityPolicy()).toContain(`style-src '${STYLESHEET_HASH}'`);
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-inline|script-src/);
    expect(contentSecurityPolicy()).toContain("default-src 'none'");
    expect(contentSecurityPolicy({ imgSrc: ['https://photos.example', "'unsafe-inline'"] })).toContain("img-src 'self' https://photos.example;");
    expect(pageSecurityHeaders()).toMatchObject({ 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' });
  });

  it('can link the stylesheet instead', () => {
    const page = layout({ title: 'T', body: html``, styles: 'link' });
    expect(page).toContain('<link rel="stylesheet" href="/static/vetflow.css">');
    expect(page).not.toContain('<style>');
  });
});

describe('slot picker page', () => {
  const view = {
    contractorGivenName: 'Ravi',
    timeZone: 'Asia/Kolkata',
    slots: [
      { id: 'anna.20250304T0800Z', label: 'Tuesday 4 March 2025, 13:30–14:15 (Asia/Kolkata, UTC+05:30)' },
      { id: 'bob.20250305T1430Z', label: 'Wednesday 5 March 2025, 20:00–20:45 (Asia/Kolkata, UTC+05:30)' },
    ],
    canAskForOthers: true,
    deadline: '2025-03-04T00:00:00Z',
    csrf: CSRF,
  };

  it('renders a radio per slot and the "none of these work" option with proposal fields', () => {
    const page = renderSlotPickerPage(view);
    expect(assertSafePage(page)).toBe(1);
    expect(page).toContain('value="anna.20250304T0800Z"');
    expect(page).toContain('value="bob.20250305T1430Z"');
    expect(page).toContain('name="choice" value="none"');
    expect(page.match(/type="datetime-local"/g)).toHaveLength(3);
    expect(page).toContain('Asia/Kolkata');
  });

  it('tells the contractor in advance what the call involves, and shows no photo', () => {
    const page = renderSlotPickerPage(view);
    const section = /<section class="card" id="what-the-call-involves">([\s\S]*?)<\/section>/.exec(page)![1]!;
    for (const item of [
      'camera on',
      'pass a hand slowly in front of your face',
      'turn your head fully to each side',
      'read aloud a short phrase',
      'the city where you live',
      'no virtual or blurred background',
    ])
      expect(section).toContain(item);
    expect(page).not.toContain('<img');
  });

  it('asks for the time zone without script (a UTC offset select) and has the one hash-pinned script fill a hidden field', () => {
    const page = renderSlotPickerPage({ ...view, values: { utcOffset: '+05:30' } });
    expect(page).toContain('<select id="utcOffset" name="utcOffset">');
    expect(page).toContain('<option value="+05:30" selected>UTC+05:30</option>');
    expect(page).toContain('<input type="hidden" name="tz" value="">');
    const script = /<script>([^<]*)<\/script>/.exec(page)![1]!;
    expect(`sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}`).toBe(TIME_ZONE_SCRIPT_HASH);
    expect(contentSecurityPolicy({ scriptHashes: [TIME_ZONE_SCRIPT_HASH] })).toContain(`script-src '${TIME_ZONE_SCRIPT_HASH}'`);
    // Only well-formed hashes reach the policy: no way to smuggle 'unsafe-inline' through the option.
    expect(contentSecurityPolicy({ scriptHashes: ["'unsafe-inline'", 'sha256-x'] })).not.toContain('script-src');
  });

  it('offers no "none" option on the second round', () => {
    const page = renderSlotPickerPage({ ...view, canAskForOthers: false });
    expect(page).not.toContain('value="none"');
    expect(page).not.toContain('type="datetime-local"');
  });

  it('keeps the choice and shows errors after a failed POST, escaping what came back', () => {
    const page = renderSlotPickerPage({ ...view, values: { choice: 'none', proposed1: XSS }, errors: { proposed1: 'suggest at least one time' } });
    assertSafePage(page);
    expect(page).toContain('value="none" checked');
    expect(page).toContain('suggest at least one time');
  });

  it('parses picks: offered slot, crafted slot, other times, "none" when not allowed', () => {
    const ids = view.slots.map((s) => s.id);
    expect(parseSlotPickForm({ csrf: CSRF, choice: ids[0]! }, ids, true)).toEqual({ ok: true, value: { kind: 'slot', slotId: ids[0] } });
    expect(parseSlotPickForm({ choice: 'eve.20250304T0800Z' }, ids, true).ok).toBe(false);
    expect(parseSlotPickForm({ choice: 'none', proposed1: '', proposed2: '2025-03-05T02:00', note: ' ' }, ids, true)).toEqual({
      ok: true,
      value: { kind: 'other-times', proposedLocalTimes: ['2025-03-05T02:00'] },
    });
    expect(parseSlotPickForm({ choice: 'none' }, ids, true)).toEqual({ ok: false, errors: { proposed1: expect.any(String) } });
    expect(parseSlotPickForm({ choice: 'none', proposed1: '2025-03-05T02:00' }, ids, false).ok).toBe(false);
    expect(parseSlotPickForm({}, ids, true)).toEqual({ ok: false, errors: { choice: expect.any(String) } });
  });
});

describe('interviewer outcome form', () => {
  const view = {
    interviewerName: 'Anna Nowak',
    contractorName: `Ravi ${XSS}`,
    slotLabel: 'Tuesday 4 March 2025, 09:00–09:45 (Europe/Warsaw, UTC+01:00)',
    claimedResidence: 'India (IN)',
    claimedLanguages: ['Hindi', 'English'],
    photos: { document: 'https://docs.s3.eu-west-1.amazonaws.com/uploads/c/front?X-Amz-Signature=abc', selfie: 'https://docs.s3.eu-west-1.amazonaws.com/uploads/c/selfie?X-Amz-Signature=def' },
    phrase: 'maple harbor quiet tiger',
    homeCity: `Pune ${XSS}, India (IN)`,
    csrf: CSRF,
  };

  it('asks every question with yes/no/unsure radios and escapes the contractor name', () => {
    const page = renderOutcomeFormPage(view);
    expect(assertSafePage(page)).toBe(1);
    for (const name of [
      'attended',
      'cameraOnThroughout',
      'faceMatchesDocument',
      'locationConsistent',
      'livenessHandInFront',
      'livenessProfile',
      'phraseRead',
      'homeCityConvincing',
      'protocolRefused',
      'livenessWindow',
      'spokeClaimedLanguages',
      'readingAnswers',
    ])
      expect(page).toContain(`name="${name}"`);
    expect(page).toContain('name="remarks"');
    expect(page).toContain('&lt;script&gt;');
    expect(page).toContain('<img src="https://docs.s3.eu-west-1.amazonaws.com/uploads/c/front?X-Amz-Signature=abc"');
    expect(page).toContain('<img src="https://docs.s3.eu-west-1.amazonaws.com/uploads/c/selfie?X-Amz-Signature=def"');
    expect(page).toContain('Pune &lt;script&gt;');
  });

  it('hides the phrase in a <details> element, which the interviewer opens at the moment they ask for it', () => {
    const page = renderOutcomeFormPage(view);
    expect(page).toMatch(/<details><summary>Reveal the phrase[^<]*<\/summary><p><strong class="code" id="interview-phrase">maple harbor quiet tiger<\/strong><\/p><\/details>/);
  });

  it('asks about the earlier call only when there was one', () => {
    expect(renderOutcomeFormPage(view)).not.toContain('name="sameAsEarlierCall"');
    expect(renderOutcomeFormPage(view)).toContain('there was no earlier call');
    expect(renderOutcomeFormPage({ ...view, earlierCall: { label: 'Monday 3 March 2025, 09:00' } })).toContain('name="sameAsEarlierCall"');
  });

  it('says when a photo is missing, and when the photos cannot be signed', () => {
    expect(renderOutcomeFormPage({ ...view, photos: { selfie: view.photos.selfie } })).toContain('No document photo was uploaded at intake.');
    expect(renderOutcomeFormPage({ ...view, photos: { document: view.photos.document } })).toContain('No selfie was uploaded at intake.');
    const none = renderOutcomeFormPage({ ...view, photos: { unavailable: true } });
    expect(none).toContain('could not be loaded');
    expect(none).not.toContain('<img');
  });

  it('turns an outcome into question/answer rows for the case page, with the phrase and the city shown', () => {
    const rows = outcomeAnswerRows(
      {
        attended: 'yes',
        cameraOnThroughout: 'no',
        faceMatchesDocument: 'yes',
        locationConsistent: 'unsure',
        livenessHandInFront: 'yes',
        livenessProfile: 'no',
        phraseRead: 'yes',
        homeCityConvincing: 'unsure',
        sameAsEarlierCall: 'n/a',
        protocolRefused: 'no',
        livenessWindow: 'yes',
        spokeClaimedLanguages: 'yes',
        readingAnswers: 'no',
      },
      { phrase: 'maple harbor quiet tiger', homeCity: 'Pune, India (IN)' },
    );
    expect(rows).toHaveLength(13);
    expect(rows[1]).toEqual({ question: 'Was the camera on for the whole interview?', answer: 'no' });
    expect(rows.find((r) => r.question.startsWith('Phrase'))!.answer).toBe('yes (phrase: "maple harbor quiet tiger")');
    expect(rows.find((r) => r.question.startsWith('Home city'))!.answer).toBe('unsure (claimed home city: Pune, India (IN))');
    expect(outcomeAnswerRows({ attended: 'no' })).toEqual([{ question: 'Did the contractor attend?', answer: 'no (no-show)' }]);
  });

  it('parses the POST into an outcome, or field errors naming every missing protocol answer', () => {
    expect(parseOutcomeForm({ attended: 'no', csrf: CSRF })).toEqual({ ok: true, value: { attended: 'no' } });
    const r = parseOutcomeForm({ attended: 'yes', csrf: CSRF });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(Object.keys(r.errors)).toEqual(
        expect.arrayContaining(['cameraOnThroughout', 'livenessHandInFront', 'livenessProfile', 'phraseRead', 'homeCityConvincing', 'faceMatchesDocument', 'protocolRefused']),
      );
    const page = renderOutcomeFormPage({ ...view, errors: r.ok ? {} : r.errors });
    expect(page).toContain('Answers missing or invalid');
    expect(page).toContain('<a href="#q-livenessProfile">Profile: did they turn their head fully');
  });

  it('needs the earlier-call answer only when there was an earlier call, and records n/a otherwise', () => {
    const answered = {
      attended: 'yes',
      cameraOnThroughout: 'yes',
      faceMatchesDocument: 'yes',
      locationConsistent: 'yes',
      livenessHandInFront: 'yes',
      livenessProfile: 'yes',
      phraseRead: 'yes',
      homeCityConvincing: 'yes',
      protocolRefused: 'no',
      livenessWindow: 'yes',
      spokeClaimedLanguages: 'yes',
      readingAnswers: 'no',
    };
    const without = parseOutcomeForm({ ...answered, sameAsEarlierCall: 'no' });
    expect(without.ok && without.value.attended === 'yes' && without.value.sameAsEarlierCall).toBe('n/a');
    const missing = parseOutcomeForm(answered, { earlierCall: true });
    expect(missing.ok ? [] : Object.keys(missing.errors)).toEqual(['sameAsEarlierCall']);
    expect(parseOutcomeForm({ ...answered, sameAsEarlierCall: 'n/a' }, { earlierCall: true }).ok).toBe(false);
    const given = parseOutcomeForm({ ...answered, sameAsEarlierCall: 'unsure' }, { earlierCall: true });
    expect(given.ok && given.value.attended === 'yes' && given.value.sameAsEarlierCall).toBe('unsure');
  });
});

describe('reviewer case page', () => {
  it('shows identity, findings with evidence, hits side by side, links, interview, audit and the four-eyes state', () => {
    const page = renderCasePage(caseView());
    expect(assertSafePage(page)).toBe(3);
    expect(page).toContain('1 of 2 approvals');
    expect(page).toContain('Tom Chen');
    expect(page).toContain('••••4567');
    expect(page).toContain('BANK_SHARED_ACCOUNT');
    expect(page).toContain('badge sev-high');
    expect(page).toContain('Similarity');
    expect(page).toContain('class="side-by-side"');
    expect(page).toContain('KIM Ravi');
    expect(page).toContain('OFAC SDN list');
    expect(page).toContain('name: token match');
    expect(page).toContain('HR-2025-0017');
    expect(page).toContain('Background was blurred.');
    expect(page).toContain('Onboarding started');
    // high before medium
    expect(page.indexOf('BANK_SHARED_ACCOUNT')).toBeLessThan(page.indexOf('BANK_HOLDER_MISMATCH'));
  });

  it('says plainly when screening ran against the committed snapshot, and which', () => {
    const text = 'the sanctions-list snapshot committed in the repository (OFAC SDN as of 2024-05-03, UN consolidated list as of 2026-02-27), not a fresh download';
    const page = renderCasePage(caseView({ screeningSnapshot: snapshotText({ description: text })! }));
    expect(page).toContain(`Screened against ${text}.`);
    expect(renderCasePage(caseView())).not.toContain('Screened against');
    expect(snapshotText(null)).toBeUndefined();
  });

  it('has approve, reject and request-info forms, each with a required reason', () => {
    const page = renderCasePage(caseView());
    for (const action of ['approve', 'reject', 'request-info']) expect(page).toContain(`name="action" value="${action}"`);
    expect(page.match(/<textarea[^>]*name="reason"[^>]*required/g)).toHaveLength(3);
  });

  it('leaves out approve and says why when the lead blocks it', () => {
    const page = renderCasePage(caseView({ actions: { allowed: ['reject', 'request-info'], approveBlockedReason: 'A strong sanctions match cannot be approved from a link.' } }));
    expect(assertSafePage(page)).toBe(2);
    expect(page).not.toContain('value="approve"');
    expect(page).toContain('strong sanctions match cannot be approved');
  });

  it('escapes every piece of submitted or stage-provided text, and neutralises hostile links', () => {
    const v = caseView({
      contractorName: XSS,
      relatedApplicants: [{ label: XSS, sharedAttributes: [XSS], url: 'javascript:alert(1)' }],
      stages: [{ name: 'signals', label: XSS, status: 'findings', findings: [{ code: 'SIG_X', severity: 'low', message: XSS, evidence: [{ kind: XSS, detail: { [XSS]: XSS } }] }] }],
    });
    const page = renderCasePage(v);
    assertSafePage(page);
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('href="#"');
  });

  it('parses decisions and requires a reason', () => {
    expect(parseDecisionForm({ action: 'approve', reason: '  Checked with the client.  ', csrf: CSRF })).toEqual({
      ok: true,
      value: { action: 'approve', reason: 'Checked with the client.' },
    });
    expect(parseDecisionForm({ action: 'approve', reason: ' ' })).toEqual({ ok: false, errors: { reason: expect.any(String) } });
    expect(parseDecisionForm({ action: 'delete', reason: 'because' })).toEqual({ ok: false, errors: { action: expect.any(String) } });
  });
});

describe('reference check page', () => {
  const view = { refereeName: 'Priya Shah', contractorName: 'Ravi Kumar', employer: 'Acme Pvt Ltd', claimedRole: 'Backend developer', claimedStartDate: '2019-01-01', csrf: CSRF };

  it('shows the claim and asks to confirm role and dates', () => {
    const page = renderReferenceCheckPage(view);
    expect(assertSafePage(page)).toBe(1);
    for (const name of ['knowsPerson', 'roleConfirmed', 'datesConfirmed', 'actualRole', 'actualStartDate', 'actualEndDate', 'refereeJobTitle', 'remarks']) expect(page).toContain(`name="${name}"`);
    expect(page).toContain('Backend developer');
    expect(page).toContain('present');
  });

  it('parses the response', () => {
    const ok = parseReferenceForm({ knowsPerson: 'yes', roleConfirmed: 'no', datesConfirmed: 'yes', actualRole: 'QA intern', actualStartDate: '', refereeJobTitle: 'HR manager', csrf: CSRF });
    expect(ok).toEqual({ ok: true, value: { knowsPerson: 'yes', roleConfirmed: 'no', datesConfirmed: 'yes', actualRole: 'QA intern', refereeJobTitle: 'HR manager' } });
    const bad = parseReferenceForm({ knowsPerson: 'yes', roleConfirmed: 'yes', datesConfirmed: 'yes', refereeJobTitle: 'HR', actualStartDate: '2020-01-01', actualEndDate: '2019-01-01' });
    expect(bad).toEqual({ ok: false, errors: { actualEndDate: expect.any(String) } });
  });
});

describe('result pages', () => {
  it.each([
    [{ kind: 'already-decided', decidedBy: 'Tom Chen', decidedAt: '2025-03-05T10:00:00Z', decision: 'approved' } as const, 409, 'already decided by'],
    [{ kind: 'link-expired' } as const, 410, 'expired'],
    [{ kind: 'link-used' } as const, 410, 'already used'],
    [{ kind: 'link-invalid' } as const, 404, 'not valid'],
    [{ kind: 'forbidden' } as const, 403, 'could not be accepted'],
    [{ kind: 'thank-you' } as const, 200, 'recorded'],
    // A busy case is the person's to retry, not a server fault: nothing recorded, the link still works.
    [{ kind: 'case-busy', retryAfterSeconds: 5 } as const, 409, 'your link still works'],
    [{ kind: 'error', reference: 'req-1' } as const, 503, 'req-1'],
  ])('%o -> %i', (view, status, text) => {
    const r = renderResultPage(view);
    expect(r.status).toBe(status);
    expect(resultStatus(view.kind)).toBe(status);
    expect(assertSafePage(r.html)).toBe(0);
    expect(r.html.toLowerCase()).toContain(text.toLowerCase());
  });

  it("says who decided and when, in the reader's zone", () => {
    const r = renderResultPage({ kind: 'already-decided', decidedBy: XSS, decidedAt: '2025-03-05T10:00:00Z', decision: 'approved', displayTimeZone: 'Asia/Kolkata' });
    expect(r.html).toContain('15:30 (Asia/Kolkata)');
    expect(r.html).not.toContain('<img src=x');
  });
});
