/** What the planner trades bytes against: the expected relative error of a layer stored at a width. */
import type { Layer } from '../analyze/types.js';
import type { Bits } from '../formats/layout.js';

/** Expected relative error of `layer` stored at `bits`; 0 for unchanged. */
export type ErrorModel = (layer: Layer, bits: Bits) => number;
