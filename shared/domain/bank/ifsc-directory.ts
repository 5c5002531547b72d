import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The RBI's IFSC directory as Razorpay's `ifsc` package ships it (src/IFSC.json: bank code -> branch
 * codes, numeric branches as numbers). We read the data file, not the package's entry point, which
 * pulls in the deprecated `request` HTTP client for an online lookup we never make.
 *
 * The file is about 1 MB, four times the size we allow a Lambda bundle, so it is never bundled: the
 * stack copies it beside the bundle of the one function that validates intake (infra, `bundleFiles`),
 * and it is read on the first Indian account a cold start sees. From source (tests, tools) it is read
 * from the package.
 */
/** The package's file name, kept as is beside the bundle. */
export const IFSC_DIRECTORY_FILE = 'IFSC.json';

type Directory = Map<string, Set<string | number>>;
let cached: Directory | undefined;

function directoryPath(): string {
  const beside = join(dirname(fileURLToPath(import.meta.url)), IFSC_DIRECTORY_FILE);
  if (existsSync(beside)) return beside;
  return createRequire(import.meta.url).resolve('ifsc/src/IFSC.json');
}

function directory(): Directory {
  if (!cached) {
    const raw = JSON.parse(readFileSync(directoryPath(), 'utf8')) as Record<string, (string | number)[]>;
    cached = new Map(Object.entries(raw).map(([bank, branches]) => [bank, new Set(branches)]));
  }
  return cached;
}

/** Whether a well-formed IFSC (4 letters, "0", 6 characters) names a branch in the directory. */
export function isKnownIfsc(ifsc: string): boolean {
  const code = ifsc.toUpperCase();
  const branches = directory().get(code.slice(0, 4));
  if (!branches) return false;
  const branch = code.slice(5);
  // The directory stores all-digit branch codes as numbers ("000001" -> 1), others as strings.
  return /^[0-9]+$/.test(branch) ? branches.has(Number(branch)) : branches.has(branch);
}

/** Whether the bank part (first four letters) is a bank in the directory. */
export function isKnownIfscBank(ifsc: string): boolean {
  return directory().has(ifsc.slice(0, 4).toUpperCase());
}
