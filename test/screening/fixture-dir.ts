import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The hand-written fixture lists (official layouts, invented people). */
export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/sanctions/', import.meta.url));

/** A writable copy of the fixtures, for tests that corrupt a file. */
export async function fixtureCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vetflow-sanctions-'));
  await cp(FIXTURE_DIR, dir, { recursive: true });
  return dir;
}
