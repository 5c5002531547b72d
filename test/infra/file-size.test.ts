import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const MAX_LINES = 400;
const productFolders = ['shared', 'functions', 'infra'];

/**
 * Files being split on another branch, each with where: merged, its entry goes (the second test fails while a
 * listed file is already within the limit, so the list cannot outlive the split).
 */
const splitElsewhere: Record<string, string> = {};

function tsFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'cdk.out' ? [] : tsFiles(rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}

/** Lines as `wc -l` counts them, with a last line that lacks its newline counted too. */
function lineCount(file: string): number {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  return text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** Issue 16: a newcomer reads a product file whole. Split along its seams, not by chopping: see infra/constructs/. */
describe(`no product file over ${MAX_LINES} lines`, () => {
  const sizes = productFolders.flatMap(tsFiles).map((file) => ({ file, lines: lineCount(file) }));

  it(`every .ts file under ${productFolders.join('/, ')}/ has at most ${MAX_LINES} lines`, () => {
    expect(sizes.length).toBeGreaterThan(100);
    const over = sizes.filter((s) => s.lines > MAX_LINES && !(s.file in splitElsewhere)).map((s) => `${s.file}: ${s.lines} lines`);
    expect(over).toEqual([]);
  });

  it('each file excused as being split elsewhere still exists and is still over the limit', () => {
    const stale = Object.keys(splitElsewhere).filter((file) => !sizes.some((s) => s.file === file && s.lines > MAX_LINES));
    expect(stale).toEqual([]);
  });
});
