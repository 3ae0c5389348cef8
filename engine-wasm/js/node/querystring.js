// querystring.js: node's `querystring` module: parse/decode and stringify/encode of "a=1&b=2" strings, and the
// percent-coding helpers escape, unescape and unescapeBuffer, with node's quirks (malformed "%" sequences kept,
// "+" as a space, maxKeys counted in separators).

const { codedError } = require("internal/errors");

const HEX_TRIPLE = /%[0-9a-fA-F]{2}/;

function isHexDigit(code) {
    return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

function hexValue(code) {
    return code <= 57 ? code - 48 : (code | 0x20) - 87;
}

// The bytes of `s` with each valid "%XX" decoded (and "+" as a space when `decodeSpaces`). Like node, other
// characters keep only their low byte: this is a byte-level decoder for strings meant to be ASCII.
function unescapeBytes(s, decodeSpaces) {
    const out = new Uint8Array(s.length);
    let length = 0;
    for (let i = 0; i < s.length; i++) {
        const code = s.charCodeAt(i);
        if (code === 43 && decodeSpaces) {
            out[length++] = 32;
        } else if (code === 37 && i + 2 < s.length && isHexDigit(s.charCodeAt(i + 1)) && isHexDigit(s.charCodeAt(i + 2))) {
            out[length++] = hexValue(s.charCodeAt(i + 1)) * 16 + hexValue(s.charCodeAt(i + 2));
            i += 2;
        } else {
            out[length++] = code;
        }
    }
    return out.subarray(0, length);
}

function unescapeBuffer(s, decodeSpaces) {
    const bytes = unescapeBytes(s, decodeSpaces);
    return require("buffer").Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

// Buffer#toString keeps a leading BOM, so the decoder must too.
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

function unescape(s, decodeSpaces) {
    try {
        return decodeURIComponent(s);
    } catch {
        return utf8.decode(unescapeBytes(String(s), decodeSpaces));
    }
}

// UTF-8 percent-encoding as node does it: any surrogate (even a low one) swallows whatever unit
// follows it (even a non-surrogate), and only a surrogate at the very end is an error.
function percentEncodeSlow(str, keep) {
    let out = "";
    for (let i = 0; i < str.length; i++) {
        let code = str.charCodeAt(i);
        if (code < 0x80) {
            out += keep(code) ? str[i] : HEX[code];
            continue;
        }
        if (code < 0x800) {
            out += HEX[0xc0 | (code >> 6)] + HEX[0x80 | (code & 0x3f)];
            continue;
        }
        if (code < 0xd800 || code >= 0xe000) {
            out += HEX[0xe0 | (code >> 12)] + HEX[0x80 | ((code >> 6) & 0x3f)] + HEX[0x80 | (code & 0x3f)];
            continue;
        }
        if (i + 1 >= str.length) {
            throw codedError(URIError, "ERR_INVALID_URI", "URI malformed");
        }
        code = 0x10000 + (((code & 0x3ff) << 10) | (str.charCodeAt(++i) & 0x3ff));
        out += HEX[0xf0 | (code >> 18)] + HEX[0x80 | ((code >> 12) & 0x3f)] + HEX[0x80 | ((code >> 6) & 0x3f)] + HEX[0x80 | (code & 0x3f)];
    }
    return out;
}

const HEX = Array.from({ length: 256 }, (_, byte) => `%${byte < 16 ? "0" : ""}${byte.toString(16).toUpperCase()}`);

// encodeURIComponent keeps exactly node's unreserved set (A-Z a-z 0-9 - _ . ! ~ * ' ( )).
const UNRESERVED = /[A-Za-z0-9\-_.!~*'()]/;

function escape(str) {
    if (typeof str !== "string") {
        str = typeof str === "object" ? String(str) : `${str}`;
    }
    try {
        return encodeURIComponent(str);
    } catch {
        return percentEncodeSlow(str, (code) => UNRESERVED.test(String.fromCharCode(code)));
    }
}

// What stringify writes for one value before encoding: finite numbers, bigints, booleans and strings; anything
// else is "".
function primitiveText(value) {
    switch (typeof value) {
        case "string":
            return value;
        case "number":
            return Number.isFinite(value) ? `${value}` : "";
        case "bigint":
            return `${value}`;
        case "boolean":
            return value ? "true" : "false";
        default:
            return "";
    }
}

function stringify(obj, sep, eq, options) {
    sep = sep || "&";
    eq = eq || "=";
    const encode = options && typeof options.encodeURIComponent === "function" ? options.encodeURIComponent : module.exports.escape;
    if (obj === null || typeof obj !== "object") {
        return "";
    }
    const convert = (value) => {
        const text = primitiveText(value);
        return text.length > 0 || encode !== escape ? encode(text) : "";
    };
    const fields = [];
    for (const key of Object.keys(obj)) {
        const value = obj[key];
        const prefix = convert(key) + eq;
        if (Array.isArray(value)) {
            for (const item of value) {
                fields.push(prefix + convert(item));
            }
        } else {
            fields.push(prefix + convert(value));
        }
    }
    return fields.join(sep);
}

// Decodes one key or value. The default decoder runs only when a real "%XX" is present; a decoder that throws
// falls back to node's lenient unescape.
function decodePart(text, decode, custom) {
    if (text.length === 0 || (!custom && !HEX_TRIPLE.test(text))) {
        return text;
    }
    try {
        return decode(text);
    } catch {
        return module.exports.unescape(text, true);
    }
}

function addPair(result, key, value) {
    if (!Object.prototype.hasOwnProperty.call(result, key)) {
        result[key] = value;
    } else if (Array.isArray(result[key])) {
        result[key].push(value);
    } else {
        result[key] = [result[key], value];
    }
}

function parse(qs, sep, eq, options) {
    const result = { __proto__: null };
    if (typeof qs !== "string" || qs.length === 0) {
        return result;
    }
    sep = sep ? String(sep) : "&";
    eq = eq ? String(eq) : "=";
    let limit = 1000;
    if (options && typeof options.maxKeys === "number") {
        // node counts separators down to exactly zero, so only a positive integer limits anything.
        limit = Number.isInteger(options.maxKeys) && options.maxKeys > 0 ? options.maxKeys : Infinity;
    }
    let decode = module.exports.unescape;
    if (options && typeof options.decodeURIComponent === "function") {
        decode = options.decodeURIComponent;
    }
    const custom = decode !== unescape;
    const space = custom ? "%20" : " ";
    const hasPlus = qs.includes("+");
    let start = 0;
    for (let count = 0; count < limit && start <= qs.length; count++) {
        let end = qs.indexOf(sep, start);
        if (end === -1) {
            end = qs.length;
        }
        if (end > start) {
            let pair = qs.slice(start, end);
            if (hasPlus) {
                pair = pair.replace(/\+/g, space);
            }
            const split = pair.indexOf(eq);
            const key = split === -1 ? pair : pair.slice(0, split);
            const value = split === -1 ? "" : pair.slice(split + eq.length);
            addPair(result, decodePart(key, decode, custom), decodePart(value, decode, custom));
        }
        start = end + sep.length;
    }
    return result;
}

module.exports = {
    unescapeBuffer,
    unescape,
    escape,
    stringify,
    encode: stringify,
    parse,
    decode: parse,
};
