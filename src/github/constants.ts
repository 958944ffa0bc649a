/** Names of the action's inputs and outputs, in one place (action.yml declares the same). */
export const ActionInput = {
  config: 'config',
  models: 'models',
  goldenDir: 'golden-dir',
  policy: 'policy',
  targetSize: 'target-size',
  executionProvider: 'execution-provider',
  comment: 'comment',
  githubToken: 'github-token',
  updateGolden: 'update-golden',
  failOn: 'fail-on',
  merge: 'merge',
} as const;

export const ActionOutput = {
  passed: 'passed',
  reportPath: 'report-path',
  commentPath: 'comment-path',
  bytesBefore: 'bytes-before',
  bytesAfter: 'bytes-after',
  detectionAccuracy: 'detection-accuracy',
} as const;
