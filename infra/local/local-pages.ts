import type { LocalMail } from './mailbox';

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const style = `body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1d2b4f;color:#fff;padding:12px 24px}header a{color:#cfe0ff;margin-right:16px}
main{padding:16px 24px;max-width:1100px}table{border-collapse:collapse;width:100%;background:#fff}
td,th{border-bottom:1px solid #e3e6ec;padding:6px 8px;text-align:left;vertical-align:top}
.s{display:inline-block;padding:1px 8px;border-radius:10px;background:#e8ecf5;font-size:13px}
pre{white-space:pre-wrap;background:#fff;padding:12px;border:1px solid #e3e6ec}`;

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
  status: string;
  stages: Record<string, { state: string; findings: number }>;
  updatedAt: string;
}

export function homePage(rows: OnboardingRow[], mailCount: number): string {
  const body = rows.length
    ? `<table><tr><th>Onboarding</th><th>External id</th><th>Status</th><th>Stages</th><th>Updated</th></tr>${rows
        .map(
          (r) =>
            `<tr><td><code>${esc(r.id)}</code></td><td>${esc(r.externalId)}</td><td><span class="s">${esc(r.status)}</span></td><td>${Object.entries(r.stages)
              .map(([k, v]) => `${esc(k)}: ${esc(v.state)}${v.findings ? ` (${v.findings})` : ''}`)
              .join('<br>')}</td><td>${esc(r.updatedAt)}</td></tr>`,
        )
        .join('')}</table>`
    : '<p>No onboardings yet. Start one with the curl command from the README.</p>';
  return page('Onboardings', `<h1>Onboardings</h1>${body}<p><a href="/_local/mailbox">Mailbox</a>: ${mailCount} message(s).</p>`);
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
