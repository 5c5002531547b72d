/** OFAC joins several programs in one column as "DPRK3] [DPRK4": split them into a clean list. */
export function parsePrograms(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(/\]\s*\[/)
    .map((p) => p.replace(/[[\]]/g, '').trim())
    .filter((p) => p !== '' && p !== '-0-');
}

/** Programs that concern North Korea (OFAC DPRK, DPRK2..., UN 1718 committee list "DPRK"). */
export function isDprkProgram(program: string): boolean {
  return /^DPRK\d*$/i.test(program) || /^NKSPEA$/i.test(program);
}
