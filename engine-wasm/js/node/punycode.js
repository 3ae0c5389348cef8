// punycode.js: node's deprecated `punycode` module (the punycode.js 2.1.0 API): RFC 3492 Punycode `encode` and
// `decode`, IDNA-style `toASCII`/`toUnicode` of domains and e-mail addresses, and `ucs2` code point helpers.

// RFC 3492 parameters for IDNA.
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;
const DELIMITER = "-";
const MAX_INT = 2147483647;

const LABEL_SEPARATORS = /[\x2E\u3002\uFF0E\uFF61]/g;
const NON_ASCII = /[^\0-\x7F]/;
const PUNYCODE_PREFIX = /^xn--/;

const MESSAGES = {
    overflow: "Overflow: input needs wider integers to process",
    "not-basic": "Illegal input >= 0x80 (not a basic code point)",
    "invalid-input": "Invalid input",
};

function fail(kind) {
    throw new RangeError(MESSAGES[kind]);
}

// Code points of `string`, pairing surrogates; an unpaired surrogate stays as its own code unit.
function ucs2decode(string) {
    const output = [];
    for (let i = 0; i < string.length; i++) {
        const unit = string.charCodeAt(i);
        if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < string.length) {
            const next = string.charCodeAt(i + 1);
            if ((next & 0xfc00) === 0xdc00) {
                output.push(((unit & 0x3ff) << 10) + (next & 0x3ff) + 0x10000);
                i++;
                continue;
            }
        }
        output.push(unit);
    }
    return output;
}

function ucs2encode(codePoints) {
    return String.fromCodePoint(...codePoints);
}

// a-z are 0-25 and 0-9 are 26-35, case-insensitively; anything else is out of range (BASE).
function basicToDigit(code) {
    if (code >= 0x30 && code < 0x3a) {
        return code - 0x30 + 26;
    }
    if (code >= 0x41 && code < 0x5b) {
        return code - 0x41;
    }
    if (code >= 0x61 && code < 0x7b) {
        return code - 0x61;
    }
    return BASE;
}

function digitToBasic(digit) {
    return String.fromCharCode(digit < 26 ? digit + 0x61 : digit + 22);
}

function threshold(k, bias) {
    if (k <= bias) {
        return T_MIN;
    }
    return k >= bias + T_MAX ? T_MAX : k - bias;
}

// RFC 3492 section 6.1.
function adapt(delta, numPoints, firstTime) {
    delta = firstTime ? Math.floor(delta / DAMP) : delta >> 1;
    delta += Math.floor(delta / numPoints);
    let k = 0;
    while (delta > ((BASE - T_MIN) * T_MAX) >> 1) {
        delta = Math.floor(delta / (BASE - T_MIN));
        k += BASE;
    }
    return Math.floor(k + ((BASE - T_MIN + 1) * delta) / (delta + SKEW));
}

function decode(input) {
    const output = [];
    const basicEnd = Math.max(input.lastIndexOf(DELIMITER), 0);
    for (let j = 0; j < basicEnd; j++) {
        const code = input.charCodeAt(j);
        if (code >= 0x80) {
            fail("not-basic");
        }
        output.push(code);
    }
    let n = INITIAL_N;
    let bias = INITIAL_BIAS;
    let i = 0;
    let index = basicEnd > 0 ? basicEnd + 1 : 0;
    while (index < input.length) {
        const previous = i;
        let weight = 1;
        for (let k = BASE; ; k += BASE) {
            if (index >= input.length) {
                fail("invalid-input");
            }
            const digit = basicToDigit(input.charCodeAt(index++));
            if (digit >= BASE) {
                fail("invalid-input");
            }
            if (digit > Math.floor((MAX_INT - i) / weight)) {
                fail("overflow");
            }
            i += digit * weight;
            const t = threshold(k, bias);
            if (digit < t) {
                break;
            }
            if (weight > Math.floor(MAX_INT / (BASE - t))) {
                fail("overflow");
            }
            weight *= BASE - t;
        }
        const length = output.length + 1;
        bias = adapt(i - previous, length, previous === 0);
        if (Math.floor(i / length) > MAX_INT - n) {
            fail("overflow");
        }
        n += Math.floor(i / length);
        i %= length;
        output.splice(i++, 0, n);
    }
    return String.fromCodePoint(...output);
}

// The variable-length digits of `q` under the current bias (RFC 3492 section 6.3, inner loop).
function encodeDelta(q, bias) {
    let out = "";
    for (let k = BASE; ; k += BASE) {
        const t = threshold(k, bias);
        if (q < t) {
            break;
        }
        out += digitToBasic(t + ((q - t) % (BASE - t)));
        q = Math.floor((q - t) / (BASE - t));
    }
    return out + digitToBasic(q);
}

function encode(input) {
    const codePoints = ucs2decode(input);
    let output = "";
    for (const code of codePoints) {
        if (code < 0x80) {
            output += String.fromCharCode(code);
        }
    }
    const basicLength = output.length;
    let handled = basicLength;
    if (basicLength > 0) {
        output += DELIMITER;
    }
    let n = INITIAL_N;
    let delta = 0;
    let bias = INITIAL_BIAS;
    while (handled < codePoints.length) {
        let next = MAX_INT;
        for (const code of codePoints) {
            if (code >= n && code < next) {
                next = code;
            }
        }
        if (next - n > Math.floor((MAX_INT - delta) / (handled + 1))) {
            fail("overflow");
        }
        delta += (next - n) * (handled + 1);
        n = next;
        for (const code of codePoints) {
            if (code < n && ++delta > MAX_INT) {
                fail("overflow");
            }
            if (code === n) {
                output += encodeDelta(delta, bias);
                bias = adapt(delta, handled + 1, handled === basicLength);
                delta = 0;
                handled++;
            }
        }
        delta++;
        n++;
    }
    return output;
}

// Applies `convert` to each label of a domain, or of the domain part of an e-mail address. Like punycode.js,
// only the text between the first and second "@" is the domain.
function mapDomain(domain, convert) {
    const parts = domain.split("@");
    let prefix = "";
    if (parts.length > 1) {
        prefix = `${parts[0]}@`;
        domain = parts[1];
    }
    return prefix + domain.replace(LABEL_SEPARATORS, ".").split(".").map(convert).join(".");
}

function toASCII(input) {
    return mapDomain(input, (label) => (NON_ASCII.test(label) ? `xn--${encode(label)}` : label));
}

function toUnicode(input) {
    return mapDomain(input, (label) => (PUNYCODE_PREFIX.test(label) ? decode(label.slice(4).toLowerCase()) : label));
}

module.exports = {
    version: "2.1.0",
    ucs2: { decode: ucs2decode, encode: ucs2encode },
    decode,
    encode,
    toASCII,
    toUnicode,
};
