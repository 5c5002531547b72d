import { defaultPolicy } from '../domain/policy/default-policy';
import { parsePolicyObject } from '../domain/policy/policy-document';
import type { Policy } from '../domain/policy/policy-schema';

/**
 * The policy in force. The CDK app validates the operator's policy file at synth time and bakes it into
 * every bundle (esbuild `define`), so a Lambda on AWS and the local runtime run the very same policy, and
 * a deployment is the unit of policy change. Outside a bundle (unit tests) the built-in policy applies.
 * No file or YAML parsing here: that is the CDK app's job (shared/adapters/files/load-policy.ts).
 */
declare const __VETFLOW_POLICY__: string | undefined;

let cached: Policy | undefined;

export function activePolicy(): Policy {
  cached ??= typeof __VETFLOW_POLICY__ === 'string' ? parsePolicyObject(JSON.parse(__VETFLOW_POLICY__), 'bundled policy') : parsePolicyObject(defaultPolicy, 'default policy');
  return cached;
}
