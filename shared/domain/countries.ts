import countries from 'i18n-iso-countries/index.js';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };

/**
 * ISO 3166 country codes with English names only. The package's default entry registers every language
 * (about 700 KB in each bundle that touches it); vetflow matches and shows names in English.
 */
countries.registerLocale(en);

export default countries;
