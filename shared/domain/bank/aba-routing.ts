/**
 * ABA routing transit numbers (US). Written by hand because the rule is tiny and public: the 3-7-1
 * weighted sum of the nine digits is a multiple of ten, and the first two digits name a Federal Reserve
 * district (01-12), a thrift (21-32), an electronic-only number (61-72), traveller's cheques (80) or the
 * US government (00). Anything else is not a routing number a bank would issue.
 */
const WEIGHTS = [3, 7, 1, 3, 7, 1, 3, 7, 1] as const;

export type AbaProblem = 'format' | 'prefix' | 'checksum';

export function abaRoutingProblem(routing: string): AbaProblem | undefined {
  if (!/^[0-9]{9}$/.test(routing)) return 'format';
  const prefix = Number(routing.slice(0, 2));
  const prefixOk = (prefix >= 0 && prefix <= 12) || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80;
  if (!prefixOk) return 'prefix';
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(routing[i]) * WEIGHTS[i]!;
  return sum % 10 === 0 ? undefined : 'checksum';
}

export function isValidAbaRouting(routing: string): boolean {
  return abaRoutingProblem(routing) === undefined;
}
