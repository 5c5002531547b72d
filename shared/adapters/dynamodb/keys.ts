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
  /** A later round of micro-deposits: the ones a payout change sent to the new account. */
  microDepositRound: (id: string, roundId: string) => ({ PK: `CASE#${id}`, SK: `MICRODEPOSIT#ROUND#${roundId}` }),
  microDepositSend: (id: string, sendId: string) => ({ PK: `CASE#${id}`, SK: `MICRODEPOSIT#SEND#${sendId}` }),
  link: (tokenHash: string) => ({ PK: `LINK#${tokenHash}`, SK: 'LINK' }),
  /** An upload key handed out by POST /uploads: to whom and for what (shared/adapters/dynamodb/upload-grants.ts). */
  uploadGrant: (objectKey: string) => ({ PK: `UPLOAD#${objectKey}`, SK: 'UPLOAD' }),
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
  /** A status change waiting to be told to the HRIS (the transactional outbox), one per case version. */
  outbox: (id: string, sequence: number) => ({ PK: `CASE#${id}`, SK: `OUTBOX#${String(sequence).padStart(10, '0')}` }),
  outboxPrefix: 'OUTBOX#',
  /**
   * The webhook delivery queue on the status index (GSI2), like the reminder queue: an outbox item is in it
   * while it is pending, sorted by its next attempt, so the sweep reads only what is due.
   */
  webhookQueue: (nextAttemptAt: string, id: string, sequence: number) => ({
    GSI2PK: 'WEBHOOK#due',
    GSI2SK: `${nextAttemptAt}#${id}#${String(sequence).padStart(10, '0')}`,
  }),
  /** A delivery given up on, for `npm run case -- webhooks-replay` (oldest first by the event's time). */
  webhookDeadLetter: (at: string, id: string, sequence: number) => ({ PK: 'WEBHOOK#DLQ', SK: `${at}#${id}#${String(sequence).padStart(10, '0')}` }),
  /** The monitor index of the re-screening (shared/adapters/dynamodb/monitor-index.ts): one item per monitored case. */
  monitor: (partition: number, id: string) => ({ PK: `MONITOR#${String(partition).padStart(3, '0')}`, SK: id }),
  monitorPartition: (partition: number) => `MONITOR#${String(partition).padStart(3, '0')}`,
  /** Which list version and matcher the monitored applicants were last screened on. */
  rescreenState: () => ({ PK: 'RESCREEN', SK: 'STATE' }),
  /** The content hashes of one list version's entries, in chunks (shared/domain/monitoring/list-delta.ts). */
  rescreenHashes: (listVersion: string, chunk: number) => ({ PK: `RESCREEN#HASHES#${listVersion}`, SK: String(chunk).padStart(3, '0') }),
} as const;

export const indexNames = { fingerprints: 'GSI1', status: 'GSI2' } as const;
