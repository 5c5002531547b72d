import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../shared/adapters/files/load-policy';
import { describeRule, guidanceFor, ruleCatalogue } from '../../shared/domain/risk/catalogue';
import { guidanceSources } from '../../shared/domain/risk/guidance-sources';

describe('rule catalogue', () => {
  it('cites at least one public source, with a URL, for every code', () => {
    for (const code of Object.keys(ruleCatalogue)) {
      const rule = describeRule(code)!;
      expect(rule.citations.length, code).toBeGreaterThan(0);
      for (const c of rule.citations) expect(c.url).toMatch(/^https:\/\//);
    }
  });
  it('prefixes each code with its stage', () => {
    const prefix = { signals: 'SIG_', system: 'SYS_', screening: 'SCR_', document: 'DOC_', bank: 'BANK_', interview: 'INT_', links: 'LINK_' } as Record<string, string>;
    for (const [code, rule] of Object.entries(ruleCatalogue)) expect(code.startsWith(prefix[rule.stage]!), code).toBe(true);
  });
  it('agrees with the default policy about hard stops', () => {
    const policy = loadPolicy();
    for (const [code, rule] of Object.entries(ruleCatalogue)) {
      if (rule.hardStop) expect(policy.hardStopCodes, code).toContain(code);
    }
    for (const code of policy.hardStopCodes) expect(describeRule(code)?.hardStop, code).toBe(true);
  });
  it('gives a short citation for Finding.guidance, nothing for unknown codes', () => {
    expect(guidanceFor('SIG_PAYMENT_CRYPTO')).toBe(guidanceSources.ADVISORY_2022.label);
    expect(guidanceFor('SIG_SHARED_IP')).toBe('FBI PSA May 2024; FBI PSA Jul 2025');
    expect(guidanceFor('NOPE_UNKNOWN')).toBeUndefined();
    expect(describeRule('NOPE_UNKNOWN')).toBeUndefined();
  });
});
