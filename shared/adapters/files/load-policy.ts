import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import YAML from 'yaml';
import { defaultPolicy } from '../../domain/policy/default-policy';
import { parsePolicyObject, PolicyError } from '../../domain/policy/policy-document';
import type { Policy } from '../../domain/policy/policy-schema';

export { parsePolicyObject, PolicyError, policyVersionOf, type PolicyVersion } from '../../domain/policy/policy-document';

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
  if (ext !== '.json' && ext !== '.yaml' && ext !== '.yml') throw new PolicyError(path, [`expected a .json, .yaml or .yml file, got "${ext || 'no extension'}"`]);
  return parsePolicy(text, format, path);
}

/** Parses policy text; `source` names it in errors. */
export function parsePolicy(text: string, format: PolicyFormat, source = `policy.${format}`): Policy {
  return parsePolicyObject(format === 'json' ? parseJson(text, source) : parseYaml(text, source), source);
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
    throw new PolicyError(
      source,
      doc.errors.map((e) => `not valid YAML: ${e.message.split('\n')[0]}`),
    );
  return doc.toJS();
}
