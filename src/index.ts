/** The action's entry point: `dist/index.js` is this file bundled by ncc. */
import { run } from './main.js';

void run();
