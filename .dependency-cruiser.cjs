/**
 * The import graph's rules (`npm run lint:deps`, part of `npm test`, over src/, tests/ and scripts/): no
 * cycles anywhere (the test fixtures included), and in src/ no stage imports a later one. `src/` is the
 * pipeline, one folder per stage; a module may import its own stage and the stages before it, never one
 * after it. Type-only imports count: they couple modules as much as value imports do.
 */
const STAGES = [
  ['errors', '^src/errors\\.ts$'],
  ['schemas', '^src/schemas/'],
  ['onnx', '^src/onnx/'],
  ['analyze', '^src/analyze/'],
  ['formats', '^src/formats/'],
  ['config', '^src/config/'],
  ['plan', '^src/plan/'],
  ['quant', '^src/quant/'],
  ['eval', '^src/eval/'],
  ['gate', '^src/gate/'],
  ['report', '^src/report/'],
  ['pipeline', '^src/pipeline/'],
  ['github', '^src/github/'],
  ['commands', '^src/commands/'],
  ['shells', '^src/(cli|main|index)\\.ts$'],
];

const laterThan = (i) => STAGES.slice(i + 1).map(([, path]) => path);

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle makes two modules one: neither can be read, tested or changed alone.',
      from: {},
      to: { circular: true },
    },
    ...STAGES.slice(0, -1).map(([name, path], i) => ({
      name: `${name}-imports-a-later-stage`,
      severity: 'error',
      comment: `The pipeline's stages run in order (${STAGES.map(([n]) => n).join(' → ')}); ${name} may not import a later one.`,
      from: { path },
      to: { path: laterThan(i) },
    })),
    {
      name: 'src-outside-the-stages',
      severity: 'error',
      comment: 'Every module in src/ belongs to a stage (add a new folder to STAGES, in its place).',
      from: { path: '^src/', pathNot: STAGES.map(([, path]) => path) },
      to: {},
    },
    {
      name: 'src-imports-tests-or-scripts',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(tests|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
