import * as fs from 'node:fs';
import { App } from 'aws-cdk-lib';
import { buildApp } from '../app';
import { loadSynthesized, type SynthesizedApp } from './synthesized-app';

/**
 * Synthesizes the CDK app in-process, exactly as `cdk synth` would (esbuild bundles included), and
 * reads back the template. Runs offline: the app makes no context lookups.
 */
export function synthesize(outdir: string, context: Record<string, unknown> = {}): SynthesizedApp {
  fs.mkdirSync(outdir, { recursive: true });
  const { app, stack } = buildApp(new App({ outdir, context }));
  const assembly = app.synth();
  const artifact = assembly.getStackByName(stack.stackName);
  return loadSynthesized(outdir, artifact.templateFile, stack.stackName);
}
