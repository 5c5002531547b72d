import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, GetCommand, PutCommand, type DynamoDBDocumentClient } from '../aws/dynamodb';
import { keys } from '../cases/keys';
import type { MicroDepositChallenge, MicroDepositSender, MicroDepositSendReceipt, MicroDepositSendRequest } from './micro-deposits';

/** The challenge as stored: the domain's challenge plus the answer window of the contractor's link. */
export interface StoredMicroDepositChallenge extends MicroDepositChallenge {
  linkExpiresAt: string;
}

/**
 * Persistence of the micro-deposit challenge: one item per case. Updates are conditional on the attempt
 * count read, so two concurrent answers cannot both spend the same attempt (or both pass a closed one).
 */
export class MicroDepositRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Stores a new challenge; false when the case already has one (a retried stage sends nothing twice). */
  async createChallenge(challenge: StoredMicroDepositChallenge): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({ TableName: this.table, Item: { ...keys.microDeposit(challenge.caseId), type: 'micro-deposit', ...challenge }, ConditionExpression: 'attribute_not_exists(PK)' }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async getChallenge(caseId: string): Promise<StoredMicroDepositChallenge | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.microDeposit(caseId), ConsistentRead: true }));
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
          Item: { ...keys.microDeposit(next.caseId), type: 'micro-deposit', ...next },
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
    await this.db.send(
      new PutCommand({ TableName: this.table, Item: { ...keys.microDepositSend(request.caseId, receipt.sendId), type: 'micro-deposit-send', ...request, ...receipt } }),
    );
    return receipt;
  }
}
