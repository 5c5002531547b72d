import type * as z from '../schemas/zod';

/**
 * Turns zod issues into lines that name the field, e.g. `thresholds.review: expected a number`, so an
 * operator or an HRIS developer can fix the input without reading our code. Shared by the policy loader
 * and the API schemas.
 */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${formatPath(issue.path)}: ${describe(issue)}`);
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join('');
}

const article = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      // zod's default message says "Invalid input: expected number, received string"; the plain form reads better in a CLI.
      return issue.input === undefined ? `required (expected ${article(issue.expected)})` : `expected ${article(issue.expected)}`;
    case 'unrecognized_keys':
      return `unknown ${issue.keys.length > 1 ? 'fields' : 'field'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    default:
      return issue.message;
  }
}
