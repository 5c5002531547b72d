import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/canonical-json';
import { defaultPolicy } from './default-policy';
import { formatIssues } from './format-issues';
import { policyFileSchema, policySchema, type Policy } from './policy-schema';

/*
 * The policy as a validated document, without file or YAML handling: what a Lambda needs (its policy is
 * baked into the bundle as JSON at synth), so the bundles do not carry a YAML parser.
 */

/** Raised at start when the policy cannot be used; `issues` are one line per problem, naming the field. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  constructor(
    readonly source: string,
    readonly issues: string[],
  ) {
    super(`invalid policy ${source}:\n  ${issues.join('\n  ')}`);
  }
}

/** Recorded with every decision so an auditor can tell which rules produced it. */
export interface PolicyVersion {
  /** The author's label, e.g. "2026-03 compliance review". */
  version: string;
  /** "sha256:<hex>" of the effective policy in canonical JSON: changes whenever any value changes. */
  hash: string;
}

/** Validates an already-parsed policy document (a file's content, or an object in code or tests). */
export function parsePolicyObject(input: unknown, source = 'policy'): Policy {
  const file = policyFileSchema.safeParse(input, { reportInput: true });
  if (!file.success) throw new PolicyError(source, formatIssues(file.error.issues));
  // Sections left out come whole from the default (see policyFileSchema); undefined keys must not
  // overwrite them, hence the filter.
  const given = Object.fromEntries(Object.entries(file.data).filter(([, v]) => v !== undefined));
  const effective = policySchema.safeParse({ ...defaultPolicy, description: undefined, ...given }, { reportInput: true });
  if (!effective.success) throw new PolicyError(source, formatIssues(effective.error.issues));
  return deepFreeze(effective.data);
}

const versions = new WeakMap<Policy, PolicyVersion>();

/** Version label and content hash of a policy; cached, since it is asked for on every decision. */
export function policyVersionOf(policy: Policy): PolicyVersion {
  let v = versions.get(policy);
  if (!v) {
    v = { version: policy.version, hash: `sha256:${createHash('sha256').update(canonicalJson(policy)).digest('hex')}` };
    versions.set(policy, v);
  }
  return v;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
