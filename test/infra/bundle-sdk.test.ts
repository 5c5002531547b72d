import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { loadSynthesized } from '../../infra/local/synthesized-app';
import { localRegion, resolve } from '../../infra/local/intrinsics';

/**
 * The AWS SDK is most of a function's cold start (docs: module init under 150 ms), so each bundle loads at
 * init the SDK packages its code uses on every invocation and no others, and loads them with require(), not
 * `import` (see shared/adapters/aws/require-sdk.ts). A package a single rare path needs is required on that path's
 * first use instead (listed under `onFirstUse`; the bench times that load separately). A change here is a
 * change to cold starts: update the lists deliberately.
 */
const sdkPackagesOf: Record<string, { atInit: string[]; onFirstUse?: string[] }> = {
  // POST /onboardings writes the applicant's keyed fingerprints (the secret); S3 for POST /uploads only
  // (shared/config/create-upload.ts).
  api: { atInit: ['client-dynamodb', 'lib-dynamodb', 'client-sfn', 'client-secrets-manager'], onFirstUse: ['client-s3', 's3-request-presigner'] },
  approval: { atInit: ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager', 'client-sesv2', 'client-eventbridge'] },
  // The lists come from the lists bucket on AWS (shared/config/sanctions-lists.ts): the payee BIC and wallet are screened.
  // Holding an earlier applicant linked by this check (shared/config/propagate-links.ts): rare, on first use.
  'bank-check': { atInit: ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager', 'client-sesv2', 'client-s3'], onFirstUse: ['client-sfn', 'client-eventbridge'] },
  // The keyed fingerprint of each document image (shared documents link applicants) needs the secret; the new
  // case's status event goes out from here (EventBridge).
  'document-check': { atInit: ['client-dynamodb', 'lib-dynamodb', 'client-s3', 'client-secrets-manager', 'client-eventbridge'] },
  finalize: { atInit: ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager', 'client-eventbridge'], onFirstUse: ['client-sfn', 'client-sesv2'] },
  interview: { atInit: ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager', 'client-sesv2'] },
  // The interviewer's form presigns the intake photos (shared/config/photo-urls.ts), and a contractor's link
  // visit goes through the signals use case (functions/links/footprint.ts), which may hold the case and tell
  // the HRIS: S3 and EventBridge on first use.
  links: { atInit: ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager', 'client-sesv2', 'client-sfn'], onFirstUse: ['client-s3', 's3-request-presigner', 'client-eventbridge'] },
  'public-record-check': { atInit: ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager', 'client-sesv2', 'client-s3'], onFirstUse: ['client-sfn', 'client-eventbridge'] },
  'record-failure': { atInit: ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager', 'client-eventbridge'] },
  reminders: { atInit: ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager', 'client-sesv2'] },
  // A hold ends waiting person steps (shared/config/hold.ts): Step Functions on the first hold only.
  // A hold tells the linked applicants; an approved one's compliance pool is mailed: SES on first use.
  'risk-decision': { atInit: ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager', 'client-eventbridge'], onFirstUse: ['client-sfn', 'client-sesv2'] },
  // Holds through the hold use case (Step Functions: end a waiting step, start a review; the full pass).
  'sanctions-refresh': { atInit: ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager', 'client-s3', 'client-eventbridge', 'client-sfn'], onFirstUse: ['client-sesv2'] },
  // Holds tell the linked applicants (an approved one's compliance pool by mail): SES on first use.
  'rescreen-page': { atInit: ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager', 'client-s3', 'client-eventbridge', 'client-sfn'], onFirstUse: ['client-sesv2'] },
  // A hold (shared/config/hold.ts) loads Step Functions on first use; a payout change the lists (S3) and a
  // shared shipping address the link propagation's compliance mail (SES), both on first use (issue 18).
  signals: { atInit: ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager', 'client-eventbridge'], onFirstUse: ['client-sfn', 'client-s3', 'client-sesv2'] },
  'webhook-sweep': { atInit: ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager', 'client-eventbridge'] },
};

describe('AWS SDK in the bundles', () => {
  const meta = inject('assembly');
  const synth = loadSynthesized(meta.dir, meta.templateFile, meta.stackName);
  const bundles = Object.entries(synth.template.Resources)
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function' && (r.Properties?.Code as { S3Key?: string } | undefined)?.S3Key)
    .map(([id, r]) => {
      const props = resolve(r.Properties ?? {}, synth.template) as { Environment?: { Variables?: Record<string, string> } };
      const { NODE_OPTIONS: _flags, ...env } = props.Environment?.Variables ?? {};
      const entry = path.join(synth.assetDirOf(id), 'index.mjs');
      return { id, name: String(env.POWERTOOLS_SERVICE_NAME).replace(/^vetflow-/, ''), entry, env, code: fs.readFileSync(entry, 'utf8') };
    });

  /** The SDK packages a fresh Node process has loaded once the bundle is imported (module init), as Lambda would. */
  const loadedAtInit = (b: (typeof bundles)[number]): string[] => {
    const script =
      `await import(${JSON.stringify(pathToFileURL(b.entry).href)});` +
      `const { createRequire } = await import('node:module');` +
      `const loaded = Object.keys(createRequire(import.meta.url).cache).map((f) => /[\\\\/]node_modules[\\\\/]@aws-sdk[\\\\/]([^\\\\/]+)[\\\\/]/.exec(f)?.[1]).filter(Boolean);` +
      `process.stdout.write(JSON.stringify([...new Set(loaded)]));`;
    const env = {
      PATH: process.env.PATH ?? '',
      AWS_REGION: localRegion,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_LAMBDA_FUNCTION_NAME: b.id,
      // As on Lambda: data files shipped beside the bundle are then read from there only (shared/domain/bundled-file.ts).
      LAMBDA_TASK_ROOT: path.dirname(b.entry),
      ...b.env,
    };
    return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env, cwd: path.dirname(b.entry) }).toString()) as string[];
  };

  it('every function is listed', () => {
    expect(bundles.map((b) => b.name).sort()).toEqual(Object.keys(sdkPackagesOf).sort());
  });

  it('no bundle imports the SDK as an ES module', () => {
    for (const { name, code } of bundles) expect(code.match(/(?:from|import)\s*\(?\s*["']@(?:aws-sdk|smithy)\//g) ?? [], name).toEqual([]);
  });

  it('each bundle initialises from its own folder and loads at init the SDK packages it uses on every invocation, only those; rare paths load theirs on first use', () => {
    for (const b of bundles) {
      const expected = sdkPackagesOf[b.name] ?? { atInit: [] };
      const referenced = new Set([...b.code.matchAll(/\(\s*["']@aws-sdk\/([^"']+)["']\s*\)/g)].map((m) => m[1]!));
      expect([...referenced].sort(), b.name).toEqual([...expected.atInit, ...(expected.onFirstUse ?? [])].sort());
      expect(b.code, b.name).not.toMatch(/["']@smithy\//);
      const atInit = loadedAtInit(b).filter((p) => referenced.has(p));
      expect(atInit.sort(), b.name).toEqual([...expected.atInit].sort());
    }
  });
});
