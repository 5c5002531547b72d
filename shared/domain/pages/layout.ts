import { html, trusted, type SafeHtml } from './html';
import { STYLESHEET, STYLESHEET_PATH } from './stylesheet';

export interface LayoutOptions {
  title: string;
  body: SafeHtml;
  /** 'inline-hash' (default) pairs with contentSecurityPolicy(); 'link' with a stylesheet served at STYLESHEET_PATH. */
  styles?: 'inline-hash' | 'link';
  /** Shown in the header, e.g. the customer's organisation. */
  organisationName?: string;
}

/**
 * The shared page frame. No script element anywhere and no inline event handlers: pages are plain
 * documents and forms, readable in any browser and safe for scanners to open. The stylesheet is inlined
 * verbatim: it must stay byte-identical to what STYLESHEET_HASH covers.
 */
export function layout(options: LayoutOptions): string {
  const style = options.styles === 'link' ? html`<link rel="stylesheet" href="${STYLESHEET_PATH}">` : html`<style>${trusted(STYLESHEET)}</style>`;
  return `<!doctype html>\n${
    html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${options.title} · vetflow</title>
${style}
</head>
<body>
<header class="top"><span class="brand">vetflow</span>${options.organisationName ? html` · ${options.organisationName}` : ''}</header>
<main>
<h1>${options.title}</h1>
${options.body}
</main>
<footer>This page was sent to you personally. Do not forward the link: it works once and expires.</footer>
</body>
</html>`.value
  }`;
}
