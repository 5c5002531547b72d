/**
 * The holder's name as the machine-readable zone writes it (ICAO 9303): TD3 and TD2 carry it on the
 * first line after the five-character header, TD1 on the third line; "<<" separates the surname from the
 * given names, "<" the words. No check digits protect it, so it is read even when the rest of the zone
 * fails (the document stage reports that): it is what the document says, and it is screened.
 */
export function mrzName(lines: readonly string[]): { surname: string; givenNames: string } | undefined {
  const clean = lines.map((l) => l.trim().toUpperCase().replace(/«/g, '<')).filter((l) => l.length > 0);
  let field: string | undefined;
  if (clean.length === 3 && clean[2]!.length >= 2) field = clean[2];
  else if (clean.length === 2 && clean[0]!.length > 5) field = clean[0]!.slice(5);
  if (!field || !/^[A-Z0-9<]+$/.test(field)) return undefined;
  const sep = field.indexOf('<<');
  const words = (s: string) => s.replace(/</g, ' ').replace(/\s+/g, ' ').trim();
  const surname = words(sep >= 0 ? field.slice(0, sep) : field);
  const givenNames = sep >= 0 ? words(field.slice(sep + 2)) : '';
  return surname || givenNames ? { surname, givenNames } : undefined;
}
