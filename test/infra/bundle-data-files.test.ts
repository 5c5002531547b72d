import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { loadSynthesized } from '../../infra/local/synthesized-app';
import { IFSC_DIRECTORY_FILE } from '../../shared/domain/bank/ifsc-directory';
import { BIC_DIRECTORY_COUNTRIES, BIC_DIRECTORY_DIR } from '../../shared/domain/bank/bic-directory';
import { UK_MODULUS_PACKAGE } from '../../shared/domain/bank/uk-modulus';
import { parsePhoneNumberFromString } from 'libphonenumber-js/core';
import { PHONE_METADATA_DIR, phoneMetadataFile } from '../../shared/domain/phone/metadata-file';
import { COUNTRY_DATA_DIR, COUNTRY_DATA_FILES } from '../../shared/domain/countries';
import { HANJA_DATA_DIR, HANJA_READINGS_FILE, type HanjaReadingsFile } from '../../shared/domain/screening/hanja-table';
import { PUBLISHED_INDEX_FILE } from '../../shared/adapters/sanctions-lists/index-cache';
import { loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import { SNAPSHOT_BUNDLE_DIR } from '../../shared/adapters/sanctions-lists/sanctions-snapshot';

/**
 * The bank tables intake validation reads (IFSC directory, UK modulus weights) ship beside the API bundle,
 * not in it. On AWS nothing else is there to find them, so the bundle folder itself must hold them.
 */
describe('data files beside the API bundle', () => {
  const meta = inject('assembly');
  const synth = loadSynthesized(meta.dir, meta.templateFile, meta.stackName);
  const functionDir = (prefix: string) => {
    const id = Object.keys(synth.template.Resources).find((k) => k.startsWith(prefix) && synth.template.Resources[k]!.Type === 'AWS::Lambda::Function');
    return synth.assetDirOf(id!);
  };

  it('the API bundle folder holds the IFSC directory and resolves the modulus package to its own copy', () => {
    const dir = functionDir('ApiFunction');
    const directory = JSON.parse(fs.readFileSync(path.join(dir, IFSC_DIRECTORY_FILE), 'utf8')) as Record<string, unknown[]>;
    expect(directory.SBIN).toContain(1);
    const resolved = createRequire(path.join(dir, 'index.mjs')).resolve(UK_MODULUS_PACKAGE);
    expect(resolved.startsWith(dir + path.sep)).toBe(true);
    const mod = createRequire(path.join(dir, 'index.mjs'))(UK_MODULUS_PACKAGE) as { validateAccountDetails: (s: string, a: string) => boolean };
    expect(mod.validateAccountDetails('089999', '66374958')).toBe(true);
    expect(mod.validateAccountDetails('089999', '66374959')).toBe(false);
  });

  it('the tables stay out of the bundles themselves (under 250 KB; the API 280)', () => {
    // The bank check also carries the sanctions screening engine (payee BIC and wallet, issue 13): about 40 KB more.
    // The bank check carries the screening engine (payee BIC and wallet) and the link propagation: 350 KB;
    // the screening engine's prebuilt-index cache (issue 13, list load under 1 s) about 7 KB more; the stored items'
    // zod schemas (parsed on read, issue 16) and the payout-change deposits (issue 18) about 11 KB more. Code, not
    // tables: the "SBIN" check below is what keeps the tables out.
    // The API keys the applicant's phone by E.164 for the links between applicants (a trunk 0 after the country code
    // is the same number): libphonenumber's parsing code, about 38 KB, its numbering plans beside the bundle. With
    // the address canonical form's new words the API came to 256 KB; a second function for one parse at intake would
    // cost more at the request than 6 KB of module load.
    // Twelfth session: an IBAN keyed by its SWIFT form too, and a SWIFT payment's national number by its IBAN
    // (shared/domain/bank/national-account.ts; the bank code directory read beside the bundle): about 4 KB of code.
    // Fourteenth session: intake keys an address written in Cyrillic and its Latin transliterations alike (the
    // transliteration-neutral reading and the Russian address words, shared/domain/signals/cyrillic-address-key.ts),
    // and reads a Cyrillic free-text address in the Russian order: about 14 KB of code, 276 KB.
    for (const [prefix, kb] of [
      ['ApiFunction', 280],
      // Eleventh session: the screening engine's readings of Korean names in other Cyrillic alphabets, European
      // spellings and pinyin (about 7 KB of code), and the linking's new keys (about 3 KB): 387 KB. The links
      // lifecycle: a link it finds may void a reviewer's first approval on the earlier case, whose giver is mailed a
      // fresh link (shared/app/links/voided-approvals.ts and its mail, written without the date library that would
      // have cost 70 KB): about 6 KB more. Twelfth session: the account's keys by spelling, and which of them met
      // (told to the reviewer), about 10 KB; the screening engine reads names that mix scripts and names in Greek
      // letters (mixed-script.ts, greek-script.ts), and the fingerprints read a contact change's free-text address
      // (free-text-address.ts), about 14 KB: 424 KB.
      ['BankCheckFunction', 430],
      // The document check reads images (exifr, file-type, pngjs, the MRZ parser): 667 KB. The perceptual hash of
      // an uploaded picture (shared/domain/document/perceptual-hash.ts) adds jpeg-js's decoder, without its encoder
      // (jpeg-decoder.d.ts), and the hash: about 19 KB, 686 KB. The fingerprints band and compare hashes without it
      // (hash-distance.ts): the API's bundle does not grow by the decoder. The reading of a large baseline JPEG from
      // its block means (jpeg-dc.ts: a 3-4 MP photo hashed in 15-30 ms rather than 270-480) about 7 KB: 693 KB.
      // With the Cyrillic address keys of the linking it imports (see the API's above): 714 KB.
      ['DocumentCheckFunction', 720],
    ] as const) {
      const bundle = fs.readFileSync(path.join(functionDir(prefix), 'index.mjs'), 'utf8');
      expect(bundle.length, prefix).toBeLessThan(kb * 1024);
      expect(bundle, prefix).not.toContain('"SBIN"');
    }
  });

  // An IBAN is keyed by its SWIFT form too (shared/domain/bank/national-account.ts): every function that keys a
  // payout account reads the national bank code -> BIC directory beside its bundle, or keys it under no BIC.
  it.each(['ApiFunction', 'BankCheckFunction', 'SignalsFunction', 'PublicRecordCheckFunction'])('%s holds the bank code -> BIC directory beside its bundle, not in it', (prefix) => {
    const dir = functionDir(prefix);
    const de = JSON.parse(fs.readFileSync(path.join(dir, BIC_DIRECTORY_DIR, 'de.json'), 'utf8')) as Record<string, string>;
    expect(de['37040044']).toBe('COBADEFFXXX');
    for (const cc of BIC_DIRECTORY_COUNTRIES) expect(fs.existsSync(path.join(dir, BIC_DIRECTORY_DIR, `${cc.toLowerCase()}.json`)), `${prefix} ${cc}`).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'index.mjs'), 'utf8'), prefix).not.toContain('"37040044"');
  });

  it('the functions that parse phone numbers hold their numbering plans beside the bundle, not in it', () => {
    for (const [prefix, set] of [
      // max: the document stage judges the intake phone by the signals' contact rules (VOIP needs max).
      ['DocumentCheckFunction', 'max'],
      ['SignalsFunction', 'max'],
      // The applicant's fingerprints key phones by E.164 (shared/domain/phone/phone-key.ts): intake and the screening stage.
      ['ApiFunction', 'max'],
      ['PublicRecordCheckFunction', 'max'],
    ] as const) {
      const dir = functionDir(prefix);
      const metadata = JSON.parse(fs.readFileSync(path.join(dir, PHONE_METADATA_DIR, phoneMetadataFile(set)), 'utf8'));
      expect(parsePhoneNumberFromString('+850 2 381 2321', metadata)?.country, prefix).toBe('KP');
      if (set === 'max') expect(parsePhoneNumberFromString('+44 56 1234 5678', metadata)?.getType(), prefix).toBe('VOIP');
      // The +1 countries as the metadata lists them: present in a bundle only if the plans were bundled.
      expect(fs.readFileSync(path.join(dir, 'index.mjs'), 'utf8'), prefix).not.toContain('["US","AG","AI","AS"');
    }
  });

  it('the functions that match countries hold the ISO country tables beside the bundle, not in it', () => {
    for (const prefix of ['DocumentCheckFunction', 'PublicRecordCheckFunction', 'SanctionsRefreshFunction', 'RescreenPageFunction']) {
      const dir = functionDir(prefix);
      const [codes, english] = COUNTRY_DATA_FILES.map((f) => JSON.parse(fs.readFileSync(path.join(dir, COUNTRY_DATA_DIR, f), 'utf8')));
      expect(codes, prefix).toContainEqual(['KP', 'PRK', '408', 'ISO 3166-2:KP']);
      expect(english.countries.KP, prefix).toContain('North Korea');
      expect(fs.readFileSync(path.join(dir, 'index.mjs'), 'utf8'), prefix).not.toContain('ISO 3166-2:KP');
    }
  });

  // A name in Han characters is read as Korean (shared/domain/screening/hanja-korean.ts): every function whose bundle
  // screens names reads the readings table beside it, never in it (64 KB).
  it.each(['PublicRecordCheckFunction', 'SanctionsRefreshFunction', 'RescreenPageFunction', 'BankCheckFunction', 'SignalsFunction'])(
    '%s holds the Hanja readings beside its bundle, not in it',
    (prefix) => {
      const dir = functionDir(prefix);
      const table = JSON.parse(fs.readFileSync(path.join(dir, HANJA_DATA_DIR, HANJA_READINGS_FILE), 'utf8')) as HanjaReadingsFile;
      const unified = table.blocks.find((b) => b.first === 0x4e00)!;
      expect(unified.readings[0x91d1 - 0x4e00], prefix).toBe('금'); // 金
      const bundle = fs.readFileSync(path.join(dir, 'index.mjs'), 'utf8');
      expect(bundle, prefix).toContain(HANJA_READINGS_FILE);
      expect(bundle, prefix).not.toContain(unified.readings.slice(0, 40));
    },
  );

  // The name screening, and the payee screening of the bank stage and of a payout change (BIC, wallet): each
  // falls back to the snapshot until the lists bucket is filled. Before, the bank stage and the signals had
  // no fallback: a listed BIC passed the bank stage while the bucket was empty.
  it.each(['PublicRecordCheckFunction', 'BankCheckFunction', 'SignalsFunction'])('%s ships the committed lists snapshot and points SANCTIONS_SNAPSHOT_DIR at it', async (prefix) => {
    const id = Object.keys(synth.template.Resources).find((k) => k.startsWith(prefix) && synth.template.Resources[k]!.Type === 'AWS::Lambda::Function')!;
    const vars = (synth.template.Resources[id]!.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(vars.SANCTIONS_SNAPSHOT_DIR).toBe(`/var/task/${SNAPSHOT_BUNDLE_DIR}`);
    expect(vars.SANCTIONS_BUCKET).toBeDefined();
    const dir = path.join(functionDir(prefix), SNAPSHOT_BUNDLE_DIR);
    // With the prebuilt index the synth published beside it: a container on the snapshot never parses the lists.
    const { index, indexFrom } = await loadLists(dir, new Date(), { indexCacheDir: false });
    expect(indexFrom).toBe('published');
    expect(index.listVersion.snapshot?.lists).toEqual({ 'ofac-sdn': '2024-05-03', un: '2026-02-27' });
    const bytes = fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name !== PUBLISHED_INDEX_FILE)
      .reduce((n, e) => n + fs.statSync(path.join(e.parentPath, e.name)).size, 0);
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
  });
});
