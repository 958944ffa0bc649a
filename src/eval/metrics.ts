/**
 * Output-quality metrics, as pure functions over typed arrays. Accumulators let evaluation stream over
 * many windows without keeping every output.
 */

/** Running sums for cosine similarity, relative L2 error and max |a − b| between reference a and candidate b. */
export class DistanceAccumulator {
  private dot = 0;
  private aa = 0;
  private bb = 0;
  private diff2 = 0;
  maxAbs = 0;

  add(a: ArrayLike<number>, b: ArrayLike<number>): void {
    if (a.length !== b.length) throw new Error(`outputs differ in size: ${a.length} vs ${b.length}`);
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!;
      const y = b[i]!;
      const d = x - y;
      this.dot += x * y;
      this.aa += x * x;
      this.bb += y * y;
      this.diff2 += d * d;
      const ad = d < 0 ? -d : d;
      if (ad > this.maxAbs) this.maxAbs = ad;
    }
  }

  cosine(): number {
    return this.aa === 0 || this.bb === 0 ? (this.aa === this.bb ? 1 : 0) : this.dot / Math.sqrt(this.aa * this.bb);
  }

  relativeL2(): number {
    return this.aa === 0 ? Math.sqrt(this.diff2) : Math.sqrt(this.diff2 / this.aa);
  }
}

/** log Σ exp(x) over x[offset, offset + n), stably. */
function logSumExp(x: ArrayLike<number>, offset: number, n: number): number {
  let m = -Infinity;
  for (let i = 0; i < n; i++) m = Math.max(m, x[offset + i]!);
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.exp(x[offset + i]! - m);
  return m + Math.log(s);
}

/** Running top-1 agreement and mean KL(p_ref ‖ p_q) over rows of `classes` logits. */
export class LogitAccumulator {
  private rows = 0;
  private agree = 0;
  private kl = 0;

  constructor(readonly classes: number) {}

  add(ref: ArrayLike<number>, q: ArrayLike<number>): void {
    const c = this.classes;
    for (let off = 0; off + c <= ref.length; off += c) {
      let ia = 0;
      let ib = 0;
      for (let i = 1; i < c; i++) {
        if (ref[off + i]! > ref[off + ia]!) ia = i;
        if (q[off + i]! > q[off + ib]!) ib = i;
      }
      if (ia === ib) this.agree++;
      const la = logSumExp(ref, off, c);
      const lb = logSumExp(q, off, c);
      let kl = 0;
      for (let i = 0; i < c; i++) {
        const lpa = ref[off + i]! - la;
        kl += Math.exp(lpa) * (lpa - (q[off + i]! - lb));
      }
      this.kl += Math.max(0, kl);
      this.rows++;
    }
  }

  top1Agreement(): number {
    return this.rows === 0 ? 1 : this.agree / this.rows;
  }

  meanKL(): number {
    return this.rows === 0 ? 0 : this.kl / this.rows;
  }
}

/** Running next-token negative log-likelihood: logits [L, V] of one window, its tokens [L]. */
export class PerplexityAccumulator {
  private nll = 0;
  private count = 0;

  add(logits: ArrayLike<number>, tokens: ArrayLike<number | bigint>, vocab: number): void {
    const L = tokens.length;
    for (let i = 0; i + 1 < L; i++) {
      const target = Number(tokens[i + 1]!);
      const off = i * vocab;
      this.nll += logSumExp(logits, off, vocab) - logits[off + target]!;
      this.count++;
    }
  }

  perplexity(): number {
    return this.count === 0 ? NaN : Math.exp(this.nll / this.count);
  }
}
