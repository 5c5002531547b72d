import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import YAML from 'yaml';
import { canonicalJson } from '../audit/canonical-json';
import { defaultPolicy } from './default-policy';
import { formatIssues } from './format-issues';
import { policyFileSchema, policySchema, type Policy } from './policy-schema';

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

export type PolicyFormat = 'json' | 'yaml';

/**
 * Loads and validates the policy at cold start. No path (or an empty one) means the built-in default.
 * Reads synchronously on purpose: it runs once, before the first event, and must fail fast.
 */
export function loadPolicy(path?: string): Policy {
  if (!path) return parsePolicyObject(defaultPolicy, 'default policy');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PolicyError(path, [`cannot read the file: ${(error as Error).message}`]);
  }
  const ext = extname(path).toLowerCase();
  const format: PolicyFormat = ext === '.json' ? 'json' : 'yaml';
  if (ext !== '.json' && ext !== '.yaml' && ext !== '.yml')
    throw new PolicyError(path, [`expected a .json, .yaml or .yml file, got "${ext || 'no extension'}"`]);
  return parsePolicy(text, format, path);
}

/** Parses policy text; `source` names it in errors. */
export function parsePolicy(text: string, format: PolicyFormat, source = `policy.${format}`): Policy {
  return parsePolicyObject(format === 'json' ? parseJson(text, source) : parseYaml(text, source), source);
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

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PolicyError(source, [`not valid JSON: ${(error as Error).message}`]);
  }
}

function parseYaml(text: string, source: string): unknown {
  // uniqueKeys (the default) makes a key given twice an error instead of "last one wins".
  const doc = YAML.parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0)
    throw new PolicyError(source, doc.errors.map((e) => `not valid YAML: ${e.message.split('\n')[0]}`));
  return doc.toJS();
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
