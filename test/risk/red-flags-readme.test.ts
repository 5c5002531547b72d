import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Every string literal shaped like a finding code in the product's source (shared/ and functions/). */
function codesInSource(): Set<string> {
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) for (const m of fs.readFileSync(p, 'utf8').matchAll(/'([A-Z]{2,5}_[A-Z0-9_]+)'/g)) out.add(m[1]!);
    }
  };
  walk(path.join(root, 'shared'));
  walk(path.join(root, 'functions'));
  return out;
}

/**
 * Issue 18: the README's red-flags table maps each red flag to the check that looks for it. Its finding codes
 * must be codes the product records (a renamed or removed rule would leave the table promising a check that
 * no longer exists).
 */
describe("the README's red-flags table", () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = /## Red flags and the checks that look for them\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';

  it('exists, with the 2022 advisory and the later guidance, and says what is not looked for', () => {
    expect(section).toContain('| Red flag | Source | Where vetflow looks | Findings |');
    for (const flag of ['virtual currency', 'off the platform', 'camera', 'Laptop farms', 'Korean-language', 'VOIP', 'frequently changed contact', 'Frequent changes of bank details'])
      expect(section, flag).toContain(flag);
    expect(section).toContain('What vetflow does not look for, and why');
  });

  it('names only finding codes the product records', () => {
    const known = codesInSource();
    const named = [...section.matchAll(/`([A-Z]{2,5}_[A-Z0-9_]*\*?)`/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(40);
    for (const code of named) {
      if (code.endsWith('*'))
        expect(
          [...known].some((k) => k.startsWith(code.slice(0, -1))),
          code,
        ).toBe(true);
      else expect(known.has(code), code).toBe(true);
    }
  });
});
