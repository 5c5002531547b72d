import { describe, expect, it } from 'vitest';
import { formatInstant, maskIdentifier, redactIdentifiers } from '../../shared/domain/pages/format';
import { escapeHtml, html, safeUrl, trusted } from '../../shared/domain/pages/html';
import { neutralize } from '../../shared/domain/schemas/text';

describe('html template', () => {
  it('escapes interpolations, keeps nested SafeHtml, drops false/null/undefined', () => {
    const inner = html`<em>${'a<b'}</em>`;
    expect(html`<p title="${'"x"'}">${inner}${false}${null}${undefined}${[1, '&']}</p>`.value).toBe('<p title="&quot;x&quot;"><em>a&lt;b</em>1&amp;</p>');
    expect(escapeHtml(`<>&"'\``)).toBe('&lt;&gt;&amp;&quot;&#39;&#96;');
    expect(html`${trusted('<br>')}`.value).toBe('<br>');
  });

  it('lets only http(s) and site-relative URLs through', () => {
    expect(safeUrl('https://vetflow.example/l/abc')).toBe('https://vetflow.example/l/abc');
    expect(safeUrl('/photos/1')).toBe('/photos/1');
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,x', '//evil.example/x', 'vbscript:x', 'not a url']) expect(safeUrl(bad)).toBe('#');
  });
});

describe('identifier masking', () => {
  it('keeps the last four characters', () => {
    expect(maskIdentifier('Z9876543')).toBe('••••6543');
    expect(maskIdentifier('PL61 1090 1014 0000 0712 1981 2874')).toBe('••••••••2874');
    expect(maskIdentifier('123')).toBe('•••');
  });

  it.each([
    ['Passport Z9876543 expired on 2024-01-15', 'Passport ••••6543 expired on 2024-01-15'],
    ['IBAN PL61 1090 1014 0000 0712 1981 2874 is not the holder', 'IBAN ••••••••2874 is not the holder'],
    ['Account 12345678 at sort code 12-34-56', 'Account ••••5678 at sort code ••3456'],
    ['Worked 2019 to 2023, 3 employers, score 0.93, entry 12345', 'Worked 2019 to 2023, 3 employers, score 0.93, entry 12345'],
    ['Dates 2019-01-01 2020-02-02 overlap', 'Dates 2019-01-01 2020-02-02 overlap'],
    ['wallet 0x52908400098527886E0F7030069857D2E4169EE7', 'wallet ••••••••9EE7'],
  ])('%s', (input, expected) => {
    expect(redactIdentifiers(input)).toBe(expected);
  });
});

describe('formatInstant', () => {
  it('names the zone and handles DST', () => {
    expect(formatInstant('2025-03-08T14:00:00Z', 'America/New_York')).toBe('Saturday 8 March 2025, 09:00 (America/New_York)');
    expect(formatInstant('2025-03-10T13:00:00Z', 'America/New_York')).toBe('Monday 10 March 2025, 09:00 (America/New_York)');
    expect(formatInstant('2025-03-10T13:00:00Z')).toBe('Monday 10 March 2025, 13:00 (UTC)');
  });
});

describe('escaping (property)', () => {
  it('never lets an interpolated string open a tag or leave an attribute, and round-trips', async () => {
    const fc = (await import('fast-check')).default;
    const unescape = (s: string) =>
      s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&#96;/g, '`')
        .replace(/&amp;/g, '&');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = html`<p title="${s}">${s}</p>`.value;
        const inner = out.slice('<p title="'.length, out.indexOf('"', '<p title="'.length));
        expect(inner).not.toMatch(/[<>"'`]/);
        // What comes back is the text with bidi controls and control characters neutralized, nothing else.
        expect(unescape(inner)).toBe(neutralize(s));
        expect(inner).not.toMatch(/[\u0000-\u0008\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: 2000 },
    );
  });
});
