import { describe, expect, it } from 'vitest';
import { renderCasePage } from '../../shared/domain/pages/case-page';
import { caseView, XSS } from './fixtures';

describe("case page: the risk decision's arithmetic", () => {
  const risk = {
    outcome: 'review' as const,
    score: 50,
    thresholds: { review: 30, hold: 100 },
    facts: [
      { fact: 'bank.country', weight: 35, code: 'BANK_CHINA_BANK', codes: ['BANK_CHINA_BANK', 'BANK_COUNTRY_NOT_RESIDENCE', 'DOC_BANK_COUNTRY_MISMATCH'] },
      { fact: 'contact.phone', weight: 15, code: 'DOC_PHONE_COUNTRY_MISMATCH', codes: ['DOC_PHONE_COUNTRY_MISMATCH'] },
    ],
    hardStops: [],
    policyVersion: 'default-2026.1#0123456789ab',
    explanation: ['Score 50 = 35 + 15.', XSS],
  };

  it('shows the score, the thresholds, each counted fact with its weight, the hard stops and the policy version', () => {
    const page = renderCasePage(caseView({ risk }));
    const section = page.slice(page.indexOf('<h2>Risk decision</h2>'), page.indexOf('<h2>Identity as submitted</h2>'));
    expect(section).toMatch(/Review by a person/);
    expect(section).toMatch(/<strong>50<\/strong> <span class="muted">\(review from 30, hold from 100\)<\/span>/);
    expect(section).toMatch(
      /bank\.country<\/span><\/td><td><span class="code">BANK_CHINA_BANK<\/span><\/td><td>\+35<\/td><td><span class="code">BANK_COUNTRY_NOT_RESIDENCE<\/span>, <span class="code">DOC_BANK_COUNTRY_MISMATCH<\/span>/,
    );
    expect(section).toMatch(/contact\.phone.*\+15/);
    expect(section).toMatch(/Hard stops<\/dt>\s*<dd>none|Hard stops.*none/s);
    expect(section).toMatch(/default-2026\.1#0123456789ab/);
    expect(section).toMatch(/<li>Score 50 = 35 \+ 15\.<\/li>/);
    // The explanation is escaped like any other text.
    expect(section).not.toContain('<script>');
  });

  it('names the hard stops', () => {
    const page = renderCasePage(caseView({ risk: { ...risk, outcome: 'hold', hardStops: ['SIG_PHONE_DPRK'] } }));
    expect(page).toMatch(/Compliance hold/);
    expect(page).toMatch(/<span class="code">SIG_PHONE_DPRK<\/span>/);
  });

  it('has no risk section before the decision ran', () => {
    expect(renderCasePage(caseView({}))).not.toContain('<h2>Risk decision</h2>');
  });
});
