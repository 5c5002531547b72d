import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import { inject } from 'vitest';
import { buildApp } from '../../infra/app';
import type { VetflowStack } from '../../infra/vetflow-stack';

export interface SynthesizedVetflow {
  app: App;
  stack: VetflowStack;
}

let synthesized: SynthesizedVetflow | undefined;

/**
 * The real app's construct tree, synthesized in-process as `cdk synth` does but without bundling the
 * functions (CDK's `aws:cdk:bundling-stacks` context, what `cdk synth --exclusively` uses), so in about a
 * second: the template and cdk-nag tests read constructs and the template, not bundles. What is in the
 * bundles is checked on the one assembly the global setup synthesizes with them (inject('assembly')).
 * Synthesized once per test process, into a folder inside the global setup's, which goes at its teardown.
 */
export function synthesizeVetflow(): SynthesizedVetflow {
  if (synthesized) return synthesized;
  const outdir = fs.mkdtempSync(path.join(inject('assembly').dir, 'constructs-'));
  const { app, stack } = buildApp(new App({ outdir, context: { [BUNDLING_STACKS]: [] } }));
  app.synth();
  synthesized = { app, stack };
  return synthesized;
}
