import * as fs from 'node:fs';
import * as path from 'node:path';

/** The fixture onboarding request, changed by `overrides` (no runtime needed: unit tests use it too). */
export function loadRequest(overrides: (r: Record<string, any>) => void = () => undefined): Record<string, any> {
  const r = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'onboarding-request.json'), 'utf8')) as Record<string, any>;
  overrides(r);
  return r;
}
