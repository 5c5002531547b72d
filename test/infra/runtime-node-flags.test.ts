import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const scripts = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
/** The flags test/vitest.config.ts gives the runtime tests' workers (read as text: importing it would build the projects). */
const testFlags = [...(/export const runtimeNodeFlags = \[([^\]]*)\]/.exec(fs.readFileSync(path.join(root, 'test/vitest.config.ts'), 'utf8'))?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]);
const flagsOf = (script: string) => (/^tsx((?: --[^ ]+)*) /.exec(script)?.[1] ?? '').trim().split(/\s+/).filter(Boolean);

describe('the local runtime runs under one set of Node flags', () => {
  it('npm start, the bench that measures it and the tests that drive it', () => {
    expect(testFlags.length).toBeGreaterThan(0);
    expect(flagsOf(scripts.start!)).toEqual(testFlags);
    expect(flagsOf(scripts.bench!)).toEqual(testFlags);
  });
});
