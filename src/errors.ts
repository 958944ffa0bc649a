/**
 * Errors the user can act on. Each carries the exit code the CLI returns:
 * 2 = bad input or usage (the message is one line naming the file and the problem).
 */
export class BadInputError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'BadInputError';
  }
}

/** Formats an unknown thrown value as one line of text. */
export function messageOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? text;
}
