export const id = 81;
export const ids = [81];
export const modules = {

/***/ 5128:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B$: () => (/* binding */ superBlockConstantShapes),
/* harmony export */   CZ: () => (/* binding */ matmulShape),
/* harmony export */   Fb: () => (/* binding */ allowedBits),
/* harmony export */   Jf: () => (/* binding */ isBlockSize),
/* harmony export */   KC: () => (/* binding */ storedOutputMajor),
/* harmony export */   L: () => (/* binding */ superBlockLayout),
/* harmony export */   LE: () => (/* binding */ blobSize),
/* harmony export */   OR: () => (/* binding */ tiedCodesShared),
/* harmony export */   Pz: () => (/* binding */ kBlocksOf),
/* harmony export */   Qy: () => (/* binding */ gatherBlockQuantizedShapes),
/* harmony export */   Ry: () => (/* binding */ scaleDataType),
/* harmony export */   SD: () => (/* binding */ isIntBits),
/* harmony export */   Sk: () => (/* binding */ indexRowBytes),
/* harmony export */   XW: () => (/* binding */ matmulNBitsShapes),
/* harmony export */   _U: () => (/* binding */ zeroPointRowBytes),
/* harmony export */   iX: () => (/* binding */ superBlockFormat),
/* harmony export */   ky: () => (/* binding */ TIED_RESHAPE_SHAPE_DIMS),
/* harmony export */   me: () => (/* binding */ takesSuperBlocks),
/* harmony export */   oR: () => (/* binding */ isHalfWidth),
/* harmony export */   sS: () => (/* binding */ MS_DOMAIN),
/* harmony export */   sy: () => (/* binding */ SUPER_BLOCK),
/* harmony export */   t2: () => (/* binding */ layerBytes),
/* harmony export */   tK: () => (/* binding */ superBlockSpan)
/* harmony export */ });
/* unused harmony exports ALL_BITS, scaleBytes, superBlockBytes, gatherRowBytes, blockQuantShape */
/* harmony import */ var _onnx_dtype_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6327);

const ALL_BITS = [32, 16, 8, 4, 2];
const isIntBits = (bits) => bits === 8 || bits === 4 || bits === 2;
/** The contrib ops' domain. */
const MS_DOMAIN = 'com.microsoft';
/** Block sizes the contrib ops take: a power of two from 16 to 256. */
function isBlockSize(n) {
    return Number.isInteger(n) && n >= 16 && n <= 256 && (n & (n - 1)) === 0;
}
/**
 * Whether the initializer is stored [N, K] (output-major): Gemm with transB, Gather tables, and tables read
 * through a Transpose (tied heads). MatMul B and plain Gemm B are [K, N].
 */
function storedOutputMajor(layer) {
    if (layer.tied || layer.role === 'gather')
        return true;
    const transposed = layer.uses[0]?.transposed ?? false;
    if (layer.role === 'gemm')
        return layer.transB !== transposed;
    return transposed;
}
/** The matrix a MatMulNBits would hold: N output columns of K inputs. */
function matmulShape(layer) {
    const [a = 1, b = 1] = layer.shape;
    return storedOutputMajor(layer) ? { K: b, N: a } : { K: a, N: b };
}
/** Bit widths the layer's op can take once rewritten. */
function allowedBits(layer) {
    // Already quantized in the input: kept as it is (never quantized twice).
    if (layer.quantized)
        return [32];
    const twoD = layer.shape.length === 2;
    if (twoD && (layer.tied || layer.role === 'gather'))
        return [32, 16, 8, 4];
    if (twoD && (layer.role === 'matmul' || layer.role === 'gemm'))
        return ALL_BITS;
    return [32, 16];
}
/** The stored scales' data type: float16 for 16-bit float weights (float16, bfloat16), float32 otherwise. */
function scaleDataType(layer) {
    return layer.dataType === _onnx_dtype_js__WEBPACK_IMPORTED_MODULE_0__/* .DataType */ .pe.FLOAT16 || layer.dataType === _onnx_dtype_js__WEBPACK_IMPORTED_MODULE_0__/* .DataType */ .pe.BFLOAT16 ? _onnx_dtype_js__WEBPACK_IMPORTED_MODULE_0__/* .DataType */ .pe.FLOAT16 : _onnx_dtype_js__WEBPACK_IMPORTED_MODULE_0__/* .DataType */ .pe.FLOAT;
}
/** Whether the layer is stored in 16 bits already (float16 or bfloat16): width 16 keeps it as it is. */
function isHalfWidth(layer) {
    return layer.dataType === _onnx_dtype_js__WEBPACK_IMPORTED_MODULE_0__/* .DataType */ .pe.FLOAT16 || layer.dataType === _onnx_dtype_js__WEBPACK_IMPORTED_MODULE_0__/* .DataType */ .pe.BFLOAT16;
}
/** Bytes of one element of the types these formats store. */
const ELEMENT_BYTES = { uint8: 1, int64: 8, float16: 2, float32: 4 };
/** Bytes of one scale. */
function scaleBytes(layer) {
    return scaleDataType(layer) === _onnx_dtype_js__WEBPACK_IMPORTED_MODULE_0__/* .DataType */ .pe.FLOAT16 ? ELEMENT_BYTES.float16 : ELEMENT_BYTES.float32;
}
/** Blocks per row. */
function kBlocksOf(K, blockSize) {
    return Math.ceil(K / blockSize);
}
/**
 * Super-blocks: llama.cpp's q4_K / q2_K layout carried by MatMulNBits (quant/super-blocks.ts). Each block of
 * 32 (INT4) or 16 (INT2) values has a scale index and a minimum index of 6 (INT4) or 4 (INT2) bits, of two
 * float16 factors d and dmin per 256 values: scale = d·i_scale, offset = dmin·i_min, value = scale·q − offset.
 * Stored: the codes [N, k_blocks, blob] as MatMulNBits reads them; the indices uint8 [N, groups, groupBytes]
 * (per block the scale index then the minimum index, low bits first; 4 indices in 3 bytes at 6 bits, 2 in 1
 * at 4); d and dmin float16 [N, K/256, 1]; and the small constants of the nodes that compute MatMulNBits'
 * scales and a per-block correction from them (onnxruntime folds those nodes when it loads the model). 4.5 and 2.625
 * bits per weight, as q4_K and q2_K, plus the constants.
 */
const SUPER_BLOCK = 256;
/** q4_K's layout at INT4, q2_K's at INT2; INT8 has none. */
function superBlockFormat(bits) {
    if (bits === 4)
        return { bits, blockSize: 32, indexBits: 6, groupBytes: 3, indicesPerGroup: 4 };
    if (bits === 2)
        return { bits, blockSize: 16, indexBits: 4, groupBytes: 1, indicesPerGroup: 2 };
    return null;
}
/**
 * Values per super-block in a row of K: 256 where K is a multiple of it, else the largest whole number of
 * index groups (INT4: block pairs, 64 values; INT2: blocks) that divides K (192 for K = 384: two factors per
 * 192 values, 0.17 bits per weight instead of 0.125; 128 for Qwen2's K = 896); 0 when K is not a whole
 * number of index groups. Each super-block's indices then start on a byte of the row's index stream.
 */
function superBlockSpan(K, f) {
    const pair = (f.groupBytes * 8) / (2 * f.indexBits); // blocks per index group
    if (K <= 0 || K % (f.blockSize * pair) !== 0)
        return 0;
    // A super-block's indices start on a byte: a whole number of index groups (INT4: block pairs).
    const step = f.blockSize * pair;
    for (let span = SUPER_BLOCK; span >= step; span -= step)
        if (K % span === 0)
            return span;
    return 0;
}
/** Whether a matrix of K inputs can take super-blocks at `bits`. */
function takesSuperBlocks(K, bits) {
    const f = superBlockFormat(bits);
    return f !== null && superBlockSpan(K, f) > 0;
}
/** Bytes of one row's packed indices: two per block. */
function indexRowBytes(K, f) {
    return ((K / f.blockSize) * 2 * f.indexBits) / 8;
}
/**
 * The layer's super-block format at `bits` when the settings ask for super-blocks and the layer can take
 * them (read by MatMul or Gemm only, not a tied table, K a multiple of 64 at INT4 or of 16 at INT2: superBlockSpan); else null.
 */
function superBlockLayout(layer, bits, q) {
    if (!q.superBlocks || !isIntBits(bits) || layer.quantized || layer.tied || layer.shape.length !== 2)
        return null;
    if (!layer.uses.every((u) => u.role === 'matmul' || u.role === 'gemm'))
        return null;
    return takesSuperBlocks(matmulShape(layer).K, bits) ? superBlockFormat(bits) : null;
}
/**
 * The constants of a super-block layer's nodes (quant/super-block-graph.ts): the byte weights int32
 * [groupBytes, 1] (a MatMul joins a group's bytes; none for one-byte groups), the divisors int32
 * [indicesPerGroup], the modulus int32, two Gather indices int64, the index pairs' shape int64 [4], the
 * scales' shape int64 [2], 2^(bits−1) float32, d's and dmin's unit float32, a Slice's bounds int64 [1] twice, the block shape int64 [2]
 * and ones float32 [blockSize].
 */
function superBlockConstantShapes(f) {
    return [
        ...(f.groupBytes > 1 ? [{ dims: [f.groupBytes, 1], bytes: 4 }] : []),
        { dims: [f.indicesPerGroup], bytes: 4 },
        { dims: [], bytes: 4 },
        { dims: [], bytes: 8 },
        { dims: [], bytes: 8 },
        { dims: [4], bytes: 8 },
        { dims: [2], bytes: 8 },
        { dims: [], bytes: 4 },
        { dims: [], bytes: 4 },
        { dims: [1], bytes: 8 },
        { dims: [1], bytes: 8 },
        { dims: [2], bytes: 8 },
        { dims: [f.blockSize], bytes: 4 },
    ];
}
/** Bytes of a layer stored in super-blocks: codes, indices, d and dmin, and the constants. */
function superBlockBytes(N, K, f) {
    const constants = superBlockConstantShapes(f).reduce((sum, c) => sum + numel(c.dims) * c.bytes, 0);
    return (N * K * f.bits) / 8 + N * indexRowBytes(K, f) + 2 * N * (K / superBlockSpan(K, f)) * ELEMENT_BYTES.float16 + constants;
}
/** Bytes of one packed block. */
function blobSize(bits, blockSize) {
    return (blockSize * bits) / 8;
}
/** Bytes of one row's packed zero points (one per block, packed like the codes). */
function zeroPointRowBytes(kBlocks, bits) {
    return Math.ceil((kBlocks * bits) / 8);
}
/** Bytes of one row's codes in the Gather layout: packed contiguously, no block padding. */
function gatherRowBytes(K, bits) {
    return Math.ceil((K * bits) / 8);
}
function matmulNBitsShapes(m, symmetric) {
    const kBlocks = kBlocksOf(m.K, m.blockSize);
    return {
        codes: [m.N, kBlocks, blobSize(m.bits, m.blockSize)],
        scales: [m.N, kBlocks],
        zeroPoints: symmetric ? null : [m.N, zeroPointRowBytes(kBlocks, m.bits)],
    };
}
function gatherBlockQuantizedShapes(m, symmetric) {
    return { ...matmulNBitsShapes(m, symmetric), codes: [m.N, gatherRowBytes(m.K, m.bits)] };
}
/** Whether a tied table's Gather codes are also its MatMulNBits codes: K fills whole blocks. */
function tiedCodesShared(m) {
    return m.K % m.blockSize === 0;
}
/** The Reshape target through which MatMulNBits reads a tied table's shared codes: a 3-value int64 tensor. */
const TIED_RESHAPE_SHAPE_DIMS = [3];
const numel = (dims) => dims.reduce((p, d) => p * d, 1);
/** Bytes of a tensor of this shape (none: 0) and element size. */
function tensorBytes(dims, elementBytes) {
    return dims ? numel(dims) * elementBytes : 0;
}
/** The block-quantized shape of `layer` at `bits`. */
function blockQuantShape(layer, bits, blockSize) {
    return { ...matmulShape(layer), bits, blockSize };
}
/**
 * Bytes of `layer` stored at `bits`: 32 unchanged, 16 a float16 copy, 8/4/2 the tensors of its readers'
 * layouts (see the top of this file).
 */
function layerBytes(layer, bits, q) {
    if (bits === 32)
        return layer.bytes;
    if (bits === 16)
        return isHalfWidth(layer) ? layer.bytes : layer.params * ELEMENT_BYTES.float16;
    const superBlocks = superBlockLayout(layer, bits, q);
    if (superBlocks) {
        const { N, K } = matmulShape(layer);
        return superBlockBytes(N, K, superBlocks);
    }
    const m = blockQuantShape(layer, bits, q.blockSize);
    const matmul = matmulNBitsShapes(m, q.symmetric);
    const gather = gatherBlockQuantizedShapes(m, q.symmetric);
    const own = layer.tied || layer.role === 'gather' ? gather : matmul;
    let codes = tensorBytes(own.codes, ELEMENT_BYTES.uint8);
    if (layer.tied) {
        codes += tiedCodesShared(m)
            ? tensorBytes(TIED_RESHAPE_SHAPE_DIMS, ELEMENT_BYTES.int64)
            : tensorBytes(matmul.codes, ELEMENT_BYTES.uint8);
    }
    return codes + tensorBytes(own.scales, scaleBytes(layer)) + tensorBytes(own.zeroPoints, ELEMENT_BYTES.uint8);
}


/***/ }),

/***/ 4208:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $h: () => (/* binding */ MemorySink),
/* harmony export */   JV: () => (/* binding */ writeModelFile),
/* harmony export */   KW: () => (/* binding */ removeCreatedFolders),
/* harmony export */   S_: () => (/* binding */ verifyWrittenModel),
/* harmony export */   UP: () => (/* binding */ FileSink),
/* harmony export */   Yd: () => (/* binding */ OutputSet),
/* harmony export */   Zf: () => (/* binding */ writeFileAtomic),
/* harmony export */   fc: () => (/* binding */ makeFolder),
/* harmony export */   ml: () => (/* binding */ EXTERNAL_THRESHOLD_BYTES),
/* harmony export */   oG: () => (/* binding */ writeError)
/* harmony export */ });
/* unused harmony exports EXTERNAL_MIN_BYTES, EXTERNAL_ALIGNMENT, tempPathFor, allInitializers */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _dtype_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6327);
/* harmony import */ var _read_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(319);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7312);
/**
 * Writing ONNX models safely.
 *
 * - Tensors are written as they are produced (`TensorSink`): a quantizer hands over one layer's tensors at
 *   a time and never holds the whole model. Tensors of an input that stay as they are (`keep`) are copied
 *   in chunks from wherever they live: the output never refers to the input's data file.
 * - Large models (protobuf cannot hold more than 2 GiB) keep their tensors of 1 KiB or more in the output's
 *   own `<name>.onnx.data`, each at an offset aligned to 4096 (readers can map them).
 * - Everything goes to temporary names first (`OutputSet`); the written model is verified (every tensor's
 *   bytes exist where it says they are) before anything is renamed into place, and temporaries are removed on
 *   every error. No output path may be a file the command reads (compared by real path and device + inode).
 * - Write errors (full disk, read-only folder) are bad input: one line naming the file.
 */






/** Tensors smaller than this stay inside the .onnx file when data goes external. */
const EXTERNAL_MIN_BYTES = 1024;
/** Above this many tensor bytes the model is written with external data. */
const EXTERNAL_THRESHOLD_BYTES = 1_500_000_000;
/** External tensors start at multiples of this (a page: onnxruntime can map them instead of copying). */
const EXTERNAL_ALIGNMENT = 4096;
/** Kept tensors are copied through a buffer of this size. */
const COPY_CHUNK_BYTES = 16 * 1024 * 1024;
/** A file system error as one line: what could not be done to which file, and why. */
function writeError(file, err) {
    if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BadInputError */ .Ys)
        return err;
    const code = err.code;
    const why = code === 'ENOSPC'
        ? 'no space left on the device'
        : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : code === 'EROFS'
                ? 'read-only file system'
                : code === 'EDQUOT'
                    ? 'disk quota exceeded'
                    : code === 'ENOTDIR'
                        ? 'a part of the path is a file, not a folder'
                        : (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .messageOf */ .bD)(err);
    return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BadInputError */ .Ys(`${file}: cannot write (${why})`);
}
/** Writes `data` to `file` through a temporary name in the same folder, then renames it. */
function writeFileAtomic(file, data) {
    const tmp = tempPathFor(file);
    try {
        node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync(tmp, data);
        node_fs__WEBPACK_IMPORTED_MODULE_0__.renameSync(tmp, file);
    }
    catch (err) {
        node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync(tmp, { force: true });
        throw writeError(file, err);
    }
}
/** The temporary name of `file` while this process writes it. */
function tempPathFor(file) {
    return node_path__WEBPACK_IMPORTED_MODULE_1__.join(node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(file), `.${node_path__WEBPACK_IMPORTED_MODULE_1__.basename(file)}.tmp-${process.pid}`);
}
/** Copies a proto's fields that describe the tensor (dims, type, doc), without its data. */
function header(t) {
    const { rawData: _raw, externalData: _ext, dataLocation: _loc, ...rest } = t;
    return rest;
}
/**
 * Tensors kept in memory, in the .onnx itself. `keep` returns the input's own entry: an external one still
 * names the input's data file, which only a session opened next to the input resolves (sensitivity probes);
 * a model written to disk uses `FileSink`.
 */
class MemorySink {
    add(name, dims, dataType, bytes) {
        return { name, dims, dataType, rawData: bytes };
    }
    begin(name, dims, dataType, byteLength) {
        const bytes = new Uint8Array(byteLength);
        let at = 0;
        return {
            write: (chunk) => {
                bytes.set(chunk, at);
                at += chunk.byteLength;
            },
            end: () => {
                if (at !== byteLength)
                    throw new Error(`tensor '${name}': ${at} of ${byteLength} bytes written`);
                return { name, dims, dataType, rawData: bytes };
            },
        };
    }
    keep(info) {
        return info.proto;
    }
}
/**
 * Tensors for a model written to disk. With a data file, tensors of at least `EXTERNAL_MIN_BYTES` are
 * appended to it (aligned) as they come and the proto names the output's own data file; without one, every
 * tensor stays in the .onnx (kept external tensors are read in, so the output never names the input's file).
 */
class FileSink {
    data;
    fd = null;
    offset = 0;
    copyBuffer = { bytes: null };
    /**
     * @param data the temporary path the data file is written to, the name the model refers to it by
     *   (`location`, relative to the model's folder), and the final path (for messages); null: no data file.
     */
    constructor(data) {
        this.data = data;
        if (data) {
            try {
                this.fd = node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync(data.tmp, 'wx');
            }
            catch (err) {
                throw writeError(data.final, err);
            }
        }
    }
    /** Bytes of the data file so far. */
    get dataBytes() {
        return this.offset;
    }
    writeAt(bytes) {
        const d = this.data;
        let done = 0;
        try {
            while (done < bytes.byteLength)
                done += node_fs__WEBPACK_IMPORTED_MODULE_0__.writeSync(this.fd, bytes, done, bytes.byteLength - done, this.offset + done);
        }
        catch (err) {
            throw writeError(d.final, err);
        }
        this.offset += bytes.byteLength;
    }
    align() {
        const pad = (EXTERNAL_ALIGNMENT - (this.offset % EXTERNAL_ALIGNMENT)) % EXTERNAL_ALIGNMENT;
        if (pad)
            this.writeAt(new Uint8Array(pad));
    }
    external(t, offset, length) {
        return {
            ...header(t),
            dataLocation: 1,
            externalData: [
                { key: 'location', value: this.data.location },
                { key: 'offset', value: String(offset) },
                { key: 'length', value: String(length) },
            ],
        };
    }
    add(name, dims, dataType, bytes) {
        if (!this.data || bytes.byteLength < EXTERNAL_MIN_BYTES)
            return { name, dims, dataType, rawData: bytes };
        this.align();
        const at = this.offset;
        this.writeAt(bytes);
        return this.external({ name, dims, dataType }, at, bytes.byteLength);
    }
    begin(name, dims, dataType, byteLength) {
        if (!this.data || byteLength < EXTERNAL_MIN_BYTES)
            return new MemorySink().begin(name, dims, dataType, byteLength);
        this.align();
        const at = this.offset;
        return {
            write: (chunk) => this.writeAt(chunk),
            end: () => {
                if (this.offset - at !== byteLength)
                    throw new Error(`tensor '${name}': ${this.offset - at} of ${byteLength} bytes written`);
                return this.external({ name, dims, dataType }, at, byteLength);
            },
        };
    }
    keep(info) {
        const t = info.proto;
        if (info.storage.kind === 'typed' || info.byteLength === 0)
            return t;
        if (info.storage.kind === 'raw' && (!this.data || info.byteLength < EXTERNAL_MIN_BYTES))
            return t;
        if (!this.data || info.byteLength < EXTERNAL_MIN_BYTES) {
            // An external input tensor that stays inside this (small) output.
            return { ...header(t), rawData: (0,_read_js__WEBPACK_IMPORTED_MODULE_4__/* .readTensorRange */ .N_)(info, 0, info.byteLength).slice() };
        }
        const stream = this.begin(t.name, info.dims, t.dataType, info.byteLength);
        const chunk = Math.min(COPY_CHUNK_BYTES, info.byteLength);
        if (!this.copyBuffer.bytes || this.copyBuffer.bytes.byteLength < chunk)
            this.copyBuffer.bytes = new Uint8Array(chunk);
        for (let at = 0; at < info.byteLength; at += chunk) {
            const n = Math.min(chunk, info.byteLength - at);
            stream.write((0,_read_js__WEBPACK_IMPORTED_MODULE_4__/* .readTensorRange */ .N_)(info, at, n, this.copyBuffer.bytes));
        }
        return { ...stream.end(), ...keptFields(t) };
    }
    /**
     * Closes the data file. No fsync: the set is safe against a killed process (nothing is renamed before
     * it is whole), not against a power cut, and flushing a gigabyte would cost seconds.
     */
    close() {
        if (this.fd === null)
            return;
        const fd = this.fd;
        this.fd = null;
        try {
            node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync(fd);
        }
        catch (err) {
            throw writeError(this.data.final, err);
        }
    }
    /** Closes without flushing (on an error path). */
    abandon() {
        if (this.fd !== null)
            node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync(this.fd);
        this.fd = null;
    }
}
/** Fields of a kept tensor that a copy must carry over besides dims and type. */
function keptFields(t) {
    return t.docString ? { docString: t.docString } : {};
}
/** Every initializer of a graph and of its subgraphs (If/Loop/Scan bodies). */
function allInitializers(graph) {
    const out = [];
    const stack = [graph];
    while (stack.length > 0) {
        const g = stack.pop();
        out.push(...g.initializer);
        for (const node of g.node) {
            for (const a of node.attribute ?? []) {
                if (a.g)
                    stack.push(a.g);
                for (const sub of a.graphs ?? [])
                    stack.push(sub);
            }
        }
    }
    return out;
}
/**
 * Checks a model about to be written: every tensor's bytes are where it says, in the .onnx or at offsets
 * that exist in the output's own data file (`dataFile`: the location it is referred to by, and the bytes
 * written). Throws a one-line BadInputError naming `file` and the tensor.
 */
function verifyWrittenModel(file, model, dataFile) {
    for (const t of allInitializers(model.graph)) {
        const dims = t.dims.map((d) => (0,_schema_js__WEBPACK_IMPORTED_MODULE_5__/* .int64ToNumber */ .o3)(d));
        const numel = dims.reduce((a, d) => a * d, 1);
        const expected = (0,_dtype_js__WEBPACK_IMPORTED_MODULE_3__/* .rawByteLength */ .B1)(t.dataType, numel);
        const isExternal = t.dataLocation === 1 || (t.externalData?.length ?? 0) > 0;
        if (!isExternal) {
            const raw = t.rawData?.byteLength ?? 0;
            if (raw > 0 && expected !== undefined && raw !== expected) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BadInputError */ .Ys(`${file}: written tensor '${t.name}' has ${raw} bytes but its shape [${dims.join(', ')}] of ${(0,_dtype_js__WEBPACK_IMPORTED_MODULE_3__/* .dataTypeName */ .Ym)(t.dataType)} needs ${expected}`);
            }
            continue;
        }
        const entries = new Map((t.externalData ?? []).map((e) => [e.key, e.value]));
        const location = entries.get('location') ?? '';
        const offset = Number(entries.get('offset') ?? '0');
        const length = Number(entries.get('length') ?? String(expected));
        if (!dataFile || location !== dataFile.location) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BadInputError */ .Ys(`${file}: written tensor '${t.name}' refers to '${location}', which is not this model's own data file`);
        }
        if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || offset + length > dataFile.bytes) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BadInputError */ .Ys(`${file}: written tensor '${t.name}' reads bytes ${offset}..${offset + length} of '${location}', which has only ${dataFile.bytes}`);
        }
        if (expected !== undefined && length !== expected) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BadInputError */ .Ys(`${file}: written tensor '${t.name}' has ${length} bytes of external data but its shape [${dims.join(', ')}] of ${(0,_dtype_js__WEBPACK_IMPORTED_MODULE_3__/* .dataTypeName */ .Ym)(t.dataType)} needs ${expected}`);
        }
    }
}
function identify(file) {
    try {
        const st = node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync(file);
        return { path: file, real: node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync(file), dev: st.dev, ino: st.ino };
    }
    catch {
        return null;
    }
}
/** The real path `file` would have: its folder's real path (as far as it exists) and its name. */
function realTarget(file) {
    const abs = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(file);
    try {
        return node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync(abs);
    }
    catch {
        const dir = node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(abs);
        return dir === abs ? abs : node_path__WEBPACK_IMPORTED_MODULE_1__.join(realTarget(dir), node_path__WEBPACK_IMPORTED_MODULE_1__.basename(abs));
    }
}
/** Whether a process with this id is running (another writer's temporaries are left alone). */
function alive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (err) {
        return err.code === 'EPERM';
    }
}
/**
 * The outputs of one command, written under temporary names and renamed into place together by `commit`,
 * in the order given there (the record that names the others last: a reader that finds it finds a complete
 * set). Temporaries are removed by `discard` on every error, and temporaries of earlier runs that were
 * killed (their process is gone) when the set is created.
 */
class OutputSet {
    dir;
    temps = new Map();
    reads;
    createdDir = null;
    /**
     * @param dir the output folder (created when missing; removed again by `discard` if this set created it)
     * @param finals every path the command may write or remove, checked now against every file it reads
     * @param reads the files the command reads (the model and its external data files)
     */
    constructor(dir, finals, reads, what = '--out') {
        this.dir = dir;
        this.reads = reads.map(identify).filter((r) => r !== null);
        checkIsFolder(dir, what);
        for (const final of finals)
            this.checkNotRead(final, what);
        this.createdDir = makeFolder(dir, what);
        for (const final of finals)
            removeStaleTemps(final);
    }
    checkNotRead(file, what) {
        const real = realTarget(file);
        const id = identify(file);
        for (const r of this.reads) {
            if (r.real === real || (id && id.dev === r.dev && id.ino === r.ino)) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BadInputError */ .Ys(`${r.path}: ${what} ${this.dir} would overwrite the input (${file} is this file)`);
            }
        }
    }
    /** The temporary path to write `final` to. */
    temp(final) {
        let tmp = this.temps.get(final);
        if (!tmp) {
            tmp = tempPathFor(final);
            this.temps.set(final, tmp);
        }
        return tmp;
    }
    /**
     * Renames the temporaries into place: first removes `remove` (the previous set's record, so that no
     * reader takes a half-replaced set for a complete one, and files the new set no longer has), then renames
     * in `order`. (The crash-safety tests kill the process between two of these steps from outside:
     * tests/fixtures/kill-at-step.ts.)
     */
    commit(order, remove = []) {
        const steps = [
            ...remove.map((file) => () => node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync(file, { force: true })),
            ...order.map((final) => () => node_fs__WEBPACK_IMPORTED_MODULE_0__.renameSync(this.temps.get(final), final)),
        ];
        steps.forEach((step, i) => {
            try {
                step();
            }
            catch (err) {
                throw writeError(order[Math.max(0, i - remove.length)] ?? this.dir, err);
            }
        });
        this.temps.clear();
        this.createdDir = null;
    }
    /** Removes every temporary (and the output folder if this set created it and it is empty). */
    discard() {
        for (const tmp of this.temps.values())
            node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync(tmp, { force: true });
        this.temps.clear();
        removeCreatedFolders(this.dir, this.createdDir);
        this.createdDir = null;
    }
}
/** A path that exists must be a folder (`what` names the option or key, for the message). */
function checkIsFolder(dir, what) {
    let st = null;
    try {
        st = node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync(dir);
    }
    catch {
        st = null;
    }
    if (st && !st.isDirectory())
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BadInputError */ .Ys(`${dir}: ${what} must be a folder, and this is a file`);
}
/**
 * Creates the output folder `dir` (and its missing parents) unless it exists; returns the outermost folder
 * it created, or null. A file in the way, a file among its parents, a read-only or full file system: one
 * line naming the folder and the cause.
 */
function makeFolder(dir, what) {
    checkIsFolder(dir, what);
    try {
        return node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync(dir, { recursive: true }) ?? null;
    }
    catch (err) {
        throw writeError(dir, mkdirCause(dir, err));
    }
}
/** Removes the folders `makeFolder` created (`top` and those under it down to `dir`), innermost first, only while empty. */
function removeCreatedFolders(dir, top) {
    if (!top)
        return;
    let d = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(dir);
    const outer = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(top);
    for (;;) {
        try {
            node_fs__WEBPACK_IMPORTED_MODULE_0__.rmdirSync(d);
        }
        catch {
            break;
        }
        if (d === outer)
            break;
        d = node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(d);
    }
}
/**
 * The real reason a recursive mkdir failed: Node reports ENOENT for a read-only or unwritable parent; the
 * first missing folder made on its own tells EROFS or EACCES.
 */
function mkdirCause(dir, err) {
    let missing = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(dir);
    while (!node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync(node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(missing)) && node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(missing) !== missing)
        missing = node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(missing);
    try {
        node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync(missing);
        node_fs__WEBPACK_IMPORTED_MODULE_0__.rmdirSync(missing);
        return err;
    }
    catch (cause) {
        return cause;
    }
}
/** Removes `.<name>.tmp-<pid>` files next to `final` left by a process that no longer runs. */
function removeStaleTemps(final) {
    const dir = node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(final);
    const prefix = `.${node_path__WEBPACK_IMPORTED_MODULE_1__.basename(final)}.tmp-`;
    let names;
    try {
        names = node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync(dir);
    }
    catch {
        return;
    }
    for (const name of names) {
        if (!name.startsWith(prefix))
            continue;
        const pid = Number(name.slice(prefix.length));
        if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid))
            node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync(node_path__WEBPACK_IMPORTED_MODULE_1__.join(dir, name), { force: true });
    }
}
/** Writes the encoded model to `tmp` (a temporary path), returning its bytes. */
function writeModelFile(tmp, final, model) {
    let bytes;
    try {
        bytes = (0,_schema_js__WEBPACK_IMPORTED_MODULE_5__/* .encodeModel */ .ee)(model);
    }
    catch (err) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BadInputError */ .Ys(`${final}: cannot encode the model (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .messageOf */ .bD)(err)})`);
    }
    try {
        const fd = node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync(tmp, 'wx');
        try {
            let done = 0;
            while (done < bytes.byteLength)
                done += node_fs__WEBPACK_IMPORTED_MODULE_0__.writeSync(fd, bytes, done, bytes.byteLength - done);
        }
        finally {
            node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync(fd);
        }
    }
    catch (err) {
        throw writeError(final, err);
    }
    return bytes;
}


/***/ }),

/***/ 8615:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ loadModel),
/* harmony export */   s: () => (/* binding */ hasExternalData)
/* harmony export */ });
/* harmony import */ var _analyze_inventory_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3378);
/* harmony import */ var _onnx_read_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(319);
/** The first stage every command shares: a model read and analyzed once, handed on to every later stage. */


function loadModel(file) {
    const model = (0,_onnx_read_js__WEBPACK_IMPORTED_MODULE_1__/* .readModel */ .ko)(file);
    return { model, inventory: (0,_analyze_inventory_js__WEBPACK_IMPORTED_MODULE_0__/* .analyzeModel */ .C)(model) };
}
/** Whether the model keeps tensors in an external data file: its quantized copy then does too. */
function hasExternalData(model) {
    return [...model.initializers.values()].some((i) => i.storage.kind === 'external');
}


/***/ }),

/***/ 7536:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  B: () => (/* binding */ planModel)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/eval/runtime.ts
var runtime = __webpack_require__(2982);
// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/schemas/validate.ts + 5 modules
var validate = __webpack_require__(5291);
// EXTERNAL MODULE: ./src/onnx/write.ts
var write = __webpack_require__(4208);
// EXTERNAL MODULE: ./src/formats/layout.ts
var layout = __webpack_require__(5128);
// EXTERNAL MODULE: ./src/onnx/read.ts
var read = __webpack_require__(319);
// EXTERNAL MODULE: ./src/quant/blockwise.ts
var blockwise = __webpack_require__(9538);
;// CONCATENATED MODULE: ./src/quant/rows.ts


/**
 * Rows of the matrix as MatMulNBits holds them: [N, K], blocks along K. A weight stored [K, N] is
 * transposed straight into the kernels' memory (`rowsBuffer`: no second copy there), valid until the next
 * call.
 */
function rowsByOutput(layer, values) {
    const { K, N } = (0,layout/* matmulShape */.CZ)(layer);
    if ((0,layout/* storedOutputMajor */.KC)(layer))
        return values;
    const rows = (0,blockwise/* rowsBuffer */.cg)(N * K);
    // Copied into the kernels' memory and transposed there (SIMD) where they run: faster than a plain transpose.
    const staged = (0,blockwise/* stagingBytes */.ZU)(N * K * 4);
    if (staged) {
        staged.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
        if ((0,blockwise/* transposeInKernels */.t3)(staged, 0, K, N, rows))
            return rows;
    }
    return (0,blockwise/* transpose */.mg)(values, K, N, rows);
}

;// CONCATENATED MODULE: ./src/quant/weight-error.ts




/** float16 keeps 11 significant bits: relative squared error about 2^-24 / 3 per value. */
const FP16_RELATIVE_ERROR = 2 ** -24 / 3;
/** The layer's relative reconstruction error at each integer width it can take, from its float32 values. */
function layerWeightErrors(layer, values, q) {
    const { K, N } = (0,layout/* matmulShape */.CZ)(layer);
    const errors = new Map();
    for (const bits of (0,layout/* allowedBits */.Fb)(layer).filter(layout/* isIntBits */.SD)) {
        // rowsByOutput may reuse the kernels' memory: taken again for each width.
        const { error, norm } = (0,blockwise/* reconstructionError */.Jm)(rowsByOutput(layer, values), N, K, {
            bits,
            blockSize: q.blockSize,
            symmetric: q.symmetric,
        });
        errors.set(bits, norm > 0 ? error / norm : 0);
    }
    return errors;
}
function weightErrorModel(model, q) {
    const cache = new Map();
    return (layer, bits) => {
        if (!(0,layout/* isIntBits */.SD)(bits))
            return bits === 16 ? FP16_RELATIVE_ERROR : 0;
        let perBits = cache.get(layer.name);
        if (!perBits) {
            // Every width at once: the layer is read once.
            const info = model.initializers.get(layer.name);
            if (!info)
                throw new Error(`${model.path}: no initializer '${layer.name}'`);
            cache.set(layer.name, (perBits = layerWeightErrors(layer, (0,read/* readTensorFloat32 */.Jt)(info), q)));
        }
        const known = perBits.get(bits);
        if (known !== undefined)
            return known;
        // A width the layer's op cannot take (the planner does not ask): measured on request.
        const { K, N } = (0,layout/* matmulShape */.CZ)(layer);
        const info = model.initializers.get(layer.name);
        const { error, norm } = (0,blockwise/* reconstructionError */.Jm)(rowsByOutput(layer, (0,read/* readTensorFloat32 */.Jt)(info)), N, K, {
            bits,
            blockSize: q.blockSize,
            symmetric: q.symmetric,
        });
        const relative = norm > 0 ? error / norm : 0;
        perBits.set(bits, relative);
        return relative;
    };
}

// EXTERNAL MODULE: ./src/onnx/float16.ts
var float16 = __webpack_require__(8914);
// EXTERNAL MODULE: ./src/eval/evaluate.ts + 1 modules
var evaluate = __webpack_require__(9583);
// EXTERNAL MODULE: ./src/eval/metrics.ts
var metrics = __webpack_require__(4419);
// EXTERNAL MODULE: ./src/onnx/dtype.ts
var dtype = __webpack_require__(6327);
// EXTERNAL MODULE: ./src/onnx/schema.ts
var schema = __webpack_require__(7312);
// EXTERNAL MODULE: ./src/quant/rewrite.ts + 2 modules
var rewrite = __webpack_require__(2234);
// EXTERNAL MODULE: ./src/quant/pool.ts
var pool = __webpack_require__(4885);
// EXTERNAL MODULE: ./src/quant/super-blocks.ts
var super_blocks = __webpack_require__(4791);
;// CONCATENATED MODULE: ./src/eval/probe.ts











/** Weights a probe can feed: onnxruntime-node takes float32 and float16 tensors. */
function feedable(layer) {
    return layer.dataType === dtype/* DataType */.pe.FLOAT || layer.dataType === dtype/* DataType */.pe.FLOAT16;
}
/** A tensor's stored bytes as a typed array of its type (copied when the bytes are not aligned for it). */
function typedValues(bytes, dataType) {
    const width = dataType === dtype/* DataType */.pe.FLOAT ? 4 : 2;
    const buffer = bytes.byteOffset % width === 0 ? bytes : Uint8Array.from(bytes);
    return width === 4
        ? new Float32Array(buffer.buffer, buffer.byteOffset, buffer.byteLength / 4)
        : new Uint16Array(buffer.buffer, buffer.byteOffset, buffer.byteLength / 2);
}
/** float16 bytes (little-endian) widened to float32 values. */
function widenedValues(bytes) {
    const out = new Float32Array(bytes.byteLength >>> 1);
    (0,float16/* widenHalfInto */.tb)('float16', bytes, out);
    return out;
}
function tensorOf(values, dims) {
    return values instanceof Float32Array ? new ((0,runtime/* ort */.g3)().Tensor)('float32', values, dims) : new ((0,runtime/* ort */.g3)().Tensor)('float16', values, dims);
}
/** The bytes of a float16 tensor of the graph or of a node's attribute: raw, typed (int32_data) or external. */
function halfBytes(model, t) {
    if (t.rawData && t.rawData.byteLength > 0)
        return t.rawData;
    if (t.dataLocation !== 1 && !(t.externalData?.length ?? 0))
        return new Uint8Array(Uint16Array.from(t.int32Data ?? []).buffer);
    return (0,read/* readTensorBytes */.De)((0,read/* describeInitializer */.y2)(model, t));
}
/** A float16 tensor as float32, inline. */
function widenedTensor(model, t) {
    if (t.dataType !== dtype/* DataType */.pe.FLOAT16)
        return t;
    const values = widenedValues(halfBytes(model, t));
    return {
        name: t.name,
        dims: t.dims,
        dataType: dtype/* DataType */.pe.FLOAT,
        rawData: new Uint8Array(values.buffer),
        ...(t.docString ? { docString: t.docString } : {}),
    };
}
function widenedValue(v) {
    const tensorType = v.type?.tensorType;
    if (tensorType?.elemType !== dtype/* DataType */.pe.FLOAT16)
        return v;
    return { ...v, type: { ...v.type, tensorType: { ...tensorType, elemType: dtype/* DataType */.pe.FLOAT } } };
}
/** Attributes that name an output type (Cast's `to`, the `dtype` of generators such as EyeLike or RandomNormal). */
function namesType(node, a) {
    return (node.opType === 'Cast' && a.name === 'to') || a.name === 'dtype';
}
function widenedNode(model, node) {
    if (!node.attribute?.length)
        return node;
    const attribute = node.attribute.map((a) => {
        if (a.g)
            return { ...a, g: widenedGraph(model, a.g) };
        if (a.graphs?.length)
            return { ...a, graphs: a.graphs.map((g) => widenedGraph(model, g)) };
        if (a.t?.dataType === dtype/* DataType */.pe.FLOAT16)
            return { ...a, t: widenedTensor(model, a.t) };
        if (namesType(node, a) && (0,schema/* int64ToNumber */.o3)(a.i) === dtype/* DataType */.pe.FLOAT16)
            return { ...a, i: dtype/* DataType */.pe.FLOAT };
        return a;
    });
    return { ...node, attribute };
}
/** The graph (and its subgraphs) with every float16 tensor, value and type attribute in float32; the model is not changed. */
function widenedGraph(model, g) {
    return {
        ...g,
        initializer: g.initializer.map((t) => widenedTensor(model, t)),
        input: g.input.map(widenedValue),
        output: g.output.map(widenedValue),
        ...(g.valueInfo ? { valueInfo: g.valueInfo.map(widenedValue) } : {}),
        node: g.node.map((n) => widenedNode(model, n)),
    };
}
/**
 * Builds the probe of `model` in which each of `layers` (feedable ones) is a graph input; the float32 copy
 * when any of them is float16 (unless `widen` is false: the float16 graph as it is).
 */
function buildProbe(model, layers, widen = layers.some((l) => l.dataType === dtype/* DataType */.pe.FLOAT16)) {
    const inputs = new Set(layers.map((l) => l.name));
    const graph = model.graph;
    const declared = new Set(graph.input.map((i) => i.name));
    const originals = new Map();
    const initializer = [];
    const weightInputs = [];
    // float16 bytes read from a file go through one reused buffer: only their float32 values are kept.
    const scratch = { bytes: new Uint8Array(0) };
    for (const t of graph.initializer) {
        const info = model.initializers.get(t.name);
        const wide = widen && info.dataType === dtype/* DataType */.pe.FLOAT16;
        if (inputs.has(t.name)) {
            if (wide && info.storage.kind === 'external' && scratch.bytes.byteLength < info.byteLength)
                scratch.bytes = new Uint8Array(info.byteLength);
            const bytes = wide
                ? (0,read/* readTensorRange */.N_)(info, 0, info.byteLength, info.storage.kind === 'external' ? scratch.bytes : undefined)
                : (0,read/* readTensorBytes */.De)(info);
            originals.set(t.name, tensorOf(wide ? widenedValues(bytes) : typedValues(bytes, info.dataType), info.dims));
            if (!declared.has(t.name)) {
                weightInputs.push({
                    name: t.name,
                    type: {
                        tensorType: { elemType: wide ? dtype/* DataType */.pe.FLOAT : info.dataType, shape: { dim: info.dims.map((d) => ({ dimValue: d })) } },
                    },
                });
            }
        }
        else if (info.storage.kind === 'external') {
            // Inlined: the probe is loaded from memory, where no external file can be found.
            initializer.push({ name: t.name, dims: t.dims, dataType: t.dataType, rawData: (0,read/* readTensorBytes */.De)(info) });
        }
        else {
            initializer.push(t);
        }
    }
    const probeGraph = { ...graph, initializer, input: [...graph.input, ...weightInputs] };
    const proto = { ...model.proto, graph: widen ? widenedGraph(model, probeGraph) : probeGraph };
    return { bytes: (0,schema/* encodeModel */.ee)(proto), originals, widened: widen };
}
/** A float16 tensor fed to a widened probe: its values in float32 (exact). */
function widenedFeed(t) {
    if (t.type !== 'float16')
        return t;
    return tensorOf((0,float16/* fromFloat16Array */.xf)(t.data), [...t.dims]);
}
/** The samples as the probe takes them: in a widened probe, float16 inputs and KV-cache pasts are float32. */
function probeSamples(probe, set) {
    if (!probe.widened)
        return set;
    const feeds = (f) => Object.fromEntries(Object.entries(f).map(([name, t]) => [name, widenedFeed(t)]));
    return {
        ...set,
        samples: set.samples.map((s) => ({ ...s, feeds: feeds(s.feeds) })),
        cache: set.cache && {
            ...set.cache,
            inputs: set.cache.inputs.map((c) => (c.elemType === dtype/* DataType */.pe.FLOAT16 ? { ...c, elemType: dtype/* DataType */.pe.FLOAT } : c)),
        },
    };
}
/**
 * Buffers the probes reuse: fresh memory costs a page fault per 4 KiB page, which on some machines is most
 * of a probe's time. Sized by the first (largest) layer.
 */
class ProbeScratch {
    floats = new Float32Array(0);
    wide = new Float32Array(0);
    halves = new Uint16Array(0);
    /** The dequantized values, float32. */
    output(count) {
        if (this.floats.length < count)
            this.floats = new Float32Array(count);
        return this.floats.subarray(0, count);
    }
    /** A float16 weight's values widened to float32. */
    widened(bits) {
        if (this.wide.length < bits.length)
            this.wide = new Float32Array(bits.length);
        const out = this.wide.subarray(0, bits.length);
        out.set((0,float16/* fromFloat16Array */.xf)(bits));
        return out;
    }
    /** The dequantized values as float16 bits. */
    narrowed(values) {
        if (this.halves.length < values.length)
            this.halves = new Uint16Array(values.length);
        const out = this.halves.subarray(0, values.length);
        out.set((0,float16/* toFloat16Array */.Iw)(values));
        return out;
    }
}
/**
 * Super-blocks for a probe (on the worker pool for a large layer, as `quantize` runs them); null for weights
 * too small for them (measured plain: quantize then refuses them).
 */
function superBlockProbe(...args) {
    try {
        return (0,pool/* quantizeSuperBlocksParallel */.yY)(...args);
    }
    catch (err) {
        if (err instanceof super_blocks/* FactorRangeError */.NF)
            return null;
        throw err;
    }
}
/**
 * The layer's values after quantization at `assignment` and back, in its stored layout and in the type of
 * `original` (the tensor the probe feeds otherwise: float32 in a widened probe): what the rewritten model
 * computes with. The tensor lives in `scratch` until the next call.
 */
function fakeQuantized(layer, original, assignment, scratch = new ProbeScratch()) {
    const stored = original.data;
    const values = stored instanceof Float32Array ? stored : scratch.widened(stored);
    const { K, N } = (0,layout/* matmulShape */.CZ)(layer);
    const float16 = (0,layout/* scaleDataType */.Ry)(layer) === dtype/* DataType */.pe.FLOAT16;
    const rows = rowsByOutput(layer, values);
    const superBlocks = (0,layout/* superBlockLayout */.L)(layer, assignment.bits, assignment);
    const packed = (superBlocks && superBlockProbe(rows, N, K, superBlocks.bits, (0,rewrite/* superBlockOptions */.tg)(assignment, float16))) ||
        (0,rewrite/* quantizeLayer */.TQ)(rows, N, K, assignment, float16);
    const back = (0,blockwise/* dequantizeInto */.BX)(packed, scratch.output(N * K), !(0,layout/* storedOutputMajor */.KC)(layer));
    return tensorOf(stored instanceof Float32Array ? back : scratch.narrowed(back), [...original.dims]);
}

// EXTERNAL MODULE: ./src/eval/samples.ts + 4 modules
var samples = __webpack_require__(1804);
// EXTERNAL MODULE: ./src/eval/session.ts + 2 modules
var eval_session = __webpack_require__(3446);
;// CONCATENATED MODULE: ./src/eval/sensitivity.ts
/**
 * Measured sensitivity: each quantizable layer quantized alone at each integer width, the model run by
 * onnxruntime on the evaluation inputs (a KV-cache decoder step by step, as evaluation runs it), and the
 * output error recorded (mean KL of the next-token distribution for logits, squared relative L2 otherwise).
 * Errors of separate layers roughly add up, which is what lets policy `auto` trade them against bytes.
 * One probe session serves every measurement (probe.ts: the weights are its inputs, a probed layer is fed
 * its quantized values), loaded once. Results are cached by model hash and settings.
 */















const SENSITIVITY_SCHEMA = 'quantgate.sensitivity/v1';
/**
 * Seconds of measuring by default (loading the probe, the reference run and the probes) before the
 * calibrated weight proxy takes over. On a Qwen2-0.5B-shaped model (2 GB float32, or 1 GB float16) this
 * measures the layers holding 98–99% of the weight bytes on 2 shared cores, and keeps `check` with
 * `policy: auto` under 4 minutes (README, performance).
 */
const DEFAULT_BUDGET_SECONDS = 180;
function inputsKey(options) {
    if (options.tokens) {
        const digest = (0,external_node_crypto_.createHash)('sha256').update(external_node_fs_.readFileSync(options.tokens)).digest('hex').slice(0, 16);
        return `tokens:${digest}:${options.seqLen ?? 'auto'}:${options.maxWindows ?? 'all'}`;
    }
    if (options.inputs)
        return `inputs:${(0,external_node_crypto_.createHash)('sha256').update(external_node_fs_.readFileSync(options.inputs)).digest('hex').slice(0, 16)}`;
    return `synthetic:${options.seqLen ?? 16}`;
}
/** The share of the candidates' weight bytes held by the measured layers, as a percentage. */
function measuredShare(candidates, errors) {
    const total = candidates.reduce((sum, l) => sum + l.bytes, 0);
    const measured = candidates.filter((l) => errors[l.name]).reduce((sum, l) => sum + l.bytes, 0);
    return `${total > 0 ? Math.floor((100 * measured) / total) : 100}%`;
}
function median(values) {
    const s = [...values].sort((a, b) => a - b);
    return s.length === 0 ? 1 : s[Math.floor(s.length / 2)];
}
function cachePath(dir, model, settings) {
    const key = (0,external_node_crypto_.createHash)('sha256').update(JSON.stringify(settings)).digest('hex').slice(0, 16);
    return external_node_path_.join(dir, `sensitivity-${model.sha256.slice(0, 16)}-${key}.json`);
}
/** Cache folders already reported as unwritable (one warning each per process). */
const unwritableCaches = new Set();
/** The cache is optional: a folder that cannot be made or written is one warning, and the run goes on without it. */
function saveToCache(file, table, warn) {
    const dir = external_node_path_.dirname(file);
    let created = null;
    try {
        created = (0,write/* makeFolder */.fc)(dir, 'the sensitivity cache folder (--cache-dir)');
        (0,write/* writeFileAtomic */.Zf)(file, `${JSON.stringify(table, null, 1)}\n`);
    }
    catch (err) {
        (0,write/* removeCreatedFolders */.KW)(dir, created);
        if (!unwritableCaches.has(dir))
            warn(`not caching sensitivity: ${(0,src_errors/* messageOf */.bD)(err)}`);
        unwritableCaches.add(dir);
    }
}
async function measureSensitivity(model, inv, settings, options) {
    await (0,runtime/* loadRuntime */.BR)();
    const budget = options.budgetSeconds ?? DEFAULT_BUDGET_SECONDS;
    const full = { ...settings, inputs: inputsKey(options), budget_seconds: budget };
    const cached = options.cacheDir ? cachePath(options.cacheDir, model, full) : undefined;
    if (cached && external_node_fs_.existsSync(cached)) {
        try {
            const table = (0,validate/* readValidated */.Ni)('sensitivity', cached);
            if (table.model_sha256 === model.sha256)
                return table;
        }
        catch (err) {
            // A cache is never trusted blindly: a damaged entry is measured again (and rewritten).
            options.warn(`ignoring a damaged sensitivity cache file (${(0,src_errors/* messageOf */.bD)(err)})`);
        }
    }
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
    // Largest first: when the budget runs out, the layers that matter most for size have been measured.
    const candidates = inv.layers.filter((l) => (0,layout/* allowedBits */.Fb)(l).some(layout/* isIntBits */.SD)).sort((a, b) => b.bytes - a.bytes);
    const probed = candidates.filter(feedable);
    const limits = { timeoutSeconds: options.timeoutSeconds };
    const probe = buildProbe(model, probed);
    const { session } = await (0,eval_session/* openSession */.fA)({ bytes: probe.bytes, name: model.path }, options.ep, options.warn, limits);
    const set = probeSamples(probe, (0,samples/* buildSamples */.OZ)(model, inv, options));
    const output = (0,samples/* primaryOutput */.MN)(model.graph.output.map((o) => o.name), set.cache);
    const weights = Object.fromEntries(probe.originals);
    const scratch = new ProbeScratch();
    const ctx = { model: model.path, cache: set.cache, output, limits };
    const run = async (feeds) => {
        const results = [];
        for (const sample of set.samples)
            results.push(await (0,samples/* runSample */.Kc)(session, { ...sample, feeds: { ...sample.feeds, ...feeds } }, ctx));
        return results;
    };
    const errors = {};
    const unmeasured = candidates.filter((l) => !feedable(l)).map((l) => l.name);
    let metric = 'kl';
    try {
        // The reference: every weight as it is.
        const reference = await run(weights);
        metric = (0,evaluate/* isLogits */.nB)(output, reference[0].classes) ? 'kl' : 'rel_l2_squared';
        for (const [index, layer] of probed.entries()) {
            if (index > 0 && elapsed() >= budget) {
                unmeasured.push(layer.name);
                continue;
            }
            errors[layer.name] = {};
            const original = probe.originals.get(layer.name);
            for (const bits of (0,layout/* allowedBits */.Fb)(layer).filter(layout/* isIntBits */.SD)) {
                // This layer alone at `bits`; every other layer as it is.
                const feeds = { ...weights, [layer.name]: fakeQuantized(layer, original, { bits, ...settings }, scratch) };
                const results = await run(feeds);
                const distance = new metrics/* DistanceAccumulator */.QB();
                const kl = new metrics/* LogitAccumulator */.cA(reference[0].classes);
                results.forEach((r, i) => {
                    if (metric === 'kl')
                        kl.add(reference[i].primary, r.primary);
                    else
                        distance.add(reference[i].primary, r.primary);
                });
                errors[layer.name][String(bits)] = metric === 'kl' ? kl.meanKL() : distance.relativeL2() ** 2;
            }
            // Done when the layers run out or the budget does, whichever is sooner (each probe costs about one
            // run of the model, whatever the layer's size).
            const fraction = Math.max((index + 1) / probed.length, budget > 0 ? elapsed() / budget : 1);
            options.progress?.update(index + 1, probed.length, layer.name, Math.min(1, fraction));
            options.log?.(`sensitivity ${index + 1}/${probed.length}: ${layer.name} ${JSON.stringify(errors[layer.name])}`);
        }
    }
    finally {
        await session.release();
    }
    const measured = `${candidates.length - unmeasured.length} of ${candidates.length} layers (${measuredShare(candidates, errors)} of their bytes)`;
    options.progress?.finish(`${measured} measured`);
    if (unmeasured.length > 0)
        options.warn(`sensitivity: the ${budget} s budget measured ${measured}; the rest use the calibrated weight error`);
    // Calibration of the weight proxy against the measurements, per width; the proxy of a probed layer comes
    // from the values the probe holds (float16 widened), of any other from the file.
    const q = { blockSize: settings.blockSize, symmetric: settings.symmetric };
    const fromFile = weightErrorModel(model, q);
    const known = new Map();
    const proxy = (layer, bits) => {
        const original = probe.originals.get(layer.name);
        if (!original)
            return fromFile(layer, bits);
        let errors = known.get(layer.name);
        if (!errors) {
            const stored = original.data;
            known.set(layer.name, (errors = layerWeightErrors(layer, stored instanceof Float32Array ? stored : (0,float16/* fromFloat16Array */.xf)(stored), q)));
        }
        return errors.get(bits) ?? fromFile(layer, bits);
    };
    const calibration = {};
    const estimates = {};
    if (unmeasured.length > 0) {
        for (const bits of [8, 4, 2]) {
            const ratios = candidates
                .filter((l) => errors[l.name]?.[String(bits)] !== undefined)
                .map((l) => {
                const p = proxy(l, bits);
                return p > 0 ? errors[l.name][String(bits)] / p : 1;
            });
            calibration[String(bits)] = median(ratios);
        }
        for (const name of unmeasured) {
            const layer = candidates.find((l) => l.name === name);
            estimates[name] = Object.fromEntries((0,layout/* allowedBits */.Fb)(layer)
                .filter(layout/* isIntBits */.SD)
                .map((bits) => [String(bits), proxy(layer, bits) * (calibration[String(bits)] ?? 1)]));
        }
    }
    const table = {
        schema: SENSITIVITY_SCHEMA,
        model_sha256: model.sha256,
        metric,
        settings: full,
        errors,
        unmeasured,
        calibration,
        estimates,
    };
    if (cached)
        saveToCache(cached, table, options.warn);
    return table;
}
/** Measured errors as the planner's error model; FP16 and unchanged count as free; unmeasured layers use the calibrated proxy. */
function measuredErrorModel(table, proxy) {
    return (layer, bits) => {
        if (bits >= 16)
            return 0;
        const measured = table.errors[layer.name]?.[String(bits)] ?? table.estimates?.[layer.name]?.[String(bits)];
        if (measured !== undefined)
            return measured;
        return proxy(layer, bits) * (table.calibration?.[String(bits)] ?? 1);
    };
}

;// CONCATENATED MODULE: ./src/plan/overrides.ts
/**
 * Override patterns: a glob over layer names and module paths (`*.mlp.down_proj*`, `*` also crosses dots,
 * `?` is one character), or a regular expression written between slashes (`/layers\.(0|1)\./`).
 */

function compilePattern(pattern, source) {
    const re = pattern.match(/^\/(.+)\/([a-z]*)$/);
    if (re) {
        try {
            const [, body = '', flags = ''] = re;
            const r = new RegExp(body, flags.replace(/[gy]/g, ''));
            return (text) => r.test(text);
        }
        catch (err) {
            throw new src_errors/* BadInputError */.Ys(`${source}: invalid regular expression ${pattern} (${err.message})`);
        }
    }
    const body = pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*+/g, '.*')
        .replace(/\?/g, '.');
    const r = new RegExp(`^${body}$`);
    return (text) => r.test(text);
}
/** The texts a rule is matched against: the initializer name, the module path, and module.leaf. */
function layerTexts(layer) {
    const texts = [layer.name];
    if (layer.module) {
        texts.push(layer.module);
        const leaf = layer.role === 'bias' ? 'bias' : 'weight';
        texts.push(`${layer.module}.${leaf}`);
    }
    return texts;
}
function compileOverrides(rules) {
    const compiled = rules.map((rule) => ({ rule, test: compilePattern(rule.pattern, rule.source), used: false }));
    return {
        match(layer) {
            const texts = layerTexts(layer);
            let found;
            for (const c of compiled) {
                if (texts.some(c.test)) {
                    c.used = true;
                    found = c.rule;
                }
            }
            return found;
        },
        unused: () => compiled.filter((c) => !c.used).map((c) => c.rule),
    };
}

;// CONCATENATED MODULE: ./src/plan/plan.ts
/**
 * Plans: a bit width for every layer, with its reason and its exact bytes, as `quantgate.plan/v1`.
 *
 * Order of decisions for one layer: an override that names it; sensitive layers kept at FP16; the
 * configured default width; the policy. A width the layer's op cannot take is raised to the nearest one it
 * can. A size target then lowers layers, least expected error per byte saved first, until the plan fits.
 */




const PLAN_SCHEMA = 'quantgate.plan/v1';
/** The stored float types by name, for the plan's `dtype` and the reasons' labels. */
const FLOAT_TYPES = {
    [dtype/* DataType */.pe.FLOAT]: { name: 'float32', label: 'FP32' },
    [dtype/* DataType */.pe.FLOAT16]: { name: 'float16', label: 'FP16' },
    [dtype/* DataType */.pe.BFLOAT16]: { name: 'bfloat16', label: 'BF16' },
    [dtype/* DataType */.pe.DOUBLE]: { name: 'float64', label: 'FP64' },
};
/**
 * A width as people read it, for this layer: 32 leaves the weight as it is; 16 is a float16 copy, except for
 * a weight stored in 16 bits already (float16 or bfloat16), which 16 keeps as it is (a bfloat16 weight stays
 * bfloat16: it is not converted to float16).
 */
function label(bits, layer) {
    const own = FLOAT_TYPES[layer.dataType]?.label ?? 'FP32';
    if (bits === 32)
        return `${own} (unchanged)`;
    if (bits === 16)
        return (0,layout/* isHalfWidth */.oR)(layer) ? `${own}, unchanged` : 'FP16';
    return `INT${bits}`;
}
/** What decided a layer's width (the reason text says it for people; code asks this). */
var DecisionSource;
(function (DecisionSource) {
    DecisionSource["Override"] = "override";
    DecisionSource["Sensitive"] = "sensitive";
    DecisionSource["DefaultBits"] = "default-bits";
    /** The type-depth or uniform table. */
    DecisionSource["Policy"] = "policy";
    /** Policy auto's starting point: INT8 where the op takes it. */
    DecisionSource["AutoStart"] = "auto-start";
    /** Policy auto, for a layer that cannot take INT8 (FP16). */
    DecisionSource["Auto"] = "auto";
    /** Already quantized in the input model: kept as it is. */
    DecisionSource["Quantized"] = "quantized";
})(DecisionSource || (DecisionSource = {}));
const round4 = (x) => Math.round(x * 1e4) / 1e4;
/** The policy's own choice for a layer no override names. */
function policyBits(layer, cfg) {
    const cat = layer.category;
    if (cfg.policy === 'uniform')
        return { bits: cfg.bits, reason: `uniform → ${label(cfg.bits, layer)}` };
    if (cfg.policy === 'auto') {
        return (0,layout/* allowedBits */.Fb)(layer).includes(8)
            ? { bits: 8, reason: 'auto: start at INT8', source: DecisionSource.AutoStart }
            : { bits: 16, reason: `auto: ${cat} → ${label(16, layer)}`, source: DecisionSource.Auto };
    }
    // type-depth
    switch (cat) {
        case 'embedding':
        case 'head':
        case 'norm':
        case 'router':
            return { bits: 8, reason: `${cat}, sensitive not kept → INT8` };
        case 'attention':
            return { bits: 4, reason: 'attention → INT4' };
        case 'mlp': {
            if (layer.depth === null)
                return { bits: 4, reason: 'MLP outside the blocks → INT4' };
            const d = layer.depth.toFixed(2);
            if (layer.depth < 0.25)
                return { bits: 4, reason: `MLP, early block (depth ${d}) → INT4` };
            if (layer.depth >= 0.75)
                return { bits: 4, reason: `MLP, late block (depth ${d}) → INT4` };
            return { bits: 2, reason: `MLP, middle block (depth ${d}) → INT2` };
        }
        case 'modulation':
            return { bits: 8, reason: 'modulation (scales whole blocks) → INT8' };
        case 'conv':
            return { bits: 16, reason: `conv → ${label(16, layer)}` };
        default:
            return { bits: 32, reason: 'not a recognized weight → unchanged' };
    }
}
/** Raises a width the op cannot take to the nearest it can. */
function clampToOp(layer, bits, reason) {
    const allowed = (0,layout/* allowedBits */.Fb)(layer);
    if (allowed.includes(bits))
        return { bits, reason };
    // Every op takes 32 (unchanged): there is always a width at or above `bits`.
    const raised = [...allowed].reverse().find((b) => b >= bits) ?? 32;
    const what = layer.role === 'matmul' || layer.role === 'gemm' || layer.role === 'gather'
        ? `${layer.op} table`
        : layer.role === 'fused'
            ? `a weight read by the fused ${layer.op} op (no integer form is written for it)`
            : `a ${layer.role} (${layer.op})`;
    return { bits: raised, reason: `${reason}; ${what} cannot take ${label(bits, layer)} → ${label(raised, layer)}` };
}
function alreadyQuantized(q) {
    const block = q.blockSize === null ? '' : `, block ${q.blockSize}`;
    return `already INT${q.bits} (${q.op}${block}${q.symmetric ? '' : ', asymmetric'}) → kept as it is`;
}
/** Whether sensitive layers are pinned at FP16: explicitly configured, else yes except under `auto`. */
function keepsSensitive(cfg) {
    return cfg.keepSensitive ?? cfg.policy !== 'auto';
}
function decide(file, inv, cfg, warn) {
    const overrides = compileOverrides(cfg.overrides);
    const keep = keepsSensitive(cfg);
    const decision = (layer, bits, reason, source, pinned) => ({
        layer,
        ...clampToOp(layer, bits, reason),
        source,
        pinned,
        lowered: false,
    });
    const decisions = inv.layers.map((layer) => {
        // Weights the model already holds quantized are never quantized twice.
        if (layer.quantized)
            return decision(layer, 32, alreadyQuantized(layer.quantized), DecisionSource.Quantized, true);
        const rule = overrides.match(layer);
        if (rule)
            return decision(layer, rule.bits, `override '${rule.pattern}' → ${label(rule.bits, layer)}`, DecisionSource.Override, true);
        if (layer.sensitive && keep)
            return decision(layer, 16, `${layer.category} → ${label(16, layer)} (sensitive)`, DecisionSource.Sensitive, true);
        if (cfg.defaultBits !== null && (0,layout/* allowedBits */.Fb)(layer).length > 2) {
            return decision(layer, cfg.defaultBits, `default → ${label(cfg.defaultBits, layer)}`, DecisionSource.DefaultBits, false);
        }
        const p = policyBits(layer, cfg);
        return decision(layer, p.bits, p.reason, p.source ?? DecisionSource.Policy, false);
    });
    // Once per model, naming it: a check plans several models with the same rules.
    for (const rule of overrides.unused())
        warn(`${file}: override '${rule.pattern}' (${rule.source}) matches no layer of this model`);
    return decisions;
}
/** The size target in bytes, or null without one (a percentage is of the weights' bytes before). */
function targetBytesOf(cfg, bytesBefore) {
    if (!cfg.targetSize)
        return null;
    return cfg.targetSize.kind === 'percent' ? Math.floor((bytesBefore * cfg.targetSize.value) / 100) : cfg.targetSize.value;
}
/** Whether planning needs an error model: a size target, which may mean lowering layers. */
function needsErrorModel(cfg) {
    return cfg.targetSize !== null;
}
/**
 * Lowers unpinned layers until the total fits `target`, each step taking the move with the least expected
 * error added per byte saved. Throws when even the smallest reachable plan does not fit.
 */
function meetTarget(file, decisions, q, target, errorModel) {
    const bytesOf = (d, bits) => (0,layout/* layerBytes */.t2)(d.layer, bits, q);
    let total = decisions.reduce((s, d) => s + bytesOf(d, d.bits), 0);
    if (total <= target)
        return;
    const smallest = decisions.reduce((s, d) => {
        if (d.pinned)
            return s + bytesOf(d, d.bits);
        const allowed = (0,layout/* allowedBits */.Fb)(d.layer);
        return s + Math.min(...allowed.filter((b) => b <= d.bits).map((b) => bytesOf(d, b)));
    }, 0);
    if (smallest > target)
        throw new src_errors/* TargetUnreachableError */.ms(file, target, smallest);
    const err = errorModel();
    while (total > target) {
        let best;
        for (const d of decisions) {
            if (d.pinned)
                continue;
            const next = (0,layout/* allowedBits */.Fb)(d.layer).find((b) => b < d.bits);
            if (next === undefined)
                continue;
            const saved = bytesOf(d, d.bits) - bytesOf(d, next);
            if (saved <= 0)
                continue;
            const cost = (err(d.layer, next) - err(d.layer, d.bits)) / saved;
            // Ties go to the larger saving, then to graph order: deterministic.
            if (!best || cost < best.cost || (cost === best.cost && saved > best.saved))
                best = { d, bits: next, saved, cost };
        }
        if (!best)
            break; // cannot happen: `smallest` fits
        best.d.bits = best.bits;
        best.d.lowered = true;
        total -= best.saved;
    }
}
/** The reason people read, once the widths are final. */
function finalReason(d) {
    const auto = d.source === DecisionSource.AutoStart || d.source === DecisionSource.Auto;
    if (d.lowered)
        return auto
            ? `auto: least error per byte → ${label(d.bits, d.layer)}`
            : `${d.reason}; lowered to ${label(d.bits, d.layer)} to meet the size target`;
    return d.source === DecisionSource.AutoStart ? 'auto: fits the target at INT8' : d.reason;
}
/** A layer's `stack` member: only where there are stacks to tell apart, named by role when the roles tell them apart. */
function stackOf(layer, inv) {
    if (inv.stacks.length < 2 || layer.stack === null)
        return {};
    const role = inv.stacks[layer.stack]?.role;
    const distinct = role !== undefined && role !== 'blocks' && inv.stacks.filter((s) => s.role === role).length === 1;
    return { stack: distinct ? role : `stack ${layer.stack}` };
}
/** A layer's `measured_error` member, when the measurement has the layer. */
function measuredErrorOf(name, measured) {
    const found = measured?.errors[name];
    if (!measured || !found || Object.keys(found).length === 0)
        return {};
    // A copy (integer keys enumerate in ascending order: the same bytes whatever order the table was written in).
    return { measured_error: { metric: measured.metric, by_bits: { ...found } } };
}
function makePlan(model, inv, cfg, options = {}) {
    const warn = options.warn ?? (() => undefined);
    const q = { blockSize: cfg.blockSize, symmetric: cfg.symmetric, superBlocks: cfg.superBlocks };
    const bytesBefore = inv.layers.reduce((s, l) => s + l.bytes, 0);
    const target = targetBytesOf(cfg, bytesBefore);
    if (cfg.policy === 'auto' && target === null) {
        throw new src_errors/* BadInputError */.Ys(`${model.path}: policy 'auto' needs a size target (--target-size or target_size)`);
    }
    if (inv.layers.length === 0)
        warn(`${model.path}: no quantizable layer found; the plan is empty`);
    const decisions = decide(model.path, inv, cfg, warn);
    if (target !== null) {
        if (!options.errorModel)
            throw new Error('a size target needs an error model');
        meetTarget(model.path, decisions, q, target, options.errorModel);
    }
    const layers = decisions.map((d) => {
        const { layer, bits } = d;
        const integer = bits <= 8;
        const superBlocks = (0,layout/* superBlockLayout */.L)(layer, bits, q);
        return {
            name: layer.name,
            module: layer.module,
            op: layer.op,
            shape: layer.shape,
            params: layer.params,
            category: layer.category,
            sensitive: layer.sensitive,
            layer: layer.block,
            depth: layer.depth === null ? null : round4(layer.depth),
            bits,
            block_size: superBlocks ? superBlocks.blockSize : integer ? cfg.blockSize : null,
            symmetric: superBlocks ? false : integer ? cfg.symmetric : null,
            ...(superBlocks ? { super_blocks: true } : {}),
            bytes: (0,layout/* layerBytes */.t2)(layer, bits, q),
            reason: finalReason(d),
            dtype: layer.quantized ? `int${layer.quantized.bits}` : (FLOAT_TYPES[layer.dataType]?.name ?? (0,dtype/* dataTypeName */.Ym)(layer.dataType)),
            ...(layer.quantized
                ? {
                    quantized: {
                        op: layer.quantized.op,
                        bits: layer.quantized.bits,
                        block_size: layer.quantized.blockSize,
                        symmetric: layer.quantized.symmetric,
                    },
                }
                : {}),
            ...stackOf(layer, inv),
            ...measuredErrorOf(layer.name, options.measuredErrors),
        };
    });
    const bytesAfter = layers.reduce((s, l) => s + l.bytes, 0);
    const params = layers.reduce((s, l) => s + l.params, 0);
    const byBits = new Map();
    for (const l of layers)
        byBits.set(l.bits, (byBits.get(l.bits) ?? 0) + l.params);
    const paramsByBits = {};
    for (const b of [...byBits.keys()].sort((a, c) => c - a))
        paramsByBits[String(b)] = byBits.get(b);
    return {
        schema: PLAN_SCHEMA,
        model: {
            path: model.path,
            sha256: model.sha256,
            architecture: inv.architecture,
            num_layers: inv.numLayers,
            parameters: inv.parameters,
            bytes: model.bytes,
        },
        policy: {
            name: cfg.policy,
            block_size: cfg.blockSize,
            symmetric: cfg.symmetric,
            ...(cfg.superBlocks ? { super_blocks: true } : {}),
            target_bytes: target,
            keep_sensitive: keepsSensitive(cfg),
            scale: cfg.scale,
            bits: cfg.policy === 'uniform' ? cfg.bits : null,
            default_bits: cfg.defaultBits,
            overrides: cfg.overrides.map((o) => ({ pattern: o.pattern, bits: o.bits })),
            errors: target === null ? null : options.measured ? 'measured' : 'weights',
        },
        layers,
        totals: {
            bytes_before: bytesBefore,
            bytes_after: bytesAfter,
            bits_per_weight: params > 0 ? round4((bytesAfter * 8) / params) : 0,
            params_by_bits: paramsByBits,
        },
    };
}

// EXTERNAL MODULE: ./src/pipeline/io.ts
var pipeline_io = __webpack_require__(548);
// EXTERNAL MODULE: ./src/pipeline/progress.ts
var progress = __webpack_require__(2171);
;// CONCATENATED MODULE: ./src/pipeline/plan.ts






/**
 * The settings as this model can take them: super-blocks' scale nodes need the default domain's opset 10
 * (Mod), so an older model keeps the plain layout (with a warning) rather than getting a plan its own
 * quantize refuses.
 */
function settingsFor(model, cfg, warn) {
    if (!cfg.superBlocks)
        return cfg;
    const opset = model.opsets.get('') ?? model.opsets.get('ai.onnx') ?? 0;
    if (opset >= super_blocks/* SUPER_BLOCK_MIN_OPSET */.Te)
        return cfg;
    warn(`${model.path}: super-blocks need opset ${super_blocks/* SUPER_BLOCK_MIN_OPSET */.Te} or later (their scale nodes use Mod); the model has opset ${opset}: its layers take the plain layout`);
    return { ...cfg, superBlocks: false };
}
async function planModel(analyzed, settings, measure, io) {
    const { model, inventory } = analyzed;
    const warn = (0,pipeline_io/* warningsTo */.n)(io);
    const cfg = settingsFor(model, settings, warn);
    let sensitivity = null;
    if (needsErrorModel(cfg) && (cfg.policy === 'auto' || measure.measure)) {
        sensitivity = await measureSensitivity(model, inventory, { blockSize: cfg.blockSize, symmetric: cfg.symmetric, scale: cfg.scale, ...(cfg.superBlocks ? { superBlocks: true } : {}) }, {
            ...measure,
            cacheDir: measure.cacheDir ?? undefined,
            warn,
            progress: (0,progress/* progressTo */.b4)(io, `measuring sensitivity of ${model.path}`, measure.quiet ?? false),
        });
    }
    const errorModel = () => {
        const proxy = weightErrorModel(model, { blockSize: cfg.blockSize, symmetric: cfg.symmetric });
        return sensitivity ? measuredErrorModel(sensitivity, proxy) : proxy;
    };
    const plan = makePlan(model, inventory, cfg, {
        errorModel,
        warn,
        measured: sensitivity !== null,
        ...(sensitivity ? { measuredErrors: { metric: sensitivity.metric, errors: sensitivity.errors } } : {}),
    });
    return { ...analyzed, plan, sensitivity };
}


/***/ }),

/***/ 9538:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AU: () => (/* binding */ kernelImplementation),
/* harmony export */   BX: () => (/* binding */ dequantizeInto),
/* harmony export */   FY: () => (/* binding */ wasmKernels),
/* harmony export */   Jm: () => (/* binding */ reconstructionError),
/* harmony export */   SG: () => (/* binding */ gatherLayout),
/* harmony export */   X4: () => (/* binding */ nonFiniteError),
/* harmony export */   ZU: () => (/* binding */ stagingBytes),
/* harmony export */   cg: () => (/* binding */ rowsBuffer),
/* harmony export */   mg: () => (/* binding */ transpose),
/* harmony export */   qV: () => (/* binding */ kernelParams),
/* harmony export */   t3: () => (/* binding */ transposeInKernels),
/* harmony export */   tr: () => (/* binding */ quantizeRows)
/* harmony export */ });
/* unused harmony exports packRows, zeroPointAt, dequantize */
/* harmony import */ var _formats_layout_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5128);
/* harmony import */ var _kernels_js_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3561);
/* harmony import */ var _wasm_kernels_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1352);
/**
 * Block-wise integer quantization (INT8/INT4/INT2, symmetric or asymmetric, block 16..256), packed in
 * onnxruntime's `com.microsoft::MatMulNBits` layout. The kernels run as WebAssembly SIMD
 * (`wasm/assembly/kernels.ts`) with a byte-identical JavaScript fallback (`kernels-js.ts`, where the
 * arithmetic is defined exactly).
 *
 * Input: `rows`, row-major [N, K] float32 (one row = one output column of MatMulNBits); blocks run along K.
 * Output (see `PackedMatrix`):
 * - codes    uint8 [N, kBlocks, blockSize·bits/8]: codes packed low bits first along K (two 4-bit codes per
 *            byte, four 2-bit codes, or one 8-bit code); a short last block is padded with the zero point,
 *            so padding dequantizes to 0;
 * - scales   float32 [N · kBlocks] (float16-representable values with `float16Scales`);
 * - zero points (asymmetric only) uint8 [N · ceil(kBlocks·bits/8)], packed the same way per row.
 * Dequantization: x ≈ (code − zeroPoint) · scale, with zeroPoint = 2^(bits−1) when none is stored.
 *
 * Scale choice:
 * - round-to-nearest (`search: false`): exactly MLAS's quantizer (onnxruntime's MatMulNBits quantizer):
 *   symmetric maps the block's value of largest magnitude to code 0; asymmetric spans [min(x, 0), max(x, 0)].
 * - search (`search: true`): per block, three or four candidate scales around round-to-nearest's (an
 *   asymmetric one with the zero point that centres the grid on the block's range), each with the
 *   least-squares scale for its codes (INT2: one round of re-rounding and re-fitting symmetric; weighted,
 *   three candidates and up to three rounds), and the codes rounded again with the stored scale; minimizes Σ w_k (x_k − q_k)² with w the optional
 *   per-column `importance` (1 without). Lower error than round-to-nearest in practice.
 */



const f32 = Math.fround;
let wasm;
/** Which implementation runs: WebAssembly SIMD where the runtime has it, else JavaScript. */
function kernelImplementation() {
    wasm ??= _wasm_kernels_js__WEBPACK_IMPORTED_MODULE_2__/* .WasmKernels */ .pA.load();
    return wasm ? 'wasm' : 'js';
}
/** The WebAssembly kernels of this thread, or null where they are missing (the worker pool shares their memory). */
function wasmKernels() {
    return kernelImplementation() === 'wasm' ? wasm : null;
}
/**
 * A float32 array of `count` values in the WebAssembly kernels' memory for the caller to fill (read or
 * transpose a tensor straight into it): `quantizeRows` then reads it in place, without copying the weights
 * again. A plain array where WebAssembly is missing. Valid until the next call.
 */
function rowsBuffer(count) {
    return kernelImplementation() === 'wasm' ? wasm.rowsInHeap(count) : new Float32Array(count);
}
/**
 * `count` bytes in the WebAssembly kernels' memory after the last `rowsBuffer`, to read stored weights into
 * for `transposeInKernels` (null where WebAssembly is missing). Valid until the next call.
 */
function stagingBytes(count) {
    return kernelImplementation() === 'wasm' ? wasm.stagingBytes(count) : null;
}
/**
 * Transposes [rows, cols] stored float32 / float16 / bfloat16 values (`stagingBytes`) into the last
 * `rowsBuffer`, float32 [cols, rows], by the WebAssembly kernels; false where they cannot (then the caller
 * transposes).
 */
function transposeInKernels(stored, kind, rows, cols, out) {
    return kernelImplementation() === 'wasm' && wasm.transposeInto(stored, kind, rows, cols, out);
}
/** Quantizes and packs a [N, K] matrix. Throws on a NaN or infinite value. */
function quantizeRows(rows, N, K, p, into, implementation = kernelImplementation()) {
    if (rows.length !== N * K)
        throw new Error(`quantizeRows: ${rows.length} values for [${N}, ${K}]`);
    const { bits, blockSize } = p;
    const kBlocks = Math.ceil(K / blockSize);
    const zpPerRow = Math.ceil((kBlocks * bits) / 8);
    const out = {
        codes: into?.codes ?? new Uint8Array(N * kBlocks * (0,_formats_layout_js__WEBPACK_IMPORTED_MODULE_0__/* .blobSize */ .LE)(bits, blockSize)),
        scales: into?.scales ?? new Float32Array(N * kBlocks),
        zeroPoints: p.symmetric ? null : (into?.zeroPoints ?? new Uint8Array(N * zpPerRow)),
    };
    const bad = packRows(rows, N, K, kernelParams(p, K), out, implementation);
    if (bad > 0)
        throw nonFiniteError(bad);
    return { N, K, bits, blockSize, kBlocks, ...out };
}
/**
 * The kernels on [N, K] rows into `out` (sized for them): returns the number of blocks holding a NaN or
 * infinite value (the outputs are then unspecified).
 */
function packRows(rows, N, K, params, out, implementation = kernelImplementation()) {
    return implementation === 'wasm' && kernelImplementation() === 'wasm'
        ? wasm.quantize(rows, N, K, params, out.codes, out.scales, out.zeroPoints)
        : (0,_kernels_js_js__WEBPACK_IMPORTED_MODULE_1__/* .quantizeRowsJs */ .K2)(rows, N, K, params, out.codes, out.scales, out.zeroPoints);
}
/** The error for `bad` blocks holding a NaN or infinite value. */
function nonFiniteError(bad) {
    return new Error(`quantizeRows: NaN or infinite values in ${bad} block${bad > 1 ? 's' : ''}`);
}
/** The kernels' parameters (checked, importance normalized). */
function kernelParams(p, K) {
    if (!(p.blockSize >= 16 && p.blockSize <= 256 && (p.blockSize & (p.blockSize - 1)) === 0)) {
        throw new Error(`quantizeRows: block size ${p.blockSize} is not a power of two from 16 to 256`);
    }
    if (p.importance && p.importance.length !== K)
        throw new Error(`quantizeRows: ${p.importance.length} importance weights for K = ${K}`);
    return {
        bits: p.bits,
        blockSize: p.blockSize,
        symmetric: p.symmetric,
        search: p.search ?? false,
        float16Scales: p.float16Scales ?? false,
        magnitude: p.magnitudeWeights ?? false,
        importance: p.importance ? normalizedImportance(p.importance) : null,
    };
}
/**
 * Importance weights divided by their largest value (a common factor changes no choice, and keeps every
 * weighted sum in range); negative or non-finite weights are a caller's error.
 */
function normalizedImportance(w) {
    let top = 0;
    for (let i = 0; i < w.length; i++) {
        const v = w[i];
        if (!(v >= 0) || !Number.isFinite(v))
            throw new Error(`quantizeRows: importance weight ${v} at column ${i}`);
        if (v > top)
            top = v;
    }
    if (top === 0)
        return new Float32Array(w.length).fill(1);
    return w.map((v) => f32(v / top));
}
/** The code at position k of row n. */
function codeAt(m, n, k) {
    const b = (k / m.blockSize) | 0;
    const within = k - b * m.blockSize;
    const perByte = 8 / m.bits;
    const byte = m.codes[(n * m.kBlocks + b) * blobSize(m.bits, m.blockSize) + ((within / perByte) | 0)];
    return (byte >> ((within % perByte) * m.bits)) & ((1 << m.bits) - 1);
}
function zeroPointAt(m, n, b) {
    if (m.superBlocks)
        return m.superBlocks.zeroPoints[n * m.kBlocks + b];
    if (!m.zeroPoints)
        return 1 << (m.bits - 1);
    const perByte = 8 / m.bits;
    const zpPerRow = Math.ceil((m.kBlocks * m.bits) / 8);
    const byte = m.zeroPoints[n * zpPerRow + ((b / perByte) | 0)];
    return (byte >> ((b % perByte) * m.bits)) & ((1 << m.bits) - 1);
}
/**
 * `dequantize`, fast, into `out`: [N, K] (`kMajor` false), or transposed to [K, N] (written a tile of rows
 * at a time, so the transposed writes stay in cache). The same values as `dequantize`, which stays the
 * plain reference.
 */
function dequantizeInto(m, out, kMajor) {
    const { N, K, bits, blockSize, kBlocks, codes } = m;
    const shift = bits === 8 ? 0 : bits === 4 ? 1 : 2; // log2(codes per byte)
    const mask = (1 << bits) - 1;
    const lanes = (1 << shift) - 1;
    const blob = (0,_formats_layout_js__WEBPACK_IMPORTED_MODULE_0__/* .blobSize */ .LE)(bits, blockSize);
    const TILE = 16;
    for (let n0 = 0; n0 < N; n0 += TILE) {
        const n1 = Math.min(N, n0 + TILE);
        for (let b = 0; b < kBlocks; b++) {
            const start = b * blockSize;
            const count = Math.min(blockSize, K - start);
            for (let n = n0; n < n1; n++) {
                const scale = m.scales[n * kBlocks + b];
                const zero = zeroPointAt(m, n, b);
                const base = (n * kBlocks + b) * blob;
                // Float32Array stores round the product to float32, as the kernels compute it.
                if (kMajor) {
                    for (let j = 0; j < count; j++)
                        out[(start + j) * N + n] = (((codes[base + (j >> shift)] >> ((j & lanes) * bits)) & mask) - zero) * scale;
                }
                else {
                    const row = n * K + start;
                    for (let j = 0; j < count; j++)
                        out[row + j] = (((codes[base + (j >> shift)] >> ((j & lanes) * bits)) & mask) - zero) * scale;
                }
            }
        }
    }
    return out;
}
/** Dequantizes back to [N, K] float32: (code − zeroPoint) · scale (the reference: one code at a time). */
function dequantize(m) {
    const out = new Float32Array(m.N * m.K);
    for (let n = 0; n < m.N; n++) {
        for (let k = 0; k < m.K; k++) {
            const b = (k / m.blockSize) | 0;
            out[n * m.K + k] = f32((codeAt(m, n, k) - zeroPointAt(m, n, b)) * m.scales[n * m.kBlocks + b]);
        }
    }
    return out;
}
/**
 * The codes as `GatherBlockQuantized` reads them: uint8 [N, ceil(K·bits/8)], each row's codes packed
 * contiguously (no block padding). Same bytes as the MatMulNBits layout when K is a multiple of the block.
 */
function gatherLayout(m) {
    const rowBytes = Math.ceil((m.K * m.bits) / 8);
    const blockRowBytes = m.kBlocks * (0,_formats_layout_js__WEBPACK_IMPORTED_MODULE_0__/* .blobSize */ .LE)(m.bits, m.blockSize);
    if (rowBytes === blockRowBytes)
        return m.codes;
    const out = new Uint8Array(m.N * rowBytes);
    for (let n = 0; n < m.N; n++)
        out.set(m.codes.subarray(n * blockRowBytes, n * blockRowBytes + rowBytes), n * rowBytes);
    return out;
}
/** Squared reconstruction error and squared norm of a matrix at these settings. */
function reconstructionError(rows, N, K, p) {
    const m = quantizeRows(rows, N, K, p);
    const { kBlocks, bits, blockSize, codes } = m;
    const shift = bits === 8 ? 0 : bits === 4 ? 1 : 2;
    const mask = (1 << bits) - 1;
    const lanes = (1 << shift) - 1;
    const blob = (0,_formats_layout_js__WEBPACK_IMPORTED_MODULE_0__/* .blobSize */ .LE)(bits, blockSize);
    let error = 0;
    let norm = 0;
    // Dequantized on the fly (no [N, K] copy: a large model's layers would each cost one).
    for (let n = 0; n < N; n++) {
        for (let b = 0; b < kBlocks; b++) {
            const scale = m.scales[n * kBlocks + b];
            const zero = zeroPointAt(m, n, b);
            const base = (n * kBlocks + b) * blob;
            const start = n * K + b * blockSize;
            const count = Math.min(blockSize, K - b * blockSize);
            for (let j = 0; j < count; j++) {
                const x = rows[start + j];
                const d = x - f32((((codes[base + (j >> shift)] >> ((j & lanes) * bits)) & mask) - zero) * scale);
                error += d * d;
                norm += x * x;
            }
        }
    }
    return { error, norm };
}
/** Transposes a row-major [rows, cols] matrix (into `out` when given, e.g. a `rowsBuffer`). */
function transpose(values, rows, cols, out = new Float32Array(values.length)) {
    for (let r = 0; r < rows; r++) {
        const base = r * cols;
        for (let c = 0; c < cols; c++)
            out[c * rows + r] = values[base + c];
    }
    return out;
}


/***/ }),

/***/ 3561:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $N: () => (/* binding */ codeOf),
/* harmony export */   K2: () => (/* binding */ quantizeRowsJs),
/* harmony export */   Nl: () => (/* binding */ roundToFloat16)
/* harmony export */ });
/* unused harmony export candidateFactors */
const f32 = Math.fround;
/** Rounds a scale to the nearest float16 (ties to even), magnitude clamped to 65504. */
function roundToFloat16(v) {
    let a = Math.abs(v);
    if (a > 65504)
        a = 65504;
    bitsView[0] = a;
    const bits = wordView[0];
    const exponent = (bits >>> 23) - 127 + 15;
    let r;
    if (exponent <= 0) {
        r = f32(roundHalfEven(a * 16777216) / 16777216);
    }
    else {
        let u = bits & ~0x1fff;
        const rem = bits & 0x1fff;
        if (rem > 0x1000 || (rem === 0x1000 && (u & 0x2000) !== 0))
            u += 0x2000;
        wordView[0] = u >>> 0;
        r = bitsView[0];
    }
    return v < 0 ? -r : r;
}
const bitsView = new Float32Array(1);
const wordView = new Uint32Array(bitsView.buffer);
function roundHalfEven(v) {
    const r = Math.round(v);
    return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
function floatBits(v) {
    bitsView[0] = v;
    return wordView[0];
}
function fromBits(u) {
    wordView[0] = u >>> 0;
    return bitsView[0];
}
/** The code of one value: clamp(roundf(x·rs + zp), 0, L). */
function codeOf(v, rs, zp, levels) {
    const y = f32(f32(v * rs) + zp);
    if (y !== y)
        return 0;
    const t = Math.trunc(y);
    const r = f32(y - t) >= 0.5 ? t + 1 : t;
    return r > 0 ? (r < levels ? r : levels) : 0;
}
/**
 * The code of one value of a searched block: clamp(nearest(x·rs), −z, L − z) + z, the rounding of the
 * search's sums (ties to even); a NaN gives 0.
 */
function searchedCodeOf(v, rs, zp, levels) {
    const r = nearest(f32(v * rs));
    const lo = 0 - zp;
    const hi = levels - zp;
    return (r > lo ? (r < hi ? r : hi) : lo) + zp;
}
function rtnParams(lo, hi, bits, symmetric, float16, fit) {
    const levels = (1 << bits) - 1;
    if (symmetric) {
        const peak = Math.abs(hi) > Math.abs(lo) ? hi : lo;
        fit.scale = f32(-peak / (1 << (bits - 1)));
        fit.zeroPoint = 1 << (bits - 1);
    }
    else {
        const scale = f32(f32(hi - lo) / levels);
        let zp = lo;
        if (scale !== 0)
            zp = f32(0 - f32(lo / scale));
        // roundf of a non-negative value: half away from zero is half up.
        fit.zeroPoint = zp < 0 ? 0 : zp > levels ? levels : Math.floor(zp + 0.5);
        fit.scale = scale;
    }
    if (float16)
        fit.scale = roundToFloat16(fit.scale);
}
/** Round half to even of a float32 value (f32x4.nearest). */
function nearest(y) {
    const r = Math.round(y);
    return r - y === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
/**
 * Σw·x·l and Σw·l² for l = clamp(nearest(xs·inv), −z, L − z), in four lanes summed as ((l0 + l1) + l2) + l3.
 * (Without weights, w = 1 makes every product by w exact: the same sums as the unweighted SIMD loops.)
 */
function sums(xs, w, wx, blockSize, inv, z, levels) {
    const xl = [0, 0, 0, 0];
    const ll = [0, 0, 0, 0];
    const lo = 0 - z;
    const hi = levels - z;
    for (let i = 0; i < blockSize; i++) {
        const r = nearest(f32(xs[i] * inv));
        const l = r > lo ? (r < hi ? r : hi) : lo;
        const lane = i & 3;
        xl[lane] = f32(xl[lane] + f32(wx[i] * l));
        ll[lane] = f32(ll[lane] + f32(f32(w[i] * l) * l));
    }
    return [f32(f32(f32(xl[0] + xl[1]) + xl[2]) + xl[3]), f32(f32(f32(ll[0] + ll[1]) + ll[2]) + ll[3])];
}
/**
 * The search's candidates: factors of round-to-nearest's inverse scale (float32), and the rounds of
 * re-rounding and re-fitting after them, placed by measurement on the bench's three matrices
 * (`node build/scripts/bench-kernels.js` prints their errors). Each candidate is one pass over the block,
 * and the final codes are re-rounded with the stored scale anyway, so four candidates and no refit lose at
 * most 0.2% of error against five passes (INT4), and INT2/INT8 do better than the earlier 5–6 candidates
 * with 3–4 refits. INT4 symmetric candidates reach further up (the peak maps to −8, the positive side ends
 * at 7). Weighted INT2 searches (magnitude or importance) were placed on llama-legacy's INT2 layers: of
 * the earlier six candidates 0.52–1.12 the three lowest won 5% of blocks, and a fourth refit improved
 * 0.8%, so they keep the top three and three refits, within the perplexity table's noise of the ten
 * passes (README); the three candidates placed on plain error lost 0.7–1.5 points.
 */
function candidateFactors(bits, symmetric, weighted) {
    return (CANDIDATES[`${bits}${symmetric ? 's' : 'a'}${weighted ? 'w' : ''}`] ??= candidatesOf(bits, symmetric, weighted));
}
const CANDIDATES = {};
function candidatesOf(bits, symmetric, weighted) {
    const table = bits === 4
        ? !symmetric
            ? { factors: [0.9, 0.96, 1.02, 1.06], refits: 0 }
            : weighted
                ? { factors: [0.9, 0.98, 1.04, 1.08], refits: 0 }
                : { factors: [0.89, 0.98, 1.03, 1.09], refits: 0 }
        : bits === 2
            ? weighted
                ? { factors: [0.88, 1.0, 1.12], refits: 3 }
                : symmetric
                    ? { factors: [0.72, 1.04, 1.4], refits: 1 }
                    : { factors: [0.84, 1.08, 1.28, 1.52], refits: 0 }
            : { factors: [0.92, 0.96, 1.0], refits: 0 };
    return { factors: table.factors.map(f32), refits: table.refits };
}
/**
 * The zero point of an asymmetric candidate: the grid [−z, L − z]·s centred on the block's range [lo, hi]
 * (in units of the candidate's step 1/inv), so that both ends overshoot it equally; clamped to [0, L].
 * One zero point per candidate: trying z ± 1 as well cost two more passes' worth and gained under 0.2%
 * (0.4–0.6% for weighted INT2 searches).
 */
function balancedZeroPoint(lo, hi, inv, levels) {
    const centre = f32(f32(levels - f32(f32(hi + lo) * inv)) * 0.5);
    const z = Math.floor(centre + 0.5);
    return !(z > 0) ? 0 : z > levels ? levels : z;
}
/**
 * The scale search. The block is first multiplied by a power of two (exact) bringing its peak near 1, so
 * no sum can overflow. Candidates: inverse scales inv0·factor (`candidateFactors`; inv0 is
 * round-to-nearest's: −2^(bits−1)/peak symmetric, L/(hi − lo) asymmetric); an asymmetric candidate takes
 * `balancedZeroPoint`. Each candidate's codes l are fixed and its least-squares
 * scale s = Σw·x·l / Σw·l² scored by (Σw·x·l)² / Σw·l² (the reduction of the weighted squared error);
 * the first best wins. Then `refits` rounds of re-rounding with 1/s and re-fitting, kept while
 * they improve. Returns false where the block gives nothing to fit (zero, subnormal, zero weight).
 */
function searchParams(src, weights, lo0, hi0, blockSize, bits, symmetric, float16, magnitude, 
/** Magnitude or importance weights (the candidates differ). */
weighted, scratch, fit) {
    const levels = (1 << bits) - 1;
    const mid = 1 << (bits - 1);
    const amax = Math.max(Math.abs(lo0), Math.abs(hi0));
    const exponent = floatBits(amax) >>> 23;
    if (exponent === 0)
        return false;
    const field = Math.min(Math.max(254 - exponent, 1), 253);
    const pscale = fromBits(field << 23);
    const unscale = fromBits((254 - field) << 23);
    const { xs, w, wx } = scratch;
    const squares = [0, 0, 0, 0];
    for (let i = 0; i < blockSize; i++) {
        xs[i] = f32(src[i] * pscale);
        squares[i & 3] = f32(squares[i & 3] + f32(xs[i] * xs[i]));
    }
    // Magnitude weighting: each value also counts by σ + |x|, σ² the block's mean square.
    const sigma = f32(Math.sqrt(f32(f32(f32(f32(squares[0] + squares[1]) + squares[2]) + squares[3]) * f32(1 / blockSize))));
    for (let i = 0; i < blockSize; i++) {
        w[i] = magnitude ? f32(weights[i] * f32(sigma + Math.abs(xs[i]))) : weights[i];
        wx[i] = f32(w[i] * xs[i]);
    }
    const lo = f32(lo0 * pscale);
    const hi = f32(hi0 * pscale);
    let inv0;
    if (symmetric) {
        const peak = Math.abs(hi) > Math.abs(lo) ? hi : lo;
        inv0 = f32(-mid / peak);
    }
    else {
        inv0 = f32(levels / f32(hi - lo));
    }
    const { factors, refits } = candidateFactors(bits, symmetric, weighted);
    let found = false;
    let bestScore = 0;
    let bestScale = 0;
    let bestZ = 0;
    const consider = (xl, ll, z) => {
        if (ll > 0) {
            const score = f32(f32(xl * xl) / ll);
            if (score > bestScore || !found) {
                bestScore = score;
                bestScale = f32(xl / ll);
                bestZ = z;
                found = true;
            }
        }
    };
    for (const factor of factors) {
        const inv = f32(inv0 * factor);
        if (symmetric) {
            const [xl, ll] = sums(xs, w, wx, blockSize, inv, mid, levels);
            consider(xl, ll, mid);
        }
        else {
            const z = balancedZeroPoint(lo, hi, inv, levels);
            const [xl, ll] = sums(xs, w, wx, blockSize, inv, z, levels);
            consider(xl, ll, z);
        }
    }
    if (!found)
        return false;
    for (let it = 0; it < refits; it++) {
        const inv = f32(1 / bestScale);
        if (!Number.isFinite(inv))
            break;
        const [xl, ll] = sums(xs, w, wx, blockSize, inv, bestZ, levels);
        if (!(ll > 0))
            break;
        const score = f32(f32(xl * xl) / ll);
        if (!(score > bestScore))
            break;
        bestScore = score;
        bestScale = f32(xl / ll);
    }
    let scale = f32(bestScale * unscale);
    if (float16)
        scale = roundToFloat16(scale);
    fit.scale = scale;
    fit.zeroPoint = bestZ;
    return true;
}
/** Quantizes `rows` rows of K values into the given outputs; returns the number of non-finite blocks. */
function quantizeRowsJs(x, rows, K, p, codes, scales, zeroPoints) {
    const { bits, blockSize, symmetric, search } = p;
    const kBlocks = Math.ceil(K / blockSize);
    const blob = (blockSize * bits) / 8;
    const perByte = 8 / bits;
    const zpPerRow = Math.ceil((kBlocks * bits) / 8);
    const levels = (1 << bits) - 1;
    const mid = 1 << (bits - 1);
    const block = new Float32Array(blockSize);
    const blockW = new Float32Array(blockSize).fill(1);
    const scratch = { xs: new Float32Array(blockSize), w: new Float32Array(blockSize), wx: new Float32Array(blockSize) };
    const fit = { scale: 0, zeroPoint: 0 };
    let fill = 0;
    for (let j = 0; j < perByte; j++)
        fill |= mid << (j * bits);
    let bad = 0;
    for (let n = 0; n < rows; n++) {
        if (zeroPoints)
            zeroPoints.fill(fill, n * zpPerRow, (n + 1) * zpPerRow);
        for (let b = 0; b < kBlocks; b++) {
            const start = n * K + b * blockSize;
            const len = Math.min(blockSize, K - b * blockSize);
            block.fill(0);
            block.set(x.subarray(start, start + len));
            if (p.importance) {
                blockW.fill(0);
                blockW.set(p.importance.subarray(b * blockSize, b * blockSize + len));
            }
            // A value replaces the minimum (maximum) only when strictly smaller (larger): zeros stay +0.
            let lo = 0;
            let hi = 0;
            let nan = false;
            for (let i = 0; i < blockSize; i++) {
                const v = block[i];
                if (v < lo)
                    lo = v;
                if (v > hi)
                    hi = v;
                if (v !== v)
                    nan = true;
            }
            if (nan || !Number.isFinite(lo) || !Number.isFinite(hi)) {
                bad++;
                continue;
            }
            rtnParams(lo, hi, bits, symmetric, p.float16Scales && !search, fit);
            const searched = search &&
                searchParams(block, blockW, lo, hi, blockSize, bits, symmetric, p.float16Scales, p.magnitude, p.magnitude || p.importance !== null, scratch, fit);
            if (search && !searched)
                rtnParams(lo, hi, bits, symmetric, p.float16Scales, fit);
            const index = n * kBlocks + b;
            scales[index] = fit.scale;
            if (zeroPoints) {
                const slot = n * zpPerRow + Math.floor(b / perByte);
                const shift = (b % perByte) * bits;
                zeroPoints[slot] = (zeroPoints[slot] & ~(levels << shift)) | (fit.zeroPoint << shift);
            }
            const rs = fit.scale !== 0 ? f32(1 / fit.scale) : 0;
            const code = searched ? searchedCodeOf : codeOf;
            const out = index * blob;
            for (let i = 0; i < blockSize; i += perByte) {
                let byte = 0;
                for (let j = 0; j < perByte; j++)
                    byte |= code(block[i + j], rs, fit.zeroPoint, levels) << (j * bits);
                codes[out + i / perByte] = byte;
            }
        }
    }
    return bad;
}


/***/ }),

/***/ 4885:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O6: () => (/* binding */ quantizeRowsParallel),
/* harmony export */   yY: () => (/* binding */ quantizeSuperBlocksParallel)
/* harmony export */ });
/* unused harmony exports PARALLEL_MIN_WORK, workOf, SUPER_BLOCK_WORK, takeChunk, chunkRowsOf, KernelPool, othersBusyCores, threadsFor */
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5919);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_worker_threads__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _formats_layout_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5128);
/* harmony import */ var _blockwise_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9538);
/* harmony import */ var _super_blocks_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4791);
/* harmony import */ var _wasm_kernels_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1352);
/**
 * The kernels on more than one core, synchronously: the rows are cut into chunks of whole fours of rows,
 * and this thread and the worker threads take chunks one after another from a shared counter until none is
 * left, so that a thread that starts late or runs slower (a core shared with other work) takes fewer
 * chunks instead of holding up the end. Every thread runs its own instance of the WebAssembly kernels on the
 * one shared memory (`WasmKernels.prepareShared`): the rows are read where they lie (where the rewrite put
 * them, or copied in once), each chunk's outputs written to its rows' slice of one area, each thread with
 * its own scratch area, so the bytes do not depend on which thread took which chunk. This thread then waits
 * until every chunk taken is finished, and only then copies the outputs out.
 *
 * Worth it only for large layers: below `PARALLEL_MIN_WORK` the hand-off (waking the workers, waiting
 * for the last chunk) costs more than it saves (measured by `npm run bench`).
 */






/**
 * Work (values × the cost of the method, `workOf`) from which a layer is split across threads: 2M values
 * of round-to-nearest (about 1.5 ms on one thread here). Set from the bench's pool table (2 cores,
 * `node build/scripts/bench-kernels.js`): the pool's hand-off costs about 0.2–0.3 ms, so it pays from about
 * 1 ms of one thread's work. Two runs (load 0.9 and 1.7): round-to-nearest 0.95–1.1× at 1M values, 0.96–1.67×
 * at 2M; the search 1.06–1.2× at 0.25M values, 0.96–1.5× at 0.5M, 1.1–1.8× at 1M, 1.7–2.1× from 2M.
 */
const PARALLEL_MIN_WORK = 2 * 1024 * 1024;
/**
 * Relative cost per value of a method (round-to-nearest = 1), for the threshold: the search as the bench
 * prints it (CPU time, one thread): symmetric 3.0× INT8, 3.6× INT4, 3.7× INT2; asymmetric 3.6–3.7× (4.0×
 * before its clamp-free candidates; 4 kept); weighted (magnitude, as `--scale search` runs it, or importance)
 * 4.6× INT4, 5.2× INT2 symmetric, 5.8× asymmetric (three candidates and up to three refits). Since the
 * four-row search takes two block columns at a time (two busy-machine runs, load 4.8–7.0): 2.6× INT8,
 * 3.1× INT4 and INT2 symmetric, 3.1–3.4× asymmetric, weighted 3.8–4.1× INT4, 4.3–4.4× INT2 symmetric,
 * 4.9–5.1× asymmetric; the factors below kept (now a little high: slightly smaller layers go to the pool).
 */
function workOf(count, p) {
    const weighted = (p.magnitudeWeights ?? false) || p.importance !== undefined;
    return count * (!p.search ? 1 : weighted ? (p.bits === 2 ? 6 : 5) : p.symmetric ? 3 : 4);
}
/**
 * Relative cost per value of the super-block quantizer (round-to-nearest = 1): round-to-nearest takes about
 * 1.5 ms for 2M values (`PARALLEL_MIN_WORK`), about 5 GB/s; the super-block quantizer in WebAssembly ran at
 * 40–44 MB/s on one thread (bench-kernels.js --super-blocks, load 2–3.7): about 120×, so a layer from about
 * 17K values (1.5 ms of its work) goes to the pool.
 */
const SUPER_BLOCK_WORK = 120;
/**
 * The shared words of the pool (one buffer, `control`):
 * - `CLAIM` (64 bits, the first 8 bytes): the job's number × 2^32 + the next chunk to take. A thread takes
 *   chunk i by a compare-and-swap from i to i + 1 under its job's number; a worker that comes to a job late
 *   (after this thread has closed it, or when a later job is under way) finds the chunks all taken or
 *   another number, and takes none.
 * - `DONE`: chunks finished (or failed) in this job; this thread waits until it equals the chunks taken.
 *   Any wake-up only leads to another look, so a late or spurious notify is harmless.
 * - `BAD`: the job's non-finite blocks; `FAILED`: 1 if a worker's chunk threw.
 * This thread resets them before opening a job, when no worker holds a chunk of any job.
 */
const DONE = 2;
const BAD = 3;
const FAILED = 4;
/**
 * From here, one word per chunk: 1 once the chunk is finished. This thread copies the outputs of the
 * finished chunks out between its own chunks, in order, so that little copying is left at the end (a copy
 * at the end, on this thread alone, held the pool near 1.7× where the quantizing reached 1.9×).
 */
const CHUNK_FLAGS = 8;
/** No chunk finishing for this long means a worker is dead (it is never given up on while chunks finish). */
const STALL_MS = 120_000;
/**
 * Takes the next chunk of job `number` (`CLAIM` in `claim`), or returns −1 when its chunks are all taken
 * or another job is under way. The one copy of the claim: this thread calls it, and the workers run its
 * source text (so it refers to nothing outside itself).
 */
function takeChunk(claim, number, chunks) {
    const tag = BigInt(number);
    for (;;) {
        const current = Atomics.load(claim, 0);
        if (current >> 32n !== tag)
            return -1;
        const index = Number(current & 0xffffffffn);
        if (index >= chunks)
            return -1;
        if (Atomics.compareExchange(claim, 0, current, current + 1n) === current)
            return index;
    }
}
/**
 * The worker's whole program, self-contained (it runs from its source text, so it also runs from the
 * single-file bundles in dist/): instantiate the kernels on the shared memory, then for each job take and
 * quantize chunks in place until none is left, counting each finished chunk in `DONE`.
 */
function kernelWorker(quantize, superBlocks, take) {
    // Not `require`/`import`: bundlers would rewrite those, and this text runs on its own.
    const threads = process.getBuiltinModule('node:worker_threads');
    const data = threads.workerData;
    const api = globalThis.WebAssembly;
    const e = new api.Instance(data.module, { env: { memory: data.memory } }).exports;
    // Word indexes repeated here: this function runs from its text, without the module around it.
    const [done, bad, failed, flags] = [2, 3, 4, 8];
    threads.parentPort.on('message', (job) => {
        const claim = new BigInt64Array(job.control, 0, 1);
        const words = new Int32Array(job.control);
        const chunks = Math.ceil(job.rows / job.chunkRows);
        for (let i = take(claim, job.number, chunks); i >= 0; i = take(claim, job.number, chunks)) {
            try {
                const first = i * job.chunkRows;
                const n = Math.min(job.chunkRows, job.rows - first);
                const found = job.kind === 'plain' ? quantize(e, job.call, first, n) : superBlocks(e, job.call, first, n);
                if (found > 0)
                    Atomics.add(words, bad, found);
                Atomics.store(words, flags + i, 1);
            }
            catch {
                Atomics.store(words, failed, 1);
            }
            Atomics.add(words, done, 1);
            Atomics.notify(words, done);
        }
    });
}
/**
 * Rows per chunk: whole fours (the search takes four rows at a time), about 32 chunks per thread so that
 * the last chunk finishing (while the other threads have nothing left) is a small part of the whole, but
 * at least 64K values, where a chunk's claim and call cost next to nothing.
 */
function chunkRowsOf(N, K, threads) {
    const byShare = Math.floor(N / (threads * 32) / 4) * 4;
    const byFloor = Math.ceil(65536 / K / 4) * 4;
    return Math.min(Math.max(4, Math.ceil(N / 4) * 4), Math.max(4, byShare, byFloor));
}
class KernelPool {
    threads;
    workers;
    kernels;
    /** The synchronization words (`CLAIM`, `DONE`, `BAD`, `FAILED`, the chunks' flags), replaced by a larger one when a job has more chunks. */
    control;
    claim;
    words;
    lastJob = 0;
    closed = false;
    /** `threads` in all, this one included. Needs the WebAssembly kernels. */
    constructor(threads = node_os__WEBPACK_IMPORTED_MODULE_0__.availableParallelism()) {
        this.threads = threads;
        const kernels = (0,_blockwise_js__WEBPACK_IMPORTED_MODULE_3__/* .wasmKernels */ .FY)();
        if (!kernels)
            throw new Error('quantizeRows: the kernel pool needs WebAssembly SIMD');
        this.kernels = kernels;
        this.workers = Array.from({ length: Math.max(0, threads - 1) }, () => {
            const w = new node_worker_threads__WEBPACK_IMPORTED_MODULE_1__.Worker(`(${kernelWorker.toString()})(${_wasm_kernels_js__WEBPACK_IMPORTED_MODULE_5__/* .quantizeAt */ .lb.toString()}, ${_wasm_kernels_js__WEBPACK_IMPORTED_MODULE_5__/* .superBlocksAt */ .nW.toString()}, ${takeChunk.toString()})`, {
                eval: true,
                workerData: { module: kernels.module, memory: kernels.memory },
            });
            w.unref(); // an idle pool never keeps the process alive
            return w;
        });
        this.control = new SharedArrayBuffer((CHUNK_FLAGS + 64) * 4);
        this.claim = new BigInt64Array(this.control, 0, 1);
        this.words = new Int32Array(this.control);
    }
    /**
     * Words for a job of `chunks` chunks. A larger buffer is a new one: a worker still reading an earlier
     * job's buffer finds that job closed there.
     */
    controlFor(chunks) {
        if (this.words.length >= CHUNK_FLAGS + chunks)
            return;
        this.control = new SharedArrayBuffer((CHUNK_FLAGS + chunks) * 4);
        this.claim = new BigInt64Array(this.control, 0, 1);
        this.words = new Int32Array(this.control);
    }
    /** Whether the pool can still be used (not closed, no worker given up on). */
    get usable() {
        return !this.closed;
    }
    /** Quantizes like `quantizeRows`, the rows shared out chunk by chunk among `threads` of the pool's threads. */
    quantize(rows, N, K, p, into, threads = this.threads) {
        if (rows.length !== N * K)
            throw new Error(`quantizeRows: ${rows.length} values for [${N}, ${K}]`);
        const kBlocks = (0,_formats_layout_js__WEBPACK_IMPORTED_MODULE_2__/* .kBlocksOf */ .Pz)(K, p.blockSize);
        const rowCodes = kBlocks * (0,_formats_layout_js__WEBPACK_IMPORTED_MODULE_2__/* .blobSize */ .LE)(p.bits, p.blockSize);
        const zpPerRow = (0,_formats_layout_js__WEBPACK_IMPORTED_MODULE_2__/* .zeroPointRowBytes */ ._U)(kBlocks, p.bits);
        const codes = into?.codes ?? new Uint8Array(N * rowCodes);
        const scales = into?.scales ?? new Float32Array(N * kBlocks);
        const zeroPoints = p.symmetric ? null : (into?.zeroPoints ?? new Uint8Array(N * zpPerRow));
        const params = (0,_blockwise_js__WEBPACK_IMPORTED_MODULE_3__/* .kernelParams */ .qV)(p, K);
        const layout = this.kernels.prepareShared(rows, N, K, params, this.workers.length);
        const bad = this.run(N, K, threads, {
            job: (slot) => ({ kind: 'plain', call: (0,_wasm_kernels_js__WEBPACK_IMPORTED_MODULE_5__/* .callOf */ .C8)(layout, layout.scratch[slot], K, params) }),
            own: (first, n) => this.kernels.quantizeShared(layout, first, n, K, params),
            copyOut: (first, n) => this.kernels.copyOut(layout, first, n, codes, scales, zeroPoints),
        });
        if (bad > 0)
            throw (0,_blockwise_js__WEBPACK_IMPORTED_MODULE_3__/* .nonFiniteError */ .X4)(bad);
        return { N, K, bits: p.bits, blockSize: p.blockSize, kBlocks, codes, scales, zeroPoints };
    }
    /** Quantizes like `quantizeSuperBlocks`, the rows shared out chunk by chunk among `threads` of the pool's threads. */
    quantizeSuperBlocks(rows, N, K, p, threads = this.threads) {
        const out = (0,_super_blocks_js__WEBPACK_IMPORTED_MODULE_4__/* .superBlockOutputs */ .B6)(N, p);
        const layout = this.kernels.prepareSharedSuper(rows, N, K, p, this.workers.length);
        const bad = this.run(N, K, threads, {
            job: (slot) => ({ kind: 'super', call: { ...layout.call, scratch: layout.scratch[slot] } }),
            own: (first, n) => this.kernels.quantizeSuperShared(layout, first, n),
            copyOut: (first, n) => this.kernels.copyOutSuper(layout.call, first, n, out),
        });
        if (bad > 0)
            throw (0,_super_blocks_js__WEBPACK_IMPORTED_MODULE_4__/* .nonFiniteWeights */ .Ad)(rows.subarray(0, N * K));
        (0,_super_blocks_js__WEBPACK_IMPORTED_MODULE_4__/* .checkFactors */ .Zi)(out.superScales);
        return (0,_super_blocks_js__WEBPACK_IMPORTED_MODULE_4__/* .superBlockMatrix */ .um)(N, p, out);
    }
    /**
     * Runs one job of N rows (laid out in the memory already) on `threads` of the pool's threads: each worker
     * gets `job(slot)` (its call, with its scratch area), this thread quantizes with `own`; `copyOut` copies the
     * finished chunks' outputs out. Returns the job's non-finite count; throws if a worker failed.
     */
    run(N, K, threads, work) {
        if (this.closed)
            throw new Error('quantizeRows: the kernel pool is closed');
        const helpers = this.workers.slice(0, Math.max(0, Math.min(threads, this.threads) - 1));
        const chunkRows = chunkRowsOf(N, K, helpers.length + 1);
        const chunks = Math.ceil(N / chunkRows);
        this.controlFor(chunks);
        const { claim, words } = this;
        // Open the job: no worker holds a chunk of an earlier one (each call waits for all its chunks).
        this.lastJob = this.lastJob >= 0x7fffffff ? 1 : this.lastJob + 1;
        const number = this.lastJob;
        words.fill(0, DONE, CHUNK_FLAGS + chunks);
        Atomics.store(claim, 0, BigInt(number) << 32n);
        // Copies out the outputs of the finished chunks that follow the ones copied (an acquiring load of each
        // flag: the worker stored it after writing the chunk's outputs).
        let copied = 0;
        const copyFinished = () => {
            for (; copied < chunks && Atomics.load(words, CHUNK_FLAGS + copied) === 1; copied++) {
                const first = copied * chunkRows;
                work.copyOut(first, Math.min(chunkRows, N - first));
            }
        };
        if (chunks > 1) {
            helpers.forEach((worker, slot) => {
                const job = { number, control: this.control, rows: N, chunkRows, ...work.job(slot) };
                worker.postMessage(job);
            });
        }
        // This thread's chunks. Whatever happens here, every chunk taken is waited for before returning or
        // throwing: the workers write into areas of the memory that serve the next call.
        let bad = 0;
        try {
            for (let i = takeChunk(claim, number, chunks); i >= 0; i = takeChunk(claim, number, chunks)) {
                try {
                    const first = i * chunkRows;
                    bad += work.own(first, Math.min(chunkRows, N - first));
                    Atomics.store(words, CHUNK_FLAGS + i, 1);
                }
                finally {
                    Atomics.add(words, DONE, 1);
                }
                copyFinished();
            }
        }
        finally {
            this.finish(this.closeJob(number, chunks));
        }
        if (Atomics.load(words, FAILED) !== 0)
            throw new Error('quantizeRows: a kernel worker failed');
        bad += Atomics.load(words, BAD);
        if (bad === 0)
            copyFinished();
        return bad;
    }
    /** Lets no more chunks of job `number` be taken; returns how many were. */
    closeJob(number, chunks) {
        const closed = (BigInt(number) << 32n) + BigInt(chunks);
        for (;;) {
            const current = Atomics.load(this.claim, 0);
            const taken = Math.min(chunks, Number(current & 0xffffffffn));
            if (Atomics.compareExchange(this.claim, 0, current, closed) === current)
                return taken;
        }
    }
    /**
     * Waits until `taken` chunks are finished. Any wake-up only leads to another look at `DONE`. If no chunk
     * finishes for `STALL_MS`, a worker is taken as dead: the pool closes (its buffers may still be written)
     * and this throws.
     */
    finish(taken) {
        const words = this.words;
        let done = Atomics.load(words, DONE);
        let since = performance.now();
        while (done < taken) {
            Atomics.wait(words, DONE, done, 1000);
            const now = Atomics.load(words, DONE);
            if (now !== done) {
                done = now;
                since = performance.now();
            }
            else if (performance.now() - since > STALL_MS) {
                void this.close();
                throw new Error('quantizeRows: a kernel worker stopped answering');
            }
        }
    }
    async close() {
        this.closed = true;
        await Promise.all(this.workers.map((w) => w.terminate()));
    }
}
function sampleCpu() {
    const machine = node_os__WEBPACK_IMPORTED_MODULE_0__.cpus().reduce((sum, c) => sum + c.times.user + c.times.nice + c.times.sys + c.times.irq, 0);
    const own = process.cpuUsage();
    return { at: performance.now(), machine, own: (own.user + own.system) / 1000 };
}
/** Cores kept busy by other processes between two samples: the machine's CPU time less this process's. */
function othersBusyCores(from, to) {
    const elapsed = to.at - from.at;
    if (!(elapsed > 0))
        return 0;
    return Math.max(0, to.machine - from.machine - (to.own - from.own)) / elapsed;
}
/** Threads for a layer: one per core that other processes leave free (`cpus` of the machine), at least this one. */
function threadsFor(cores, cpus, othersBusy) {
    return Math.max(1, Math.min(cores, Math.round(cpus - othersBusy)));
}
/**
 * Other processes' load, measured over at least a second: the load average counts this process too, and a
 * long quantization on all cores would see its own load and fall back to one thread half the time. Before
 * a first interval, the load average stands in (this process has not run long on more than one core).
 */
const loadWindowMs = 1000;
let lastSample;
let othersBusy;
function othersLoad() {
    const now = sampleCpu();
    if (!lastSample)
        lastSample = now;
    else if (now.at - lastSample.at >= loadWindowMs) {
        othersBusy = othersBusyCores(lastSample, now);
        lastSample = now;
    }
    return othersBusy ?? node_os__WEBPACK_IMPORTED_MODULE_0__.loadavg()[0];
}
let shared;
/**
 * The pool and how many of its threads a layer of `work` (values × the method's cost) takes, or null for
 * this thread alone: a small layer (below `PARALLEL_MIN_WORK`), one core, no WebAssembly, or no core that
 * other processes leave free (`othersLoad`). The pool (a worker per core but this one) is created on first
 * need and kept (idle workers do not keep the process alive).
 */
function poolFor(work) {
    const cores = node_os__WEBPACK_IMPORTED_MODULE_0__.availableParallelism();
    if (cores < 2 || work < PARALLEL_MIN_WORK || (0,_blockwise_js__WEBPACK_IMPORTED_MODULE_3__/* .kernelImplementation */ .AU)() !== 'wasm')
        return null;
    const threads = threadsFor(cores, node_os__WEBPACK_IMPORTED_MODULE_0__.cpus().length, othersLoad());
    if (threads < 2)
        return null;
    if (!shared || !shared.usable)
        shared = new KernelPool(cores);
    return { pool: shared, threads };
}
/** `quantizeRows` on as many cores as `poolFor` gives a layer of its size and method; on this thread otherwise. */
function quantizeRowsParallel(rows, N, K, p, into) {
    const use = poolFor(workOf(N * K, p));
    return use ? use.pool.quantize(rows, N, K, p, into, use.threads) : (0,_blockwise_js__WEBPACK_IMPORTED_MODULE_3__/* .quantizeRows */ .tr)(rows, N, K, p, into);
}
/**
 * `quantizeSuperBlocks` on as many cores as `poolFor` gives a layer of its size (the work counted at
 * `SUPER_BLOCK_WORK` per value); on this thread otherwise, or in JavaScript where WebAssembly is missing.
 */
function quantizeSuperBlocksParallel(rows, N, K, bits, options) {
    const use = poolFor(N * K * SUPER_BLOCK_WORK);
    return use
        ? use.pool.quantizeSuperBlocks(rows, N, K, (0,_super_blocks_js__WEBPACK_IMPORTED_MODULE_4__/* .superBlockParams */ .x$)(K, bits, options), use.threads)
        : (0,_super_blocks_js__WEBPACK_IMPORTED_MODULE_4__/* .quantizeSuperBlocks */ .F$)(rows, N, K, bits, options);
}


/***/ }),

/***/ 2234:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Od: () => (/* binding */ GPTQ_MAX_K),
  TQ: () => (/* binding */ quantizeLayer),
  zu: () => (/* binding */ quantizeModel),
  tg: () => (/* binding */ superBlockOptions)
});

// UNUSED EXPORTS: CHUNK_VALUES, newScratch, quantizeChunked, transposeStored

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/onnx/dtype.ts
var dtype = __webpack_require__(6327);
// EXTERNAL MODULE: ./src/onnx/float16.ts
var onnx_float16 = __webpack_require__(8914);
// EXTERNAL MODULE: ./src/onnx/read.ts
var onnx_read = __webpack_require__(319);
// EXTERNAL MODULE: ./src/analyze/graph.ts
var analyze_graph = __webpack_require__(5868);
// EXTERNAL MODULE: ./src/onnx/schema.ts
var schema = __webpack_require__(7312);
// EXTERNAL MODULE: ./src/onnx/write.ts
var write = __webpack_require__(4208);
// EXTERNAL MODULE: ./src/formats/layout.ts
var layout = __webpack_require__(5128);
// EXTERNAL MODULE: ./src/quant/blockwise.ts
var blockwise = __webpack_require__(9538);
// EXTERNAL MODULE: ./src/quant/kernels-js.ts
var kernels_js = __webpack_require__(3561);
;// CONCATENATED MODULE: ./src/quant/gptq.ts
/**
 * GPTQ (Frantar et al., 2022): quantizes a layer's input columns one at a time and spreads each column's
 * rounding error over the columns not yet quantized, weighted by the inverse Hessian of the layer's output
 * error, H = E[a aᵀ] over calibration activations. One pass, block by block: at the start of each
 * quantization block the block's scales (and zero points) are chosen by the kernels' search on the weights
 * as updated so far, weighted by E[a_k²]; its columns are then rounded with those scales and their errors
 * compensated. Output: the same packed layout as `quantizeRows`.
 *
 * Cost O(N·K²) (float64): meant for layers up to a few thousand inputs.
 */



/** Dampening added to H's diagonal, relative to its mean (GPTQ's default). */
const DAMP = 0.01;
/** Cholesky factor L (lower, row-major) of a symmetric positive definite K×K matrix; throws if not SPD. */
function cholesky(a, K) {
    const l = new Float64Array(K * K);
    for (let i = 0; i < K; i++) {
        for (let j = 0; j <= i; j++) {
            let s = a[i * K + j];
            for (let k = 0; k < j; k++)
                s -= l[i * K + k] * l[j * K + k];
            if (i === j) {
                if (!(s > 0))
                    throw new Error('gptq: the Hessian is not positive definite');
                l[i * K + i] = Math.sqrt(s);
            }
            else {
                l[i * K + j] = s / l[j * K + j];
            }
        }
    }
    return l;
}
/** The inverse of an SPD matrix from its Cholesky factor: H⁻¹ = L⁻ᵀ L⁻¹. */
function inverseFromCholesky(l, K) {
    // Linv = L⁻¹ (lower triangular), by forward substitution column by column.
    const linv = new Float64Array(K * K);
    for (let c = 0; c < K; c++) {
        linv[c * K + c] = 1 / l[c * K + c];
        for (let i = c + 1; i < K; i++) {
            let s = 0;
            for (let k = c; k < i; k++)
                s -= l[i * K + k] * linv[k * K + c];
            linv[i * K + c] = s / l[i * K + i];
        }
    }
    const inv = new Float64Array(K * K);
    for (let i = 0; i < K; i++) {
        for (let j = 0; j <= i; j++) {
            let s = 0;
            for (let k = i; k < K; k++)
                s += linv[k * K + i] * linv[k * K + j];
            inv[i * K + j] = s;
            inv[j * K + i] = s;
        }
    }
    return inv;
}
/** U with H⁻¹ = Uᵀ U (upper, row-major): GPTQ's update rows. */
function inverseUpperFactor(hessian, K) {
    const h = Float64Array.from(hessian);
    let mean = 0;
    for (let k = 0; k < K; k++)
        mean += h[k * K + k];
    mean /= K;
    for (let k = 0; k < K; k++) {
        // A channel never active in calibration carries no information: unit curvature keeps H invertible.
        if (h[k * K + k] === 0)
            h[k * K + k] = mean > 0 ? mean : 1;
        h[k * K + k] += DAMP * (mean > 0 ? mean : 1);
    }
    const inv = inverseFromCholesky(cholesky(h, K), K);
    const lower = cholesky(inv, K);
    const upper = new Float64Array(K * K);
    for (let i = 0; i < K; i++)
        for (let j = i; j < K; j++)
            upper[i * K + j] = lower[j * K + i];
    return upper;
}
/** Quantizes [N, K] rows with GPTQ error compensation; `p.importance` (if any) is ignored for diag(H). */
function quantizeGptq(rows, N, K, hessian, p) {
    if (hessian.length !== K * K)
        throw new Error(`gptq: a ${Math.sqrt(hessian.length)}² Hessian for K = ${K}`);
    const { bits, blockSize } = p;
    const kBlocks = (0,layout/* kBlocksOf */.Pz)(K, blockSize);
    const blob = (0,layout/* blobSize */.LE)(bits, blockSize);
    const zpPerRow = (0,layout/* zeroPointRowBytes */._U)(kBlocks, bits);
    const levels = (1 << bits) - 1;
    const perByte = 8 / bits;
    const u = inverseUpperFactor(hessian, K);
    const w = Float64Array.from(rows);
    const importance = Float32Array.from({ length: K }, (_, k) => hessian[k * K + k]);
    const codes = new Uint8Array(N * kBlocks * blob);
    const scales = new Float32Array(N * kBlocks);
    const zeroPoints = p.symmetric ? null : new Uint8Array(N * zpPerRow);
    const block = new Float32Array(N * blockSize);
    const errors = new Float64Array(N * blockSize);
    const unpacked = new Uint8Array(N * kBlocks * blockSize);
    for (let b = 0; b < kBlocks; b++) {
        const c0 = b * blockSize;
        const len = Math.min(blockSize, K - c0);
        const c1 = c0 + len;
        // The block's scales from the weights as compensated so far.
        for (let n = 0; n < N; n++)
            for (let j = 0; j < len; j++)
                block[n * len + j] = w[n * K + c0 + j];
        const fit = (0,blockwise/* quantizeRows */.tr)(block.subarray(0, N * len), N, len, {
            ...p,
            blockSize,
            search: p.search ?? true,
            importance: p.search === false ? undefined : importance.subarray(c0, c1),
        });
        const zps = new Int32Array(N);
        const rs = new Float32Array(N);
        for (let n = 0; n < N; n++) {
            const s = fit.scales[n];
            scales[n * kBlocks + b] = s;
            rs[n] = s !== 0 ? Math.fround(1 / s) : 0;
            zps[n] = fit.zeroPoints ? fit.zeroPoints[n] & levels : 1 << (bits - 1);
            if (zeroPoints) {
                const slot = n * zpPerRow + Math.floor(b / perByte);
                const shift = (b % perByte) * bits;
                if (b === 0)
                    zeroPoints.fill(0, n * zpPerRow, (n + 1) * zpPerRow);
                zeroPoints[slot] = zeroPoints[slot] | (zps[n] << shift);
            }
        }
        for (let k = c0; k < c1; k++) {
            const d = u[k * K + k];
            for (let n = 0; n < N; n++) {
                const s = scales[n * kBlocks + b];
                const value = w[n * K + k];
                const code = (0,kernels_js/* codeOf */.$N)(Math.fround(value), rs[n], zps[n], levels);
                unpacked[(n * kBlocks + b) * blockSize + (k - c0)] = code;
                const err = (value - Math.fround((code - zps[n]) * s)) / d;
                errors[n * blockSize + (k - c0)] = err;
                const row = n * K;
                for (let j = k + 1; j < c1; j++)
                    w[row + j] -= err * u[k * K + j];
            }
        }
        // The block's errors, once, on every later column.
        if (c1 < K) {
            for (let n = 0; n < N; n++) {
                const row = n * K;
                for (let k = c0; k < c1; k++) {
                    const err = errors[n * blockSize + (k - c0)];
                    if (err === 0)
                        continue;
                    const ur = k * K;
                    for (let j = c1; j < K; j++)
                        w[row + j] -= err * u[ur + j];
                }
            }
        }
        // Padding of a short last block: the zero point (dequantizes to 0).
        for (let n = 0; n < N; n++)
            for (let j = len; j < blockSize; j++)
                unpacked[(n * kBlocks + b) * blockSize + j] = zps[n];
    }
    // Unused zero-point slots at the end of each row hold the default, as onnxruntime pads them.
    if (zeroPoints && (kBlocks * bits) % 8 !== 0) {
        const mid = 1 << (bits - 1);
        for (let n = 0; n < N; n++)
            for (let b = kBlocks; b < zpPerRow * perByte; b++) {
                const slot = n * zpPerRow + Math.floor(b / perByte);
                zeroPoints[slot] = zeroPoints[slot] | (mid << ((b % perByte) * bits));
            }
    }
    for (let i = 0, o = 0; i < unpacked.length; i += perByte, o++) {
        let byte = 0;
        for (let j = 0; j < perByte; j++)
            byte |= unpacked[i + j] << (j * bits);
        codes[o] = byte;
    }
    return { N, K, bits, blockSize, kBlocks, codes, scales, zeroPoints };
}

// EXTERNAL MODULE: ./src/quant/super-blocks.ts
var super_blocks = __webpack_require__(4791);
;// CONCATENATED MODULE: ./src/quant/super-block-graph.ts
/**
 * The nodes that run a super-block layer (formats/layout.ts) on onnxruntime's fast path. A super-block value
 * is scale·q − offset; MatMulNBits' integer zero points cannot say that, and its float zero points take a
 * path about 500× slower on the CPU (onnxruntime 1.30: 360 ms against 0.65 ms for one token through a
 * 4096×4096 INT4 layer). So the layer is the symmetric MatMulNBits (zero point 2^(bits−1), the fast path)
 * plus a correction by block: with h = 2^(bits−1),
 *
 *   scale·(q − zero) = scale·(q − h) − scale·(zero − h)
 *   y = MatMulNBits(A) − Σ_blocks (Σ_{k ∈ block} a_k) · scale·(zero − h)
 *
 * the second term a MatMul of A's block sums [..., k_blocks] by a [k_blocks, N] matrix (1/block_size of the
 * main product's work).
 *
 * Layer nodes (every input a constant: onnxruntime folds them when it loads the model), from the stored
 * indices uint8 [N, G, g], d and dmin float16 [N, S, 1]:
 *   indices → int32 → (g > 1: MatMul by [1, 256, 65536]ᵀ, joining a group's bytes) → Div by
 *   [1, 2^b, 2^2b, …] → Mod 2^b → Reshape [N, S, blocks, 2] → float → i_scale, i_min (Gather 0, 1)
 *   scale = Reshape(i_scale · float(d) · 2^−10) [N, k_blocks] (cast to float16 for a float16 op, and back)
 *   zero = Reshape(i_min · float(dmin) · 2^−10) / scale (through float16 for a float16 op)
 *   correction matrix = Transpose(scale · (zero − h))  [k_blocks, N]
 * so that each value is scale·(q − zero), the value the codes were chosen for (`effectiveScale`).
 * Use nodes (per reader): Reshape A to [..., k_blocks, block] (its leading dims from Shape), MatMul by ones
 * [block] → block sums, MatMul by the correction matrix, Sub from MatMulNBits' output. A float16 op's
 * correction is computed in float and cast.
 */




const bytesOf = (a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const intAttr = (name, i) => ({ name, type: schema/* AttributeType */.jQ.INT, i });
function nodeAdder(nodes, base, fresh) {
    return (opType, inputs, attribute = [], outName = 'v') => {
        const output = fresh(`${base}_sb_${outName}`);
        nodes.push({ input: inputs, output: [output], name: fresh(`${base}_sb_${opType.toLowerCase()}`), opType, attribute });
        return output;
    };
}
/** Plans the layer's stored tensors and the constants its nodes read, once per layer. */
function planSuperBlockTensors(base, N, K, f, plan) {
    const span = (0,layout/* superBlockSpan */.tK)(K, f);
    const supers = K / span;
    const perSuper = span / f.blockSize;
    const kBlocks = K / f.blockSize;
    const groups = (0,layout/* indexRowBytes */.Sk)(K, f) / f.groupBytes;
    const indices = plan(`${base}_sb_indices`, [N, groups, f.groupBytes], dtype/* DataType */.pe.UINT8, (m) => m.superBlocks.indices);
    const d = plan(`${base}_sb_d`, [N, supers, 1], dtype/* DataType */.pe.FLOAT16, (m) => bytesOf(m.superBlocks.superScales));
    const dmin = plan(`${base}_sb_dmin`, [N, supers, 1], dtype/* DataType */.pe.FLOAT16, (m) => bytesOf(m.superBlocks.superMins));
    // The constants, in the order (and of the shapes) formats/layout.ts counts.
    const shapes = (0,layout/* superBlockConstantShapes */.B$)(f);
    let at = 0;
    const constant = (name, dataType, values) => plan(`${base}_sb_${name}`, shapes[at++].dims, dataType, () => bytesOf(values));
    return {
        indices,
        d,
        dmin,
        byteWeights: f.groupBytes > 1
            ? constant('bytes', dtype/* DataType */.pe.INT32, Int32Array.from({ length: f.groupBytes }, (_, i) => 256 ** i))
            : null,
        divisors: constant('div', dtype/* DataType */.pe.INT32, Int32Array.from({ length: f.indicesPerGroup }, (_, i) => 2 ** (f.indexBits * i))),
        modulus: constant('mod', dtype/* DataType */.pe.INT32, Int32Array.of(2 ** f.indexBits)),
        first: constant('i0', dtype/* DataType */.pe.INT64, BigInt64Array.of(0n)),
        second: constant('i1', dtype/* DataType */.pe.INT64, BigInt64Array.of(1n)),
        pairsShape: constant('pairs', dtype/* DataType */.pe.INT64, BigInt64Array.from([N, supers, perSuper, 2].map(BigInt))),
        scalesShape: constant('shape', dtype/* DataType */.pe.INT64, BigInt64Array.from([N, kBlocks].map(BigInt))),
        half: constant('half', dtype/* DataType */.pe.FLOAT, Float32Array.of(2 ** (f.bits - 1))),
        unit: constant('unit', dtype/* DataType */.pe.FLOAT, Float32Array.of(super_blocks/* FACTOR_UNIT */.zN)),
        sliceStart: constant('start', dtype/* DataType */.pe.INT64, BigInt64Array.of(0n)),
        sliceEnd: constant('end', dtype/* DataType */.pe.INT64, BigInt64Array.of(-1n)),
        blockShape: constant('blocks', dtype/* DataType */.pe.INT64, BigInt64Array.from([kBlocks, f.blockSize].map(BigInt))),
        ones: constant('ones', dtype/* DataType */.pe.FLOAT, new Float32Array(f.blockSize).fill(1)),
    };
}
/**
 * The layer nodes (for the graph's prologue) computing MatMulNBits' scales and the correction matrix from the
 * stored tensors, for an op computing in `opType` (float or float16) and, for a Gemm's alpha, `multiplier`
 * on both terms.
 */
function superBlockLayerNodes(base, stored, opType, multiplier, fresh) {
    const { indices, d, dmin, byteWeights, divisors, modulus, first, second, pairsShape, scalesShape, half, unit } = stored;
    const nodes = [];
    const node = nodeAdder(nodes, base, fresh);
    const cast = (input, to) => node('Cast', [input], [intAttr('to', to)]);
    let words = cast(indices, dtype/* DataType */.pe.INT32);
    if (byteWeights)
        words = node('MatMul', [words, byteWeights]);
    const pairs = node('Reshape', [node('Mod', [node('Div', [words, divisors]), modulus]), pairsShape]);
    const pairValues = cast(pairs, dtype/* DataType */.pe.FLOAT);
    const iScale = node('Gather', [pairValues, first], [intAttr('axis', 3)]);
    const iMin = node('Gather', [pairValues, second], [intAttr('axis', 3)]);
    let scale = node('Reshape', [node('Mul', [iScale, node('Mul', [cast(d, dtype/* DataType */.pe.FLOAT), unit])]), scalesShape], [], 'scales');
    let opScales = scale;
    if (opType === dtype/* DataType */.pe.FLOAT16) {
        // The float16 scale MatMulNBits reads is the one the correction is computed with.
        opScales = cast(scale, dtype/* DataType */.pe.FLOAT16);
        scale = cast(opScales, dtype/* DataType */.pe.FLOAT);
    }
    // The zero point the codes were chosen for (quant/super-blocks.ts effectiveScale): offset / scale, rounded
    // to float16 for a float16 op; the correction scale·(zero − h) makes each value scale·(q − zero).
    const offset = node('Reshape', [node('Mul', [iMin, node('Mul', [cast(dmin, dtype/* DataType */.pe.FLOAT), unit])]), scalesShape]);
    let zero = node('Div', [offset, scale], [], 'zero_points');
    if (opType === dtype/* DataType */.pe.FLOAT16)
        zero = cast(cast(zero, dtype/* DataType */.pe.FLOAT16), dtype/* DataType */.pe.FLOAT);
    let correction = node('Mul', [scale, node('Sub', [zero, half])]);
    if (multiplier !== 1) {
        // Gemm's alpha, on both terms.
        const factor = node('Constant', [], [{ name: 'value_float', type: schema/* AttributeType */.jQ.FLOAT, f: multiplier }], 'alpha');
        correction = node('Mul', [correction, factor]);
        opScales = node('Mul', [opScales, opType === dtype/* DataType */.pe.FLOAT ? factor : cast(factor, opType)], [], 'scales');
    }
    correction = node('Transpose', [correction], [{ name: 'perm', type: schema/* AttributeType */.jQ.INTS, ints: [1, 0] }], 'correction');
    return {
        nodes,
        tensors: {
            scales: opScales,
            correction,
            sliceStart: stored.sliceStart,
            sliceEnd: stored.sliceEnd,
            blockShape: stored.blockShape,
            ones: stored.ones,
        },
    };
}
/**
 * The nodes after one reader's MatMulNBits (`main`, its output): `output` = main − A's block sums × the
 * correction matrix, in `opType`.
 */
function superBlockUseNodes(base, activation, main, output, t, opType, fresh) {
    const nodes = [];
    const node = nodeAdder(nodes, base, fresh);
    const a = opType === dtype/* DataType */.pe.FLOAT ? activation : node('Cast', [activation], [intAttr('to', dtype/* DataType */.pe.FLOAT)]);
    const lead = node('Slice', [node('Shape', [a]), t.sliceStart, t.sliceEnd]);
    const blocks = node('Reshape', [a, node('Concat', [lead, t.blockShape], [intAttr('axis', 0)])]);
    let correction = node('MatMul', [node('MatMul', [blocks, t.ones], [], 'block_sums'), t.correction]);
    if (opType !== dtype/* DataType */.pe.FLOAT)
        correction = node('Cast', [correction], [intAttr('to', opType)]);
    nodes.push({ input: [main, correction], output: [output], name: fresh(`${base}_sb_sub`), opType: 'Sub' });
    return nodes;
}

// EXTERNAL MODULE: ./src/quant/pool.ts
var pool = __webpack_require__(4885);
;// CONCATENATED MODULE: ./src/quant/rewrite.ts
/**
 * The graph rewrite: each assigned layer stored at its width (a plan's layers, or one layer for a
 * sensitivity probe). For each layer:
 * - 32: untouched;
 * - 16: kept as it is when it is float16 or bfloat16 already; otherwise stored as float16 with a Cast that
 *   restores its type where the graph reads it (a float32 model stays float32 at its inputs and outputs);
 * - 8/4/2: packed by the kernels, and every reader is rewritten:
 *   MatMul with a constant B → com.microsoft MatMulNBits; Gemm (transB 0/1, alpha, beta, bias) →
 *   MatMulNBits (+ Add for the bias); a tied table read through Transpose → MatMulNBits straight from the
 *   table (it is already [N, K]); a Gather table → com.microsoft GatherBlockQuantized (4 or 8 bits).
 *   The op computes in the type its reader computed in (the weight's type after any Cast on the way);
 *   onnxruntime's CPU ops take float or float16, so a bfloat16 or double reader gets Casts around the op.
 *   Scales are stored in the layout's type (`scaleDataType`) and cast to the op's type when they differ.
 * Everything else is left as it is. Nodes keep their order; a replaced node's outputs keep their names.
 *
 * Memory: the graph is rewritten first (names and shapes only), then the tensors are produced in the
 * input's initializer order and handed to a `TensorSink` one at a time; a layer's float values are read in
 * chunks of at most `CHUNK_VALUES` (straight into the kernels' memory), so the largest float array held is
 * a chunk, and the largest packed one a layer's.
 */













/** Float values read and quantized at once: a chunk of rows (or of a [K, N] weight's K) at most this large. */
const CHUNK_VALUES = 8 * 1024 * 1024;
function rewrite_bytesOf(array) {
    return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}
const rewrite_intAttr = (name, i) => ({ name, type: schema/* AttributeType */.jQ.INT, i });
const attr = (node, name) => node.attribute?.find((a) => a.name === name);
const castTo = (input, output, name, to) => ({
    input: [input],
    output: [output],
    name,
    opType: 'Cast',
    attribute: [rewrite_intAttr('to', to)],
});
/** Checks assignments against the model: layers it has, widths each op can take, block sizes the ops take. */
function checkAssignments(model, layers, assignments) {
    const where = model.path;
    for (const [name, a] of assignments) {
        const layer = layers.get(name);
        if (!layer)
            throw new errors/* BadInputError */.Ys(`${where}: layer '${name}' is assigned a width, but the model has no such layer`);
        if (layer.quantized && a.bits !== 32) {
            throw new errors/* BadInputError */.Ys(`${where}: layer '${name}' is already INT${layer.quantized.bits} (${layer.quantized.op}) and is kept as it is (bits 32), never quantized twice; the plan asks for ${a.bits} bits`);
        }
        if (!(0,layout/* allowedBits */.Fb)(layer).includes(a.bits)) {
            throw new errors/* BadInputError */.Ys(`${where}: layer '${name}' (${layer.op}) cannot take ${a.bits} bits (it can take ${(0,layout/* allowedBits */.Fb)(layer).join(', ')})`);
        }
        if (isBlockQuant(a) && !(0,layout/* isBlockSize */.Jf)(a.blockSize)) {
            throw new errors/* BadInputError */.Ys(`${where}: layer '${name}' has block size ${a.blockSize}; it must be a power of two from 16 to 256`);
        }
        if (a.superBlocks) {
            // A plan may name super-blocks on any layer; only INT4 and INT2 MatMul or Gemm weights can take them.
            const format = isBlockQuant(a) ? (0,layout/* superBlockLayout */.L)(layer, a.bits, a) : null;
            if (!isBlockQuant(a) || !format) {
                throw new errors/* BadInputError */.Ys(`${where}: layer '${name}' cannot take super-blocks at ${a.bits} bits (they need INT4 or INT2, a MatMul or Gemm weight, not a tied table, and K a multiple of 64 at INT4, of 16 at INT2)`);
            }
            if (a.blockSize !== format.blockSize || a.symmetric) {
                throw new errors/* BadInputError */.Ys(`${where}: layer '${name}' in super-blocks at ${a.bits} bits has blocks of ${format.blockSize}, asymmetric (the plan says ${a.blockSize}, ${a.symmetric ? 'symmetric' : 'asymmetric'})`);
            }
            const opset = (0,schema/* int64ToNumber */.o3)(model.proto.opsetImport.find((o) => !o.domain || o.domain === 'ai.onnx')?.version ?? 0);
            if (opset < super_blocks/* SUPER_BLOCK_MIN_OPSET */.Te) {
                throw new errors/* BadInputError */.Ys(`${where}: super-blocks need opset ${super_blocks/* SUPER_BLOCK_MIN_OPSET */.Te} or later (their scale nodes use Mod); the model has opset ${opset}`);
            }
        }
    }
}
const isBlockQuant = (a) => a.bits !== 32 && a.bits !== 16;
class NameAllocator {
    taken = new Set();
    constructor(graphNames) {
        for (const n of graphNames)
            this.taken.add(n);
    }
    fresh(base) {
        let name = base;
        for (let i = 1; this.taken.has(name); i++)
            name = `${base}_${i}`;
        this.taken.add(name);
        return name;
    }
}
/** Every value and node name of the model, subgraphs included (new names must not shadow any). */
function allValueNames(model, every) {
    const g = model.graph;
    const names = [...g.initializer.map((t) => t.name), ...g.input.map((v) => v.name), ...g.output.map((v) => v.name)];
    for (const n of every) {
        names.push(...n.input, ...n.output, n.name ?? '');
        for (const sub of (0,analyze_graph/* subgraphsOf */.RQ)(n))
            names.push(...sub.initializer.map((t) => t.name), ...sub.input.map((v) => v.name));
    }
    return names;
}
/** Ops through which a weight reaches its reader (the analysis follows the same ones). */
const PASS_THROUGH = new Set(['Identity', 'Cast', 'Transpose', 'Expand', 'Tile', 'Slice', 'Reshape', 'Unsqueeze', 'Squeeze', 'Flatten']);
/** The type a reader computes in: the weight's type after the last Cast between it and the reader. */
function readTypeOf(producers, initializers, value) {
    let v = value;
    for (let depth = 0; depth < 16; depth++) {
        const init = initializers.get(v);
        if (init)
            return init.dataType;
        const p = producers.get(v);
        if (!p || !PASS_THROUGH.has(p.opType))
            break;
        if (p.opType === 'Cast')
            return (0,schema/* int64ToNumber */.o3)(attr(p, 'to')?.i);
        v = p.input[0] ?? '';
    }
    return dtype/* DataType */.pe.FLOAT;
}
function quantizeModel(model, inv, assignments, options = {}) {
    const sink = options.sink ?? new write/* MemorySink */.$h();
    const layers = new Map(inv.layers.map((l) => [l.name, l]));
    checkAssignments(model, layers, assignments);
    // Nodes by stable id: the graph's own in file order, then those inside subgraphs (If branches, Loop
    // bodies), as the analysis numbers them.
    const every = (0,analyze_graph/* allNodes */.Bq)(model.graph);
    const names = new NameAllocator(allValueNames(model.proto, every));
    const producers = new Map();
    for (const node of every)
        for (const o of node.output)
            if (o)
                producers.set(o, node);
    const prologue = [];
    /** Replacement nodes by the replaced node's stable id. A weight read in several branches is packed once. */
    const replacements = new Map();
    let usesContrib = false;
    // 1. The graph: names and shapes only, no weight is read yet. Layers that change: not unchanged, and
    // not a 16-bit float kept at 16.
    const changes = new Map();
    for (const [name, a] of assignments) {
        const layer = layers.get(name);
        if (a.bits === 32 || (a.bits === 16 && (0,layout/* isHalfWidth */.oR)(layer)))
            continue;
        const info = model.initializers.get(name);
        if (!info)
            throw new Error(`${model.path}: the inventory names initializer '${name}', which the model does not have`);
        const change = { name, layer, a, info };
        changes.set(name, change);
        if (!isBlockQuant(a)) {
            change.halfName = names.fresh(`${name}_fp16`);
            prologue.push(castTo(change.halfName, name, names.fresh(`${name}_cast`), info.dataType));
            continue;
        }
        usesContrib = true;
        const tensors = new PackedTensors(name, layer, a, names, prologue);
        change.tensors = tensors;
        for (const use of layer.uses) {
            const node = readerOf(model, every, use);
            const readType = readTypeOf(producers, model.initializers, node.input[use.input] ?? '');
            const nodes = rewriteUse(node, use, layer, tensors, names, readType);
            if (nodes)
                replacements.set(use.nodeId, nodes);
        }
    }
    // Rebuild the node lists, subgraphs included: replacements in place, Casts first (at the top level, where
    // every branch sees them). Subgraph initializers stay in their graph, copied like the top level's.
    const ids = new Map(every.map((node, id) => [node, id]));
    const subInitializers = [];
    const rebuildNodes = (list) => list.flatMap((node) => replacements.get(ids.get(node)) ?? [withRebuiltSubgraphs(node)]);
    const rebuildGraph = (g) => ({
        ...g,
        node: rebuildNodes(g.node),
        initializer: g.initializer.map((t) => {
            const info = (0,onnx_read/* describeInitializer */.y2)(model, t);
            subInitializers.push(info);
            return sink.keep(info);
        }),
    });
    const withRebuiltSubgraphs = (node) => (0,analyze_graph/* subgraphsOf */.RQ)(node).length === 0
        ? node
        : {
            ...node,
            attribute: node.attribute.map((a) => a.g ? { ...a, g: rebuildGraph(a.g) } : a.graphs?.length ? { ...a, graphs: a.graphs.map(rebuildGraph) } : a),
        };
    const top = { ...model.graph, node: [...prologue, ...rebuildNodes(model.graph.node)] };
    const replaced = new Set(changes.keys());
    removeDeadReaders(top, replaced);
    const read = new Set(graphsOf(top).flatMap((g) => g.node.flatMap((n) => n.input)));
    const castOutputs = new Set(prologue.filter((n) => n.opType === 'Cast').map((c) => c.output[0]));
    // A replaced weight stays only if something still reads the original (and no Cast now produces its name).
    const keepsOriginal = (name) => !replaced.has(name) || (read.has(name) && !castOutputs.has(name));
    // 2. The tensors, in the input's order: each layer read, converted or packed, and handed over.
    const initializers = [];
    // A kept layer's bytes as written: its tensor's; an already-quantized layer's codes come with their scales
    // and zero points (not layers of their own, kept with them), counted as the inventory counts them.
    const keptBytes = (info) => assignments.has(info.name) ? (layers.get(info.name)?.quantized ? layers.get(info.name).bytes : info.byteLength) : 0;
    let weightBytes = subInitializers.reduce((sum, info) => sum + keptBytes(info), 0);
    const scratch = newScratch();
    const nonFinite = [];
    let done = 0;
    let doneBytes = 0;
    const totalBytes = [...changes.values()].reduce((sum, c) => sum + c.info.byteLength, 0);
    for (const t of model.graph.initializer) {
        const info = model.initializers.get(t.name);
        if (keepsOriginal(t.name)) {
            initializers.push(info ? sink.keep(info) : t);
            if (info)
                weightBytes += keptBytes(info);
        }
        const change = changes.get(t.name);
        if (!change)
            continue;
        // Non-finite weights are collected over every layer and reported together; once one is found, the
        // rest are only scanned.
        let produced;
        try {
            produced = produceLayer(change, sink, scratch, nonFinite.length === 0);
        }
        catch (err) {
            if (err instanceof super_blocks/* FactorRangeError */.NF)
                throw new errors/* BadInputError */.Ys(`${model.path}: layer '${change.name}': ${err.message}`);
            throw err;
        }
        if (produced.bad > 0)
            nonFinite.push(`'${change.name}' (${produced.bad} value${produced.bad > 1 ? 's' : ''})`);
        for (const tensor of produced.tensors) {
            initializers.push(tensor.proto);
            weightBytes += tensor.bytes;
        }
        doneBytes += change.info.byteLength;
        options.onLayer?.(++done, changes.size, change.name, totalBytes > 0 ? doneBytes / totalBytes : 1);
    }
    if (nonFinite.length > 0) {
        throw new errors/* BadInputError */.Ys(`${model.path}: NaN or Inf weights in ${nonFinite.length} layer${nonFinite.length > 1 ? 's' : ''}: ${nonFinite.join(', ')}`);
    }
    const opsetImport = [...model.proto.opsetImport];
    if (usesContrib && !opsetImport.some((o) => o.domain === layout/* MS_DOMAIN */.sS))
        opsetImport.push({ domain: layout/* MS_DOMAIN */.sS, version: 1 });
    const proto = {
        ...model.proto,
        opsetImport,
        graph: {
            ...top,
            initializer: initializers,
            input: model.graph.input.filter((i) => !replaced.has(i.name) || keepsOriginal(i.name)),
        },
    };
    return { proto, weightBytes };
}
function newScratch() {
    return { bytes: { bytes: new Uint8Array(0) }, values: new Float32Array(0) };
}
function scratchBytes(scratch, count) {
    if (scratch.bytes.bytes.byteLength < count)
        scratch.bytes.bytes = new Uint8Array(count);
    return scratch.bytes.bytes.subarray(0, count);
}
function scratchValues(scratch, count) {
    if (scratch.values.length < count)
        scratch.values = new Float32Array(count);
    return scratch.values.subarray(0, count);
}
/** One layer's new tensors (none when its weights are not finite), and its count of non-finite values. */
function produceLayer(change, sink, scratch, write) {
    const { info } = change;
    if (change.halfName) {
        // A float16 copy, converted a chunk at a time.
        const rowLength = info.dims.length > 1 ? info.dims[info.dims.length - 1] : 1;
        const step = Math.max(rowLength, Math.floor(CHUNK_VALUES / rowLength) * rowLength);
        const stream = write ? sink.begin(change.halfName, info.dims, dtype/* DataType */.pe.FLOAT16, info.numel * 2) : null;
        let bad = 0;
        let half = new Uint16Array(0);
        for (let first = 0; first < info.numel; first += step) {
            const count = Math.min(step, info.numel - first);
            const values = scratchValues(scratch, count);
            // float32 values are scanned by the conversion itself.
            bad += (0,onnx_read/* readFloat32Range */.nt)(info, first, count, values, 0, scratch.bytes, false);
            if (half.length < count)
                half = new Uint16Array(count);
            bad += (0,onnx_float16/* float32ToFloat16Into */.EX)(values, half.subarray(0, count));
            if (stream && bad === 0)
                stream.write(rewrite_bytesOf(half.subarray(0, count)));
        }
        if (!stream || bad > 0)
            return { tensors: [], bad };
        return { tensors: [{ proto: stream.end(), bytes: info.numel * 2 }], bad };
    }
    const a = change.a;
    // Stored float16 scales: the codes are computed for the stored scale.
    const { packed, bad } = quantizeChunked(change.layer, info, a, (0,layout/* scaleDataType */.Ry)(change.layer) === dtype/* DataType */.pe.FLOAT16, scratch);
    if (bad > 0 || !write)
        return { tensors: [], bad };
    return { tensors: change.tensors.emit(packed, sink), bad };
}
/**
 * GPTQ's cost grows as N·K² (K³ for the Hessian's factors, K² per calibration token to collect it, K²
 * floats to hold it): layers with more inputs fall back to `imatrix`.
 */
const GPTQ_MAX_K = 2048;
const usesGptq = (a, K) => a.scale === 'gptq' && Boolean(a.activations?.hessian) && K <= GPTQ_MAX_K;
/**
 * One layer's rows quantized by its scale method: `rtn` (MLAS's bytes); `search` (magnitude-weighted, as
 * llama.cpp's k-quants weigh values); `imatrix` (the same, each column also weighted by its activation's
 * mean square); `gptq` (GPTQ error compensation with block scales by the importance-weighted search).
 * A data-aware method without statistics for the layer (a Gather table, an input that was not observed)
 * quantizes as the next method down that has what it needs.
 */
function quantizeLayer(rows, N, K, a, float16Scales, into) {
    const p = { bits: a.bits, blockSize: a.blockSize, symmetric: a.symmetric, float16Scales };
    const stats = a.activations;
    if (usesGptq(a, K))
        return quantizeGptq(rows, N, K, stats.hessian, { ...p, search: true });
    if (a.scale === 'rtn')
        return (0,pool/* quantizeRowsParallel */.O6)(rows, N, K, p, into);
    const importance = a.scale !== 'search' && stats ? Float32Array.from(stats.meanSquare) : undefined;
    return (0,pool/* quantizeRowsParallel */.O6)(rows, N, K, { ...p, search: true, magnitudeWeights: true, importance }, into);
}
/**
 * `quantizeLayer` on a layer read a chunk at a time: rows of a weight stored [N, K]; for a weight stored
 * [K, N], tiles of every K for a range of outputs (one contiguous read when the whole matrix fits a chunk,
 * else a read per stored row), transposed into rows — or, when even one output's K does not fit a chunk
 * (and no statistics span K), bands of whole blocks along K. Rows and blocks are independent, so the codes
 * are the ones the whole matrix would get. GPTQ takes the layer whole (its inverse Hessian factor is
 * computed once per call). Non-finite values are counted (then nothing is packed) only when the kernels
 * refuse a chunk.
 */
function quantizeChunked(layer, info, a, float16Scales, scratch = newScratch(), chunkValues = CHUNK_VALUES) {
    const p = { bits: a.bits, blockSize: a.blockSize, symmetric: a.symmetric };
    const { K, N } = (0,layout/* matmulShape */.CZ)(layer);
    const { bits, blockSize } = p;
    const superBlocks = (0,layout/* superBlockLayout */.L)(layer, a.bits, a);
    if (superBlocks)
        return quantizeSuperBlockChunked(layer, info, a, superBlocks, float16Scales, scratch, chunkValues);
    const chunk = usesGptq(a, K) ? Number.POSITIVE_INFINITY : chunkValues;
    const kBlocks = (0,layout/* kBlocksOf */.Pz)(K, blockSize);
    const blob = (0,layout/* blobSize */.LE)(bits, blockSize);
    const zpRow = (0,layout/* zeroPointRowBytes */._U)(kBlocks, bits);
    const packed = {
        N,
        K,
        bits,
        blockSize,
        kBlocks,
        codes: new Uint8Array(N * kBlocks * blob),
        scales: new Float32Array(N * kBlocks),
        zeroPoints: p.symmetric ? null : new Uint8Array(N * zpRow),
    };
    let bad = 0;
    /** Quantizes rows [n, kb] into place; a refused chunk is scanned for the non-finite values it holds. */
    const quantizeInto = (rows, n, kb, n0, b0) => {
        if (bad > 0) {
            bad += (0,onnx_float16/* countNonFinite */.mc)(rows);
            return;
        }
        try {
            // Statistics span K: a band of K (only when K alone overflows a chunk) quantizes without them.
            // Whole rows are packed straight into the layer's arrays (fresh outputs per chunk, then copied,
            // cost more in page faults than the kernels' own work).
            const into = kb === K ? rowsOf(packed, n0, n) : undefined;
            const tile = quantizeLayer(rows, n, kb, kb === K ? a : { ...a, activations: undefined }, float16Scales, into);
            if (tile.codes !== into?.codes)
                place(packed, tile, n0, b0);
        }
        catch (err) {
            const found = (0,onnx_float16/* countNonFinite */.mc)(rows);
            if (found === 0)
                throw err;
            bad += found;
        }
    };
    if ((0,layout/* storedOutputMajor */.KC)(layer)) {
        const rowsPer = Math.max(1, Math.floor(chunk / K));
        for (let n0 = 0; n0 < N; n0 += rowsPer) {
            const n = Math.min(rowsPer, N - n0);
            const rows = (0,blockwise/* rowsBuffer */.cg)(n * K);
            bad += (0,onnx_read/* readFloat32Range */.nt)(info, n0 * K, n * K, rows, 0, scratch.bytes, false);
            quantizeInto(rows, n, K, n0, 0);
        }
        return { packed, bad };
    }
    // Stored [K, N]. Bands along K are a multiple of 4 blocks, so that packed zero points of any width fill
    // whole bytes.
    const unit = blockSize * 4;
    const size = onnx_read/* FLOAT_BYTES */.he[info.dataType];
    if (size === undefined)
        throw new errors/* BadInputError */.Ys(`tensor '${info.name}' is ${(0,dtype/* dataTypeName */.Ym)(info.dataType)}, not a floating-point weight`);
    const band = a.activations !== undefined || K * Math.min(N, 64) <= chunk ? K : Math.max(unit, Math.floor(chunk / 64 / unit) * unit);
    const outputs = Math.min(N, Math.max(1, Math.floor(chunk / band)));
    for (let k0 = 0; k0 < K; k0 += band) {
        const kb = Math.min(band, K - k0);
        for (let n0 = 0; n0 < N; n0 += outputs) {
            const n = Math.min(outputs, N - n0);
            // The stored bytes of the tile (read into the kernels' memory where they run), then widened and
            // transposed into the rows in one pass.
            const rows = (0,blockwise/* rowsBuffer */.cg)(n * kb);
            const tile = (0,blockwise/* stagingBytes */.ZU)(kb * n * size) ?? scratchBytes(scratch, kb * n * size);
            if (n === N) {
                (0,onnx_read/* readTensorRange */.N_)(info, k0 * N * size, kb * N * size, tile);
            }
            else {
                for (let k = 0; k < kb; k++)
                    (0,onnx_read/* readTensorRange */.N_)(info, ((k0 + k) * N + n0) * size, n * size, tile.subarray(k * n * size));
            }
            quantizeInto(transposeStored(tile, info.dataType, kb, n, rows), n, kb, n0, k0 / blockSize);
        }
    }
    return { packed, bad };
}
/**
 * How a super-block layer's values are weighed: plain squared error for `rtn` and INT4 `search`, magnitude
 * weights for INT2 `search` (on llama-legacy they cost INT4 1.6 points of perplexity and gained INT2 5), and
 * for `imatrix` and `gptq` also the activations' mean squares.
 */
function superBlockOptions(a, float16) {
    const importance = a.scale !== 'rtn' && a.scale !== 'search' && a.activations ? Float32Array.from(a.activations.meanSquare) : undefined;
    return { float16, magnitudeWeights: a.scale !== 'rtn' && a.bits === 2, importance };
}
/**
 * A super-block layer read a chunk of whole rows at a time (super-blocks span K): rows of a weight stored
 * [N, K], or columns of one stored [K, N] transposed into rows. Magnitude-weighted unless `rtn`; `imatrix`
 * and `gptq` also weigh each column by its activation's mean square (GPTQ's compensation is not applied:
 * its block updates assume the integer zero points of the plain layout).
 */
function quantizeSuperBlockChunked(layer, info, a, format, float16, scratch, chunkValues) {
    const { K, N } = (0,layout/* matmulShape */.CZ)(layer);
    const { bits, blockSize } = format;
    const kBlocks = K / blockSize;
    const rowCodes = (K * bits) / 8;
    const rowIndices = (0,layout/* indexRowBytes */.Sk)(K, format);
    const supers = K / (0,layout/* superBlockSpan */.tK)(K, format);
    const packed = {
        N,
        K,
        bits,
        blockSize,
        kBlocks,
        codes: new Uint8Array(N * rowCodes),
        scales: new Float32Array(N * kBlocks),
        zeroPoints: null,
        superBlocks: {
            format,
            indices: new Uint8Array(N * rowIndices),
            superScales: new Uint16Array(N * supers),
            superMins: new Uint16Array(N * supers),
            zeroPoints: new Float32Array(N * kBlocks),
        },
    };
    const options = superBlockOptions(a, float16);
    let bad = 0;
    const quantizeInto = (rows, n, n0) => {
        if (bad > 0) {
            bad += (0,onnx_float16/* countNonFinite */.mc)(rows);
            return;
        }
        try {
            const tile = (0,pool/* quantizeSuperBlocksParallel */.yY)(rows, n, K, format.bits, options);
            const into = packed.superBlocks;
            packed.codes.set(tile.codes, n0 * rowCodes);
            packed.scales.set(tile.scales, n0 * kBlocks);
            into.zeroPoints.set(tile.superBlocks.zeroPoints, n0 * kBlocks);
            into.indices.set(tile.superBlocks.indices, n0 * rowIndices);
            into.superScales.set(tile.superBlocks.superScales, n0 * supers);
            into.superMins.set(tile.superBlocks.superMins, n0 * supers);
        }
        catch (err) {
            const found = (0,onnx_float16/* countNonFinite */.mc)(rows);
            if (found === 0)
                throw err;
            bad += found;
        }
    };
    const rowsPer = Math.max(1, Math.min(N, Math.floor(chunkValues / K)));
    const size = onnx_read/* FLOAT_BYTES */.he[info.dataType];
    if (size === undefined)
        throw new errors/* BadInputError */.Ys(`tensor '${info.name}' is ${(0,dtype/* dataTypeName */.Ym)(info.dataType)}, not a floating-point weight`);
    for (let n0 = 0; n0 < N; n0 += rowsPer) {
        const n = Math.min(rowsPer, N - n0);
        const rows = (0,blockwise/* rowsBuffer */.cg)(n * K);
        if ((0,layout/* storedOutputMajor */.KC)(layer)) {
            bad += (0,onnx_read/* readFloat32Range */.nt)(info, n0 * K, n * K, rows, 0, scratch.bytes, false);
            quantizeInto(rows, n, n0);
            continue;
        }
        const tile = (0,blockwise/* stagingBytes */.ZU)(K * n * size) ?? scratchBytes(scratch, K * n * size);
        if (n === N)
            (0,onnx_read/* readTensorRange */.N_)(info, 0, K * N * size, tile);
        else
            for (let k = 0; k < K; k++)
                (0,onnx_read/* readTensorRange */.N_)(info, (k * N + n0) * size, n * size, tile.subarray(k * n * size));
        quantizeInto(transposeStored(tile, info.dataType, K, n, rows), n, n0);
    }
    return { packed, bad };
}
/**
 * Transposes a row-major [rows, cols] matrix of stored values (float32, float16, bfloat16 or float64 bytes)
 * into float32 `out`, widening on the way, tile by tile and writing each output row in order (a plain loop
 * misses the cache on every write). Non-finite values pass through: the kernels refuse them.
 */
function transposeStored(bytes, dataType, rows, cols, out) {
    const count = rows * cols;
    // In the WebAssembly kernels' memory (`stagingBytes` into `rowsBuffer`): by their SIMD transpose.
    const kind = dataType === dtype/* DataType */.pe.FLOAT ? 0 : dataType === dtype/* DataType */.pe.FLOAT16 ? 1 : dataType === dtype/* DataType */.pe.BFLOAT16 ? 2 : -1;
    if (kind >= 0 && (0,blockwise/* transposeInKernels */.t3)(bytes, kind, rows, cols, out))
        return out;
    if (dataType === dtype/* DataType */.pe.FLOAT)
        return transposeTiles(new Float32Array(bytes.buffer, bytes.byteOffset, count), rows, cols, out);
    if (dataType === dtype/* DataType */.pe.DOUBLE)
        return transposeTiles(new Float64Array(bytes.buffer, bytes.byteOffset, count), rows, cols, out);
    const half = new Uint16Array(bytes.buffer, bytes.byteOffset, count);
    if (dataType === dtype/* DataType */.pe.FLOAT16) {
        // The same tiles, each value looked up in the table of all float16 values; written out rather than
        // through forTiles: V8 does not inline this closure, and the call per column cost 1.6× the loop.
        const table = (0,onnx_float16/* float16Table */.u7)();
        for (let r0 = 0; r0 < rows; r0 += TRANSPOSE_TILE) {
            const r1 = Math.min(rows, r0 + TRANSPOSE_TILE);
            for (let c0 = 0; c0 < cols; c0 += TRANSPOSE_TILE) {
                const c1 = Math.min(cols, c0 + TRANSPOSE_TILE);
                for (let c = c0; c < c1; c++) {
                    const base = c * rows;
                    for (let r = r0, i = r0 * cols + c; r < r1; r++, i += cols)
                        out[base + r] = table[half[i]];
                }
            }
        }
        return out;
    }
    // bfloat16 is the top half of a float32: shift the bits into an integer view of `out`.
    const bits = new Int32Array(out.buffer, out.byteOffset, count);
    forTiles(rows, cols, (r0, r1, c) => {
        const base = c * rows;
        for (let r = r0; r < r1; r++)
            bits[base + r] = half[r * cols + c] << 16;
    });
    return out;
}
/** Side of the square tiles the transpose moves at a time. */
const TRANSPOSE_TILE = 64;
/** Calls `column(r0, r1, c)` for each column of each tile: rows r0..r1 of column c. */
function forTiles(rows, cols, column) {
    for (let r0 = 0; r0 < rows; r0 += TRANSPOSE_TILE) {
        const r1 = Math.min(rows, r0 + TRANSPOSE_TILE);
        for (let c0 = 0; c0 < cols; c0 += TRANSPOSE_TILE) {
            const c1 = Math.min(cols, c0 + TRANSPOSE_TILE);
            for (let c = c0; c < c1; c++)
                column(r0, r1, c);
        }
    }
}
function transposeTiles(values, rows, cols, out) {
    forTiles(rows, cols, (r0, r1, c) => {
        const base = c * rows;
        for (let r = r0; r < r1; r++)
            out[base + r] = values[r * cols + c];
    });
    return out;
}
/** The slices of a layer's packed arrays holding rows [n0, n0 + n). */
function rowsOf(m, n0, n) {
    const rowCodes = m.kBlocks * (0,layout/* blobSize */.LE)(m.bits, m.blockSize);
    const zpRow = (0,layout/* zeroPointRowBytes */._U)(m.kBlocks, m.bits);
    return {
        codes: m.codes.subarray(n0 * rowCodes, (n0 + n) * rowCodes),
        scales: m.scales.subarray(n0 * m.kBlocks, (n0 + n) * m.kBlocks),
        zeroPoints: m.zeroPoints ? m.zeroPoints.subarray(n0 * zpRow, (n0 + n) * zpRow) : null,
    };
}
/** Copies a packed tile (rows n0.., blocks b0..) into the layer's packed matrix. */
function place(into, tile, n0, b0) {
    const blob = (0,layout/* blobSize */.LE)(into.bits, into.blockSize);
    const zpRow = (0,layout/* zeroPointRowBytes */._U)(into.kBlocks, into.bits);
    if (b0 === 0 && tile.kBlocks === into.kBlocks) {
        into.codes.set(tile.codes, n0 * into.kBlocks * blob);
        into.scales.set(tile.scales, n0 * into.kBlocks);
        if (into.zeroPoints && tile.zeroPoints)
            into.zeroPoints.set(tile.zeroPoints, n0 * zpRow);
        return;
    }
    const tileZpRow = (0,layout/* zeroPointRowBytes */._U)(tile.kBlocks, tile.bits);
    const zpAt = (b0 * into.bits) / 8; // whole bytes: b0 is a multiple of 4 blocks
    for (let r = 0; r < tile.N; r++) {
        const n = n0 + r;
        into.codes.set(tile.codes.subarray(r * tile.kBlocks * blob, (r + 1) * tile.kBlocks * blob), (n * into.kBlocks + b0) * blob);
        into.scales.set(tile.scales.subarray(r * tile.kBlocks, (r + 1) * tile.kBlocks), n * into.kBlocks + b0);
        if (into.zeroPoints && tile.zeroPoints) {
            into.zeroPoints.set(tile.zeroPoints.subarray(r * tileZpRow, (r + 1) * tileZpRow), n * zpRow + zpAt);
        }
    }
}
/** The packed tensors of one layer, named on first use (a tied table needs both layouts). */
class PackedTensors {
    name;
    layer;
    names;
    prologue;
    codes;
    gatherCodes;
    scales;
    zeroPoints;
    castScales = new Map();
    /** Super-block layers: the computed scales and zero points, by the type the op computes in. */
    superBlockStored;
    superBlockComputed = new Map();
    superBlocks;
    planned = [];
    scaleType;
    matmul;
    gather;
    bits;
    blockSize;
    constructor(name, layer, a, names, prologue) {
        this.name = name;
        this.layer = layer;
        this.names = names;
        this.prologue = prologue;
        this.scaleType = (0,layout/* scaleDataType */.Ry)(layer);
        this.bits = a.bits;
        this.blockSize = a.blockSize;
        this.superBlocks = (0,layout/* superBlockLayout */.L)(layer, a.bits, a);
        const shape = { ...(0,layout/* matmulShape */.CZ)(layer), bits: a.bits, blockSize: a.blockSize };
        this.matmul = (0,layout/* matmulNBitsShapes */.XW)(shape, a.symmetric);
        this.gather = (0,layout/* gatherBlockQuantizedShapes */.Qy)(shape, a.symmetric);
    }
    plan(base, dims, dataType, fill) {
        const name = this.names.fresh(base);
        this.planned.push({ name, dims, dataType, fill });
        return name;
    }
    /** The tensors, filled from the quantized layer and handed to the sink, in the order they were named. */
    emit(m, sink) {
        return this.planned.map((p) => {
            const bytes = p.fill(m);
            return { proto: sink.add(p.name, p.dims, p.dataType, bytes), bytes: bytes.byteLength };
        });
    }
    /** A fresh value or node name in the graph being rewritten. */
    freshName(base) {
        return this.names.fresh(base);
    }
    matmulCodes() {
        if (this.codes)
            return this.codes;
        const dims = this.matmul.codes;
        const shape = { ...(0,layout/* matmulShape */.CZ)(this.layer), bits: this.bits, blockSize: this.blockSize };
        if (this.layer.tied && (0,layout/* tiedCodesShared */.OR)(shape)) {
            // A tied table stores its codes once, in the Gather layout (the same bytes when K fills whole
            // blocks); MatMulNBits reads them through a Reshape that onnxruntime folds into a constant.
            const target = this.plan(`${this.name}_Q${this.bits}_shape`, layout/* TIED_RESHAPE_SHAPE_DIMS */.ky, dtype/* DataType */.pe.INT64, () => rewrite_bytesOf(BigInt64Array.from(dims.map(BigInt))));
            this.codes = this.names.fresh(`${this.name}_Q${this.bits}`);
            this.prologue.push({
                input: [this.gatherData(), target],
                output: [this.codes],
                name: this.names.fresh(`${this.name}_reshape`),
                opType: 'Reshape',
            });
            return this.codes;
        }
        this.codes = this.plan(`${this.name}_Q${this.bits}`, dims, dtype/* DataType */.pe.UINT8, (m) => m.codes);
        return this.codes;
    }
    gatherData() {
        this.gatherCodes ??= this.plan(`${this.name}_Q${this.bits}_rows`, this.gather.codes, dtype/* DataType */.pe.UINT8, (m) => (0,blockwise/* gatherLayout */.SG)(m));
        return this.gatherCodes;
    }
    storedScales(multiplier) {
        const raw = (m) => {
            const values = multiplier === 1 ? m.scales : m.scales.map((s) => s * multiplier);
            if (this.scaleType !== dtype/* DataType */.pe.FLOAT16)
                return rewrite_bytesOf(values);
            const half = new Uint16Array(values.length);
            (0,onnx_float16/* float32ToFloat16Into */.EX)(values, half);
            return rewrite_bytesOf(half);
        };
        if (multiplier !== 1)
            return this.plan(`${this.name}_scales`, this.matmul.scales, this.scaleType, raw);
        this.scales ??= this.plan(`${this.name}_scales`, this.matmul.scales, this.scaleType, raw);
        return this.scales;
    }
    /**
     * A super-block layer's computed scales and correction matrix for an op computing in `opType` (see
     * quant/super-block-graph.ts); null for other layers. Its stored tensors are planned once.
     */
    superBlockTensors(opType, multiplier = 1) {
        if (!this.superBlocks)
            return null;
        const key = `${opType}:${multiplier}`;
        let found = this.superBlockComputed.get(key);
        if (!found) {
            const { K, N } = (0,layout/* matmulShape */.CZ)(this.layer);
            this.superBlockStored ??= planSuperBlockTensors(this.name, N, K, this.superBlocks, (base, dims, dataType, fill) => this.plan(base, dims, dataType, fill));
            const made = superBlockLayerNodes(this.name, this.superBlockStored, opType, multiplier, (base) => this.names.fresh(base));
            this.prologue.push(...made.nodes);
            found = made.tensors;
            this.superBlockComputed.set(key, found);
        }
        return found;
    }
    /** The scales as an op computing in `opType` reads them: cast (once, constant-folded) when stored otherwise. */
    scaleTensor(opType, multiplier = 1) {
        const superBlocks = this.superBlockTensors(opType, multiplier);
        if (superBlocks)
            return superBlocks.scales;
        const stored = this.storedScales(multiplier);
        if (opType === this.scaleType)
            return stored;
        const key = `${stored}:${opType}`;
        let cast = this.castScales.get(key);
        if (!cast) {
            cast = this.names.fresh(`${stored}_${(0,dtype/* dataTypeName */.Ym)(opType)}`);
            this.prologue.push(castTo(stored, cast, this.names.fresh(`${stored}_cast`), opType));
            this.castScales.set(key, cast);
        }
        return cast;
    }
    zeroPointTensor() {
        if (this.superBlocks)
            return null; // symmetric MatMulNBits plus a correction by block
        if (this.zeroPoints === undefined) {
            const dims = this.matmul.zeroPoints;
            this.zeroPoints = dims ? this.plan(`${this.name}_zp`, dims, dtype/* DataType */.pe.UINT8, (m) => m.zeroPoints) : null;
        }
        return this.zeroPoints;
    }
}
/** The type a contrib op computes in for a reader computing in `readType`: float16 stays, all else float. */
function opTypeFor(readType) {
    return readType === dtype/* DataType */.pe.FLOAT16 ? dtype/* DataType */.pe.FLOAT16 : dtype/* DataType */.pe.FLOAT;
}
function matmulNBits(a, t, K, N, output, name, opType, scaleMultiplier = 1) {
    const zp = t.zeroPointTensor();
    const inputs = [a, t.matmulCodes(), t.scaleTensor(opType, scaleMultiplier)];
    if (zp)
        inputs.push(zp);
    const superBlocks = t.superBlockTensors(opType, scaleMultiplier);
    const main = superBlocks ? t.freshName(`${output}_main`) : output;
    const op = {
        input: inputs,
        output: [main],
        name,
        opType: 'MatMulNBits',
        domain: layout/* MS_DOMAIN */.sS,
        attribute: [rewrite_intAttr('K', K), rewrite_intAttr('N', N), rewrite_intAttr('bits', t.bits), rewrite_intAttr('block_size', t.blockSize)],
    };
    if (!superBlocks)
        return [op];
    return [op, ...superBlockUseNodes(t.name, a, main, output, superBlocks, opType, (base) => t.freshName(base))];
}
/** The node a use names, checked: an inventory of another model must not rewrite the wrong node. */
function readerOf(model, every, use) {
    const node = every[use.nodeId];
    if (!node || node.opType !== use.op || (node.name ?? '') !== use.nodeName) {
        throw new Error(`${model.path}: the inventory does not describe this model (node ${use.nodeId} is not ${use.op} '${use.nodeName}')`);
    }
    return node;
}
/**
 * The replacement of one reader. The op computes in `opTypeFor(readType)`; when the reader computed in
 * another type (bfloat16, double), its activation input is cast to the op's type and its output back.
 */
function rewriteUse(node, use, layer, t, names, readType) {
    const { K, N } = (0,layout/* matmulShape */.CZ)(layer);
    const { bits, blockSize } = t;
    const nodeName = node.name || names.fresh(`${t.name}_reader`);
    // The analysis gave these readers their role from these very inputs and outputs.
    const [input = '', indices = ''] = node.input;
    const [output = ''] = node.output;
    const opType = opTypeFor(readType);
    const wrapped = opType !== readType;
    const before = [];
    const activation = (input) => {
        if (!wrapped)
            return input;
        const cast = names.fresh(`${input}_${(0,dtype/* dataTypeName */.Ym)(opType)}`);
        before.push(castTo(input, cast, names.fresh(`${nodeName}_in_cast`), opType));
        return cast;
    };
    /** The op's output: the reader's own name, or a temporary cast back to the reader's type. */
    const result = (output) => {
        if (!wrapped)
            return { name: output, after: [] };
        const tmp = names.fresh(`${output}_${(0,dtype/* dataTypeName */.Ym)(opType)}`);
        return { name: tmp, after: [castTo(tmp, output, names.fresh(`${nodeName}_out_cast`), readType)] };
    };
    switch (use.role) {
        case 'matmul': {
            const out = result(output);
            return [...before, ...matmulNBits(activation(input), t, K, N, out.name, `${nodeName}_Q${bits}`, opType), ...out.after];
        }
        case 'gemm': {
            const alpha = attr(node, 'alpha')?.f ?? 1;
            const beta = attr(node, 'beta')?.f ?? 1;
            const bias = node.input[2];
            const a = activation(input);
            if (!bias) {
                const out = result(output);
                return [...before, ...matmulNBits(a, t, K, N, out.name, `${nodeName}_Q${bits}`, opType, alpha), ...out.after];
            }
            // The bias is added in the reader's own type, after the product is cast back.
            const product = names.fresh(`${output}_matmul`);
            const productOut = result(product);
            const out = [
                ...before,
                ...matmulNBits(a, t, K, N, productOut.name, `${nodeName}_Q${bits}`, opType, alpha),
                ...productOut.after,
            ];
            let c = bias;
            if (beta !== 1) {
                const betaName = names.fresh(`${nodeName}_beta`);
                c = names.fresh(`${bias}_scaled`);
                out.push({
                    input: [],
                    output: [betaName],
                    name: betaName,
                    opType: 'Constant',
                    attribute: [{ name: 'value_float', type: schema/* AttributeType */.jQ.FLOAT, f: beta }],
                });
                if (readType !== dtype/* DataType */.pe.FLOAT) {
                    const typed = names.fresh(`${betaName}_${(0,dtype/* dataTypeName */.Ym)(readType)}`);
                    out.push(castTo(betaName, typed, names.fresh(`${nodeName}_beta_cast`), readType));
                    out.push({ input: [bias, typed], output: [c], name: names.fresh(`${nodeName}_bias_scale`), opType: 'Mul' });
                }
                else {
                    out.push({ input: [bias, betaName], output: [c], name: names.fresh(`${nodeName}_bias_scale`), opType: 'Mul' });
                }
            }
            out.push({ input: [product, c], output: [output], name: names.fresh(`${nodeName}_bias`), opType: 'Add' });
            return out;
        }
        case 'gather': {
            const axis = (0,schema/* int64ToNumber */.o3)(attr(node, 'axis')?.i ?? 0);
            if (axis !== 0)
                throw new errors/* BadInputError */.Ys(`layer '${t.name}': a Gather on axis ${axis} cannot be block-quantized`);
            const zp = t.zeroPointTensor();
            const inputs = [t.gatherData(), indices, t.scaleTensor(opType)];
            if (zp)
                inputs.push(zp);
            const out = result(output);
            return [
                {
                    input: inputs,
                    output: [out.name],
                    name: `${nodeName}_Q${bits}`,
                    opType: 'GatherBlockQuantized',
                    domain: layout/* MS_DOMAIN */.sS,
                    attribute: [rewrite_intAttr('gather_axis', 0), rewrite_intAttr('quantize_axis', 1), rewrite_intAttr('block_size', blockSize), rewrite_intAttr('bits', bits)],
                },
                ...out.after,
            ];
        }
        default:
            // Planned widths are checked against the op first: any other reader keeps the original tensor.
            return null;
    }
}
/** The graph and every subgraph in it. */
function graphsOf(graph) {
    const out = [graph];
    for (let i = 0; i < out.length; i++)
        for (const node of out[i].node)
            out.push(...(0,analyze_graph/* subgraphsOf */.RQ)(node));
    return out;
}
/**
 * Drops Identity/Transpose/Cast nodes left reading a replaced weight with nobody reading their output, in
 * the graph and its subgraphs (whose node lists are this rewrite's own copies).
 */
function removeDeadReaders(top, replaced) {
    const dead = new Set(replaced);
    for (;;) {
        const graphs = graphsOf(top);
        const read = new Set(graphs.flatMap((g) => g.node.flatMap((n) => n.input)));
        const outputs = new Set(graphs.flatMap((g) => g.output.map((o) => o.name)));
        let removed = 0;
        for (const g of graphs) {
            const before = g.node.length;
            g.node = g.node.filter((n) => {
                const removable = (n.opType === 'Identity' || n.opType === 'Transpose' || n.opType === 'Cast') &&
                    n.input.some((i) => dead.has(i)) &&
                    n.output.every((o) => !read.has(o) && !outputs.has(o));
                if (removable)
                    n.output.forEach((o) => dead.add(o));
                return !removable;
            });
            removed += before - g.node.length;
        }
        if (removed === 0)
            return;
    }
}


/***/ }),

/***/ 4791:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ad: () => (/* binding */ nonFiniteWeights),
/* harmony export */   B6: () => (/* binding */ superBlockOutputs),
/* harmony export */   F$: () => (/* binding */ quantizeSuperBlocks),
/* harmony export */   NF: () => (/* binding */ FactorRangeError),
/* harmony export */   Te: () => (/* binding */ SUPER_BLOCK_MIN_OPSET),
/* harmony export */   Zi: () => (/* binding */ checkFactors),
/* harmony export */   um: () => (/* binding */ superBlockMatrix),
/* harmony export */   x$: () => (/* binding */ superBlockParams),
/* harmony export */   zN: () => (/* binding */ FACTOR_UNIT)
/* harmony export */ });
/* unused harmony exports effectiveScale, NonFiniteWeights, quantizeSuperBlocksJs, unpackIndices */
/* harmony import */ var _formats_layout_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5128);
/* harmony import */ var _onnx_float16_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8914);
/* harmony import */ var _blockwise_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9538);
/* harmony import */ var _kernels_js_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3561);
/**
 * Super-block quantization: llama.cpp's k-quants layout (q4_K, q2_K) carried by MatMulNBits.
 *
 * Each block of 32 (INT4) or 16 (INT2) values has its own scale and minimum, as in an asymmetric block, but
 * they are stored as small integer indices (6 bits at INT4, 4 bits at INT2) of two float16 factors shared
 * by the 256 values of a super-block: scale = d · i_scale, offset = dmin · i_min, and a value is
 * scale · code − offset. That is q4_K's 4.5 and q2_K's 2.625 bits per weight, where MatMulNBits' own
 * asymmetric layout needs 4.625 (INT4, block 32, float16 scales) and gets a higher error: its zero point is
 * an integer, so the offset can only be a whole number of steps.
 *
 * In the file: the codes in MatMulNBits' layout, the packed indices, and d and dmin; constant nodes
 * (quant/super-block-graph.ts, folded by onnxruntime at load) turn them into the scales of a symmetric
 * MatMulNBits and a per-block correction, so that each value is scale · (code − zero), zero = offset / scale.
 * The codes here are computed for exactly the scales and zero points those nodes compute (`effectiveScale`).
 *
 * The search, per super-block: each block's scale and minimum by llama.cpp's `make_qkx2_quants` (candidate
 * scales, each followed by a weighted least-squares fit of scale and minimum), without its absolute-error
 * option; the indices from d and dmin; then one refinement that fits d and dmin to the codes by least
 * squares and tries each block's indices ±1. Measured in `npm run bench` (error columns) against k-quants'
 * own numbers from the same matrices.
 */




const f32 = Math.fround;
/** The default-domain opset the scale nodes need (Mod). */
const SUPER_BLOCK_MIN_OPSET = 10;
/**
 * The scale and zero point MatMulNBits reads for a block, as the constant nodes compute them: the scale
 * f32(d · i_scale), rounded to float16 for a float16 model; the zero point f32(f32(dmin · i_min) / scale),
 * also rounded for a float16 model. The graph's arithmetic in the same order, so these are bit-exact.
 */
function effectiveScale(d, dmin, iScale, iMin, float16) {
    const scale = blockScale(d, iScale, float16);
    return { scale, zero: blockZero(dmin, iMin, scale, float16) };
}
/** effectiveScale's scale (the hot loops call the two halves: no object, and the scale serves three zero points). */
function blockScale(d, iScale, float16) {
    const scale = f32(iScale * d);
    return float16 ? toHalf(scale) : scale;
}
/** effectiveScale's zero point for a block of that scale. */
function blockZero(dmin, iMin, scale, float16) {
    const zero = f32(f32(iMin * dmin) / scale);
    return float16 ? toHalf(zero) : zero;
}
/**
 * d and dmin are stored as float16 multiples of this unit (the scale nodes multiply by it, exactly: a power
 * of two), which moves float16's range [6.1e-5, 65504] to [6.0e-8, 64]: full precision for layers whose
 * values have a standard deviation from about 1.4e-5 to 1.5e4 (d is about σ/230). Unscaled, float16's
 * subnormals would cost precision from σ ≈ 0.014 down, and zero layers below σ ≈ 1e-7.
 */
const FACTOR_UNIT = 2 ** -10;
/** d or dmin rounded to what is stored: a float16 multiple of FACTOR_UNIT. */
const roundFactor = (v) => (0,_kernels_js_js__WEBPACK_IMPORTED_MODULE_3__/* .roundToFloat16 */ .Nl)(v / FACTOR_UNIT) * FACTOR_UNIT;
/** Below this (in units, 1/8 of float16's smallest normal: about 1% steps) d is refused rather than coarse. */
const SMALLEST_FACTOR = 2 ** -17;
/** A layer whose values are too small for the float16 factors (the rewrite names it: exit 2). */
class FactorRangeError extends RangeError {
}
/** A float32 cast to float16 as onnxruntime's Cast does it: beyond float16's range, infinite. */
const toHalf = (v) => (Math.abs(v) >= 65520 ? v * Infinity : (0,_kernels_js_js__WEBPACK_IMPORTED_MODULE_3__/* .roundToFloat16 */ .Nl)(v));
/**
 * Math.max(0, Math.min(nmax, Math.round(v))) for an integer nmax ≥ 1, the same number for every v (NaN stays
 * NaN, never −0), without the three calls' NaN and −0 handling in the hot loops. From 0.5 up, v + 0.5 is
 * exact or cannot round across an integer, so its floor is Math.round(v); below 0.5 the clamp gives 0.
 */
function level(v, nmax) {
    return v >= 0.5 ? (v >= nmax ? nmax : Math.floor(v + 0.5)) : v === v ? 0 : NaN;
}
/**
 * level(v, nmax) for |v| < 2³⁰, without branches (their mispredictions cost more than the arithmetic): in int32,
 * floor(v + 0.49999999999999994) is Math.round(v) from 0 up (v + 0.5 is not, at v = 0.5 − 2⁻⁵⁴), and
 * truncating instead of flooring differs only below 0, where the clamp gives 0 either way.
 */
function levelInt(v, nmax) {
    const t = (v + 0.49999999999999994) | 0;
    const c = t & ~(t >> 31);
    const d = nmax - c;
    return c + (d & (d >> 31));
}
/** Whether levelInt takes v1 and v2, and so (the operations being monotonic) any value computed between them. */
const levelsFit = (v1, v2) => Math.abs(v1) < 2 ** 30 && Math.abs(v2) < 2 ** 30;
/** Thrown for NaN or infinite weights (the rewrite counts and reports them). */
class NonFiniteWeights extends RangeError {
}
/**
 * make_qkx2_quants' search for the block of n values at x[o], weights w[o]: a scale ≥ 0 and a minimum ≥ 0 (the
 * value is scale · l − min), written to fit[0] and fit[1], the block's smallest and largest value to fit[2] and
 * fit[3]. `l` holds the codes of the candidate last tried; `unit`: all weights are 1.
 */
function fitBlock(x, o, n, nmax, w, rmin, steps, l, back, fit, unit) {
    let lo = x[o];
    let hi = lo;
    let sw = 0;
    let sx = 0;
    for (let i = o; i < o + n; i++) {
        const v = x[i];
        if (v < lo)
            lo = v;
        if (v > hi)
            hi = v;
        sw += w[i];
        sx += w[i] * v;
    }
    const low = lo;
    fit[2] = low;
    fit[3] = hi;
    if (lo > 0)
        lo = 0;
    if (hi === lo) {
        fit[0] = 0;
        fit[1] = -lo;
        return;
    }
    let bestScale = (hi - lo) / nmax;
    let bestMin = lo;
    let best = 0;
    const inv0 = nmax / (hi - lo);
    const fast0 = levelsFit(inv0 * (low - lo), inv0 * (hi - lo));
    for (let i = o; i < o + n; i++) {
        const v = x[i];
        const y = inv0 * (v - lo);
        const e = bestScale * (fast0 ? levelInt(y, nmax) : level(y, nmax)) + lo - v;
        best += w[i] * e * e;
    }
    // As in llama.cpp, each candidate grid starts at the best minimum so far (not at the block's minimum).
    // A candidate whose codes equal the previous one's has its fit and error, so it cannot be better: skipped.
    // (A grid of infinite step gives NaN codes, seen and stored as 0; NaN sums skip it anyway, the next one counts.)
    let fresh = true;
    for (let step = 0; step <= steps; step++) {
        const inv = (rmin + 0.1 * step + nmax) / (hi - bestMin);
        const changed = fresh;
        fresh = !Number.isFinite(inv);
        const fast = levelsFit(inv * (low - bestMin), inv * (hi - bestMin));
        let diff = 0;
        let sl = 0;
        let sl2 = 0;
        let sxl = 0;
        if (fast && unit) {
            // Weights of 1: w · q is q, and the integer sums are exact in any order.
            let ql = 0;
            let ql2 = 0;
            for (let i = 0; i < n; i++) {
                const v = x[o + i];
                const q = levelInt(inv * (v - bestMin), nmax);
                diff |= q ^ l[i];
                l[i] = q;
                ql += q;
                ql2 += q * q;
                sxl += q * v;
            }
            sl = ql;
            sl2 = ql2;
        }
        else if (fast) {
            for (let i = 0; i < n; i++) {
                const v = x[o + i];
                const q = levelInt(inv * (v - bestMin), nmax);
                diff |= q ^ l[i];
                l[i] = q;
                const wq = w[o + i] * q;
                sl += wq;
                sl2 += wq * q;
                sxl += wq * v;
            }
        }
        else {
            for (let i = 0; i < n; i++) {
                const v = x[o + i];
                const q = level(inv * (v - bestMin), nmax);
                diff |= q ^ l[i];
                l[i] = q;
                const wq = w[o + i] * q;
                sl += wq;
                sl2 += wq * q;
                sxl += wq * v;
            }
        }
        if (!changed && diff === 0)
            continue;
        const det = sw * sl2 - sl * sl;
        if (!(det > 0))
            continue;
        let scale = (sw * sxl - sx * sl) / det;
        let min = (sl2 * sx - sl * sxl) / det;
        if (min > 0) {
            min = 0;
            scale = sxl / sl2;
        }
        // The value each code stands for, scale · l + min, once per code instead of once per value.
        for (let k = 0; k <= nmax; k++)
            back[k] = scale * k + min;
        const e = unit ? squaredError(x, o, n, l, back) : weightedError(x, o, n, w, l, back);
        if (e < best) {
            best = e;
            bestScale = scale;
            bestMin = min;
        }
    }
    fit[0] = bestScale;
    fit[1] = -bestMin;
}
/** Σ w·r·r over the block for r = back[l[i]] − x[o + i], in order. */
function weightedError(x, o, n, w, l, back) {
    let e = 0;
    for (let i = 0; i < n; i++) {
        const r = back[l[i]] - x[o + i];
        e += w[o + i] * r * r;
    }
    return e;
}
/** weightedError for weights of 1 (1 · r is r). */
function squaredError(x, o, n, l, back) {
    let e = 0;
    for (let i = 0; i < n; i++) {
        const r = back[l[i]] - x[o + i];
        e += r * r;
    }
    return e;
}
/**
 * Σ w·r·r over the block for r = back[q] − x[o + i], q the code of scaled[i] + zero: the error of one pair of
 * indices in the refinement (`fast`: the codes fit levelInt; `unit`: weights of 1).
 */
function indexError(x, o, n, w, scaled, zero, nmax, back, fast, unit) {
    let e = 0;
    if (fast && unit) {
        for (let i = 0; i < n; i++) {
            const r = back[levelInt(scaled[i] + zero, nmax)] - x[o + i];
            e += r * r;
        }
    }
    else if (fast) {
        for (let i = 0; i < n; i++) {
            const r = back[levelInt(scaled[i] + zero, nmax)] - x[o + i];
            e += w[o + i] * r * r;
        }
    }
    else {
        for (let i = 0; i < n; i++) {
            const r = back[level(scaled[i] + zero, nmax)] - x[o + i];
            e += w[o + i] * r * r;
        }
    }
    return e;
}
/** Codes for the values x[0, perSuper · blockSize) at each block's indices (the op's scale and zero point). */
function codesOf(scratch, perSuper, blockSize, nmax, d, dmin, float16) {
    const { x, q, iScale, iMin, blockLo, blockHi } = scratch;
    for (let j = 0; j < perSuper; j++) {
        const scale = blockScale(d, iScale[j], float16);
        const zero = blockZero(dmin, iMin[j], scale, float16);
        const b = j * blockSize;
        const lo = blockLo[j];
        const hi = blockHi[j];
        if (levelsFit(lo / scale + zero, hi / scale + zero)) {
            for (let i = b; i < b + blockSize; i++)
                q[i] = levelInt(x[i] / scale + zero, nmax);
        }
        else {
            for (let i = b; i < b + blockSize; i++)
                q[i] = level(x[i] / scale + zero, nmax);
        }
    }
}
/** Scratch arrays of one call, allocated once (a class: one stable shape for the optimized search). */
class Scratch {
    /** The super-block's values as float64, and their weights. */
    x = new Float64Array(_formats_layout_js__WEBPACK_IMPORTED_MODULE_0__/* .SUPER_BLOCK */ .sy);
    w = new Float64Array(_formats_layout_js__WEBPACK_IMPORTED_MODULE_0__/* .SUPER_BLOCK */ .sy);
    /** Codes of the super-block. */
    q = new Uint8Array(_formats_layout_js__WEBPACK_IMPORTED_MODULE_0__/* .SUPER_BLOCK */ .sy);
    /** Codes of a block's last candidate. */
    l;
    /** A block's values divided by one scale. */
    scaled;
    /** The value each code stands for. */
    back;
    /** fitBlock's results. */
    fit = new Float64Array(4);
    /** The super-block's d and dmin (an array, not an object: d can be the integer 1, whose field would deoptimize). */
    factors = new Float64Array(2);
    fitScale;
    fitMin;
    /** Each block's smallest and largest value. */
    blockLo;
    blockHi;
    iScale;
    iMin;
    constructor(blockSize, perSuper, nmax) {
        this.l = new Uint8Array(blockSize);
        this.scaled = new Float64Array(blockSize);
        this.back = new Float64Array(nmax + 1);
        this.fitScale = new Float64Array(perSuper);
        this.fitMin = new Float64Array(perSuper);
        this.blockLo = new Float64Array(perSuper);
        this.blockHi = new Float64Array(perSuper);
        this.iScale = new Int32Array(perSuper);
        this.iMin = new Int32Array(perSuper);
    }
}
/**
 * One super-block's search, on scratch.x (its values) starting at column `column` of the row: the weights, each
 * block's scale and minimum, the indices of two shared factors d and dmin, one refinement. Leaves the indices
 * in scratch.iScale / iMin, the codes in scratch.q, d and dmin in scratch.factors.
 */
function searchSuperBlock(scratch, column, format, perSuper, bits, options) {
    const { x, w, q, l, scaled, back, fit, fitScale, fitMin, blockLo, blockHi, iScale, iMin } = scratch;
    const { blockSize, indexBits } = format;
    const { float16, magnitudeWeights, importance } = options;
    const nmax = (1 << bits) - 1;
    const imax = (1 << indexBits) - 1;
    // make_qkx2_quants' candidate grids: q4_K's (rmin −1, 21 steps) and q2_K's (rmin −0.5, 16 steps).
    const rmin = bits === 4 ? -1 : -0.5;
    const steps = bits === 4 ? 20 : 15;
    // Weights.
    for (let j = 0; j < perSuper; j++) {
        const b = j * blockSize;
        let sigma2 = 0;
        if (magnitudeWeights) {
            for (let i = b; i < b + blockSize; i++)
                sigma2 += x[i] * x[i];
            sigma2 /= blockSize;
        }
        for (let i = b; i < b + blockSize; i++) {
            const v = x[i];
            let weight = magnitudeWeights ? Math.sqrt(sigma2 + v * v) : 1;
            if (importance)
                weight *= importance[column + i];
            w[i] = weight;
        }
    }
    // Each block's scale and minimum, then the indices of two shared factors.
    const unit = !magnitudeWeights && !importance;
    let maxScale = 0;
    let maxMin = 0;
    for (let j = 0; j < perSuper; j++) {
        fitBlock(x, j * blockSize, blockSize, nmax, w, rmin, steps, l, back, fit, unit);
        fitScale[j] = fit[0];
        blockLo[j] = fit[2];
        blockHi[j] = fit[3];
        fitMin[j] = fit[1];
        maxScale = Math.max(maxScale, fit[0]);
        maxMin = Math.max(maxMin, fit[1]);
    }
    let dmin = roundFactor(maxMin / imax);
    // d > 0 always: the zero point divides by the scale. A super-block of constant blocks takes dmin's step.
    let d = roundFactor(maxScale / imax);
    if (!(d > 0))
        d = dmin > 0 ? dmin : 1;
    for (let j = 0; j < perSuper; j++) {
        iScale[j] = Math.max(1, Math.min(imax, Math.round(fitScale[j] / d)));
        iMin[j] = dmin > 0 ? Math.max(0, Math.min(imax, Math.round(fitMin[j] / dmin))) : 0;
    }
    // One refinement: d and dmin by weighted least squares on the codes (value ≈ d·(i_scale·q) − dmin·i_min),
    // then each block's indices ±1 around their current pair.
    codesOf(scratch, perSuper, blockSize, nmax, d, dmin, float16);
    let aa = 0;
    let ab = 0;
    let bb = 0;
    let ax = 0;
    let bx = 0;
    for (let j = 0; j < perSuper; j++) {
        for (let i = 0; i < blockSize; i++) {
            const k = j * blockSize + i;
            const a = iScale[j] * q[k];
            const b = -iMin[j];
            const v = x[k];
            const wk = w[k];
            aa += wk * a * a;
            ab += wk * a * b;
            bb += wk * b * b;
            ax += wk * a * v;
            bx += wk * b * v;
        }
    }
    const det = aa * bb - ab * ab;
    if (det > 0) {
        const nd = roundFactor((ax * bb - ab * bx) / det);
        const ndmin = roundFactor((aa * bx - ab * ax) / det);
        if (nd > 0 && ndmin >= 0) {
            d = nd;
            dmin = ndmin;
        }
    }
    for (let j = 0; j < perSuper; j++) {
        const b = j * blockSize;
        const lo = blockLo[j];
        const hi = blockHi[j];
        let best = Infinity;
        let bestScale = iScale[j];
        let bestMin = iMin[j];
        for (let is = Math.max(1, iScale[j] - 1); is <= Math.min(imax, iScale[j] + 1); is++) {
            // The block divided by this scale once, for its three zero points.
            const scale = blockScale(d, is, float16);
            for (let i = 0; i < blockSize; i++)
                scaled[i] = x[b + i] / scale;
            for (let im = Math.max(0, iMin[j] - 1); im <= Math.min(imax, iMin[j] + 1); im++) {
                const zero = blockZero(dmin, im, scale, float16);
                if (!Number.isFinite(zero))
                    continue;
                // Weighted squared error of the block at this pair of indices.
                for (let k = 0; k <= nmax; k++)
                    back[k] = f32((k - zero) * scale);
                const fast = levelsFit(lo / scale + zero, hi / scale + zero);
                const e = indexError(x, b, blockSize, w, scaled, zero, nmax, back, fast, unit);
                if (e < best) {
                    best = e;
                    bestScale = is;
                    bestMin = im;
                }
            }
        }
        iScale[j] = bestScale;
        iMin[j] = bestMin;
    }
    // A float16 zero point must stay finite: a block whose minimum is far beyond its scale takes a larger scale.
    for (let j = 0; j < perSuper; j++) {
        while (iScale[j] < imax && !Number.isFinite(blockZero(dmin, iMin[j], blockScale(d, iScale[j], float16), float16)))
            iScale[j]++;
    }
    codesOf(scratch, perSuper, blockSize, nmax, d, dmin, float16);
    scratch.factors[0] = d;
    scratch.factors[1] = dmin;
}
/** The kernels' parameters of a super-block quantization of rows of K (checked: K must split into super-blocks). */
function superBlockParams(K, bits, options) {
    const format = (0,_formats_layout_js__WEBPACK_IMPORTED_MODULE_0__/* .superBlockFormat */ .iX)(bits);
    if (!(0,_formats_layout_js__WEBPACK_IMPORTED_MODULE_0__/* .takesSuperBlocks */ .me)(K, bits))
        throw new RangeError(`super-blocks at INT${bits} cannot split K = ${K} into whole blocks`);
    return {
        K,
        bits,
        span: (0,_formats_layout_js__WEBPACK_IMPORTED_MODULE_0__/* .superBlockSpan */ .tK)(K, format),
        blockSize: format.blockSize,
        rowIndices: (0,_formats_layout_js__WEBPACK_IMPORTED_MODULE_0__/* .indexRowBytes */ .Sk)(K, format),
        float16: options.float16,
        magnitude: options.magnitudeWeights,
        importance: options.importance,
    };
}
/** Fresh outputs of a super-block quantization of N rows. */
function superBlockOutputs(N, p) {
    const kBlocks = p.K / p.blockSize;
    const supers = p.K / p.span;
    return {
        codes: new Uint8Array((N * p.K * p.bits) / 8),
        scales: new Float32Array(N * kBlocks),
        zeroPoints: new Float32Array(N * kBlocks),
        indices: new Uint8Array(N * p.rowIndices),
        superScales: new Uint16Array(N * supers),
        superMins: new Uint16Array(N * supers),
    };
}
/** The matrix of filled outputs. */
function superBlockMatrix(N, p, out) {
    const format = (0,_formats_layout_js__WEBPACK_IMPORTED_MODULE_0__/* .superBlockFormat */ .iX)(p.bits);
    const { codes, scales, zeroPoints, indices, superScales, superMins } = out;
    return {
        N,
        K: p.K,
        bits: p.bits,
        blockSize: p.blockSize,
        kBlocks: p.K / p.blockSize,
        codes,
        scales,
        zeroPoints: null,
        superBlocks: { format, indices, superScales, superMins, zeroPoints },
    };
}
/** The error for a super-block whose step d is below the float16 factors' range. */
function factorRangeError(d) {
    return new FactorRangeError(`its weights are too small for super-blocks' float16 factors (a step of ${d.toExponential(2)} in a super-block, below ${(SMALLEST_FACTOR * FACTOR_UNIT).toExponential(2)}): plan it without super-blocks`);
}
/**
 * Throws what the JavaScript quantizer throws for the first super-block (in row order) whose d is below the
 * factors' range: the WebAssembly one stores every d and leaves the check to this. d is positive and stored
 * exactly (a float16 multiple of FACTOR_UNIT), so its bits say it: below 2⁻¹⁷ units is a float16 subnormal under 128.
 */
function checkFactors(superScales) {
    const smallest = SMALLEST_FACTOR * 2 ** 24; // the float16 bits of SMALLEST_FACTOR (a subnormal)
    for (let i = 0; i < superScales.length; i++) {
        const bits = superScales[i];
        if (bits < smallest)
            throw factorRangeError(bits * 2 ** -24 * FACTOR_UNIT);
    }
}
/** The error for rows holding a NaN or infinite value: the first one's index. */
function nonFiniteWeights(rows) {
    for (let i = 0; i < rows.length; i++) {
        if (!Number.isFinite(rows[i]))
            return new NonFiniteWeights(`non-finite weight at ${i}`);
    }
    return null;
}
/**
 * Quantizes rows [N, K] (K as formats/layout.ts `superBlockSpan` allows) to super-blocks: the WebAssembly
 * kernels where they run (`implementation`), else `quantizeSuperBlocksJs`; the same bytes either way. The
 * result's `scales` are the scales MatMulNBits reads, its `superBlocks.zeroPoints` the float zero points;
 * `zeroPoints` (the integer ones) is null. Throws NonFiniteWeights, or FactorRangeError for a layer too small.
 */
function quantizeSuperBlocks(rows, N, K, bits, options, implementation = (0,_blockwise_js__WEBPACK_IMPORTED_MODULE_2__/* .kernelImplementation */ .AU)()) {
    const kernels = implementation === 'wasm' ? (0,_blockwise_js__WEBPACK_IMPORTED_MODULE_2__/* .wasmKernels */ .FY)() : null;
    if (!kernels)
        return quantizeSuperBlocksJs(rows, N, K, bits, options);
    const p = superBlockParams(K, bits, options);
    const out = superBlockOutputs(N, p);
    if (kernels.quantizeSuperBlocks(rows, N, K, p, out) > 0)
        throw nonFiniteWeights(rows.subarray(0, N * K));
    checkFactors(out.superScales);
    return superBlockMatrix(N, p, out);
}
/** quantizeSuperBlocks in JavaScript (float64 arithmetic): the fallback, and the reference of the WebAssembly twin. */
function quantizeSuperBlocksJs(rows, N, K, bits, options) {
    const p = superBlockParams(K, bits, options);
    const format = (0,_formats_layout_js__WEBPACK_IMPORTED_MODULE_0__/* .superBlockFormat */ .iX)(bits);
    const { span } = p;
    const { blockSize, indexBits } = format;
    const nmax = (1 << bits) - 1;
    const kBlocks = K / blockSize;
    const perSuper = span / blockSize;
    const supers = K / span;
    const rowIndexBytes = p.rowIndices;
    const out = superBlockOutputs(N, p);
    const { codes, scales, zeroPoints, indices, superScales, superMins } = out;
    const bad = nonFiniteWeights(rows.subarray(0, N * K));
    if (bad)
        throw bad;
    const scratch = new Scratch(blockSize, perSuper, nmax);
    for (let n = 0; n < N; n++) {
        for (let s = 0; s < supers; s++) {
            const o = n * K + s * span;
            const { x, iScale, iMin, q } = scratch;
            for (let k = 0; k < span; k++)
                x[k] = rows[o + k];
            searchSuperBlock(scratch, s * span, format, perSuper, bits, options);
            const d = scratch.factors[0];
            const dmin = scratch.factors[1];
            // Store: codes in MatMulNBits' layout (low bits first), the op's scales and zero points, the indices.
            const perByte = 8 / bits;
            const codeBase = (n * K + s * span) / perByte;
            for (let k = 0; k < span; k += perByte) {
                let byte = 0;
                for (let t = 0; t < perByte; t++)
                    byte |= q[k + t] << (t * bits);
                codes[codeBase + k / perByte] = byte;
            }
            for (let j = 0; j < perSuper; j++) {
                const scale = blockScale(d, iScale[j], options.float16);
                scales[n * kBlocks + s * perSuper + j] = scale;
                zeroPoints[n * kBlocks + s * perSuper + j] = blockZero(dmin, iMin[j], scale, options.float16);
            }
            packIndices(indices, n * rowIndexBytes + (s * perSuper * 2 * indexBits) / 8, iScale, iMin, perSuper, indexBits);
            if (d / FACTOR_UNIT < SMALLEST_FACTOR)
                throw factorRangeError(d);
            superScales[n * supers + s] = (0,_onnx_float16_js__WEBPACK_IMPORTED_MODULE_1__/* .float32ToFloat16Bits */ .AU)(d / FACTOR_UNIT);
            superMins[n * supers + s] = (0,_onnx_float16_js__WEBPACK_IMPORTED_MODULE_1__/* .float32ToFloat16Bits */ .AU)(dmin / FACTOR_UNIT);
        }
    }
    return superBlockMatrix(N, p, out);
}
/** Writes the (scale, minimum) index pairs of one super-block as a little-endian stream of `indexBits` values. */
function packIndices(out, at, iScale, iMin, count, indexBits) {
    let acc = 0;
    let held = 0;
    let pos = at;
    for (let t = 0; t < 2 * count; t++) {
        acc |= (t % 2 === 0 ? iScale[t >> 1] : iMin[t >> 1]) << held;
        held += indexBits;
        while (held >= 8) {
            out[pos++] = acc & 0xff;
            acc >>>= 8;
            held -= 8;
        }
    }
}
/** The index pairs of a row back from their packed bytes (what the constant nodes compute). */
function unpackIndices(bytes, count, indexBits) {
    const out = new Int32Array(count);
    const mask = (1 << indexBits) - 1;
    for (let i = 0; i < count; i++) {
        const bit = i * indexBits;
        const byte = bit >> 3;
        const word = bytes[byte] | ((bytes[byte + 1] ?? 0) << 8);
        out[i] = (word >> (bit & 7)) & mask;
    }
    return out;
}


/***/ }),

/***/ 1352:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  pA: () => (/* binding */ WasmKernels),
  C8: () => (/* binding */ callOf),
  lb: () => (/* binding */ quantizeAt),
  nW: () => (/* binding */ superBlocksAt)
});

;// CONCATENATED MODULE: ./src/quant/wasm/kernels-wasm.ts
// Generated by scripts/build-wasm.ts from src/quant/wasm/assembly/kernels.ts (npm run build:wasm): do not edit.
// prettier-ignore
const KERNELS_WASM_BASE64 = 'AGFzbQEAAAAB7QEaYAABf2AIf39/f39/f38Bf2ADf39/AX9gBX97e3t/AGAHf39/e3t/fwBgAXwBfGADf39/AGAHf39/fX9/fwBg' +
    'AXwBf2AGf39/fHx/AGAFf31/f38AYAR/f39/AX9gAn9/AGAGf3t7e39/AGAFf39/f38Bf2AAAGAIf39/f39/f38AYA9/f39/f39/' +
    'f39/f39/f38Bf2AHf39/f3x8fwBgBn9/fH9/fwF8YAV/f398fwBgBn9/f3x/fwBgBX9/f39/AGAOf39/f39/f39/f39/f38Bf2AH' +
    'f397e3t/fwBgDH9/f39/f39/f39/fwACEgEDZW52Bm1lbW9yeQIDAYCABAMiIQUGBwIICQoLAgwDDQMODwAQERITFBUWAQEAARcE' +
    'BBgAGQboBEh9AUMAAAAAC30BQwAAAAALfwFBAAt9AUMAAAAAC38BQQALfwFBAAt/AUEAC38BQQALfQFDAAAAAAt9AUMAAAAAC30B' +
    'QwAAAAALfQFDAAAAAAt/AUEAC38BQQALewH9DAAAAAAAAAAAAAAAAAAAAAALewH9DAAAAAAAAAAAAAAAAAAAAAALewH9DAAAAAAA' +
    'AAAAAAAAAAAAAAALfwFBAAt/AUEAC38BQQALfwFBAAt7Af0MAAAAAAAAAAAAAAAAAAAAAAt7Af0MAAAAAAAAAAAAAAAAAAAAAAt7' +
    'Af0MAAAAAAAAAAAAAAAAAAAAAAt7Af0MAAAAAAAAAAAAAAAAAAAAAAt7Af0MAAAAAAAAAAAAAAAAAAAAAAt7Af0MAAAAAAAAAAAA' +
    'AAAAAAAAAAt7Af0MAAAAAAAAAAAAAAAAAAAAAAt7Af0MAAAAAAAAAAAAAAAAAAAAAAt/AUEAC38BQQALfwFBAAt/AUEAC38BQQAL' +
    'fwFBAAt/AUEAC38BQQALfwFBAAt/AUEAC38BQQALfwFBAAt/AUEAC38BQQALfwFBAAt/AUEAC38BQQALfwFBAAt/AUEAC3sB/QwA' +
    'AAAAAAAAAAAAAAAAAAAAC38BQQALfwFBAAt/AUEAC38BQQALfwFBAAt/AUEAC38BQQALfwFBAAt/AUEAC38BQQALfwFBAAt/AUEA' +
    'C38BQQALfwFBAAt/AUEAC38BQQALfwFBAAt8AUQAAAAAAAAAAAt8AUQAAAAAAAAAAAt8AUQAAAAAAAAAAAt8AUQAAAAAAAAAAAt8' +
    'AUQAAAAAAAAAAAt8AUQAAAAAAAAAAAsHagcJdHJhbnNwb3NlABYIaGVhcEJhc2UAHwxzY3JhdGNoQnl0ZXMAGQhxdWFudGl6ZQAb' +
    'FnN1cGVyQmxvY2tTY3JhdGNoQnl0ZXMADxNxdWFudGl6ZVN1cGVyQmxvY2tzABEGbWVtb3J5AgAIAQ4Kwa8CIfIBAgJ/AnwgAEQA' +
    'AAAAAACQQKIiA5kiAEQAAAAAAPzvQGQEQEQAAAAAAPzvQCEACyAAtrwiAkEXdkHwAGtBAEwEfSAARAAAAAAAAHBBoiIAnCIERAAA' +
    'AAAAAPA/oCAEIAAgBKFEAAAAAAAA4D9mGyIERAAAAAAAAPC/oCAEIAT8BkIBg6cgBCAAoUQAAAAAAADgP2FxG0QAAAAAAABwPqK2' +
    'BSACQYBAcSIBQYBAayABIAJB/z9xIgJBgCBLBH9BAQUgAkGAIEYgAUGAwABxQQBHcQsbvgu7IgCaIAAgA0QAAAAAAAAAAGMbRAAA' +
    'AAAAAFA/oguRAgECfSABBEAjASMAIwGLIwCLXhuMQQEgAEEBa3QiALKVJAMgACQEBSMAIQMjASMAk0EBIAB0QQFrIgCylSIEQwAA' +
    'AABcBEBDAAAAACMAIASVkyEDCyADQwAAAABdBH9BAAUgAyAAsl4EfyAABSADu0QAAAAAAADgP6Cc/AILCyQEIAQkAwsgAgRAIwMi' +
    'BIsiA0MA4H9HXgRAQwDgf0chAwsgA7wiAEEXdkHwAGtBAEwEfSADu0QAAAAAAABwQaKeRAAAAAAAAHA+orYFIABBgEBxIgFBgEBr' +
    'IAEgAEH/P3EiAEGAIEsEf0EBBSAAQYAgRiABQYDAAHFBAEdxCxu+CyIDjCADIARDAAAAAF0bJAMLC4oLAgt7AX9DAACAPyADlUMA' +
    'AAAAIANDAAAAAFwb/RMhByAEsv0TIgj94QEhDUEBIAJ0QQFrsv0TIgkgCP3lASEOIAj9DAAAAEsAAABLAAAASwAAAEv95AEhD0EA' +
    'IQQDQCABIARKBEAgACAEQQJ0aiESIAZBAUYEeyAS/QAEACAH/eYBIAj95AH9DAAAAD8AAAA/AAAAPwAAAD/95AH9aCAJ/eoB/QwA' +
    'AABLAAAASwAAAEsAAABL/eQB/Qz/AAAA/wAAAP8AAAD/AAAA/U4hCiAS/QAEECAH/eYBIAj95AH9DAAAAD8AAAA/AAAAPwAAAD/9' +
    '5AH9aCAJ/eoB/QwAAABLAAAASwAAAEsAAABL/eQB/Qz/AAAA/wAAAP8AAAD/AAAA/U4hCyAS/QAEICAH/eYBIAj95AH9DAAAAD8A' +
    'AAA/AAAAPwAAAD/95AH9aCAJ/eoB/QwAAABLAAAASwAAAEsAAABL/eQB/Qz/AAAA/wAAAP8AAAD/AAAA/U4hDCAS/QAEMCAH/eYB' +
    'IAj95AH9DAAAAD8AAAA/AAAAPwAAAD/95AH9aCAJ/eoB/QwAAABLAAAASwAAAEsAAABL/eQB/Qz/AAAA/wAAAP8AAAD/AAAA/U4F' +
    'IAZBAkYEeyAOIA0gEv0ABAAgB/3mAf1q/esB/eoBIA/95AH9DAAAAEsAAABLAAAASwAAAEv9sQEhCiAOIA0gEv0ABBAgB/3mAf1q' +
    '/esB/eoBIA/95AH9DAAAAEsAAABLAAAASwAAAEv9sQEhCyAOIA0gEv0ABCAgB/3mAf1q/esB/eoBIA/95AH9DAAAAEsAAABLAAAA' +
    'SwAAAEv9sQEhDCAOIA0gEv0ABDAgB/3mAf1q/esB/eoBIA/95AH9DAAAAEsAAABLAAAASwAAAEv9sQEFIAn9DAAAAAAAAAAAAAAA' +
    'AAAAAAAgEv0ABAAgB/3mASAI/eQBIgr9aSILIAogC/3lAf0MAAAAPwAAAD8AAAA/AAAAP/1G/QwAAIA/AACAPwAAgD8AAIA//U79' +
    '5AH96wH96gH9DAAAAEsAAABLAAAASwAAAEv95AH9DP8AAAD/AAAA/wAAAP8AAAD9TiEKIAn9DAAAAAAAAAAAAAAAAAAAAAAgEv0A' +
    'BBAgB/3mASAI/eQBIgv9aSIMIAsgDP3lAf0MAAAAPwAAAD8AAAA/AAAAP/1G/QwAAIA/AACAPwAAgD8AAIA//U795AH96wH96gH9' +
    'DAAAAEsAAABLAAAASwAAAEv95AH9DP8AAAD/AAAA/wAAAP8AAAD9TiELIAn9DAAAAAAAAAAAAAAAAAAAAAAgEv0ABCAgB/3mASAI' +
    '/eQBIgz9aSIQIAwgEP3lAf0MAAAAPwAAAD8AAAA/AAAAP/1G/QwAAIA/AACAPwAAgD8AAIA//U795AH96wH96gH9DAAAAEsAAABL' +
    'AAAASwAAAEv95AH9DP8AAAD/AAAA/wAAAP8AAAD9TiEMIAn9DAAAAAAAAAAAAAAAAAAAAAAgEv0ABDAgB/3mASAI/eQBIhD9aSIR' +
    'IBAgEf3lAf0MAAAAPwAAAD8AAAA/AAAAP/1G/QwAAIA/AACAPwAAgD8AAIA//U795AH96wH96gH9DAAAAEsAAABLAAAASwAAAEv9' +
    '5AH9DP8AAAD/AAAA/wAAAP8AAAD9TgsLIRAgCiAL/YYBIAwgEP2GAf1mIQogAkEIRgRAIAQgBWogCv0LBAAFIAJBBEYEQCAFIARB' +
    'AXVqIAogCkEE/Y0B/VD9DP8A/wD/AP8A/wD/AP8A/wD9TiIKIAr9Zv1bAwAABSAFIARBAnVqIAogCkEG/a0B/VAiCiAKQQz9rQH9' +
    'UP0M/wAAAP8AAAD/AAAA/wAAAP1OIgogCv2GASIKIAr9Zv1aAgAACwsgBEEQaiEEDAELCwu0AwIFfwF9IAAjHyIEIAJsIgAgASMd' +
    'bGpBAnRqIQMjJCAAQQJ0aiMuIyQbIQUgBCMdIABrIgAgACAEShsiByAESARAQQAhAANAIAAgBEgEQCAAQQJ0IgYjLWogACAHSAR9' +
    'IAMgBmoqAgAFQwAAAAALOAIAIABBAWohAAwBCwsjJARAQQAhAANAIAAgBEgEQCAAQQJ0IgMjLmogACAHSAR9IAMgBWoqAgAFQwAA' +
    'AAALOAIAIABBAWohAAwBCwsLIy4hBSMtIQMLIAMgBBAJIwIEQEEBDwsjHiMgIyFBASMiG0UQAUEAIQAjIQRAIAMgBSMkQQBHIyMg' +
    'BCMeIyAjIhAXIgBFBEAjHiMgIyIQAQsLIyYgASMobCACaiIFQQJ0aiMDOAIAIyBFBEAjJyABIyxsaiACIyt1aiIBIAEtAABBASMe' +
    'dEEBayMeIAIjKkEBa3FsIgF0QX9zcSMEIAF0cjoAAAsgAyAEIx4jAyMEIyUgBSMpbGogAAR/QQIFIyAEfyMiBH8jA4siCEMAAAAA' +
    'WwR/QQEFIAhDAOB/R10gCEMAAIA4YHELBUEBCwVBAAtBAEcLEAJBAAvsAQEEfyAAtrwiAUEQdkGAgAJxIQIgAUH///8DcSEDIAFB' +
    'F3ZB/wFxIgFB/wFGBEAgAwR/IAJBgPwBciADQQ12cgUgAkGA+AFyCw8LIAFB8ABrIgFBH04EQCACQYD4AXIPCyABQQBMBEAgAUF2' +
    'SARAIAIPCyACIANBgICABHIiAkEOIAFrIgN2IgEgAkEBIAN0QQFrcSICQQEgA0EBa3QiA0siBCABQQFxIAIgA0ZxIAQbQQBHanIP' +
    'CyACIAFBCnQgA0ENdnIiASADQf8/cSICQYAgSyIDBH8gAwUgAUEBcSACQYAgRnELQQBHanIL3QYCBX8EfANAIAAgCEoEQCAIQQJ0' +
    'IgYjO2ooAgC3IAOitrshCyM8IAZqKAIAtyAEora7IAUEQCALmUQAAAAAAP7vQGYEfCALRAAAAAAAAPB/ogUgC5kiDEQAAAAAAPzv' +
    'QGQEQEQAAAAAAPzvQCEMCyAMtrwiBkEXdkHwAGtBAEwEfSAMRAAAAAAAAHBBoiIMnCINRAAAAAAAAPA/oCANIAwgDaFEAAAAAAAA' +
    '4D9mGyIN/AZCAYOnIA0gDKFEAAAAAAAA4D9hcQR8IA1EAAAAAAAA8L+gBSANC0QAAAAAAABwPqK2BSAGQYBAcSIHQYBAayAHIAZB' +
    '/z9xIgZBgCBLBH9BAQUgBkGAIEYgB0GAwABxQQBHcQsbvgu7IgyaIAwgC0QAAAAAAAAAAGMbCyELCyALo7a7IQwgASAIbCEHIAUE' +
    'QCAMmUQAAAAAAP7vQGYEfCAMRAAAAAAAAPB/ogUgDJkiDUQAAAAAAPzvQGQEQEQAAAAAAPzvQCENCyANtrwiBkEXdkHwAGtBAEwE' +
    'fSANRAAAAAAAAHBBoiINnCIORAAAAAAAAPA/oCAOIA0gDqFEAAAAAAAA4D9mGyIO/AZCAYOnIA4gDaFEAAAAAAAA4D9hcQR8IA5E' +
    'AAAAAAAA8L+gBSAOC0QAAAAAAABwPqK2BSAGQYBAcSIJQYBAayAJIAZB/z9xIgZBgCBLBH9BAQUgBkGAIEYgCUGAwABxQQBHcQsb' +
    'vgu7Ig2aIA0gDEQAAAAAAAAAAGMbCyEMCyM6IAhBA3RqKwMAIAujIAygmUQAAAAAAADQQWMjOSAIQQN0aisDACALoyAMoJlEAAAA' +
    'AAAA0EFjcQRAIAchBgNAIAYgASAHakgEQCM9IAZqIAIjMyAGQQN0aisDACALoyAMoET////////fP6D8AiIJQR91QX9zIAlxIglr' +
    'IgpBH3UgCnEgCWo6AAAgBkEBaiEGDAELCwUgByEGA0AgBiABIAdqSARAIz0gBmojMyAGQQN0aisDACALoyAMoCINRAAAAAAAAOA/' +
    'ZgR8IAK3Ig4gDUQAAAAAAADgP6CcIA0gDmYbBUQAAAAAAAAAAEQAAAAAAAD4fyANIA1hGwsiDfwCQQAgDSANYRs6AAAgBkEBaiEG' +
    'DAELCwsgCEEBaiEIDAELCwuNAgIHewF/IAH9EyEHQQAgAmuy/RMhCCADIAJrsv0TIQkgBARAA0AgACAMSgRAIAkgCCAMQQJ0IgIj' +
    'BWr9AAQAIAf95gH9av3rAf3qASEKIAUjByACav0ABAAgCv3mAf3kASEFIAYjBiACav0ABAAgCv3mASAK/eYB/eQBIQYgDEEEaiEM' +
    'DAELCwUDQCAAIAxKBEAgCSAIIwUgDEECdGr9AAQAIgsgB/3mAf1q/esB/eoBIQogBSALIAr95gH95AEhBSAGIAogCv3mAf3kASEG' +
    'IAxBBGohDAwBCwsLIAX9HwAgBf0fAZIgBf0fApIgBf0fA5IkCCAG/R8AIAb9HwGSIAb9HwKSIAb9HwOSJAkLMgAgACADIx9sQQJ0' +
    'IgAgASACIx1BAnQiAWxqaiABIx8jHiMgIyMjJCAAakEAIyQbEBgL/AsCAn8ReyAA/QAEsAEgAP0ABMAB/eAB/QwAAIB/AACAfwAA' +
    'gH8AAIB//UP9TiIK/VNFBEBBAA8LIyRBASACG0UgCv2kASIEaUEBRnEEQCMU/QwAAAB/AAAAfwAAAH8AAAB/IAD9AARA/bEB/QsE' +
    'ACMUIARoIgJBAnRqIgT9CQIAIQcjFCAA/QAEEP0LBAAgBP0JAgAhCCMUIAD9AATAAf0LBAAgBP0JAgAhCSMUIAD9AATQAf0LBAAg' +
    'BP0JAgAhCyMUIAD9AATgAf0LBAAgBP0JAgAhDCAAKAIEIAIjHUECdGxqIQIgAUECdCEBA0AgASADSwRAIAUgCCACIANq/QAEACAH' +
    '/eYBIgX94AH95AEiDSAF/eYBIAwgCyAFIAn95gH9av3rAf3qASIO/eYB/eQBIQUgBiANIA795gEgDv3mAf3kASEGIANBEGohAwwB' +
    'CwsgBf0fACAF/R8BkiAF/R8CkiAF/R8Dkv0TIgUgBf3mASAG/R8AIAb9HwGSIAb9HwKSIAb9HwOS/RMiBv3nASEHIAogBv0MAAAA' +
    'AAAAAAAAAAAAAAAAAP1EIAcgAP0ABHAiCP1E/U79TiEJIAAgByAIIAn9Uv0LBHAgACAFIAD9AASAASAJ/VL9CwSAASAAIAYgAP0A' +
    'BJABIAn9Uv0LBJABIAD9DAAAgD8AAIA/AACAPwAAgD8gBSAG/ecB/ecBIAD9AATAASAJ/VL9CwTAASAAIAn9CwSwAUEBDwsgACgC' +
    'ACIDJBEgA0GAIGokEiADQYBAayQTIAIEQCAA/QAEwAEhCSAA/QAE0AEhCyAA/QAE4AEhDCMRIAFBBHRqIQIjESEDA0AgAiADSwRA' +
    'IAcgA/0ABIAgIAwgCyAD/QAEACAJ/eYB/Wr96wH96gEiDf3mASAN/eYB/eQBIQcgBiAD/QAEkEAgDCALIAP9AAQQIAn95gH9av3r' +
    'Af3qASIO/eYB/eQBIQYgCCAD/QAEkCAgDv3mASAO/eYB/eQBIQggBSAD/QAEgEAgDf3mAf3kASEFIANBQGshAwwBCwsgBSAG/eQB' +
    'JBUgByAI/eQBJBb9DAAAAAAAAAAAAAAAAAAAAAAhBf0MAAAAAAAAAAAAAAAAAAAAACEG/QwAAAAAAAAAAAAAAAAAAAAAIQf9DAAA' +
    'AAAAAAAAAAAAAAAAAAAhCCMRIAFBBHRqIQIjEUEgaiEBA0AgASACSQRAIAcgAf0ABIAgIAwgCyAB/QAEACAJ/eYB/Wr96wH96gEi' +
    'Df3mASAN/eYB/eQBIQcgBiAB/QAEkEAgDCALIAH9AAQQIAn95gH9av3rAf3qASIO/eYB/eQBIQYgCCAB/QAEkCAgDv3mASAO/eYB' +
    '/eQBIQggBSAB/QAEgEAgDf3mAf3kASEFIAFBQGshAQwBCwsjFSAF/eQBIAb95AEkFSMWIAf95AEgCP3kASQWBSAA/QAEwAEhEiAA' +
    '/QAE0AEhCyAA/QAE4AEhDCMRIAFBBHRqIQIjESEBA0AgASACSQRAIAwgCyAB/QAEECINIBL95gH9av3rAf3qASETIAwgCyAB/QAE' +
    'ICIOIBL95gH9av3rAf3qASEUIAwgCyAB/QAEMCIPIBL95gH9av3rAf3qASEQIAwgCyAB/QAEACIRIBL95gH9av3rAf3qASEVIAcg' +
    'ESAV/eYB/eQBIQcgCCANIBP95gH95AEhCCAJIA4gFP3mAf3kASEJIAUgDyAQ/eYB/eQBIQUgBiAVIBX95gEgEyAT/eYB/eQBIBQg' +
    'FP3mASAQIBD95gH95AH95AH95AEhBiABQUBrIQEMAQsLIAcgCP3kASAJ/eQBIAX95AEkFSAGJBYLIAojFv0MAAAAAAAAAAAAAAAA' +
    'AAAAAP1EIxUjFf3mASMW/ecBIgUgAP0ABHAiBv1E/U79TiEHIAAgBSAGIAf9Uv0LBHAgACMVIAD9AASAASAH/VL9CwSAASAAIxYg' +
    'AP0ABJABIAf9Uv0LBJABIAD9DAAAgD8AAIA/AACAPwAAgD8jFSMW/ecB/ecBIAD9AATAASAH/VL9CwTAASAAIAf9CwSwAUEBC7QB' +
    'AwR7AX8BfQNAIAEgBkoEQCACIAAgBkECdGr9AAQAIgX96gEhAiADIAX96wEhAyAEIAUgBf1C/VAhBCAGQQRqIQYMAQsLIAIkDyAD' +
    'JBAgBCQOIw8iAv0fACAC/R8BliAC/R8CIAL9HwOWliQAIxAiAv0fACAC/R8BlyAC/R8CIAL9HwOXlyQBIw79UwR/QQEFIwAiByAH' +
    'k0MAAAAAXAsEf0EBBSMBIgcgB5NDAAAAAFwLJAILlQcCBXsBfyAEQQJGBEAjESAAQQR0aiEKIxEhBANAIAQgCkkEQCAFIAT9AASA' +
    'QCADIAIgBP0ABAAgAf3mAf1q/esB/eoBIgn95gH95AEhBSAHIAT9AASAICAJ/eYBIAn95gH95AEhByAGIAT9AASQQCADIAIgBP0A' +
    'BBAgAf3mAf1q/esB/eoBIgn95gH95AEhBiAIIAT9AASQICAJ/eYBIAn95gH95AEhCCAEQUBrIQQMAQsLIAUgBv3kASQVIAcgCP3k' +
    'ASQW/QwAAAAAAAAAAAAAAAAAAAAAIQX9DAAAAAAAAAAAAAAAAAAAAAAhBv0MAAAAAAAAAAAAAAAAAAAAACEH/QwAAAAAAAAAAAAA' +
    'AAAAAAAAIQgjESAAQQR0aiEEIxFBIGohAANAIAAgBEkEQCAFIAD9AASAQCADIAIgAP0ABAAgAf3mAf1q/esB/eoBIgn95gH95AEh' +
    'BSAHIAD9AASAICAJ/eYBIAn95gH95AEhByAGIAD9AASQQCADIAIgAP0ABBAgAf3mAf1q/esB/eoBIgn95gH95AEhBiAIIAD9AASQ' +
    'ICAJ/eYBIAn95gH95AEhCCAAQUBrIQAMAQsLIxUgBf3kASAG/eQBJBUjFiAH/eQBIAj95AEkFgUjESAAQQR0aiEKIxEhBANAIAQg' +
    'CkkEQCAIIAT9AASAQCADIAT9AAQAIAH95gH9av3qASIC/eYB/eQBIQggBiAE/QAEgCAgAv3mASAC/eYB/eQBIQYgBSAE/QAEkEAg' +
    'AyAE/QAEECAB/eYB/Wr96gEiAv3mAf3kASEFIAcgBP0ABJAgIAL95gEgAv3mAf3kASEHIARBQGshBAwBCwsgCCAF/eQBJBUgBiAH' +
    '/eQBJBb9DAAAAAAAAAAAAAAAAAAAAAAhCP0MAAAAAAAAAAAAAAAAAAAAACEF/QwAAAAAAAAAAAAAAAAAAAAAIQb9DAAAAAAAAAAA' +
    'AAAAAAAAAAAhByMRIABBBHRqIQQjEUEgaiEAA0AgACAESQRAIAggAP0ABIBAIAMgAP0ABAAgAf3mAf1q/eoBIgL95gH95AEhCCAG' +
    'IAD9AASAICAC/eYBIAL95gH95AEhBiAFIAD9AASQQCADIAD9AAQQIAH95gH9av3qASIC/eYB/eQBIQUgByAA/QAEkCAgAv3mASAC' +
    '/eYB/eQBIQcgAEFAayEADAELCyMVIAj95AEgBf3kASQVIxYgBv3kASAH/eQBJBYLC4gRAQ17IAQEQCAFQQJGBEAjESAAQQR0aiEF' +
    'IxEhBANAIAQgBUkEQCAGIAT9AASAQCADIAIgBP0ABAAgAf3mAf1q/esB/eoBIgr95gH95AEhBiAJIAT9AASAICAK/eYBIAr95gH9' +
    '5AEhCSAHIAT9AASQQCADIAIgBP0ABBAgAf3mAf1q/esB/eoBIgr95gH95AEhByAIIAT9AASQICAK/eYBIAr95gH95AEhCCAEQUBr' +
    'IQQMAQsLIAYgB/3kASQVIAkgCP3kASQW/QwAAAAAAAAAAAAAAAAAAAAAIQb9DAAAAAAAAAAAAAAAAAAAAAAhB/0MAAAAAAAAAAAA' +
    'AAAAAAAAACEJ/QwAAAAAAAAAAAAAAAAAAAAAIQgjESAAQQR0aiEEIxFBIGohAANAIAAgBEkEQCAGIAD9AASAQCADIAIgAP0ABAAg' +
    'Af3mAf1q/esB/eoBIgr95gH95AEhBiAJIAD9AASAICAK/eYBIAr95gH95AEhCSAHIAD9AASQQCADIAIgAP0ABBAgAf3mAf1q/esB' +
    '/eoBIgr95gH95AEhByAIIAD9AASQICAK/eYBIAr95gH95AEhCCAAQUBrIQAMAQsLIxUgBv3kASAH/eQBJBUjFiAJ/eQBIAj95AEk' +
    'FgUgBUEBRgRAIxEgAEEEdGohBSMRIQQDQCAEIAVJBEAgCCAE/QAEgEAgAyAE/QAEACAB/eYB/Wr96gEiAv3mAf3kASEIIAcgBP0A' +
    'BIAgIAL95gEgAv3mAf3kASEHIAYgBP0ABJBAIAMgBP0ABBAgAf3mAf1q/eoBIgL95gH95AEhBiAJIAT9AASQICAC/eYBIAL95gH9' +
    '5AEhCSAEQUBrIQQMAQsLIAggBv3kASQVIAcgCf3kASQW/QwAAAAAAAAAAAAAAAAAAAAAIQj9DAAAAAAAAAAAAAAAAAAAAAAhBv0M' +
    'AAAAAAAAAAAAAAAAAAAAACEH/QwAAAAAAAAAAAAAAAAAAAAAIQkjESAAQQR0aiEEIxFBIGohAANAIAAgBEkEQCAIIAD9AASAQCAD' +
    'IAD9AAQAIAH95gH9av3qASIC/eYB/eQBIQggByAA/QAEgCAgAv3mASAC/eYB/eQBIQcgBiAA/QAEkEAgAyAA/QAEECAB/eYB/Wr9' +
    '6gEiAv3mAf3kASEGIAkgAP0ABJAgIAL95gEgAv3mAf3kASEJIABBQGshAAwBCwsjFSAI/eQBIAb95AEkFSMWIAf95AEgCf3kASQW' +
    'Bf0MAAAAAAAAAAAAAAAAAAAAACEC/QwAAAAAAAAAAAAAAAAAAAAAIQMjESAAQQR0aiEFIxEhBANAIAQgBUkEQCACIAT9AASAQCAE' +
    '/QAEACAB/eYB/WoiBv3mAf3kASECIAcgBP0ABIAgIAb95gEgBv3mAf3kASEHIAMgBP0ABJBAIAT9AAQQIAH95gH9aiIG/eYB/eQB' +
    'IQMgCCAE/QAEkCAgBv3mASAG/eYB/eQBIQggBEFAayEEDAELCyACIAP95AEkFSAHIAj95AEkFv0MAAAAAAAAAAAAAAAAAAAAACEC' +
    '/QwAAAAAAAAAAAAAAAAAAAAAIQP9DAAAAAAAAAAAAAAAAAAAAAAhB/0MAAAAAAAAAAAAAAAAAAAAACEIIxEgAEEEdGohBCMRQSBq' +
    'IQADQCAAIARJBEAgAiAA/QAEgEAgAP0ABAAgAf3mAf1qIgb95gH95AEhAiAHIAD9AASAICAG/eYBIAb95gH95AEhByADIAD9AASQ' +
    'QCAA/QAEECAB/eYB/WoiBv3mAf3kASEDIAggAP0ABJAgIAb95gEgBv3mAf3kASEIIABBQGshAAwBCwsjFSAC/eQBIAP95AEkFSMW' +
    'IAf95AEgCP3kASQWCwsFIAVBAkYEQCMRIABBBHRqIQQjESEAA0AgACAESQRAIAMgAiAA/QAEACIMIAH95gH9av3rAf3qASENIAMg' +
    'AiAA/QAEECIOIAH95gH9av3rAf3qASEPIAMgAiAA/QAEICIQIAH95gH9av3rAf3qASERIAMgAiAA/QAEMCISIAH95gH9av3rAf3q' +
    'ASELIAkgDCAN/eYB/eQBIQkgCCAOIA/95gH95AEhCCAGIBAgEf3mAf3kASEGIAogEiAL/eYB/eQBIQogByANIA395gEgDyAP/eYB' +
    '/eQBIBEgEf3mASALIAv95gH95AH95AH95AEhByAAQUBrIQAMAQsLIAkgCP3kASAG/eQBIAr95AEkFSAHJBYFIAVBAUYEQCMRIABB' +
    'BHRqIQQjESEAA0AgACAESQRAIAMgAP0ABAAiAiAB/eYB/Wr96gEhCyADIAD9AAQQIgwgAf3mAf1q/eoBIQ0gAyAA/QAEICIOIAH9' +
    '5gH9av3qASEPIAMgAP0ABDAiECAB/eYB/Wr96gEhESAHIAIgC/3mAf3kASEHIAkgDCAN/eYB/eQBIQkgCCAOIA/95gH95AEhCCAG' +
    'IBAgEf3mAf3kASEGIAogCyAL/eYBIA0gDf3mAf3kASAPIA/95gEgESAR/eYB/eQB/eQB/eQBIQogAEFAayEADAELCyAHIAn95AEg' +
    'CP3kASAG/eQBJBUgCiQWBf0MAAAAAAAAAAAAAAAAAAAAACEC/QwAAAAAAAAAAAAAAAAAAAAAIQMjESAAQQR0aiEEIxEhAANAIAAg' +
    'BEkEQCAA/QAEACIJIAH95gH9aiEKIAIgCSAK/eYB/eQBIQIgAP0ABBAiCSAB/eYB/WohCyADIAkgC/3mAf3kASEDIAD9AAQgIgkg' +
    'Af3mAf1qIQwgByAJIAz95gH95AEhByAA/QAEMCIJIAH95gH9aiENIAggCSAN/eYB/eQBIQggBiAKIAr95gEgCyAL/eYB/eQBIAwg' +
    'DP3mASANIA395gH95AH95AH95AEhBiAAQUBrIQAMAQsLIAIgA/3kASAH/eQBIAj95AEkFSAGJBYLCwsLzw0CC3sBfyAEQQJGBEAj' +
    'FyEJIxEgAEEEdGohECMRIQQDQCAEIBBJBEAgAyACIAT9AAQAIgogAf3mAf1q/esB/eoBIQsgAyACIAT9AAQQIgwgAf3mAf1q/esB' +
    '/eoBIQ0gCSAK/eAB/eQBIg4gCv3mASEKIAkgDP3gAf3kASIPIAz95gEhDCAEIA79CwSAICAEIA/9CwSQICAEIAr9CwSAQCAEIAz9' +
    'CwSQQCAFIAogC/3mAf3kASEFIAcgDiAL/eYBIAv95gH95AEhByAGIAwgDf3mAf3kASEGIAggDyAN/eYBIA395gH95AEhCCAEQUBr' +
    'IQQMAQsLIAUgBv3kASQVIAcgCP3kASQWIxchCf0MAAAAAAAAAAAAAAAAAAAAACEF/QwAAAAAAAAAAAAAAAAAAAAAIQb9DAAAAAAA' +
    'AAAAAAAAAAAAAAAhB/0MAAAAAAAAAAAAAAAAAAAAACEIIxEgAEEEdGohACMRQSBqIQQDQCAAIARLBEAgAyACIAT9AAQAIgogAf3m' +
    'Af1q/esB/eoBIQsgAyACIAT9AAQQIgwgAf3mAf1q/esB/eoBIQ0gCSAK/eAB/eQBIg4gCv3mASEKIAkgDP3gAf3kASIPIAz95gEh' +
    'DCAEIA79CwSAICAEIA/9CwSQICAEIAr9CwSAQCAEIAz9CwSQQCAFIAogC/3mAf3kASEFIAcgDiAL/eYBIAv95gH95AEhByAGIAwg' +
    'Df3mAf3kASEGIAggDyAN/eYBIA395gH95AEhCCAEQUBrIQQMAQsLIxUgBf3kASAG/eQBJBUjFiAH/eQBIAj95AEkFgUgBEEBRgRA' +
    'IxchAiMRIABBBHRqIRAjESEEA0AgBCAQSQRAIAMgBP0ABAAiCSAB/eYB/Wr96gEhCiADIAT9AAQQIgsgAf3mAf1q/eoBIQwgAiAJ' +
    '/eAB/eQBIg0gCf3mASEJIAIgC/3gAf3kASIOIAv95gEhCyAEIA39CwSAICAEIA79CwSQICAEIAn9CwSAQCAEIAv9CwSQQCAGIAkg' +
    'Cv3mAf3kASEGIAggDSAK/eYBIAr95gH95AEhCCAHIAsgDP3mAf3kASEHIAUgDiAM/eYBIAz95gH95AEhBSAEQUBrIQQMAQsLIAYg' +
    'B/3kASQVIAggBf3kASQWIxchAv0MAAAAAAAAAAAAAAAAAAAAACEG/QwAAAAAAAAAAAAAAAAAAAAAIQf9DAAAAAAAAAAAAAAAAAAA' +
    'AAAhCP0MAAAAAAAAAAAAAAAAAAAAACEFIxEgAEEEdGohACMRQSBqIQQDQCAAIARLBEAgAyAE/QAEACIJIAH95gH9av3qASEKIAMg' +
    'BP0ABBAiCyAB/eYB/Wr96gEhDCACIAn94AH95AEiDSAJ/eYBIQkgAiAL/eAB/eQBIg4gC/3mASELIAQgDf0LBIAgIAQgDv0LBJAg' +
    'IAQgCf0LBIBAIAQgC/0LBJBAIAYgCSAK/eYB/eQBIQYgCCANIAr95gEgCv3mAf3kASEIIAcgCyAM/eYB/eQBIQcgBSAOIAz95gEg' +
    'DP3mAf3kASEFIARBQGshBAwBCwsjFSAG/eQBIAf95AEkFSMWIAj95AEgBf3kASQWBSMXIQIjESAAQQR0aiEQIxEhBANAIAQgEEkE' +
    'QCAE/QAEACIDIAH95gH9aiEJIAT9AAQQIgogAf3mAf1qIQsgAiAD/eAB/eQBIgwgA/3mASEDIAIgCv3gAf3kASINIAr95gEhCiAE' +
    'IAz9CwSAICAEIA39CwSQICAEIAP9CwSAQCAEIAr9CwSQQCAFIAMgCf3mAf3kASEFIAcgDCAJ/eYBIAn95gH95AEhByAGIAogC/3m' +
    'Af3kASEGIAggDSAL/eYBIAv95gH95AEhCCAEQUBrIQQMAQsLIAUgBv3kASQVIAcgCP3kASQWIxchAv0MAAAAAAAAAAAAAAAAAAAA' +
    'ACEF/QwAAAAAAAAAAAAAAAAAAAAAIQb9DAAAAAAAAAAAAAAAAAAAAAAhB/0MAAAAAAAAAAAAAAAAAAAAACEIIxEgAEEEdGohACMR' +
    'QSBqIQQDQCAAIARLBEAgBP0ABAAiAyAB/eYB/WohCSAE/QAEECIKIAH95gH9aiELIAIgA/3gAf3kASIMIAP95gEhAyACIAr94AH9' +
    '5AEiDSAK/eYBIQogBCAM/QsEgCAgBCAN/QsEkCAgBCAD/QsEgEAgBCAK/QsEkEAgBSADIAn95gH95AEhBSAHIAwgCf3mASAJ/eYB' +
    '/eQBIQcgBiAKIAv95gH95AEhBiAIIA0gC/3mASAL/eYB/eQBIQggBEFAayEEDAELCyMVIAX95AEgBv3kASQVIxYgB/3kASAI/eQB' +
    'JBYLCwujAgECfyABRQRAA0AgBUEESARAIAIgAyAFaiAEEAMgBmohBiAFQQFqIQUMAQsLIAYPCyAAIAIjHUECdCIAIANsaiAEIx9s' +
    'QQJ0aiAAIx8jHiMgIyIjJiADIyhsIARqIgBBAnRqIyhBAnQjJSAAIylsaiMoIylsIy8iABAgIyBFBEAgBCMrdSIBIzJHBEAjMQRA' +
    'IxQjMP0LBAADQCAFQQRIBEAjMiMnIywgAyAFamxqaiICIxQgBUECdGooAgAgAi0AACMxQX9zcXI6AAAgBUEBaiEFDAELC/0MAAAA' +
    'AAAAAAAAAAAAAAAAACQwQQAkMQsgASQyCyMwIAD9AAQAIx4gBCMqQQFrcWwiAP2rAf1QJDAjMUEBIx50QQFrIAB0ciQxC0EAC/IB' +
    'AP0MAAAAAAAAAAAAAAAAAAAAACQO/QwAAAAAAAAAAAAAAAAAAAAAJA/9DAAAAAAAAAAAAAAAAAAAAAAkEP0MAAAAAAAAAAAAAAAA' +
    'AAAAACQV/QwAAAAAAAAAAAAAAAAAAAAAJBb9DAAAAAAAAAAAAAAAAAAAAAAkF/0MAAAAAAAAAAAAAAAAAAAAACQY/QwAAAAAAAAA' +
    'AAAAAAAAAAAAJBn9DAAAAAAAAAAAAAAAAAAAAAAkGv0MAACAPwAAgD8AAIA/AACAPyQb/QwAAAAAAAAAAAAAAAAAAAAAJBz9DAAA' +
    'AAAAAAAAAAAAAAAAAAAkMAsFAEGANwvAFAILfAp/QQEgBHRBAWshFkEBIAJ0QQFrIhi3IRBEAAAAAAAA8L9EAAAAAAAA4L8gBEEE' +
    'RiICGyERQRRBDyACGyEcA0AgAyAZSgRAIAEgGWwhAkQAAAAAAAAAACEKIAYEfCACIQQDQCAEIAEgAmpIBEAgCiMzIARBA3RqKwMA' +
    'IgogCqKgIQogBEEBaiEEDAELCyAKIAG3owVEAAAAAAAAAAALIQogAiEEA0AgBCABIAJqSARAIzMgBEEDdGorAwAhEiAGBHwgCiAS' +
    'IBKioJ8FRAAAAAAAAPA/CyESIzQgBEEDdGogBwR8IBIgByAAIARqQQJ0aioCALuiBSASCzkDACAEQQFqIQQMAQsLIBlBAWohGQwB' +
    'CwsgB0UgBkUiACAAGyEZA0AgFEEBaiADSARAIBQgASAWIBEgHBAUIBRBAmohFAwBCwsgAyAUSgRAIAEgFGwgASAWIBEgHCAZEBUg' +
    'FEEDdCIAIzdqI0I5AwAjOSAAaiNEOQMAIzogAGojRTkDACM4IABqI0M5AwALA0AgAyAaSgRAIAkgGkEDdCIAIzdqKwMApSEJIAgj' +
    'OCAAaisDAKUhCCAaQQFqIRoMAQsLIAggEKMQACEKIAkgEKMQACIIRAAAAAAAAAAAZEUEQCAKRAAAAAAAAPA/IApEAAAAAAAAAABk' +
    'GyEICwNAIAMgFUoEQCAVQQJ0IgAjO2ogECAVQQN0IgIjN2orAwAgCKMiCZwiEUQAAAAAAADwP6AgESAJIBGhRAAAAAAAAOA/Zhuk' +
    'RAAAAAAAAPA/pSIJ/AJBACAJIAlhGzYCACM8IABqIApEAAAAAAAAAABkBH8gECM4IAJqKwMAIAqjIgmcIhFEAAAAAAAA8D+gIBEg' +
    'CSARoUQAAAAAAADgP2YbpEQAAAAAAAAAAKUiCfwCQQAgCSAJYRsFQQALNgIAIBVBAWohFQwBCwsgAyABIBYgCCAKIAUQBQNAIAMg' +
    'F0oEQCAXQQJ0IgAjO2ooAgAhAiM8IABqKAIAt5ohCUEAIQADQCAAIAFIBEAgAiABIBdsIABqIgQjPWotAABstyEQIAwgBEEDdCIE' +
    'IzRqKwMAIhEgEKIiEiAQoqAhDCALIBIgCaKgIQsgDSARIAmiIhAgCaKgIQ0gDiASIzMgBGorAwAiEaKgIQ4gDyAQIBGioCEPIABB' +
    'AWohAAwBCwsgF0EBaiEXDAELCyAMIA2iIAsgC6KhIhBEAAAAAAAAAABkBEAgDiANoiALIA+ioSAQoxAAIglEAAAAAAAAAABkIAwg' +
    'D6IgCyAOoqEgEKMQACILRAAAAAAAAAAAZnEEQCAJIQggCyEKCwsDQCATQQFqIANIBEAgEyABIBYgGCAIIAogBRASIBNBAmohEwwB' +
    'CwsgEyECA0AgAiADSARAIAEgAmwhEyACQQN0IgAjOWorAwAhDiM6IABqKwMAIQ9EAAAAAAAA8H8hCSACQQJ0IgAjO2ooAgAhByM8' +
    'IABqKAIAIhUhACAYIAdBAWoiBCAEIBhKGyEXQQEgB0EBayIEIARBAEwbIQQDQCAEIBdMBEAgBLcgCKK2uyELIAUEQCALmUQAAAAA' +
    'AP7vQGYEfCALRAAAAAAAAPB/ogUgC5kiDEQAAAAAAPzvQGQEQEQAAAAAAPzvQCEMCyAMtrwiBkEXdkHwAGtBAEwEfSAMRAAAAAAA' +
    'AHBBoiIMnCINRAAAAAAAAPA/oCANIAwgDaFEAAAAAAAA4D9mGyIN/AZCAYOnIA0gDKFEAAAAAAAA4D9hcQR8IA1EAAAAAAAA8L+g' +
    'BSANC0QAAAAAAABwPqK2BSAGQYBAcSIUQYBAayAUIAZB/z9xIgZBgCBLBH9BAQUgBkGAIEYgFEGAwABxQQBHcQsbvgu7IgyaIAwg' +
    'C0QAAAAAAAAAAGMbCyELC0EAIQYDQCABIAZKBEAjNSAGQQN0aiMzIAYgE2pBA3RqKwMAIAujOQMAIAZBAWohBgwBCwsgGCAVQQFq' +
    'IgYgBiAYShshGiAVQQFrIgZBACAGQQBOGyEGA0AgBiAaTARAIAa3IAqitrsgC6O2uyEMIAUEQCAMmUQAAAAAAP7vQGYEfCAMRAAA' +
    'AAAAAPB/ogUgDJkiDUQAAAAAAPzvQGQEQEQAAAAAAPzvQCENCyANtrwiFEEXdkHwAGtBAEwEfSANRAAAAAAAAHBBoiINnCIQRAAA' +
    'AAAAAPA/oCAQIA0gEKFEAAAAAAAA4D9mGyIQ/AZCAYOnIBAgDaFEAAAAAAAA4D9hcQR8IBBEAAAAAAAA8L+gBSAQC0QAAAAAAABw' +
    'PqK2BSAUQYBAcSIcQYBAayAcIBRB/z9xIhRBgCBLBH9BAQUgFEGAIEYgHEGAwABxQQBHcQsbvgu7Ig2aIA0gDEQAAAAAAAAAAGMb' +
    'CyEMCyAMIAyhRAAAAAAAAAAAYQRAQQAhFANAIBQgFkwEQCM2IBRBA3RqIBS3IAyhIAuitrs5AwAgFEEBaiEUDAELCyATIAEgDCAW' +
    'IA8gC6MgDKCZRAAAAAAAANBBYwR/IA4gC6MgDKCZRAAAAAAAANBBYwVBAAsgGRATIgwgCWMEQCAMIQkgBCEHIAYhAAsLIAZBAWoh' +
    'BgwBCwsgBEEBaiEEDAELCyACQQJ0IgQjO2ogBzYCACM8IARqIAA2AgAgAkEBaiECDAELCwNAIAMgG0oEQANAIBtBAnQiACM7aigC' +
    'ACICIBhIBH8gArcgCKK2uyELIzwgAGooAgC3IAqitrsgBQR8IAuZRAAAAAAA/u9AZgR8IAtEAAAAAAAA8H+iBSALmSIJRAAAAAAA' +
    '/O9AZARARAAAAAAA/O9AIQkLIAm2vCIAQRd2QfAAa0EATAR9IAlEAAAAAAAAcEGiIgmcIgxEAAAAAAAA8D+gIAwgCSAMoUQAAAAA' +
    'AADgP2YbIgz8BkIBg6cgDCAJoUQAAAAAAADgP2FxBHwgDEQAAAAAAADwv6AFIAwLRAAAAAAAAHA+orYFIABBgEBxIgJBgEBrIAIg' +
    'AEH/P3EiAEGAIEsEf0EBBSAAQYAgRiACQYDAAHFBAEdxCxu+C7siCZogCSALRAAAAAAAAAAAYxsLBSALC6O2uyEJIAUEQCAJmUQA' +
    'AAAAAP7vQGYEfCAJRAAAAAAAAPB/ogUgCZkiC0QAAAAAAPzvQGQEQEQAAAAAAPzvQCELCyALtrwiAEEXdkHwAGtBAEwEfSALRAAA' +
    'AAAAAHBBoiILnCIMRAAAAAAAAPA/oCAMIAsgDKFEAAAAAAAA4D9mGyIM/AZCAYOnIAwgC6FEAAAAAAAA4D9hcQR8IAxEAAAAAAAA' +
    '8L+gBSAMC0QAAAAAAABwPqK2BSAAQYBAcSICQYBAayACIABB/z9xIgBBgCBLBH9BAQUgAEGAIEYgAkGAwABxQQBHcQsbvgu7Igua' +
    'IAsgCUQAAAAAAAAAAGMbCyEJCyAJIAmhRAAAAAAAAAAAYgVBAAsEQCM7IBtBAnRqIgAgACgCAEEBajYCAAwBCwsgG0EBaiEbDAEL' +
    'CyADIAEgFiAIIAogBRAFIAgkRiAKJEcLngoDDX8FfAF9IAEgAmwhEANAIBAgEUsEQCAPQQFqIA8gACARQQJ0aioCACIhICGTQwAA' +
    'AABcGyEPIBFBAWohEQwBCwsgD0EASgRAIA8PCyAOJDMgDkGAEGokNCAOQYAgaiQ1IA5BgCJqJDYgDkGAI2okNyAOQYAkaiQ4IA5B' +
    'gCVqJDkgDkGAJmokOiAOQYAnaiQ7IA5BwCdqJDwgDkGAKGokPSAOQYAqaiQ+IA5BgCtqJD8gDkGAL2okQCAOQYAzaiRBIz5BAEEg' +
    '/AsAIAJBIEEQIANBBEYiDhsiGG0hGSAEIBhtIRUgAiAEbSEaQQZBBCAOGyIXIBlBAXRsQQN1IRtBCCADbSEWA0AgASATSgRAQQAh' +
    'EQNAIBEgGkgEQCACIBNsIAQgEWxqIQ9BACEOA0AgBCAOSgRAIzMgDkEDdGogACAOIA9qQQJ0aioCALs5AwAgDkEBaiEODAELCyAE' +
    'IBFsIBggFyAVIAMgBSAGIAcQECNGIR4jRyEfIAggDyAWbmohEEEAIQ4DQCAEIA5KBEBBACESQQAhDwNAIA8gFkgEQCASIz0gDiAP' +
    'amotAAAgAyAPbHRyIRIgD0EBaiEPDAELCyAQIA4gFm1qIBI6AAAgDiAWaiEODAELC0EAIQ4DQCAOIBVIBEAjOyAOQQJ0aigCALcg' +
    'HqK2uyEcIAUEQCAcmUQAAAAAAP7vQGYEfCAcRAAAAAAAAPB/ogUgHJkiHUQAAAAAAPzvQGQEQEQAAAAAAPzvQCEdCyAdtrwiD0EX' +
    'dkHwAGtBAEwEfSAdRAAAAAAAAHBBoiIdnCIgRAAAAAAAAPA/oCAgIB0gIKFEAAAAAAAA4D9mGyIgRAAAAAAAAPC/oCAgICD8BkIB' +
    'g6cgICAdoUQAAAAAAADgP2FxG0QAAAAAAABwPqK2BSAPQYBAcSIQQYBAayAQIA9B/z9xIg9BgCBLBH9BAQUgD0GAIEYgEEGAwABx' +
    'QQBHcQsbvgu7Ih2aIB0gHEQAAAAAAAAAAGMbCyEcCyARIBVsIA5qIBMgGWxqQQJ0IhIgCWogHLY4AgAjPCAOQQJ0aigCALcgH6K2' +
    'uyAco7a7IR0gCiASaiAFBHwgHZlEAAAAAAD+70BmBHwgHUQAAAAAAADwf6IFIB2ZIhxEAAAAAAD870BkBEBEAAAAAAD870AhHAsg' +
    'HLa8Ig9BF3ZB8ABrQQBMBH0gHEQAAAAAAABwQaIiHJwiIEQAAAAAAADwP6AgICAcICChRAAAAAAAAOA/ZhsiIEQAAAAAAADwv6Ag' +
    'ICAg/AZCAYOnICAgHKFEAAAAAAAA4D9hcRtEAAAAAAAAcD6itgUgD0GAQHEiEEGAQGsgECAPQf8/cSIPQYAgSwR/QQEFIA9BgCBG' +
    'IBBBgMAAcUEAR3ELG74LuyIcmiAcIB1EAAAAAAAAAABjGwsFIB0LtjgCACAOQQFqIQ4MAQsLQQAhEEEAIRIgCyATIBtsaiARIBVs' +
    'QQF0IBdsQQN1aiEOQQAhFANAIBQgFUEBdEgEQCAQIBRBAXEEfyM8IBRBAXVBAnRqBSM7IBRBAXVBAnRqCygCACASdHIhECASIBdq' +
    'IRIDQCASQQhOBEAgDiIPQQFqIQ4gDyAQOgAAIBBBCHYhECASQQhrIRIMAQsLIBRBAWohFAwBCwsgEyAabCARakEBdCIOIAxqIB5E' +
    'AAAAAAAAkECiEAQ7AQAgDSAOaiAfRAAAAAAAAJBAohAEOwEAIBFBAWohEQwBCwsgE0EBaiETDAELC0EAC+8RAxZ/CnwGeyAAIAFs' +
    'QQN0IgkjM2oiDSABQQN0IghqIQwjNCAJaiILIAhqIQojPyEaI0AhGSNBIRgDQCABIAdKBEAgB0EEdCIJIBpqIA0gB0EDdCIIaisD' +
    'AP0UIAggDGorAwD9IgH9CwQAIAkgGWogCCALaisDAP0UIAggCmorAwD9IgH9CwQAIAdBAWohBwwBCwsgAEEDdCIJIzlqKwMAISYg' +
    'AEEBaiIIQQN0IgcjOWorAwAhJSM6IAlqKwMAISQjOiAHaisDACEjIAK3/RQhKP0MAAAAAAAA8H8AAAAAAADwfyErIABBAnQiCSM7' +
    'aigCACIVIQIgCEECdCIIIztqKAIAIhQhByM8IAlqKAIAIhMhDCM8IAhqKAIAIhIhC0F/IRwDQCAcQQFMBEAgFSAcaiIRQQBKIQkg' +
    'FCAcaiIQQQBKIQggAyARTiAJIAkbIhcgAyAQTiAIIAgbIhZyBEAgFwR8IBG3IASitrshHyAGBHwgH5lEAAAAAAD+70BmBHwgH0QA' +
    'AAAAAADwf6IFIB+ZIh1EAAAAAAD870BkBEBEAAAAAAD870AhHQsgHba8IghBF3ZB8ABrQQBMBH0gHUQAAAAAAABwQaIiHpwiHUQA' +
    'AAAAAADwP6AgHSAeIB2hRAAAAAAAAOA/ZhsiHfwGQgGDpyAdIB6hRAAAAAAAAOA/YXEEfCAdRAAAAAAAAPC/oAUgHQtEAAAAAAAA' +
    'cD6itgUgCEGAQHEiCUGAQGsgCSAIQf8/cSIIQYAgSwR/QQEFIAhBgCBGIAlBgMAAcUEAR3ELG74LuyIdmiAdIB9EAAAAAAAAAABj' +
    'GwsFIB8LBUQAAAAAAADwPwsiIv0UIBYEfCAQtyAEora7IR8gBgR8IB+ZRAAAAAAA/u9AZgR8IB9EAAAAAAAA8H+iBSAfmSIdRAAA' +
    'AAAA/O9AZARARAAAAAAA/O9AIR0LIB22vCIIQRd2QfAAa0EATAR9IB1EAAAAAAAAcEGiIh6cIh1EAAAAAAAA8D+gIB0gHiAdoUQA' +
    'AAAAAADgP2YbIh38BkIBg6cgHSAeoUQAAAAAAADgP2FxBHwgHUQAAAAAAADwv6AFIB0LRAAAAAAAAHA+orYFIAhBgEBxIglBgEBr' +
    'IAkgCEH/P3EiCEGAIEsEf0EBBSAIQYAgRiAJQYDAAHFBAEdxCxu+C7siHZogHSAfRAAAAAAAAAAAYxsLBSAfCwVEAAAAAAAA8D8L' +
    'IiH9IgEhKUEAIQ8DQCABIA9KBEAgD0EEdCIIIBhqIAggGmr9AAQAICn98wH9CwQAIA9BAWohDwwBCwtBfyEbA0AgG0EBTARAIBMg' +
    'G2oiCiADTEEAIApBAE5BACAXGxsEfCAKtyAFora7ICKjtrshHyAGBHwgH5lEAAAAAAD+70BmBHwgH0QAAAAAAADwf6IFIB+ZIh1E' +
    'AAAAAAD870BkBEBEAAAAAAD870AhHQsgHba8IghBF3ZB8ABrQQBMBH0gHUQAAAAAAABwQaIiHpwiHUQAAAAAAADwP6AgHSAeIB2h' +
    'RAAAAAAAAOA/ZhsiHfwGQgGDpyAdIB6hRAAAAAAAAOA/YXEEfCAdRAAAAAAAAPC/oAUgHQtEAAAAAAAAcD6itgUgCEGAQHEiCUGA' +
    'QGsgCSAIQf8/cSIIQYAgSwR/QQEFIAhBgCBGIAlBgMAAcUEAR3ELG74LuyIdmiAdIB9EAAAAAAAAAABjGwsFIB8LBUQAAAAAAAD4' +
    'fwsiICAgoUQAAAAAAAAAAGEiDUUiCCADIBIgG2oiCU5BACAJQQBOQQAgFhsbBHwgCbcgBaK2uyAho7a7IR8gBgR8IB+ZRAAAAAAA' +
    '/u9AZgR8IB9EAAAAAAAA8H+iBSAfmSIdRAAAAAAA/O9AZARARAAAAAAA/O9AIR0LIB22vCIOQRd2QfAAa0EATAR9IB1EAAAAAAAA' +
    'cEGiIh6cIh1EAAAAAAAA8D+gIB0gHiAdoUQAAAAAAADgP2YbIh38BkIBg6cgHSAeoUQAAAAAAADgP2FxBHwgHUQAAAAAAADwv6AF' +
    'IB0LRAAAAAAAAHA+orYFIA5BgEBxIg9BgEBrIA8gDkH/P3EiDkGAIEsEf0EBBSAOQYAgRiAPQYDAAHFBAEdxCxu+C7siHZogHSAf' +
    'RAAAAAAAAAAAYxsLBSAfCwVEAAAAAAAA+H8LIh0gHaFEAAAAAAAAAABhIg5FcUUEQEQAAAAAAAAAACAgIAgbIh79FCAdRAAAAAAA' +
    'AAAAIA4bIh39IgEhKv0MAAAAAAAAAAAAAAAAAAAAACEsIA1FIghFBEAgJCAioyAeoJlEAAAAAAAA0EFjBH8gJiAioyAeoJlEAAAA' +
    'AAAA0EFjBUEACyEICyAIBH8gDgR/ICMgIaMgHaCZRAAAAAAAANBBYwR/ICUgIaMgHaCZRAAAAAAAANBBYwVBAAsFQQELBSAICwRA' +
    'QQAhDwNAIAEgD0oEQCAo/QwAAAAAAAAAAAAAAAAAAAAAIA9BBHQiCCAYav0ABAAgKv3wAf0M////////3z/////////fP/3wAf16' +
    '/fcB/fYBICr98QEgKf3yAf1e/V8gCCAaav0ABAD98QEhJyAsIAggGWr9AAQAICf98gEgJ/3yAf3wASEsIA9BAWohDwwBCwsFQQAh' +
    'DwNAIAEgD0oEQP0MAAAAAAAA+H8AAAAAAAD4fyAPQQR0IgggGGr9AAQAICr98AEiJ/0MAAAAAAAA4D8AAAAAAADgP/3wAf11ICf9' +
    'DAAAAAAAAOA/AAAAAAAA4D/9TP1OICj99gEgJyAn/Uj9UiAq/fEBICn98gH9Xv1fIAggGmr9AAQA/fEBIScgLCAIIBlq/QAEACAn' +
    '/fIBICf98gH98AEhLCAPQQFqIQ8MAQsLCyAs/SEAIh0gK/0hAGMgDXEEQCArIB39IgAhKyAKIQwgESECCyAs/SEBIh0gK/0hAWMg' +
    'DnEEQCArIB39IgEhKyAJIQsgECEHCwsgG0EBaiEbDAELCwsgHEEBaiEcDAELCyAAQQJ0IgEjO2ogAjYCACAAQQFqQQJ0IgAjO2og' +
    'BzYCACM8IAFqIAw2AgAjPCAAaiALNgIAC68DAgV/AnwgAEEDdCIIIzNqIQkjNSEAIzYhByAFQQAgBBsEQANAIAEgBkoEQCALIAcg' +
    'AyAAIAZBA3QiBGorAwAgAqBE////////3z+g/AIiBUEfdUF/cyAFcSIFayIIQR91IAhxIAVqQQN0aisDACAEIAlqKwMAoSILIAui' +
    'oCELIAZBAWohBgwBCwsFIzQgCGohBSAEBEADQCABIAZKBEAgByADIAAgBkEDdCIIaisDACACoET////////fP6D8AiIEQR91QX9z' +
    'IARxIgprIgRBH3UgBHEgCmpBA3RqKwMAIAggCWorAwChIQwgCyAFIAhqKwMAIAyiIAyioCELIAZBAWohBgwBCwsFA0AgASAGSgRA' +
    'IAsgBSAGQQN0IgRqKwMAIAAgBGorAwAgAqAiC0QAAAAAAADgP2YEfCADtyIMIAtEAAAAAAAA4D+gnCALIAxmGwVEAAAAAAAAAABE' +
    'AAAAAAAA+H8gCyALYRsLIgsgC2EEfCAHIAv8AkEDdGorAwAgCSAGQQN0aisDAKEFRAAAAAAAAPh/CyILoiALoqAhCyAGQQFqIQYM' +
    'AQsLCwsgCwv5CwISew1/IAAgAWxBA3QiGSMzaiIcIAFBA3QiH2ohHiM0IBlqIh0gH2ohHyM/ISEjQCEiI0EhGQNAIAEgF0oEQCAX' +
    'QQR0IiAgIWogHCAXQQN0IiNqKwMA/RQgHiAjaisDAP0iAf0LBAAgICAiaiAdICNqKwMA/RQgHyAjaisDAP0iAf0LBAAgF0EBaiEX' +
    'DAELCyAh/QAEACIMIQkDQCABIBpKBEAgDCAaQQR0IhcgIWr9AAQAIgX99gEhDCAJIAX99wEhCSAQIBcgImr9AAQAIgb98AEhECAR' +
    'IAYgBf3yAf3wASERIBpBAWohGgwBCwsgCSAM/QwAAAAAAAAAAAAAAAAAAAAA/fYBIgb9RyESIAkgBv3xASIHIAK3/RQiDf3zASEO' +
    'IAYhBSANIAf98wEhBwNAIAEgG0oEQCAO/QwAAAAAAAD4fwAAAAAAAPh/IAcgG0EEdCIXICFq/QAEACIIIAb98QH98gEiCv0MAAAA' +
    'AAAA4D8AAAAAAADgP/3wAf11IAr9DAAAAAAAAOA/AAAAAAAA4D/9TP1OIA399gEgCiAK/Uj9Uv3yASAG/fABIAj98QEhCCAPIBcg' +
    'Imr9AAQAIAj98gEgCP3yAf3wASEPIBtBAWohGwwBCwsDQCAEIBhOBED9DAAAAAAAAAAAAAAAAAAAAAAhCP0MAAAAAAAAAAAAAAAA' +
    'AAAAACEK/QwAAAAAAAAAAAAAAAAAAAAAIQv9DAAAAAAAAAAAAAAAAAAAAAAhByADIBi3RJqZmZmZmbk/oqAgAreg/RQgCSAF/fEB' +
    'IhP98wEiFCAMIAX98QH98gH97AH9DAAAAAAAANBBAAAAAAAA0EH9SSAUIBP98gH97AH9DAAAAAAAANBBAAAAAAAA0EH9Sf1O/cMB' +
    'BEBBACEXA0AgASAXSgRAIAcgDf0MAAAAAAAAAAAAAAAAAAAAACAUIBdBBHQiGiAhav0ABAAiEyAF/fEB/fIB/Qz////////fP///' +
    '/////98//fAB/Xr99wH99gEiFSAZIBpqIhv9AAQA/Uj9UCEHIBsgFf0LBAAgCCAaICJq/QAEACAV/fIBIhb98AEhCCAKIBYgFf3y' +
    'Af3wASEKIAsgFiAT/fIB/fABIQsgF0EBaiEXDAELCwVBACEXA0AgASAXSgRAIAf9DAAAAAAAAPh/AAAAAAAA+H8gFCAXQQR0Ihog' +
    'IWr9AAQAIhMgBf3xAf3yASIH/QwAAAAAAADgPwAAAAAAAOA//fAB/XUgB/0MAAAAAAAA4D8AAAAAAADgP/1M/U4gDf32ASAHIAf9' +
    'SP1SIhUgGSAaaiIb/QAEAP1I/VAhByAbIBX9CwQAIAggGiAiav0ABAAgFf3yASIW/fABIQggCiAWIBX98gH98AEhCiALIBYgE/3y' +
    'Af3wASELIBdBAWohFwwBCwsLIAf9U0UgGEEASnFFBEAgCiAR/fIBIAggC/3yAf3xASAQIAr98gEgCCAI/fIB/fEBIhP98wEiB/0M' +
    'AAAAAAAAAAAAAAAAAAAAAP1KIRT9DAAAAAAAAAAAAAAAAAAAAAAgByAU/VIhFSALIAr98wEgECAL/fIBIBEgCP3yAf3xASAT/fMB' +
    'IBT9UiEI/QwAAAAAAAAAAAAAAAAAAAAAIQdBACEXA0AgASAXSgRAIAggF0EEdCIaIBlq/QAEAP3yASAV/fABIBogIWr9AAQA/fEB' +
    'IQogByAaICJq/QAEACAK/fIBIAr98gH98AEhByAXQQFqIRcMAQsLIAcgDyAT/QwAAAAAAAAAAAAAAAAAAAAA/UogByAP/Un9TiIH' +
    '/VIhDyAIIA4gB/1SIQ4gFSAFIAf9UiEFCyAYQQFqIRgMAQsLIABBA3QiASM3av0MAAAAAAAAAAAAAAAAAAAAACAOIBL9UiIH/SEA' +
    'OQMAIABBAWpBA3QiACM3aiAH/SEBOQMAIzggAWogBiAFIBL9Uv3tASIF/SEAOQMAIzggAGogBf0hATkDACM5IAFqIAz9IQA5AwAj' +
    'OSAAaiAM/SEBOQMAIzogAWogCf0hADkDACM6IABqIAn9IQE5AwAL/AoCD3wMfyAAQQN0IgAjM2ohGSM0IABqIRogGSsDACIGIQ4D' +
    'QCABIBVKBEAgGSAVQQN0aisDACIHIAZjBEAgByEGCyAHIA4gByAOZBshDiAPIBogFUEDdGorAwAiCKAhDyAQIAggB6KgIRAgFUEB' +
    'aiEVDAELCyAGIgskRCAOJEUgDkQAAAAAAAAAACAGIAZEAAAAAAAAAABkGyIGYQRARAAAAAAAAAAAJEIgBpokQw8LIz4hGyM2IR0g' +
    'DiAGoSIHIAK3IhGjIQkgESAHoyIIIAeimUQAAAAAAADQQWMgCCALIAahoplEAAAAAAAA0EFjcSEAA0AgASAWSgRAIAggGSAWQQN0' +
    'IhVqKwMAIgcgBqGiIQwgCiAVIBpqKwMAIAkgAAR8IAIgDET////////fP6D8AiIVQR91QX9zIBVxIhVrIhdBH3UgF3EgFWq3BSAM' +
    'RAAAAAAAAOA/ZgR8IAK3IgogDEQAAAAAAADgP6CcIAogDGUbBUQAAAAAAAAAAEQAAAAAAAD4fyAMIAxhGwsLoiAGoCAHoSIHoiAH' +
    'oqAhCiAWQQFqIRYMAQsLQQEhFQNAIAQgHk4EQCAVIRYgAyAet0SamZmZmZm5P6KgIBGgIA4gBqEiCKMiEiASoUQAAAAAAAAAAGIh' +
    'FUEAIQBEAAAAAAAAAAAhDEQAAAAAAAAAACENRAAAAAAAAAAAIQcgBUEAIBIgCKKZRAAAAAAAANBBYyASIAsgBqGimUQAAAAAAADQ' +
    'QWNxIhcbBEBBACEYQQAhHEEAIRcDQCABIBdKBEAgACACIBIgGSAXQQN0aisDACIIIAahokT////////fP6D8AiIAQR91QX9zIABx' +
    'IgBrIh9BH3UgH3EgAGoiHyAXIBtqIiAtAABzciEAICAgHzoAACAYIB9qIRggHCAfIB9saiEcIAcgH7cgCKKgIQcgF0EBaiEXDAEL' +
    'CyAYtyEMIBy3IQ0FIBcEQEEAIRcDQCABIBdKBEAgACACIBIgGSAXQQN0IhhqKwMAIgggBqGiRP///////98/oPwCIgBBH3VBf3Mg' +
    'AHEiAGsiHEEfdSAccSAAaiIcIBcgG2oiHy0AAHNyIQAgHyAcOgAAIAwgGCAaaisDACActyIToiIUoCEMIA0gFCAToqAhDSAHIBQg' +
    'CKKgIQcgF0EBaiEXDAELCwVBACEXA0AgASAXSgRAIAAgEiAZIBdBA3RqKwMAIgggBqGiIhNEAAAAAAAA4D9mBHwgArciFCATRAAA' +
    'AAAAAOA/oJwgEyAUZhsFRAAAAAAAAAAARAAAAAAAAPh/IBMgE2EbCyIT/AJBACATIBNhGyIYIBcgG2oiHC0AAHNyIQAgHCAYOgAA' +
    'IAwgGiAXQQN0aisDACAToiIUoCEMIA0gFCAToqAhDSAHIBQgCKKgIQcgF0EBaiEXDAELCwsLAkAgACAWckUNACAPIA2iIAwgDKKh' +
    'IhJEAAAAAAAAAABkRQ0AIA8gB6IgECAMoqEgEqMhCCANIBCiIAwgB6KhIBKjIgxEAAAAAAAAAABkBEAgByANoyEIRAAAAAAAAAAA' +
    'IQwLQQAhAANAIAAgAkwEQCAdIABBA3RqIAggALeiIAygOQMAIABBAWohAAwBCwtEAAAAAAAAAAAhByAFBEBBACEAA0AgACABSARA' +
    'IAcgHSAAIBtqLQAAQQN0aisDACAZIABBA3RqKwMAoSIHIAeioCEHIABBAWohAAwBCwsFQQAhAANAIAAgAUgEQCAdIAAgG2otAABB' +
    'A3RqKwMAIBkgAEEDdCIWaisDAKEhDSAHIBYgGmorAwAgDaIgDaKgIQcgAEEBaiEADAELCwsgByAKYwRAIAchCiAIIQkgDCEGCwsg' +
    'HkEBaiEeDAELCyAJJEIgBpokQwurFAIMfwt7IAEEfyABQQFGBH8gAyEBQQEFIAMhAUECCyEDQQIhDCABQQF0IQogBAUgAyEBQQAh' +
    'A0EEIQwgAUECdCEKIAQLIQ8gAkECdCEIIAJBfHEhCSABIAFBCEEEIAMbIg5vayEHA0AgBSAJSARAIAVBgAFqIgQgCSAEIAlIGyEQ' +
    'QQAhCwNAIAcgC0oEQCAFIQYDQCAGIBBIBEAgDyAIIAtsaiAGQQJ0aiEEIAAgBiAKbGogCyAMbGoiDf0ABAAhEiAKIA1q/QAEACET' +
    'IA0gCkEBdGr9AAQAIRQgDSAKQQNsav0ABAAhFSADBEAgBAJ7IBL9qQEiEUEQ/asBIANBAkYNABogEf0M/38AAP9/AAD/fwAA/38A' +
    'AP1OIhZBDf2rASIX/QwAAIB/AACAfwAAgH8AAIB//VAgF/0MAACAdwAAgHcAAIB3AACAd/3mASAW/Qz/ewAA/3sAAP97AAD/ewAA' +
    '/Tv9UiAR/QwAgAAAAIAAAACAAAAAgAAA/U5BEP2rAf1QCyIWAnsgE/2pASIRQRD9qwEgA0ECRg0AGiAR/Qz/fwAA/38AAP9/AAD/' +
    'fwAA/U4iF0EN/asBIhj9DAAAgH8AAIB/AACAfwAAgH/9UCAY/QwAAIB3AACAdwAAgHcAAIB3/eYBIBf9DP97AAD/ewAA/3sAAP97' +
    'AAD9O/1SIBH9DACAAAAAgAAAAIAAAACAAAD9TkEQ/asB/VALIhf9DQABAgMQERITBAUGBxQVFhciGAJ7IBT9qQEiEUEQ/asBIANB' +
    'AkYNABogEf0M/38AAP9/AAD/fwAA/38AAP1OIhlBDf2rASIa/QwAAIB/AACAfwAAgH8AAIB//VAgGv0MAACAdwAAgHcAAIB3AACA' +
    'd/3mASAZ/Qz/ewAA/3sAAP97AAD/ewAA/Tv9UiAR/QwAgAAAAIAAAACAAAAAgAAA/U5BEP2rAf1QCyIZAnsgFf2pASIaQRD9qwEg' +
    'A0ECRg0AGiAa/Qz/fwAA/38AAP9/AAD/fwAA/U4iG0EN/asBIhH9DAAAgH8AAIB/AACAfwAAgH/9UCAR/QwAAIB3AACAdwAAgHcA' +
    'AIB3/eYBIBv9DP97AAD/ewAA/3sAAP97AAD9O/1SIBr9DACAAAAAgAAAAIAAAACAAAD9TkEQ/asB/VALIhH9DQABAgMQERITBAUG' +
    'BxQVFhciGv0NAAECAwQFBgcQERITFBUWF/0LBAAgBCAIaiAYIBr9DQgJCgsMDQ4PGBkaGxwdHh/9CwQAIAQgCEEBdGogFiAX/Q0I' +
    'CQoLGBkaGwwNDg8cHR4fIhYgGSAR/Q0ICQoLGBkaGwwNDg8cHR4fIhH9DQABAgMEBQYHEBESExQVFhf9CwQAIAQgCEEDbGogFiAR' +
    '/Q0ICQoLDA0ODxgZGhscHR4f/QsEACAEIAhBAnRqIgQCeyAS/aoBIhFBEP2rASADQQJGDQAaIBH9DP9/AAD/fwAA/38AAP9/AAD9' +
    'TiISQQ39qwEiFv0MAACAfwAAgH8AAIB/AACAf/1QIBb9DAAAgHcAAIB3AACAdwAAgHf95gEgEv0M/3sAAP97AAD/ewAA/3sAAP07' +
    '/VIgEf0MAIAAAACAAAAAgAAAAIAAAP1OQRD9qwH9UAsiEQJ7IBP9qgEiEkEQ/asBIANBAkYNABogEv0M/38AAP9/AAD/fwAA/38A' +
    'AP1OIhNBDf2rASIW/QwAAIB/AACAfwAAgH8AAIB//VAgFv0MAACAdwAAgHcAAIB3AACAd/3mASAT/Qz/ewAA/3sAAP97AAD/ewAA' +
    '/Tv9UiAS/QwAgAAAAIAAAACAAAAAgAAA/U5BEP2rAf1QCyIS/Q0AAQIDEBESEwQFBgcUFRYXIhMCeyAU/aoBIhRBEP2rASADQQJG' +
    'DQAaIBT9DP9/AAD/fwAA/38AAP9/AAD9TiIWQQ39qwEiF/0MAACAfwAAgH8AAIB/AACAf/1QIBf9DAAAgHcAAIB3AACAdwAAgHf9' +
    '5gEgFv0M/3sAAP97AAD/ewAA/3sAAP07/VIgFP0MAIAAAACAAAAAgAAAAIAAAP1OQRD9qwH9UAsiFAJ7IBX9qgEiFUEQ/asBIANB' +
    'AkYNABogFf0M/38AAP9/AAD/fwAA/38AAP1OIhZBDf2rASIX/QwAAIB/AACAfwAAgH8AAIB//VAgF/0MAACAdwAAgHcAAIB3AACA' +
    'd/3mASAW/Qz/ewAA/3sAAP97AAD/ewAA/Tv9UiAV/QwAgAAAAIAAAACAAAAAgAAA/U5BEP2rAf1QCyIV/Q0AAQIDEBESEwQFBgcU' +
    'FRYXIhb9DQABAgMEBQYHEBESExQVFhf9CwQAIAQgCGogEyAW/Q0ICQoLDA0ODxgZGhscHR4f/QsEACAEIAhBAXRqIBEgEv0NCAkK' +
    'CxgZGhsMDQ4PHB0eHyISIBQgFf0NCAkKCxgZGhsMDQ4PHB0eHyIR/Q0AAQIDBAUGBxAREhMUFRYX/QsEAAUgBCASIBP9DQABAgMQ' +
    'ERITBAUGBxQVFhciESAUIBX9DQABAgMQERITBAUGBxQVFhciFv0NAAECAwQFBgcQERITFBUWF/0LBAAgBCAIaiARIBb9DQgJCgsM' +
    'DQ4PGBkaGxwdHh/9CwQAIAQgCEEBdGogEiAT/Q0ICQoLGBkaGwwNDg8cHR4fIhIgFCAV/Q0ICQoLGBkaGwwNDg8cHR4fIhH9DQAB' +
    'AgMEBQYHEBESExQVFhf9CwQACyAEIAhBA2xqIBIgEf0NCAkKCwwNDg8YGRobHB0eH/0LBAAgBkEEaiEGDAELCyALIA5qIQsMAQsL' +
    'IAVBgAFqIQUMAQsLIAchBANAIAEgBEoEQEEAIQUDQCACIAVKBEAgASAFbCAEaiEGIA8gBCAIbGogBUECdGoCfyADRQRAIAAgBkEC' +
    'dGooAgAMAQsCeyAAIAZBAXRqLwEA/REiEUEQ/asBIANBAkYNABogEf0M/38AAP9/AAD/fwAA/38AAP1OIhJBDf2rASIT/QwAAIB/' +
    'AACAfwAAgH8AAIB//VAgE/0MAACAdwAAgHcAAIB3AACAd/3mASAS/Qz/ewAA/3sAAP97AAD/ewAA/Tv9UiAR/QwAgAAAAIAAAACA' +
    'AAAAgAAA/U5BEP2rAf1QC/0bAAs2AgAgBUEBaiEFDAELCyAEQQFqIQQMAQsLA0AgAiAJSgRAQQAhBgNAIAYgB0gEQCABIAlsIAZq' +
    'IQQgDyAGIAhsaiAJQQJ0agJ/IANFBEAgACAEQQJ0aigCAAwBCwJ7IAAgBEEBdGovAQD9ESIRQRD9qwEgA0ECRg0AGiAR/Qz/fwAA' +
    '/38AAP9/AAD/fwAA/U4iEkEN/asBIhP9DAAAgH8AAIB/AACAfwAAgH/9UCAT/QwAAIB3AACAdwAAgHcAAIB3/eYBIBL9DP97AAD/' +
    'ewAA/3sAAP97AAD9O/1SIBH9DACAAAAAgAAAAIAAAACAAAD9TkEQ/asB/VAL/RsACzYCACAGQQFqIQYMAQsLIAlBAWohCQwBCwsL' +
    '8ggDBn0GfwN7IwCLIwGLl7xBF3YiEkUEQEEADwtB/QFBAUH+ASASayISIBJBAUwbIhIgEkH9AU4bIhNBF3S+Igj9EyEVA0AgBCAP' +
    'SgRAIA9BAnQiEiAAav0ABAAgFf3mASEWIwUgEmogFv0LBAAgFCAWIBb95gH95AEhFCAPQQRqIQ8MAQsLIAIgAyACGyIPBEAgFP0f' +
    'ACAU/R8BkiAU/R8CkiAU/R8DkkMAAIA/IASylZSR/RMhFANAIAQgEEoEQCAQQQJ0IgAjBWr9AAQAIRUjBiAAaiACBHsgACABav0A' +
    'BAAF/QwAAIA/AACAPwAAgD8AAIA/CyIWIBQgFf3gAf3kAf3mASAWIAMbIhb9CwQAIwcgAGogFiAV/eYB/QsEACAQQQRqIRAMAQsL' +
    'C0EBIAV0QQFrIQJBASAFQQFrdCEAIwAgCJQhCyMBIAiUIQwgBgR9QQAgAGuyIAwgCyAMiyALi14blQUgArIgDCALk5ULIQlBA0EE' +
    'IAVBCEYEf0EBBUEBIA8gBhtBACAFQQJGGwsbIQNBACQNQwAAAAAkCgNAIAMgDkoEQCAEIAkCfSAFQQRGBEAgDgR9IA5BAUYEfUOP' +
    'wnU/BUNcj4I/QxSuhz8gDkECRhsLBUNmZmY/CyAGRQ0BGiAOBH0gDkEBRgR9Q0jhej8FQ7gehT9DcT2KPyAOQQJGGwsFQ2ZmZj8L' +
    'IA8NARogDgR9IA5BAUYEfUNI4Xo/BUMK14M/Qx+Fiz8gDkECRhsLBUMK12M/CwwBCyAFQQJGBEAgDgR9QwAAgD9DKVyPPyAOQQFG' +
    'GwVDrkdhPwsgDw0BGiAOBH1DuB6FP0MzM7M/IA5BAUYbBUPsUTg/CyAGDQEaIA4EfSAOQQFGBH1DcT2KPwVDCtejP0Ncj8I/IA5B' +
    'AkYbCwVDPQpXPwsMAQsgDgR9Q4/CdT9DAACAPyAOQQFGGwVDH4VrPwsLlCIIIAYEfyAABSACIAKyIAwgC5IgCJSTQwAAAD+Uu0QA' +
    'AAAAAADgP6Cc/AIiASABIAJKG0EAIAFBAE4bCyIBIAIgDxAGIwkiCEMAAAAAXgRAIw1FIwgiDSANlCAIlSIKIwpecgRAIAokCiAN' +
    'IAiVJAsgASQMQQEkDQsLIA5BAWohDgwBCwsjDUUEQEEADwtB/gEgE2tBF3S+IQhBAyAGQQBHIA8bQQAgBUECRhshAANAIAAgEUoE' +
    'QAJAQwAAgD8jC5UiCSAJk0MAAAAAXA0AIAQgCSMMIAIgDxAGIwlDAAAAAF5FDQAjCCMIlCMJlSIJIwpeRQ0AIAkkCiMIIwmVJAsg' +
    'EUEBaiERDAILCwsjCyAIlCEJIAcEfSAJiyIIQwDgf0deBEBDAOB/RyEICyAIvCIAQRd2QfAAa0EATAR9IAi7RAAAAAAAAHBBop5E' +
    'AAAAAAAAcD6itgUgAEGAQHEiAUGAQGsgASAAQf8/cSIAQYAgSwR/QQEFIABBgCBGIAFBgMAAcUEAR3ELG74LIgiMIAggCUMAAAAA' +
    'XRsFIAkLJAMjDCQEQQELwxYDEHsCfQV/IAAoAgAiGiQRIBpBgCBqJBIgGkGAQGskEyAAIAE2AgQgASACaiIbIAJqIhwgAmohHSAD' +
    'QQJ0IRpBACECA0AgAiAaSQRAIAogASACav0ABAAiEP3qASEKIAggEP3rASEIIAkgAiAbav0ABAAiEP3qASEJIAsgEP3rASELIAwg' +
    'AiAcav0ABAAiEP3qASEMIA8gEP3rASEPIA0gAiAdav0ABAAiEP3qASENIA4gEP3rASEOIAJBEGohAgwBCwsgCiAJ/Q0AAQIDEBES' +
    'EwQFBgcUFRYXIAogCf0NCAkKCxgZGhsMDQ4PHB0eH/3qASIJIAwgDf0NAAECAxAREhMEBQYHFBUWFyAMIA39DQgJCgsYGRobDA0O' +
    'DxwdHh/96gEiCv0NAAECAwQFBgcQERITFBUWFyAJIAr9DQgJCgsMDQ4PGBkaGxwdHh/96gEiEP3gAf0MAACAfwAAgH8AAIB/AACA' +
    'f/1DIAggC/0NAAECAxAREhMEBQYHFBUWFyAIIAv9DQgJCgsYGRobDA0ODxwdHh/96wEiCCAPIA79DQABAgMQERITBAUGBxQVFhcg' +
    'DyAO/Q0ICQoLGBkaGwwNDg8cHR4f/esBIgn9DQABAgMEBQYHEBESExQVFhcgCCAJ/Q0ICQoLDA0ODxgZGhscHR4f/esBIg794AH9' +
    'DAAAgH8AAIB/AACAfwAAgH/9Q/1O/aMBRQRAQQAPCyAQ/eABIA794AH96QFBF/2tASII/QwAAAAAAAAAAAAAAAAAAAAA/Tf9TSEP' +
    '/Qz+AAAA/gAAAP4AAAD+AAAAIAj9sQH9DAEAAAABAAAAAQAAAAEAAAD9uAH9DP0AAAD9AAAA/QAAAP0AAAD9tgEiEUEX/asBIRL9' +
    'DAAAAAAAAAAAAAAAAAAAAAAhCf0MAAAAAAAAAAAAAAAAAAAAACEM/QwAAAAAAAAAAAAAAAAAAAAAIQ39DAAAAAAAAAAAAAAAAAAA' +
    'AAAhCEEAIQIDQCACIANIBEAjESACQQR0aiIeIAJBAnQiGiABav0ABAAiEyAaIBtq/QAEACIU/Q0AAQIDEBESEwQFBgcUFRYXIhUg' +
    'GiAcav0ABAAiCiAaIB1q/QAEACIW/Q0AAQIDEBESEwQFBgcUFRYXIhf9DQABAgMEBQYHEBESExQVFhcgEv3mASIL/QsEACAeIBUg' +
    'F/0NCAkKCwwNDg8YGRobHB0eHyAS/eYBIhX9CwQQIB4gEyAU/Q0ICQoLGBkaGwwNDg8cHR4fIhMgCiAW/Q0ICQoLGBkaGwwNDg8c' +
    'HR4fIgr9DQABAgMEBQYHEBESExQVFhcgEv3mASIU/QsEICAeIBMgCv0NCAkKCwwNDg8YGRobHB0eHyAS/eYBIgr9CwQwIAkgCyAL' +
    '/eYB/eQBIQkgDCAVIBX95gH95AEhDCANIBQgFP3mAf3kASENIAggCiAK/eYB/eQBIQggAkEEaiECDAELCyAJIAz95AEgDf3kASAI' +
    '/eQBIgggCP1C/VMEQEEADwsgB0EARyIBIAYgARshGiABRSAGIAYbIRsgGgRAIAhDAACAPyADspX9E/3mAf3jASQXIAAjFyII/QsE' +
    'ECAbRQRAQQAhAgNAIAIgA0gEQCACQQR0IhwjEWr9AAQAIQkjEiAcaiABBHsgByACQQJ0av0JAgAF/QwAAIA/AACAPwAAgD8AAIA/' +
    'CyIKIAggCf3gAf3kAf3mASAKIAYbIgr9CwQAIxMgHGogCiAJ/eYB/QsEACACQQFqIQIMAQsLCwtBASAEdEEBayEBQQEgBEEBa3Qh' +
    'Bv0M/gAAAP4AAAD+AAAA/gAAACAR/bEBQRf9qwEhCCAQIBL95gEhDCAOIBL95gEhDSAFBHtBACAGa7L9EyANIAwgDf3gASAM/eAB' +
    '/UT9Uv3nAQUgAbL9EyANIAz95QH95wELIRFBA0EEIARBCEYEf0EBBUEBIBogBRtBACAEQQJGGwsbIQf9DAAAAAAAAAAAAAAAAAAA' +
    'AAAkGP0MAAAAAAAAAAAAAAAAAAAAACQZ/QwAAAAAAAAAAAAAAAAAAAAAJBr9DAAAgD8AAIA/AACAPwAAgD8kG/0MAAAAAAAAAAAA' +
    'AAAAAAAAACQcIAGy/RMhEv0MAAAAAAAAAAAAAAAAAAAAACEK/QwAAAAAAAAAAAAAAAAAAAAAIQn9DAAAAAAAAAAAAAAAAAAAAAAh' +
    'C0EAIQIDQCACIAdIBEAgEQJ9IARBBEYEQCACBH0gAkEBRgR9Q4/CdT8FQ1yPgj9DFK6HPyACQQJGGwsFQ2ZmZj8LIAVFDQEaIAIE' +
    'fSACQQFGBH1DSOF6PwVDuB6FP0NxPYo/IAJBAkYbCwVDZmZmPwsgGg0BGiACBH0gAkEBRgR9Q0jhej8FQwrXgz9DH4WLPyACQQJG' +
    'GwsFQwrXYz8LDAELIARBAkYEQCACBH1DAACAP0MpXI8/IAJBAUYbBUOuR2E/CyAaDQEaIAIEfUO4HoU/QzMzsz8gAkEBRhsFQ+xR' +
    'OD8LIAUNARogAgR9IAJBAUYEfUNxPYo/BUMK16M/Q1yPwj8gAkECRhsLBUM9Clc/CwwBCyACBH1Dj8J1P0MAAIA/IAJBAUYbBUMf' +
    'hWs/CwsiGf0T/eYBIRMgBQR7IAayIhggGZRDxSCAP5QiGSAYQwAAAL+SXQR/QQAFQQFBAiAZIAayQwAAAD+SXRsLIRxBACAbIAIb' +
    'BEAgAyATQQAgBmuy/RMgASAGa7L9EyAcEAwFIBxBAUZBACAaGwRAIAMgE0EAIAZrsv0TIAEgBmuy/RNBARAKBSADIBNBACAGa7L9' +
    'EyABIAZrsv0TIBogHBALCwsgAkEASgRA/Qz/////////////////////IAn9DAAAAAAAAAAAAAAAAAAAAAD9RP1OIAogCv3mASAJ' +
    '/ecBIhMjGf1EIxj9Tf1Q/U4hFCATIxkgFP1SJBkgCiMaIBT9UiQaIAkjGyAU/VIkGyALIxwgFP1SJBwjGCAU/VAkGAsgBv0RBSAS' +
    '/QwAAAAAAAAAAAAAAAAAAAAAIBIgDSAM/eQBIBP95gH95QH9DAAAAD8AAAA/AAAAPwAAAD/95gEiFP1oIhUgFCAV/eUB/QwAAAA/' +
    'AAAAPwAAAD8AAAA//Ub9DAAAgD8AAIA/AACAPwAAgD/9Tv3kAf3rAf3qASEUQQBBAiAZQ4/CdT9fGyEcQQAgGyACGwRAIAMgEyAU' +
    '/eEBIBIgFP3lASAcEAwFIBxBAkZBACAaGwRAIAMgEyAU/eEBIBIgFP3lAUECEAoFIAMgEyAU/eEBIBIgFP3lASAaIBwQCwsLIAJB' +
    'AEoEQP0M/////////////////////yAJ/QwAAAAAAAAAAAAAAAAAAAAA/UT9TiAKIAr95gEgCf3nASITIxn9RCMY/U39UP1OIRUg' +
    'EyMZIBX9UiQZIAojGiAV/VIkGiAJIxsgFf1SJBsgCyMcIBX9UiQcIxggFf1QJBgLIBT9+AELIQsjFSEKIxYhCSACQQFqIQIMAQsL' +
    '/Qz/////////////////////IAn9DAAAAAAAAAAAAAAAAAAAAAD9RP1OIAogCv3mASAJ/ecBIgwjGf1EIxj9Tf1Q/U4hDSAMIxkg' +
    'Df1SJBkgCiMaIA39UiQaIAkjGyAN/VIkGyALIxwgDf1SJBwjGCAN/VAkGCAAIBD9CwQgIAAgDv0LBDAgACAI/QsEQCAAIA/9CwRQ' +
    'IAAjGP0LBGAgACMZ/QsEcCAAIxr9CwSAASAAIxv9CwSQASAAIxz9CwSgASAAIxggD/1O/QsEsAEgAP0MAACAPwAAgD8AAIA/AACA' +
    'PyMaIxv95wH95wH9CwTAASAAIxz9+gEiCP3hAf0LBNABIAAgEiAI/eUB/QsE4AFBAQsGAEHg7AELiikDC3sCfQR/IAFBAnQhFwNA' +
    'IAEgFUoEQCAJIAAgFUECdGr9AAQAIgz96gEhCSAIIAz96wEhCCAKIAz95AEhCiAVQQRqIRUMAQsLIAkkDyAIJBAgCiQOIw8hCSMQ' +
    'IQwjDiAAIBdqIRj9DAAAAAAAAAAAAAAAAAAAAAAhCP0MAAAAAAAAAAAAAAAAAAAAACEKQQAhFQNAIAEgFUoEQCAIIBggFUECdGr9' +
    'AAQAIg396gEhCCAKIA396wEhCiALIA395AEhCyAVQQRqIRUMAQsLIAgkDyAKJBAgCyQOIw8hDSMQIRAjDv3kASAAIBdBAXRqIRj9' +
    'DAAAAAAAAAAAAAAAAAAAAAAhCP0MAAAAAAAAAAAAAAAAAAAAACEK/QwAAAAAAAAAAAAAAAAAAAAAIQtBACEVA0AgASAVSgRAIAgg' +
    'GCAVQQJ0av0ABAAiDv3qASEIIAogDv3rASEKIAsgDv3kASELIBVBBGohFQwBCwsgCCQPIAokECALJA4jDyEOIxAhESMO/eQBIAAg' +
    'F0EDbGohGP0MAAAAAAAAAAAAAAAAAAAAACEI/QwAAAAAAAAAAAAAAAAAAAAAIQr9DAAAAAAAAAAAAAAAAAAAAAAhC0EAIRUDQCAB' +
    'IBVKBEAgCCAYIBVBAnRq/QAEACIP/eoBIQggCiAP/esBIQogCyAP/eQBIQsgFUEEaiEVDAELCyAIJA8gCiQQIAskDiMO/eQB/eAB' +
    '/QwAAIB/AACAfwAAgH8AAIB//UMgDCAQ/Q0AAQIDEBESEwQFBgcUFRYXIAwgEP0NCAkKCxgZGhsMDQ4PHB0eH/3rASIIIBEjECIK' +
    '/Q0AAQIDEBESEwQFBgcUFRYXIBEgCv0NCAkKCxgZGhsMDQ4PHB0eH/3rASIK/Q0AAQIDBAUGBxAREhMUFRYXIAggCv0NCAkKCwwN' +
    'Dg8YGRobHB0eH/3rASIIIAkgDf0NAAECAxAREhMEBQYHFBUWFyAJIA39DQgJCgsYGRobDA0ODxwdHh/96gEiCSAOIw8iCv0NAAEC' +
    'AxAREhMEBQYHFBUWFyAOIAr9DQgJCgsYGRobDA0ODxwdHh/96gEiCv0NAAECAwQFBgcQERITFBUWFyAJIAr9DQgJCgsMDQ4PGBka' +
    'GxwdHh/96gEiCf3lASIK/eAB/QwAAIB/AACAfwAAgH8AAIB//UP9Tv2jAUUEQEEAIRUDQCAWQQRIBEAgACAWIBdsaiABEAkgFUEB' +
    'aiAVIwIbIRUgFkEBaiEWDAELCyAVQQBKBEAgFQ8LC0EBIAJ0QQFrIRUgAwR7IAggCSAI/eABIAn94AH9RP1S/eEBQQEgAkEBa3Sy' +
    '/RP95wEFIAogFbL9E/3nAQshCCAFIAQEQCAI/R8AIhSLIhNDAOB/R14EQEMA4H9HIRMLIAggE7wiBUEXdkHwAGtBAEwEfSATu0QA' +
    'AAAAAABwQaKeRAAAAAAAAHA+orYFIAVBgEBxIhZBgEBrIBYgBUH/P3EiBUGAIEsEf0EBBSAFQYAgRiAWQYDAAHFBAEdxCxu+CyIT' +
    'jCATIBRDAAAAAF0b/SAAIgj9HwEiFIsiE0MA4H9HXgRAQwDgf0chEwsgCCATvCIFQRd2QfAAa0EATAR9IBO7RAAAAAAAAHBBop5E' +
    'AAAAAAAAcD6itgUgBUGAQHEiFkGAQGsgFiAFQf8/cSIFQYAgSwR/QQEFIAVBgCBGIBZBgMAAcUEAR3ELG74LIhOMIBMgFEMAAAAA' +
    'XRv9IAEiCP0fAiIUiyITQwDgf0deBEBDAOB/RyETCyAIIBO8IgVBF3ZB8ABrQQBMBH0gE7tEAAAAAAAAcEGinkQAAAAAAABwPqK2' +
    'BSAFQYBAcSIWQYBAayAWIAVB/z9xIgVBgCBLBH9BAQUgBUGAIEYgFkGAwABxQQBHcQsbvgsiE4wgEyAUQwAAAABdG/0gAiII/R8D' +
    'IhSLIhNDAOB/R14EQEMA4H9HIRMLIAggE7wiBUEXdkHwAGtBAEwEfSATu0QAAAAAAABwQaKeRAAAAAAAAHA+orYFIAVBgEBxIhZB' +
    'gEBrIBYgBUH/P3EiBUGAIEsEf0EBBSAFQYAgRiAWQYDAAHFBAEdxCxu+CyITjCATIBRDAAAAAF0b/SADIQgLIAj9CwQAIAEgAmxB' +
    'A3UhBSADBH8gBAR/IAj94AEiC/0MAACAOAAAgDgAAIA4AACAOP1GIAv9DADgf0cA4H9HAOB/RwDgf0f9Q/1OIAv9DAAAAAAAAAAA' +
    'AAAAAAAAAAD9Qf1Q/aMBBUEBCwVBAAsEQP0MAACAPwAAgD8AAIA/AACAPyAI/ecB/QwAAAAAAAAAAAAAAAAAAAAAIAj9DAAAAAAA' +
    'AAAAAAAAAAAAAAD9Qv1SIQggAkEERgRAQQAhAgNAIAJBBEgEQCACBHsgAkEBRgR7IAggCP0NBAUGBwQFBgcEBQYHBAUGBwUgCCAI' +
    '/Q0ICQoLCAkKCwgJCgsICQoLIAggCP0NDA0ODwwNDg8MDQ4PDA0ODyACQQJGGwsFIAggCP0NAAECAwABAgMAAQIDAAECAwshCSAA' +
    'IAIgF2xqIQMgByACIAVsaiEEQQAhFgNAIAEgFkoEQCAEIBZBAXVqIAMgFkECdGoiBv0ABAAgCf3mAf0MAAAAQQAAAEEAAABBAAAA' +
    'Qf3kAf0MAAAAPwAAAD8AAAA/AAAAP/3kAf1o/QwAAHBBAABwQQAAcEEAAHBB/eoB/QwAAABLAAAASwAAAEsAAABL/eQB/Qz/AAAA' +
    '/wAAAP8AAAD/AAAA/U4gBv0ABBAgCf3mAf0MAAAAQQAAAEEAAABBAAAAQf3kAf0MAAAAPwAAAD8AAAA/AAAAP/3kAf1o/QwAAHBB' +
    'AABwQQAAcEEAAHBB/eoB/QwAAABLAAAASwAAAEsAAABL/eQB/Qz/AAAA/wAAAP8AAAD/AAAA/U79hgEgBv0ABCAgCf3mAf0MAAAA' +
    'QQAAAEEAAABBAAAAQf3kAf0MAAAAPwAAAD8AAAA/AAAAP/3kAf1o/QwAAHBBAABwQQAAcEEAAHBB/eoB/QwAAABLAAAASwAAAEsA' +
    'AABL/eQB/Qz/AAAA/wAAAP8AAAD/AAAA/U4gBv0ABDAgCf3mAf0MAAAAQQAAAEEAAABBAAAAQf3kAf0MAAAAPwAAAD8AAAA/AAAA' +
    'P/3kAf1o/QwAAHBBAABwQQAAcEEAAHBB/eoB/QwAAABLAAAASwAAAEsAAABL/eQB/Qz/AAAA/wAAAP8AAAD/AAAA/U79hgH9ZiIK' +
    'IApBBP2NAf1Q/Qz/AP8A/wD/AP8A/wD/AP8A/U4iCiAK/Wb9WwMAACAWQRBqIRYMAQsLIAJBAWohAgwBCwsFIAJBAkYEQEEAIQID' +
    'QCACQQRIBEAgAgR7IAJBAUYEeyAIIAj9DQQFBgcEBQYHBAUGBwQFBgcFIAggCP0NCAkKCwgJCgsICQoLCAkKCyAIIAj9DQwNDg8M' +
    'DQ4PDA0ODwwNDg8gAkECRhsLBSAIIAj9DQABAgMAAQIDAAECAwABAgMLIQkgACACIBdsaiEDIAcgAiAFbGohBEEAIRYDQCABIBZK' +
    'BEAgBCAWQQJ1aiADIBZBAnRqIgb9AAQAIAn95gH9DAAAAEAAAABAAAAAQAAAAED95AH9DAAAAD8AAAA/AAAAPwAAAD/95AH9aP0M' +
    'AABAQAAAQEAAAEBAAABAQP3qAf0MAAAASwAAAEsAAABLAAAAS/3kAf0M/wAAAP8AAAD/AAAA/wAAAP1OIAb9AAQQIAn95gH9DAAA' +
    'AEAAAABAAAAAQAAAAED95AH9DAAAAD8AAAA/AAAAPwAAAD/95AH9aP0MAABAQAAAQEAAAEBAAABAQP3qAf0MAAAASwAAAEsAAABL' +
    'AAAAS/3kAf0M/wAAAP8AAAD/AAAA/wAAAP1O/YYBIAb9AAQgIAn95gH9DAAAAEAAAABAAAAAQAAAAED95AH9DAAAAD8AAAA/AAAA' +
    'PwAAAD/95AH9aP0MAABAQAAAQEAAAEBAAABAQP3qAf0MAAAASwAAAEsAAABLAAAAS/3kAf0M/wAAAP8AAAD/AAAA/wAAAP1OIAb9' +
    'AAQwIAn95gH9DAAAAEAAAABAAAAAQAAAAED95AH9DAAAAD8AAAA/AAAAPwAAAD/95AH9aP0MAABAQAAAQEAAAEBAAABAQP3qAf0M' +
    'AAAASwAAAEsAAABLAAAAS/3kAf0M/wAAAP8AAAD/AAAA/wAAAP1O/YYB/WYiCiAKQQb9rQH9UCIKIApBDP2tAf1Q/Qz/AAAA/wAA' +
    'AP8AAAD/AAAA/U4iCiAK/YYBIgogCv1m/VoCAAAgFkEQaiEWDAELCyACQQFqIQIMAQsLBUEAIQIDQCACQQRIBEAgAgR7IAJBAUYE' +
    'eyAIIAj9DQQFBgcEBQYHBAUGBwQFBgcFIAggCP0NCAkKCwgJCgsICQoLCAkKCyAIIAj9DQwNDg8MDQ4PDA0ODwwNDg8gAkECRhsL' +
    'BSAIIAj9DQABAgMAAQIDAAECAwABAgMLIQkgACACIBdsaiEDIAcgAiAFbGohBEEAIRYDQCABIBZKBEAgBCAWaiADIBZBAnRqIgb9' +
    'AAQAIAn95gH9DAAAAEMAAABDAAAAQwAAAEP95AH9DAAAAD8AAAA/AAAAPwAAAD/95AH9aP0MAAB/QwAAf0MAAH9DAAB/Q/3qAf0M' +
    'AAAASwAAAEsAAABLAAAAS/3kAf0M/wAAAP8AAAD/AAAA/wAAAP1OIAb9AAQQIAn95gH9DAAAAEMAAABDAAAAQwAAAEP95AH9DAAA' +
    'AD8AAAA/AAAAPwAAAD/95AH9aP0MAAB/QwAAf0MAAH9DAAB/Q/3qAf0MAAAASwAAAEsAAABLAAAAS/3kAf0M/wAAAP8AAAD/AAAA' +
    '/wAAAP1O/YYBIAb9AAQgIAn95gH9DAAAAEMAAABDAAAAQwAAAEP95AH9DAAAAD8AAAA/AAAAPwAAAD/95AH9aP0MAAB/QwAAf0MA' +
    'AH9DAAB/Q/3qAf0MAAAASwAAAEsAAABLAAAAS/3kAf0M/wAAAP8AAAD/AAAA/wAAAP1OIAb9AAQwIAn95gH9DAAAAEMAAABDAAAA' +
    'QwAAAEP95AH9DAAAAD8AAAA/AAAAPwAAAD/95AH9aP0MAAB/QwAAf0MAAH9DAAB/Q/3qAf0MAAAASwAAAEsAAABLAAAAS/3kAf0M' +
    '/wAAAP8AAAD/AAAA/wAAAP1O/YYB/Wb9CwQAIBZBEGohFgwBCwsgAkEBaiECDAELCwsLQQAPCyADRQRA/QwAAAAAAAAAAAAAAAAA' +
    'AAAAIAkgCiAVsv0TIgr95wEiC/3nAf3lASAJIAv9DAAAAAAAAAAAAAAAAAAAAAD9Qv1SIgn9aCELIAYgCv0MAAAAAAAAAAAAAAAA' +
    'AAAAACALIAkgC/3lAf0MAAAAPwAAAD8AAAA/AAAAP/1G/QwAAIA/AACAPwAAgD8AAIA//U795AH96wH96gEiCf34Af0LBAD9DAAA' +
    'gD8AAIA/AACAPwAAgD8gCP3nAf0MAAAAAAAAAAAAAAAAAAAAACAI/QwAAAAAAAAAAAAAAAAAAAAA/UL9UiEIIAJBBEYEQCAAIBcg' +
    'ASAIIAkgByAFEBwFIAJBAkYEQCAAIBcgASAIIAkgByAFEB0FIAEhAkEAIQEDQCABQQRIBEAgASIDBHsgAUEBRgR7IAggCP0NBAUG' +
    'BwQFBgcEBQYHBAUGBwUgCCAI/Q0ICQoLCAkKCwgJCgsICQoLIAggCP0NDA0ODwwNDg8MDQ4PDA0ODyADQQJGGwsFIAggCP0NAAEC' +
    'AwABAgMAAQIDAAECAwshCiADBHsgA0EBRgR7IAkgCf0NBAUGBwQFBgcEBQYHBAUGBwUgCSAJ/Q0ICQoLCAkKCwgJCgsICQoLIAkg' +
    'Cf0NDA0ODwwNDg8MDQ4PDA0ODyADQQJGGwsFIAkgCf0NAAECAwABAgMAAQIDAAECAwshCyAAIAMgF2xqIQQgByADIAVsaiEGQQAh' +
    'AQNAIAEgAkgEQCABIAZq/QwAAH9DAAB/QwAAf0MAAH9D/QwAAAAAAAAAAAAAAAAAAAAAIAQgAUECdGoiFf0ABAAgCv3mASAL/eQB' +
    'Igz9aSINIAwgDf3lAf0MAAAAPwAAAD8AAAA/AAAAP/1G/QwAAIA/AACAPwAAgD8AAIA//U795AH96wH96gH9DAAAAEsAAABLAAAA' +
    'SwAAAEv95AH9DP8AAAD/AAAA/wAAAP8AAAD9Tv0MAAB/QwAAf0MAAH9DAAB/Q/0MAAAAAAAAAAAAAAAAAAAAACAV/QAEECAK/eYB' +
    'IAv95AEiDP1pIg0gDCAN/eUB/QwAAAA/AAAAPwAAAD8AAAA//Ub9DAAAgD8AAIA/AACAPwAAgD/9Tv3kAf3rAf3qAf0MAAAASwAA' +
    'AEsAAABLAAAAS/3kAf0M/wAAAP8AAAD/AAAA/wAAAP1O/YYB/QwAAH9DAAB/QwAAf0MAAH9D/QwAAAAAAAAAAAAAAAAAAAAAIBX9' +
    'AAQgIAr95gEgC/3kASIM/WkiDSAMIA395QH9DAAAAD8AAAA/AAAAPwAAAD/9Rv0MAACAPwAAgD8AAIA/AACAP/1O/eQB/esB/eoB' +
    '/QwAAABLAAAASwAAAEsAAABL/eQB/Qz/AAAA/wAAAP8AAAD/AAAA/U79DAAAf0MAAH9DAAB/QwAAf0P9DAAAAAAAAAAAAAAAAAAA' +
    'AAAgFf0ABDAgCv3mASAL/eQBIgz9aSINIAwgDf3lAf0MAAAAPwAAAD8AAAA/AAAAP/1G/QwAAIA/AACAPwAAgD8AAIA//U795AH9' +
    '6wH96gH9DAAAAEsAAABLAAAASwAAAEv95AH9DP8AAAD/AAAA/wAAAP8AAAD9Tv2GAf1m/QsEACABQRBqIQEMAQsLIANBAWohAQwB' +
    'CwsLC0EADwtBACEDA0AgA0EESARAIAAgAyAXbGogASACIAMEfSADQQFGBH0gCP0fAQUgCP0fAiAI/R8DIANBAkYbCwUgCP0fAAsi' +
    'E0EBIAJBAWt0IAcgAyAFbGogE4siE0MAAAAAWwR/QQEFIBNDAOB/R10gE0MAAIA4YHELEAIgA0EBaiEDDAELC0EAC7MJAQp/IAIk' +
    'HSADJB4gBCQfIAVBAEckICAGQQBHJCEgB0EARyQiIAhBAEckIyAJJCQgCiQlIAskJiAMJCcgAiAEakEBayAEbSQoIAMgBGxBA3Uk' +
    'KUEIIANtJCpBAiADQQRGIANBAkYbJCsjKCADbEEHakEDdSQsIA0kLSANQYAIaiQuIA1BgBBqJAUgDUGAGGokBiANQYAgaiQHIA1B' +
    'gOgBaiQUIxRBQGskLyMUQYABaiITIA1BgChqNgIAIxRB8AJqIhQgDUGAiAFqNgIAIAlFBEBBACEMA0AgBCAMSgRAIy4gDEECdGpD' +
    'AACAPzgCACAMQQFqIQwMAQsLC0EAIQwgAiAEbSIPQQBKQQAgBhsEQEEDIAVBAEcgCUEARyIJBH8gCQUgCAsiEBtBACADQQJGGyEW' +
    'QQAkMf0MAAAAAAAAAAAAAAAAAAAAACQwA0AgDEEEaiABTARAQQAhDQNAIA1BBEgEQCMgRQRAIAwgDWohCUEBIx5BAWt0IRFBACES' +
    'QQAhCANAIAgjKkgEQCASIBEgCCMebHRyIRIgCEEBaiEIDAELCyMnIAkjLGxqIQlBACEIA0AgCCMsSARAIAggCWogEjoAACAIQQFq' +
    'IQgMAQsLCyANQQFqIQ0MAQsLQQAhEgNAIA8gEkoEQCATIAAgDCASEAciFyEIIBJBAWoiCSAPSCINBH8gFCAAIAwgCRAHBSANCyIR' +
    'IQlBACEVA0BBASAJIAgbQQAgFSAWSBsEQCAIBEAgEyAEIBAQCCEICyAJBEAgFCAEIBAQCCEJCyAVQQFqIRUMAQsLIBMgFyAAIAwg' +
    'EhANIA5qIQ4gDQRAIBQgESAAIAwgEkEBahANIA5qIQ4LIBJBAmohEgwBCwsjMQRAIxQjMP0LBABBACEIA0AgCEEESARAIzIjJyMs' +
    'IAggDGpsamoiCSMUIAhBAnRqKAIAIAktAAAjMUF/c3FyOgAAIAhBAWohCAwBCwv9DAAAAAAAAAAAAAAAAAAAAAAkMEEAJDELQQAh' +
    'DQNAIA1BBEgEQCAPIQgDQCAIIyhIBEAgACAMIA1qIAgQAyAOaiEOIAhBAWohCAwBCwsgDUEBaiENDAELCyAMQQRqIQwMAQsLCyAC' +
    'QQJ0IQIDQCABIAxKBEAjIEUEQEEBIx5BAWt0IQ1BACEJQQAhCANAIAgjKkgEQCAJIA0gCCMebHRyIQkgCEEBaiEIDAELCyMnIAwj' +
    'LGxqIQ1BACEIA0AgCCMsSARAIAggDWogCToAACAIQQFqIQgMAQsLC0EAIQggBkUEQCAAIAIgDGxqIQ0DQCAIQQRqIA9MBEACQCAN' +
    'IAQgCGxBAnRqIAQgAyAFIAcgCyAMIyhsIAhqIglBAnRqIwUgCiAJIylsahAaIglBAEoEQCAJIA5qIQ4MAQsgBUUEQEEAIQkDQCAJ' +
    'QQRIBEAjJyAMIyxsaiAIIAlqIhAjK3VqIhEgES0AAEEBIx50QQFrIx4gECMqQQFrcWwiEHRBf3NxIwUgCUECdGooAgAgEHRyOgAA' +
    'IAlBAWohCQwBCwsLCyAIQQRqIQgMAQsLCwNAIAgjKEgEQCAAIAwgCBADIA5qIQ4gCEEBaiEIDAELCyAMQQFqIQwMAQsLIA4L1AcC' +
    'BX8EewNAIAhBBEgEQCAIIgcEeyAHQQFGBHsgAyAD/Q0EBQYHBAUGBwQFBgcEBQYHBSADIAP9DQgJCgsICQoLCAkKCwgJCgsgAyAD' +
    '/Q0MDQ4PDA0ODwwNDg8MDQ4PIAdBAkYbCwUgAyAD/Q0AAQIDAAECAwABAgMAAQIDCyEPIAcEeyAHQQFGBHsgBCAE/Q0EBQYHBAUG' +
    'BwQFBgcEBQYHBSAEIAT9DQgJCgsICQoLCAkKCwgJCgsgBCAE/Q0MDQ4PDA0ODwwNDg8MDQ4PIAdBAkYbCwUgBCAE/Q0AAQIDAAEC' +
    'AwABAgMAAQIDCyEOIAAgASAHbGohCiAFIAYgB2xqIQlBACEIA0AgAiAISgRAIAkgCEEBdWr9DAAAcEEAAHBBAABwQQAAcEH9DAAA' +
    'AAAAAAAAAAAAAAAAAAAgCiAIQQJ0aiIL/QAEACAP/eYBIA795AEiDf1pIgwgDSAM/eUB/QwAAAA/AAAAPwAAAD8AAAA//Ub9DAAA' +
    'gD8AAIA/AACAPwAAgD/9Tv3kAf3rAf3qAf0MAAAASwAAAEsAAABLAAAAS/3kAf0M/wAAAP8AAAD/AAAA/wAAAP1O/QwAAHBBAABw' +
    'QQAAcEEAAHBB/QwAAAAAAAAAAAAAAAAAAAAAIAv9AAQQIA/95gEgDv3kASIN/WkiDCANIAz95QH9DAAAAD8AAAA/AAAAPwAAAD/9' +
    'Rv0MAACAPwAAgD8AAIA/AACAP/1O/eQB/esB/eoB/QwAAABLAAAASwAAAEsAAABL/eQB/Qz/AAAA/wAAAP8AAAD/AAAA/U79hgH9' +
    'DAAAcEEAAHBBAABwQQAAcEH9DAAAAAAAAAAAAAAAAAAAAAAgC/0ABCAgD/3mASAO/eQBIg39aSIMIA0gDP3lAf0MAAAAPwAAAD8A' +
    'AAA/AAAAP/1G/QwAAIA/AACAPwAAgD8AAIA//U795AH96wH96gH9DAAAAEsAAABLAAAASwAAAEv95AH9DP8AAAD/AAAA/wAAAP8A' +
    'AAD9Tv0MAABwQQAAcEEAAHBBAABwQf0MAAAAAAAAAAAAAAAAAAAAACAL/QAEMCAP/eYBIA795AEiDf1pIgwgDSAM/eUB/QwAAAA/' +
    'AAAAPwAAAD8AAAA//Ub9DAAAgD8AAIA/AACAPwAAgD/9Tv3kAf3rAf3qAf0MAAAASwAAAEsAAABLAAAAS/3kAf0M/wAAAP8AAAD/' +
    'AAAA/wAAAP1O/YYB/WYiDCAMQQT9jQH9UP0M/wD/AP8A/wD/AP8A/wD/AP1OIgwgDP1m/VsDAAAgCEEQaiEIDAELCyAHQQFqIQgM' +
    'AQsLC+YHAgV/BHsDQCAIQQRIBEAgCCIHBHsgB0EBRgR7IAMgA/0NBAUGBwQFBgcEBQYHBAUGBwUgAyAD/Q0ICQoLCAkKCwgJCgsI' +
    'CQoLIAMgA/0NDA0ODwwNDg8MDQ4PDA0ODyAHQQJGGwsFIAMgA/0NAAECAwABAgMAAQIDAAECAwshDyAHBHsgB0EBRgR7IAQgBP0N' +
    'BAUGBwQFBgcEBQYHBAUGBwUgBCAE/Q0ICQoLCAkKCwgJCgsICQoLIAQgBP0NDA0ODwwNDg8MDQ4PDA0ODyAHQQJGGwsFIAQgBP0N' +
    'AAECAwABAgMAAQIDAAECAwshDiAAIAEgB2xqIQogBSAGIAdsaiEJQQAhCANAIAIgCEoEQCAJIAhBAnVq/QwAAEBAAABAQAAAQEAA' +
    'AEBA/QwAAAAAAAAAAAAAAAAAAAAAIAogCEECdGoiC/0ABAAgD/3mASAO/eQBIg39aSIMIA0gDP3lAf0MAAAAPwAAAD8AAAA/AAAA' +
    'P/1G/QwAAIA/AACAPwAAgD8AAIA//U795AH96wH96gH9DAAAAEsAAABLAAAASwAAAEv95AH9DP8AAAD/AAAA/wAAAP8AAAD9Tv0M' +
    'AABAQAAAQEAAAEBAAABAQP0MAAAAAAAAAAAAAAAAAAAAACAL/QAEECAP/eYBIA795AEiDf1pIgwgDSAM/eUB/QwAAAA/AAAAPwAA' +
    'AD8AAAA//Ub9DAAAgD8AAIA/AACAPwAAgD/9Tv3kAf3rAf3qAf0MAAAASwAAAEsAAABLAAAAS/3kAf0M/wAAAP8AAAD/AAAA/wAA' +
    'AP1O/YYB/QwAAEBAAABAQAAAQEAAAEBA/QwAAAAAAAAAAAAAAAAAAAAAIAv9AAQgIA/95gEgDv3kASIN/WkiDCANIAz95QH9DAAA' +
    'AD8AAAA/AAAAPwAAAD/9Rv0MAACAPwAAgD8AAIA/AACAP/1O/eQB/esB/eoB/QwAAABLAAAASwAAAEsAAABL/eQB/Qz/AAAA/wAA' +
    'AP8AAAD/AAAA/U79DAAAQEAAAEBAAABAQAAAQED9DAAAAAAAAAAAAAAAAAAAAAAgC/0ABDAgD/3mASAO/eQBIg39aSIMIA0gDP3l' +
    'Af0MAAAAPwAAAD8AAAA/AAAAP/1G/QwAAIA/AACAPwAAgD8AAIA//U795AH96wH96gH9DAAAAEsAAABLAAAASwAAAEv95AH9DP8A' +
    'AAD/AAAA/wAAAP8AAAD9Tv2GAf1mIgwgDEEG/a0B/VAiDCAMQQz9rQH9UP0M/wAAAP8AAAD/AAAA/wAAAP1OIgwgDP2GASIMIAz9' +
    'Zv1aAgAAIAhBEGohCAwBCwsgB0EBaiEIDAELCwuzFAIDfwd7IAP94QEhCiAEIAP95QEhBCABQQJGBEAgA/0MAACqQgAAqkIAAKpC' +
    'AACqQv3mASEDA0AgACAHSgRAIxEgB0EEdGoiAUFAayEIIAUgB0ECdWoiCSAEIAogAf0ABDAgAv3mAf1q/esB/eoB/QwAAIBAAACA' +
    'QAAAgEAAAIBA/eYBIAQgCiAB/QAEICAC/eYB/Wr96wH96gH95AH9DAAAgEAAAIBAAACAQAAAgED95gEgBCAKIAH9AAQQIAL95gH9' +
    'av3rAf3qAf3kAf0MAACAQAAAgEAAAIBAAACAQP3mASAEIAogAf0ABAAgAv3mAf1q/esB/eoB/eQBIAP95AEgBCAKIAj9AAQwIAL9' +
    '5gH9av3rAf3qAf0MAACAQAAAgEAAAIBAAACAQP3mASAEIAogCP0ABCAgAv3mAf1q/esB/eoB/eQB/QwAAIBAAACAQAAAgEAAAIBA' +
    '/eYBIAQgCiAI/QAEECAC/eYB/Wr96wH96gH95AH9DAAAgEAAAIBAAACAQAAAgED95gEgBCAKIAj9AAQAIAL95gH9av3rAf3qAf3k' +
    'ASAD/eQB/QwAAIBDAACAQwAAgEMAAIBD/eYB/eQB/fkBIAQgCiABQYABav0ABDAgAv3mAf1q/esB/eoB/QwAAIBAAACAQAAAgEAA' +
    'AIBA/eYBIAQgCiAB/QAEoAEgAv3mAf1q/esB/eoB/eQB/QwAAIBAAACAQAAAgEAAAIBA/eYBIAQgCiAB/QAEkAEgAv3mAf1q/esB' +
    '/eoB/eQB/QwAAIBAAACAQAAAgEAAAIBA/eYBIAQgCiAB/QAEgAEgAv3mAf1q/esB/eoB/eQBIAP95AEgBCAKIAFBwAFq/QAEMCAC' +
    '/eYB/Wr96wH96gH9DAAAgEAAAIBAAACAQAAAgED95gEgBCAKIAH9AATgASAC/eYB/Wr96wH96gH95AH9DAAAgEAAAIBAAACAQAAA' +
    'gED95gEgBCAKIAH9AATQASAC/eYB/Wr96wH96gH95AH9DAAAgEAAAIBAAACAQAAAgED95gEgBCAKIAH9AATAASAC/eYB/Wr96wH9' +
    '6gH95AEgA/3kAf0MAACAQwAAgEMAAIBDAACAQ/3mAf3kAf35AUEQ/asB/VAiC/1aAgAAIAYgCWogC/1aAgABIAkgBkEBdGogC/1a' +
    'AgACIAkgBkEDbGogC/1aAgADIAdBEGohBwwBCwsPCyAD/QwAAABLAAAASwAAAEsAAABL/eQBIQMDQCAAIAdKBEAgBCAKIxEgB0EE' +
    'dGoiCP0ABAAgAv3mAf1q/esB/eoBIAP95AH9DAAAAEsAAABLAAAASwAAAEv9sQEgBCAKIAj9AAQQIAL95gH9av3rAf3qASAD/eQB' +
    '/QwAAABLAAAASwAAAEsAAABL/bEB/YYBIAQgCiAI/QAEICAC/eYB/Wr96wH96gEgA/3kAf0MAAAASwAAAEsAAABLAAAAS/2xASAE' +
    'IAogCP0ABDAgAv3mAf1q/esB/eoBIAP95AH9DAAAAEsAAABLAAAASwAAAEv9sQH9hgH9ZiILIAv9DQAECAwBBQkNAgYKDgMHCw8h' +
    'DiAEIAogCEFAayIJ/QAEACAC/eYB/Wr96wH96gEgA/3kAf0MAAAASwAAAEsAAABLAAAAS/2xASAEIAogCf0ABBAgAv3mAf1q/esB' +
    '/eoBIAP95AH9DAAAAEsAAABLAAAASwAAAEv9sQH9hgEgBCAKIAn9AAQgIAL95gH9av3rAf3qASAD/eQB/QwAAABLAAAASwAAAEsA' +
    'AABL/bEBIAQgCiAJ/QAEMCAC/eYB/Wr96wH96gEgA/3kAf0MAAAASwAAAEsAAABLAAAAS/2xAf2GAf1mIgsgC/0NAAQIDAEFCQ0C' +
    'BgoOAwcLDyELIAQgCiAIQYABav0ABAAgAv3mAf1q/esB/eoBIAP95AH9DAAAAEsAAABLAAAASwAAAEv9sQEgBCAKIAj9AASQASAC' +
    '/eYB/Wr96wH96gEgA/3kAf0MAAAASwAAAEsAAABLAAAAS/2xAf2GASAEIAogCP0ABKABIAL95gH9av3rAf3qASAD/eQB/QwAAABL' +
    'AAAASwAAAEsAAABL/bEBIAQgCiAI/QAEsAEgAv3mAf1q/esB/eoBIAP95AH9DAAAAEsAAABLAAAASwAAAEv9sQH9hgH9ZiIMIAz9' +
    'DQAECAwBBQkNAgYKDgMHCw8hDCAEIAogCEHAAWr9AAQAIAL95gH9av3rAf3qASAD/eQB/QwAAABLAAAASwAAAEsAAABL/bEBIAQg' +
    'CiAI/QAE0AEgAv3mAf1q/esB/eoBIAP95AH9DAAAAEsAAABLAAAASwAAAEv9sQH9hgEgBCAKIAj9AATgASAC/eYB/Wr96wH96gEg' +
    'A/3kAf0MAAAASwAAAEsAAABLAAAAS/2xASAEIAogCP0ABPABIAL95gH9av3rAf3qASAD/eQB/QwAAABLAAAASwAAAEsAAABL/bEB' +
    '/YYB/WYiDSAN/Q0ABAgMAQUJDQIGCg4DBwsPIQ0gAUEIRgRAIAUgB2oiCCAOIAv9DQABAgMQERITBAUGBxQVFhciDyAMIA39DQAB' +
    'AgMQERITBAUGBxQVFhciEP0NAAECAwQFBgcQERITFBUWF/0LBAAgBiAIaiAPIBD9DQgJCgsMDQ4PGBkaGxwdHh/9CwQAIAggBkEB' +
    'dGogDiAL/Q0ICQoLGBkaGwwNDg8cHR4fIgsgDCAN/Q0ICQoLGBkaGwwNDg8cHR4fIgz9DQABAgMEBQYHEBESExQVFhf9CwQAIAgg' +
    'BkEDbGogCyAM/Q0ICQoLDA0ODxgZGhscHR4f/QsEAAUgAUEERgRAIAUgB0EBdWoiCCAOIA5BBP2NAf1Q/Qz/AP8A/wD/AP8A/wD/' +
    'AP8A/U4gCyALQQT9jQH9UP0M/wD/AP8A/wD/AP8A/wD/AP1O/WYiCyAMIAxBBP2NAf1Q/Qz/AP8A/wD/AP8A/wD/AP8A/U4gDSAN' +
    'QQT9jQH9UP0M/wD/AP8A/wD/AP8A/wD/AP1O/WYiDP0NAAEICRARGBkCAwoLEhMaGyIN/VsDAAAgBiAIaiAN/VsDAAEgCCAGQQF0' +
    'aiALIAz9DQQFDA0UFRwdBgcODxYXHh8iC/1bAwAAIAggBkEDbGogC/1bAwABBSAFIAdBAnVqIgggDiAOQQb9rQH9UCIOIA5BDP2t' +
    'Af1Q/Qz/AAAA/wAAAP8AAAD/AAAA/U4gCyALQQb9rQH9UCILIAtBDP2tAf1Q/Qz/AAAA/wAAAP8AAAD/AAAA/U79hgEgDCAMQQb9' +
    'rQH9UCILIAtBDP2tAf1Q/Qz/AAAA/wAAAP8AAAD/AAAA/U4gDSANQQb9rQH9UCILIAtBDP2tAf1Q/Qz/AAAA/wAAAP8AAAD/AAAA' +
    '/U79hgH9ZiILIAv9DQAECAwBBQkNAgYKDgMHCw8iC/1aAgAAIAYgCGogC/1aAgABIAggBkEBdGogC/1aAgACIAggBkEDbGogC/1a' +
    'AgADCwsgB0EQaiEHDAELCwsFAEGACAv9BAMDewJ9A38gACgCACISJBEgEkGAIGokEiASQYBAayQTIAD9AARgIAD9AARQ/U4hDiAA' +
    '/QAEoAEhDSAA/QAEgAEgAP0ABJAB/ecBIAD9AARA/eYBIQwgBgRAIxQgDP0LBAADQCARQQRIBEAjFCARQQJ0aiISIBIqAgAiEIsi' +
    'D0MA4H9HXgRAQwDgf0chDwsgD7wiE0EXdkHwAGtBAEwEfSAPu0QAAAAAAABwQaKeRAAAAAAAAHA+orYFIBNBgEBxIhJBgEBrIBIg' +
    'E0H/P3EiE0GAIEsEf0EBBSATQYAgRiASQYDAAHFBAEdxCxu+CyIPjCAPIBBDAAAAAF0bOAIAIBFBAWohEQwBCwsjFP0ABAAhDAsg' +
    'AyAE/QwAAAAAAAAAAAAAAAAAAAAA/QwAAIA/AACAPwAAgD8AAIA/IAz95wEgDP0MAAAAAAAAAAAAAAAAAAAAAP1B/VIgAP0ABED9' +
    '5gEgDf36AUEBIAR0QQFrsv0TIAkgChAeIxQgDP0LBAAjFCAN/QsEECMUIA79CwQgIxQgAP0ABCD9CwQwIAD9AAQwIQxBACEAA0Ag' +
    'AEEESARAIxQgAEECdGoiESgCIARAIBEqAgAkAyARKAIQJAQFIBEqAjAkACAABH0gAEEBRgR9IAz9HwEFIAz9HwIgDP0fAyAAQQJG' +
    'GwsFIAz9HwALJAEgBCAFIAYQASABIAAgAmxqIAMgBCMDIwQgCSAAIApsaiAFBH8gBgR/IwOLIg9DAAAAAFsEf0EBBSAPQwDgf0dd' +
    'IA9DAACAOGBxCwVBAQsFQQALQQBHEAILIAcgACAIbGojAzgCACALIABBAnRqIwQ2AgAgAEEBaiEADAELCws=';

;// CONCATENATED MODULE: ./src/quant/wasm-kernels.ts
/**
 * The WebAssembly SIMD kernels (built from wasm/assembly/kernels.ts), created on first use. Rows are
 * copied into the instance's memory in chunks small enough to stay in the cache (256 KiB), quantized
 * there, and the packed outputs copied out; rows that already live in the instance's memory
 * (`rowsInHeap`) are quantized in place. The memory is shared (a SharedArrayBuffer): the worker pool's
 * threads instantiate the same module on it and quantize their rows where they lie (`prepareShared`).
 */

/**
 * Quantizes rows [first, first + n) of a `QuantizeCall`'s layout; returns the number of non-finite blocks.
 * The one place the export's 14 arguments are spelled out: this thread calls it, and the worker pool's
 * threads run its source text (so it refers to nothing outside itself).
 */
function quantizeAt(kernels, c, first, n) {
    return kernels.quantize(c.x + first * c.K * 4, n, c.K, c.bits, c.blockSize, c.symmetric ? 1 : 0, c.search ? 1 : 0, c.float16Scales ? 1 : 0, c.magnitude ? 1 : 0, c.weights, c.codes + first * c.rowCodes, c.scales + first * c.kBlocks * 4, c.symmetric ? 0 : c.zeroPoints + first * c.zpPerRow, c.scratch);
}
/**
 * Quantizes rows [first, first + n) of a `SuperBlockCall`'s layout to super-blocks; returns the number of
 * non-finite values (then nothing is written). Like `quantizeAt`, self-contained: the pool's workers run its text.
 */
function superBlocksAt(kernels, c, first, n) {
    return kernels.quantizeSuperBlocks(c.x + first * c.K * 4, n, c.K, c.bits, c.span, c.float16 ? 1 : 0, c.magnitude ? 1 : 0, c.importance, c.codes + first * c.rowCodes, c.scales + first * c.kBlocks * 4, c.zeroPoints + first * c.kBlocks * 4, c.indices + first * c.rowIndices, c.superScales + first * c.supers * 2, c.superMins + first * c.supers * 2, c.scratch);
}
const CHUNK_BYTES = 256 * 1024;
const PAGE = 65536;
/** The memory's most pages (4 GiB, all a 32-bit address reaches): a shared memory is reserved whole, never moved. */
const MAX_PAGES = 65536;
class WasmKernels {
    exports;
    module;
    memory;
    /** This thread's scratch area. */
    scratch;
    /** The first byte after it: rows, weights and outputs are laid out from here. */
    dataStart;
    /** Bytes of one scratch area. */
    scratchBytes;
    /** The last area handed out by `stagingBytes`. */
    staged = null;
    /** Rows handed out by `rowsInHeap`, quantized in place. */
    resident = null;
    constructor(exports, 
    /** The compiled module and its memory, for other threads to instantiate on the same memory. */
    module, memory) {
        this.exports = exports;
        this.module = module;
        this.memory = memory;
        this.scratch = align(exports.heapBase());
        // One area serves both entry points (a thread runs one call at a time).
        this.scratchBytes = Math.max(exports.scratchBytes(), exports.superBlockScratchBytes());
        this.dataStart = align(this.scratch + this.scratchBytes);
    }
    /** The kernels, or null where WebAssembly SIMD (or a shared memory) is missing. */
    static load() {
        const api = globalThis.WebAssembly;
        const bytes = Buffer.from(KERNELS_WASM_BASE64, 'base64');
        if (!api || !api.validate(bytes))
            return null;
        try {
            const module = new api.Module(bytes);
            const memory = new api.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
            const instance = new api.Instance(module, { env: { memory } });
            return new WasmKernels(instance.exports, module, memory);
        }
        catch {
            return null;
        }
    }
    ensure(bytes) {
        const memory = this.memory;
        if (memory.buffer.byteLength < bytes)
            memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
    }
    get heap() {
        return this.memory.buffer;
    }
    /**
     * A float32 array of `count` values inside the kernels' memory, for a caller to fill (a tensor read or
     * transposed straight into it): `quantize` then reads it without a copy. Valid until the next call of
     * `rowsInHeap` or `quantize` on other rows.
     */
    rowsInHeap(count) {
        const offset = this.dataStart;
        // Room for the packed outputs and weights too (at most 1 byte of codes, 1/4 byte of scales and 1/16 of
        // zero points per value, K ≤ count weights): quantizing these rows never grows the memory, which
        // would detach the caller's view.
        this.ensure(offset + count * 4 + count * 2 + count * 4 + 4096);
        const view = new Float32Array(this.heap, offset, count);
        this.resident = { view, offset };
        return view;
    }
    /**
     * `count` bytes inside the kernels' memory, after the rows `rowsInHeap` handed out, for a caller to read
     * stored weights into and `transposeInto` those rows. Valid until the next call of any method.
     */
    stagingBytes(count) {
        const offset = align(this.afterResident());
        this.ensure(offset + count);
        const view = new Uint8Array(this.heap, offset, count);
        this.staged = view;
        return view;
    }
    /**
     * Transposes a row-major [rows, cols] matrix of stored values (`kind` 0 float32, 1 float16, 2 bfloat16)
     * into `out`, float32 [cols, rows]: both in this memory (`stagingBytes`, `rowsInHeap`), else false (the
     * caller transposes).
     */
    transposeInto(stored, kind, rows, cols, out) {
        // (Views compared with the ones handed out: a grown shared memory hands out a new buffer object.)
        const staged = this.staged;
        if (staged === null || stored.buffer !== staged.buffer || stored.byteOffset !== staged.byteOffset)
            return false;
        if (!this.isResident(out) || out.length < rows * cols || stored.byteLength < rows * cols * (kind === 0 ? 4 : 2))
            return false;
        this.exports.transpose(stored.byteOffset, kind, rows, cols, out.byteOffset);
        return true;
    }
    /** Quantizes N rows of K values into the outputs; returns the number of non-finite blocks. */
    quantize(x, N, K, p, codes, scales, zeroPoints) {
        const inPlace = this.isResident(x);
        // Whole fours of rows where there are four (the search takes four rows at a time).
        const chunkRows = inPlace ? N : Math.min(N, Math.max(4, Math.floor(CHUNK_BYTES / (K * 4 * 4)) * 4));
        const { layout, end } = this.layOut(x, chunkRows, K, p);
        const { x: xAt, codes: codesAt, scales: scalesAt, zeroPoints: zpAt, rowCodes, kBlocks, zpPerRow } = layout;
        this.ensure(end);
        const heap = this.heap;
        if (p.importance)
            new Float32Array(heap, layout.weights, K).set(p.importance);
        const call = callOf(layout, this.scratch, K, p);
        let bad = 0;
        for (let first = 0; first < N; first += chunkRows) {
            const rows = Math.min(chunkRows, N - first);
            if (!inPlace)
                new Float32Array(heap, xAt, rows * K).set(x.subarray(first * K, (first + rows) * K));
            // In place: rows at their offset; copied: each chunk at the start of the area, outputs likewise.
            bad += quantizeAt(this.exports, inPlace ? { ...call, x: xAt + first * K * 4 } : call, 0, rows);
            codes.set(new Uint8Array(heap, codesAt, rows * rowCodes), first * rowCodes);
            scales.set(new Float32Array(heap, scalesAt, rows * kBlocks), first * kBlocks);
            if (zeroPoints)
                zeroPoints.set(new Uint8Array(heap, zpAt, rows * zpPerRow), first * zpPerRow);
        }
        return bad;
    }
    afterResident() {
        return this.resident ? align(this.resident.offset + this.resident.view.byteLength) : this.dataStart;
    }
    /**
     * Lays out a quantization of N rows to be split across threads sharing this memory: the rows where
     * they lie when they are `rowsInHeap`'s (else copied in once), the importance weights, the outputs of
     * all N rows and a scratch area per worker. Valid until the next call of `rowsInHeap`, `quantize` or
     * `prepareShared`; the memory does not grow after it.
     */
    prepareShared(x, N, K, p, workers) {
        const { layout, end, inPlace } = this.layOut(x, N, K, p);
        let at = end;
        const scratch = [];
        for (let w = 0; w < workers; w++) {
            scratch.push(at);
            at = align(at + this.scratchBytes);
        }
        this.ensure(at);
        const heap = this.heap;
        if (!inPlace)
            new Float32Array(heap, layout.x, N * K).set(x);
        if (p.importance)
            new Float32Array(heap, layout.weights, K).set(p.importance);
        return { ...layout, scratch };
    }
    /**
     * Where a quantization of `rows` rows lies, after the resident rows: importance weights | rows (unless
     * they are resident already: then where they lie) | codes | scales | zero points; `end` is the first
     * byte after it. Neither grows the memory nor writes to it.
     */
    layOut(x, rows, K, p) {
        const kBlocks = Math.ceil(K / p.blockSize);
        const rowCodes = (kBlocks * p.blockSize * p.bits) / 8;
        const zpPerRow = Math.ceil((kBlocks * p.bits) / 8);
        const inPlace = this.isResident(x);
        let at = this.afterResident();
        const weights = p.importance ? at : 0;
        if (p.importance)
            at = align(at + K * 4);
        const xAt = inPlace ? this.resident.offset : at;
        if (!inPlace)
            at = align(at + rows * K * 4);
        const codes = at;
        at = align(at + rows * rowCodes);
        const scales = at;
        at = align(at + rows * kBlocks * 4);
        const zeroPoints = p.symmetric ? 0 : at;
        at = align(at + rows * zpPerRow);
        return { layout: { x: xAt, weights, codes, scales, zeroPoints, rowCodes, kBlocks, zpPerRow }, end: at, inPlace };
    }
    /** Rows [first, first + n) of a shared layout, on this thread; returns the number of non-finite blocks. */
    quantizeShared(l, first, n, K, p) {
        return quantizeAt(this.exports, callOf(l, this.scratch, K, p), first, n);
    }
    /** Copies a shared layout's outputs for rows [first, first + n) out of the memory. */
    copyOut(l, first, n, codes, scales, zeroPoints) {
        const heap = this.heap;
        codes.set(new Uint8Array(heap, l.codes + first * l.rowCodes, n * l.rowCodes), first * l.rowCodes);
        scales.set(new Float32Array(heap, l.scales + first * l.kBlocks * 4, n * l.kBlocks), first * l.kBlocks);
        if (zeroPoints)
            zeroPoints.set(new Uint8Array(heap, l.zeroPoints + first * l.zpPerRow, n * l.zpPerRow), first * l.zpPerRow);
    }
    /**
     * Quantizes N rows of K values to super-blocks into `out` (on this thread, a chunk of rows at a time unless
     * the rows are `rowsInHeap`'s); returns the number of non-finite values (then the outputs are unspecified).
     */
    quantizeSuperBlocks(x, N, K, p, out) {
        const inPlace = this.isResident(x);
        const chunkRows = inPlace ? N : Math.min(N, Math.max(1, Math.floor(CHUNK_BYTES / (K * 4))));
        const { call, end } = this.layOutSuper(x, chunkRows, K, p);
        this.ensure(end);
        if (p.importance)
            new Float32Array(this.heap, call.importance, K).set(p.importance);
        for (let first = 0; first < N; first += chunkRows) {
            const rows = Math.min(chunkRows, N - first);
            if (!inPlace)
                new Float32Array(this.heap, call.x, rows * K).set(x.subarray(first * K, (first + rows) * K));
            const at = inPlace ? { ...call, x: call.x + first * K * 4 } : call;
            const bad = superBlocksAt(this.exports, { ...at, scratch: this.scratch }, 0, rows);
            if (bad > 0)
                return bad;
            this.copyOutSuper(at, 0, rows, out, first);
        }
        return 0;
    }
    /**
     * Lays out a super-block quantization of N rows to be split across threads sharing this memory (as
     * `prepareShared` does for the plain layout). Valid until the next call of `rowsInHeap`, a `quantize` or
     * a `prepareShared`; the memory does not grow after it.
     */
    prepareSharedSuper(x, N, K, p, workers) {
        const { call, end, inPlace } = this.layOutSuper(x, N, K, p);
        let at = end;
        const scratch = [];
        for (let w = 0; w < workers; w++) {
            scratch.push(at);
            at = align(at + this.scratchBytes);
        }
        this.ensure(at);
        if (!inPlace)
            new Float32Array(this.heap, call.x, N * K).set(x);
        if (p.importance)
            new Float32Array(this.heap, call.importance, K).set(p.importance);
        return { call, scratch };
    }
    /** Rows [first, first + n) of a shared super-block layout, on this thread; returns the number of non-finite values. */
    quantizeSuperShared(l, first, n) {
        return superBlocksAt(this.exports, { ...l.call, scratch: this.scratch }, first, n);
    }
    /** Copies the outputs of rows [first, first + n) of a super-block call out of the memory, to row `to` of `out`. */
    copyOutSuper(c, first, n, out, to = first) {
        const heap = this.heap;
        out.codes.set(new Uint8Array(heap, c.codes + first * c.rowCodes, n * c.rowCodes), to * c.rowCodes);
        out.scales.set(new Float32Array(heap, c.scales + first * c.kBlocks * 4, n * c.kBlocks), to * c.kBlocks);
        out.zeroPoints.set(new Float32Array(heap, c.zeroPoints + first * c.kBlocks * 4, n * c.kBlocks), to * c.kBlocks);
        out.indices.set(new Uint8Array(heap, c.indices + first * c.rowIndices, n * c.rowIndices), to * c.rowIndices);
        out.superScales.set(new Uint16Array(heap, c.superScales + first * c.supers * 2, n * c.supers), to * c.supers);
        out.superMins.set(new Uint16Array(heap, c.superMins + first * c.supers * 2, n * c.supers), to * c.supers);
    }
    /**
     * Where a super-block quantization of `rows` rows lies, after the resident rows: importance weights | rows
     * (unless resident) | codes | scales | zero points | indices | d | dmin. Neither grows the memory nor writes to it.
     */
    layOutSuper(x, rows, K, p) {
        const kBlocks = K / p.blockSize;
        const rowCodes = (K * p.bits) / 8;
        const supers = K / p.span;
        const inPlace = this.isResident(x);
        let at = this.afterResident();
        const importance = p.importance ? at : 0;
        if (p.importance)
            at = align(at + K * 4);
        const xAt = inPlace ? this.resident.offset : at;
        if (!inPlace)
            at = align(at + rows * K * 4);
        const next = (bytes) => {
            const here = at;
            at = align(at + bytes);
            return here;
        };
        const call = {
            x: xAt,
            importance,
            codes: next(rows * rowCodes),
            scales: next(rows * kBlocks * 4),
            zeroPoints: next(rows * kBlocks * 4),
            indices: next(rows * p.rowIndices),
            superScales: next(rows * supers * 2),
            superMins: next(rows * supers * 2),
            K,
            bits: p.bits,
            span: p.span,
            float16: p.float16,
            magnitude: p.magnitude,
            rowCodes,
            kBlocks,
            rowIndices: p.rowIndices,
            supers,
        };
        return { call, end: at, inPlace };
    }
    isResident(x) {
        // (The view's own buffer: a grown shared memory hands out a new buffer object, and old views stay valid.)
        const r = this.resident;
        return r !== null && x.buffer === r.view.buffer && x.byteOffset === r.offset && x.length <= r.view.length;
    }
}
/** The call on a layout's areas, for a thread's scratch area. */
function callOf(l, scratch, K, p) {
    return {
        x: l.x,
        weights: l.weights,
        codes: l.codes,
        scales: l.scales,
        zeroPoints: p.symmetric ? 0 : l.zeroPoints,
        scratch,
        K,
        rowCodes: l.rowCodes,
        kBlocks: l.kBlocks,
        zpPerRow: l.zpPerRow,
        bits: p.bits,
        blockSize: p.blockSize,
        symmetric: p.symmetric,
        search: p.search,
        float16Scales: p.float16Scales,
        magnitude: p.magnitude,
    };
}
function align(offset) {
    return (offset + 15) & ~15;
}


/***/ }),

/***/ 4046:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PF: () => (/* binding */ bitsLabel),
/* harmony export */   Xq: () => (/* binding */ formatSize),
/* harmony export */   pp: () => (/* binding */ formatPlanTable)
/* harmony export */ });
/* unused harmony exports layerBitsLabel, displayName */
function bitsLabel(bits) {
    return bits === 32 ? 'FP32' : bits === 16 ? 'FP16' : `INT${bits}`;
}
/** A layer's width as stored after the plan: a weight the model already holds quantized keeps its own ("INT4 (kept)"). */
function layerBitsLabel(l) {
    return l.quantized ? `INT${l.quantized.bits} (kept)` : bitsLabel(l.bits);
}
/** 3573641 → "3.57 MB" (decimal units, as file managers and the spec's sizes use). */
function formatSize(bytes) {
    if (bytes < 1e3)
        return `${bytes} B`;
    if (bytes < 1e6)
        return `${(bytes / 1e3).toFixed(2)} KB`;
    if (bytes < 1e9)
        return `${(bytes / 1e6).toFixed(2)} MB`;
    return `${(bytes / 1e9).toFixed(2)} GB`;
}
const int = (n) => n.toLocaleString('en-US');
/** What to call the layer in a table: its module path and leaf when known, with the initializer name if different. */
function displayName(l) {
    if (!l.module)
        return l.name;
    if (l.name === l.module || l.name.startsWith(`${l.module}.`))
        return l.name;
    return `${l.module} [${l.name}]`;
}
function pad(text, width, right = false) {
    return right ? text.padStart(width) : text.padEnd(width);
}
function formatPlanTable(plan) {
    const out = [];
    const m = plan.model;
    out.push(`quantgate plan: ${m.path}`);
    out.push(`  ${m.architecture}, ${m.num_layers} blocks, ${int(m.parameters)} weight parameters in ${plan.layers.length} layers`);
    const p = plan.policy;
    const policyBits = p.bits !== null ? ` ${bitsLabel(p.bits)}` : '';
    const extras = [
        `block ${p.block_size}`,
        p.symmetric ? 'symmetric' : 'asymmetric',
        ...(p.super_blocks ? ['INT4/INT2 in super-blocks where K allows'] : []),
        p.keep_sensitive ? 'sensitive layers kept FP16' : 'sensitive layers not kept',
    ];
    if (p.default_bits !== null)
        extras.push(`default ${bitsLabel(p.default_bits)}`);
    if (p.overrides.length > 0)
        extras.push(`${p.overrides.length} override${p.overrides.length > 1 ? 's' : ''}`);
    if (p.target_bytes !== null)
        extras.push(`target ${formatSize(p.target_bytes)}`);
    out.push(`  policy ${p.name}${policyBits}: ${extras.join(', ')}`);
    out.push('');
    if (plan.layers.length === 0) {
        out.push('no quantizable layer: nothing to plan, the model stays as it is');
        return `${out.join('\n')}\n`;
    }
    const rows = plan.layers.map((l) => ({
        name: displayName(l),
        category: l.category,
        op: l.op,
        shape: l.shape.join('×'),
        bits: layerBitsLabel(l),
        bytes: int(l.bytes),
        reason: l.reason,
        block: l.layer,
        stack: l.stack,
        depth: l.depth,
    }));
    const width = (key, min) => Math.min(64, Math.max(min, ...rows.map((r) => r[key].length)));
    const w = {
        name: width('name', 5),
        category: width('category', 8),
        op: width('op', 2),
        shape: width('shape', 5),
        bits: width('bits', 4),
        bytes: width('bytes', 5),
    };
    const line = (r) => `  ${pad(r.name, w.name)}  ${pad(r.category, w.category)}  ${pad(r.op, w.op)}  ${pad(r.shape, w.shape)}  ${pad(r.bits, w.bits)}  ${pad(r.bytes, w.bytes, true)}  ${r.reason}`;
    // Groups in order of appearance: the part before the blocks, each block, the part after.
    const groups = [];
    let seenBlock = false;
    for (const r of rows) {
        // Two stacks (encoder, decoder) number their blocks from 0 each: the stack is in the title.
        const title = r.block === null ? (seenBlock ? 'after the blocks' : 'before the blocks') : `${r.stack ? `${r.stack} ` : ''}block ${r.block}`;
        if (r.block !== null)
            seenBlock = true;
        const last = groups[groups.length - 1];
        if (last && last.title === title)
            last.rows.push(r);
        else
            groups.push({ title, rows: [r] });
    }
    out.push(line({ name: 'layer', category: 'category', op: 'op', shape: 'shape', bits: 'bits', bytes: 'bytes', reason: 'reason' }));
    for (const g of groups) {
        const depth = g.rows[0]?.block !== null ? g.rows[0]?.depth : null;
        out.push(`${g.title}${depth !== null && depth !== undefined ? ` (depth ${depth.toFixed(2)})` : ''}`);
        for (const r of g.rows)
            out.push(line(r));
    }
    out.push('');
    const t = plan.totals;
    const ratio = t.bytes_before > 0 ? (100 * t.bytes_after) / t.bytes_before : 0;
    out.push(`weights: ${formatSize(t.bytes_before)} → ${formatSize(t.bytes_after)} (${ratio.toFixed(1)}% of ${int(t.bytes_before)} bytes → ${int(t.bytes_after)} bytes), ${t.bits_per_weight.toFixed(2)} bits per weight`);
    // Weights kept quantized count under their own width, not under the FP32 (unchanged) they are planned as.
    const byWidth = new Map();
    for (const l of plan.layers)
        byWidth.set(layerBitsLabel(l), (byWidth.get(layerBitsLabel(l)) ?? 0) + l.params);
    const widthOrder = (label) => Number(/\d+/.exec(label)?.[0] ?? 0) + (label.startsWith('FP') ? 100 : 0) + (label.endsWith('(kept)') ? 0.5 : 0);
    out.push(`parameters by width: ${[...byWidth]
        .sort((a, b) => widthOrder(b[0]) - widthOrder(a[0]))
        .map(([label, n]) => `${label} ${int(n)}`)
        .join(', ')}`);
    return out.join('\n') + '\n';
}


/***/ }),

/***/ 5291:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Ni: () => (/* binding */ readValidated)
});

// UNUSED EXPORTS: readJson, schemaTitle, validate

// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var ajv = __webpack_require__(2463);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./schemas/labels.schema.json
const labels_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://github.com/quantgate/quantgate/schemas/labels.schema.json","title":"quantgate labels","description":"The expected category of each weight initializer of one model (golden/<id>.labels.json), for the detection gate: either `layers` (name → category) or `initializers` (name → { category, ... }, the form of ../shared/models/*.labels.json). `constant` marks a tensor that is not a parameter.","type":"object","anyOf":[{"required":["layers"]},{"required":["initializers"]}],"properties":{"layers":{"type":"object","minProperties":1,"additionalProperties":{"$ref":"#/definitions/category"}},"initializers":{"type":"object","minProperties":1,"additionalProperties":{"type":"object","required":["category"],"properties":{"category":{"$ref":"#/definitions/category"}}}}},"definitions":{"category":{"enum":["embedding","norm","head","attention","mlp","modulation","router","conv","other","constant"]}}}');
;// CONCATENATED MODULE: ./schemas/plan.schema.json
const plan_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://github.com/quantgate/quantgate/schemas/plan.schema.json","title":"quantgate.plan/v1","description":"A quantization plan: a bit width for every weight layer of one model, with its reason and exact bytes. Written by `quantgate plan --json`, `quantize` (DIR/<name>.plan.json) and `check --update-golden` (golden/<id>.plan.json). Members may be added in v1; none are removed or change meaning.","type":"object","required":["schema","model","policy","layers","totals"],"properties":{"schema":{"const":"quantgate.plan/v1"},"model":{"type":"object","required":["path","sha256","architecture","num_layers","parameters","bytes"],"properties":{"path":{"type":"string"},"sha256":{"type":"string","pattern":"^[0-9a-f]{64}$"},"architecture":{"type":"string"},"num_layers":{"type":"integer","minimum":0},"parameters":{"type":"integer","minimum":0},"bytes":{"type":"integer","minimum":0}}},"policy":{"type":"object","required":["name","block_size","symmetric","target_bytes"],"properties":{"name":{"type":"string"},"block_size":{"type":"integer"},"symmetric":{"type":"boolean"},"super_blocks":{"description":"INT4 and INT2 layers in super-blocks (k-quants\' layout) where they can take them; present only when true.","type":"boolean"},"target_bytes":{"type":["integer","null"],"minimum":0},"keep_sensitive":{"type":["boolean","null"]},"scale":{"type":"string"},"bits":{"type":["integer","null"]},"default_bits":{"type":["integer","null"]},"overrides":{"type":"array","items":{"type":"object","required":["pattern","bits"],"properties":{"pattern":{"type":"string"},"bits":{"type":"integer"}}}},"errors":{"enum":["measured","weights",null]}}},"layers":{"type":"array","items":{"type":"object","required":["name","module","category","layer","bits","block_size","symmetric","bytes"],"properties":{"name":{"type":"string","minLength":1},"module":{"type":["string","null"]},"op":{"type":"string"},"shape":{"type":"array","items":{"type":"integer","minimum":0}},"params":{"type":"integer","minimum":0},"category":{"type":"string"},"sensitive":{"type":"boolean"},"layer":{"type":["integer","null"],"minimum":0},"depth":{"type":["number","null"]},"bits":{"type":"integer"},"block_size":{"type":["integer","null"]},"symmetric":{"type":["boolean","null"]},"super_blocks":{"description":"Stored in super-blocks: blocks of block_size with scale and minimum indices of two float16 factors per (up to) 256 values; present only when true.","type":"boolean"},"bytes":{"type":"integer","minimum":0},"reason":{"type":"string"},"dtype":{"type":"string"},"quantized":{"type":"object","required":["op","bits","block_size","symmetric"],"properties":{"op":{"type":"string"},"bits":{"type":"integer"},"block_size":{"type":["integer","null"]},"symmetric":{"type":"boolean"}}},"stack":{"description":"In a model with two stacks of blocks (encoder and decoder): the stack of the layer\'s block.","type":"string"},"measured_error":{"description":"In a plan made with measured sensitivity: the model\'s output error with this layer alone quantized, by integer width.","type":"object","required":["metric","by_bits"],"properties":{"metric":{"enum":["kl","rel_l2_squared"]},"by_bits":{"type":"object","additionalProperties":{"type":"number","minimum":0}}}}}}},"totals":{"type":"object","required":["bytes_before","bytes_after","bits_per_weight"],"properties":{"bytes_before":{"type":"integer","minimum":0},"bytes_after":{"type":"integer","minimum":0},"bits_per_weight":{"type":"number","minimum":0},"params_by_bits":{"type":"object","additionalProperties":{"type":"integer","minimum":0}}}}}}');
;// CONCATENATED MODULE: ./schemas/quality.schema.json
const quality_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://github.com/quantgate/quantgate/schemas/quality.schema.json","title":"quantgate.quality/v1","description":"What was measured when a plan was accepted (golden/<id>.quality.json, written with golden/<id>.plan.json by `check --update-golden`): the quantized size, every quality metric, and how it was measured. Later checks compare with it when they measure the same way. Members may be added in v1; none are removed or change meaning.","type":"object","required":["schema","model","size","quality","measurement"],"properties":{"schema":{"const":"quantgate.quality/v1"},"model":{"type":"object","required":["path","sha256","architecture","parameters","layers"],"properties":{"path":{"type":"string"},"sha256":{"type":"string","pattern":"^[0-9a-f]{64}$"},"architecture":{"type":"string"},"parameters":{"type":"integer","minimum":0},"layers":{"type":"integer","minimum":0}}},"size":{"type":"object","required":["bytes_before","bytes_after","bits_per_weight"],"properties":{"bytes_before":{"type":"integer","minimum":0},"bytes_after":{"type":"integer","minimum":0},"bits_per_weight":{"type":"number","minimum":0}}},"quality":{"description":"null when the quantized model could not be evaluated.","type":["object","null"],"required":["output","cosine","rel_l2","max_abs"],"properties":{"output":{"type":"string"},"cosine":{"type":"number"},"rel_l2":{"type":"number","minimum":0},"max_abs":{"type":"number","minimum":0},"top1_agree":{"type":"number","minimum":0,"maximum":1},"kl":{"type":"number"},"ppl_ref":{"type":"number","exclusiveMinimum":0},"ppl_q":{"type":"number","exclusiveMinimum":0}}},"measurement":{"type":"object","required":["inputs","tokens_sha256","windows","seq_len","execution_provider","onnxruntime","quantgate"],"properties":{"inputs":{"enum":["tokens","file","synthesized"]},"tokens_sha256":{"type":["string","null"],"pattern":"^[0-9a-f]{64}$"},"inputs_sha256":{"type":["string","null"],"pattern":"^[0-9a-f]{64}$"},"windows":{"type":"integer","minimum":0},"seq_len":{"type":["integer","null"],"minimum":1},"positions":{"type":"integer","minimum":0},"execution_provider":{"type":"string"},"onnxruntime":{"type":"string"},"quantgate":{"type":"string"}}}}}');
;// CONCATENATED MODULE: ./schemas/report.schema.json
const report_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://github.com/quantgate/quantgate/schemas/report.schema.json","title":"quantgate.report/v1","description":"What `quantgate check` (and the action) found: per model, the gates, sizes, quality, detection and the plan\'s changes against the golden plan. The PR comment, the job summary and the action\'s outputs are rendered from it; `quantgate report --merge` joins the reports of matrix jobs. Members may be added in v1; none are removed or change meaning.","type":"object","required":["schema","passed","key","models","updated_golden","blocking_gates"],"properties":{"schema":{"const":"quantgate.report/v1"},"passed":{"type":"boolean"},"key":{"type":"string"},"models":{"type":"array","items":{"$ref":"#/definitions/model"}},"updated_golden":{"type":"array","items":{"type":"string"}},"blocking_gates":{"type":"array","items":{"$ref":"#/definitions/gateName"}},"run":{"description":"The workflow run and commit the report is of (from the runner\'s environment), when known.","type":"object","required":["url","sha"],"properties":{"url":{"type":["string","null"]},"sha":{"type":["string","null"]}}},"accept":{"description":"How to accept the plans: the exact command, and the folder of golden files to commit.","type":"object","required":["command","golden_dir"],"properties":{"command":{"type":"string"},"golden_dir":{"type":"string"}}}},"definitions":{"gateName":{"enum":["detection","size","plan","quality"]},"count":{"type":"integer","minimum":0},"nullableCount":{"type":["integer","null"],"minimum":0},"gate":{"type":"object","required":["gate","status","blocking","summary"],"properties":{"gate":{"$ref":"#/definitions/gateName"},"status":{"enum":["pass","fail","warn","skip"]},"blocking":{"type":"boolean"},"summary":{"type":"string"},"value":{"type":"number"},"threshold":{"type":"number"}}},"quality":{"type":"object","required":["cosine","rel_l2","max_abs","ep"],"properties":{"cosine":{"type":"number"},"rel_l2":{"type":"number"},"max_abs":{"type":"number"},"top1_agree":{"type":"number"},"kl":{"type":"number"},"ppl_ref":{"type":"number"},"ppl_q":{"type":"number"},"ep":{"type":"string"},"seconds":{"type":"number"},"output":{"type":"string"},"windows":{"type":"integer","minimum":0}}},"change":{"type":"object","required":["name","module","category","layer","old_bits","new_bits","old_bytes","new_bytes","reason"],"properties":{"name":{"type":"string"},"module":{"type":["string","null"]},"category":{"type":"string"},"layer":{"$ref":"#/definitions/nullableCount"},"old_bits":{"type":["integer","null"]},"new_bits":{"type":["integer","null"]},"old_bytes":{"$ref":"#/definitions/nullableCount"},"new_bytes":{"$ref":"#/definitions/nullableCount"},"reason":{"type":"string"},"stack":{"type":"string"},"old_storage":{"description":"How the layer is stored in the golden plan, when only that changed (same bits).","type":"string"},"new_storage":{"description":"How the layer is stored now, when only that changed (same bits).","type":"string"},"measured_error":{"description":"The layer\'s measured output error at the golden plan\'s width and at this plan\'s (null: that width was not measured), from this run\'s sensitivity measurement.","type":"object","required":["metric","golden","now"],"properties":{"metric":{"enum":["kl","rel_l2_squared"]},"golden":{"type":["number","null"],"minimum":0},"now":{"type":["number","null"],"minimum":0}}}}},"delta":{"type":"object","required":["metric","before","after","change","direction","limit","fails"],"properties":{"metric":{"enum":["bytes","bits_per_weight","ppl_increase","kl","cosine"]},"before":{"type":"number"},"after":{"type":"number"},"change":{"type":"number"},"direction":{"enum":["better","worse","same"]},"limit":{"type":["number","null"]},"fails":{"type":"boolean"},"reason":{"type":"string"}}},"baseline":{"description":"This run against the golden quality record (golden/<id>.quality.json).","type":"object","required":["file","model_changed","comparable","reason","deltas","measured"],"properties":{"file":{"type":"string"},"model_changed":{"type":"boolean"},"comparable":{"type":"boolean"},"reason":{"type":["string","null"]},"deltas":{"type":"array","items":{"$ref":"#/definitions/delta"}},"measured":{"$ref":"quality.schema.json#/properties/measurement"}}},"layer":{"type":"object","required":["name","module","category","layer","bits","bytes"],"properties":{"name":{"type":"string"},"module":{"type":["string","null"]},"category":{"type":"string"},"layer":{"$ref":"#/definitions/nullableCount"},"bits":{"type":"integer"},"bytes":{"$ref":"#/definitions/count"},"stack":{"type":"string"}}},"model":{"type":"object","required":["id","path","passed","gates","size","quality","detection","plan_changes","golden","layers"],"properties":{"id":{"type":"string","minLength":1},"path":{"type":"string"},"sha256":{"type":["string","null"]},"architecture":{"type":["string","null"]},"num_layers":{"$ref":"#/definitions/nullableCount"},"passed":{"type":"boolean"},"gates":{"type":"array","items":{"$ref":"#/definitions/gate"}},"size":{"type":["object","null"],"required":["bytes_before","bytes_after","target_bytes","bits_per_weight"],"properties":{"bytes_before":{"$ref":"#/definitions/count"},"bytes_after":{"$ref":"#/definitions/count"},"target_bytes":{"$ref":"#/definitions/nullableCount"},"bits_per_weight":{"type":"number","minimum":0}}},"quality":{"oneOf":[{"type":"null"},{"$ref":"#/definitions/quality"}]},"detection":{"type":["object","null"],"required":["accuracy","labelled","mismatches"],"properties":{"accuracy":{"type":"number","minimum":0,"maximum":1},"labelled":{"$ref":"#/definitions/count"},"mismatches":{"type":"array","items":{"type":"object","required":["name","detected","labelled"],"properties":{"name":{"type":"string"},"detected":{"type":"string"},"labelled":{"type":"string"}}}}}},"plan_changes":{"type":["array","null"],"items":{"$ref":"#/definitions/change"}},"golden":{"enum":["match","changed","no baseline","updated","created"]},"layers":{"type":"array","items":{"$ref":"#/definitions/layer"}},"baseline":{"oneOf":[{"type":"null"},{"$ref":"#/definitions/baseline"}]},"error":{"type":"string"}}}}}');
;// CONCATENATED MODULE: ./schemas/sensitivity.schema.json
const sensitivity_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://github.com/quantgate/quantgate/schemas/sensitivity.schema.json","title":"quantgate.sensitivity/v1","description":"A cached table of measured sensitivity: each layer\'s output error when quantized alone at each width. A cache file that does not validate is ignored (with a warning) and measured again.","type":"object","required":["schema","model_sha256","metric","settings","errors","unmeasured","calibration"],"properties":{"schema":{"const":"quantgate.sensitivity/v1"},"model_sha256":{"type":"string","pattern":"^[0-9a-f]{64}$"},"metric":{"enum":["kl","rel_l2_squared"]},"settings":{"type":"object"},"errors":{"type":"object","additionalProperties":{"type":"object","additionalProperties":{"type":"number","minimum":0}}},"unmeasured":{"type":"array","items":{"type":"string"}},"calibration":{"type":"object","additionalProperties":{"type":"number","minimum":0}}}}');
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/schemas/validate.ts
/**
 * Every JSON file quantgate reads is checked against its JSON Schema (published in `schemas/`) before any
 * of it is used: golden plans and plan files, golden quality records, labels, reports to merge, and the
 * sensitivity cache. A file that does not validate is bad input naming the file and the first problem,
 * never a silently skipped gate.
 */








const SCHEMAS = {
    plan: plan_schema_namespaceObject,
    labels: labels_schema_namespaceObject,
    quality: quality_schema_namespaceObject,
    report: report_schema_namespaceObject,
    sensitivity: sensitivity_schema_namespaceObject,
};
let validate_ajv;
const compiled = new Map();
function validator(kind) {
    let fn = compiled.get(kind);
    if (!fn) {
        // Compiled on first use: the CLI's commands that read no JSON never pay for it.
        // All schemas known to one Ajv: the report's baseline refers to the quality record's measurement.
        validate_ajv ??= new ajv.Ajv({ allErrors: false, strict: true, strictRequired: false, allowUnionTypes: true, schemas: Object.values(SCHEMAS) });
        const found = validate_ajv.getSchema(SCHEMAS[kind].$id);
        if (!found)
            throw new Error(`schema ${SCHEMAS[kind].$id} not registered`);
        fn = found;
        compiled.set(kind, fn);
    }
    return fn;
}
/** The schema's title: what a valid document is called (`quantgate.plan/v1`). */
function schemaTitle(kind) {
    return SCHEMAS[kind].title;
}
/** `/layers/3/bits` → `layers[3].bits`. */
function where(pointer) {
    return pointer
        .split('/')
        .slice(1)
        .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce((out, part) => /^\d+$/.test(part)
        ? `${out}[${part}]`
        : /^[A-Za-z_]\w*$/.test(part)
            ? out
                ? `${out}.${part}`
                : part
            : `${out}[${JSON.stringify(part)}]`, '');
}
function describe(error) {
    const at = where(error.instancePath);
    let message = error.keyword === 'minProperties' && error.params.limit === 1
        ? 'must not be empty'
        : (error.message ?? 'is invalid');
    const params = error.params;
    if (params.allowedValues)
        message += ` (${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')})`;
    if (error.keyword === 'const')
        message += ` (${JSON.stringify(params.allowedValue)})`;
    return at ? `${at} ${message}` : message;
}
/** The document as its type, or bad input: `FILE: not a TITLE document: WHERE MESSAGE`. */
function validate(kind, doc, file) {
    const expected = SCHEMAS[kind].properties.schema?.const;
    const actual = typeof doc === 'object' && doc !== null ? doc.schema : undefined;
    // Another kind of quantgate file (a plan given as a report): say what it is rather than what it lacks.
    if (expected !== undefined && actual !== undefined && actual !== expected)
        throw new errors/* BadInputError */.Ys(`${file}: not a ${expected} document (its schema is ${JSON.stringify(actual)})`.replace(/[\r\n]+/g, ' '));
    const fn = validator(kind);
    if (fn(doc))
        return doc;
    const first = fn.errors?.[0];
    throw new errors/* BadInputError */.Ys(`${file}: not a ${schemaTitle(kind)} document: ${first ? describe(first) : 'invalid'}`.replace(/[\r\n]+/g, ' '));
}
/** Reads and parses a JSON file (bad input naming the file when it cannot be read or parsed). */
function readJson(file, what) {
    let text;
    try {
        text = external_node_fs_.readFileSync(file, 'utf8');
    }
    catch (err) {
        const code = err.code;
        throw new errors/* BadInputError */.Ys(`${file}: cannot read ${what} (${code === 'ENOENT' ? 'file not found' : (0,errors/* messageOf */.bD)(err)})`);
    }
    try {
        return JSON.parse(text);
    }
    catch (err) {
        throw new errors/* BadInputError */.Ys(`${file}: not valid JSON (${(0,errors/* messageOf */.bD)(err)})`);
    }
}
/** Reads, parses and validates one JSON file. */
function readValidated(kind, file) {
    return validate(kind, readJson(file, schemaTitle(kind)), file);
}


/***/ })

};
