/**
 * Errors the user can act on, by class: callers decide by `instanceof`, never by the message's text.
 * The CLI exits 2 for a BadInputError and its subclasses (the message is one line naming the file and the
 * problem); the check turns a TargetUnreachableError into a failed size gate.
 */
export class BadInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadInputError';
  }
}

/** A size target no plan can meet: even every movable layer at its smallest width is too big. */
export class TargetUnreachableError extends BadInputError {
  constructor(
    readonly file: string,
    readonly targetBytes: number,
    readonly smallestBytes: number,
  ) {
    const bytes = (n: number) => `${n.toLocaleString('en-US')} bytes`;
    super(`${file}: target size ${bytes(targetBytes)} cannot be met; the smallest plan reachable is ${bytes(smallestBytes)}`);
    this.name = 'TargetUnreachableError';
  }
}

/** Formats an unknown thrown value as one line of text. */
export function messageOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? text;
}
