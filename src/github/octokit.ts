/** The comment API over @actions/github's Octokit (REST for comments, GraphQL for the token's login). */
import * as github from '@actions/github';
import type { CommentApi } from './comment.js';

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

export function octokitCommentApi(token: string, pr: PullRequestRef): CommentApi {
  const octokit = github.getOctokit(token);
  const target = { owner: pr.owner, repo: pr.repo, issue_number: pr.number };
  return {
    async viewerLogin() {
      const result = await octokit.graphql<{ viewer: { login: string } }>('query { viewer { login } }');
      return result.viewer.login;
    },
    async listComments() {
      return await octokit.paginate(octokit.rest.issues.listComments, { ...target, per_page: 100 });
    },
    async createComment(body) {
      return (await octokit.rest.issues.createComment({ ...target, body })).data;
    },
    async updateComment(id, body) {
      return (await octokit.rest.issues.updateComment({ owner: pr.owner, repo: pr.repo, comment_id: id, body })).data;
    },
  };
}
