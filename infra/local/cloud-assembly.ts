import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildApp } from '../app';
import type { Template } from './intrinsics';

export interface SynthesizedApp {
  outdir: string;
  stackName: string;
  template: Template;
  /** Folder of a Lambda function's bundle (the same asset `cdk deploy` uploads). */
  assetDirOf(logicalId: string): string;
}

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

/** Reads an already synthesized cloud assembly (tests synthesize once and share it). */
export function loadSynthesized(outdir: string, templateFile: string, stackName: string): SynthesizedApp {
  const template = JSON.parse(fs.readFileSync(path.join(outdir, templateFile), 'utf8')) as Template;
  return {
    outdir,
    stackName,
    template,
    assetDirOf(logicalId: string) {
      const res = template.Resources[logicalId];
      const code = res?.Properties?.Code as { S3Key?: string } | undefined;
      const assetPath = res?.Metadata?.['aws:asset:path'];
      const dir = typeof assetPath === 'string' ? assetPath : code?.S3Key ? `asset.${code.S3Key.replace(/\.zip$/, '')}` : undefined;
      if (!dir) throw new Error(`function ${logicalId} has no bundled asset in ${outdir}`);
      return path.join(outdir, dir);
    },
  };
}
