import * as fs from 'node:fs';
import * as path from 'node:path';
import { synthesize } from '../../infra/local/cloud-assembly';

/** Synthesizes the CDK app once for the whole run; runtime tests load this assembly instead of bundling again. */
export const testAssemblyDir = path.resolve(import.meta.dirname, '..', '..', '.vetflow', 'test-cdk.out');
export const testPolicyFile = path.resolve(import.meta.dirname, '..', 'fixtures', 'fast-timeouts-policy.json');

export default function setup(): void {
  fs.rmSync(testAssemblyDir, { recursive: true, force: true });
  const synth = synthesize(testAssemblyDir, { policy: testPolicyFile });
  fs.writeFileSync(path.join(testAssemblyDir, 'vetflow-test.json'), JSON.stringify({ templateFile: `${synth.stackName}.template.json`, stackName: synth.stackName }));
}
