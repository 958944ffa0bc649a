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

/** An int64 count or index beyond what a JS number holds exactly (±(2^53 − 1)): a corrupt or hostile file. */
export class Int64RangeError extends BadInputError {
  constructor(readonly value: string) {
    super(`int64 value ${value} is beyond ±(2^53 − 1), the largest a JS number holds exactly`);
    this.name = 'Int64RangeError';
  }
}

/** Formats an unknown thrown value as one line of text. */
export function messageOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? text;
}
