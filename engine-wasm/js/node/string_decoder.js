// string_decoder.js: node's `string_decoder` module. A StringDecoder turns a stream of byte chunks into
// text without splitting characters: the bytes of a character cut by a chunk's end wait (at most four,
// in lastChar) for the next write, exactly where node's decoder holds them back, and end() flushes them.

const { Buffer } = require("buffer");
const { codedError, invalidArgType } = require("internal/errors");

// The encodings a decoder takes, by lower-cased name, as the names node reports in `encoding`.
const ENCODINGS = new Map([
    ["utf8", "utf8"], ["utf-8", "utf8"], ["ucs2", "utf16le"], ["ucs-2", "utf16le"], ["utf16le", "utf16le"],
    ["utf-16le", "utf16le"], ["latin1", "latin1"], ["binary", "latin1"], ["base64", "base64"],
    ["base64url", "base64url"], ["hex", "hex"], ["ascii", "ascii"],
]);

const kState = Symbol("kNativeDecoder");
const decode = Buffer.prototype.toString;

function normalizeEncoding(encoding) {
    if (encoding === undefined || encoding === null || encoding === "") {
        return "utf8";
    }
    const name = ENCODINGS.get(`${encoding}`.toLowerCase());
    if (name === undefined) {
        throw codedError(TypeError, "ERR_UNKNOWN_ENCODING", `Unknown encoding: ${encoding}`);
    }
    return name;
}

// The state of one decoder: `pending` holds the bytes of a cut character (`buffered` of them, `missing`
// more to come); bytes past `buffered` are stale, as in node's lastChar.
function newState(encoding) {
    return { encoding, pending: Buffer.alloc(4), buffered: 0, missing: 0 };
}

// How many bytes at the end of [start, end) begin a UTF-8 character that continues in the next chunk,
// and how many it still needs. Only the lead byte's length counts: a malformed sequence is decoded (to
// U+FFFD) once it is as long as its lead byte says.
function utf8Cut(bytes, start, end) {
    if ((bytes[end - 1] & 0x80) === 0) {
        return [0, 0];
    }
    for (let i = end - 1, held = 1; ; i--, held++) {
        const byte = bytes[i];
        if ((byte & 0xc0) === 0x80) {
            if (held >= 4 || i === start) {
                return [0, 0];
            }
            continue;
        }
        const length = (byte & 0xe0) === 0xc0 ? 2 : (byte & 0xf0) === 0xe0 ? 3 : (byte & 0xf8) === 0xf0 ? 4 : 0;
        return held < length ? [held, length - held] : [0, 0];
    }
}

// The same for UTF-16LE (an odd byte, or a high surrogate) and base64 (bytes short of a 3-byte group).
function cut(state, bytes, start, end) {
    switch (state.encoding) {
    case "utf8":
        return utf8Cut(bytes, start, end);
    case "utf16le":
        if ((end - start) % 2 === 1) {
            return [1, 1];
        }
        return (bytes[end - 1] & 0xfc) === 0xd8 ? [2, 2] : [0, 0];
    case "base64":
    case "base64url": {
        const held = (end - start) % 3;
        return held === 0 ? [0, 0] : [held, 3 - held];
    }
    default:
        return [0, 0];
    }
}

// Completes the pending character from the start of `bytes`; returns how many bytes it took and its text
// once complete.
function completePending(state, bytes) {
    let start = 0;
    if (state.encoding === "utf8") {
        // A byte that cannot continue the character ends it early: it is decoded as it stands.
        for (let i = 0; i < bytes.length && i < state.missing; i++) {
            if ((bytes[i] & 0xc0) !== 0x80) {
                state.pending.set(bytes.subarray(0, i), state.buffered);
                state.buffered += i;
                state.missing = 0;
                start = i;
                break;
            }
        }
    }
    const taken = Math.min(bytes.length - start, state.missing);
    state.pending.set(bytes.subarray(start, start + taken), state.buffered);
    state.buffered += taken;
    state.missing -= taken;
    if (state.missing > 0) {
        return [start + taken, ""];
    }
    const text = decode.call(state.pending, state.encoding, 0, state.buffered);
    state.buffered = 0;
    return [start + taken, text];
}

function decodeChunk(state, bytes) {
    let start = 0;
    let prefix = "";
    if (state.missing > 0) {
        [start, prefix] = completePending(state, bytes);
        if (start === bytes.length) {
            return prefix;
        }
    }
    const [held, missing] = cut(state, bytes, start, bytes.length);
    const end = bytes.length - held;
    if (held > 0) {
        state.pending.set(bytes.subarray(end), 0);
        state.buffered = held;
        state.missing = missing;
    }
    return end > start ? prefix + decode.call(bytes, state.encoding, start, end) : prefix;
}

function StringDecoder(encoding) {
    this.encoding = normalizeEncoding(encoding);
    this[kState] = newState(this.encoding);
}

StringDecoder.prototype.write = function write(buf) {
    if (typeof buf === "string") {
        return buf;
    }
    if (!ArrayBuffer.isView(buf)) {
        throw invalidArgType("buf", "an instance of Buffer, TypedArray, or DataView", buf);
    }
    const state = this[kState];
    if (state === undefined) {
        throw codedError(TypeError, "ERR_INVALID_THIS", 'Value of "this" must be of type StringDecoder');
    }
    return decodeChunk(state, new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
};

StringDecoder.prototype.end = function end(buf) {
    let text = buf === undefined ? "" : this.write(buf);
    const state = this[kState];
    if (state.buffered > 0) {
        // A lone trailing byte of UTF-16 is dropped; whatever else is pending decodes as it stands.
        if (state.encoding === "utf16le" && state.buffered % 2 === 1) {
            state.buffered--;
        }
        if (state.buffered > 0) {
            text += decode.call(state.pending, state.encoding, 0, state.buffered);
        }
        state.buffered = 0;
        state.missing = 0;
    }
    return text;
};

// node's legacy entry point: decode from `offset` as if nothing were pending.
StringDecoder.prototype.text = function text(buf, offset) {
    this[kState].buffered = 0;
    this[kState].missing = 0;
    return this.write(buf.slice(offset));
};

Object.defineProperties(StringDecoder.prototype, {
    lastChar: {
        enumerable: true,
        configurable: true,
        get() {
            return this[kState].pending;
        },
    },
    lastNeed: {
        enumerable: true,
        configurable: true,
        get() {
            return this[kState].missing;
        },
    },
    lastTotal: {
        enumerable: true,
        configurable: true,
        get() {
            return this[kState].buffered + this[kState].missing;
        },
    },
});

module.exports = { StringDecoder };
