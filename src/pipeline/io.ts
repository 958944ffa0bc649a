/** Where the pipeline's messages go: the CLI's stdout and stderr, or the action's log. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A warning sink: one `warning: …` line on stderr per message. */
export function warningsTo(io: Io): (message: string) => void {
  return (message) => io.stderr(`warning: ${message}\n`);
}
