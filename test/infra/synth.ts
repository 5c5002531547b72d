import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildApp } from '../../infra/app';
import type { VetflowStack } from '../../infra/vetflow-stack';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');

export interface SynthesizedVetflow {
  app: App;
  stack: VetflowStack;
  /** Removes the cloud assembly (bundles included). */
  dispose(): void;
}

/**
 * Synthesizes the real app in-process, as `cdk synth` does (esbuild bundles included, about 10-20 s), into a
 * throwaway folder under .vetflow/. Call once per test file, in beforeAll.
 */
export function synthesizeVetflow(): SynthesizedVetflow {
  fs.mkdirSync(path.join(projectRoot, '.vetflow'), { recursive: true });
  const outdir = fs.mkdtempSync(path.join(projectRoot, '.vetflow', 'infra-test-'));
  const { app, stack } = buildApp(new App({ outdir }));
  app.synth();
  return { app, stack, dispose: () => fs.rmSync(outdir, { recursive: true, force: true }) };
}
