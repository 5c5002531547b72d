import { normalizeWallet } from '../screening/identifiers';
import { mailboxOf } from '../person-identity';
import type { PaymentDetails } from './payment-schema';
import { bicCountry, canonicalBic } from './bic';
import { nationalIban, swiftFormOfIban } from './national-account';
import { ibanProblem, normalizeIban } from './iban';
import { normalizeIfsc, normalizeSortCode } from './local-bank-codes';

/**
 * A canonical string naming the receiving account, for link analysis ("the same account as another
 * applicant"). The lead HMACs it with a secret key before storing, so this value itself must never be
 * logged or persisted. Two submissions of the same account in different notations must give the same
 * string: a UK account given as IBAN or as sort code + number, a SWIFT payment whose account number is
 * an IBAN, an EVM wallet in checksum or lower case.
 */
export function normalizedAccountIdentifier(payment: PaymentDetails): string {
  switch (payment.method) {
    case 'iban':
      return ibanIdentifier(normalizeIban(payment.iban));
    case 'us-ach':
      return `us-aba:${payment.routingNumber}:${stripLeadingZeros(payment.accountNumber)}`;
    case 'in-ifsc':
      return `in-ifsc:${normalizeIfsc(payment.ifsc)}:${stripLeadingZeros(payment.accountNumber)}`;
    case 'uk-sort-code':
      return `gb-sort:${normalizeSortCode(payment.sortCode)}:${payment.accountNumber}`;
    case 'swift': {
      const acct = payment.accountNumber.toUpperCase();
      if (ibanProblem(acct) === undefined) return ibanIdentifier(normalizeIban(acct));
      return `swift:${canonicalBic(payment.bic)}:${stripLeadingZeros(acct)}`;
    }
    case 'crypto':
      // The currency is left out on purpose: one address receives USDT and ETH alike on an EVM chain.
      return `wallet:${normalizeWalletAddress(payment.walletAddress)}`;
    case 'payment-platform':
      return `platform:${normalizeProvider(payment.provider)}:${payment.accountEmail.trim().toLowerCase()}`;
  }
}

/**
 * Why two applicants' accounts meet, for the reviewer: the account as given (or its reference), the same
 * account written another way (an IBAN and the bank's BIC with the national number; a national number that is
 * an IBAN's BBAN), or the same number at the same bank under another branch code (IFSC).
 */
export type AccountKeyBasis = 'as-given' | 'iban-and-national' | 'bank-wide';

/**
 * Every identifier the account is linked under, its reference (normalizedAccountIdentifier) first. A payment
 * platform's account is its email address, and one mailbox has many spellings: `j.doe+x@gmail.com` and
 * `jdoe@googlemail.com` are one PayPal payee. So the mailbox too (mailboxOf, the rule the email prints use),
 * beside the address as given: the reference stays what it was (deposits, payout history, cases keyed before).
 * An Indian account by its bank and number too (indianBankAccount), beside its branch. An IBAN account by its
 * SWIFT form too, and a SWIFT payment's national number by its IBAN (ibanAndNational).
 */
export function accountLinkIdentifiers(payment: PaymentDetails): string[] {
  return accountLinkKeys(payment).map((k) => k.id);
}

/** accountLinkIdentifiers, each with why it links (AccountKeyBasis). */
export function accountLinkKeys(payment: PaymentDetails): { id: string; basis: AccountKeyBasis }[] {
  const reference = normalizedAccountIdentifier(payment);
  const keys: { id: string; basis: AccountKeyBasis }[] = [{ id: reference, basis: 'as-given' }];
  if (payment.method === 'in-ifsc') {
    const bank = indianBankAccount(payment.ifsc, payment.accountNumber);
    if (bank) keys.push({ id: bank, basis: 'bank-wide' });
  } else if (payment.method === 'payment-platform') {
    keys.push({ id: `platform:${normalizeProvider(payment.provider)}:${mailboxOf(payment.accountEmail)}`, basis: 'as-given' });
  } else keys.push(...ibanAndNational(payment).map((id) => ({ id, basis: 'iban-and-national' as const })));
  return keys.filter((k, i) => keys.findIndex((o) => o.id === k.id) === i);
}

/**
 * The keys of an account that has two spellings (national-account.ts), each made alike from either: the IBAN
 * (`acct-iban:`, from an IBAN, or from a SWIFT payment's account number that is one or is its country's BBAN), the
 * bank's BIC11 and the account number without leading zeros (`acct-bic:`, from a SWIFT payment, or from an IBAN
 * through the national bank code directory), a UK sort code and number (`acct-gb:`, from either UK form, or a SWIFT
 * payment's 14 digits). A key space of their own, beside the references: a link met only here is the account
 * written another way, and the reviewer is told so. One SWIFT applicant paid to COBADEFFXXX, account 532013000, and
 * another to DE89 3704 0044 0532 0130 00 were two accounts (adversarial pass).
 */
function ibanAndNational(payment: PaymentDetails): string[] {
  const iban = payment.method === 'iban' ? normalizeIban(payment.iban) : payment.method === 'swift' ? swiftIban(payment.bic, payment.bankCountry, payment.accountNumber) : undefined;
  const out: string[] = [];
  if (iban) out.push(`acct-iban:${iban}`);
  const gb = ukAccount(payment, iban);
  if (gb) out.push(`acct-gb:${gb}`);
  const swift = payment.method === 'swift' && !iban ? { bic: canonicalBic(payment.bic), account: payment.accountNumber.toUpperCase() } : iban ? swiftFormOfIban(iban) : undefined;
  if (swift) out.push(`acct-bic:${swift.bic}:${stripLeadingZeros(swift.account)}`);
  return out;
}

/** A UK account's sort code and number, from either UK form or a SWIFT payment to a UK bank giving the 14 digits run together. */
function ukAccount(payment: PaymentDetails, iban: string | undefined): string | undefined {
  if (payment.method === 'uk-sort-code') return `${normalizeSortCode(payment.sortCode)}:${payment.accountNumber}`;
  if (iban?.startsWith('GB') && iban.length === 22) return `${iban.slice(8, 14)}:${iban.slice(14)}`;
  if (payment.method === 'swift' && !iban && (bicCountry(payment.bic) ?? payment.bankCountry) === 'GB' && /^\d{14}$/.test(payment.accountNumber))
    return `${payment.accountNumber.slice(0, 6)}:${payment.accountNumber.slice(6)}`;
  return undefined;
}

/** The IBAN a SWIFT payment names: its account number when that is an IBAN, else the IBAN of a national number in the bank's country. */
function swiftIban(bic: string, bankCountry: string, accountNumber: string): string | undefined {
  const acct = accountNumber.toUpperCase();
  if (ibanProblem(acct) === undefined) return normalizeIban(acct);
  return nationalIban(bicCountry(bic) ?? bankCountry, acct);
}

/**
 * An Indian account by its bank (the IFSC's first four letters) and number: core banking numbers an account once
 * in the whole bank, and a transfer naming another branch's IFSC is credited to it. One SBI account given with two
 * branches' codes was two accounts (adversarial pass). Only a bank's own branches (a numeric branch part): a
 * co-operative bank keyed under its sponsor bank's code (`HDFC0CAGSBK`) numbers its accounts on its own.
 */
function indianBankAccount(ifsc: string, accountNumber: string): string | undefined {
  const code = normalizeIfsc(ifsc);
  return /^[A-Z]{4}0\d{6}$/.test(code) ? `in-bank:${code.slice(0, 4)}:${stripLeadingZeros(accountNumber)}` : undefined;
}

function ibanIdentifier(iban: string): string {
  // A GB IBAN embeds the sort code (chars 9-14) and account number (15-22): link it with the national form.
  if (iban.startsWith('GB') && iban.length === 22) return `gb-sort:${iban.slice(8, 14)}:${iban.slice(14)}`;
  return `iban:${iban}`;
}

function stripLeadingZeros(s: string): string {
  return s.replace(/^0+(?=.)/, '');
}

/** Hex (EVM) and bech32 addresses are case-insensitive; base58 (Bitcoin legacy, Tron) is not. */
/** A wallet address as screening keys it (normalizeWallet): one owner for what makes two writings one wallet. */
export function normalizeWalletAddress(address: string): string {
  return normalizeWallet(address);
}

export function normalizeProvider(provider: string): string {
  return provider.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function last4(s: string): string {
  const clean = s.replace(/[\s-]/g, '');
  return clean.length <= 4 ? '•'.repeat(clean.length) : `…${clean.slice(-4)}`;
}

function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

/**
 * A display form safe for a reviewer, an evidence ref or a log line: the account number reduced to its
 * last four characters; bank codes (BIC, routing number, sort code, IFSC) are public identifiers of the
 * bank, not of the person, and stay visible because a reviewer needs them.
 */
export function maskAccount(payment: PaymentDetails): string {
  switch (payment.method) {
    case 'iban': {
      const iban = normalizeIban(payment.iban);
      return `IBAN ${iban.slice(0, 2)}${last4(iban)}${payment.bic ? ` (BIC ${payment.bic.toUpperCase()})` : ''}`;
    }
    case 'us-ach':
      return `ACH routing ${payment.routingNumber}, account ${last4(payment.accountNumber)}`;
    case 'in-ifsc':
      return `IFSC ${normalizeIfsc(payment.ifsc)}, account ${last4(payment.accountNumber)}`;
    case 'uk-sort-code': {
      const sc = normalizeSortCode(payment.sortCode);
      return `sort code ${sc.slice(0, 2)}-${sc.slice(2, 4)}-${sc.slice(4)}, account ${last4(payment.accountNumber)}`;
    }
    case 'swift':
      return `SWIFT ${payment.bic.toUpperCase()} (${payment.bankCountry}), account ${last4(payment.accountNumber)}`;
    case 'crypto':
      return `${payment.currency} wallet ${last4(payment.walletAddress)}`;
    case 'payment-platform':
      return `${payment.provider} ${maskEmail(payment.accountEmail)}`;
  }
}
