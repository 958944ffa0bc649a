#!/usr/bin/env bash
# The GPU check (issue 8, item 7): eval, check and check with policy auto on cpu and on onnxruntime-node's
# WebGPU execution provider, on the shared models and a generated Qwen2-0.5B-shaped model, with the time of
# each against cpu and how far the two providers' outputs agree. Untested on a GPU until a session with the
# lent machine runs it; the README says so until then.
#
# The lent machine has no Node.js and no network (../shared/docs/gpu.md). Prepare once, in the checkout:
#   echo /.gl/ >> .git/info/exclude; echo /.gpu/ >> .git/info/exclude
#   L=$(mktemp -d); mkdir -p .gl .gpu $L/partial
#   o="-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=$L"
#   apt-get $o update; (cd .gl && apt-get $o download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2)
#   xz -T2 -6 -c "$(readlink -f "$(command -v node)")" > .gpu/node.xz
#   tar cJf .gpu/nm.tar.xz node_modules/onnxruntime-node node_modules/onnxruntime-common   # what dist/ loads
#   mkdir -p .gpu/models && cp ../shared/models/{llama-legacy,llama-legacy-kv}.onnx \
#     ../shared/models/eval_tokens_16x128.int64.bin .gpu/models/ && cp -r ../shared/models/llama-legacy-ext .gpu/models/
#   npm run build          # build/scripts/make-scale-model.js writes the 0.5B model on the machine
# Then one call, carrying what the checkout ignores (64 MiB in all):
#   run(command="bash scripts/gpu-check.sh", carry=[".gl", ".gpu", "build"], timeout_s=540)
# Locally (no GPU: webgpu falls back to cpu with a warning), to try the script itself (SCALE=0 skips the
# 0.5B model, which takes about 15 minutes on 2 cores):
#   GPU_CHECK_LOCAL=1 SCALE=0 MODELS=../shared/models bash scripts/gpu-check.sh
# The small models come first, so a run cut short by the call's time limit still reports them.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
MODELS=${MODELS:-$ROOT/.gpu/models}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [ -z "${GPU_CHECK_LOCAL:-}" ]; then
  for f in .gl/*.deb; do dpkg -x "$f" /; done
  ldconfig
  export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  export __EGL_VENDOR_LIBRARY_FILENAMES=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
  NODE=$WORK/node
  xz -dc .gpu/node.xz > "$NODE" && chmod +x "$NODE"
  [ -d node_modules/onnxruntime-node ] || tar xJf .gpu/nm.tar.xz
  nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true
else
  NODE=$(command -v node)
fi
CLI="$ROOT/dist/cli/index.js"
echo "node $("$NODE" --version), $(nproc) cores; models from $MODELS"

# The 0.5B model (random weights, external data): written on the machine, about 2 GB.
if [ "${SCALE:-1}" != 0 ] && [ -f build/scripts/make-scale-model.js ]; then
  "$NODE" build/scripts/make-scale-model.js "$WORK/qwen" float32 || echo "could not write the 0.5B model"
fi

# seconds of a command, its stdout kept in $WORK/out.json
timed() {
  local start end ms
  start=$(date +%s%N)
  "$@" > "$WORK/out.json" 2> "$WORK/err.txt"
  local code=$?
  end=$(date +%s%N)
  ms=$(((end - start) / 1000000))
  printf '%d %d.%d\n' "$code" $((ms / 1000)) $(((ms % 1000) / 100))
}

# The two providers on the same model and inputs: cosine and max |Δ| of the primary output.
agreement() {
  "$NODE" --input-type=module -e "
    import { createRequire } from 'node:module';
    const ort = createRequire('$ROOT/package.json')('onnxruntime-node');
    const file = process.argv[1];
    const run = async (ep) => {
      const s = await ort.InferenceSession.create(file, { executionProviders: [ep] });
      const feeds = {};
      for (const [i, name] of s.inputNames.entries()) {
        const meta = s.inputMetadata[i];
        // An empty past (a KV cache's past length 0); a total length (past + new) is the new tokens'.
        const past = (d) => /past/.test(String(d)) && !/[+]|total/.test(String(d));
        const dims = meta.shape.map((d, axis) => (typeof d === 'number' && d > 0 ? d : axis === 0 ? 1 : past(d) ? 0 : 16));
        const n = dims.reduce((a, b) => a * b, 1);
        if (meta.type === 'int64') feeds[name] = new ort.Tensor('int64', BigInt64Array.from({ length: n }, (_, k) => BigInt(/mask/.test(name) ? 1 : /position/.test(name) ? k % 16 : (k * 7) % 200)), dims);
        else if (meta.type === 'bool') feeds[name] = new ort.Tensor('bool', new Uint8Array(n), dims);
        else feeds[name] = new ort.Tensor('float32', Float32Array.from({ length: n }, (_, k) => Math.sin(k)), dims);
      }
      const out = await s.run(feeds);
      const name = s.outputNames.find((o) => /logit/.test(o)) ?? s.outputNames[0];
      return out[name].data;
    };
    let a, b;
    try {
      a = await run('cpu');
      b = await run('webgpu');
    } catch (err) {
      console.log('no comparison: ' + String(err.message ?? err).split('\\n')[0]);
      process.exit(0);
    }
    let dot = 0, aa = 0, bb = 0, max = 0;
    for (let i = 0; i < a.length; i++) { dot += a[i] * b[i]; aa += a[i] * a[i]; bb += b[i] * b[i]; max = Math.max(max, Math.abs(a[i] - b[i])); }
    console.log('cpu vs webgpu: cosine ' + (dot / Math.sqrt(aa * bb)).toFixed(6) + ', max |Δ| ' + max.toExponential(3));
  " "$1" 2>&1 | tail -1
}

row() { printf '%-28s %-16s %-8s %8s s  %s\n' "$@"; }
row model step ep time result
for entry in "llama-legacy:$MODELS/llama-legacy.onnx" "llama-legacy-kv:$MODELS/llama-legacy-kv.onnx" \
  "llama-legacy-ext:$MODELS/llama-legacy-ext/model.onnx" "qwen2-0.5b-shape:$WORK/qwen/model.onnx"; do
  id=${entry%%:*}
  model=${entry#*:}
  [ -f "$model" ] || { echo "$id: $model not found, skipped"; continue; }
  tokens=()
  [ "$id" != qwen2-0.5b-shape ] && [ -f "$MODELS/eval_tokens_16x128.int64.bin" ] && tokens=(--tokens "$MODELS/eval_tokens_16x128.int64.bin" --windows 4)
  q="$WORK/q-$id"
  read -r code s < <(timed "$NODE" "$CLI" quantize "$model" --out "$q" --quiet --json)
  row "$id" quantize cpu "$s" "exit $code"
  qfile="$q/$(basename "$model")"
  for ep in cpu webgpu; do
    read -r code s < <(timed "$NODE" "$CLI" eval "$model" "$qfile" --ep "$ep" "${tokens[@]}" --quiet --json)
    summary=$("$NODE" -e "const r = JSON.parse(require('fs').readFileSync('$WORK/out.json', 'utf8')); console.log('ran on ' + r.ep + ', cosine ' + r.cosine.toFixed(6) + (r.kl !== undefined ? ', KL ' + r.kl.toExponential(3) : '') + (r.ppl_q !== undefined ? ', ppl ' + r.ppl_ref.toFixed(4) + ' -> ' + r.ppl_q.toFixed(4) : ''))" 2>/dev/null || tail -1 "$WORK/err.txt")
    row "$id" eval "$ep" "$s" "exit $code, $summary"
    for policy in type-depth auto; do
      cfg="$WORK/$id-$policy-$ep.yml"
      printf 'models:\n  - path: %s\n    id: %s\npolicy: %s\ntarget_size: 30%%\nexecution_provider: %s\n' "$model" "$id" "$policy" "$ep" > "$cfg"
      read -r code s < <(timed "$NODE" "$CLI" check --config "$cfg" --no-cache --quiet --report-dir "$WORK/report-$id-$policy-$ep" --json)
      summary=$("$NODE" -e "const r = JSON.parse(require('fs').readFileSync('$WORK/out.json', 'utf8')); const q = r.models[0].quality; console.log(q ? 'ran on ' + q.ep + ', cosine ' + q.cosine.toFixed(6) : r.models[0].gates.map((g) => g.summary).join('; '))" 2>/dev/null || tail -1 "$WORK/err.txt")
      row "$id" "check $policy" "$ep" "$s" "exit $code, $summary"
    done
  done
  row "$id" agreement - - "$(agreement "$model")"
done
