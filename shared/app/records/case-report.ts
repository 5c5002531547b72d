import type { EvidenceRecord } from '../../domain/cases/case-model';
import { maskDocumentNumber } from '../../domain/document/mask';
import { facts, findingList, severityBadge } from '../../domain/pages/components';
import { formatInstant, maskIdentifier } from '../../domain/pages/format';
import { html, trusted, type HtmlValue, type SafeHtml } from '../../domain/pages/html';
import { STYLESHEET } from '../../domain/pages/stylesheet';
import type { CaseFile, DecisionEntry, ScreeningRun } from './case-file';
import { ERASED } from '../../domain/records/personal-data';

/**
 * The case file as a printable HTML document: what a compliance officer prints or saves as PDF for an
 * auditor. Same data as the JSON export, laid out for reading: application (identifiers masked, as on
 * every page a person reads), stages and findings, screening with the list version, interview, decisions,
 * the full audit trail and whether its hash chain verified.
 *
 * Not built on pages/layout: that frame's footer tells the reader the page came from a personal one-time
 * link, which a report is not. It reuses the same stylesheet, components and the escaping `html` tag, and
 * like every page it has no script element and no event handlers.
 */
const PRINT_CSS = `
@page{size:A4;margin:14mm 12mm}
.report-meta{font-size:.9rem}
.chain-ok{border-left-color:#1a7f37}
table.audit td{font-size:.85rem}
table.audit td.hash{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.75rem;word-break:break-all}
@media print{
body{background:#fff;font-size:11pt}
header.top{background:none;color:#000;border-bottom:2px solid #000;padding:0 0 .3rem}
main{max-width:none;padding:0}
section.card{border:none;padding:0;margin:.75rem 0;break-inside:auto}
h2{break-after:avoid}
ul.findings>li,tr{break-inside:avoid}
thead{display:table-header-group}
.badge{color:#000;border:1px solid #000;background:none!important}
a{color:inherit;text-decoration:none}
}`.trim();

export function renderCaseReport(file: CaseFile, options: { zone?: string } = {}): string {
  const zone = options.zone ?? 'UTC';
  const app = file.application;
  const name = `${app.contractor.legalName.givenNames} ${app.contractor.legalName.surname}`;
  const erased = file.case.erasure !== undefined;
  const body = html`
<section class="card report-meta">
${facts([
  ['Case', html`<span class="code">${file.case.id}</span>`],
  ['HRIS reference', file.case.externalId],
  ['Status', file.case.status],
  ['Received', formatInstant(file.case.createdAt, zone)],
  ['Last change', formatInstant(file.case.updatedAt, zone)],
  ['Exported', `${formatInstant(file.exportedAt, zone)} by ${file.exportedBy}`],
  ['Format', `${file.format} v${file.formatVersion}`],
])}
${erased ? html`<div class="notice warn">Personal data of this case was erased on request; the legal-hold record (decision, risk, finding codes, screening list versions, audit trail) is kept. Erased fields read “${ERASED}”.</div>` : ''}
</section>
${chainSection(file)}
${file.compliancePack ? complianceSection(file.compliancePack, zone) : ''}
<h2>Application</h2>
<section class="card">${applicationFacts(file, name)}</section>
<h2>Risk decision</h2>
<section class="card">${riskSection(file)}</section>
<h2>Decisions</h2>
<section class="card">${decisionsSection(file.decisions, zone)}</section>
<h2>Sanctions screening</h2>
${file.screening.length ? file.screening.map((s) => screeningSection(s, zone)) : html`<p class="muted">No screening run recorded.</p>`}
<h2>Interview</h2>
<section class="card">${interviewSection(file, zone)}</section>
<h2>Evidence and findings by stage</h2>
${file.evidence.map((e) => evidenceSection(e, zone))}
${file.links.length ? linksSection(file, zone) : ''}
<h2>Audit trail</h2>
${auditTable(file, zone)}`;

  return `<!doctype html>\n${
    html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Case file ${file.case.externalId} · ${name} · vetflow</title>
<style>${trusted(STYLESHEET)}
${trusted(PRINT_CSS)}</style>
</head>
<body>
<header class="top"><span class="brand">vetflow</span> · case file for audit</header>
<main>
<h1>${name}</h1>
${body}
</main>
<footer>Case file ${file.case.id}, exported ${file.exportedAt}. The audit trail is hash-chained; run <span class="code">npm run case -- verify-audit ${file.case.id}</span> against the live table to re-check it.</footer>
</body>
</html>`.value
  }`;
}

/** The report pack for the authorities of a case compliance held or confirmed (unmasked: it is for them). */
function complianceSection(p: NonNullable<CaseFile['compliancePack']>, zone: string): SafeHtml {
  const outcome = { 'on-hold': 'On compliance hold', confirmed: 'Hold confirmed: rejected as a sanctions or policy match', cleared: 'Hold cleared as a false positive' }[p.outcome];
  return html`<h2>Compliance report pack</h2>
<section class="card">
${facts([
  ['Outcome', outcome],
  ['Held since', p.hold ? formatInstant(p.hold.since, zone) : undefined],
  ['Decision', p.decision ? `${p.decision.outcome} by ${p.decision.by} at ${formatInstant(p.decision.at, zone)}: ${p.decision.reason}` : undefined],
  [
    'Identifiers',
    `${p.identifiers.legalName}${p.identifiers.otherNames.length ? ` (also ${p.identifiers.otherNames.join(', ')})` : ''}, born ${p.identifiers.birthDate}, ${p.identifiers.nationality}, living in ${p.identifiers.residenceCountry}`,
  ],
  ['Document', `${p.identifiers.document.type} ${p.identifiers.document.issuingCountry} ${p.identifiers.document.number}, expires ${p.identifiers.document.expiryDate}`],
  ['Contact', `${p.identifiers.email}, ${p.identifiers.phone}`],
  ['Payment', JSON.stringify(p.payment)],
  ['IP addresses seen', p.ipAddresses.join(', ') || 'none'],
  ['Matched list entries', p.matchedEntries.map((h) => `${String(h.source ?? '')} ${String(h.sourceId ?? '')} (${String(h.name ?? h.listedName ?? '')})`).join('; ') || 'none'],
])}
${p.hold ? html`<h3>Why it was held</h3><ul>${p.hold.sources.map((s) => html`<li>${formatInstant(s.at, zone)}, ${s.source}: ${s.reason} (${s.findings.join(', ')})</li>`)}</ul>` : ''}
${p.hold?.votes?.length ? html`<h3>Compliance votes</h3><ul>${p.hold.votes.map((v) => html`<li>${v.by} (${formatInstant(v.at, zone)}): ${v.outcome}: ${v.reason}</li>`)}</ul>` : ''}
</section>`;
}

function chainSection(file: CaseFile): SafeHtml {
  const v = file.auditVerification;
  return v.ok
    ? html`<div class="notice chain-ok"><strong>Audit chain verified:</strong> ${v.count} events, hash-chained from the first to seq ${v.head?.seq ?? 0} (<span class="code">${v.head?.hash ?? ''}</span>).</div>`
    : html`<div class="notice error" role="alert"><strong>Audit chain BROKEN at seq ${v.brokenAt}:</strong> ${v.reason}. The trail below cannot be relied on from that event on.</div>`;
}

function masked(value: string | undefined, mask: (v: string) => string): string {
  if (!value) return '—';
  return value === ERASED ? ERASED : mask(value);
}

function applicationFacts(file: CaseFile, name: string): SafeHtml {
  const app = file.application;
  const c = app.contractor;
  const p = app.payment as Record<string, unknown>;
  const account = ['iban', 'accountNumber', 'walletAddress', 'email', 'accountId'].map((k) => p[k]).find((v): v is string => typeof v === 'string');
  const rows: [string, HtmlValue][] = [
    ['Legal name', name],
    ['Other names', c.otherNames.join(', ') || '—'],
    ['Birth date', c.birthDate],
    ['Nationality / residence', `${c.nationality} / ${c.residenceCountry}`],
    ['Email', c.email],
    ['Phone', c.phone],
    ['Address', c.address ? [c.address.line1, c.address.line2, c.address.postalCode, c.address.city, c.address.country].filter(Boolean).join(', ') : '—'],
    ['Document', `${app.document.type}, ${app.document.issuingCountry}, no. ${masked(app.document.number, maskDocumentNumber)}, expires ${app.document.expiryDate}`],
    ['Payment', `${String(p.method)}${account ? `, ${masked(account, maskIdentifier)}` : ''}${typeof p.accountHolder === 'string' ? `, holder ${p.accountHolder}` : ''}`],
    // After payout changes: the account in use now, and each earlier one (the evidence of the changes).
    ...(file.payout?.changes
      ? ([
          [
            'Payout account now',
            `${file.payout.current.account} (${file.payout.current.method}${file.payout.current.bankCountry ? `, ${file.payout.current.bankCountry}` : ''}), since ${file.payout.current.since}`,
          ],
          ['Earlier payout accounts', file.payout.earlier.map((a) => `${a.account} (${a.intake ? 'at intake' : `from ${a.since}`})`).join('; ')],
        ] as [string, HtmlValue][])
      : []),
    [
      'Employment',
      app.employment.length
        ? html`<ul>${app.employment.map((j) => html`<li>${j.role} at ${j.employer}, ${j.startDate}–${j.endDate ?? 'now'}${j.reference ? html` · reference ${j.reference.name} &lt;${j.reference.email}&gt;` : ''}</li>`)}</ul>`
        : '—',
    ],
    ['Reviewers', app.reviewers.map((r) => `${r.name} <${r.email}>`).join(', ')],
  ];
  return html`${facts(rows)}<p class="muted">Document and account numbers are masked here; the JSON case file holds the application as submitted.</p>`;
}

function riskSection(file: CaseFile): SafeHtml {
  const r = file.risk.current;
  if (!r) return html`<p class="muted">No risk decision recorded.</p>`;
  return html`${facts([
    ['Outcome', r.outcome],
    ['Score / level', `${r.score} / ${r.level}`],
    ['Policy version', html`<span class="code">${r.policyVersion}</span>`],
    ['Four-eyes required', r.fourEyesRequired ? 'yes' : 'no'],
    ['Driven by', r.drivers.length ? html`${r.drivers.map((d, i) => html`${i ? ', ' : ''}<span class="code">${d}</span>`)}` : 'no findings'],
    ['Decided', `${file.risk.history.length} time(s); policy versions ${[...new Set(file.risk.history.map((h) => String(h.data.policyVersion)))].join(', ') || '—'}`],
  ])}`;
}

function decisionsSection(decisions: readonly DecisionEntry[], zone: string): SafeHtml {
  if (!decisions.length) return html`<p class="muted">No decision yet.</p>`;
  return html`<table><thead><tr><th>When (${zone})</th><th>Who</th><th>What</th><th>Why</th><th>Via</th></tr></thead><tbody>${decisions.map(
    (d) =>
      html`<tr><td>${formatInstant(d.at, zone)}</td><td>${d.by}</td><td>${d.kind === 'approval' ? 'approval' : d.outcome}</td><td>${d.reason}</td><td>${d.via}${
        d.link ? html`<br><span class="muted">link <span class="code">${d.link.id}</span> (${d.link.recipientRole}, ${d.link.usedAction ?? 'unused'})</span>` : ''
      }</td></tr>`,
  )}</tbody></table>`;
}

function screeningSection(s: ScreeningRun, zone: string): SafeHtml {
  return html`<section class="card">
${facts([
  ['Screened', formatInstant(s.recordedAt, zone)],
  ['List version', s.listVersion ? html`<span class="code">${s.listVersion}</span>` : 'lists unavailable'],
  [
    'Lists',
    s.listSources.length
      ? s.listSources
          .map((l) => {
            const x = l as { source?: string; entries?: number; publishDate?: string | null };
            return `${x.source ?? '?'} (${x.entries ?? '?'} entries, published ${x.publishDate ?? 'unknown'})`;
          })
          .join('; ')
      : '—',
  ],
  ['Subjects', s.subjects.map(String).join('; ') || '—'],
  ['Thresholds', s.thresholds ? JSON.stringify(s.thresholds) : '—'],
])}
<h3>Hits</h3>
${
  s.hits.length
    ? html`<table><thead><tr><th>Strength</th><th>Score</th><th>List / entry</th><th>Program</th><th>Listed name</th><th>Matched on</th></tr></thead><tbody>${s.hits.map((h) => {
        const listed = (h.listed ?? {}) as { name?: string };
        return html`<tr><td>${String(h.strength ?? h.level ?? '')}</td><td>${String(h.score ?? '')}</td><td>${String(h.list ?? h.source ?? '')} <span class="code">${String(h.entryId ?? h.sourceId ?? '')}</span></td><td>${String(h.program ?? '')}</td><td>${listed.name ?? ''}</td><td>${Array.isArray(h.matchedOn) ? h.matchedOn.map(String).join('; ') : ''}</td></tr>`;
      })}</tbody></table>`
    : html`<p class="muted">No list entry matched.</p>`
}
<h3>Findings</h3>
${findingList(s.findings)}
</section>`;
}

function interviewSection(file: CaseFile, zone: string): SafeHtml {
  const o = file.interview.outcome;
  const events = file.interview.events.length ? html`<h3>Scheduling</h3><ul>${file.interview.events.map((e) => html`<li>${formatInstant(e.at, zone)}: ${e.action} by ${e.actor}</li>`)}</ul>` : '';
  if (!o) return html`<p class="muted">No interview outcome recorded.</p>${events}`;
  const answers = (Array.isArray(o.answers) ? o.answers : []) as { question?: string; answer?: string }[];
  return html`${facts([
    ['Recorded', formatInstant(String(o.recordedAt), zone)],
    ['Interviewer', String(o.interviewerId ?? '—')],
    ['Slot', o.slotStart ? formatInstant(String(o.slotStart), zone) : '—'],
    ['Remarks', o.remarks ? String(o.remarks) : '—'],
  ])}
${answers.length ? html`<table><thead><tr><th>Question</th><th>Answer</th></tr></thead><tbody>${answers.map((a) => html`<tr><td>${a.question ?? ''}</td><td>${a.answer ?? ''}</td></tr>`)}</tbody></table>` : ''}
${events}`;
}

function evidenceSection(e: EvidenceRecord, zone: string): SafeHtml {
  return html`<section class="card">
<h3>${e.stage} <span class="muted">· run <span class="code">${e.runId}</span> · ${formatInstant(e.recordedAt, zone)}</span></h3>
${facts(Object.entries(e.inputs ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as const))}
${findingList(e.findings)}
</section>`;
}

function linksSection(file: CaseFile, zone: string): SafeHtml {
  return html`<h2>Links issued</h2>
<table><thead><tr><th>Link</th><th>Purpose</th><th>Recipient</th><th>Issued</th><th>Used</th></tr></thead><tbody>${file.links.map(
    (l) =>
      html`<tr><td class="code">${l.id}</td><td>${l.purpose}</td><td>${l.recipient.role}: ${l.recipient.name} &lt;${l.recipient.email}&gt;</td><td>${formatInstant(l.createdAt, zone)}</td><td>${l.usedAt ? `${l.usedAction ?? ''} ${formatInstant(l.usedAt, zone)}` : 'no'}</td></tr>`,
  )}</tbody></table>`;
}

function auditTable(file: CaseFile, zone: string): SafeHtml {
  const broken = file.auditVerification.ok ? undefined : file.auditVerification.brokenAt;
  return html`<table class="audit"><thead><tr><th>#</th><th>When (${zone})</th><th>Who</th><th>What</th><th>Detail</th><th>Hash</th></tr></thead><tbody>${file.auditTrail.map(
    (a) =>
      html`<tr><td>${String(a.seq)}</td><td>${formatInstant(String(a.at), zone)}</td><td>${String(a.actor)}</td><td>${String(a.action)}${Number(a.seq) === broken ? html` ${severityBadge('critical')}` : ''}</td><td>${auditDetail(a.data)}</td><td class="hash">${String(a.hash ?? '').slice(0, 16)}…</td></tr>`,
  )}</tbody></table>`;
}

function auditDetail(data: unknown): string {
  if (!data || typeof data !== 'object') return '';
  return Object.entries(data as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ');
}
