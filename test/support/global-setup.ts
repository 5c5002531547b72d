import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestProject } from 'vitest/node';
import { synthesize } from '../../infra/local/cloud-assembly';

export const testPolicyFile = path.resolve(import.meta.dirname, '..', 'fixtures', 'test-policy.json');

declare module 'vitest' {
  export interface ProvidedContext {
    assembly: { dir: string; templateFile: string; stackName: string };
  }
}

/**
 * Synthesizes the CDK app once for the whole run (esbuild bundles included); runtime tests load this
 * assembly instead of bundling again. Each run gets its own folder, so concurrent runs do not collide.
 */
export default function setup(project: TestProject): () => void {
  const dir = path.resolve(import.meta.dirname, '..', '..', '.vetflow', `test-cdk.out-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const synth = synthesize(dir, { policy: testPolicyFile });
  project.provide('assembly', { dir, templateFile: `${synth.stackName}.template.json`, stackName: synth.stackName });
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
