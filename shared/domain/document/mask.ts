/**
 * Document numbers are personal data: evidence and logs show only the last three characters, enough for
 * a reviewer to tell two numbers apart, not enough to reuse one.
 */
export function maskDocumentNumber(number: string): string {
  const n = number.replace(/[<\s]/g, '');
  return n.length <= 3 ? '•'.repeat(n.length) : `${'•'.repeat(Math.min(n.length - 3, 6))}${n.slice(-3)}`;
}
