import { beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningIndex } from '../../shared/domain/screening/build-index';
import { loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import { screenIdentifier } from '../../shared/domain/screening/screen-person';

// A Tron wallet the SDN list gives as TMStbg5fgb4uTV7fK1gEYF9hKAzP3siPsG, typed in its hex form (41 and twenty bytes,
// as block explorers and node APIs show it): screened clear before (adversarial pass, December 2026).
const listsDir = process.env.SANCTIONS_DATA_DIR;
if (!listsDir) console.log('tron-hex: SANCTIONS_DATA_DIR is not set, so this test on the real OFAC list is skipped (CI sets it)');
describe.runIf(Boolean(listsDir))('a listed Tron wallet in its hex form, on the real list', () => {
  let index: ScreeningIndex;
  beforeAll(async () => {
    index = (await loadLists(listsDir!)).index;
  }, 60_000);

  it.each(['417de5ab1914e241177344936dc33b4a8157c98248', '0x417DE5AB1914E241177344936DC33B4A8157C98248', 'TMStbg5fgb4uTV7fK1gEYF9hKAzP3siPsG'])('%s is the listed wallet', (wallet) => {
    const r = screenIdentifier(index, { kind: 'wallet', value: wallet });
    expect(r.outcome).toBe('strong');
    expect(r.hits[0]!.reasons.join(' ')).toMatch(/wallet/i);
  });

  it('another address in hex is not', () => {
    expect(screenIdentifier(index, { kind: 'wallet', value: '417de5ab1914e241177344936dc33b4a8157c98249' }).outcome).toBe('clear');
  });
});
