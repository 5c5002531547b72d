import { facts, link, severityBadge } from './components';
import { formatInstant } from './format';
import { html, type SafeHtml } from './html';
import { inspectName } from '../screening/unicode-fold';

// The evidence sections of the reviewer's case page (case-page.ts lays them out): what the checks found, each
// with the view its builder fills (shared/domain/links/case-page-view.ts) and how it is shown.

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

/**
 * One screening hit: what was submitted next to what the list says, so the reviewer compares rather than
 * trusts a score. Field names follow shared/domain/screening's ScreeningHit (level, source, sourceId, reasons)
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

export interface HoldView {
  since: string;
  hardStop: boolean;
  reasons: readonly { source: string; at: string; reason: string; findings: readonly string[] }[];
  votes: readonly { name: string; at: string; outcome: 'clear' | 'confirm'; reason: string }[];
  /** How many different compliance reviewers must clear it. */
  clearancesRequired: number;
}

export function holdSection(h: HoldView, tz: string): SafeHtml {
  return html`<section class="card">
<p>${h.hardStop ? html`<span class="badge critical">Hard stop</span> ` : ''}On hold since ${formatInstant(h.since, tz)}. Clearing it takes ${h.clearancesRequired} different compliance reviewer${h.clearancesRequired === 1 ? '' : 's'}, each with a written reason.</p>
<table><thead><tr><th>When (${tz})</th><th>Raised by</th><th>Why</th><th>Findings</th></tr></thead><tbody>${h.reasons.map(
    (r) => html`<tr><td>${formatInstant(r.at, tz)}</td><td>${r.source}</td><td>${r.reason}</td><td>${r.findings.join(', ')}</td></tr>`,
  )}</tbody></table>
${h.votes.length ? html`<h3>Compliance decisions so far</h3><ul>${h.votes.map((v) => html`<li>${v.name} (${formatInstant(v.at, tz)}): <strong>${v.outcome === 'clear' ? 'clear' : 'confirm'}</strong>: ${v.reason}</li>`)}</ul>` : ''}
</section>`;
}

export function identitySection(id: IdentityView): SafeHtml {
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
  ...(id.engagement ? ([['Engagement', [id.engagement.role, id.engagement.company, id.engagement.startDate && `from ${id.engagement.startDate}`].filter(Boolean).join(' · ')]] as const) : []),
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

export function screeningHit(h: ScreeningHitView): SafeHtml {
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
export function riskSection(r: RiskView): SafeHtml {
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
        (f) =>
          html`<tr><td><span class="code">${f.fact}</span></td><td><span class="code">${f.code}</span></td><td>+${f.weight}</td><td>${f.codes
            .filter((c) => c !== f.code)
            .map((c, i) => html`${i ? ', ' : ''}<span class="code">${c}</span>`)}</td></tr>`,
      )}<tr><th scope="row" colspan="2">Score</th><td><strong>${r.score}</strong></td><td></td></tr></tbody></table>`
    : html`<p class="muted">No findings weigh on this case.</p>`
}
${r.explanation.length ? html`<details><summary>How the decision was reached</summary><ol>${r.explanation.map((l) => html`<li>${l}</li>`)}</ol></details>` : ''}
</section>`;
}

export function interviewSection(iv: InterviewView | undefined): SafeHtml {
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

export function microDepositSection(md: MicroDepositView, tz: string): SafeHtml {
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

export function payoutSection(p: PayoutView, tz: string): SafeHtml {
  const row = (a: PayoutAccountView, which: string) =>
    html`<tr><td>${which}</td><td class="code">${a.account}</td><td>${a.method}${a.bankCountry ? `, ${a.bankCountry}` : ''}${a.otherHolder ? html` <span class="badge high">held by someone else</span>` : ''}</td><td>${a.intake ? `at intake (${formatInstant(a.since, tz)})` : formatInstant(a.since, tz)}</td></tr>`;
  return html`<section class="card">
<table><thead><tr><th></th><th>Account</th><th>Route</th><th>Since (${tz})</th></tr></thead><tbody>${row(p.current, 'Current')}${[...p.earlier].reverse().map((a) => row(a, 'Earlier'))}</tbody></table>
${p.earlier.length ? html`<p class="muted">Pay only the current account once its checks are clear. The earlier accounts are kept as evidence of the changes.</p>` : ''}
</section>`;
}
