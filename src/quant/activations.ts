/**
 * Calibration statistics of the activation a weight multiplies (the input A of MatMul(A, W)), per input
 * channel k: the mean square E[a_k²] (the importance the imatrix search weighs each column by) and, for
 * GPTQ, the second moment H = E[a aᵀ] (the Hessian of the layer's squared output error, up to a factor).
 * Plain data: collected by eval/calibrate.ts, consumed by the quantizer.
 */
export interface LayerActivations {
  /** Activation rows (tokens) seen. */
  count: number;
  /** E[a_k²], K values. */
  meanSquare: Float64Array;
  /** E[a aᵀ], K×K row-major, when collected. */
  hessian: Float64Array | null;
}

/** Sums activation rows of K channels; `result()` gives the means. */
export class ActivationAccumulator {
  private count = 0;
  private readonly squares: Float64Array;
  private readonly products: Float64Array | null;

  constructor(
    readonly K: number,
    hessian: boolean,
  ) {
    this.squares = new Float64Array(K);
    this.products = hessian ? new Float64Array(K * K) : null;
  }

  /** Adds every row of a [..., K] activation tensor. */
  add(values: Float32Array): void {
    const K = this.K;
    if (values.length % K !== 0) throw new Error(`activation of ${values.length} values is not rows of ${K}`);
    const H = this.products;
    for (let base = 0; base < values.length; base += K) {
      for (let i = 0; i < K; i++) {
        const a = values[base + i]!;
        this.squares[i]! += a * a;
        if (H && a !== 0) {
          const row = i * K;
          // Upper triangle only; mirrored in result().
          for (let j = i; j < K; j++) H[row + j]! += a * values[base + j]!;
        }
      }
      this.count++;
    }
  }

  result(): LayerActivations {
    const n = Math.max(1, this.count);
    const meanSquare = this.squares.map((s) => s / n);
    let hessian: Float64Array | null = null;
    if (this.products) {
      const K = this.K;
      hessian = new Float64Array(K * K);
      for (let i = 0; i < K; i++) {
        for (let j = i; j < K; j++) {
          const v = this.products[i * K + j]! / n;
          hessian[i * K + j] = v;
          hessian[j * K + i] = v;
        }
      }
    }
    return { count: this.count, meanSquare, hessian };
  }
}
