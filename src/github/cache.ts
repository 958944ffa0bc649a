/**
 * @actions/cache around the sensitivity cache folder, keyed by the models' sha256 and the config's hash.
 * A cache service that is absent or fails is a warning and a full run, never a failure.
 */
import * as cache from '@actions/cache';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { messageOf } from '../errors.js';

const PREFIX = 'quantgate-sensitivity-';

export function cacheKey(modelFiles: string[], configText: string): string {
  const h = createHash('sha256');
  for (const f of [...modelFiles].sort()) h.update(f).update(createHash('sha256').update(fs.readFileSync(f)).digest());
  h.update(configText);
  return `${PREFIX}${h.digest('hex').slice(0, 32)}`;
}

export interface CacheLog {
  info(message: string): void;
  warning(message: string): void;
}

/** Restores the folder; returns whether the exact key was found. */
export async function restoreCache(dir: string, key: string, log: CacheLog): Promise<boolean> {
  try {
    if (!cache.isFeatureAvailable()) {
      log.warning('quantgate: no cache service here; measured sensitivity is not kept between runs');
      return false;
    }
    fs.mkdirSync(dir, { recursive: true });
    const hit = await cache.restoreCache([dir], key, [PREFIX]);
    log.info(hit ? `quantgate: cache restored (${hit})` : 'quantgate: no cached sensitivity yet');
    return hit === key;
  } catch (err) {
    log.warning(`quantgate: cache restore failed, measuring from scratch (${messageOf(err)})`);
    return false;
  }
}

export async function saveCache(dir: string, key: string, log: CacheLog): Promise<void> {
  try {
    if (!cache.isFeatureAvailable() || !fs.existsSync(dir) || fs.readdirSync(dir).length === 0) return;
    await cache.saveCache([dir], key);
  } catch (err) {
    log.warning(`quantgate: cache save failed (${messageOf(err)})`);
  }
}
