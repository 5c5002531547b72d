import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../shared/domain/policy/default-policy';
import { loadPolicy, parsePolicy, parsePolicyObject, PolicyError, policyVersionOf } from '../../shared/adapters/files/load-policy';
import { countryRisk, microDepositsRequired, requiredStages, timeoutSeconds } from '../../shared/domain/policy/policy-queries';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof PolicyError) return error.issues;
    throw error;
  }
  throw new Error('expected a PolicyError');
}

describe('loadPolicy', () => {
  it('returns the built-in default when no file is given', () => {
    const policy = loadPolicy(undefined);
    expect(policy.version).toBe(defaultPolicy.version);
    expect(policy.thresholds).toEqual({ review: 30, hold: 100 });
    expect(policy.countries.hardStop).toContain('KP');
    expect(policy.sanctions.listMaxAgeDays).toBe(7);
    expect(loadPolicy('')).toEqual(policy);
  });

  it('loads YAML, taking sections left out from the default', () => {
    const policy = loadPolicy(fixture('custom-policy.yaml'));
    expect(policy.version).toBe('2026-03 compliance review');
    expect(policy.thresholds).toEqual({ review: 20, hold: 80 });
    expect(policy.countries.highRisk).toContain('VE');
    expect(policy.weights).toEqual(parsePolicyObject(defaultPolicy).weights);
    expect(policy.reviewerPools.escalation).toEqual(['security@acme.example']);
  });

  it('loads JSON', () => {
    const policy = loadPolicy(fixture('custom-policy.json'));
    expect(policy.weights.byCode).toEqual({ SIG_OFF_PLATFORM_REQUEST: 40 });
    expect(policy.description).toBeUndefined();
  });

  it('returns a frozen policy so no handler can change it at run time', () => {
    const policy = loadPolicy();
    expect(Object.isFrozen(policy.thresholds)).toBe(true);
    expect(() => (policy.countries.highRisk as string[]).push('US')).toThrow();
  });

  it('names the bad field and its expected type', () => {
    expect(issuesOf(() => loadPolicy(fixture('bad-type.yaml')))).toEqual(['thresholds.review: expected a number']);
  });

  it('reports JSON syntax errors', () => {
    expect(issuesOf(() => loadPolicy(fixture('bad-syntax.json')))[0]).toMatch(/^not valid JSON/);
  });

  it('reports YAML syntax errors, including a key given twice', () => {
    const issues = issuesOf(() => loadPolicy(fixture('bad-syntax.yaml')));
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.join('\n')).toMatch(/not valid YAML/);
    expect(issuesOf(() => parsePolicy('version: x\nversion: y\n', 'yaml'))[0]).toMatch(/unique/i);
  });

  it('reports unreadable files and unknown extensions', () => {
    expect(issuesOf(() => loadPolicy('/nonexistent/policy.yaml'))[0]).toMatch(/cannot read/);
    const dir = mkdtempSync(join(tmpdir(), 'vetflow-policy-'));
    writeFileSync(join(dir, 'policy.toml'), 'version = "x"');
    expect(issuesOf(() => loadPolicy(join(dir, 'policy.toml')))[0]).toMatch(/\.json, \.yaml or \.yml/);
  });

  it('puts the file name and every issue in the error message', () => {
    expect(() => loadPolicy(fixture('bad-type.yaml'))).toThrow(/bad-type\.yaml[\s\S]*thresholds\.review: expected a number/);
  });
});

describe('policy validation names the field', () => {
  const parse = (doc: unknown) => issuesOf(() => parsePolicyObject(doc));
  it.each<[string, unknown, string]>([
    ['missing version', {}, 'version: required (expected a string)'],
    ['version of the wrong type', { version: 3 }, 'version: expected a string'],
    ['a typo in a section key', { version: 'x', thresholds: { review: 30, hold: 100, reveiw: 1 } }, 'thresholds: unknown field "reveiw"'],
    ['an unknown top-level section', { version: 'x', thresholdz: {} }, '(root): unknown field "thresholdz"'],
    ['an incomplete section', { version: 'x', thresholds: { review: 30 } }, 'thresholds.hold: required (expected a number)'],
    ['a negative weight', { version: 'x', weights: { bySeverity: { info: 0, low: -1, medium: 1, high: 1, critical: 1 } } }, 'weights.bySeverity.low: Too small: expected number to be >=0'],
    ['a bad finding code', { version: 'x', hardStopCodes: ['sig_lower'] }, 'hardStopCodes[0]: expected a finding code such as "SIG_LOGIN_VPN"'],
    ['a bad country', { version: 'x', countries: { hardStop: ['KP'], highRisk: ['Russia'] } }, 'countries.highRisk[0]: expected an ISO 3166-1 alpha-2 country code such as "IN" or "PL"'],
    ['a bad reviewer email', { version: 'x', reviewerPools: { escalation: ['not-an-email'] } }, 'reviewerPools.escalation[0]: expected an email address'],
    [
      'an unknown stage',
      { version: 'x', requiredStages: { default: ['document', 'screening', 'astrology'] } },
      'requiredStages.default[2]: Invalid option: expected one of "document"|"screening"|"bank"|"references"|"interview"|"approval"',
    ],
    ['a sanctions score above 1', { version: 'x', sanctions: { potentialMatch: 0.8, strongMatch: 1.5, listMaxAgeDays: 7 } }, 'sanctions.strongMatch: Too big: expected number to be <=1'],
    ['micro-deposits of the wrong shape', { version: 'x', bank: { microDeposits: 'yes' } }, 'bank.microDeposits: Invalid input'],
  ])('%s', (_name, doc, issue) => {
    expect(parse(doc)).toContain(issue);
  });

  it.each<[string, unknown, string]>([
    ['hold not above review', { version: 'x', thresholds: { review: 50, hold: 50 } }, 'thresholds.hold: must be greater than thresholds.review (50)'],
    ['strong below potential', { version: 'x', sanctions: { potentialMatch: 0.9, strongMatch: 0.8, listMaxAgeDays: 7 } }, 'sanctions.strongMatch: must be at least sanctions.potentialMatch (0.9)'],
    ['KP dropped from hard stops', { version: 'x', countries: { hardStop: ['IR'] } }, 'countries.hardStop: must include "KP"'],
    ['screening made optional', { version: 'x', requiredStages: { default: ['document', 'bank'] } }, 'requiredStages.default: must include "screening"'],
    [
      'reminder after the deadline',
      { version: 'x', timeouts: { interviewPickHours: 72, interviewOutcomeHours: 6, approvalHours: 48, reminderBeforeDeadlineHours: 12 } },
      'timeouts.reminderBeforeDeadlineHours: must be shorter than timeouts.interviewOutcomeHours (6)',
    ],
  ])('cross-field rule: %s', (_name, doc, issue) => {
    expect(parse(doc)).toContain(issue);
  });

  it('reports every problem at once, not only the first', () => {
    expect(parse({ version: 'x', thresholds: { review: 'a', hold: 'b' } })).toEqual(['thresholds.review: expected a number', 'thresholds.hold: expected a number']);
  });
});

describe('policyVersionOf', () => {
  it('records the label and a content hash that changes with any value', () => {
    const a = parsePolicyObject({ version: 'v1' });
    const b = parsePolicyObject({ version: 'v1', thresholds: { review: 31, hold: 100 } });
    expect(policyVersionOf(a)).toEqual({ version: 'v1', hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    expect(policyVersionOf(a).hash).not.toBe(policyVersionOf(b).hash);
  });
  it('does not depend on key order in the file', () => {
    const yaml = parsePolicy('version: v1\nthresholds:\n  hold: 100\n  review: 30\n', 'yaml');
    const json = parsePolicy('{"thresholds":{"review":30,"hold":100},"version":"v1"}', 'json');
    expect(policyVersionOf(yaml)).toEqual(policyVersionOf(json));
  });
});

describe('policy queries', () => {
  const policy = loadPolicy(fixture('custom-policy.yaml'));
  it('classifies countries', () => {
    expect(countryRisk(policy, 'KP')).toBe('hard-stop');
    expect(countryRisk(policy, 've')).toBe('high');
    expect(countryRisk(policy, 'PL')).toBe('standard');
    expect(countryRisk(policy, undefined)).toBe('standard');
  });
  it('adds stages by country and role, never removes them', () => {
    expect(requiredStages(policy, { residenceCountry: 'PL' })).toEqual(['document', 'screening', 'bank', 'interview', 'approval']);
    expect(requiredStages(policy, { residenceCountry: 'IN' })).toContain('references');
    expect(requiredStages(policy, { residenceCountry: 'PL', role: 'Senior Payments Engineer' })).toContain('references');
    expect(requiredStages(loadPolicy(), { role: 'DevOps engineer' })).toEqual(['document', 'screening', 'bank', 'references', 'interview', 'approval']);
  });
  it('answers micro-deposits by bank country with a default', () => {
    expect(microDepositsRequired(policy, 'GB')).toBe(false);
    expect(microDepositsRequired(policy, 'IN')).toBe(true);
    expect(microDepositsRequired(policy, undefined)).toBe(true);
    // The built-in policy asks for none: they cost every honest contractor days.
    expect(microDepositsRequired(loadPolicy(), 'GB')).toBe(false);
    expect(microDepositsRequired(parsePolicyObject({ version: 'x', bank: { microDeposits: true } }), 'PL')).toBe(true);
  });
  it('gives timeouts in seconds for Step Functions', () => {
    expect(timeoutSeconds(policy, 'approval')).toBe(48 * 3600);
    expect(timeoutSeconds(policy, 'reminderBeforeDeadline')).toBe(12 * 3600);
  });
});

describe('example policy shipped for operators', () => {
  it('loads, and differs from the default only where it says so', () => {
    const example = loadPolicy(join(import.meta.dirname, '..', '..', 'shared/domain/policy/example-policy.yaml'));
    const builtIn = loadPolicy();
    expect(example.version).toBe('acme-2026.1');
    expect(example.bank.microDeposits).toEqual({ default: true, byCountry: { GB: false } });
    expect(example.reviewerPools.escalation).toEqual(['security-lead@acme.example']);
    for (const section of ['thresholds', 'weights', 'hardStopCodes', 'countries', 'sanctions', 'signals', 'requiredStages', 'fourEyes', 'timeouts', 'engagement'] as const)
      expect(example[section], section).toEqual(builtIn[section]);
  });
});
