import type { Severity, StageName } from '../domain/finding';
import { csrfField, facts, fieldError, findingList, formErrorSummary, link, severityBadge, type FindingView, type FormState } from './components';
import type { DecisionAction } from './decision-form';
import { formatInstant } from './format';
import { html, type SafeHtml } from './html';
import { layout } from './layout';
import { inspectName } from '../screening/unicode-fold';

const visibleName = (name: string): string => inspectName(name).visible;

/** Identity as the HRIS submitted it. Document number already masked by the caller (maskIdentifier). */
export interface IdentityView {
  legalName: string;
  otherNames: readonly string[];
  birthDate: string;
  nationality: string;
  residenceCountry: string;
  email: string;
  phone: string;
  timeZone: string;
  languages: readonly string[];
  address?: string;
  document: { type: string; issuingCountry: string; numberMasked: string; expiryDate: string };
  employment: readonly { employer: string; role: string; startDate: string; endDate?: string; country?: string; reference?: string }[];
  engagement?: { role?: string; company?: string; startDate?: string };
}

/** One payout account, masked ("IBAN DE…3000"): never the number. */
export interface PayoutAccountView {
  account: string;
  method: string;
  bankCountry?: string;
  since: string;
  otherHolder?: boolean;
  intake?: boolean;
}

/** The account the contractor is paid into now, and those given before it (oldest first). */
export interface PayoutView {
  current: PayoutAccountView;
  earlier: readonly PayoutAccountView[];
}

/** Where the contractor's confirmation of the two test deposits stands. */
export interface MicroDepositView {
  status: 'awaiting-confirmation' | 'confirmed' | 'failed' | 'unverified' | 'new-account-unproven';
  currency?: string;
  /** The account the deposits went to (masked), for those a payout change sent. */
  account?: string;
  /** Proven by deposits confirmed before this change (a change back to an account already proven). */
  provenBefore?: boolean;
  sentAt?: string;
  attempts: number;
  attemptsLeft: number;
}

export type StageStatus = 'pending' | 'running' | 'passed' | 'findings' | 'hard-stop' | 'unavailable' | 'waiting' | 'done' | 'failed' | 'skipped';

export interface StageView {
  name: StageName;
  /** Heading shown to the reviewer, e.g. "Document check". */
  label: string;
  /** The case model's stage states (shared/cases), plus 'skipped'. */
  status: StageStatus;
  findings: readonly FindingView[];
}

/**
 * One screening hit: what was submitted next to what the list says, so the reviewer compares rather than
 * trusts a score. Field names follow shared/screening's ScreeningHit (level, source, sourceId, reasons)
 * and its EntrySummary (listed.name = primaryName, aliases = names, birthDates = dobs).
 */
export interface ScreeningHitView {
  level: 'strong' | 'potential' | 'weak';
  /** 0..1 */
  score: number;
  /** 'ofac-sdn', 'un', ... */
  source: string;
  sourceId: string;
  programs: readonly string[];
  /** Which fields matched how, in plain words. */
  reasons: readonly string[];
  sourceUrl?: string;
  submitted: { name: string; birthDate?: string; nationality?: string; otherNames?: readonly string[] };
  listed: {
    name: string;
    aliases: readonly string[];
    birthDates: readonly string[];
    placesOfBirth?: readonly string[];
    nationalities: readonly string[];
    listedOn?: string;
    remarks?: string;
  };
}

export interface RelatedApplicantView {
  /** e.g. the other case's external id; never the other person's personal data beyond a name. */
  label: string;
  /** What is shared: "bank account", "phone", "résumé text", ... */
  sharedAttributes: readonly string[];
  status?: string;
  url?: string;
}

export interface InterviewView {
  status: 'not-scheduled' | 'scheduled' | 'held' | 'no-show' | 'review';
  slotLabel?: string;
  interviewerName?: string;
  answers: readonly { question: string; answer: string }[];
  remarks?: string;
  /** 1: recorded before the protocol against stand-ins and face swaps (hand, profile, phrase, home city). */
  protocolVersion?: number;
}

/** The risk decision's arithmetic, as stored with the decision (RiskSummary). */
export interface RiskView {
  outcome: 'clear' | 'review' | 'hold';
  score: number;
  thresholds?: { review: number; hold: number };
  /** Each counted fact: what it added and which findings spoke about it. */
  facts: readonly { fact: string; weight: number; code: string; codes: readonly string[] }[];
  hardStops: readonly string[];
  policyVersion: string;
  explanation: readonly string[];
}

export interface AuditEntryView {
  at: string;
  actor: string;
  action: string;
  detail?: string;
}

export interface CasePageView extends FormState {
  caseId: string;
  externalId: string;
  contractorName: string;
  riskLevel: Severity;
  /** How the risk decision was reached; absent before the decision ran. */
  risk?: RiskView;
  /** Plain status text, e.g. "Awaiting approval". */
  status: string;
  complianceHold?: boolean;
  deadline?: string;
  /** Zone the reviewer reads times in; defaults to UTC. */
  displayTimeZone?: string;
  viewer: { name: string };
  identity: IdentityView;
  stages: readonly StageView[];
  screeningHits: readonly ScreeningHitView[];
  /** Set when screening ran against the repository's snapshot (offline fallback): which one, in words. */
  screeningSnapshot?: string;
  relatedApplicants: readonly RelatedApplicantView[];
  interview?: InterviewView;
  /** Ownership proof by micro-deposits, when the policy asked for it. */
  microDeposits?: MicroDepositView;
  /** The payout account in use and the earlier ones (payout changes). */
  payout?: PayoutView;
  /** Each round of "ask the contractor for more information": the reviewer's request and the answer. */
  information?: readonly { request: string; requestedBy: string; answer: string; at: string }[];
  audit: readonly AuditEntryView[];
  /** Four-eyes: `required` is 2 when risk is high or a potential sanctions match is being cleared. */
  approvals: { required: 1 | 2; given: readonly { reviewerName: string; at: string }[] };
  /**
   * What this viewer may do. The lead decides (same reviewer twice, strong sanctions match); the page only
   * shows it. `approveBlockedReason` explains a missing approve button.
   */
  actions: { allowed: readonly DecisionAction[]; approveBlockedReason?: string };
  /** On the compliance review's page: why the case is held, and the votes so far. */
  hold?: HoldView;
  csrf: string;
}

export interface HoldView {
  since: string;
  hardStop: boolean;
  reasons: readonly { source: string; at: string; reason: string; findings: readonly string[] }[];
  votes: readonly { name: string; at: string; outcome: 'clear' | 'confirm'; reason: string }[];
  /** How many different compliance reviewers must clear it. */
  clearancesRequired: number;
}

const ACTION_TEXT: Record<DecisionAction, { title: string; button: string; cls: string; help: string }> = {
  approve: { title: 'Approve', button: 'Approve onboarding', cls: 'approve', help: 'Why the findings above do not stop this onboarding.' },
  reject: { title: 'Reject', button: 'Reject onboarding', cls: 'reject', help: 'Why the contractor cannot be onboarded.' },
  'request-info': {
    title: 'Ask for more information',
    button: 'Send request to contractor',
    cls: 'secondary',
    help: 'What the contractor must provide. This text is sent to them.',
  },
  'confirm-hold': {
    title: 'Confirm the hold',
    button: 'Confirm: reject as a sanctions or policy match',
    cls: 'reject',
    help: 'Why this is a true match or a policy stop. The case ends rejected and its report pack is kept for the authorities.',
  },
  'clear-hold': {
    title: 'Clear as a false positive',
    button: 'Clear the hold',
    cls: 'approve',
    help: 'Why the listed entry is not this person (date of birth, nationality, identifiers...). A second, different compliance reviewer must also clear it.',
  },
};

function holdSection(h: HoldView, tz: string): SafeHtml {
  return html`<section class="card">
<p>${h.hardStop ? html`<span class="badge critical">Hard stop</span> ` : ''}On hold since ${formatInstant(h.since, tz)}. Clearing it takes ${h.clearancesRequired} different compliance reviewer${h.clearancesRequired === 1 ? '' : 's'}, each with a written reason.</p>
<table><thead><tr><th>When (${tz})</th><th>Raised by</th><th>Why</th><th>Findings</th></tr></thead><tbody>${h.reasons.map(
    (r) => html`<tr><td>${formatInstant(r.at, tz)}</td><td>${r.source}</td><td>${r.reason}</td><td>${r.findings.join(', ')}</td></tr>`,
  )}</tbody></table>
${h.votes.length ? html`<h3>Compliance decisions so far</h3><ul>${h.votes.map((v) => html`<li>${v.name} (${formatInstant(v.at, tz)}): <strong>${v.outcome === 'clear' ? 'clear' : 'confirm'}</strong>: ${v.reason}</li>`)}</ul>` : ''}
</section>`;
}

export function renderCasePage(view: CasePageView): string {
  const tz = view.displayTimeZone ?? 'UTC';
  const given = view.approvals.given.length;
  const body = html`
<section class="card">
${facts([
  ['Contractor', html`<strong>${view.contractorName}</strong>`],
  ['Reference', html`<span class="code">${view.externalId}</span>`],
  ['Risk level', html`${severityBadge(view.riskLevel)}${view.complianceHold ? html` <span class="badge hold">Compliance hold</span>` : ''}`],
  ['Status', view.status],
  ['Approvals', html`<span class="progress">${given} of ${view.approvals.required} approval${view.approvals.required === 1 ? '' : 's'}</span>${
    view.approvals.given.length ? html` <span class="muted">(${view.approvals.given.map((a, i) => html`${i ? ', ' : ''}${a.reviewerName} at ${formatInstant(a.at, tz)}`)})</span>` : ''
  }`],
  ['Decide by', view.deadline ? formatInstant(view.deadline, tz) : undefined],
])}
${view.approvals.required === 2 ? html`<p class="muted">Four-eyes rule: two different reviewers must approve this case.</p>` : ''}
</section>

${view.hold ? html`<h2>Why this case is on hold</h2>
${holdSection(view.hold, tz)}` : ''}
${view.risk ? riskSection(view.risk) : ''}

<h2>Identity as submitted</h2>
${identitySection(view.identity)}
${view.payout ? html`<h2>Payout account</h2>
${payoutSection(view.payout, tz)}` : ''}

<h2>Findings by stage</h2>
${view.stages.map(
  (s) => html`<section class="card"><h3>${s.label} <span class="muted">· ${stageStatusText(s.status)}</span></h3>${findingList(sortFindings(s.findings))}</section>`,
)}

<h2>Sanctions and watch-list screening</h2>
${view.screeningSnapshot ? html`<p class="notice"><strong>Screened against ${view.screeningSnapshot}.</strong> Screen again once current lists are available.</p>` : ''}
${view.screeningHits.length ? view.screeningHits.map((h) => screeningHit(h)) : html`<p class="muted">No screening hits.</p>`}

<h2>Links to other applicants</h2>
${
  view.relatedApplicants.length
    ? html`<table><thead><tr><th>Applicant</th><th>Shared with this case</th><th>Status</th></tr></thead><tbody>${view.relatedApplicants.map(
        (r) => html`<tr><td>${r.url ? link(r.url, r.label) : r.label}</td><td>${r.sharedAttributes.join(', ')}</td><td>${r.status ?? '—'}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">No other applicant shares an identifier with this case.</p>`
}

<h2>Video interview</h2>
${interviewSection(view.interview)}
${view.microDeposits ? html`<h2>Bank-account ownership (micro-deposits)</h2>
${microDepositSection(view.microDeposits, tz)}` : ''}
${
  view.information?.length
    ? html`<h2>Information from the contractor</h2>
${view.information.map(
  (i) => html`<section class="card"><p class="muted">Requested by ${i.requestedBy}; answered ${formatInstant(i.at, tz)}</p>
<p><strong>Request:</strong> ${i.request}</p>
<p><strong>Answer:</strong> ${i.answer}</p></section>`,
)}`
    : ''
}

<h2>Audit history</h2>
${
  view.audit.length
    ? html`<table><thead><tr><th>When (${tz})</th><th>Who</th><th>What</th><th>Detail</th></tr></thead><tbody>${view.audit.map(
        (a) => html`<tr><td>${formatInstant(a.at, tz)}</td><td>${a.actor}</td><td>${a.action}</td><td>${a.detail ?? ''}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">No events yet.</p>`
}

<h2>${view.hold ? 'Your compliance decision' : 'Your decision'}</h2>
${formErrorSummary(view)}
${view.actions.approveBlockedReason ? html`<div class="notice warn">${view.actions.approveBlockedReason}</div>` : ''}
<div class="actions">
${view.actions.allowed.map((a) => decisionForm(a, view))}
</div>`;
  return layout({ title: `${view.hold ? 'Compliance hold' : 'Review'}: ${view.contractorName}`, body });
}

function payoutSection(p: PayoutView, tz: string): SafeHtml {
  const row = (a: PayoutAccountView, which: string) =>
    html`<tr><td>${which}</td><td class="code">${a.account}</td><td>${a.method}${a.bankCountry ? `, ${a.bankCountry}` : ''}${a.otherHolder ? html` <span class="badge high">held by someone else</span>` : ''}</td><td>${a.intake ? `at intake (${formatInstant(a.since, tz)})` : formatInstant(a.since, tz)}</td></tr>`;
  return html`<section class="card">
<table><thead><tr><th></th><th>Account</th><th>Route</th><th>Since (${tz})</th></tr></thead><tbody>${row(p.current, 'Current')}${[...p.earlier].reverse().map((a) => row(a, 'Earlier'))}</tbody></table>
${p.earlier.length ? html`<p class="muted">Pay only the current account once its checks are clear. The earlier accounts are kept as evidence of the changes.</p>` : ''}
</section>`;
}

function identitySection(id: IdentityView): SafeHtml {
  return html`<section class="card">
${facts([
  // Invisible characters and look-alike letters of other scripts shown as code points ("Kim Y<U+043E>ng"):
  // the page must not display a disguised name exactly like the genuine one.
  ['Legal name', visibleName(id.legalName)],
  ['Other names', id.otherNames.map(visibleName).join(', ') || undefined],
  ['Date of birth', id.birthDate],
  ['Nationality', id.nationality],
  ['Residence', id.residenceCountry],
  ['Address', id.address],
  ['Email', id.email],
  ['Phone', id.phone],
  ['Time zone', id.timeZone],
  ['Languages', id.languages.join(', ') || undefined],
  ['Document', `${id.document.type}, ${id.document.issuingCountry}, no. ${id.document.numberMasked}, expires ${id.document.expiryDate}`],
  ...(id.engagement
    ? ([['Engagement', [id.engagement.role, id.engagement.company, id.engagement.startDate && `from ${id.engagement.startDate}`].filter(Boolean).join(' · ')]] as const)
    : []),
])}
${
  id.employment.length
    ? html`<h3>Employment history</h3><table><thead><tr><th>Employer</th><th>Role</th><th>From</th><th>To</th><th>Country</th><th>Reference</th></tr></thead><tbody>${id.employment.map(
        (e) => html`<tr><td>${e.employer}</td><td>${e.role}</td><td>${e.startDate}</td><td>${e.endDate ?? 'present'}</td><td>${e.country ?? '—'}</td><td>${e.reference ?? '—'}</td></tr>`,
      )}</tbody></table>`
    : ''
}
</section>`;
}

function screeningHit(h: ScreeningHitView): SafeHtml {
  const badge = h.level === 'strong' ? 'critical' : h.level === 'potential' ? 'high' : 'low';
  return html`<section class="card">
<p>${severityBadge(badge)} <strong>${h.level} match</strong> · score ${h.score.toFixed(2)} · ${SOURCE_LABEL[h.source] ?? h.source} <span class="code">${h.sourceId}</span>${
    h.programs.length ? html` · ${h.programs.join(', ')}` : ''
  }${h.sourceUrl ? html` · ${link(h.sourceUrl, 'listed entry')}` : ''}</p>
<p class="muted">Why it matched: ${h.reasons.join('; ') || '—'}</p>
<div class="side-by-side">
<div><h3>Submitted</h3>${facts([
    ['Name', visibleName(h.submitted.name)],
    ['Other names', h.submitted.otherNames?.map(visibleName).join(', ') || undefined],
    ['Date of birth', h.submitted.birthDate],
    ['Nationality', h.submitted.nationality],
  ])}</div>
<div><h3>Listed entry</h3>${facts([
    ['Name', h.listed.name],
    ['Aliases', h.listed.aliases.join(', ') || undefined],
    ['Date of birth', h.listed.birthDates.join(', ') || undefined],
    ['Place of birth', h.listed.placesOfBirth?.join(', ') || undefined],
    ['Nationality', h.listed.nationalities.join(', ') || undefined],
    ['Listed on', h.listed.listedOn],
    ['Remarks', h.listed.remarks],
  ])}</div>
</div>
</section>`;
}

const SOURCE_LABEL: Record<string, string> = { 'ofac-sdn': 'OFAC SDN list', un: 'UN Security Council list' };

const OUTCOME_TEXT: Record<RiskView['outcome'], string> = { clear: 'Clear', review: 'Review by a person', hold: 'Compliance hold' };

/** Score, thresholds, each counted fact with its weight, the hard stops and the policy version. */
function riskSection(r: RiskView): SafeHtml {
  return html`<h2>Risk decision</h2>
<section class="card">
${facts([
  ['Outcome', OUTCOME_TEXT[r.outcome]],
  ['Score', html`<strong>${r.score}</strong>${r.thresholds ? html` <span class="muted">(review from ${r.thresholds.review}, hold from ${r.thresholds.hold})</span>` : ''}`],
  ['Hard stops', r.hardStops.length ? html`${r.hardStops.map((c, i) => html`${i ? ', ' : ''}<span class="code">${c}</span>`)}` : 'none'],
  ['Policy', html`<span class="code">${r.policyVersion}</span>`],
])}
${
  r.facts.length
    ? html`<table><thead><tr><th>Fact</th><th>Counted finding</th><th>Weight</th><th>Also about this fact (not added again)</th></tr></thead><tbody>${r.facts.map(
        (f) => html`<tr><td><span class="code">${f.fact}</span></td><td><span class="code">${f.code}</span></td><td>+${f.weight}</td><td>${f.codes
          .filter((c) => c !== f.code)
          .map((c, i) => html`${i ? ', ' : ''}<span class="code">${c}</span>`)}</td></tr>`,
      )}<tr><th scope="row" colspan="2">Score</th><td><strong>${r.score}</strong></td><td></td></tr></tbody></table>`
    : html`<p class="muted">No findings weigh on this case.</p>`
}
${r.explanation.length ? html`<details><summary>How the decision was reached</summary><ol>${r.explanation.map((l) => html`<li>${l}</li>`)}</ol></details>` : ''}
</section>`;
}

function interviewSection(iv: InterviewView | undefined): SafeHtml {
  if (!iv) return html`<p class="muted">No interview yet.</p>`;
  const statusText: Record<InterviewView['status'], string> = {
    'not-scheduled': 'Not scheduled',
    scheduled: 'Scheduled',
    held: 'Held',
    'no-show': 'Contractor did not attend',
    review: 'Missed twice: needs your review',
  };
  return html`<section class="card">
${facts([
  ['Status', statusText[iv.status]],
  ['When', iv.slotLabel],
  ['Interviewer', iv.interviewerName],
])}
${iv.answers.length ? html`<table><tbody>${iv.answers.map((a) => html`<tr><th scope="row">${a.question}</th><td>${a.answer}</td></tr>`)}</tbody></table>` : ''}
${iv.answers.length && iv.protocolVersion === 1 ? html`<p class="muted">Recorded before the protocol against stand-ins and face swaps: the hand, profile, phrase and home-city checks were not asked.</p>` : ''}
${iv.remarks ? html`<h3>Interviewer remarks</h3><p>${iv.remarks}</p>` : ''}
</section>`;
}

/** One form per action, each with its own required reason, so a reason typed for "reject" cannot approve. */
function decisionForm(action: DecisionAction, view: CasePageView): SafeHtml {
  const t = ACTION_TEXT[action];
  const id = `reason-${action}`;
  const thisOne = view.values?.action === action;
  return html`<form method="post">
<fieldset>
<legend>${t.title}</legend>
${csrfField(view.csrf)}
<input type="hidden" name="action" value="${action}">
<label for="${id}">Reason <span class="muted">(required)</span></label>
<p class="muted">${t.help}</p>
${thisOne ? fieldError(view, 'reason') : ''}
<textarea id="${id}" name="reason" required minlength="5" maxlength="2000">${thisOne ? (view.values?.reason ?? '') : ''}</textarea>
<p><button type="submit" class="${t.cls}">${t.button}</button></p>
</fieldset>
</form>`;
}

function microDepositSection(md: MicroDepositView, tz: string): SafeHtml {
  const statusText: Record<MicroDepositView['status'], string> = {
    'awaiting-confirmation': 'Sent; waiting for the contractor to confirm the amounts',
    confirmed: 'Confirmed: the contractor entered both amounts, the account is theirs',
    failed: 'Failed: three wrong answers, ownership not proven',
    unverified: 'Not confirmed by the end of the interview: ownership not proven',
    'new-account-unproven': 'Sent to the new payout account; not confirmed yet: ownership of the new account not proven',
  };
  return html`<section class="card">${facts([
    ['Status', `${statusText[md.status]}${md.provenBefore ? ' (by the deposits confirmed before the change)' : ''}`],
    ['Account', md.account],
    ['Sent', md.sentAt ? formatInstant(md.sentAt, tz) : undefined],
    ['Currency', md.currency],
    ['Wrong answers', String(Math.max(0, md.attempts - (md.status === 'confirmed' ? 1 : 0)))],
    ['Tries left', md.status === 'awaiting-confirmation' || md.status === 'unverified' || md.status === 'new-account-unproven' ? String(md.attemptsLeft) : undefined],
  ])}</section>`;
}

function stageStatusText(s: StageStatus): string {
  const text: Record<StageStatus, string> = {
    pending: 'not started',
    running: 'running',
    waiting: 'waiting for a person',
    passed: 'passed',
    done: 'done',
    findings: 'findings to review',
    'hard-stop': 'hard stop',
    unavailable: 'could not run',
    failed: 'failed',
    skipped: 'skipped',
  };
  return text[s];
}

const RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
function sortFindings(fs: readonly FindingView[]): FindingView[] {
  return [...fs].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}
