import { icaoVariants } from '../document/transliterate';
import { finding, type Finding } from '../finding';
import { inspectName, unicodeSkeleton } from '../screening/unicode-fold';
import type { NameForm } from './screening-query';

const guidance = 'No identity document carries invisible characters, letters of two scripts, small capitals or digits in a Latin name';

/**
 * Names that carry what no document does: invisible format characters, Latin letters mixed with
 * look-alikes from another script ("Kim Yоng" with a Cyrillic о), small capitals or IPA letters
 * ("ᴋɪᴍ"), digits inside a word ("Ch0l"). Screening folds them away and still
 * finds the listed name; this finding says that someone typed a disguise, with the code points.
 */
export function obfuscatedNameFindings(forms: readonly NameForm[]): Finding[] {
  const out: Finding[] = [];
  for (const f of forms) {
    if (f.field === 'document.mrz') continue; // A-Z and "<" only
    const { suspects, visible, mixedScript } = inspectName(f.name);
    if (suspects.length === 0) continue;
    const invisible = suspects.filter((s) => s.kind === 'invisible');
    const lookAlike = suspects.filter((s) => s.kind === 'look-alike');
    const what = [
      invisible.length ? `${invisible.length} invisible character(s) (${[...new Set(invisible.map((s) => s.codePoint))].join(', ')})` : '',
      mixedScript
        ? `characters standing in for Latin letters: look-alikes of another script, small capitals or IPA letters, or digits (${lookAlike.map((s) => (s.imitates ? `${s.codePoint} for "${s.imitates}"` : s.codePoint)).join(', ')})`
        : '',
    ].filter(Boolean);
    out.push(
      finding({
        code: 'SCR_NAME_OBFUSCATED',
        stage: 'screening',
        severity: 'high',
        message: `The ${f.label} "${visible}" contains ${what.join(' and ')}. It displays like an ordinary name but is not one: no document prints these characters. Screening used the name with them removed or read as Latin.`,
        evidence: [{ kind: 'name-characters', field: f.field, detail: { visible, codePoints: suspects.map((s) => s.codePoint), kinds: [...new Set(suspects.map((s) => s.kind))] } }],
        guidance,
      }),
    );
  }
  return out;
}

/** Letters only, upper case, ICAO spellings of a typed name after the Unicode fold. */
function icaoLetters(name: string): string[] {
  return icaoVariants(unicodeSkeleton(name)).map((v) => v.toUpperCase().replace(/[^A-Z]/g, ''));
}

/**
 * The machine-readable zone's name against the typed document name, after normalization (invisible
 * characters out, look-alikes read as Latin, ICAO transliteration of diacritics). A zone may be truncated
 * by the issuer when the name is long: a typed name that starts with the zone's letters agrees.
 */
export function mrzNameFindings(forms: readonly NameForm[], typed: { surname: string; givenNames: string }, mrz: { surname: string; givenNames: string } | undefined): Finding[] {
  if (!mrz || !forms.some((f) => f.field === 'document.mrz')) return [];
  const agrees = (typedPart: string, mrzPart: string): boolean => {
    const m = mrzPart.replace(/[^A-Z]/g, '');
    if (m === '') return true;
    return icaoLetters(typedPart).some((t) => t === m || (m.length >= 10 && t.startsWith(m)));
  };
  const surnameOk = agrees(typed.surname, mrz.surname);
  const givenOk = agrees(typed.givenNames, mrz.givenNames);
  // Surname and given names swapped between the two is still a mismatch a reviewer should see.
  if (surnameOk && givenOk) return [];
  return [
    finding({
      code: 'SCR_MRZ_NAME_MISMATCH',
      stage: 'screening',
      severity: 'high',
      message: `The name in the machine-readable zone (${mrz.surname} / ${mrz.givenNames}) differs from the typed document name (${inspectName(typed.surname).visible} / ${inspectName(typed.givenNames).visible}) after normalization. Both were screened; a genuine document's zone spells the printed name.`,
      evidence: [
        { kind: 'mrz', field: 'document.mrz', detail: { mrz: `${mrz.surname} ${mrz.givenNames}`, typed: `${typed.surname} ${typed.givenNames}`, surnameAgrees: surnameOk, givenNamesAgree: givenOk } },
      ],
      guidance: 'ICAO Doc 9303',
    }),
  ];
}
