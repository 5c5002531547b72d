import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { loadSynthesized } from '../../infra/local/synthesized-app';

/**
 * Libraries the bundles must carry in their light form (docs: each bundle under 250 KB): a single import
 * of the heavy form anywhere in a function's code brings it back whole.
 */
describe('library forms in the bundles', () => {
  const meta = inject('assembly');
  const synth = loadSynthesized(meta.dir, meta.templateFile, meta.stackName);
  const bundles = Object.entries(synth.template.Resources)
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function' && (r.Properties?.Code as { S3Key?: string } | undefined)?.S3Key)
    .map(([id]) => ({ id, code: fs.readFileSync(path.join(synth.assetDirOf(id), 'index.mjs'), 'utf8') }));

  it('zod is zod/mini everywhere (shared/domain/schemas/zod.ts), never the full package', () => {
    expect(bundles.length).toBeGreaterThan(0);
    for (const { id, code } of bundles) {
      // The full package's schema classes, by the names its constructors register.
      expect(code, id).not.toMatch(/["']Zod(Object|String|Type)["']/);
      expect(code, id).toMatch(/["']ZodMiniObject["']/);
    }
  });
});
