/**
 * One sticky comment per workflow and config: found again by its hidden marker on the FIRST line of a
 * comment the token's own user wrote (all pages), updated in place, created when absent, never
 * duplicated. A marker anywhere else (a model path quoted in another comment, another user's comment) is
 * not ours and never touched.
 */
import type { CommentMode } from '../config/check-config.js';

export interface IssueComment {
  id: number;
  body?: string | null;
  user?: { login: string } | null;
}

/** The few REST/GraphQL calls used, so tests can pass a fake and the action passes Octokit. */
export interface CommentApi {
  viewerLogin(): Promise<string | null>;
  listComments(): Promise<IssueComment[]>;
  createComment(body: string): Promise<IssueComment>;
  updateComment(id: number, body: string): Promise<IssueComment>;
}

export type CommentOutcome = { action: 'created' | 'updated' | 'unchanged'; id: number } | { action: 'skipped'; reason: string };

/** GITHUB_TOKEN's user: GraphQL's viewer is not readable by it everywhere, so this is the fallback. */
export const ACTIONS_BOT = 'github-actions[bot]';

export function isPermissionError(err: unknown): boolean {
  const status = (err as { status?: number }).status;
  return status === 403 || /Resource not accessible by integration/i.test((err as Error)?.message ?? '');
}

/** The first line of a comment body (GitHub may store line ends as CRLF). */
export function firstLine(body: string | null | undefined): string {
  return (body ?? '').split(/\r?\n/, 1)[0]!.trim();
}

/** Whether this run should post a new comment, by the comment mode and what the report says. */
export function wantsNewComment(mode: CommentMode, report: { failed: boolean; changed: boolean }): boolean {
  switch (mode) {
    case 'always':
      return true;
    case 'changes':
      return report.changed || report.failed;
    case 'failures':
      return report.failed;
    case 'off':
      return false;
  }
}

/**
 * Updates our comment when there is one (whatever `post` says: a passing run turns an old failing comment
 * green instead of leaving it stale), else creates one when `post` is true.
 */
export async function upsertComment(api: CommentApi, marker: string, body: string, post = true): Promise<CommentOutcome> {
  const login = (await api.viewerLogin().catch(() => null)) ?? ACTIONS_BOT;
  const existing = (await api.listComments()).find((c) => c.user?.login === login && firstLine(c.body) === marker);
  if (existing) {
    if (existing.body === body) return { action: 'unchanged', id: existing.id };
    const updated = await api.updateComment(existing.id, body);
    return { action: 'updated', id: updated.id };
  }
  if (!post) return { action: 'skipped', reason: 'nothing to report in this mode and no earlier comment to update' };
  const created = await api.createComment(body);
  return { action: 'created', id: created.id };
}
