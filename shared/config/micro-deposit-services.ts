import { MicroDepositRepository, RecordOnlyMicroDepositSender } from '../adapters/dynamodb/micro-deposit-repository';
import { dynamoClient } from '../adapters/aws/dynamodb';
import { env } from './services';

/** Micro-deposit wiring for the bank stage and the links handler, built once per cold start. */
export const deposits = new MicroDepositRepository(dynamoClient(), env.TABLE_NAME);

/** The payout port's adapter: records the instruction, moves no money (see RecordOnlyMicroDepositSender). */
export const depositSender = new RecordOnlyMicroDepositSender(dynamoClient(), env.TABLE_NAME);
