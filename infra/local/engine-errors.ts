import { LambdaFunctionError } from './lambda-host';

// The errors the local engine answers with, named as Step Functions names them (the local API maps the name).

export class ExecutionDoesNotExist extends Error {
  override readonly name = 'ExecutionDoesNotExist';
}
export class ExecutionAlreadyExists extends Error {
  override readonly name = 'ExecutionAlreadyExists';
}
export class ExecutionNotRedrivable extends Error {
  override readonly name = 'ExecutionNotRedrivable';
}

/** A task's error as the engine's Retry and Catch match it: by name (States.Timeout, or a Lambda error type). */
export function namedError(name: string, message: string): Error {
  if (name === 'States.Timeout') {
    const e = new Error(message);
    e.name = name;
    return e;
  }
  const e = new LambdaFunctionError(name, '');
  e.message = message;
  return e;
}
