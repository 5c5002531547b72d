/** A list file that cannot be trusted. Names the file and, when known, the line, so an operator can act. */
export class ListLoadError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly problem: string,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${problem}`);
    this.name = 'ListLoadError';
  }
}
