/** Key layout of the single table. One place, so no module invents its own. */
export const keys = {
  case: (id: string) => ({ PK: `CASE#${id}`, SK: 'CASE' }),
  evidence: (id: string, stage: string, runId: string) => ({ PK: `CASE#${id}`, SK: `EVIDENCE#${stage}#${runId}` }),
  evidencePrefix: 'EVIDENCE#',
  audit: (id: string, seq: number) => ({ PK: `CASE#${id}`, SK: `AUDIT#${String(seq).padStart(10, '0')}` }),
  auditPrefix: 'AUDIT#',
  callback: (id: string, task: string) => ({ PK: `CASE#${id}`, SK: `CALLBACK#${task}` }),
  /** The open micro-deposit challenge of a case (amounts, attempts) and the payout instructions sent. */
  microDeposit: (id: string) => ({ PK: `CASE#${id}`, SK: 'MICRODEPOSIT' }),
  microDepositSend: (id: string, sendId: string) => ({ PK: `CASE#${id}`, SK: `MICRODEPOSIT#SEND#${sendId}` }),
  link: (tokenHash: string) => ({ PK: `LINK#${tokenHash}`, SK: 'LINK' }),
  idempotency: (clientId: string, key: string) => ({ PK: `IDEM#${clientId}#${key}`, SK: 'IDEM' }),
  fingerprint: (id: string, kind: string, hmac: string) => ({
    PK: `CASE#${id}`,
    SK: `FP#${kind}#${hmac}`,
    GSI1PK: `FP#${kind}#${hmac}`,
    GSI1SK: `CASE#${id}`,
  }),
  /**
   * The reminder queue on the status index (GSI2): a link is in it from issue until its one reminder is
   * claimed or it is used, so the sweep reads only the links that are due, never the whole table.
   */
  reminderQueue: (remindAt: string, tokenHash: string) => ({ GSI2PK: 'REMINDER#due', GSI2SK: `${remindAt}#${tokenHash}` }),
  statusIndex: (status: string, updatedAt: string, id: string) => ({ GSI2PK: `STATUS#${status}`, GSI2SK: `${updatedAt}#${id}` }),
} as const;

export const indexNames = { fingerprints: 'GSI1', status: 'GSI2' } as const;
