import type { Severity, StageName } from '../finding';
import { csrfField, facts, fieldError, findingList, formErrorSummary, link, severityBadge, type FindingView, type FormState } from './components';
import type { DecisionAction } from './decision-form';
import { formatInstant } from './format';
import { html, type SafeHtml } from './html';
import { layout } from './layout';
import {
  holdSection,
  type HoldView,
  type IdentityView,
  identitySection,
  type InterviewView,
  interviewSection,
  type MicroDepositView,
  microDepositSection,
  payoutSection,
  type PayoutView,
  riskSection,
  type RiskView,
  screeningHit,
  type ScreeningHitView,
} from './case-evidence';

export type { HoldView, IdentityView, InterviewView, MicroDepositView, PayoutAccountView, PayoutView, RiskView, ScreeningHitView } from './case-evidence';

export type StageStatus = 'pending' | 'running' | 'passed' | 'findings' | 'hard-stop' | 'unavailable' | 'waiting' | 'done' | 'failed' | 'skipped';

export interface StageView {
  name: StageName;
  /** Heading shown to the reviewer, e.g. "Document check". */
  label: string;
  /** The case model's stage states (shared/app/cases), plus 'skipped'. */
  status: StageStatus;
  findings: readonly FindingView[];
}

export interface RelatedApplicantView {
  /** e.g. the other case's external id; never the other person's personal data beyond a name. */
  label: string;
  /** What is shared: "bank account", "phone", "résumé text", ... */
  sharedAttributes: readonly string[];
  status?: string;
  url?: string;
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
  /** On a reviewer's page: what it shows, sealed, posted with the approve form (shared/domain/links/page-view.ts). */
  pageView?: string;
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
  [
    'Approvals',
    html`<span class="progress">${given} of ${view.approvals.required} approval${view.approvals.required === 1 ? '' : 's'}</span>${
      view.approvals.given.length ? html` <span class="muted">(${view.approvals.given.map((a, i) => html`${i ? ', ' : ''}${a.reviewerName} at ${formatInstant(a.at, tz)}`)})</span>` : ''
    }`,
  ],
  ['Decide by', view.deadline ? formatInstant(view.deadline, tz) : undefined],
])}
${view.approvals.required === 2 ? html`<p class="muted">Four-eyes rule: two different reviewers must approve this case.</p>` : ''}
</section>

${
  view.hold
    ? html`<h2>Why this case is on hold</h2>
${holdSection(view.hold, tz)}`
    : ''
}
${view.risk ? riskSection(view.risk) : ''}

<h2>Identity as submitted</h2>
${identitySection(view.identity)}
${
  view.payout
    ? html`<h2>Payout account</h2>
${payoutSection(view.payout, tz)}`
    : ''
}

<h2>Findings by stage</h2>
${view.stages.map((s) => html`<section class="card"><h3>${s.label} <span class="muted">· ${stageStatusText(s.status)}</span></h3>${findingList(sortFindings(s.findings))}</section>`)}

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
${
  view.microDeposits
    ? html`<h2>Bank-account ownership (micro-deposits)</h2>
${microDepositSection(view.microDeposits, tz)}`
    : ''
}
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
${fieldError(view, 'action')}
${view.actions.approveBlockedReason ? html`<div class="notice warn">${view.actions.approveBlockedReason}</div>` : ''}
<div class="actions">
${view.actions.allowed.map((a) => decisionForm(a, view))}
</div>`;
  return layout({ title: `${view.hold ? 'Compliance hold' : 'Review'}: ${view.contractorName}`, body });
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
${action === 'clear-hold' && view.hold ? html`<input type="hidden" name="reasonsSeen" value="${String(view.hold.reasons.length)}">` : ''}
${action === 'approve' && view.pageView ? html`<input type="hidden" name="view" value="${view.pageView}">` : ''}
<label for="${id}">Reason <span class="muted">(required)</span></label>
<p class="muted">${t.help}</p>
${thisOne ? fieldError(view, 'reason') : ''}
<textarea id="${id}" name="reason" required minlength="5" maxlength="2000">${thisOne ? (view.values?.reason ?? '') : ''}</textarea>
<p><button type="submit" class="${t.cls}">${t.button}</button></p>
</fieldset>
</form>`;
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
