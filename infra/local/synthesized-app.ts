import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Template } from './intrinsics';

/*
 * A synthesized cloud assembly, read back. Apart from cloud-assembly.ts (which synthesizes) so that what only
 * runs an assembly (the local runtime given one, `npm start`, every runtime test file) never loads aws-cdk-lib
 * and the app's constructs: about 2.5 s of imports each time.
 */

export interface SynthesizedApp {
  outdir: string;
  stackName: string;
  template: Template;
  /** Folder of a Lambda function's bundle (the same asset `cdk deploy` uploads). */
  assetDirOf(logicalId: string): string;
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
