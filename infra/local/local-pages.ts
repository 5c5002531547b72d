import type { CaseRecord, EvidenceRecord } from '../../shared/domain/cases/case-model';
import { snapshotText } from '../../shared/domain/links/case-page-view';
import type { LocalMail } from './mailbox';

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const style = `body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1d2b4f;color:#fff;padding:12px 24px}header a{color:#cfe0ff;margin-right:16px}
main{padding:16px 24px;max-width:1100px}table{border-collapse:collapse;width:100%;background:#fff}
td,th{border-bottom:1px solid #e3e6ec;padding:6px 8px;text-align:left;vertical-align:top}
.s{display:inline-block;padding:1px 8px;border-radius:10px;background:#e8ecf5;font-size:13px}
pre{white-space:pre-wrap;background:#fff;padding:12px;border:1px solid #e3e6ec}
form.filter{display:flex;gap:12px;align-items:end;margin:8px 0 16px}form.filter label{display:flex;flex-direction:column;font-size:13px}
.notice{background:#fff4d6;border:1px solid #e8c766;padding:8px 12px}.sev-critical,.sev-high{color:#a3161a;font-weight:600}.sev-medium{color:#8a5a00}`;

export const localPageHeaders = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} · vetflow local</title><style>${style}</style></head>
<body><header><strong>vetflow</strong> local runtime &nbsp; <a href="/">Onboardings</a><a href="/_local/mailbox">Mailbox</a><a href="/openapi.json">API (OpenAPI)</a></header><main>${body}</main></body></html>`;
}

export interface OnboardingRow {
  id: string;
  externalId: string;
  /** The applicant's name as the HRIS sent it (empty once erased). */
  name: string;
  status: string;
  riskLevel?: string;
  riskScore?: number;
  stages: Record<string, { state: string; findings: number }>;
  updatedAt: string;
}

export interface HomeFilter {
  status?: string;
  /** Part of the applicant's name or of the external id, any case, any accents. */
  q?: string;
}

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** The rows the filter keeps: one status (if given), and a name or external id containing the search. */
export function filterRows(rows: readonly OnboardingRow[], filter: HomeFilter): OnboardingRow[] {
  const q = filter.q ? fold(filter.q) : '';
  return rows.filter((r) => (!filter.status || r.status === filter.status) && (!q || fold(r.name).includes(q) || fold(r.externalId).includes(q) || r.id === filter.q?.trim()));
}

/**
 * The local console for whoever runs `npm start`: every onboarding with the applicant, status, risk level
 * and score, a filter by status and a search by name or external id (a plain GET form: no JavaScript), and
 * a link to each case's read-only page.
 */
export function homePage(rows: OnboardingRow[], mailCount: number, filter: HomeFilter = {}, statuses: readonly string[] = []): string {
  const shown = filterRows(rows, filter);
  const options = ['', ...statuses].map((st) => `<option value="${esc(st)}"${st === (filter.status ?? '') ? ' selected' : ''}>${st ? esc(st) : 'any status'}</option>`).join('');
  const form = `<form class="filter" method="get" action="/"><label>Status<select name="status">${options}</select></label><label>Name or external id<input type="search" name="q" value="${esc(filter.q ?? '')}"></label><button type="submit">Show</button>${filter.status || filter.q ? ' <a href="/">Clear</a>' : ''}</form>`;
  const table = shown.length
    ? `<table><thead><tr><th>Applicant</th><th>External id</th><th>Status</th><th>Risk</th><th>Stages</th><th>Updated</th></tr></thead><tbody>${shown
        .map(
          (r) =>
            `<tr><td><a href="/_local/cases/${esc(r.id)}">${esc(r.name || '(erased)')}</a></td><td>${esc(r.externalId)}</td><td><span class="s">${esc(r.status)}</span></td><td>${r.riskLevel ? `<span class="sev-${esc(r.riskLevel)}">${esc(r.riskLevel)}</span> ${esc(r.riskScore ?? '')}` : '-'}</td><td>${Object.entries(
              r.stages,
            )
              .map(([k, v]) => `${esc(k)}: ${esc(v.state)}${v.findings ? ` (${v.findings})` : ''}`)
              .join('<br>')}</td><td>${esc(r.updatedAt)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : rows.length
      ? '<p>No onboarding matches.</p>'
      : '<p>No onboardings yet. Start one with the curl command from the README.</p>';
  return page('Onboardings', `<h1>Onboardings</h1>${form}<p>${shown.length} of ${rows.length} onboarding(s).</p>${table}<p><a href="/_local/mailbox">Mailbox</a>: ${mailCount} message(s).</p>`);
}

/** One case, read-only, with its evidence: what the checks looked at and found, and the audit trail. */
export function casePage(c: CaseRecord, evidence: readonly EvidenceRecord[], audit: readonly Record<string, unknown>[]): string {
  const name = `${c.application.contractor.legalName.givenNames} ${c.application.contractor.legalName.surname}`;
  const screening = [...evidence].reverse().find((e) => e.stage === 'screening');
  const snapshot = snapshotText(screening?.inputs.listSnapshot);
  const records = evidence
    .map(
      (e) => `<section><h3>${esc(e.stage)} <span class="s">${esc(e.recordedAt)}</span></h3>
${e.findings.length ? `<ul>${e.findings.map((f) => `<li><span class="sev-${esc(f.severity)}">${esc(f.severity)}</span> <code>${esc(f.code)}</code>${f.hardStop ? ' (hard stop)' : ''}: ${esc(f.message)}</li>`).join('')}</ul>` : '<p>No findings.</p>'}
<details><summary>What the check looked at</summary><pre>${esc(JSON.stringify(e.inputs, null, 2))}</pre></details></section>`,
    )
    .join('');
  const trail = audit.length
    ? `<table><thead><tr><th>When</th><th>Who</th><th>What</th></tr></thead><tbody>${audit.map((a) => `<tr><td>${esc(a.at)}</td><td>${esc(a.actor)}</td><td>${esc(a.action)}</td></tr>`).join('')}</tbody></table>`
    : '<p>No audit events.</p>';
  return page(
    name,
    `<p><a href="/">All onboardings</a></p><h1>${esc(name)}</h1>
<p>External id ${esc(c.externalId)} · <code>${esc(c.id)}</code> · status <span class="s">${esc(c.status)}</span>${c.risk ? ` · risk <span class="sev-${esc(c.risk.level)}">${esc(c.risk.level)}</span>, score ${esc(c.risk.score)} (${esc(c.risk.outcome)})` : ''}${c.decision ? ` · decision ${esc(c.decision.outcome)} at ${esc(c.decision.at)}` : ''}</p>
${snapshot ? `<p class="notice"><strong>Screened against ${esc(snapshot)}.</strong></p>` : ''}
<p>Read-only: reviewers decide from the links in their mail.</p>
<h2>Evidence</h2>${records || '<p>No checks have run yet.</p>'}<h2>Audit trail</h2>${trail}`,
  );
}

export function mailboxPage(mails: LocalMail[]): string {
  const body = mails.length
    ? `<table><tr><th>When</th><th>To</th><th>Subject</th></tr>${mails
        .map((m) => `<tr><td>${esc(m.at)}</td><td>${esc(m.to.join(', '))}</td><td><a href="/_local/mailbox/${esc(m.id)}">${esc(m.subject)}</a></td></tr>`)
        .join('')}</table>`
    : '<p>No mail yet.</p>';
  return page('Mailbox', `<h1>Mailbox</h1>${body}`);
}

/** One mail: the plain-text body with its links clickable, and the HTML body as sent. */
export function mailPage(m: LocalMail): string {
  const text = esc(m.text).replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>');
  const attachments = m.attachments.map((a, i) => `<li><a href="/_local/mailbox/${esc(m.id)}/attachments/${i}">${esc(a.fileName)}</a> (${esc(a.contentType)})</li>`).join('');
  return page(
    m.subject,
    `<h1>${esc(m.subject)}</h1><p>From ${esc(m.from)} to ${esc(m.to.join(', '))}, ${esc(m.at)}</p>
<p><a href="/_local/mailbox/${esc(m.id)}/html">View the HTML version</a></p><pre>${text}</pre>${attachments ? `<h2>Attachments</h2><ul>${attachments}</ul>` : ''}`,
  );
}
