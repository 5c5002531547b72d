import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, GetCommand, PutCommand, type DynamoDBDocumentClient } from '../aws/dynamodb';
import { keys } from './keys';
import type { MicroDepositChallenge, MicroDepositSender, MicroDepositSendReceipt, MicroDepositSendRequest } from '../../domain/bank/micro-deposits';

/** The challenge as stored: the domain's challenge plus the answer window of the contractor's link. */
export interface StoredMicroDepositChallenge extends MicroDepositChallenge {
  linkExpiresAt: string;
}

/** Where a challenge lives: the bank stage's under the case, each payout change's round under its own key. */
function challengeKey(caseId: string, roundId: string | undefined) {
  return roundId ? keys.microDepositRound(caseId, roundId) : keys.microDeposit(caseId);
}

/**
 * Persistence of the micro-deposit challenges: the bank stage's, and one per payout change that sent
 * deposits to a new account (its round, see shared/app/bank/micro-deposit-flow.ts). Updates are conditional on the attempt
 * count read, so two concurrent answers cannot both spend the same attempt (or both pass a closed one).
 */
export class MicroDepositRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Stores a new challenge; false when that round already has one (a retried stage sends nothing twice). */
  async createChallenge(challenge: StoredMicroDepositChallenge): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({ TableName: this.table, Item: { ...challengeKey(challenge.caseId, challenge.roundId), type: 'micro-deposit', ...challenge }, ConditionExpression: 'attribute_not_exists(PK)' }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  /** The bank stage's challenge, or with `roundId` a payout change's. */
  async getChallenge(caseId: string, roundId?: string): Promise<StoredMicroDepositChallenge | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: challengeKey(caseId, roundId), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const { PK: _p, SK: _s, type: _t, ...rest } = out.Item;
    return rest as StoredMicroDepositChallenge;
  }

  /** Writes the answered challenge if nobody answered in between; false when someone did. */
  async saveAnswer(previous: MicroDepositChallenge, next: StoredMicroDepositChallenge): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...challengeKey(next.caseId, next.roundId), type: 'micro-deposit', ...next },
          ConditionExpression: 'attempts = :attempts AND #status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':attempts': previous.attempts, ':pending': 'pending' },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }
}

/**
 * Adapter of the MicroDepositSender port that moves no money: it records the payout instruction in the
 * table (the account by its keyed fingerprint only). It is the adapter locally and, until a payout
 * provider's adapter is written against the same port, on AWS too: an operator who turns micro-deposits on
 * pays the recorded amounts by hand or through their provider.
 */
export class RecordOnlyMicroDepositSender implements MicroDepositSender {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async send(request: MicroDepositSendRequest): Promise<MicroDepositSendReceipt> {
    const receipt = { sendId: `recorded-${randomUUID()}`, sentAt: this.clock().toISOString() };
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...keys.microDepositSend(request.caseId, receipt.sendId), type: 'micro-deposit-send', ...request, ...receipt } }));
    return receipt;
  }
}
