import { describe, expect, it } from 'vitest';
import { freeTextAddress, freeTextAddressReadings } from '../../shared/domain/signals/free-text-address';
import { sameShippingAddress } from '../../shared/domain/signals/shipping-address-key';

/** A contact change's new address, one line of free text, read as intake's structured address. */
describe('an address in free text', () => {
  it.each([
    ['ul. Marszałkowska 10/5, 00-001 Warszawa', 'PL', { line1: 'Marszałkowska 10', line2: 'm. 5', city: 'Warszawa', postalCode: '00-001', country: 'PL' }],
    ['12 Main St Apt 4B, Springfield, IL 62704, USA', 'PL', { line1: '12 Main Street', line2: 'Apartment 4B', city: 'Springfield', postalCode: '62704', country: 'US' }],
    ['Flat 2, 10 Downing Street, London SW1A 2AA, United Kingdom', 'PL', { line1: '10 Downing Street', line2: 'Flat 2', city: 'London', postalCode: 'SW1A 2AA', country: 'GB' }],
    ['Kerkstraat 5; 1017 GA Amsterdam; NL', 'PL', { line1: 'Kerkstraat 5', city: 'Amsterdam', postalCode: '1017 GA', country: 'NL' }],
    ['Hauptstraße 5, Berlin', 'DE', { line1: 'Hauptstrasse 5', city: 'Berlin', country: 'DE' }],
    // No commas at all: the street before the postal code, the city after it.
    ['ul. Marszałkowska 10/5 00-001 Warszawa', 'PL', { line1: 'Marszałkowska 10', line2: 'm. 5', city: 'Warszawa', postalCode: '00-001', country: 'PL' }],
    ['Hauptstraße 5 10115 Berlin', 'DE', { line1: 'Hauptstrasse 5', city: 'Berlin', postalCode: '10115', country: 'DE' }],
    // Four digits before a word of two letters or more is Vienna's code, not a Dutch one.
    ['Mariahilfer Straße 5 1060 Wien', 'AT', { line1: 'Mariahilfer Strasse 5', city: 'Wien', postalCode: '1060', country: 'AT' }],
  ])('%s is the structured address', (text, residence, structured) => {
    const read = freeTextAddress(text, residence);
    expect(read).toBeDefined();
    expect(sameShippingAddress(read!, structured)).toBe(true);
  });

  it('reads the country named last, else the residence; the city beside the postal code, not the state', () => {
    expect(freeTextAddress('12 Main St, Springfield, IL 62704, USA', 'PL')).toEqual({ line1: '12 Main St', city: 'Springfield', postalCode: '62704', country: 'US' });
    expect(freeTextAddress('ul. Długa 1, 80-001 Gdańsk', 'PL')).toEqual({ line1: 'ul. Długa 1', city: 'Gdańsk', postalCode: '80-001', country: 'PL' });
  });

  it('keys nothing it cannot tell a street and a city in', () => {
    // Without commas, a US address has its city before the state and the ZIP: not told apart from the street.
    for (const text of ['Warszawa', 'ul. Marszałkowska 10/5', '+447911123456', '00-001, 00-002', ', ,', '12 Main St Springfield IL 62704', '00-001 Warszawa'])
      expect(freeTextAddress(text, 'PL'), text).toBeUndefined();
  });

  it('a country in its own language with no postal code: also read with the part before it as the city (probe on npm start)', () => {
    const home = { line1: 'Marszałkowska 10', line2: 'm. 5', city: 'Warszawa', country: 'PL' };
    const readings = freeTextAddressReadings('ul. Marszałkowska 10/5, Warszawa, Polska', 'PL');
    expect(readings.some((r) => sameShippingAddress(r, home))).toBe(true);
    // A postal code places the city: one reading.
    expect(freeTextAddressReadings('ul. Marszałkowska 10/5, 00-001 Warszawa, Polska', 'PL')).toHaveLength(1);
    expect(freeTextAddressReadings('Warszawa', 'PL')).toEqual([]);
  });
});
