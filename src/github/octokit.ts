/**
 * The comment API over @actions/github's Octokit (REST for comments, GraphQL for the token's login), with
 * bounded retries: @octokit/plugin-retry retries 5xx answers and network faults (connection reset or
 * refused) up to 3 times, waiting 1, 4 and 9 s; @octokit/plugin-throttling waits out GitHub's rate limits;
 * a 429 with `retry-after` waits that long (at most 20 s) before the retry. Everything stops after 60 s.
 * A malformed answer is an error, never taken for an empty comment list.
 */
import * as github from '@actions/github';
import type { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { CommentApi, IssueComment } from './comment.js';

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

/** The pull request this run is about, from the event payload, or null (push, schedule...). */
export function pullRequestOf(context: typeof github.context): PullRequestRef | null {
  const number = context.payload.pull_request?.number ?? (context.payload.issue?.pull_request ? context.payload.issue.number : undefined);
  if (typeof number !== 'number') return null;
  return { owner: context.repo.owner, repo: context.repo.repo, number };
}

export interface RetryPolicy {
  /**
   * Milliseconds per second of waiting between tries (1000). Tests shorten every wait through
   * QUANTGATE_RETRY_UNIT_MS; the number and order of tries stay the product's.
   */
  unitMs: number;
  /** Tries after the first. */
  retries: number;
  /** The whole conversation with the API ends after this many milliseconds. */
  deadlineMs: number;
  /** A `retry-after` longer than this many seconds is not waited for. */
  maxRetryAfterSeconds: number;
}

export const DEFAULT_RETRY: RetryPolicy = { unitMs: 1000, retries: 3, deadlineMs: 60_000, maxRetryAfterSeconds: 20 };

/** The retry policy, with the test knob applied. */
export function retryPolicy(env: NodeJS.ProcessEnv = process.env): RetryPolicy {
  const unit = Number(env.QUANTGATE_RETRY_UNIT_MS);
  return { ...DEFAULT_RETRY, unitMs: Number.isFinite(unit) && unit >= 0 ? unit : DEFAULT_RETRY.unitMs };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A 429 that says how long to wait (`retry-after`, in seconds) is waited out before plugin-retry, which
 * retries 429s but does not read the header, schedules its own retry. Registered first, so it runs
 * innermost, before plugin-retry sees the error.
 */
function honourRetryAfter(policy: RetryPolicy) {
  return (octokit: Octokit) => {
    octokit.hook.error('request', async (error) => {
      const e = error as { status?: number; response?: { headers?: Record<string, string | undefined> } };
      const after = Number(e.response?.headers?.['retry-after']);
      if (e.status === 429 && Number.isFinite(after) && after > 0 && after <= policy.maxRetryAfterSeconds)
        await sleep(after * policy.unitMs);
      throw error;
    });
  };
}

function commentList(data: unknown): IssueComment[] {
  if (!Array.isArray(data) || data.some((c) => typeof c !== 'object' || c === null || typeof (c as IssueComment).id !== 'number'))
    throw new Error('GitHub answered the comment list with something that is not one');
  return data as IssueComment[];
}

function oneComment(data: unknown): IssueComment {
  if (typeof data !== 'object' || data === null || typeof (data as IssueComment).id !== 'number')
    throw new Error('GitHub answered with something that is not a comment');
  return data as IssueComment;
}

export function octokitCommentApi(token: string, pr: PullRequestRef, policy: RetryPolicy, signal: AbortSignal): CommentApi {
  const canRetry = (retryCount: number, after: number) => retryCount < policy.retries && after <= policy.maxRetryAfterSeconds;
  const octokit = github.getOctokit(
    token,
    {
      request: { signal },
      retry: { retries: policy.retries, retryAfterBaseValue: policy.unitMs },
      throttle: {
        retryAfterBaseValue: policy.unitMs,
        onRateLimit: (after: number, _options: unknown, _octokit: unknown, retryCount: number) => canRetry(retryCount, after),
        onSecondaryRateLimit: (after: number, _options: unknown, _octokit: unknown, retryCount: number) => canRetry(retryCount, after),
      },
    },
    honourRetryAfter(policy),
    retry,
    throttling,
  );
  const target = { owner: pr.owner, repo: pr.repo, issue_number: pr.number };
  return {
    async viewerLogin() {
      const result = await octokit.graphql<{ viewer?: { login?: unknown } }>('query { viewer { login } }');
      const login = result?.viewer?.login;
      return typeof login === 'string' ? login : null;
    },
    async listComments() {
      return commentList(await octokit.paginate(octokit.rest.issues.listComments, { ...target, per_page: 100 }));
    },
    async createComment(body) {
      return oneComment((await octokit.rest.issues.createComment({ ...target, body })).data);
    },
    async updateComment(id, body) {
      return oneComment((await octokit.rest.issues.updateComment({ owner: pr.owner, repo: pr.repo, comment_id: id, body })).data);
    },
  };
}
