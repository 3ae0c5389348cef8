// zlib.js: node's `zlib` — deflate (zlib, gzip and raw streams) and its inverses, unzip taking zlib or gzip
// data: in one shot (deflateSync() and the rest, and their callback forms) and as streams (createGzip() and
// the rest: Transform streams that gather what is written and process it when it ends), crc32, and the
// constants. The compression is the guest's native.zlib (NATIVES.md). Brotli is not available: its functions
// throw, as do dictionaries and the `info` option.

const { Buffer } = require("buffer");
const { codedError, invalidArgType, outOfRange, unavailable } = require("internal/errors");

const MAX_LENGTH = 2 ** 32;
const textEncoder = new TextEncoder();

const constants = Object.assign(Object.create(null), {
    Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5, Z_OK: 0, Z_STREAM_END: 1,
    Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3, Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
    Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1, Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2,
    Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0, ZLIB_VERNUM: 4880, DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5,
    INFLATERAW: 6, UNZIP: 7, BROTLI_DECODE: 8, BROTLI_ENCODE: 9, Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15,
    Z_DEFAULT_WINDOWBITS: 15, Z_MIN_CHUNK: 64, Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384, Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9,
    Z_DEFAULT_MEMLEVEL: 8, Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1, BROTLI_OPERATION_PROCESS: 0,
    BROTLI_OPERATION_FLUSH: 1, BROTLI_OPERATION_FINISH: 2, BROTLI_OPERATION_EMIT_METADATA: 3, BROTLI_PARAM_MODE: 0,
    BROTLI_MODE_GENERIC: 0, BROTLI_MODE_TEXT: 1, BROTLI_MODE_FONT: 2, BROTLI_DEFAULT_MODE: 0, BROTLI_PARAM_QUALITY: 1,
    BROTLI_MIN_QUALITY: 0, BROTLI_MAX_QUALITY: 11, BROTLI_DEFAULT_QUALITY: 11, BROTLI_PARAM_LGWIN: 2, BROTLI_MIN_WINDOW_BITS: 10,
    BROTLI_MAX_WINDOW_BITS: 24, BROTLI_LARGE_MAX_WINDOW_BITS: 30, BROTLI_DEFAULT_WINDOW: 22, BROTLI_PARAM_LGBLOCK: 3,
    BROTLI_MIN_INPUT_BLOCK_BITS: 16, BROTLI_MAX_INPUT_BLOCK_BITS: 24, BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING: 4,
    BROTLI_PARAM_SIZE_HINT: 5, BROTLI_PARAM_LARGE_WINDOW: 6, BROTLI_PARAM_NPOSTFIX: 7, BROTLI_PARAM_NDIRECT: 8,
    BROTLI_DECODER_RESULT_ERROR: 0, BROTLI_DECODER_RESULT_SUCCESS: 1, BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT: 2,
    BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: 3, BROTLI_DECODER_PARAM_DISABLE_RING_BUFFER_REALLOCATION: 0,
    BROTLI_DECODER_PARAM_LARGE_WINDOW: 1, BROTLI_DECODER_NO_ERROR: 0, BROTLI_DECODER_SUCCESS: 1, BROTLI_DECODER_NEEDS_MORE_INPUT: 2,
    BROTLI_DECODER_NEEDS_MORE_OUTPUT: 3, BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_NIBBLE: -1, BROTLI_DECODER_ERROR_FORMAT_RESERVED: -2,
    BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_META_NIBBLE: -3, BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_ALPHABET: -4,
    BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_SAME: -5, BROTLI_DECODER_ERROR_FORMAT_CL_SPACE: -6,
    BROTLI_DECODER_ERROR_FORMAT_HUFFMAN_SPACE: -7, BROTLI_DECODER_ERROR_FORMAT_CONTEXT_MAP_REPEAT: -8,
    BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_1: -9, BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_2: -10,
    BROTLI_DECODER_ERROR_FORMAT_TRANSFORM: -11, BROTLI_DECODER_ERROR_FORMAT_DICTIONARY: -12,
    BROTLI_DECODER_ERROR_FORMAT_WINDOW_BITS: -13, BROTLI_DECODER_ERROR_FORMAT_PADDING_1: -14,
    BROTLI_DECODER_ERROR_FORMAT_PADDING_2: -15, BROTLI_DECODER_ERROR_FORMAT_DISTANCE: -16,
    BROTLI_DECODER_ERROR_DICTIONARY_NOT_SET: -19, BROTLI_DECODER_ERROR_INVALID_ARGUMENTS: -20,
    BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MODES: -21, BROTLI_DECODER_ERROR_ALLOC_TREE_GROUPS: -22,
    BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MAP: -25, BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_1: -26,
    BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_2: -27, BROTLI_DECODER_ERROR_ALLOC_BLOCK_TYPE_TREES: -30,
    BROTLI_DECODER_ERROR_UNREACHABLE: -31,
});

// zlib's result codes both ways: name to number and number to name.
const codes = {
    Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3, Z_MEM_ERROR: -4, Z_BUF_ERROR: -5,
    Z_VERSION_ERROR: -6,
};
for (const name of Object.keys(codes)) {
    codes[codes[name]] = name;
}

// ---------------------------------------------------------------------------------------------------------
// Arguments

function validateFunction(value, name) {
    if (typeof value !== "function") {
        throw invalidArgType(name, "of type function", value);
    }
}

function isArrayBuffer(value) {
    const tag = Object.prototype.toString.call(value);
    return tag === "[object ArrayBuffer]" || tag === "[object SharedArrayBuffer]";
}

function viewOf(value) {
    return value instanceof Uint8Array ? value : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

const SYNC_INPUT = ["buffer", "of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer"];
// The callback forms write their input to a stream, and fail as its write() does.
const ASYNC_INPUT = ["chunk", "of type string or an instance of Buffer, TypedArray, or DataView"];

// The bytes of what the one-shot functions take: a string (UTF-8), an ArrayBuffer or a view.
function inputBytes(buffer, [name, expected]) {
    if (typeof buffer === "string") {
        return textEncoder.encode(buffer);
    }
    if (ArrayBuffer.isView(buffer)) {
        return viewOf(buffer);
    }
    if (isArrayBuffer(buffer)) {
        return new Uint8Array(buffer);
    }
    throw invalidArgType(name, expected, buffer);
}

// Whether an option is given: undefined and NaN mean the default; it must otherwise be a finite number.
function isGiven(value, name) {
    if (value === undefined || Number.isNaN(value)) {
        return false;
    }
    if (typeof value !== "number") {
        throw invalidArgType(name, "of type number", value);
    }
    if (!Number.isFinite(value)) {
        throw outOfRange(name, "a finite number", value);
    }
    return true;
}

function rangeOption(value, name, lower, upper, fallback) {
    if (!isGiven(value, name)) {
        return fallback;
    }
    if (value < lower || value > upper) {
        throw outOfRange(name, `>= ${lower} and <= ${upper}`, value);
    }
    return value;
}

// The modes where windowBits 0 means "take it from the stream's header".
const HEADER_WINDOW_BITS = new Set(["inflate", "gunzip", "unzip"]);

// What the options of an engine in `mode` come to, checked as node does: the level, the output's limit,
// whether truncated input may end without error (a finishFlush other than Z_FINISH), and the stream's
// chunk size.
function zlibSettings(options, mode) {
    const given = options !== null && typeof options === "object" ? options : {};
    let chunkSize = constants.Z_DEFAULT_CHUNK;
    if (isGiven(given.chunkSize, "options.chunkSize")) {
        if (given.chunkSize < constants.Z_MIN_CHUNK) {
            throw outOfRange("options.chunkSize", `>= ${constants.Z_MIN_CHUNK}`, given.chunkSize);
        }
        chunkSize = given.chunkSize;
    }
    rangeOption(given.flush, "options.flush", constants.Z_NO_FLUSH, constants.Z_BLOCK, constants.Z_NO_FLUSH);
    const finishFlush = rangeOption(given.finishFlush, "options.finishFlush", constants.Z_NO_FLUSH, constants.Z_BLOCK, constants.Z_FINISH);
    if (!(given.windowBits === 0 && HEADER_WINDOW_BITS.has(mode))) {
        rangeOption(given.windowBits, "options.windowBits", constants.Z_MIN_WINDOWBITS, constants.Z_MAX_WINDOWBITS, 15);
    }
    const level = rangeOption(given.level, "options.level", constants.Z_MIN_LEVEL, constants.Z_MAX_LEVEL, constants.Z_DEFAULT_COMPRESSION);
    rangeOption(given.memLevel, "options.memLevel", constants.Z_MIN_MEMLEVEL, constants.Z_MAX_MEMLEVEL, constants.Z_DEFAULT_MEMLEVEL);
    rangeOption(given.strategy, "options.strategy", constants.Z_DEFAULT_STRATEGY, constants.Z_FIXED, constants.Z_DEFAULT_STRATEGY);
    if (given.dictionary !== undefined) {
        if (!ArrayBuffer.isView(given.dictionary) && !isArrayBuffer(given.dictionary)) {
            throw invalidArgType("options.dictionary", "an instance of Buffer, TypedArray, DataView, or ArrayBuffer", given.dictionary);
        }
        throw unavailable("zlib's dictionary option");
    }
    if (given.info) {
        throw unavailable("zlib's info option");
    }
    const maxOutputLength = rangeOption(given.maxOutputLength, "options.maxOutputLength", 1, MAX_LENGTH, MAX_LENGTH);
    return { level: Math.trunc(level), maxOutputLength, partial: finishFlush !== constants.Z_FINISH, chunkSize };
}

// ---------------------------------------------------------------------------------------------------------
// The work

// node's error for a native failure "Z_DATA_ERROR: incorrect header check": the message, errno and code.
function zlibError(message) {
    const match = /^(Z_[A-Z_]+): ([\s\S]*)$/.exec(message);
    if (match === null || codes[match[1]] === undefined) {
        return new Error(message);
    }
    const error = new Error(match[2]);
    error.errno = codes[match[1]];
    error.code = match[1];
    return error;
}

// `bytes` run through `mode` as one whole input, as a Buffer.
function run(mode, bytes, settings) {
    let output;
    try {
        output = native.zlib(mode, bytes, settings.level, settings.partial);
    } catch (error) {
        throw zlibError(error.message);
    }
    if (output.length > settings.maxOutputLength) {
        throw codedError(RangeError, "ERR_BUFFER_TOO_LARGE", `Cannot create a Buffer larger than ${settings.maxOutputLength} bytes`);
    }
    return Buffer.from(output.buffer, output.byteOffset, output.byteLength);
}

function processSync(mode, buffer, options) {
    const bytes = inputBytes(buffer, SYNC_INPUT);
    return run(mode, bytes, zlibSettings(options, mode));
}

// node does the work on its thread pool and calls back later; here the work waits for the callback's turn.
function processLater(mode, buffer, options, callback) {
    if (typeof options === "function") {
        callback = options;
        options = {};
    }
    const settings = zlibSettings(options, mode);
    validateFunction(callback, "callback");
    const bytes = inputBytes(buffer, ASYNC_INPUT);
    queueMicrotask(() => {
        let result;
        try {
            result = run(mode, bytes, settings);
        } catch (error) {
            callback(error);
            return;
        }
        callback(null, result);
    });
}

// ---------------------------------------------------------------------------------------------------------
// Streams, built on first use (stream is a large module)

const STREAM_MODES = {
    Deflate: "deflate", Inflate: "inflate", Gzip: "gzip", Gunzip: "gunzip", DeflateRaw: "deflateRaw", InflateRaw: "inflateRaw",
    Unzip: "unzip",
};

let streamClasses;

function zlibStreams() {
    if (streamClasses === undefined) {
        streamClasses = makeStreamClasses(require("stream").Transform);
    }
    return streamClasses;
}

function makeStreamClasses(Transform) {
    // One engine: what is written is kept, and run through its mode when the stream ends.
    class Zlib extends Transform {
        #mode;
        #settings;
        #chunks = [];

        constructor(mode, options) {
            const settings = zlibSettings(options, mode);
            super({ autoDestroy: true, ...(options !== null && typeof options === "object" ? options : {}) });
            this.#mode = mode;
            this.#settings = settings;
            this.bytesWritten = 0;
        }

        _transform(chunk, encoding, callback) {
            const bytes = typeof chunk === "string" ? Buffer.from(chunk, encoding) : viewOf(chunk);
            this.#chunks.push(bytes);
            this.bytesWritten += bytes.length;
            callback();
        }

        _flush(callback) {
            let output;
            try {
                output = run(this.#mode, this.#chunks.length === 1 ? this.#chunks[0] : Buffer.concat(this.#chunks), this.#settings);
            } catch (error) {
                callback(error);
                return;
            }
            this.#chunks = [];
            const size = this.#settings.chunkSize;
            for (let offset = 0; offset < output.length; offset += size) {
                this.push(output.subarray(offset, offset + size));
            }
            callback();
        }

        // Output only comes at the end, so a flush has nothing to force out: it just calls back.
        flush(kind, callback) {
            const done = typeof kind === "function" ? kind : callback;
            if (done !== undefined) {
                queueMicrotask(done);
            }
        }

        params(level, strategy, callback) {
            this.#settings.level = rangeOption(level, "level", constants.Z_MIN_LEVEL, constants.Z_MAX_LEVEL, constants.Z_DEFAULT_COMPRESSION);
            rangeOption(strategy, "strategy", constants.Z_DEFAULT_STRATEGY, constants.Z_FIXED, constants.Z_DEFAULT_STRATEGY);
            if (callback !== undefined) {
                queueMicrotask(callback);
            }
        }

        reset() {
            this.#chunks = [];
        }

        close(callback) {
            if (callback !== undefined) {
                this.once("close", callback);
            }
            this.destroy();
        }
    }

    const classes = {};
    for (const [name, mode] of Object.entries(STREAM_MODES)) {
        classes[name] = {
            [name]: class extends Zlib {
                constructor(options) {
                    super(mode, options);
                }
            },
        }[name];
    }
    return classes;
}

// ---------------------------------------------------------------------------------------------------------
// crc32

let crcTable;

function crc32(data, value = 0) {
    let bytes;
    if (typeof data === "string") {
        bytes = textEncoder.encode(data);
    } else if (ArrayBuffer.isView(data)) {
        bytes = viewOf(data);
    } else {
        throw invalidArgType("data", "of type string or an instance of Buffer, TypedArray, or DataView", data);
    }
    if (typeof value !== "number") {
        throw invalidArgType("value", "of type number", value);
    }
    if (!Number.isInteger(value) || value < 0 || value > 2 ** 32 - 1) {
        throw outOfRange("value", ">= 0 && <= 4294967295", value);
    }
    if (crcTable === undefined) {
        crcTable = new Int32Array(256);
        for (let n = 0; n < 256; n++) {
            let c = n;
            for (let k = 0; k < 8; k++) {
                c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
            }
            crcTable[n] = c;
        }
    }
    let crc = ~value;
    for (let i = 0; i < bytes.length; i++) {
        crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    }
    return ~crc >>> 0;
}

// ---------------------------------------------------------------------------------------------------------
// Exports

// A function under its export's name (stack traces show it).
function named(name, fn) {
    return Object.defineProperty(fn, "name", { value: name });
}

function brotliUnavailable() {
    throw unavailable("brotli");
}

class BrotliCompress {
    constructor() {
        brotliUnavailable();
    }
}

class BrotliDecompress {
    constructor() {
        brotliUnavailable();
    }
}

// In node's order: the classes, the one-shot functions, the create functions.
module.exports = { crc32 };
for (const name of Object.keys(STREAM_MODES)) {
    Object.defineProperty(module.exports, name, { get: () => zlibStreams()[name], enumerable: true, configurable: true });
}
Object.assign(module.exports, { BrotliCompress, BrotliDecompress });
for (const mode of ["deflate", "gzip", "deflateRaw", "unzip", "inflate", "gunzip", "inflateRaw"]) {
    module.exports[mode] = named(mode, (buffer, options, callback) => processLater(mode, buffer, options, callback));
    module.exports[`${mode}Sync`] = named(`${mode}Sync`, (buffer, options) => processSync(mode, buffer, options));
}
for (const name of ["brotliCompress", "brotliCompressSync", "brotliDecompress", "brotliDecompressSync"]) {
    module.exports[name] = named(name, () => brotliUnavailable());
}
for (const name of ["Deflate", "Inflate", "DeflateRaw", "InflateRaw", "Gzip", "Gunzip", "Unzip"]) {
    module.exports[`create${name}`] = named(`create${name}`, (options) => new (zlibStreams()[name])(options));
}
for (const name of ["createBrotliCompress", "createBrotliDecompress"]) {
    module.exports[name] = named(name, () => brotliUnavailable());
}

Object.defineProperties(module.exports, {
    constants: { value: constants, enumerable: true },
    codes: { value: Object.freeze(codes), enumerable: true },
});

// The constants node 0.x had on the module itself, kept hidden as node keeps them.
for (const name of Object.keys(constants)) {
    if (name.startsWith("Z_")) {
        Object.defineProperty(module.exports, name, { value: constants[name], enumerable: false });
    }
}
