import { InvalidToken, SendTaskSuccessCommand, TaskDoesNotExist, TaskTimedOut, sfnClient } from '../../shared/adapters/aws/sfn';

/**
 * Completes a person step's workflow task (SendTaskSuccess) with what the page decided. False when the task
 * is gone (its timeout, a hold that ended it, a token from an earlier attempt): the answer came too late
 * and decides nothing; every link purpose says so to the person.
 */
export async function completeTask(taskToken: string, output: unknown): Promise<boolean> {
  try {
    await sfnClient().send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    return true;
  } catch (err) {
    if (err instanceof TaskTimedOut || err instanceof TaskDoesNotExist || err instanceof InvalidToken) return false;
    throw err;
  }
}
