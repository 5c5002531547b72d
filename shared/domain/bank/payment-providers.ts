import { bicInstitution } from './bic';
import { normalizeProvider } from './account-identifier';

/**
 * Payment platforms and e-money institutions. The 2022 DPRK IT-worker advisory names "frequent payment
 * transfers through online payment platforms" as a red flag: they are easy to open with borrowed
 * identities and weakly tied to a residence. Chinese platforms are called out separately because the
 * advisory also names China-based banks. Lists are deliberately short and non-exhaustive.
 */
const CHINESE_PLATFORMS = ['alipay', 'wechat', 'wechatpay', 'weixin', 'unionpay', 'tenpay', 'lianlian', 'pingpong'];

export function isChinesePlatform(provider: string): boolean {
  const p = normalizeProvider(provider);
  return CHINESE_PLATFORMS.some((c) => p.includes(c));
}

/**
 * BIC institution codes (first four characters) of e-money institutions that issue IBANs: an IBAN there
 * is an e-wallet, not a bank account, and its country is where the company is licensed, not where the
 * holder lives.
 */
const EMONEY_INSTITUTIONS: Record<string, string> = {
  TRWI: 'Wise',
  REVO: 'Revolut',
  PPLX: 'PayPal Europe',
  EVIU: 'Paysera',
};

export function emoneyInstitutionOf(bic: string | undefined): string | undefined {
  if (!bic) return undefined;
  const inst = bicInstitution(bic);
  return inst ? EMONEY_INSTITUTIONS[inst] : undefined;
}
