import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestProject } from 'vitest/node';
import { synthesize } from '../../infra/local/cloud-assembly';

export const testPolicyFile = path.resolve(import.meta.dirname, '..', 'fixtures', 'test-policy.json');

interface AssemblyMeta {
  dir: string;
  templateFile: string;
  stackName: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    assembly: AssemblyMeta;
  }
}

/** One synthesis per run, shared by every project that declares this setup (vitest runs each project's setup). */
const shared = globalThis as typeof globalThis & { vetflowTestAssembly?: { meta: AssemblyMeta; users: number } };

/**
 * Synthesizes the CDK app once for the whole run (esbuild bundles included); runtime, integration, browser and
 * infrastructure tests load this assembly instead of bundling again. The unit project has no global setup,
 * so `npm test -- --project unit` never synthesizes. Each run gets its own folder, so concurrent runs do not
 * collide.
 */
export default function setup(project: TestProject): () => void {
  if (!shared.vetflowTestAssembly) {
    const dir = path.resolve(import.meta.dirname, '..', '..', '.vetflow', `test-cdk.out-${process.pid}`);
    fs.rmSync(dir, { recursive: true, force: true });
    const synth = synthesize(dir, { policy: testPolicyFile });
    shared.vetflowTestAssembly = { meta: { dir, templateFile: `${synth.stackName}.template.json`, stackName: synth.stackName }, users: 0 };
  }
  const assembly = shared.vetflowTestAssembly;
  assembly.users++;
  project.provide('assembly', assembly.meta);
  return () => {
    if (--assembly.users > 0) return;
    fs.rmSync(assembly.meta.dir, { recursive: true, force: true });
    delete shared.vetflowTestAssembly;
  };
}
