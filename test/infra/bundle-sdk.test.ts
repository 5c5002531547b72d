import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { loadSynthesized } from '../../infra/local/cloud-assembly';

/**
 * The AWS SDK is most of a function's cold start (docs: module init under 150 ms), so each bundle loads the
 * SDK packages its code uses and no others, and loads them with require(), not `import` (see
 * shared/aws/require-sdk.ts). A change here is a change to cold starts: update the list deliberately.
 */
const sdkPackagesOf: Record<string, string[]> = {
  api: ['client-dynamodb', 'lib-dynamodb', 'client-sfn', 'client-s3', 's3-request-presigner'],
  approval: ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager', 'client-sesv2', 'client-eventbridge'],
  'bank-check': ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager', 'client-sesv2'],
  'document-check': ['client-dynamodb', 'lib-dynamodb', 'client-s3'],
  finalize: ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager', 'client-eventbridge'],
  intake: ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager', 'client-eventbridge'],
  interview: ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager', 'client-sesv2'],
  links: ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager', 'client-sesv2', 'client-sfn'],
  'public-record-check': ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager', 'client-sesv2', 'client-s3'],
  'record-failure': ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager', 'client-eventbridge'],
  reminders: ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager', 'client-sesv2'],
  'risk-decision': ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager', 'client-eventbridge'],
  'sanctions-refresh': ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager', 'client-sesv2', 'client-s3', 'client-eventbridge'],
  signals: ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager', 'client-sfn', 'client-eventbridge'],
  'webhook-sweep': ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager', 'client-eventbridge'],
};

describe('AWS SDK in the bundles', () => {
  const meta = inject('assembly');
  const synth = loadSynthesized(meta.dir, meta.templateFile, meta.stackName);
  const serviceOf = (props: Record<string, unknown> | undefined) =>
    (props?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables?.POWERTOOLS_SERVICE_NAME;
  const bundles = Object.entries(synth.template.Resources)
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function' && serviceOf(r.Properties))
    .map(([id, r]) => ({
      name: String(serviceOf(r.Properties)).replace(/^vetflow-/, ''),
      code: fs.readFileSync(path.join(synth.assetDirOf(id), 'index.mjs'), 'utf8'),
    }));

  it('every function is listed', () => {
    expect(bundles.map((b) => b.name).sort()).toEqual(Object.keys(sdkPackagesOf).sort());
  });

  it('no bundle imports the SDK as an ES module', () => {
    for (const { name, code } of bundles) expect(code.match(/(?:from|import)\s*\(?\s*["']@(?:aws-sdk|smithy)\//g) ?? [], name).toEqual([]);
  });

  it('each bundle requires the SDK packages it uses, and only those', () => {
    for (const { name, code } of bundles) {
      const required = new Set([...code.matchAll(/\(\s*["']@aws-sdk\/([^"']+)["']\s*\)/g)].map((m) => m[1]!));
      expect([...required].sort(), name).toEqual([...(sdkPackagesOf[name] ?? [])].sort());
      expect(code, name).not.toMatch(/["']@smithy\//);
    }
  });
});
