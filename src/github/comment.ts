/**
 * One sticky comment per workflow and config: found again by its hidden marker among the comments the
 * token's own user wrote (all pages), updated in place, created when absent, never duplicated. A token that
 * may not comment (fork pull requests: 403 "Resource not accessible by integration") is a warning.
 */
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

export async function upsertComment(api: CommentApi, marker: string, body: string): Promise<CommentOutcome> {
  const login = (await api.viewerLogin().catch(() => null)) ?? ACTIONS_BOT;
  const mine = (await api.listComments()).filter((c) => c.user?.login === login && (c.body ?? '').includes(marker));
  const existing = mine[0];
  if (existing) {
    if (existing.body === body) return { action: 'unchanged', id: existing.id };
    const updated = await api.updateComment(existing.id, body);
    return { action: 'updated', id: updated.id };
  }
  const created = await api.createComment(body);
  return { action: 'created', id: created.id };
}
