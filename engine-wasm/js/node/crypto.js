// crypto.js: node's `crypto` — hashes and HMAC, symmetric ciphers, key derivation (PBKDF2, HKDF, scrypt),
// randomness, timing-safe comparison, and RSA: KeyObject (PEM, DER, JWK), encryption, signatures and key
// generation. The cryptography is the guest's Rust natives (`native.*`, NATIVES.md); this file checks
// arguments and raises errors as node does, converts encodings, reads and writes PEM armour, DER structure and
// JWK, and turns the natives' OpenSSL reasons into node's errors. Not provided: DH/ECDH, keys other than RSA,
// X509Certificate, encrypted private keys, and the stream interface of Hash, Cipher and Sign objects.

const { Buffer } = require("buffer");
const { codedError, invalidArgType, invalidArgValue, outOfRange, unavailable } = require("internal/errors");

const BUFFER_SOURCE = "of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView";
const DATA = "of type string or an instance of Buffer, TypedArray, or DataView";
const KEY_SOURCE = "of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey";
const HKDF_SOURCE = "of type string or an instance of ArrayBuffer, TypedArray, DataView, or Buffer";
const MAX_INT32 = 2 ** 31 - 1;
const MAX_LENGTH = 2 ** 32;
const EMPTY = new Uint8Array(0);
const textEncoder = new TextEncoder();

// ---------------------------------------------------------------------------------------------------------
// Errors

// An error as node's C++ layer raises it: `code` is a plain property and String(err) shows no "[code]".
function nativeError(Base, code, message) {
    const error = new Base(message);
    if (code !== undefined) {
        error.code = code;
    }
    return error;
}

// OpenSSL's reasons (what the natives throw) with their error number, library and node's code. A reason
// without a code is one node reports with the bare OpenSSL message.
const OPENSSL_REASONS = {
    "bad decrypt": ["1C800064", "Provider routines", "ERR_OSSL_BAD_DECRYPT"],
    "wrong final block length": ["1C80006B", "Provider routines", "ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH"],
    "illegal or unsupported padding mode": ["1C8000A5", "Provider routines", "ERR_OSSL_ILLEGAL_OR_UNSUPPORTED_PADDING_MODE"],
    "invalid padding mode": ["1C8000A8", "Provider routines", "ERR_OSSL_INVALID_PADDING_MODE"],
    "invalid salt length": ["1C800070", "Provider routines", "ERR_OSSL_INVALID_SALT_LENGTH"],
    "digest not allowed": ["1C8000AE", "Provider routines", "ERR_OSSL_DIGEST_NOT_ALLOWED"],
    "key size too small": ["1C8000AB", "Provider routines"],
    "data too large for key size": ["0200006E", "rsa routines", "ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_KEY_SIZE"],
    "data too small for key size": ["0200007A", "rsa routines", "ERR_OSSL_RSA_DATA_TOO_SMALL_FOR_KEY_SIZE"],
    "data too large for modulus": ["02000084", "rsa routines", "ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_MODULUS"],
    "data greater than mod len": ["0200006C", "rsa routines", "ERR_OSSL_RSA_DATA_GREATER_THAN_MOD_LEN"],
    "oaep decoding error": ["02000079", "rsa routines", "ERR_OSSL_RSA_OAEP_DECODING_ERROR"],
    "invalid padding": ["0200008A", "rsa routines", "ERR_OSSL_RSA_INVALID_PADDING"],
    "digest too big for rsa key": ["02000070", "rsa routines", "ERR_OSSL_RSA_DIGEST_TOO_BIG_FOR_RSA_KEY"],
    "missing private key": ["020000B3", "rsa routines", "ERR_OSSL_RSA_MISSING_PRIVATE_KEY"],
    "unknown padding type": ["02000076", "rsa routines", "ERR_OSSL_RSA_UNKNOWN_PADDING_TYPE"],
    "pub exponent out of range": ["020000B2", "rsa routines"],
    "not XOF or invalid length": ["030000B2", "digital envelope routines", "ERR_OSSL_EVP_NOT_XOF_OR_INVALID_LENGTH"],
    "unsupported": ["1E08010C", "DECODER routines", "ERR_OSSL_UNSUPPORTED"],
    "wrong tag": ["068000A8", "asn1 encoding routines", "ERR_OSSL_ASN1_WRONG_TAG"],
};

// OpenSSL's whole message, "error:<number>:<library>::<reason>", maybe with a detail in parentheses after it.
const OPENSSL_MESSAGE = /^error:[0-9A-F]{8}:[^:]*::(.*?)(?: \(.*\))?$/;

// node's error for an OpenSSL failure ("error:1C800064:Provider routines::bad decrypt"); the natives may give
// the reason alone or OpenSSL's whole message.
function opensslError(message) {
    const reason = OPENSSL_MESSAGE.exec(message)?.[1] ?? message;
    const known = OPENSSL_REASONS[reason];
    return known === undefined ? new Error(message) : opensslFailure(reason, ...known);
}

function opensslFailure(reason, number, library, code) {
    const error = new Error(`error:${number}:${library}::${reason}`);
    if (code !== undefined) {
        error.library = library;
        error.reason = reason;
        error.code = code;
    }
    return error;
}

// Runs a native operation, turning the OpenSSL reason it throws into node's error.
function openssl(operation) {
    try {
        return operation();
    } catch (error) {
        throw opensslError(error.message);
    }
}

function invalidKeyObjectType(type, expected) {
    return codedError(TypeError, "ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE", `Invalid key object type ${type}, expected ${expected}.`);
}

function invalidState(operation) {
    return codedError(Error, "ERR_CRYPTO_INVALID_STATE", `Invalid state for operation ${operation}`);
}

function invalidDigest(name) {
    return nativeError(TypeError, "ERR_CRYPTO_INVALID_DIGEST", `Invalid digest: ${name}`);
}

// ---------------------------------------------------------------------------------------------------------
// Arguments

function validateString(value, name) {
    if (typeof value !== "string") {
        throw invalidArgType(name, "of type string", value);
    }
}

function validateFunction(value, name) {
    if (typeof value !== "function") {
        throw invalidArgType(name, "of type function", value);
    }
}

function validateObject(value, name) {
    if (value === null || typeof value !== "object") {
        throw invalidArgType(name, "of type object", value);
    }
}

function validateInteger(value, name, min, max) {
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

// A number in [min, max], fractions allowed (node truncates them later).
function validateNumber(value, name, min, max) {
    if (typeof value !== "number") {
        throw invalidArgType(name, "of type number", value);
    }
    if (!(value >= min && value <= max)) {
        throw outOfRange(name, `>= ${min} && <= ${max}`, value);
    }
}

function isArrayBuffer(value) {
    const tag = Object.prototype.toString.call(value);
    return tag === "[object ArrayBuffer]" || tag === "[object SharedArrayBuffer]";
}

// A Uint8Array over the memory of an ArrayBufferView (no copy).
function viewOf(value) {
    return value instanceof Uint8Array ? value : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

function encodeString(string, encoding) {
    if (encoding === undefined || encoding === "utf8" || encoding === "utf-8" || !Buffer.isEncoding(encoding)) {
        return textEncoder.encode(string);
    }
    return Buffer.from(string, encoding);
}

// The bytes of what update() methods take: a string in `encoding` (whole hex digits only) or a view.
function updateBytes(data, encoding) {
    if (typeof data === "string") {
        if (typeof encoding === "string" && encoding.toLowerCase() === "hex" && data.length % 2 !== 0) {
            throw invalidArgValue("encoding", encoding, `is invalid for data of length ${data.length}`);
        }
        return encodeString(data, encoding);
    }
    if (ArrayBuffer.isView(data)) {
        return viewOf(data);
    }
    throw invalidArgType("data", DATA, data);
}

// The bytes of a string (in `encoding`), ArrayBuffer or view.
function sourceBytes(value, name, expected = BUFFER_SOURCE, encoding = undefined) {
    if (typeof value === "string") {
        return encodeString(value, encoding);
    }
    if (ArrayBuffer.isView(value)) {
        return viewOf(value);
    }
    if (isArrayBuffer(value)) {
        return new Uint8Array(value);
    }
    throw invalidArgType(name, expected, value);
}

// The bytes of a secret key: a string, ArrayBuffer, view or secret KeyObject.
function secretKeyBytes(key, name, encoding) {
    if (key instanceof KeyObject) {
        if (key.type !== "secret") {
            throw invalidKeyObjectType(key.type, "secret");
        }
        return keyHandleOf(key).bytes;
    }
    return sourceBytes(key, name, KEY_SOURCE, encoding);
}

// ---------------------------------------------------------------------------------------------------------
// Output

const HEX_PAIRS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

function toHex(bytes) {
    let hex = "";
    for (let i = 0; i < bytes.length; i++) {
        hex += HEX_PAIRS[bytes[i]];
    }
    return hex;
}

// A Buffer over the memory of a native's result (no copy).
function toBuffer(bytes) {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// Bytes in `encoding`, or a Buffer when it is absent, "buffer" or unknown (as digest() does).
function encodeOutput(bytes, encoding) {
    if (encoding === "hex") {
        return toHex(bytes);
    }
    const buffer = toBuffer(bytes);
    if (encoding === undefined || encoding === "buffer" || !Buffer.isEncoding(encoding)) {
        return buffer;
    }
    return buffer.toString(encoding);
}

// Bytes in `encoding`, which must be known unless absent or "buffer" (as sign() does).
function encodeStrict(bytes, encoding) {
    const buffer = toBuffer(bytes);
    return encoding && encoding !== "buffer" ? buffer.toString(encoding) : buffer;
}

// node runs these jobs on its thread pool; here they run at once and only the callback waits.
function callLater(callback, ...args) {
    queueMicrotask(() => callback(...args));
}

// Runs `job` now and gives its result to a node-style callback later: (null, result) or (error).
function settleLater(callback, job) {
    let result;
    try {
        result = job();
    } catch (error) {
        callLater(callback, error);
        return;
    }
    callLater(callback, null, result);
}

// ---------------------------------------------------------------------------------------------------------
// Hashes and HMAC

// By canonical name: output size, the names getHashes() lists, and further names OpenSSL resolves. Names
// match without regard to case.
const DIGESTS = {
    md5: [16, ["RSA-MD5", "md5", "md5WithRSAEncryption", "ssl3-md5"], ["1.2.840.113549.2.5"]],
    sha1: [20, ["RSA-SHA1", "RSA-SHA1-2", "sha1", "sha1WithRSAEncryption", "ssl3-sha1"], ["sha-1", "1.3.14.3.2.26"]],
    sha224: [28, ["RSA-SHA224", "sha224", "sha224WithRSAEncryption"], ["sha-224", "sha2-224", "2.16.840.1.101.3.4.2.4"]],
    sha256: [32, ["RSA-SHA256", "sha256", "sha256WithRSAEncryption"], ["sha-256", "sha2-256", "2.16.840.1.101.3.4.2.1"]],
    sha384: [48, ["RSA-SHA384", "sha384", "sha384WithRSAEncryption"], ["sha-384", "sha2-384", "2.16.840.1.101.3.4.2.2"]],
    sha512: [64, ["RSA-SHA512", "sha512", "sha512WithRSAEncryption"], ["sha-512", "sha2-512", "2.16.840.1.101.3.4.2.3"]],
    "sha512-224": [28, ["RSA-SHA512/224", "sha512-224", "sha512-224WithRSAEncryption"], ["sha-512/224", "sha2-512/224", "2.16.840.1.101.3.4.2.5"]],
    "sha512-256": [32, ["RSA-SHA512/256", "sha512-256", "sha512-256WithRSAEncryption"], ["sha-512/256", "sha2-512/256", "2.16.840.1.101.3.4.2.6"]],
    ripemd160: [20, ["RSA-RIPEMD160", "ripemd", "ripemd160", "ripemd160WithRSA", "rmd160"], ["ripemd-160", "1.3.36.3.2.1"]],
    sm3: [32, ["RSA-SM3", "sm3", "sm3WithRSAEncryption"], ["1.2.156.10197.1.401"]],
    "sha3-224": [28, ["RSA-SHA3-224", "id-rsassa-pkcs1-v1_5-with-sha3-224", "sha3-224"], ["2.16.840.1.101.3.4.2.7"]],
    "sha3-256": [32, ["RSA-SHA3-256", "id-rsassa-pkcs1-v1_5-with-sha3-256", "sha3-256"], ["2.16.840.1.101.3.4.2.8"]],
    "sha3-384": [48, ["RSA-SHA3-384", "id-rsassa-pkcs1-v1_5-with-sha3-384", "sha3-384"], ["2.16.840.1.101.3.4.2.9"]],
    "sha3-512": [64, ["RSA-SHA3-512", "id-rsassa-pkcs1-v1_5-with-sha3-512", "sha3-512"], ["2.16.840.1.101.3.4.2.10"]],
    blake2b512: [64, ["blake2b512"], ["1.3.6.1.4.1.1722.12.2.1.16"]],
    blake2s256: [32, ["blake2s256"], ["1.3.6.1.4.1.1722.12.2.2.8"]],
};

const digestNames = new Map();
for (const [canonical, [, listed, others]] of Object.entries(DIGESTS)) {
    for (const name of [...listed, ...others]) {
        digestNames.set(name.toLowerCase(), canonical);
    }
}

// Whether the natives implement each canonical digest, asked once.
const digestSupport = new Map();

function digestSupported(canonical) {
    let supported = digestSupport.get(canonical);
    if (supported === undefined) {
        try {
            native.hashNew(canonical, undefined);
            supported = true;
        } catch {
            supported = false;
        }
        digestSupport.set(canonical, supported);
    }
    return supported;
}

// The canonical name of digest `name`, or undefined if unknown or not implemented.
function digestOf(name) {
    const canonical = digestNames.get(name) ?? digestNames.get(name.toLowerCase());
    return canonical !== undefined && digestSupported(canonical) ? canonical : undefined;
}

function getHashes() {
    const names = [];
    for (const [canonical, [, listed]] of Object.entries(DIGESTS)) {
        if (digestSupported(canonical)) {
            names.push(...listed);
        }
    }
    return names.sort();
}

// Digests of OpenSSL 3's legacy provider, which node 20 knows but does not load.
const LEGACY_DIGESTS = new Set(["md4", "rsa-md4", "md4withrsaencryption", "mdc2", "rsa-mdc2", "mdc2withrsa", "whirlpool"]);

function hashFinalized() {
    return codedError(Error, "ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
}

// What Hash#copy() passes its constructor: the native state to adopt.
class HashState {
    constructor(handle) {
        this.handle = handle;
    }
}

class Hash {
    #handle;
    #finished = false;

    constructor(algorithm, options) {
        if (algorithm instanceof HashState) {
            this.#handle = algorithm.handle;
            return;
        }
        validateString(algorithm, "algorithm");
        const canonical = digestOf(algorithm);
        if (canonical === undefined) {
            if (LEGACY_DIGESTS.has(algorithm.toLowerCase())) {
                throw opensslFailure("unsupported", "0308010C", "digital envelope routines", "ERR_OSSL_EVP_UNSUPPORTED");
            }
            throw new Error("Digest method not supported");
        }
        const outputLength = options?.outputLength;
        if (outputLength !== undefined) {
            validateInteger(outputLength, "options.outputLength", 0, 2 ** 32 - 1);
            if (outputLength !== DIGESTS[canonical][0]) {
                throw opensslError("not XOF or invalid length");
            }
        }
        this.#handle = native.hashNew(canonical, undefined);
    }

    copy(options) {
        if (this.#finished) {
            throw hashFinalized();
        }
        return new Hash(new HashState(native.hashCopy(this.#handle)), options);
    }

    update(data, inputEncoding) {
        if (this.#finished) {
            throw hashFinalized();
        }
        native.hashUpdate(this.#handle, updateBytes(data, inputEncoding));
        return this;
    }

    digest(outputEncoding) {
        if (this.#finished) {
            throw hashFinalized();
        }
        this.#finished = true;
        return encodeOutput(native.hashDigest(this.#handle), outputEncoding);
    }
}

class Hmac {
    #handle;
    #finished = false;

    constructor(hmac, key, options) {
        validateString(hmac, "hmac");
        const keyBytes = secretKeyBytes(key, "key", options?.encoding);
        const canonical = digestOf(hmac);
        if (canonical === undefined) {
            throw invalidDigest(hmac);
        }
        this.#handle = native.hashNew(canonical, keyBytes);
    }

    update(data, inputEncoding) {
        if (this.#finished) {
            throw hashFinalized();
        }
        native.hashUpdate(this.#handle, updateBytes(data, inputEncoding));
        return this;
    }

    // A second digest() gives an empty result, as node's does.
    digest(outputEncoding) {
        if (this.#finished) {
            return encodeOutput(EMPTY, outputEncoding);
        }
        this.#finished = true;
        return encodeOutput(native.hashDigest(this.#handle), outputEncoding);
    }
}

function createHash(algorithm, options) {
    return new Hash(algorithm, options);
}

function createHmac(hmac, key, options) {
    return new Hmac(hmac, key, options);
}

// node 20.12's one-shot digest.
function hash(algorithm, data, outputEncoding = "hex") {
    validateString(algorithm, "algorithm");
    if (typeof data !== "string" && !ArrayBuffer.isView(data)) {
        throw invalidArgType("input", DATA, data);
    }
    validateString(outputEncoding, "outputEncoding");
    if (outputEncoding !== "buffer" && !Buffer.isEncoding(outputEncoding)) {
        throw invalidArgValue("outputEncoding", outputEncoding);
    }
    const canonical = digestOf(algorithm);
    if (canonical === undefined) {
        throw new Error(`Digest method ${algorithm} is not supported`);
    }
    const handle = native.hashNew(canonical, undefined);
    native.hashUpdate(handle, typeof data === "string" ? textEncoder.encode(data) : viewOf(data));
    return encodeOutput(native.hashDigest(handle), outputEncoding);
}

// ---------------------------------------------------------------------------------------------------------
// Ciphers

// OpenSSL's numeric ids of the canonical ciphers, which getCipherInfo() reports and accepts.
const CIPHER_NIDS = {
    "aes-128-ecb": 418, "aes-128-cbc": 419, "aes-128-ofb": 420, "aes-128-cfb": 421,
    "aes-192-ecb": 422, "aes-192-cbc": 423, "aes-192-ofb": 424, "aes-192-cfb": 425,
    "aes-256-ecb": 426, "aes-256-cbc": 427, "aes-256-ofb": 428, "aes-256-cfb": 429,
    "aes-128-gcm": 895, "aes-192-gcm": 898, "aes-256-gcm": 901,
    "aes-128-ctr": 904, "aes-192-ctr": 905, "aes-256-ctr": 906,
    "des-ede3-cbc": 44, "des-ede3": 33, "des-cbc": 31, "des-ecb": 29,
};

// Other names of canonical ciphers, as getCiphers() spells them (they match without regard to case).
const CIPHER_ALIASES = {
    aes128: "aes-128-cbc", aes192: "aes-192-cbc", aes256: "aes-256-cbc", des3: "des-ede3-cbc", "des-ede3-ecb": "des-ede3",
    "id-aes128-GCM": "aes-128-gcm", "id-aes192-GCM": "aes-192-gcm", "id-aes256-GCM": "aes-256-gcm",
};

const cipherAliases = new Map(Object.entries(CIPHER_ALIASES).map(([alias, canonical]) => [alias.toLowerCase(), canonical]));
cipherAliases.set("des", "des-cbc");
const cipherInfos = new Map();

// The canonical name and native info of cipher `name`, or undefined if not implemented.
function cipherOf(name) {
    const lower = name.toLowerCase();
    const canonical = cipherAliases.get(lower) ?? lower;
    let info = cipherInfos.get(canonical);
    if (info === undefined && Object.hasOwn(CIPHER_NIDS, canonical)) {
        info = native.cipherInfo(canonical);
        cipherInfos.set(canonical, info);
    }
    return info && { name: canonical, info };
}

// Single DES works but is not listed: node 20 has it only in OpenSSL 3's legacy provider, which it does not load.
function getCiphers() {
    const names = Object.keys(CIPHER_NIDS).filter((name) => cipherOf(name) !== undefined && name !== "des-cbc" && name !== "des-ecb");
    for (const [alias, canonical] of Object.entries(CIPHER_ALIASES)) {
        if (cipherOf(canonical) !== undefined) {
            names.push(alias);
        }
    }
    return names.sort();
}

function getCipherInfo(nameOrNid, options) {
    if (typeof nameOrNid !== "string" && typeof nameOrNid !== "number") {
        throw invalidArgType("nameOrNid", "one of type string or number", nameOrNid);
    }
    if (options !== undefined) {
        validateObject(options, "options");
    }
    const { keyLength, ivLength } = options ?? {};
    if (keyLength !== undefined) {
        validateInteger(keyLength, "options.keyLength", -(2 ** 31), MAX_INT32);
    }
    if (ivLength !== undefined) {
        validateInteger(ivLength, "options.ivLength", -(2 ** 31), MAX_INT32);
    }
    const name = typeof nameOrNid === "number" ? Object.keys(CIPHER_NIDS).find((cipher) => CIPHER_NIDS[cipher] === nameOrNid) : nameOrNid;
    const cipher = name === undefined ? undefined : cipherOf(name);
    if (cipher === undefined || (keyLength !== undefined && keyLength !== cipher.info.keyLength)) {
        return undefined;
    }
    const { mode, blockSize } = cipher.info;
    const result = { mode, name: mode === "gcm" ? `id-${cipher.name.replace("-", "")}` : cipher.name, nid: CIPHER_NIDS[cipher.name], blockSize };
    if (mode !== "ecb") {
        if (ivLength !== undefined && !(mode === "gcm" ? ivLength >= 1 && ivLength <= 128 : ivLength === cipher.info.ivLength)) {
            return undefined;
        }
        result.ivLength = ivLength ?? cipher.info.ivLength;
    } else if (ivLength !== undefined && ivLength !== 0) {
        return undefined;
    }
    result.keyLength = cipher.info.keyLength;
    return result;
}

const GCM_TAG_LENGTHS = new Set([4, 8, 12, 13, 14, 15, 16]);

function invalidTagLength(length) {
    return nativeError(TypeError, "ERR_CRYPTO_INVALID_AUTH_TAG", `Invalid authentication tag length: ${length}`);
}

const PHASE_FRESH = 0;
const PHASE_UPDATING = 1;
const PHASE_FINISHED = 2;

// The state behind a Cipheriv or Decipheriv.
class CipherState {
    constructor(cipher, key, iv, options, decrypt) {
        validateString(cipher, "cipher");
        const keyBytes = secretKeyBytes(key, "key", options?.encoding);
        const ivBytes = iv === null ? null : sourceBytes(iv, "iv");
        const found = cipherOf(cipher);
        if (found === undefined) {
            throw nativeError(Error, "ERR_CRYPTO_UNKNOWN_CIPHER", "Unknown cipher");
        }
        const { info } = found;
        if (keyBytes.length !== info.keyLength) {
            throw nativeError(RangeError, "ERR_CRYPTO_INVALID_KEYLEN", "Invalid key length");
        }
        if (!CipherState.#ivFits(info, ivBytes)) {
            throw nativeError(TypeError, "ERR_CRYPTO_INVALID_IV", "Invalid initialization vector");
        }
        this.gcm = info.mode === "gcm";
        this.tagLength = this.gcm ? CipherState.#tagLengthOption(options?.authTagLength) : undefined;
        this.decrypt = decrypt;
        this.handle = native.cipherNew(found.name, keyBytes, ivBytes ?? EMPTY, decrypt);
        this.phase = PHASE_FRESH;
        this.autoPadding = true;
        this.authTag = undefined;
        this.decoder = undefined;
        this.decoderEncoding = undefined;
    }

    static #ivFits(info, iv) {
        if (info.mode === "ecb") {
            return iv === null || iv.length === 0;
        }
        if (iv === null) {
            return false;
        }
        return info.mode === "gcm" ? iv.length >= 1 && iv.length <= 128 : iv.length === info.ivLength;
    }

    static #tagLengthOption(length) {
        if (length === undefined) {
            return undefined;
        }
        if (!Number.isInteger(length)) {
            throw invalidArgValue("options.authTagLength", length);
        }
        if (!GCM_TAG_LENGTHS.has(length)) {
            throw invalidTagLength(length);
        }
        return length;
    }

    update(data, inputEncoding, outputEncoding) {
        const bytes = updateBytes(data, inputEncoding);
        if (this.phase === PHASE_FINISHED) {
            throw new Error("Trying to add data in unsupported state");
        }
        this.phase = PHASE_UPDATING;
        const output = native.cipherUpdate(this.handle, bytes);
        if (outputEncoding && outputEncoding !== "buffer") {
            return this.#decoderFor(outputEncoding).write(toBuffer(output));
        }
        return toBuffer(output);
    }

    final(outputEncoding) {
        if (this.phase === PHASE_FINISHED) {
            throw nativeError(Error, "ERR_CRYPTO_INVALID_STATE", "Invalid state");
        }
        this.phase = PHASE_FINISHED;
        if (this.gcm && this.decrypt && this.authTag === undefined) {
            throw new Error("Unsupported state or unable to authenticate data");
        }
        let output;
        try {
            output = native.cipherFinal(this.handle, this.autoPadding);
        } catch (error) {
            if (error.message === "unable to authenticate") {
                throw new Error("Unsupported state or unable to authenticate data");
            }
            throw opensslError(error.message);
        }
        if (this.gcm && !this.decrypt) {
            this.authTag = native.cipherGetAuthTag(this.handle);
        }
        if (outputEncoding && outputEncoding !== "buffer") {
            return this.#decoderFor(outputEncoding).end(toBuffer(output));
        }
        return toBuffer(output);
    }

    // Text output goes through one StringDecoder, so that characters split between calls come out whole.
    #decoderFor(encoding) {
        const { StringDecoder } = require("string_decoder");
        if (this.decoder === undefined) {
            this.decoder = new StringDecoder(encoding);
            this.decoderEncoding = encoding;
        } else if (encoding !== this.decoderEncoding && new StringDecoder(encoding).encoding !== this.decoder.encoding) {
            throw codedError(Error, "ERR_INTERNAL_ASSERTION", "Cannot change encoding\nThis is caused by either a bug in Node.js or " +
                "incorrect usage of Node.js internals.\nPlease open an issue with this stack trace at https://github.com/nodejs/node/issues\n");
        }
        return this.decoder;
    }

    setAutoPadding(autoPadding) {
        if (this.phase === PHASE_FINISHED) {
            throw invalidState("setAutoPadding");
        }
        this.autoPadding = Boolean(autoPadding);
        native.cipherSetAutoPadding(this.handle, this.autoPadding);
    }

    setAAD(buffer, options) {
        const bytes = sourceBytes(buffer, "aadbuf", BUFFER_SOURCE, options?.encoding);
        if (!this.gcm || this.phase !== PHASE_FRESH) {
            throw invalidState("setAAD");
        }
        native.cipherSetAAD(this.handle, bytes);
    }

    getAuthTag() {
        if (this.authTag === undefined) {
            throw invalidState("getAuthTag");
        }
        return Buffer.from(this.authTag.subarray(0, this.tagLength ?? 16));
    }

    setAuthTag(tag, encoding) {
        const bytes = sourceBytes(tag, "buffer", BUFFER_SOURCE, encoding);
        if (!this.gcm || this.phase === PHASE_FINISHED || this.authTag !== undefined) {
            throw invalidState("setAuthTag");
        }
        if (this.tagLength === undefined ? !GCM_TAG_LENGTHS.has(bytes.length) : bytes.length !== this.tagLength) {
            throw invalidTagLength(bytes.length);
        }
        this.authTag = bytes;
        native.cipherSetAuthTag(this.handle, bytes);
    }
}

// What Cipheriv and Decipheriv share; each adds its own side of the GCM tag. The two stay distinct classes, as
// in node (`instanceof` tells them apart). The state is kept where page code cannot reach it.
const cipherStates = new WeakMap();

function cipherState(cipher) {
    return cipherStates.get(cipher);
}

class CipherBase {
    #state;

    constructor(cipher, key, iv, options, decrypt) {
        this.#state = new CipherState(cipher, key, iv, options, decrypt);
        cipherStates.set(this, this.#state);
    }

    update(data, inputEncoding, outputEncoding) {
        return this.#state.update(data, inputEncoding, outputEncoding);
    }

    final(outputEncoding) {
        return this.#state.final(outputEncoding);
    }

    setAutoPadding(autoPadding) {
        this.#state.setAutoPadding(autoPadding);
        return this;
    }

    setAAD(buffer, options) {
        this.#state.setAAD(buffer, options);
        return this;
    }
}

class Cipheriv extends CipherBase {
    constructor(cipher, key, iv, options) {
        super(cipher, key, iv, options, false);
    }

    getAuthTag() {
        return cipherState(this).getAuthTag();
    }
}

class Decipheriv extends CipherBase {
    constructor(cipher, key, iv, options) {
        super(cipher, key, iv, options, true);
    }

    setAuthTag(tagbuf, encoding) {
        cipherState(this).setAuthTag(tagbuf, encoding);
        return this;
    }
}

function createCipheriv(cipher, key, iv, options) {
    return new Cipheriv(cipher, key, iv, options);
}

function createDecipheriv(cipher, key, iv, options) {
    return new Decipheriv(cipher, key, iv, options);
}

// OpenSSL's EVP_BytesToKey with MD5, one round and no salt: how the deprecated createCipher() turns a
// password into a key and IV.
function bytesToKey(password, keyLength, ivLength) {
    const derived = new Uint8Array(keyLength + ivLength);
    let filled = 0;
    let previous = EMPTY;
    while (filled < derived.length) {
        const handle = native.hashNew("md5", undefined);
        native.hashUpdate(handle, previous);
        native.hashUpdate(handle, password);
        previous = native.hashDigest(handle);
        const take = Math.min(previous.length, derived.length - filled);
        derived.set(previous.subarray(0, take), filled);
        filled += take;
    }
    return [derived.subarray(0, keyLength), derived.subarray(keyLength)];
}

function passwordCipher(Class, cipher, password, options) {
    validateString(cipher, "cipher");
    const passwordBytes = sourceBytes(password, "password");
    const found = cipherOf(cipher);
    if (found === undefined) {
        throw nativeError(Error, "ERR_CRYPTO_UNKNOWN_CIPHER", "Unknown cipher");
    }
    const [key, iv] = bytesToKey(passwordBytes, found.info.keyLength, found.info.ivLength);
    return new Class(found.name, key, found.info.mode === "ecb" ? null : iv, options);
}

function createCipher(cipher, password, options) {
    return passwordCipher(Cipheriv, cipher, password, options);
}

function createDecipher(cipher, password, options) {
    return passwordCipher(Decipheriv, cipher, password, options);
}

// ---------------------------------------------------------------------------------------------------------
// Key derivation

function kdfDigest(digest) {
    validateString(digest, "digest");
    const canonical = digestOf(digest);
    if (canonical === undefined) {
        throw invalidDigest(digest);
    }
    return canonical;
}

function pbkdf2Job(password, salt, iterations, keylen, digest) {
    const passwordBytes = sourceBytes(password, "password");
    const saltBytes = sourceBytes(salt, "salt");
    validateInteger(iterations, "iterations", 1, MAX_INT32);
    validateInteger(keylen, "keylen", 0, MAX_INT32);
    const canonical = kdfDigest(digest);
    return () => toBuffer(native.pbkdf2Node(canonical, passwordBytes, saltBytes, iterations, keylen));
}

function pbkdf2Sync(password, salt, iterations, keylen, digest) {
    return pbkdf2Job(password, salt, iterations, keylen, digest)();
}

function pbkdf2(password, salt, iterations, keylen, digest, callback) {
    const job = pbkdf2Job(password, salt, iterations, keylen, digest);
    validateFunction(callback, "callback");
    settleLater(callback, job);
}

// An ArrayBuffer holding exactly `bytes`.
function ownArrayBuffer(bytes) {
    if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) {
        return bytes.buffer;
    }
    return new Uint8Array(bytes).buffer;
}

function hkdfJob(digest, ikm, salt, info, keylen) {
    const canonical = kdfDigest(digest);
    const ikmBytes = ikm instanceof KeyObject ? secretKeyBytes(ikm, "ikm") :
        sourceBytes(ikm, "ikm", "of type string or an instance of SecretKeyObject, ArrayBuffer, TypedArray, DataView, or Buffer");
    const saltBytes = sourceBytes(salt, "salt", HKDF_SOURCE);
    const infoBytes = sourceBytes(info, "info", HKDF_SOURCE);
    validateInteger(keylen, "length", 0, MAX_LENGTH);
    if (infoBytes.length > 1024) {
        throw outOfRange("info", "must not contain more than 1024 bytes", infoBytes.length);
    }
    if (keylen > 255 * DIGESTS[canonical][0]) {
        throw nativeError(RangeError, "ERR_CRYPTO_INVALID_KEYLEN", "Invalid key length");
    }
    return () => ownArrayBuffer(native.hkdf(canonical, ikmBytes, saltBytes, infoBytes, keylen));
}

function hkdfSync(digest, ikm, salt, info, keylen) {
    return hkdfJob(digest, ikm, salt, info, keylen)();
}

function hkdf(digest, ikm, salt, info, keylen, callback) {
    const job = hkdfJob(digest, ikm, salt, info, keylen);
    validateFunction(callback, "callback");
    settleLater(callback, job);
}

const SCRYPT_DEFAULTS = { N: 16384, r: 8, p: 1, maxmem: 32 << 20 };

// One scrypt parameter given under either of its names; 0 stands for the default.
function scryptOption(options, name, alias, max) {
    const value = options[name];
    const aliased = alias === undefined ? undefined : options[alias];
    if (value !== undefined && aliased !== undefined) {
        throw codedError(Error, "ERR_CRYPTO_SCRYPT_INVALID_PARAMETER", "Invalid scrypt parameter");
    }
    const given = value !== undefined ? value : aliased;
    if (given === undefined) {
        return SCRYPT_DEFAULTS[name];
    }
    validateInteger(given, value !== undefined ? name : alias, 0, max);
    return given || SCRYPT_DEFAULTS[name];
}

function invalidScryptParams(detail) {
    return nativeError(RangeError, "ERR_CRYPTO_INVALID_SCRYPT_PARAMS", detail ? `Invalid scrypt params: ${detail}` : "Invalid scrypt params");
}

// OpenSSL's limits on scrypt: N a power of two above 1 and below 2^(16r), p*r < 2^30, and the memory it
// needs (128 * r * (N + 2 + p) bytes) within maxmem.
function checkScryptParams(N, r, p, maxmem) {
    if (N < 2 || (N & (N - 1)) !== 0) {
        throw invalidScryptParams();
    }
    const memoryError = "error:030000AC:digital envelope routines::memory limit exceeded";
    if ((16 * r < 64 && N >= 2 ** (16 * r)) || p > ((2 ** 30) - 1) / r || 128 * r * (N + 2 + p) > maxmem) {
        throw invalidScryptParams(memoryError);
    }
}

function scryptJob(password, salt, keylen, options) {
    const passwordBytes = sourceBytes(password, "password");
    const saltBytes = sourceBytes(salt, "salt");
    validateInteger(keylen, "keylen", 0, MAX_INT32);
    const given = options === null || typeof options !== "object" ? {} : options;
    const N = scryptOption(given, "N", "cost", 2 ** 32 - 1);
    const r = scryptOption(given, "r", "blockSize", 2 ** 32 - 1);
    const p = scryptOption(given, "p", "parallelization", 2 ** 32 - 1);
    const maxmem = scryptOption(given, "maxmem", undefined, Number.MAX_SAFE_INTEGER);
    checkScryptParams(N, r, p, maxmem);
    return () => toBuffer(native.scrypt(passwordBytes, saltBytes, keylen, N, r, p));
}

function scryptSync(password, salt, keylen, options) {
    return scryptJob(password, salt, keylen, options)();
}

function scrypt(password, salt, keylen, options, callback) {
    if (typeof options === "function") {
        callback = options;
        options = undefined;
    }
    const job = scryptJob(password, salt, keylen, options);
    validateFunction(callback, "callback");
    settleLater(callback, job);
}

// ---------------------------------------------------------------------------------------------------------
// Randomness

function randomBytes(size, callback) {
    validateNumber(size, "size", 0, MAX_INT32);
    if (callback !== undefined) {
        validateFunction(callback, "callback");
    }
    const buffer = Buffer.allocUnsafe(Math.trunc(size));
    native.randomFill(viewOf(buffer));
    if (callback === undefined) {
        return buffer;
    }
    callLater(callback, null, buffer);
    return undefined;
}

// The bytes of `buffer` that randomFill(Sync) fills: offset and size count its elements.
function fillRange(buffer, offset, size) {
    if (!ArrayBuffer.isView(buffer) && !isArrayBuffer(buffer)) {
        throw invalidArgType("buf", "an instance of ArrayBuffer or ArrayBufferView", buffer);
    }
    const bytes = ArrayBuffer.isView(buffer) ? viewOf(buffer) : new Uint8Array(buffer);
    const elementSize = buffer.BYTES_PER_ELEMENT ?? 1;
    if (typeof offset !== "number") {
        throw invalidArgType("offset", "of type number", offset);
    }
    const start = offset * elementSize;
    if (!(start >= 0 && start <= bytes.length)) {
        throw outOfRange("offset", `>= 0 && <= ${bytes.length}`, start);
    }
    let length = bytes.length - start;
    if (size !== undefined) {
        validateNumber(size, "size", 0, MAX_INT32);
        length = size * elementSize;
        if (start + length > bytes.length) {
            throw outOfRange("size + offset", `<= ${bytes.length}`, start + length);
        }
    }
    return bytes.subarray(Math.trunc(start), Math.trunc(start + length));
}

function randomFillSync(buffer, offset = 0, size = undefined) {
    const range = fillRange(buffer, offset, size);
    native.randomFill(range);
    return buffer;
}

function randomFill(buffer, offset, size, callback) {
    if (typeof offset === "function") {
        [callback, offset, size] = [offset, 0, undefined];
    } else if (typeof size === "function") {
        [callback, size] = [size, undefined];
    }
    const range = fillRange(buffer, offset ?? 0, size);
    validateFunction(callback, "callback");
    native.randomFill(range);
    callLater(callback, null, buffer);
}

// randomInt draws 48-bit numbers from a pool of random bytes and rejects those past the largest multiple
// of the range, so every result is equally likely.
const RANDOM_LIMIT = 2 ** 48;
const randomPool = new Uint8Array(6 * 128);
let randomPoolOffset = randomPool.length;

function random48() {
    if (randomPoolOffset === randomPool.length) {
        native.randomFill(randomPool);
        randomPoolOffset = 0;
    }
    const b = randomPool;
    const i = randomPoolOffset;
    randomPoolOffset += 6;
    return (b[i] * 2 ** 40) + (b[i + 1] * 2 ** 32) + (((b[i + 2] << 24) | (b[i + 3] << 16) | (b[i + 4] << 8) | b[i + 5]) >>> 0);
}

function randomInt(min, max, callback) {
    if (max === undefined || typeof max === "function") {
        callback = max;
        max = min;
        min = 0;
    }
    if (!Number.isSafeInteger(min)) {
        throw invalidArgType("min", "a safe integer", min);
    }
    if (!Number.isSafeInteger(max)) {
        throw invalidArgType("max", "a safe integer", max);
    }
    if (max <= min) {
        throw outOfRange("max", `greater than the value of "min" (${min})`, max);
    }
    const range = max - min;
    if (range >= RANDOM_LIMIT) {
        throw outOfRange("max - min", `<= ${RANDOM_LIMIT - 1}`, range);
    }
    if (callback !== undefined) {
        validateFunction(callback, "callback");
    }
    const limit = RANDOM_LIMIT - (RANDOM_LIMIT % range);
    let value = random48();
    while (value >= limit) {
        value = random48();
    }
    const result = min + (value % range);
    if (callback === undefined) {
        return result;
    }
    callLater(callback, undefined, result);
    return undefined;
}

function randomUUID(options) {
    if (options !== undefined) {
        validateObject(options, "options");
        if (options.disableEntropyCache !== undefined && typeof options.disableEntropyCache !== "boolean") {
            throw invalidArgType("options.disableEntropyCache", "of type boolean", options.disableEntropyCache);
        }
    }
    return globalThis.crypto.randomUUID();
}

function getRandomValues(array) {
    return globalThis.crypto.getRandomValues(array);
}

function timingSafeEqual(buf1, buf2) {
    const [a, b] = [[buf1, "buf1"], [buf2, "buf2"]].map(([value, name]) => {
        if (ArrayBuffer.isView(value)) {
            return viewOf(value);
        }
        if (isArrayBuffer(value)) {
            return new Uint8Array(value);
        }
        throw nativeError(TypeError, "ERR_INVALID_ARG_TYPE", `The "${name}" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.`);
    });
    if (a.length !== b.length) {
        throw nativeError(RangeError, "ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH", "Input buffers must have the same byte length");
    }
    let difference = 0;
    for (let i = 0; i < a.length; i++) {
        difference |= a[i] ^ b[i];
    }
    return difference === 0;
}

// ---------------------------------------------------------------------------------------------------------
// DER: just enough to read and write RSA key structures.

const DER_INTEGER = 0x02;
const DER_BIT_STRING = 0x03;
const DER_OCTET_STRING = 0x04;
const DER_OID = 0x06;
const DER_SEQUENCE = 0x30;

// The element at `offset`: its tag and where its contents start and end. Throws on malformed input.
function derElement(bytes, offset) {
    if (offset + 2 > bytes.length) {
        throw new RangeError("truncated DER");
    }
    let length = bytes[offset + 1];
    let start = offset + 2;
    if (length & 0x80) {
        const count = length & 0x7f;
        if (count === 0 || count > 4 || start + count > bytes.length) {
            throw new RangeError("bad DER length");
        }
        length = 0;
        for (let i = 0; i < count; i++) {
            length = length * 256 + bytes[start + i];
        }
        start += count;
    }
    if (start + length > bytes.length) {
        throw new RangeError("truncated DER");
    }
    return { tag: bytes[offset], start, end: start + length };
}

function derChildren(bytes, outer) {
    const children = [];
    for (let offset = outer.start; offset < outer.end;) {
        const child = derElement(bytes, offset);
        children.push(child);
        offset = child.end;
    }
    return children;
}

function derEncode(tag, contents) {
    const length = contents.length;
    const header = length < 0x80 ? [tag, length] : length < 0x100 ? [tag, 0x81, length] : length < 0x10000 ?
        [tag, 0x82, length >> 8, length & 0xff] : [tag, 0x83, length >> 16, (length >> 8) & 0xff, length & 0xff];
    const out = new Uint8Array(header.length + length);
    out.set(header);
    out.set(contents, header.length);
    return out;
}

function concatBytes(parts) {
    const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of parts) {
        out.set(part, offset);
        offset += part.length;
    }
    return out;
}

// A DER INTEGER of the unsigned big-endian `magnitude`.
function derUnsigned(magnitude) {
    let start = 0;
    while (start < magnitude.length - 1 && magnitude[start] === 0) {
        start++;
    }
    const digits = magnitude.subarray(start);
    return derEncode(DER_INTEGER, digits.length === 0 || digits[0] & 0x80 ? concatBytes([new Uint8Array([0]), digits]) : digits);
}

// The unsigned big-endian magnitude of a DER INTEGER element.
function derMagnitude(bytes, element) {
    let start = element.start;
    while (start < element.end - 1 && bytes[start] === 0) {
        start++;
    }
    return bytes.subarray(start, element.end);
}

// Key algorithms by the hex of their OID, for saying which unsupported key was given.
const RSA_OID = "2a864886f70d010101";
const KEY_ALGORITHMS = {
    "2a8648ce3d0201": "EC", "2a864886f70d01010a": "RSA-PSS", "2a8648ce380401": "DSA", "2b6570": "Ed25519", "2b6571": "Ed448",
    "2b656e": "X25519", "2b656f": "X448",
};

// The elements of the SEQUENCE that `bytes` is.
function sequenceElements(bytes) {
    const top = derElement(bytes, 0);
    if (top.tag !== DER_SEQUENCE) {
        throw new RangeError("malformed DER");
    }
    return derChildren(bytes, top);
}

// The modulus of an RSA key's DER in `format` (SPKI and PKCS#8 wrap a PKCS#1 key), checking the structure
// on the way: throws RangeError for malformed DER, or `unavailable` for a key of another algorithm.
function rsaModulus(der, format) {
    let key = der;
    if (format === "spki" || format === "pkcs8") {
        const elements = sequenceElements(der);
        const [algorithm, wrapped] = format === "spki" ? elements : elements.slice(1);
        const oid = algorithm?.tag === DER_SEQUENCE ? derChildren(der, algorithm)[0] : undefined;
        if (oid?.tag !== DER_OID || wrapped?.tag !== (format === "spki" ? DER_BIT_STRING : DER_OCTET_STRING)) {
            throw new RangeError("malformed DER");
        }
        const hex = toHex(der.subarray(oid.start, oid.end));
        if (hex !== RSA_OID) {
            throw unavailable(`${KEY_ALGORITHMS[hex] ?? "Non-RSA"} keys`);
        }
        // A BIT STRING starts with its count of unused bits.
        key = der.subarray(wrapped.start + (format === "spki" ? 1 : 0), wrapped.end);
    }
    const integers = sequenceElements(key);
    const isPublic = format === "spki" || format === "pkcs1-public";
    if (integers.length < (isPublic ? 2 : 9) || integers.some((element) => element.tag !== DER_INTEGER)) {
        throw new RangeError("malformed DER");
    }
    return derMagnitude(key, integers[isPublic ? 0 : 1]);
}

function bitLength(magnitude) {
    return magnitude.length === 0 ? 0 : (magnitude.length - 1) * 8 + (32 - Math.clz32(magnitude[0]));
}

// ---------------------------------------------------------------------------------------------------------
// Keys

// A secret key's bytes.
class SecretKey {
    constructor(bytes) {
        this.bytes = bytes;
    }
}

// An RSA key as DER in `format` (spki, pkcs1-public, pkcs8, pkcs1-private); `source` (pem, der, jwk) picks
// node's error for a key that does not decode. Throws as rsaModulus does.
class RsaKey {
    constructor(der, format, source) {
        this.der = der;
        this.format = format;
        this.source = source;
        this.modulus = rsaModulus(der, format);
        this.modulusBits = bitLength(this.modulus);
        this.size = Math.ceil(this.modulusBits / 8);
        this.cachedDetails = undefined;
    }

    get isPrivate() {
        return PRIVATE_FORMATS.has(this.format);
    }

    // native.rsaKeyDetails, which also proves the key decodes.
    details() {
        if (this.cachedDetails === undefined) {
            try {
                this.cachedDetails = native.rsaKeyDetails(this.der, this.format);
            } catch {
                throw keyDecodeError(this.source);
            }
        }
        return this.cachedDetails;
    }

    // The public half, as its own key.
    publicKey() {
        return this.isPrivate ? new RsaKey(this.details().publicDer, "spki", this.source) : this;
    }
}

function keyDecodeError(source) {
    return opensslError(source === "der" ? "wrong tag" : "unsupported");
}

let keyHandleOf;

class KeyObject {
    #type;
    #handle;

    constructor(type, handle) {
        if (type !== "secret" && type !== "public" && type !== "private") {
            throw invalidArgValue("type", type);
        }
        if (!(handle instanceof SecretKey || handle instanceof RsaKey)) {
            throw invalidArgType("handle", "of type object", handle);
        }
        this.#type = type;
        this.#handle = handle;
    }

    static {
        keyHandleOf = (key) => key.#handle;
    }

    get type() {
        return this.#type;
    }

    equals(otherKeyObject) {
        if (!(otherKeyObject instanceof KeyObject)) {
            throw invalidArgType("otherKeyObject", "an instance of KeyObject", otherKeyObject);
        }
        if (otherKeyObject.type !== this.#type) {
            return false;
        }
        const mine = keyIdentity(this.#type, this.#handle);
        const theirs = keyIdentity(this.#type, otherKeyObject.#handle);
        return mine.length === theirs.length && timingSafeEqual(mine, theirs);
    }
}

Object.defineProperty(KeyObject.prototype, Symbol.toStringTag, { value: "KeyObject", configurable: true });

// The bytes two equal keys share: a secret's bytes, the SPKI or PKCS#8 DER of an RSA key.
function keyIdentity(type, handle) {
    if (type === "secret") {
        return handle.bytes;
    }
    const details = handle.details();
    return type === "public" ? details.publicDer : details.privateDer;
}

class SecretKeyObject extends KeyObject {
    constructor(handle) {
        super("secret", handle);
    }

    get symmetricKeySize() {
        return keyHandleOf(this).bytes.length;
    }

    export(options) {
        const bytes = keyHandleOf(this).bytes;
        if (options !== undefined) {
            validateObject(options, "options");
            if (options.format === "jwk") {
                return { kty: "oct", k: Buffer.from(bytes).toString("base64url") };
            }
            if (options.format !== undefined && options.format !== "buffer") {
                throw invalidArgValue("options.format", options.format, "must be one of: undefined, 'buffer', 'jwk'");
            }
        }
        return Buffer.from(bytes);
    }
}

class AsymmetricKeyObject extends KeyObject {
    #details;

    get asymmetricKeyType() {
        return "rsa";
    }

    get asymmetricKeyDetails() {
        if (this.#details === undefined) {
            const { modulusLength, publicExponent } = keyHandleOf(this).details();
            this.#details = { modulusLength, publicExponent: BigInt(publicExponent) };
        }
        return this.#details;
    }
}

class PublicKeyObject extends AsymmetricKeyObject {
    constructor(handle) {
        super("public", handle);
    }

    export(options) {
        validateObject(options, "options");
        const format = exportFormat(options.format);
        const details = keyHandleOf(this).details();
        if (format === "jwk") {
            return rsaJwk(details.pkcs1Der, false);
        }
        if (options.type === "spki") {
            return writeKey(details.publicDer, "PUBLIC KEY", format);
        }
        if (options.type === "pkcs1") {
            return writeKey(details.pkcs1Der, "RSA PUBLIC KEY", format);
        }
        throw invalidArgValue("options.type", options.type);
    }
}

class PrivateKeyObject extends AsymmetricKeyObject {
    constructor(handle) {
        super("private", handle);
    }

    export(options) {
        validateObject(options, "options");
        const format = exportFormat(options.format);
        const details = keyHandleOf(this).details();
        if (format === "jwk") {
            return rsaJwk(details.pkcs1Der, true);
        }
        if (options.cipher !== undefined || options.passphrase !== undefined) {
            throw unavailable("Encrypting private keys");
        }
        if (options.type === "pkcs8") {
            return writeKey(details.privateDer, "PRIVATE KEY", format);
        }
        if (options.type === "pkcs1") {
            return writeKey(details.pkcs1Der, "RSA PRIVATE KEY", format);
        }
        if (options.type === "sec1") {
            throw codedError(Error, "ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS", "The selected key encoding sec1 can only be used for EC keys.");
        }
        throw invalidArgValue("options.type", options.type);
    }
}

function exportFormat(format) {
    if (format !== "pem" && format !== "der" && format !== "jwk") {
        throw invalidArgValue("options.format", format);
    }
    return format;
}

// DER as a Buffer, or as PEM armour (base64 in lines of 64).
function writeKey(der, label, format) {
    if (format === "der") {
        return Buffer.from(der);
    }
    const base64 = Buffer.from(der).toString("base64");
    let pem = `-----BEGIN ${label}-----\n`;
    for (let i = 0; i < base64.length; i += 64) {
        pem += `${base64.slice(i, i + 64)}\n`;
    }
    return `${pem}-----END ${label}-----\n`;
}

const JWK_PUBLIC = ["n", "e"];
const JWK_PRIVATE = ["n", "e", "d", "p", "q", "dp", "dq", "qi"];

// The JWK of a PKCS#1 RSAPublicKey (n, e) or RSAPrivateKey (version, n, e, d, p, q, dp, dq, qi).
function rsaJwk(pkcs1, isPrivate) {
    const integers = derChildren(pkcs1, derElement(pkcs1, 0));
    const fields = isPrivate ? integers.slice(1, 9) : integers;
    const jwk = { kty: "RSA" };
    (isPrivate ? JWK_PRIVATE : JWK_PUBLIC).forEach((name, i) => {
        jwk[name] = Buffer.from(derMagnitude(pkcs1, fields[i])).toString("base64url");
    });
    return jwk;
}

// An RSA key from a JWK: its private form when `wantPrivate`, else its public form.
function jwkKey(jwk, wantPrivate) {
    validateObject(jwk, "key.key");
    if (jwk.kty === "EC" || jwk.kty === "OKP") {
        throw unavailable(`${jwk.kty} keys`);
    }
    if (jwk.kty !== "RSA") {
        throw invalidArgValue("key.kty", jwk.kty, "must be one of: 'RSA', 'EC', 'OKP'");
    }
    const names = wantPrivate ? JWK_PRIVATE : JWK_PUBLIC;
    for (const name of names) {
        validateString(jwk[name], `key.${name}`);
    }
    const integers = names.map((name) => derUnsigned(Buffer.from(jwk[name], "base64url")));
    if (wantPrivate) {
        integers.unshift(derUnsigned(new Uint8Array([0])));
    }
    return outlinedKey(derEncode(DER_SEQUENCE, concatBytes(integers)), wantPrivate ? "pkcs1-private" : "pkcs1-public", "jwk");
}

// OpenSSL wants BEGIN and END lines of their own and no blank line between.
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)\r?\n-----END \1-----/g;
const PEM_FORMATS = { "PUBLIC KEY": "spki", "RSA PUBLIC KEY": "pkcs1-public", "PRIVATE KEY": "pkcs8", "RSA PRIVATE KEY": "pkcs1-private" };
const PRIVATE_FORMATS = new Set(["pkcs8", "pkcs1-private"]);

// The first key of a PEM text that fits: any key when `wantPrivate` is false, else a private one.
function pemKey(data, wantPrivate) {
    const text = typeof data === "string" ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("latin1");
    for (const [, label, body] of text.matchAll(PEM_BLOCK)) {
        if (label === "ENCRYPTED PRIVATE KEY" || body.includes(":")) {
            throw unavailable("Encrypted private keys");
        }
        const format = PEM_FORMATS[label];
        if (format === undefined || (wantPrivate && !PRIVATE_FORMATS.has(format)) || /\n[ \t\r]*\n/.test(body)) {
            continue;
        }
        const der = viewOf(Buffer.from(body.replace(/\s+/g, ""), "base64"));
        return outlinedKey(der, format, "pem");
    }
    throw opensslError("unsupported");
}

// An RSA key from DER of node's `type` (spki, pkcs1, pkcs8).
function derKey(der, type, wantPrivate) {
    let format;
    if (type === "pkcs8") {
        format = "pkcs8";
    } else if (type === "pkcs1") {
        format = wantPrivate || pkcs1IsPrivate(der) ? "pkcs1-private" : "pkcs1-public";
    } else if (type === "spki" && !wantPrivate) {
        format = "spki";
    } else if (type === "sec1" && wantPrivate) {
        throw unavailable("EC keys");
    } else {
        throw invalidArgValue("options.type", type);
    }
    return outlinedKey(der, format, "der");
}

// An RSAPrivateKey has nine integers, an RSAPublicKey two.
function pkcs1IsPrivate(der) {
    try {
        return derChildren(der, derElement(der, 0)).length > 2;
    } catch {
        return false;
    }
}

function outlinedKey(der, format, source) {
    try {
        return new RsaKey(der, format, source);
    } catch (error) {
        throw error instanceof RangeError ? keyDecodeError(source) : error;
    }
}

function isKeyBytes(value) {
    return typeof value === "string" || ArrayBuffer.isView(value) || isArrayBuffer(value);
}

function bytesOfKeyData(value) {
    return typeof value === "string" ? value : ArrayBuffer.isView(value) ? viewOf(value) : new Uint8Array(value);
}

// What an operation takes as its key (`kind`), as node's argument handling has it: "public" is a public key
// or a private one (its public half serves); "private" a private key only; "privateOperation" any key as
// PEM, DER or JWK (the operation then finds the private half missing) but only a private KeyObject.
function keyObjectKey(key, kind) {
    if (key.type === "secret" || (kind !== "public" && key.type !== "private")) {
        throw invalidKeyObjectType(key.type, kind === "public" ? "private or public" : "private");
    }
    return keyHandleOf(key);
}

// The RSA key of a key argument as node takes them: PEM text or bytes, a KeyObject (when `keyObjects`),
// or an object { key, format: 'pem' | 'der' | 'jwk', type, passphrase }.
function asymmetricKey(key, kind, keyObjects) {
    const expected = keyObjects ? KEY_SOURCE : BUFFER_SOURCE;
    const wantPrivate = kind === "private";
    if (key instanceof KeyObject && keyObjects) {
        return keyObjectKey(key, kind);
    }
    if (isKeyBytes(key)) {
        return pemKey(bytesOfKeyData(key), wantPrivate);
    }
    if (key === null || typeof key !== "object" || key instanceof KeyObject) {
        throw invalidArgType("key", expected, key);
    }
    const { key: data, format, type, passphrase } = key;
    if (passphrase !== undefined && !isKeyBytes(passphrase)) {
        throw invalidArgValue("options.passphrase", passphrase);
    }
    if (data instanceof KeyObject && keyObjects) {
        return keyObjectKey(data, kind);
    }
    if (format === "jwk") {
        return jwkKey(data, wantPrivate || (kind === "privateOperation" && data?.d !== undefined));
    }
    if (!isKeyBytes(data)) {
        throw invalidArgType("key.key", expected, data);
    }
    if (format === undefined || format === "pem") {
        return pemKey(bytesOfKeyData(data), wantPrivate);
    }
    if (format === "der") {
        return derKey(typeof data === "string" ? Buffer.from(data, key.encoding ?? "utf8") : bytesOfKeyData(data), type, wantPrivate);
    }
    throw invalidArgValue("options.format", format);
}

// The options of a key argument given as an object (padding, saltLength, oaepHash, ...), else none.
function keyOptions(key) {
    return key !== null && typeof key === "object" && !(key instanceof KeyObject) && !ArrayBuffer.isView(key) && !isArrayBuffer(key) ? key : {};
}

function createPublicKey(key) {
    const rsaKey = asymmetricKey(key, key instanceof KeyObject || key?.key instanceof KeyObject ? "private" : "public", true);
    rsaKey.details();
    return new PublicKeyObject(rsaKey.publicKey());
}

function createPrivateKey(key) {
    const rsaKey = asymmetricKey(key, "private", false);
    rsaKey.details();
    return new PrivateKeyObject(rsaKey);
}

function createSecretKey(key, encoding) {
    let bytes;
    if (typeof key === "string") {
        bytes = encodeString(key, encoding);
    } else if (ArrayBuffer.isView(key) || isArrayBuffer(key)) {
        bytes = new Uint8Array(ArrayBuffer.isView(key) ? viewOf(key) : key);
    } else {
        throw invalidArgType("key", "an instance of ArrayBuffer, Buffer, TypedArray, or DataView", key);
    }
    return new SecretKeyObject(new SecretKey(bytes));
}

// ---------------------------------------------------------------------------------------------------------
// RSA encryption

const RSA_PKCS1_PADDING = 1;
const RSA_NO_PADDING = 3;
const RSA_PKCS1_OAEP_PADDING = 4;
const RSA_PKCS1_PSS_PADDING = 6;

// For each operation: the key it needs, its default padding, the paddings it takes, and what other values
// raise.
const RSA_OPERATIONS = {
    publicEncrypt: { kind: "public", padding: RSA_PKCS1_OAEP_PADDING, paddings: { 1: "pkcs1", 3: "none", 4: "oaep" }, other: "unknown padding type" },
    privateDecrypt: { kind: "privateOperation", padding: RSA_PKCS1_OAEP_PADDING, paddings: { 3: "none", 4: "oaep" }, other: "unknown padding type" },
    privateEncrypt: { kind: "privateOperation", padding: RSA_PKCS1_PADDING, paddings: { 1: "pkcs1", 3: "none" }, other: "illegal or unsupported padding mode" },
    publicDecrypt: { kind: "public", padding: RSA_PKCS1_PADDING, paddings: { 1: "pkcs1", 3: "none" }, other: "illegal or unsupported padding mode" },
};

function rsaPadding(operation, options) {
    const spec = RSA_OPERATIONS[operation];
    const padding = (options.padding >>> 0) || spec.padding;
    if (operation === "privateDecrypt" && padding === RSA_PKCS1_PADDING) {
        throw nativeError(TypeError, "ERR_INVALID_ARG_VALUE", "RSA_PKCS1_PADDING is no longer supported for private decryption, " +
            "this can be reverted with --security-revert=CVE-2023-46809");
    }
    if (operation === "publicEncrypt" && padding === RSA_PKCS1_PSS_PADDING) {
        throw new Error("error:00000000:lib(0)::reason(0)");
    }
    const name = spec.paddings[padding];
    if (name === undefined) {
        throw opensslError(spec.other);
    }
    return name;
}

// The OAEP digest (SHA-1 unless given) and label (none is empty) of a key argument's options.
function oaepParameters(options) {
    let hash = "sha1";
    if (options.oaepHash !== undefined) {
        validateString(options.oaepHash, "key.oaepHash");
        hash = digestOf(options.oaepHash);
        if (hash === undefined) {
            throw nativeError(Error, "ERR_OSSL_EVP_INVALID_DIGEST", "Invalid digest used");
        }
    }
    const label = options.oaepLabel === undefined ? EMPTY : sourceBytes(options.oaepLabel, "key.oaepLabel", BUFFER_SOURCE, options.encoding);
    return [hash, label];
}

// What OpenSSL refuses before encrypting `length` bytes with a key of `size` bytes, as its reason.
function encryptionRefusal(length, size, padding, hash) {
    if (padding === "none") {
        return length > size ? "data too large for key size" : length < size ? "data too small for key size" : undefined;
    }
    const room = padding === "oaep" ? size - 2 * DIGESTS[hash][0] - 2 : size - 11;
    return length > room ? "data too large for key size" : undefined;
}

// A ciphertext for a key of `size` bytes: OpenSSL takes a shorter one as if led by zeros.
function decryptionInput(data, size) {
    if (data.length > size) {
        throw opensslError("data greater than mod len");
    }
    if (data.length === size) {
        return data;
    }
    const padded = new Uint8Array(size);
    padded.set(data, size - data.length);
    return padded;
}

// Whether the big-endian number `data` (as long as the modulus) is less than the modulus, as RSA's input must be.
function belowModulus(data, modulus) {
    for (let i = 0; i < data.length; i++) {
        if (data[i] !== modulus[i]) {
            return data[i] < modulus[i];
        }
    }
    return false;
}

function rsaCipher(operation, key, buffer) {
    const spec = RSA_OPERATIONS[operation];
    const rsaKey = asymmetricKey(key, spec.kind, true);
    const options = keyOptions(key);
    let data = sourceBytes(buffer, "buffer", BUFFER_SOURCE, options.encoding);
    const padding = rsaPadding(operation, options);
    if (spec.kind === "privateOperation" && !rsaKey.isPrivate) {
        throw opensslError("missing private key");
    }
    const [hash, label] = operation === "publicEncrypt" || operation === "privateDecrypt" ? oaepParameters(options) : ["sha1", EMPTY];
    if (operation === "publicEncrypt" || operation === "privateEncrypt") {
        const refusal = encryptionRefusal(data.length, rsaKey.size, padding, hash);
        if (refusal !== undefined) {
            throw opensslError(refusal);
        }
    } else {
        data = decryptionInput(data, rsaKey.size);
    }
    const raw = padding === "none" || operation === "privateDecrypt" || operation === "publicDecrypt";
    if (raw && !belowModulus(data, rsaKey.modulus)) {
        throw opensslError("data too large for modulus");
    }
    const { der, format } = rsaKey;
    const call = {
        publicEncrypt: () => native.rsaPublicEncrypt(der, format, data, padding, hash, label),
        privateDecrypt: () => native.rsaPrivateDecrypt(der, format, data, padding, hash, label),
        privateEncrypt: () => native.rsaPrivateEncrypt(der, format, data, padding),
        publicDecrypt: () => native.rsaPublicDecrypt(der, format, data, padding),
    }[operation];
    return toBuffer(openssl(call));
}

function publicEncrypt(key, buffer) {
    return rsaCipher("publicEncrypt", key, buffer);
}

function privateDecrypt(key, buffer) {
    return rsaCipher("privateDecrypt", key, buffer);
}

function privateEncrypt(key, buffer) {
    return rsaCipher("privateEncrypt", key, buffer);
}

function publicDecrypt(key, buffer) {
    return rsaCipher("publicDecrypt", key, buffer);
}

// ---------------------------------------------------------------------------------------------------------
// Signatures

// An int32 option of a key argument (padding, saltLength).
function intOption(options, name) {
    const value = options[name];
    if (value !== undefined && value !== (value | 0)) {
        throw invalidArgValue(`options.${name}`, value);
    }
    return value;
}

// PKCS#1 v1.5 signs a DigestInfo: the digest behind an algorithm identifier of this many bytes.
const DIGEST_INFO_PREFIX = { md5: 18, sha1: 15, ripemd160: 15 };

// Digests OpenSSL has no RSA signature for.
const UNSIGNABLE_DIGESTS = new Set(["sm3", "blake2b512", "blake2s256"]);

const PSS_SALT_DIGEST = -1;
const PSS_SALT_MAX = -2;
const PSS_SALT_AUTO_DIGEST_MAX = -3;

// The padding ("pkcs1", "pss", or a number no signature takes) and PSS salt length of a key argument.
function signaturePadding(options) {
    const padding = intOption(options, "padding") ?? RSA_PKCS1_PADDING;
    const saltLength = intOption(options, "saltLength") ?? PSS_SALT_MAX;
    const name = padding === RSA_PKCS1_PADDING ? "pkcs1" : padding === RSA_PKCS1_PSS_PADDING ? "pss" : padding;
    return [name, saltLength];
}

// The salt length a PSS signature by a key of `modulusBits` gets for node's `saltLength` (-1 the digest's
// length, -2 the most that fits, -3 the digest's length or less if it does not fit), checked as OpenSSL does.
function pssSalt(saltLength, digestLength, modulusBits) {
    const room = Math.ceil((modulusBits - 1) / 8) - digestLength - 2;
    if (saltLength < PSS_SALT_AUTO_DIGEST_MAX) {
        throw opensslError("invalid salt length");
    }
    const salt = saltLength === PSS_SALT_DIGEST ? digestLength : saltLength === PSS_SALT_MAX ? room :
        saltLength === PSS_SALT_AUTO_DIGEST_MAX ? Math.min(digestLength, room) : saltLength;
    if (salt < 0 || salt > room) {
        throw opensslError("data too large for key size");
    }
    return salt;
}

function signWith(digest, data, key) {
    const rsaKey = asymmetricKey(key, "private", true);
    const [padding, saltLength] = signaturePadding(keyOptions(key));
    if (typeof padding === "number") {
        throw opensslError(padding === RSA_NO_PADDING ? "invalid padding mode" : "illegal or unsupported padding mode");
    }
    if (UNSIGNABLE_DIGESTS.has(digest)) {
        throw opensslError("digest not allowed");
    }
    const digestLength = DIGESTS[digest][0];
    let salt = 0;
    if (padding === "pss") {
        salt = pssSalt(saltLength, digestLength, rsaKey.modulusBits);
    } else if ((DIGEST_INFO_PREFIX[digest] ?? 19) + digestLength + 11 > rsaKey.size) {
        throw opensslError("digest too big for rsa key");
    }
    return openssl(() => native.rsaSign(rsaKey.der, rsaKey.format, digest, data, padding, salt));
}

// Verifying takes any PSS salt length unless one is given (-2, the natives' "any"); -1 is the digest's.
function verifyWith(digest, data, key, signature) {
    const rsaKey = asymmetricKey(key, "public", true);
    const [padding, saltLength] = signaturePadding(keyOptions(key));
    if (typeof padding === "number" || saltLength < PSS_SALT_AUTO_DIGEST_MAX) {
        return false;
    }
    if (UNSIGNABLE_DIGESTS.has(digest)) {
        throw opensslError("digest not allowed");
    }
    const salt = saltLength === PSS_SALT_DIGEST ? DIGESTS[digest][0] : saltLength < 0 ? PSS_SALT_MAX : saltLength;
    return openssl(() => native.rsaVerify(rsaKey.der, rsaKey.format, digest, data, signature, padding, salt));
}

function notInitialised() {
    return nativeError(Error, "ERR_CRYPTO_INVALID_STATE", "Not initialised");
}

// What Sign and Verify share: the digest and the message so far (the natives hash it when signing).
class SignatureState {
    constructor(algorithm) {
        validateString(algorithm, "algorithm");
        this.digest = digestOf(algorithm);
        if (this.digest === undefined) {
            throw nativeError(TypeError, "ERR_CRYPTO_INVALID_DIGEST", "Invalid digest");
        }
        this.chunks = [];
        this.finished = false;
    }

    update(data, inputEncoding) {
        if (this.finished) {
            throw notInitialised();
        }
        const bytes = updateBytes(data, inputEncoding);
        this.chunks.push(typeof data === "string" ? bytes : new Uint8Array(bytes));
    }

    finish() {
        if (this.finished) {
            throw notInitialised();
        }
        this.finished = true;
        const message = this.chunks.length === 1 ? this.chunks[0] : concatBytes(this.chunks);
        this.chunks = [];
        return message;
    }
}

class Sign {
    #state;

    constructor(algorithm) {
        this.#state = new SignatureState(algorithm);
    }

    update(data, inputEncoding) {
        this.#state.update(data, inputEncoding);
        return this;
    }

    sign(privateKey, outputEncoding) {
        if (privateKey === undefined || privateKey === null) {
            throw codedError(Error, "ERR_CRYPTO_SIGN_KEY_REQUIRED", "No key provided to sign");
        }
        const message = this.#state.finish();
        return encodeStrict(signWith(this.#state.digest, message, privateKey), outputEncoding);
    }
}

class Verify {
    #state;

    constructor(algorithm) {
        this.#state = new SignatureState(algorithm);
    }

    update(data, inputEncoding) {
        this.#state.update(data, inputEncoding);
        return this;
    }

    verify(object, signature, signatureEncoding) {
        const message = this.#state.finish();
        const signatureBytes = sourceBytes(signature, "signature", BUFFER_SOURCE, signatureEncoding);
        return verifyWith(this.#state.digest, message, object, signatureBytes);
    }
}

function createSign(algorithm) {
    return new Sign(algorithm);
}

function createVerify(algorithm) {
    return new Verify(algorithm);
}

// The digest of a one-shot sign/verify: RSA's default is SHA-256.
function oneShotDigest(algorithm) {
    if (algorithm === null || algorithm === undefined) {
        return "sha256";
    }
    validateString(algorithm, "algorithm");
    const digest = digestOf(algorithm);
    if (digest === undefined) {
        throw invalidDigest(algorithm);
    }
    return digest;
}

function sign(algorithm, data, key, callback) {
    if (algorithm !== null && algorithm !== undefined) {
        validateString(algorithm, "algorithm");
    }
    const message = sourceBytes(data, "data");
    if (key === undefined || key === null) {
        throw codedError(Error, "ERR_CRYPTO_SIGN_KEY_REQUIRED", "No key provided to sign");
    }
    if (callback !== undefined) {
        validateFunction(callback, "callback");
    }
    const digest = oneShotDigest(algorithm);
    const job = () => toBuffer(signWith(digest, message, key));
    if (callback === undefined) {
        return job();
    }
    settleLater(callback, job);
    return undefined;
}

function verify(algorithm, data, key, signature, callback) {
    if (algorithm !== null && algorithm !== undefined) {
        validateString(algorithm, "algorithm");
    }
    const message = sourceBytes(data, "data");
    if (!ArrayBuffer.isView(signature)) {
        throw invalidArgType("signature", "an instance of Buffer, TypedArray, or DataView", signature);
    }
    if (callback !== undefined) {
        validateFunction(callback, "callback");
    }
    const digest = oneShotDigest(algorithm);
    const job = () => verifyWith(digest, message, key, viewOf(signature));
    if (callback === undefined) {
        return job();
    }
    settleLater(callback, job);
    return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Key generation

const OTHER_KEY_TYPES = new Set(["rsa-pss", "dsa", "ec", "ed25519", "ed448", "x25519", "x448", "dh"]);

// How generateKeyPair encodes one key: undefined for a KeyObject, else { format, type }.
function keyEncoding(encoding, name, isPrivate) {
    if (encoding === undefined) {
        return undefined;
    }
    if (encoding === null || typeof encoding !== "object") {
        throw invalidArgValue(name, encoding);
    }
    const { format, type, cipher, passphrase } = encoding;
    if (format !== "pem" && format !== "der" && format !== "jwk") {
        throw invalidArgValue(`${name}.format`, format);
    }
    if (format !== "jwk") {
        const types = isPrivate ? ["pkcs8", "pkcs1", "sec1"] : ["spki", "pkcs1"];
        if (!types.includes(type)) {
            throw invalidArgValue(`${name}.type`, type);
        }
        if (type === "sec1") {
            throw codedError(Error, "ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS", "The selected key encoding sec1 can only be used for EC keys.");
        }
    }
    if (isPrivate && cipher !== undefined) {
        if (passphrase === undefined) {
            throw invalidArgValue(`${name}.passphrase`, passphrase);
        }
        throw unavailable("Encrypting private keys");
    }
    return { format, type };
}

function keyPairJob(type, options) {
    validateString(type, "type");
    if (type !== "rsa") {
        if (OTHER_KEY_TYPES.has(type)) {
            throw unavailable(`${type} keys`);
        }
        throw invalidArgValue("type", type, "must be a supported key type");
    }
    validateObject(options, "options");
    const { modulusLength, publicExponent = 0x10001 } = options;
    validateInteger(modulusLength, "options.modulusLength", 0, 2 ** 32 - 1);
    validateInteger(publicExponent, "options.publicExponent", 0, 2 ** 32 - 1);
    const publicEncoding = keyEncoding(options.publicKeyEncoding, "options.publicKeyEncoding", false);
    const privateEncoding = keyEncoding(options.privateKeyEncoding, "options.privateKeyEncoding", true);
    return () => {
        // OpenSSL's floor on key size and its rule for the exponent: odd, and more than 1.
        if (modulusLength < 512) {
            throw opensslError("key size too small");
        }
        if (publicExponent < 3 || publicExponent % 2 === 0) {
            throw opensslError("pub exponent out of range");
        }
        const { publicDer, privateDer } = openssl(() => native.rsaGenerate(modulusLength, publicExponent));
        const publicKey = new PublicKeyObject(new RsaKey(publicDer, "spki", "der"));
        const privateKey = new PrivateKeyObject(new RsaKey(privateDer, "pkcs8", "der"));
        return {
            publicKey: publicEncoding === undefined ? publicKey : publicKey.export(publicEncoding),
            privateKey: privateEncoding === undefined ? privateKey : privateKey.export(privateEncoding),
        };
    };
}

function generateKeyPairSync(type, options) {
    return keyPairJob(type, options)();
}

function generateKeyPair(type, options, callback) {
    if (typeof options === "function") {
        callback = options;
        options = undefined;
    }
    validateFunction(callback, "callback");
    const job = keyPairJob(type, options);
    let pair;
    try {
        pair = job();
    } catch (error) {
        callLater(callback, error);
        return;
    }
    callLater(callback, null, pair.publicKey, pair.privateKey);
}

// util.promisify(generateKeyPair) resolves to { publicKey, privateKey }, as node's does.
Object.defineProperty(generateKeyPair, Symbol.for("nodejs.util.promisify.custom"), {
    value: (type, options) => new Promise((resolve, reject) => {
        generateKeyPair(type, options, (error, publicKey, privateKey) => (error ? reject(error) : resolve({ publicKey, privateKey })));
    }),
});

// ---------------------------------------------------------------------------------------------------------
// Constants and exports

const DEFAULT_CIPHER_LIST = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256:" +
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:" +
    "ECDHE-RSA-AES128-SHA256:DHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:DHE-RSA-AES256-SHA384:ECDHE-RSA-AES256-SHA256:" +
    "DHE-RSA-AES256-SHA256:HIGH:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!SRP:!CAMELLIA";

const constants = {
    OPENSSL_VERSION_NUMBER: 805306672, SSL_OP_ALL: 2147485776, SSL_OP_ALLOW_NO_DHE_KEX: 1024,
    SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION: 262144, SSL_OP_CIPHER_SERVER_PREFERENCE: 4194304, SSL_OP_CISCO_ANYCONNECT: 32768,
    SSL_OP_COOKIE_EXCHANGE: 8192, SSL_OP_CRYPTOPRO_TLSEXT_BUG: 2147483648, SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS: 2048,
    SSL_OP_LEGACY_SERVER_CONNECT: 4, SSL_OP_NO_COMPRESSION: 131072, SSL_OP_NO_ENCRYPT_THEN_MAC: 524288, SSL_OP_NO_QUERY_MTU: 4096,
    SSL_OP_NO_RENEGOTIATION: 1073741824, SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION: 65536, SSL_OP_NO_SSLv2: 0,
    SSL_OP_NO_SSLv3: 33554432, SSL_OP_NO_TICKET: 16384, SSL_OP_NO_TLSv1: 67108864, SSL_OP_NO_TLSv1_1: 268435456,
    SSL_OP_NO_TLSv1_2: 134217728, SSL_OP_NO_TLSv1_3: 536870912, SSL_OP_PRIORITIZE_CHACHA: 2097152, SSL_OP_TLS_ROLLBACK_BUG: 8388608,
    ENGINE_METHOD_RSA: 1, ENGINE_METHOD_DSA: 2, ENGINE_METHOD_DH: 4, ENGINE_METHOD_RAND: 8, ENGINE_METHOD_EC: 2048,
    ENGINE_METHOD_CIPHERS: 64, ENGINE_METHOD_DIGESTS: 128, ENGINE_METHOD_PKEY_METHS: 512, ENGINE_METHOD_PKEY_ASN1_METHS: 1024,
    ENGINE_METHOD_ALL: 65535, ENGINE_METHOD_NONE: 0, DH_CHECK_P_NOT_SAFE_PRIME: 2, DH_CHECK_P_NOT_PRIME: 1,
    DH_UNABLE_TO_CHECK_GENERATOR: 4, DH_NOT_SUITABLE_GENERATOR: 8, RSA_PKCS1_PADDING, RSA_NO_PADDING, RSA_PKCS1_OAEP_PADDING,
    RSA_X931_PADDING: 5, RSA_PKCS1_PSS_PADDING, RSA_PSS_SALTLEN_DIGEST: -1, RSA_PSS_SALTLEN_MAX_SIGN: -2, RSA_PSS_SALTLEN_AUTO: -2,
    defaultCoreCipherList: DEFAULT_CIPHER_LIST, TLS1_VERSION: 769, TLS1_1_VERSION: 770, TLS1_2_VERSION: 771, TLS1_3_VERSION: 772,
    POINT_CONVERSION_COMPRESSED: 2, POINT_CONVERSION_UNCOMPRESSED: 4, POINT_CONVERSION_HYBRID: 6, defaultCipherList: DEFAULT_CIPHER_LIST,
};

module.exports = {
    createCipheriv, createDecipheriv, createCipher, createDecipher, createHash, createHmac, createPrivateKey, createPublicKey,
    createSecretKey, createSign, createVerify, getCiphers, getCipherInfo, getHashes, hash, hkdf, hkdfSync, pbkdf2, pbkdf2Sync,
    generateKeyPair, generateKeyPairSync, privateDecrypt, privateEncrypt, publicDecrypt, publicEncrypt, randomBytes, randomFill,
    randomFillSync, randomInt, randomUUID, scrypt, scryptSync, sign, verify, timingSafeEqual, getRandomValues,
    getFips: () => 0,
    Cipheriv, Decipheriv, Hash, Hmac, KeyObject, Sign, Verify, constants,
    webcrypto: globalThis.crypto,
    subtle: globalThis.crypto.subtle,
};
