import { createHash } from 'node:crypto';

/**
 * One small stylesheet for every page. It is inlined in a <style> element and allowed by its hash in the
 * Content-Security-Policy, so pages need no second request and the policy still forbids any other inline
 * style or script. It can also be served at STYLESHEET_PATH if a deployment prefers `style-src 'self'`.
 */
export const STYLESHEET = `
:root{--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa;--card:#fff;--accent:#0a5bd3;
--info:#57606a;--low:#0969da;--medium:#9a6700;--high:#bc4c00;--critical:#a40e26}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
header.top{background:#24292f;color:#fff;padding:.6rem 1rem}
header.top .brand{font-weight:700;letter-spacing:.02em}
main{max-width:64rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
h3{font-size:1rem;margin:1rem 0 .25rem}
section.card{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:1rem;margin:1rem 0}
dl.facts{display:grid;grid-template-columns:minmax(9rem,max-content) 1fr;gap:.25rem 1rem;margin:0}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0;min-width:0;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
section.card{overflow-x:auto}
.evidence,ul.findings>li{overflow-wrap:anywhere}
th{font-weight:600;background:var(--bg)}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:1rem;font-size:.8rem;font-weight:700;color:#fff;text-transform:uppercase;letter-spacing:.03em;white-space:nowrap}
.sev-info{background:var(--info)}.sev-low{background:var(--low)}.sev-medium{background:var(--medium)}
.sev-high{background:var(--high)}.sev-critical{background:var(--critical)}
.badge.hold{background:#000}
ul.findings{list-style:none;padding:0;margin:0}
ul.findings>li{border-left:4px solid var(--line);padding:.5rem .75rem;margin:.5rem 0;background:var(--card)}
ul.findings>li.sev-high,ul.findings>li.sev-critical{border-left-color:var(--critical)}
ul.findings>li.sev-medium{border-left-color:var(--medium)}
ul.findings>li.sev-high{border-left-color:var(--high)}
ul.findings>li{background:var(--card)}
.code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem;color:var(--muted)}
.muted{color:var(--muted)}
.evidence{font-size:.9rem;margin:.25rem 0 0}
.notice{border:1px solid var(--line);border-left:4px solid var(--accent);background:#fff;padding:.75rem 1rem;margin:1rem 0}
.notice.warn{border-left-color:var(--high)}
.notice.error{border-left-color:var(--critical)}
form{margin:0}
fieldset{border:1px solid var(--line);border-radius:6px;margin:1rem 0;padding:.75rem 1rem;background:var(--card)}
legend{font-weight:600;padding:0 .25rem}
label{display:block;margin:.35rem 0}
label.inline{display:inline-block;margin-right:1.25rem}
input[type=radio],input[type=checkbox]{margin-right:.4rem}
textarea,input[type=text],input[type=email],input[type=date],input[type=datetime-local]{width:100%;max-width:40rem;padding:.4rem;border:1px solid #8c959f;border-radius:4px;font:inherit}
textarea{min-height:5rem}
button{font:inherit;font-weight:600;padding:.5rem 1.1rem;border-radius:6px;border:1px solid #1f2328;background:#1f2328;color:#fff;cursor:pointer}
button.approve{background:#1a7f37;border-color:#1a7f37}
button.reject{background:var(--critical);border-color:var(--critical)}
button.secondary{background:#fff;color:var(--ink)}
.error-text{color:var(--critical);font-weight:600}
.actions{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:1rem}
.side-by-side{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.progress{font-weight:700}
footer{max-width:64rem;margin:2rem auto;padding:0 1rem;color:var(--muted);font-size:.85rem}
@media (max-width:40rem){dl.facts{grid-template-columns:1fr}.side-by-side{grid-template-columns:1fr}.actions{grid-template-columns:1fr}table{display:block;overflow-x:auto}}
`.trim();

export const STYLESHEET_PATH = '/static/vetflow.css';

/** `sha256-...` source for the CSP `style-src` directive, computed from the exact inlined text. */
export const STYLESHEET_HASH = `sha256-${createHash('sha256').update(STYLESHEET, 'utf8').digest('base64')}`;
