/**
 * Override patterns: a glob over layer names and module paths (`*.mlp.down_proj*`, `*` also crosses dots,
 * `?` is one character), or a regular expression written between slashes (`/layers\.(0|1)\./`).
 */
import { BadInputError } from '../errors.js';
import type { Override } from '../config/config.js';
import type { Layer } from '../analyze/types.js';

export type Matcher = (text: string) => boolean;

export function compilePattern(pattern: string, source: string): Matcher {
  const re = pattern.match(/^\/(.+)\/([a-z]*)$/);
  if (re) {
    try {
      const [, body = '', flags = ''] = re;
      const r = new RegExp(body, flags.replace(/[gy]/g, ''));
      return (text) => r.test(text);
    } catch (err) {
      throw new BadInputError(`${source}: invalid regular expression ${pattern} (${(err as Error).message})`);
    }
  }
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*+/g, '.*')
    .replace(/\?/g, '.');
  const r = new RegExp(`^${body}$`);
  return (text) => r.test(text);
}

/** The texts a rule is matched against: the initializer name, the module path, and module.leaf. */
export function layerTexts(layer: Layer): string[] {
  const texts = [layer.name];
  if (layer.module) {
    texts.push(layer.module);
    const leaf = layer.role === 'bias' ? 'bias' : 'weight';
    texts.push(`${layer.module}.${leaf}`);
  }
  return texts;
}

export interface CompiledOverrides {
  /** The last rule that matches the layer (later rules win), or undefined. */
  match(layer: Layer): Override | undefined;
  /** Rules that matched no layer, to warn about. */
  unused(): Override[];
}

export function compileOverrides(rules: Override[]): CompiledOverrides {
  const compiled = rules.map((rule) => ({ rule, test: compilePattern(rule.pattern, rule.source), used: false }));
  return {
    match(layer) {
      const texts = layerTexts(layer);
      let found: Override | undefined;
      for (const c of compiled) {
        if (texts.some(c.test)) {
          c.used = true;
          found = c.rule;
        }
      }
      return found;
    },
    unused: () => compiled.filter((c) => !c.used).map((c) => c.rule),
  };
}
