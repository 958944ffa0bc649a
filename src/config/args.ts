/**
 * The command line's grammar: each command declares its options once (type, value name, help text), and
 * that one table parses argv, prints `--help`, and suggests the flag or command a typo meant. Errors are
 * one line that names the command and points to its help, never Node's parser text.
 */
import { BadInputError } from '../errors.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** May be given more than once (values collected in order). */
  multiple?: boolean;
  /** The value's name in the help (`--out DIR`). */
  value?: string;
  help: string;
}

export type OptionTable = Record<string, OptionSpec>;

export interface CommandSpec {
  name: string;
  /** The positional part of the usage line (`MODEL.onnx`). */
  args: string;
  /** How many positionals the command takes. */
  positionals: { min: number; max: number };
  summary: string;
  options: OptionTable;
}

export type Values<T extends OptionTable> = {
  [K in keyof T]?: T[K] extends { multiple: true } ? string[] : T[K] extends { type: 'boolean' } ? boolean : string;
};

export interface Parsed<T extends OptionTable> {
  values: Values<T>;
  positionals: string[];
  /** `--help` or `-h` was given: print the command's help instead of running it. */
  help: boolean;
}

/** Edit distance (insertions, deletions, substitutions, adjacent swaps), for "did you mean". */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The closest known word, when it is close enough to be what was meant. */
export function suggest(word: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const distance = k.startsWith(word) && word.length >= 3 ? 0.5 : editDistance(word, k);
    if (distance < bestDistance) {
      best = k;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

/** User text in a one-line message: no line breaks, not unbounded. */
function shown(text: string): string {
  const line = text.replace(/[\r\n]+/g, ' ');
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

export function parseCommandLine<T extends OptionTable>(spec: CommandSpec & { options: T }, argv: string[]): Parsed<T> {
  const values: Record<string, string | boolean | string[]> = {};
  const positionals: string[] = [];
  let help = false;
  const seeHelp = `see 'quantgate ${spec.name} --help'`;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') ? arg.slice(2, eq === -1 ? undefined : eq) : arg.slice(1);
    const option = arg.startsWith('--') ? spec.options[name] : undefined;
    if (!option) {
      const guess = suggest(name, Object.keys(spec.options));
      throw new BadInputError(
        `${spec.name}: unknown option '${shown(arg.startsWith('--') ? `--${name}` : arg)}'${guess ? ` (did you mean '--${guess}'?)` : ''}; ${seeHelp}`,
      );
    }
    let value: string | boolean;
    if (option.type === 'boolean') {
      if (eq !== -1) throw new BadInputError(`${spec.name}: option '--${name}' takes no value; ${seeHelp}`);
      value = true;
    } else if (eq !== -1) {
      value = arg.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2))
        throw new BadInputError(`${spec.name}: option '--${name}' needs a value (--${name} ${option.value ?? 'VALUE'}); ${seeHelp}`);
      value = next;
      i++;
    }
    if (option.multiple) values[name] = [...((values[name] as string[] | undefined) ?? []), value as string];
    else values[name] = value;
  }
  if (!help) {
    const { min, max } = spec.positionals;
    if (positionals.length < min || positionals.length > max) {
      const extra = positionals.length > max ? `: unexpected argument '${shown(positionals[max]!)}'` : '';
      const expected = max === 0 ? 'takes no arguments' : `expects ${spec.args}`;
      throw new BadInputError(`${spec.name} ${expected}${extra}; ${seeHelp}`);
    }
  }
  return { values: values as Values<T>, positionals, help };
}

/** `quantgate NAME --help`: the usage line, what the command does, and every option with its help. */
export function commandHelp(spec: CommandSpec): string {
  const flags = Object.entries(spec.options).map(([name, o]) => ({
    flag: `--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`,
    help: `${o.help}${o.multiple ? ' (repeatable)' : ''}`,
  }));
  flags.push({ flag: '-h, --help', help: 'show this help' });
  const width = Math.min(28, Math.max(...flags.map((f) => f.flag.length)));
  const lines = [`usage: quantgate ${spec.name}${spec.args ? ` ${spec.args}` : ''} [options]`, '', spec.summary, '', 'options:'];
  for (const f of flags) {
    lines.push(f.flag.length > width ? `  ${f.flag}\n  ${' '.repeat(width)}  ${f.help}` : `  ${f.flag.padEnd(width)}  ${f.help}`);
  }
  return `${lines.join('\n')}\n`;
}
