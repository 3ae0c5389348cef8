// buffer.js: node's `buffer` module. Buffer is a Uint8Array subclass (instances are FastBuffers, whose
// prototype is Buffer.prototype) with node's encodings, number reads and writes, searches and range errors;
// also SlowBuffer, transcode, isUtf8, isAscii and the module's constants. Bulk work goes to native code:
// UTF-8 to TextEncoder/TextDecoder, hex and base64 (and latin1, through base64) to QuickJS-ng's Uint8Array
// codecs, searches and copies to the typed array methods; JS loops handle what those refuse.

const { codedError, describeReceived, invalidArgType, invalidArgValue, outOfRange } = require("internal/errors");

const kMaxLength = 2 ** 32;
const kStringMaxLength = 2 ** 29 - 24;
const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");

let inspectMaxBytes = 50;

// ---------------------------------------------------------------------------------------------------------
// Type checks and errors

const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
const uint8IndexOf = Uint8Array.prototype.indexOf;
const uint8LastIndexOf = Uint8Array.prototype.lastIndexOf;

// Brand checks (the typed array tag getter cannot be fooled by a prototype or Symbol.toStringTag).
function isUint8Array(value) {
    return typedArrayTag.call(value) === "Uint8Array";
}

function isTypedArray(value) {
    return typedArrayTag.call(value) !== undefined;
}

const arrayBufferLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get;
const sharedArrayBufferLength = typeof SharedArrayBuffer === "function"
    ? Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, "byteLength").get
    : undefined;

function hasBrand(getter, value) {
    try {
        getter.call(value);
        return true;
    } catch {
        return false;
    }
}

// By brand rather than instanceof, so that buffers of another realm (node's vm contexts) count too.
function isAnyArrayBuffer(value) {
    switch (Object.prototype.toString.call(value)) {
    case "[object ArrayBuffer]":
        return hasBrand(arrayBufferLength, value);
    case "[object SharedArrayBuffer]":
        return sharedArrayBufferLength !== undefined && hasBrand(sharedArrayBufferLength, value);
    default:
        return false;
    }
}

// A Uint8Array over `length` bytes of `view`'s memory from `start`.
function bytesAt(view, start, length) {
    return new Uint8Array(view.buffer, view.byteOffset + start, length);
}

function unknownEncoding(encoding) {
    return codedError(TypeError, "ERR_UNKNOWN_ENCODING", `Unknown encoding: ${encoding}`);
}

function outOfBounds(name) {
    const message = name === undefined ? "Attempt to access memory outside buffer bounds" : `"${name}" is outside of buffer bounds`;
    return codedError(RangeError, "ERR_BUFFER_OUT_OF_BOUNDS", message);
}

function indexOutOfRange() {
    return codedError(RangeError, "ERR_OUT_OF_RANGE", "Index out of range");
}

function validateInteger(value, name, min = 0, max = kMaxLength) {
    if (typeof value !== "number") {
        throw invalidArgType(name, "of type number", value);
    }
    if (!Number.isInteger(value)) {
        throw outOfRange(name, "an integer", value);
    }
    if (value < min || value > max) {
        throw outOfRange(name, `>= ${min} && <= ${max}`, value);
    }
}

// Sizes are numbers in range but need not be integers (a typed array truncates them).
function validateSize(size) {
    if (typeof size !== "number") {
        throw invalidArgType("size", "of type number", size);
    }
    if (!(size >= 0 && size <= kMaxLength)) {
        throw outOfRange("size", `>= 0 && <= ${kMaxLength}`, size);
    }
}

// An index argument of the xxxSlice/xxxWrite primitives: truncated, NaN as 0, never negative.
function arrayIndex(value, fallback) {
    if (value === undefined) {
        return fallback;
    }
    const index = Math.trunc(Number(value));
    if (index < 0) {
        throw indexOutOfRange();
    }
    return index || 0;
}

// copy()'s lenient integers: anything numeric is floored; NaN and the infinities take the default.
function toInteger(value, fallback) {
    const number = +value;
    return Number.isFinite(number) ? Math.floor(number) : fallback;
}

// ---------------------------------------------------------------------------------------------------------
// Encodings. Each is { name, byteLength(string), bytes(string), write(buf, string, offset, length),
// slice(buf, start, end) }; `write` gets a range that fits and returns the bytes written.

const encoder = new TextEncoder();
// node keeps a leading BOM in the text and turns malformed input into U+FFFD, as this decoder does.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
const strictDecoder = new TextDecoder("utf-8", { ignoreBOM: true, fatal: true });
// QuickJS-ng implements the TC39 base64/hex methods of Uint8Array in C; they are fast where JS loops over
// bytes are slow. node 20 (which runs these files in the test harness) lacks them: the JS loops serve it,
// and also decode what node accepts but those strict decoders refuse.
const nativeCodecs = typeof Uint8Array.fromBase64 === "function";
const { atob, btoa } = globalThis;
const NON_ASCII = /[^\x00-\x7f]/;
const HIGH_LATIN1 = /[\x80-\xff]/g;
// fromCharCode.apply takes its arguments on the stack: strings are built this many code units at a time.
const CHUNK = 8192;

// The string of the code units in `units` (a Uint8Array or Uint16Array).
function stringOfUnits(units) {
    if (units.length <= CHUNK) {
        return String.fromCharCode.apply(null, units);
    }
    const parts = [];
    for (let i = 0; i < units.length; i += CHUNK) {
        parts.push(String.fromCharCode.apply(null, units.subarray(i, i + CHUNK)));
    }
    return parts.join("");
}

// The low byte of each code unit of `string`, which is how node writes latin1 (and reads the characters
// of hex and base64). btoa accepts exactly the strings whose units fit a byte.
function latin1Bytes(string) {
    if (nativeCodecs) {
        try {
            return Uint8Array.fromBase64(btoa(string));
        } catch {
            // A code unit above 0xff: the loop below truncates it.
        }
    } else if (!NON_ASCII.test(string)) {
        return encoder.encode(string);
    }
    const bytes = new Uint8Array(string.length);
    for (let i = 0; i < string.length; i++) {
        bytes[i] = string.charCodeAt(i);
    }
    return bytes;
}

function latin1Slice(buf, start, end) {
    const bytes = bytesAt(buf, start, end - start);
    return nativeCodecs ? atob(bytes.toBase64()) : stringOfUnits(bytes);
}

// Copies as much of `bytes` as `length` allows to `offset`.
function writeBytes(buf, bytes, offset, length) {
    const count = Math.min(bytes.length, length);
    buf.set(count === bytes.length ? bytes : bytes.subarray(0, count), offset);
    return count;
}

const utf8 = {
    name: "utf8",
    byteLength: (string) => encoder.encode(string).length,
    bytes: (string) => encoder.encode(string),
    // encodeInto writes whole characters only, as node does at the end of the room.
    write: (buf, string, offset, length) => encoder.encodeInto(string, bytesAt(buf, offset, length)).written,
    slice: (buf, start, end) => decoder.decode(bytesAt(buf, start, end - start)),
};

const latin1 = {
    name: "latin1",
    byteLength: (string) => string.length,
    bytes: latin1Bytes,
    write: (buf, string, offset, length) => writeBytes(buf, latin1Bytes(string.slice(0, length)), offset, length),
    slice: latin1Slice,
};

// Writing ASCII is writing latin1; reading it clears each byte's high bit.
const ascii = {
    name: "ascii",
    byteLength: (string) => string.length,
    bytes: latin1Bytes,
    write: latin1.write,
    slice(buf, start, end) {
        // Only all-ASCII bytes decode as UTF-8 to one unit each without U+FFFD.
        const text = utf8.slice(buf, start, end);
        if (text.length === end - start && !text.includes("\ufffd")) {
            return text;
        }
        const length = end - start;
        const copy = new Uint8Array((length + 3) & ~3);
        copy.set(bytesAt(buf, start, length));
        const words = new Uint32Array(copy.buffer);
        for (let i = 0; i < words.length; i++) {
            words[i] &= 0x7f7f7f7f;
        }
        return latin1Slice(copy, 0, length);
    },
};

function writeUcs2(buf, string, offset, length) {
    const count = Math.min(string.length, length >>> 1);
    for (let i = 0, at = offset; i < count; i++, at += 2) {
        const unit = string.charCodeAt(i);
        buf[at] = unit;
        buf[at + 1] = unit >>> 8;
    }
    return count * 2;
}

// The code units of the whole UTF-16LE units in [start, end) (wasm and node's hosts are little-endian).
function ucs2Units(buf, start, end) {
    const count = (end - start) >>> 1;
    const at = buf.byteOffset + start;
    if (at % 2 === 0) {
        return new Uint16Array(buf.buffer, at, count);
    }
    const aligned = new Uint8Array(count * 2);
    aligned.set(bytesAt(buf, start, count * 2));
    return new Uint16Array(aligned.buffer);
}

const ucs2 = {
    name: "utf16le",
    byteLength: (string) => string.length * 2,
    bytes(string) {
        const bytes = new Uint8Array(string.length * 2);
        writeUcs2(bytes, string, 0, bytes.length);
        return bytes;
    },
    write: writeUcs2,
    slice: (buf, start, end) => stringOfUnits(ucs2Units(buf, start, end)),
};

const HEX_DIGITS = "0123456789abcdef";
// The two ASCII digits of each byte as one little-endian 16-bit unit, so one store writes both.
const HEX_PAIRS = new Uint16Array(256);
// Each byte's digit value, -1 for a byte that is no hex digit.
const HEX_VALUES = new Int8Array(256).fill(-1);
for (let b = 0; b < 256; b++) {
    HEX_PAIRS[b] = HEX_DIGITS.charCodeAt(b >> 4) | (HEX_DIGITS.charCodeAt(b & 15) << 8);
}
for (let d = 0; d < 16; d++) {
    HEX_VALUES[HEX_DIGITS.charCodeAt(d)] = d;
    HEX_VALUES[HEX_DIGITS.toUpperCase().charCodeAt(d)] = d;
}

// node decodes hex up to the first pair that is not two digits and ignores an odd last digit.
function hexBytes(string) {
    const digits = string.length % 2 === 0 ? string : string.slice(0, -1);
    if (nativeCodecs) {
        try {
            return Uint8Array.fromHex(digits);
        } catch {
            // A pair that is not hex: the loop below stops there.
        }
    }
    const codes = latin1Bytes(digits);
    const bytes = new Uint8Array(codes.length >>> 1);
    let i = 0;
    for (; i < bytes.length; i++) {
        const high = HEX_VALUES[codes[2 * i]];
        const low = HEX_VALUES[codes[2 * i + 1]];
        if ((high | low) < 0) {
            break;
        }
        bytes[i] = (high << 4) | low;
    }
    return bytes.subarray(0, i);
}

function hexSlice(buf, start, end) {
    const bytes = bytesAt(buf, start, end - start);
    if (nativeCodecs) {
        return bytes.toHex();
    }
    const pairs = new Uint16Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) {
        pairs[i] = HEX_PAIRS[bytes[i]];
    }
    return decoder.decode(pairs);
}

const hex = {
    name: "hex",
    byteLength: (string) => string.length >>> 1,
    bytes: hexBytes,
    write: (buf, string, offset, length) => writeBytes(buf, hexBytes(string.slice(0, 2 * length)), offset, length),
    slice: hexSlice,
};

const BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const BASE64_CODES = encoder.encode(`${BASE64_ALPHABET}+/`);
const BASE64URL_CODES = encoder.encode(`${BASE64_ALPHABET}-_`);
// Each byte's 6-bit value in either alphabet (node decodes both under both names); '=' ends the data and
// every other character is skipped.
const SKIP = -1;
const PAD = -2;
const BASE64_VALUES = new Int8Array(256).fill(SKIP);
for (let v = 0; v < 64; v++) {
    BASE64_VALUES[BASE64_CODES[v]] = v;
    BASE64_VALUES[BASE64URL_CODES[v]] = v;
}
BASE64_VALUES[0x3d] = PAD;

// The most bytes `string` can decode to: node's estimate from its length less up to two trailing '='.
function base64Length(string) {
    let length = string.length;
    if (length > 0 && string.charCodeAt(length - 1) === 0x3d) {
        length--;
    }
    if (length > 0 && string.charCodeAt(length - 1) === 0x3d) {
        length--;
    }
    return (length * 3) >>> 2;
}

// Decodes the base64 in `codes` into `out` (room for base64Length bytes); returns the bytes decoded.
function decodeBase64(codes, out) {
    const length = codes.length;
    let i = 0;
    let o = 0;
    for (;;) {
        // Runs of four alphabet characters, the usual case.
        while (i + 4 <= length) {
            const a = BASE64_VALUES[codes[i]];
            const b = BASE64_VALUES[codes[i + 1]];
            const c = BASE64_VALUES[codes[i + 2]];
            const d = BASE64_VALUES[codes[i + 3]];
            if ((a | b | c | d) < 0) {
                break;
            }
            const bits = (a << 18) | (b << 12) | (c << 6) | d;
            out[o] = bits >> 16;
            out[o + 1] = bits >> 8;
            out[o + 2] = bits;
            o += 3;
            i += 4;
        }
        // One quantum a character at a time, past skipped characters, up to '=' or the end.
        let bits = 0;
        let count = 0;
        while (i < length && count < 4) {
            const value = BASE64_VALUES[codes[i++]];
            if (value >= 0) {
                bits = (bits << 6) | value;
                count++;
            } else if (value === PAD) {
                i = length;
            }
        }
        if (count === 4) {
            out[o] = bits >> 16;
            out[o + 1] = bits >> 8;
            out[o + 2] = bits;
            o += 3;
            continue;
        }
        if (count === 2) {
            out[o++] = bits >> 4;
        } else if (count === 3) {
            out[o++] = bits >> 10;
            out[o++] = bits >> 2;
        }
        return o;
    }
}

function nativeBase64(string, alphabet) {
    try {
        return Uint8Array.fromBase64(string, { alphabet });
    } catch {
        return undefined;
    }
}

// The native decoder takes well-formed base64 of one alphabet (whitespace allowed), which it decodes as
// node does; node's leniency for the rest (skipped characters, a misplaced '=', mixed alphabets) is the
// loop's.
function base64Bytes(string, alphabet) {
    if (nativeCodecs) {
        const bytes = nativeBase64(string, alphabet) || nativeBase64(string, alphabet === "base64" ? "base64url" : "base64");
        if (bytes !== undefined) {
            return bytes;
        }
    }
    const bytes = new Uint8Array(base64Length(string));
    return bytes.subarray(0, decodeBase64(latin1Bytes(string), bytes));
}

// The base64 of [start, end): '='-padded in the standard alphabet, unpadded in the URL-safe one.
function encodeBase64(buf, start, end, url) {
    const bytes = bytesAt(buf, start, end - start);
    if (nativeCodecs) {
        return bytes.toBase64({ alphabet: url ? "base64url" : "base64", omitPadding: url });
    }
    const codes = url ? BASE64URL_CODES : BASE64_CODES;
    const length = bytes.length;
    const tail = length % 3;
    const out = new Uint8Array(url ? Math.ceil((length * 4) / 3) : Math.ceil(length / 3) * 4);
    let o = 0;
    let i = 0;
    for (const whole = length - tail; i < whole; i += 3) {
        const bits = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
        out[o] = codes[bits >> 18];
        out[o + 1] = codes[(bits >> 12) & 63];
        out[o + 2] = codes[(bits >> 6) & 63];
        out[o + 3] = codes[bits & 63];
        o += 4;
    }
    if (tail !== 0) {
        const bits = (bytes[i] << 16) | (tail === 2 ? bytes[i + 1] << 8 : 0);
        out[o++] = codes[bits >> 18];
        out[o++] = codes[(bits >> 12) & 63];
        if (tail === 2) {
            out[o++] = codes[(bits >> 6) & 63];
        }
        out.fill(0x3d, o);
    }
    return decoder.decode(out);
}

const base64 = {
    name: "base64",
    byteLength: base64Length,
    bytes: (string) => base64Bytes(string, "base64"),
    write: (buf, string, offset, length) => writeBytes(buf, base64Bytes(string, "base64"), offset, length),
    slice: (buf, start, end) => encodeBase64(buf, start, end, false),
};

const base64url = {
    name: "base64url",
    byteLength: base64Length,
    bytes: (string) => base64Bytes(string, "base64url"),
    write: (buf, string, offset, length) => writeBytes(buf, base64Bytes(string, "base64url"), offset, length),
    slice: (buf, start, end) => encodeBase64(buf, start, end, true),
};

const ENCODINGS = new Map([
    ["utf8", utf8], ["utf-8", utf8], ["ucs2", ucs2], ["ucs-2", ucs2], ["utf16le", ucs2], ["utf-16le", ucs2],
    ["latin1", latin1], ["binary", latin1], ["base64", base64], ["base64url", base64url], ["hex", hex], ["ascii", ascii],
]);

// The encoding an argument names (any case), or undefined.
function encodingOps(encoding) {
    return ENCODINGS.get(encoding) || ENCODINGS.get(`${encoding}`.toLowerCase());
}

// node's normalizeEncoding: a missing or empty name is UTF-8.
function normalizeEncoding(encoding) {
    if (encoding === undefined || encoding === null || encoding === "") {
        return "utf8";
    }
    const ops = encodingOps(encoding);
    return ops && ops.name;
}

// ---------------------------------------------------------------------------------------------------------
// Buffer and its constructors

class FastBuffer extends Uint8Array {}

// The deprecated constructor: Buffer(size) allocates, anything else is Buffer.from.
function Buffer(arg, encodingOrOffset, length) {
    if (typeof arg === "number") {
        if (typeof encodingOrOffset === "string") {
            throw invalidArgType("string", "of type string", arg);
        }
        return Buffer.alloc(arg);
    }
    return Buffer.from(arg, encodingOrOffset, length);
}

Buffer.prototype = FastBuffer.prototype;
FastBuffer.prototype.constructor = Buffer;
Object.setPrototypeOf(Buffer, Uint8Array);
// subarray, map and the other species users build FastBuffers directly.
Object.defineProperty(Buffer, Symbol.species, { get: () => FastBuffer, configurable: true });

// A Buffer over the memory of a Uint8Array the encoders made.
function asBuffer(bytes) {
    return new FastBuffer(bytes.buffer, bytes.byteOffset, bytes.length);
}

function fromString(string, encoding) {
    let ops = utf8;
    if (typeof encoding === "string" && encoding.length !== 0) {
        ops = encodingOps(encoding);
        if (ops === undefined) {
            throw unknownEncoding(encoding);
        }
    }
    if (string.length === 0) {
        return new FastBuffer();
    }
    return asBuffer(ops.bytes(string));
}

function fromArrayBuffer(arrayBuffer, byteOffset, length) {
    let offset = 0;
    if (byteOffset !== undefined) {
        offset = +byteOffset || 0;
    }
    const room = arrayBuffer.byteLength - offset;
    if (room < 0) {
        throw outOfBounds("offset");
    }
    let size = room;
    if (length !== undefined) {
        size = +length;
        if (size > 0) {
            if (size > room) {
                throw outOfBounds("length");
            }
        } else {
            size = 0;
        }
    }
    return new FastBuffer(arrayBuffer, offset, size);
}

// A copy of an array-like's first `length` elements, each converted as a Uint8Array stores it.
function fromArrayLike(arrayLike) {
    const length = arrayLike.length;
    if (!(length > 0)) {
        return new FastBuffer();
    }
    const buf = new FastBuffer(length);
    buf.set(arrayLike);
    return buf;
}

function fromObject(object) {
    if (object.length !== undefined || isAnyArrayBuffer(object.buffer)) {
        return typeof object.length === "number" ? fromArrayLike(object) : new FastBuffer();
    }
    if (object.type === "Buffer" && Array.isArray(object.data)) {
        return fromArrayLike(object.data);
    }
    return undefined;
}

function invalidFirstArgument(value) {
    return codedError(TypeError, "ERR_INVALID_ARG_TYPE",
        "The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object."
        + describeReceived(value));
}

Buffer.poolSize = 8192;

Buffer.from = function from(value, encodingOrOffset, length) {
    if (typeof value === "string") {
        return fromString(value, encodingOrOffset);
    }
    if (typeof value === "object" && value !== null) {
        if (isAnyArrayBuffer(value)) {
            return fromArrayBuffer(value, encodingOrOffset, length);
        }
        const primitive = value.valueOf && value.valueOf();
        if (primitive !== null && primitive !== undefined && primitive !== value
            && (typeof primitive === "string" || typeof primitive === "object")) {
            return Buffer.from(primitive, encodingOrOffset, length);
        }
        const buf = fromObject(value);
        if (buf !== undefined) {
            return buf;
        }
        if (typeof value[Symbol.toPrimitive] === "function") {
            const string = value[Symbol.toPrimitive]("string");
            if (typeof string === "string") {
                return fromString(string, encodingOrOffset);
            }
        }
    }
    throw invalidFirstArgument(value);
};

Buffer.copyBytesFrom = function copyBytesFrom(view, offset, length) {
    if (!isTypedArray(view)) {
        throw invalidArgType("view", "an instance of TypedArray", view);
    }
    const count = view.length;
    if (count === 0) {
        return new FastBuffer();
    }
    let start = 0;
    let end = count;
    if (offset !== undefined) {
        validateInteger(offset, "offset", 0, Number.MAX_SAFE_INTEGER);
        if (offset >= count) {
            return new FastBuffer();
        }
        start = offset;
    }
    if (length !== undefined) {
        validateInteger(length, "length", 0, Number.MAX_SAFE_INTEGER);
        end = Math.min(start + length, count);
    }
    const size = view.BYTES_PER_ELEMENT;
    const buf = new FastBuffer((end - start) * size);
    buf.set(bytesAt(view, start * size, buf.length));
    return buf;
};

Buffer.of = function of(...items) {
    const buf = new FastBuffer(items.length);
    buf.set(items);
    return buf;
};

Buffer.alloc = function alloc(size, fill, encoding) {
    validateSize(size);
    const buf = new FastBuffer(size);
    if (fill !== undefined && fill !== 0 && buf.length > 0) {
        return fillBuffer(buf, fill, 0, buf.length, encoding);
    }
    return buf;
};

// Memory is always zeroed here: there is no pool of recycled bytes to hand out.
Buffer.allocUnsafe = function allocUnsafe(size) {
    validateSize(size);
    return new FastBuffer(size);
};

Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) {
    validateSize(size);
    return new FastBuffer(size);
};

Buffer.isBuffer = function isBuffer(b) {
    return b instanceof Buffer;
};

// -1, 0 or 1 as two runs of bytes of the same length sort. Hex strings order like their bytes (two
// digits a byte, digits in ASCII order), and the native ones beat a JS loop over bytes by far.
function compareChunk(x, y) {
    if (nativeCodecs) {
        const p = x.toHex();
        const q = y.toHex();
        return p === q ? 0 : p < q ? -1 : 1;
    }
    for (let i = 0; i < x.length; i++) {
        if (x[i] !== y[i]) {
            return x[i] < y[i] ? -1 : 1;
        }
    }
    return 0;
}

// -1, 0 or 1 as [aStart, aEnd) of `a` sorts before, with or after [bStart, bEnd) of `b`.
function compareBytes(a, aStart, aEnd, b, bStart, bEnd) {
    const aLength = aEnd - aStart;
    const bLength = bEnd - bStart;
    const common = Math.min(aLength, bLength);
    for (let i = 0; i < common; i += CHUNK) {
        const count = Math.min(CHUNK, common - i);
        const order = compareChunk(bytesAt(a, aStart + i, count), bytesAt(b, bStart + i, count));
        if (order !== 0) {
            return order;
        }
    }
    return aLength < bLength ? -1 : aLength > bLength ? 1 : 0;
}

Buffer.compare = function compare(buf1, buf2) {
    if (!isUint8Array(buf1)) {
        throw invalidArgType("buf1", "an instance of Buffer or Uint8Array", buf1);
    }
    if (!isUint8Array(buf2)) {
        throw invalidArgType("buf2", "an instance of Buffer or Uint8Array", buf2);
    }
    return buf1 === buf2 ? 0 : compareBytes(buf1, 0, buf1.length, buf2, 0, buf2.length);
};

Buffer.isEncoding = function isEncoding(encoding) {
    return typeof encoding === "string" && encoding.length !== 0 && encodingOps(encoding) !== undefined;
};

Buffer.concat = function concat(list, length) {
    if (!Array.isArray(list)) {
        throw invalidArgType("list", "an instance of Array", list);
    }
    if (list.length === 0) {
        return new FastBuffer();
    }
    if (length === undefined) {
        length = 0;
        for (let i = 0; i < list.length; i++) {
            if (!isUint8Array(list[i])) {
                throw invalidArgType(`list[${i}]`, "an instance of Buffer or Uint8Array", list[i]);
            }
            length += list[i].length;
        }
    } else {
        validateInteger(length, "length");
    }
    const buf = new FastBuffer(length);
    let position = 0;
    for (let i = 0; i < list.length; i++) {
        const part = list[i];
        if (!isUint8Array(part)) {
            throw invalidArgType(`list[${i}]`, "an instance of Buffer or Uint8Array", part);
        }
        const count = Math.min(part.length, length - position);
        if (count > 0) {
            buf.set(count === part.length ? part : bytesAt(part, 0, count), position);
            position += count;
        }
    }
    return buf;
};

Buffer.byteLength = function byteLength(string, encoding) {
    if (typeof string !== "string") {
        if (ArrayBuffer.isView(string) || isAnyArrayBuffer(string)) {
            return string.byteLength;
        }
        throw invalidArgType("string", "of type string or an instance of Buffer or ArrayBuffer", string);
    }
    if (string.length === 0) {
        return 0;
    }
    // An unknown encoding counts UTF-8, as node does.
    const ops = (encoding && encodingOps(encoding)) || utf8;
    return ops.byteLength(string);
};

// ---------------------------------------------------------------------------------------------------------
// Reading and writing numbers

// node's error for an offset that does not leave `max` + size bytes: a non-integer, a buffer shorter than
// the value, or an integer out of range.
function boundsError(offset, max) {
    if (Math.floor(offset) !== offset) {
        return outOfRange("offset", "an integer", offset);
    }
    if (max < 0) {
        return outOfBounds();
    }
    return outOfRange("offset", `>= 0 and <= ${max}`, offset);
}

// Validates that `size` bytes of `buf` start at `offset` (a typed array has no element at a negative,
// fractional or too large index).
function checkOffset(buf, offset, size) {
    if (typeof offset !== "number") {
        throw invalidArgType("offset", "of type number", offset);
    }
    if (buf[offset] === undefined || buf[offset + size - 1] === undefined) {
        throw boundsError(offset, buf.length - size);
    }
}

function byteLengthError(byteLength) {
    if (typeof byteLength !== "number") {
        return invalidArgType("byteLength", "of type number", byteLength);
    }
    if (Math.floor(byteLength) !== byteLength) {
        return outOfRange("byteLength", "an integer", byteLength);
    }
    return outOfRange("byteLength", ">= 1 and <= 6", byteLength);
}

function isByteLength(byteLength) {
    return byteLength === 1 || byteLength === 2 || byteLength === 3 || byteLength === 4 || byteLength === 5 || byteLength === 6;
}

// The range node's ERR_OUT_OF_RANGE names for `size`-byte values from `min` to `max`.
function valueRange(min, max, size) {
    const n = typeof min === "bigint" ? "n" : "";
    if (size <= 4) {
        return `>= ${min}${n} and <= ${max}${n}`;
    }
    const bits = size * 8;
    if (min == 0) {
        return `>= 0${n} and < 2${n} ** ${bits}${n}`;
    }
    return `>= -(2${n} ** ${bits - 1}${n}) and < 2${n} ** ${bits - 1}${n}`;
}

// Validates a write in node's order: the value's range, then the offset.
function checkWrite(buf, value, offset, size, min, max) {
    if (value > max || value < min) {
        throw outOfRange("value", valueRange(min, max, size), value);
    }
    checkOffset(buf, offset, size);
}

// One-byte writes check the offset's type before the value.
function checkByteWrite(buf, value, offset, min, max) {
    if (typeof offset !== "number") {
        throw invalidArgType("offset", "of type number", offset);
    }
    checkWrite(buf, value, offset, 1, min, max);
}

function uint32LE(buf, at) {
    return (buf[at] | (buf[at + 1] << 8) | (buf[at + 2] << 16)) + buf[at + 3] * 0x1000000;
}

function uint32BE(buf, at) {
    return buf[at] * 0x1000000 + ((buf[at + 1] << 16) | (buf[at + 2] << 8) | buf[at + 3]);
}

// Stores truncate to the low byte, so shifting is enough for any value in range (and NaN writes zeros).
function store32LE(buf, value, at) {
    buf[at] = value;
    buf[at + 1] = value >>> 8;
    buf[at + 2] = value >>> 16;
    buf[at + 3] = value >>> 24;
}

function store32BE(buf, value, at) {
    buf[at] = value >>> 24;
    buf[at + 1] = value >>> 16;
    buf[at + 2] = value >>> 8;
    buf[at + 3] = value;
}

// The unsigned value of `size` bytes at `offset`.
function readUnsigned(buf, offset, size, littleEndian) {
    let value = 0;
    for (let i = 0; i < size; i++) {
        value = value * 256 + buf[littleEndian ? offset + size - 1 - i : offset + i];
    }
    return value;
}

function readVariable(buf, offset, byteLength, littleEndian, signed) {
    if (offset === undefined) {
        throw invalidArgType("offset", "of type number", offset);
    }
    if (!isByteLength(byteLength)) {
        throw byteLengthError(byteLength);
    }
    checkOffset(buf, offset, byteLength);
    const value = readUnsigned(buf, offset, byteLength, littleEndian);
    const half = 2 ** (8 * byteLength - 1);
    return signed && value >= half ? value - 2 * half : value;
}

function writeVariable(buf, value, offset, byteLength, littleEndian, signed) {
    if (!isByteLength(byteLength)) {
        throw byteLengthError(byteLength);
    }
    value = +value;
    const half = 2 ** (8 * byteLength - 1);
    const min = signed ? -half : 0;
    const max = signed ? half - 1 : 2 * half - 1;
    if (byteLength === 1) {
        checkByteWrite(buf, value, offset, min, max);
    } else {
        checkWrite(buf, value, offset, byteLength, min, max);
    }
    // Division keeps the bits above 32; truncating first keeps it exact for negative fractions.
    let rest = Math.trunc(value);
    for (let i = 0; i < byteLength; i++) {
        buf[littleEndian ? offset + i : offset + byteLength - 1 - i] = rest;
        rest = Math.floor(rest / 256);
    }
    return offset + byteLength;
}

function readUIntLE(offset, byteLength) {
    return readVariable(this, offset, byteLength, true, false);
}

function readUIntBE(offset, byteLength) {
    return readVariable(this, offset, byteLength, false, false);
}

function readIntLE(offset, byteLength) {
    return readVariable(this, offset, byteLength, true, true);
}

function readIntBE(offset, byteLength) {
    return readVariable(this, offset, byteLength, false, true);
}

function writeUIntLE(value, offset, byteLength) {
    return writeVariable(this, value, offset, byteLength, true, false);
}

function writeUIntBE(value, offset, byteLength) {
    return writeVariable(this, value, offset, byteLength, false, false);
}

function writeIntLE(value, offset, byteLength) {
    return writeVariable(this, value, offset, byteLength, true, true);
}

function writeIntBE(value, offset, byteLength) {
    return writeVariable(this, value, offset, byteLength, false, true);
}

function readUInt8(offset = 0) {
    checkOffset(this, offset, 1);
    return this[offset];
}

function readUInt16LE(offset = 0) {
    checkOffset(this, offset, 2);
    return this[offset] | (this[offset + 1] << 8);
}

function readUInt16BE(offset = 0) {
    checkOffset(this, offset, 2);
    return (this[offset] << 8) | this[offset + 1];
}

function readUInt32LE(offset = 0) {
    checkOffset(this, offset, 4);
    return uint32LE(this, offset);
}

function readUInt32BE(offset = 0) {
    checkOffset(this, offset, 4);
    return uint32BE(this, offset);
}

function readInt8(offset = 0) {
    checkOffset(this, offset, 1);
    return (this[offset] << 24) >> 24;
}

function readInt16LE(offset = 0) {
    checkOffset(this, offset, 2);
    return ((this[offset] | (this[offset + 1] << 8)) << 16) >> 16;
}

function readInt16BE(offset = 0) {
    checkOffset(this, offset, 2);
    return (((this[offset] << 8) | this[offset + 1]) << 16) >> 16;
}

function readInt32LE(offset = 0) {
    checkOffset(this, offset, 4);
    return uint32LE(this, offset) | 0;
}

function readInt32BE(offset = 0) {
    checkOffset(this, offset, 4);
    return uint32BE(this, offset) | 0;
}

function writeUInt8(value, offset = 0) {
    value = +value;
    checkByteWrite(this, value, offset, 0, 0xff);
    this[offset] = value;
    return offset + 1;
}

function writeUInt16LE(value, offset = 0) {
    value = +value;
    checkWrite(this, value, offset, 2, 0, 0xffff);
    this[offset] = value;
    this[offset + 1] = value >>> 8;
    return offset + 2;
}

function writeUInt16BE(value, offset = 0) {
    value = +value;
    checkWrite(this, value, offset, 2, 0, 0xffff);
    this[offset] = value >>> 8;
    this[offset + 1] = value;
    return offset + 2;
}

function writeUInt32LE(value, offset = 0) {
    value = +value;
    checkWrite(this, value, offset, 4, 0, 0xffffffff);
    store32LE(this, value, offset);
    return offset + 4;
}

function writeUInt32BE(value, offset = 0) {
    value = +value;
    checkWrite(this, value, offset, 4, 0, 0xffffffff);
    store32BE(this, value, offset);
    return offset + 4;
}

function writeInt8(value, offset = 0) {
    value = +value;
    checkByteWrite(this, value, offset, -0x80, 0x7f);
    this[offset] = value;
    return offset + 1;
}

function writeInt16LE(value, offset = 0) {
    value = +value;
    checkWrite(this, value, offset, 2, -0x8000, 0x7fff);
    this[offset] = value;
    this[offset + 1] = value >>> 8;
    return offset + 2;
}

function writeInt16BE(value, offset = 0) {
    value = +value;
    checkWrite(this, value, offset, 2, -0x8000, 0x7fff);
    this[offset] = value >>> 8;
    this[offset + 1] = value;
    return offset + 2;
}

function writeInt32LE(value, offset = 0) {
    value = +value;
    checkWrite(this, value, offset, 4, -0x80000000, 0x7fffffff);
    store32LE(this, value, offset);
    return offset + 4;
}

function writeInt32BE(value, offset = 0) {
    value = +value;
    checkWrite(this, value, offset, 4, -0x80000000, 0x7fffffff);
    store32BE(this, value, offset);
    return offset + 4;
}

function readBigUInt64LE(offset = 0) {
    checkOffset(this, offset, 8);
    return BigInt(uint32LE(this, offset)) + (BigInt(uint32LE(this, offset + 4)) << 32n);
}

function readBigUInt64BE(offset = 0) {
    checkOffset(this, offset, 8);
    return (BigInt(uint32BE(this, offset)) << 32n) + BigInt(uint32BE(this, offset + 4));
}

function readBigInt64LE(offset = 0) {
    checkOffset(this, offset, 8);
    return (BigInt(uint32LE(this, offset + 4) | 0) << 32n) + BigInt(uint32LE(this, offset));
}

function readBigInt64BE(offset = 0) {
    checkOffset(this, offset, 8);
    return (BigInt(uint32BE(this, offset) | 0) << 32n) + BigInt(uint32BE(this, offset + 4));
}

const UINT64_MAX = 2n ** 64n - 1n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

// The value is not converted: like node, a Number passes the range check and then fails the BigInt mask.
function writeBig64(buf, value, offset, min, max, littleEndian) {
    checkWrite(buf, value, offset, 8, min, max);
    const low = Number(value & 0xffffffffn);
    const high = Number((value >> 32n) & 0xffffffffn);
    if (littleEndian) {
        store32LE(buf, low, offset);
        store32LE(buf, high, offset + 4);
    } else {
        store32BE(buf, high, offset);
        store32BE(buf, low, offset + 4);
    }
    return offset + 8;
}

function writeBigUInt64LE(value, offset = 0) {
    return writeBig64(this, value, offset, 0n, UINT64_MAX, true);
}

function writeBigUInt64BE(value, offset = 0) {
    return writeBig64(this, value, offset, 0n, UINT64_MAX, false);
}

function writeBigInt64LE(value, offset = 0) {
    return writeBig64(this, value, offset, INT64_MIN, INT64_MAX, true);
}

function writeBigInt64BE(value, offset = 0) {
    return writeBig64(this, value, offset, INT64_MIN, INT64_MAX, false);
}

// Floats pass through these views of one scratch buffer, in the host's (little-endian) byte order.
const float32 = new Float32Array(1);
const float64 = new Float64Array(1);
const float32Bytes = new Uint8Array(float32.buffer);
const float64Bytes = new Uint8Array(float64.buffer);

function loadScratch(scratch, buf, offset, littleEndian) {
    const last = scratch.length - 1;
    for (let i = 0; i <= last; i++) {
        scratch[littleEndian ? i : last - i] = buf[offset + i];
    }
}

function storeScratch(scratch, buf, offset, littleEndian) {
    const last = scratch.length - 1;
    for (let i = 0; i <= last; i++) {
        buf[offset + i] = scratch[littleEndian ? i : last - i];
    }
}

function readFloatLE(offset = 0) {
    checkOffset(this, offset, 4);
    loadScratch(float32Bytes, this, offset, true);
    return float32[0];
}

function readFloatBE(offset = 0) {
    checkOffset(this, offset, 4);
    loadScratch(float32Bytes, this, offset, false);
    return float32[0];
}

function readDoubleLE(offset = 0) {
    checkOffset(this, offset, 8);
    loadScratch(float64Bytes, this, offset, true);
    return float64[0];
}

function readDoubleBE(offset = 0) {
    checkOffset(this, offset, 8);
    loadScratch(float64Bytes, this, offset, false);
    return float64[0];
}

function writeFloatLE(value, offset = 0) {
    value = +value;
    checkOffset(this, offset, 4);
    float32[0] = value;
    storeScratch(float32Bytes, this, offset, true);
    return offset + 4;
}

function writeFloatBE(value, offset = 0) {
    value = +value;
    checkOffset(this, offset, 4);
    float32[0] = value;
    storeScratch(float32Bytes, this, offset, false);
    return offset + 4;
}

function writeDoubleLE(value, offset = 0) {
    value = +value;
    checkOffset(this, offset, 8);
    float64[0] = value;
    storeScratch(float64Bytes, this, offset, true);
    return offset + 8;
}

function writeDoubleBE(value, offset = 0) {
    value = +value;
    checkOffset(this, offset, 8);
    float64[0] = value;
    storeScratch(float64Bytes, this, offset, false);
    return offset + 8;
}

// ---------------------------------------------------------------------------------------------------------
// The string primitives (node's xxxSlice/xxxWrite bindings, which library code calls directly)

function stringSlice(buf, ops, start, end) {
    start = arrayIndex(start, 0);
    end = arrayIndex(end, buf.length);
    if (end < start) {
        end = start;
    }
    if (end > buf.length) {
        throw indexOutOfRange();
    }
    return start === end ? "" : ops.slice(buf, start, end);
}

function stringWrite(buf, ops, string, offset, length) {
    if (typeof string !== "string") {
        throw codedError(TypeError, "ERR_INVALID_ARG_TYPE", "argument must be a string");
    }
    offset = arrayIndex(offset, 0);
    if (offset > buf.length) {
        throw outOfBounds("offset");
    }
    const room = buf.length - offset;
    length = Math.min(arrayIndex(length, room), room);
    return length === 0 ? 0 : ops.write(buf, string, offset, length);
}

// ---------------------------------------------------------------------------------------------------------
// Searching

// Where a search starts in `length` bytes for a needle of `needleLength`: negative offsets count from
// the end; -1 when nothing can match.
function searchStart(length, offset, needleLength, forward) {
    if (offset < 0) {
        if (offset + length >= 0) {
            return length + offset;
        }
        return forward || needleLength === 0 ? 0 : -1;
    }
    if (offset + needleLength <= length) {
        return offset;
    }
    if (needleLength === 0) {
        return length;
    }
    return forward ? -1 : length - 1;
}

function searchByte(buf, byte, offset, forward) {
    const start = searchStart(buf.length, offset, 1, forward);
    if (start < 0 || buf.length === 0) {
        return -1;
    }
    return forward ? uint8IndexOf.call(buf, byte, start) : uint8LastIndexOf.call(buf, byte, start);
}

function matchesAt(buf, needle, at) {
    for (let j = 1; j < needle.length; j++) {
        if (buf[at + j] !== needle[j]) {
            return false;
        }
    }
    return true;
}

// Candidates are found by the native search for the needle's first byte.
function searchBytes(buf, needle, offset, forward) {
    const length = buf.length;
    const size = needle.length;
    const start = searchStart(length, offset, size, forward);
    if (size === 0) {
        return start;
    }
    if (length === 0 || start < 0 || size > length || (forward && start + size > length)) {
        return -1;
    }
    const first = needle[0];
    const last = length - size;
    if (forward) {
        for (let i = uint8IndexOf.call(buf, first, start); i !== -1 && i <= last; i = uint8IndexOf.call(buf, first, i + 1)) {
            if (matchesAt(buf, needle, i)) {
                return i;
            }
        }
        return -1;
    }
    for (let i = uint8LastIndexOf.call(buf, first, Math.min(start, last)); i !== -1; i = i === 0 ? -1 : uint8LastIndexOf.call(buf, first, i - 1)) {
        if (matchesAt(buf, needle, i)) {
            return i;
        }
    }
    return -1;
}

// UTF-16 searches only match at even byte positions. node measures a string needle's haystack in whole
// code units and a Buffer needle's in bytes, which shows in the offsets it accepts.
function searchUcs2(buf, needle, offset, forward, haystackLength) {
    const size = needle.length;
    const start = searchStart(haystackLength, offset, size, forward);
    if (size === 0) {
        return start;
    }
    if (haystackLength < 2 || size < 2 || start < 0 || size > haystackLength || (forward && start + size > haystackLength)) {
        return -1;
    }
    const units = size >>> 1;
    const lastUnit = (buf.length >>> 1) - units;
    const step = forward ? 1 : -1;
    for (let unit = forward ? start >>> 1 : Math.min(start >>> 1, lastUnit); unit >= 0 && unit <= lastUnit; unit += step) {
        let j = 0;
        while (j < units * 2 && buf[unit * 2 + j] === needle[j]) {
            j++;
        }
        if (j === units * 2) {
            return unit * 2;
        }
    }
    return -1;
}

function search(buf, value, byteOffset, encoding, forward) {
    if (typeof byteOffset === "string") {
        encoding = byteOffset;
        byteOffset = undefined;
    } else if (byteOffset > 0x7fffffff) {
        byteOffset = 0x7fffffff;
    } else if (byteOffset < -0x80000000) {
        byteOffset = -0x80000000;
    }
    let offset = Math.trunc(+byteOffset);
    if (Number.isNaN(offset)) {
        offset = forward ? 0 : buf.length;
    }
    if (typeof value === "number") {
        return searchByte(buf, value & 0xff, offset, forward);
    }
    if (typeof value === "string") {
        const ops = encoding === undefined ? utf8 : encodingOps(encoding);
        if (ops === undefined) {
            throw unknownEncoding(encoding);
        }
        const needle = ops.bytes(value);
        return ops === ucs2 ? searchUcs2(buf, needle, offset, forward, buf.length & ~1) : searchBytes(buf, needle, offset, forward);
    }
    if (isUint8Array(value)) {
        if (encoding !== undefined && encodingOps(encoding) === ucs2) {
            return searchUcs2(buf, value, offset, forward, buf.length);
        }
        return searchBytes(buf, value, offset, forward);
    }
    throw invalidArgType("value", "one of type number or string or an instance of Buffer or Uint8Array", value);
}

// ---------------------------------------------------------------------------------------------------------
// Filling

// Repeats `bytes` over [offset, end), doubling the filled part with copyWithin.
function fillBytes(buf, bytes, offset, end) {
    const length = end - offset;
    const first = Math.min(bytes.length, length);
    buf.set(first === bytes.length ? bytes : bytes.subarray(0, first), offset);
    for (let filled = first; filled < length;) {
        const count = Math.min(filled, length - filled);
        buf.copyWithin(offset + filled, offset, offset + count);
        filled += count;
    }
}

function fillBuffer(buf, value, offset, end, encoding) {
    let ops;
    if (typeof value === "string") {
        if (offset === undefined || typeof offset === "string") {
            encoding = offset;
            offset = 0;
            end = buf.length;
        } else if (typeof end === "string") {
            encoding = end;
            end = buf.length;
        }
        const name = normalizeEncoding(encoding);
        if (name === undefined) {
            if (typeof encoding !== "string") {
                throw invalidArgType("encoding", "of type string", encoding);
            }
            throw unknownEncoding(encoding);
        }
        ops = ENCODINGS.get(name);
        if (value.length === 0) {
            value = 0;
        } else if (value.length === 1 && (name === "latin1" || (name === "utf8" && value.charCodeAt(0) < 0x80))) {
            value = value.charCodeAt(0);
        }
    }
    if (offset === undefined) {
        offset = 0;
        end = buf.length;
    } else {
        validateInteger(offset, "offset");
        if (end === undefined) {
            end = buf.length;
        } else {
            validateInteger(end, "end", 0, buf.length);
        }
        if (offset >= end) {
            return buf;
        }
    }
    let bytes;
    if (typeof value === "string") {
        bytes = ops.bytes(value);
    } else if (ArrayBuffer.isView(value)) {
        bytes = isUint8Array(value) ? value : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    } else {
        // Numbers and everything else convert as a Uint8Array stores them.
        Uint8Array.prototype.fill.call(buf, value, offset, end);
        return buf;
    }
    if (bytes.length === 0) {
        throw invalidArgValue("value", value);
    }
    fillBytes(buf, bytes, offset, end);
    return buf;
}

// ---------------------------------------------------------------------------------------------------------
// Buffer.prototype

function copy(target, targetStart, sourceStart, sourceEnd) {
    if (!isUint8Array(this)) {
        throw invalidArgType("source", "an instance of Buffer or Uint8Array", this);
    }
    if (!isUint8Array(target)) {
        throw invalidArgType("target", "an instance of Buffer or Uint8Array", target);
    }
    let to = 0;
    if (targetStart !== undefined) {
        to = toInteger(targetStart, 0);
        if (to < 0) {
            throw outOfRange("targetStart", ">= 0", to);
        }
    }
    let from = 0;
    if (sourceStart !== undefined) {
        from = toInteger(sourceStart, 0);
        if (from < 0 || from > this.length) {
            throw outOfRange("sourceStart", `>= 0 && <= ${this.length}`, from);
        }
    }
    let end = this.length;
    if (sourceEnd !== undefined) {
        end = toInteger(sourceEnd, 0);
        if (end < 0) {
            throw outOfRange("sourceEnd", ">= 0", end);
        }
    }
    if (to >= target.length || from >= end) {
        return 0;
    }
    const count = Math.min(end, this.length) - from;
    const fits = Math.min(count, target.length - to);
    // set() copies through a temporary when both views share memory, so overlapping copies are safe.
    target.set(bytesAt(this, from, fits), to);
    return fits;
}

function toString(encoding, start, end) {
    if (arguments.length === 0) {
        return utf8.slice(this, 0, this.length);
    }
    const length = this.length;
    if (start <= 0) {
        start = 0;
    } else if (start >= length) {
        return "";
    } else {
        start = Math.trunc(start) || 0;
    }
    if (end === undefined || end > length) {
        end = length;
    } else {
        end = Math.trunc(end) || 0;
    }
    if (end <= start) {
        return "";
    }
    const ops = encoding === undefined ? utf8 : encodingOps(encoding);
    if (ops === undefined) {
        throw unknownEncoding(encoding);
    }
    return ops.slice(this, start, end);
}

function equals(otherBuffer) {
    if (!isUint8Array(otherBuffer)) {
        throw invalidArgType("otherBuffer", "an instance of Buffer or Uint8Array", otherBuffer);
    }
    if (this === otherBuffer) {
        return true;
    }
    return this.length === otherBuffer.length && compareBytes(this, 0, this.length, otherBuffer, 0, otherBuffer.length) === 0;
}

// Listing a typed array's own keys makes a string of every index, so the extra properties of longer
// buffers go unshown (console.log of a large body must not cost a string per byte).
const INSPECT_EXTRAS_LIMIT = 4096;

// For util.inspect: <Buffer 01 02 ... 8 more bytes, extra: 'property'>. node passes its inspect as a
// third argument, which formats any own non-index properties.
function inspect(recurseTimes, ctx) {
    const max = inspectMaxBytes;
    let text = this.hexSlice(0, Math.min(max, this.length)).replace(/../g, "$& ").trimEnd();
    const remaining = this.length - max;
    if (remaining > 0) {
        text += ` ... ${remaining} more byte${remaining > 1 ? "s" : ""}`;
    }
    if (ctx && this.length <= INSPECT_EXTRAS_LIMIT) {
        // A typed array lists its indices first, so what follows them are the extra properties.
        const keys = (ctx.showHidden ? Reflect.ownKeys(this) : Object.keys(this)).slice(this.length);
        if (keys.length > 0) {
            const extras = {};
            for (const key of keys) {
                Object.defineProperty(extras, key, { value: this[key], enumerable: true });
            }
            const inspectValue = typeof arguments[2] === "function" ? arguments[2] : require("util").inspect;
            const body = inspectValue(extras, { ...ctx, breakLength: Infinity, compact: true });
            text += `${this.length !== 0 ? ", " : ""}${body.slice(2, -2)}`;
        }
    }
    return `<${this.constructor.name} ${text}>`;
}

function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
    if (!isUint8Array(target)) {
        throw invalidArgType("target", "an instance of Buffer or Uint8Array", target);
    }
    if (arguments.length === 1) {
        return compareBytes(this, 0, this.length, target, 0, target.length);
    }
    if (targetStart === undefined) {
        targetStart = 0;
    } else {
        validateInteger(targetStart, "targetStart");
    }
    if (targetEnd === undefined) {
        targetEnd = target.length;
    } else {
        validateInteger(targetEnd, "targetEnd", 0, target.length);
    }
    if (sourceStart === undefined) {
        sourceStart = 0;
    } else {
        validateInteger(sourceStart, "sourceStart");
    }
    if (sourceEnd === undefined) {
        sourceEnd = this.length;
    } else {
        validateInteger(sourceEnd, "sourceEnd", 0, this.length);
    }
    if (sourceStart >= sourceEnd) {
        return targetStart >= targetEnd ? 0 : -1;
    }
    if (targetStart >= targetEnd) {
        return 1;
    }
    return compareBytes(this, sourceStart, sourceEnd, target, targetStart, targetEnd);
}

function indexOf(value, byteOffset, encoding) {
    return search(this, value, byteOffset, encoding, true);
}

function lastIndexOf(value, byteOffset, encoding) {
    return search(this, value, byteOffset, encoding, false);
}

function includes(value, byteOffset, encoding) {
    return this.indexOf(value, byteOffset, encoding) !== -1;
}

function fill(value, offset, end, encoding) {
    return fillBuffer(this, value, offset, end, encoding);
}

function write(string, offset, length, encoding) {
    if (offset === undefined) {
        return stringWrite(this, utf8, string, 0, this.length);
    }
    if (length === undefined && typeof offset === "string") {
        encoding = offset;
        length = this.length;
        offset = 0;
    } else {
        validateInteger(offset, "offset", 0, this.length);
        const remaining = this.length - offset;
        if (length === undefined) {
            length = remaining;
        } else if (typeof length === "string") {
            encoding = length;
            length = remaining;
        } else {
            validateInteger(length, "length", 0, this.length);
            length = Math.min(length, remaining);
        }
    }
    const ops = encoding ? encodingOps(encoding) : utf8;
    if (ops === undefined) {
        throw unknownEncoding(encoding);
    }
    return stringWrite(this, ops, string, offset, length);
}

function toJSON() {
    return { type: "Buffer", data: Array.prototype.slice.call(this) };
}

// node's bounds for slice and subarray: truncated, negative from the end, clamped; NaN is 0.
function sliceBound(index, length) {
    index = Math.trunc(index);
    if (!(index > 0 || index < 0)) {
        return 0;
    }
    return index < 0 ? Math.max(index + length, 0) : Math.min(index, length);
}

function subarray(start, end) {
    const length = this.length;
    start = sliceBound(start, length);
    end = end === undefined ? length : sliceBound(end, length);
    return new FastBuffer(this.buffer, this.byteOffset + start, end > start ? end - start : 0);
}

// Since node 17 slice is a view too (not a copy, unlike Uint8Array's).
function slice(start, end) {
    return subarray.call(this, start, end);
}

function swapBytes(buf, size) {
    if (buf.length % size !== 0) {
        throw codedError(RangeError, "ERR_INVALID_BUFFER_SIZE", `Buffer size must be a multiple of ${size * 8}-bits`);
    }
    for (let at = 0; at < buf.length; at += size) {
        for (let i = 0, j = size - 1; i < j; i++, j--) {
            const byte = buf[at + i];
            buf[at + i] = buf[at + j];
            buf[at + j] = byte;
        }
    }
    return buf;
}

function swap16() {
    return swapBytes(this, 2);
}

function swap32() {
    return swapBytes(this, 4);
}

function swap64() {
    return swapBytes(this, 8);
}

// Enumerable, in node's order, as node assigns them.
Object.assign(FastBuffer.prototype, {
    readBigUInt64LE, readBigUInt64BE, readBigUint64LE: readBigUInt64LE, readBigUint64BE: readBigUInt64BE,
    readBigInt64LE, readBigInt64BE,
    writeBigUInt64LE, writeBigUInt64BE, writeBigUint64LE: writeBigUInt64LE, writeBigUint64BE: writeBigUInt64BE,
    writeBigInt64LE, writeBigInt64BE,
    readUIntLE, readUInt32LE, readUInt16LE, readUInt8, readUIntBE, readUInt32BE, readUInt16BE,
    readUintLE: readUIntLE, readUint32LE: readUInt32LE, readUint16LE: readUInt16LE, readUint8: readUInt8,
    readUintBE: readUIntBE, readUint32BE: readUInt32BE, readUint16BE: readUInt16BE,
    readIntLE, readInt32LE, readInt16LE, readInt8, readIntBE, readInt32BE, readInt16BE,
    writeUIntLE, writeUInt32LE, writeUInt16LE, writeUInt8, writeUIntBE, writeUInt32BE, writeUInt16BE,
    writeUintLE: writeUIntLE, writeUint32LE: writeUInt32LE, writeUint16LE: writeUInt16LE, writeUint8: writeUInt8,
    writeUintBE: writeUIntBE, writeUint32BE: writeUInt32BE, writeUint16BE: writeUInt16BE,
    writeIntLE, writeInt32LE, writeInt16LE, writeInt8, writeIntBE, writeInt32BE, writeInt16BE,
    readFloatLE, readFloatBE, readDoubleLE, readDoubleBE, writeFloatLE, writeFloatBE, writeDoubleLE, writeDoubleBE,
    asciiSlice(start, end) { return stringSlice(this, ascii, start, end); },
    base64Slice(start, end) { return stringSlice(this, base64, start, end); },
    base64urlSlice(start, end) { return stringSlice(this, base64url, start, end); },
    latin1Slice(start, end) { return stringSlice(this, latin1, start, end); },
    hexSlice(start, end) { return stringSlice(this, hex, start, end); },
    ucs2Slice(start, end) { return stringSlice(this, ucs2, start, end); },
    utf8Slice(start, end) { return stringSlice(this, utf8, start, end); },
    asciiWrite(string, offset, length) { return stringWrite(this, ascii, string, offset, length); },
    base64Write(string, offset, length) { return stringWrite(this, base64, string, offset, length); },
    base64urlWrite(string, offset, length) { return stringWrite(this, base64url, string, offset, length); },
    latin1Write(string, offset, length) { return stringWrite(this, latin1, string, offset, length); },
    hexWrite(string, offset, length) { return stringWrite(this, hex, string, offset, length); },
    ucs2Write(string, offset, length) { return stringWrite(this, ucs2, string, offset, length); },
    utf8Write(string, offset, length) { return stringWrite(this, utf8, string, offset, length); },
});
Object.defineProperties(FastBuffer.prototype, {
    parent: {
        enumerable: true,
        get() {
            return this instanceof Buffer ? this.buffer : undefined;
        },
    },
    offset: {
        enumerable: true,
        get() {
            return this instanceof Buffer ? this.byteOffset : undefined;
        },
    },
});
Object.assign(FastBuffer.prototype, {
    copy, toString, equals, inspect, compare, indexOf, lastIndexOf, includes, fill, write, toJSON, subarray, slice,
    swap16, swap32, swap64, toLocaleString: toString,
});
FastBuffer.prototype[inspectSymbol] = inspect;

// ---------------------------------------------------------------------------------------------------------
// The module's other exports

function SlowBuffer(size) {
    validateSize(size);
    return new FastBuffer(size);
}
Object.setPrototypeOf(SlowBuffer.prototype, Uint8Array.prototype);
Object.setPrototypeOf(SlowBuffer, Uint8Array);

// ICU's failures, as node reports them: a plain Error with ICU's code name and number.
function transcodeError(code, errno) {
    const error = new Error(`Unable to transcode Buffer [${code}]`);
    error.code = code;
    error.errno = errno;
    return error;
}

const TRANSCODABLE = new Set(["ascii", "latin1", "utf16le", "utf8"]);
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNPAIRED_SURROGATES = new RegExp(UNPAIRED_SURROGATE.source, "g");
const NOT_LATIN1 = /[\ud800-\udbff][\udc00-\udfff]|[^\x00-\xff]/g;
const NOT_ASCII = /[\ud800-\udbff][\udc00-\udfff]|[^\x00-\x7f]/g;

// The text of `source` as ICU's converters read it for `to`: malformed input is U+FFFD, except where node
// converts strictly (UTF-8 to UTF-16 and back), which fails instead.
function transcodeText(source, from, to) {
    switch (from) {
    case "utf8":
        if (to !== "utf16le") {
            return decoder.decode(source);
        }
        try {
            return strictDecoder.decode(source);
        } catch {
            throw transcodeError("U_INVALID_CHAR_FOUND", 10);
        }
    case "latin1":
        return latin1Slice(source, 0, source.length);
    case "ascii": {
        const text = latin1Slice(source, 0, source.length);
        return to === "utf16le" ? text : text.replace(HIGH_LATIN1, "\ufffd");
    }
    default: {
        const text = ucs2.slice(source, 0, source.length);
        if (to === "utf8") {
            if (UNPAIRED_SURROGATE.test(text)) {
                throw transcodeError("U_INVALID_CHAR_FOUND", 10);
            }
            return text;
        }
        const wellFormed = text.replace(UNPAIRED_SURROGATES, "\ufffd");
        return to === "utf16le" && source.length % 2 === 1 ? `${wellFormed}\ufffd` : wellFormed;
    }
    }
}

function transcode(source, fromEncoding, toEncoding) {
    if (!isUint8Array(source)) {
        throw invalidArgType("source", "an instance of Buffer or Uint8Array", source);
    }
    if (source.length === 0) {
        return new FastBuffer();
    }
    const from = normalizeEncoding(fromEncoding);
    const to = normalizeEncoding(toEncoding);
    if (!TRANSCODABLE.has(from) || !TRANSCODABLE.has(to)) {
        throw transcodeError("U_ILLEGAL_ARGUMENT_ERROR", 1);
    }
    const text = transcodeText(source, from, to);
    switch (to) {
    case "utf8":
        return asBuffer(encoder.encode(text));
    case "utf16le":
        return asBuffer(ucs2.bytes(text));
    case "latin1":
        return asBuffer(latin1Bytes(text.replace(NOT_LATIN1, "?")));
    default:
        return asBuffer(latin1Bytes(text.replace(NOT_ASCII, "?")));
    }
}

// The bytes isUtf8/isAscii validate: any typed array or ArrayBuffer, but not a detached one.
function validatedBytes(input) {
    if (!isTypedArray(input) && !isAnyArrayBuffer(input)) {
        throw invalidArgType("input", "an instance of ArrayBuffer, Buffer, or TypedArray", input);
    }
    const buffer = isAnyArrayBuffer(input) ? input : input.buffer;
    if (buffer.detached === true) {
        throw codedError(Error, "ERR_INVALID_STATE", "Invalid state: Cannot validate on a detached buffer");
    }
    return isAnyArrayBuffer(input) ? new Uint8Array(input) : new Uint8Array(buffer, input.byteOffset, input.byteLength);
}

function isUtf8(input) {
    const bytes = validatedBytes(input);
    try {
        strictDecoder.decode(bytes);
        return true;
    } catch {
        return false;
    }
}

function isAscii(input) {
    const bytes = validatedBytes(input);
    for (let i = 0; i < bytes.length; i++) {
        if (bytes[i] > 0x7f) {
            return false;
        }
    }
    return true;
}

// jscell's URL has no createObjectURL, so no blob: URL ever names a Blob.
function resolveObjectURL() {
    return undefined;
}

module.exports = {
    Buffer,
    SlowBuffer,
    transcode,
    isUtf8,
    isAscii,
    kMaxLength,
    kStringMaxLength,
    btoa: globalThis.btoa,
    atob: globalThis.atob,
    constants: { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength },
    INSPECT_MAX_BYTES: undefined,
    Blob: globalThis.Blob,
    resolveObjectURL,
    File: globalThis.File,
};
Object.defineProperty(module.exports, "INSPECT_MAX_BYTES", {
    enumerable: true,
    configurable: true,
    get() {
        return inspectMaxBytes;
    },
    set(value) {
        if (typeof value !== "number") {
            throw invalidArgType("INSPECT_MAX_BYTES", "of type number", value);
        }
        if (!(value >= 0)) {
            throw outOfRange("INSPECT_MAX_BYTES", ">= 0", value);
        }
        inspectMaxBytes = value;
    },
});
