/** Configuration parsing: sizes and their units, bits, block sizes, config files and their precedence. */
import test from 'ava';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mergePlanConfig, parseBits, parseBlockSize, parseOverrideFlag, parseSize, readConfigFile } from '../src/config/config.js';
import { BadInputError } from '../src/errors.js';
import { tempDir } from './helpers.js';

test('sizes: percentages, decimal and binary units, bare bytes', (t) => {
  t.deepEqual(parseSize('25%', 'x'), { kind: 'percent', value: 25, text: '25%' });
  t.is(parseSize('1.2MB', 'x').value, 1_200_000);
  t.is(parseSize('3 kb', 'x').value, 3000);
  t.is(parseSize('2GB', 'x').value, 2_000_000_000);
  t.is(parseSize('512KiB', 'x').value, 524_288);
  t.is(parseSize('1.5MiB', 'x').value, 1_572_864);
  t.is(parseSize('1GiB', 'x').value, 1_073_741_824);
  t.is(parseSize('900000B', 'x').value, 900_000);
  t.is(parseSize('4096', 'x').value, 4096);
  for (const bad of ['', 'abc', '12 parsecs', '-5MB', '0%', '150%', '1.2.3MB', '0B']) {
    t.throws(() => parseSize(bad, '--target-size'), { instanceOf: BadInputError, message: /^--target-size: / }, bad);
  }
});

test('bits, block sizes and override flags', (t) => {
  t.is(parseBits('4', 'x'), 4);
  t.is(parseBits(16, 'x'), 16);
  t.throws(() => parseBits('3', '--bits'), { message: /--bits: bits must be one of/ });
  t.is(parseBlockSize('128', 'x'), 128);
  t.throws(() => parseBlockSize('8', 'x'));
  t.throws(() => parseBlockSize('512', 'x'));
  t.deepEqual(parseOverrideFlag('a=b=8'), { pattern: 'a=b', bits: 8, source: '--override' });
  t.throws(() => parseOverrideFlag('nobits'), { message: /expected 'PATTERN=BITS'/ });
});

test('config files: known keys, both override forms, precedence of later sources', (t) => {
  const dir = tempDir();
  const file = path.join(dir, 'quantgate.yml');
  fs.writeFileSync(file, 'policy: uniform\nbits: 8\nkeep_sensitive: false\noverrides:\n  - pattern: "*.q_proj*"\n    bits: 4\n');
  const cfg = readConfigFile(file, true)!;
  const merged = mergePlanConfig(cfg.plan, { bits: 2, overrides: [{ pattern: 'x', bits: 16, source: '--override' }] });
  t.is(merged.policy, 'uniform');
  t.is(merged.bits, 2);
  t.false(merged.keepSensitive);
  t.true(merged.symmetric);
  t.deepEqual(
    merged.overrides.map((o) => o.pattern),
    ['*.q_proj*', 'x'],
  );
  t.is(readConfigFile(path.join(dir, 'none.yml'), false), null);
  t.throws(() => readConfigFile(path.join(dir, 'none.yml'), true), { message: /none\.yml: cannot read config \(file not found\)/ });
  fs.writeFileSync(file, 'symmetric: maybe\n');
  t.throws(() => readConfigFile(file, true), { message: /symmetric: expected true or false/ });
  fs.writeFileSync(file, '- a\n- b\n');
  t.throws(() => readConfigFile(file, true), { message: /expected a mapping/ });
  fs.writeFileSync(file, 'policy: [unclosed\n');
  t.throws(() => readConfigFile(file, true), { message: /not valid YAML/ });
});
