import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The fixture onboarding request, changed by `overrides` (no runtime needed: unit tests use it too). A request
 * given an external id of its own but not a document number of its own gets a passport number of its own
 * (a Polish passport's shape, from the external id): one passport behind two applicants links them, and a
 * test's applicants are different people unless it says otherwise.
 */
export function loadRequest(overrides: (r: Record<string, any>) => void = () => undefined): Record<string, any> {
  const r = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'onboarding-request.json'), 'utf8')) as Record<string, any>;
  const fixture = { externalId: r.externalId as string, number: r.document.number as string };
  overrides(r);
  if (r.document?.number === fixture.number && typeof r.externalId === 'string' && r.externalId !== fixture.externalId) r.document.number = passportFor(r.externalId);
  return r;
}

/** Two letters and seven digits from the external id: the same id, the same passport (a retry is the same person). */
function passportFor(externalId: string): string {
  const h = createHash('sha256').update(externalId).digest();
  return `${String.fromCharCode(65 + (h[0]! % 26))}${String.fromCharCode(65 + (h[1]! % 26))}${String(h.readUInt32BE(2) % 10_000_000).padStart(7, '0')}`;
}
