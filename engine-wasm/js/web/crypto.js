// crypto.js: crypto, Crypto, SubtleCrypto and CryptoKey (WebCrypto), on the natives of engine-wasm/src/webcrypto.rs:
// random bytes from the generator the host seeds per context (so `random_seed` makes them repeatable), the
// SHA digests, HMAC, PBKDF2, and AES-CBC, AES-CTR and AES-GCM. Algorithm names, keys and usages are checked
// here, with the DOMException names browsers use.

function domError(name, message) {
    return new DOMException(message, name);
}

// A copy of a BufferSource's bytes: the promise may settle after the caller changed its buffer.
function copyOf(source, what) {
    return bytesOf(source, what).slice();
}

const HASHES = ["SHA-1", "SHA-256", "SHA-384", "SHA-512"];
const ALGORITHMS = [...HASHES, "HMAC", "PBKDF2", "AES-CBC", "AES-CTR", "AES-GCM"];

// WebCrypto's algorithm normalisation: a name or an object with one, matched without regard to case.
function normalize(algorithm) {
    const dictionary = typeof algorithm === "string" ? { name: algorithm } : algorithm;
    if (dictionary === null || typeof dictionary !== "object" || dictionary.name === undefined) {
        throw new TypeError("Algorithm: name: Missing or not a string");
    }
    const wanted = String(dictionary.name).toUpperCase();
    const name = ALGORITHMS.find((known) => known === wanted);
    if (name === undefined) throw domError("NotSupportedError", "Unrecognized algorithm name");
    return { ...dictionary, name };
}

function hashOf(algorithm) {
    if (algorithm.hash === undefined) throw new TypeError(`${algorithm.name}: hash: Missing`);
    const hash = normalize(algorithm.hash).name;
    if (!HASHES.includes(hash)) throw domError("NotSupportedError", "Unrecognized algorithm name");
    return hash;
}

// HMAC's default key length: the hash's block size.
function hmacBlockBits(hash) {
    return hash === "SHA-384" || hash === "SHA-512" ? 1024 : 512;
}

// What a method returns: a promise of `work()`, rejected with whatever it throws (browsers never throw
// synchronously from SubtleCrypto's methods).
function promised(work) {
    return new Promise((resolve) => resolve(work()));
}

const keyData = new WeakMap();

class CryptoKey {
    #type;
    #extractable;
    #algorithm;
    #usages;

    constructor() {
        if (arguments[0] !== INTERNAL) throw illegalConstructor("CryptoKey");
        const [, type, extractable, algorithm, usages, bytes] = arguments;
        this.#type = type;
        this.#extractable = extractable;
        this.#algorithm = Object.freeze(algorithm);
        this.#usages = Object.freeze(usages);
        keyData.set(this, bytes);
    }

    get type() {
        brand(isObject(this) && #type in this ? this : undefined);
        return this.#type;
    }

    get extractable() {
        brand(isObject(this) && #type in this ? this : undefined);
        return this.#extractable;
    }

    get algorithm() {
        brand(isObject(this) && #type in this ? this : undefined);
        return this.#algorithm;
    }

    get usages() {
        brand(isObject(this) && #type in this ? this : undefined);
        return this.#usages;
    }
}
webInterface(CryptoKey, { constructible: false });

const KEY_USAGES = {
    HMAC: ["sign", "verify"],
    PBKDF2: ["deriveBits", "deriveKey"],
    "AES-CBC": ["encrypt", "decrypt", "wrapKey", "unwrapKey"],
    "AES-CTR": ["encrypt", "decrypt", "wrapKey", "unwrapKey"],
    "AES-GCM": ["encrypt", "decrypt", "wrapKey", "unwrapKey"],
};

// A secret key for `algorithm` (normalised) over `bytes`, after the checks importKey and generateKey share.
function secretKey(algorithm, bytes, extractable, usages) {
    const allowed = KEY_USAGES[algorithm.name];
    if (allowed === undefined) throw domError("NotSupportedError", "Unrecognized algorithm name");
    usages = Array.from(usages, String);
    if (usages.some((usage) => !allowed.includes(usage))) {
        throw new SyntaxError("Cannot create a key using the specified key usages.");
    }
    let described;
    if (algorithm.name === "HMAC") {
        const hash = hashOf(algorithm);
        const length = algorithm.length === undefined ? bytes.length * 8 : Number(algorithm.length);
        if (bytes.length === 0 || length > bytes.length * 8 || length <= (bytes.length - 1) * 8) {
            throw domError("DataError", "The key data is not valid for the HMAC length.");
        }
        described = { name: "HMAC", length, hash: { name: hash } };
    } else if (algorithm.name === "PBKDF2") {
        if (extractable) throw new SyntaxError("PBKDF2 keys cannot be extractable.");
        described = { name: "PBKDF2" };
    } else {
        if (![16, 24, 32].includes(bytes.length)) {
            throw domError("DataError", "AES key data must be 128 or 256 bits");
        }
        described = { name: algorithm.name, length: bytes.length * 8 };
    }
    if (usages.length === 0) throw new SyntaxError("Usages cannot be empty when creating a key.");
    return new CryptoKey(INTERNAL, "secret", Boolean(extractable), described, usages, bytes);
}

function base64url(bytes) {
    return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text) {
    const binary = atob(String(text).replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

// The JWK "alg" of a secret key, as browsers write it.
function jwkAlg(algorithm) {
    if (algorithm.name === "HMAC") return `HS${algorithm.hash.name.slice(4)}`;
    return `A${algorithm.length}${algorithm.name.slice(4)}`;
}

function checkKey(key, algorithmName, usage) {
    if (!(key instanceof CryptoKey)) {
        throw new TypeError("Failed to execute on 'SubtleCrypto': parameter is not of type 'CryptoKey'.");
    }
    if (key.algorithm.name !== algorithmName || !key.usages.includes(usage)) {
        throw domError("InvalidAccessError", "key.algorithm does not match that of operation");
    }
    return keyData.get(key);
}

// AES encryption or decryption with `params` (normalised); the ArrayBuffer, or an OperationError.
function aes(encrypt, params, key) {
    const bytes = checkKey(key, params.name, encrypt ? "encrypt" : "decrypt");
    return (data) => {
        let out;
        if (params.name === "AES-CBC") {
            const iv = copyOf(params.iv, "AesCbcParams: iv");
            if (iv.length !== 16) throw domError("OperationError", "The provided iv length is not 16 bytes.");
            out = native.aesCbc(encrypt, bytes, iv, data);
        } else if (params.name === "AES-CTR") {
            const counter = copyOf(params.counter, "AesCtrParams: counter");
            if (counter.length !== 16) throw domError("OperationError", "The counter length must be 16 bytes.");
            out = native.aesCtr(bytes, counter, Number(params.length), data);
            if (out === null) {
                throw domError("NotSupportedError", "jscell's AES-CTR counts 32, 64 or 128 counter bits.");
            }
        } else {
            const iv = copyOf(params.iv, "AesGcmParams: iv");
            const aad = params.additionalData === undefined ? new Uint8Array(0) : copyOf(params.additionalData, "AesGcmParams: additionalData");
            const tagLength = params.tagLength === undefined ? 128 : Number(params.tagLength);
            out = native.aesGcm(encrypt, bytes, iv, data, aad, tagLength);
        }
        if (out === null) throw domError("OperationError", "The operation failed for an operation-specific reason");
        return out;
    };
}

class SubtleCrypto {
    constructor() {
        if (arguments[0] !== INTERNAL) throw illegalConstructor("SubtleCrypto");
    }

    digest(algorithm, data) {
        return promised(() => {
            const { name } = normalize(algorithm);
            if (!HASHES.includes(name)) throw domError("NotSupportedError", "Unrecognized algorithm name");
            return native.digest(name, copyOf(data, "Failed to execute 'digest' on 'SubtleCrypto'"));
        });
    }

    importKey(format, keyData, algorithm, extractable, keyUsages) {
        return promised(() => {
            const params = normalize(algorithm);
            let bytes;
            if (format === "raw") {
                bytes = copyOf(keyData, "Failed to execute 'importKey' on 'SubtleCrypto'");
            } else if (format === "jwk") {
                if (keyData === null || typeof keyData !== "object" || keyData.kty !== "oct") {
                    throw domError("DataError", "The JWK \"kty\" member was not \"oct\"");
                }
                bytes = fromBase64url(keyData.k);
            } else {
                throw domError("NotSupportedError", `The key format '${format}' is not supported for this key.`);
            }
            return secretKey(params, bytes, extractable, keyUsages);
        });
    }

    exportKey(format, key) {
        return promised(() => {
            if (!(key instanceof CryptoKey)) {
                throw new TypeError("Failed to execute 'exportKey' on 'SubtleCrypto': parameter 2 is not of type 'CryptoKey'.");
            }
            if (!key.extractable) throw domError("InvalidAccessError", "key is not extractable");
            const bytes = keyData.get(key);
            if (format === "raw") return bytes.slice().buffer;
            if (format === "jwk") {
                return { alg: jwkAlg(key.algorithm), ext: true, k: base64url(bytes), key_ops: [...key.usages], kty: "oct" };
            }
            throw domError("NotSupportedError", `The key format '${format}' is not supported for this key.`);
        });
    }

    generateKey(algorithm, extractable, keyUsages) {
        return promised(() => {
            const params = normalize(algorithm);
            let bits;
            if (params.name === "HMAC") {
                bits = params.length === undefined ? hmacBlockBits(hashOf(params)) : Number(params.length);
            } else if (params.name.startsWith("AES-")) {
                bits = Number(params.length);
                if (![128, 192, 256].includes(bits)) {
                    throw domError("OperationError", "AES key length must be 128, 192 or 256 bits");
                }
            } else {
                throw domError("NotSupportedError", "Unrecognized algorithm name");
            }
            const bytes = new Uint8Array(Math.ceil(bits / 8));
            native.randomFill(bytes);
            return secretKey({ ...params, length: bits }, bytes, extractable, keyUsages);
        });
    }

    sign(algorithm, key, data) {
        return promised(() => {
            const { name } = normalize(algorithm);
            const secret = checkKey(key, name, "sign");
            return native.hmac(key.algorithm.hash.name, secret, copyOf(data, "Failed to execute 'sign' on 'SubtleCrypto'"));
        });
    }

    verify(algorithm, key, signature, data) {
        return promised(() => {
            const { name } = normalize(algorithm);
            const secret = checkKey(key, name, "verify");
            const expected = new Uint8Array(native.hmac(key.algorithm.hash.name, secret, copyOf(data, "Failed to execute 'verify' on 'SubtleCrypto'")));
            const given = copyOf(signature, "Failed to execute 'verify' on 'SubtleCrypto'");
            // Compared in full, whatever differs first.
            let difference = expected.length ^ given.length;
            for (let i = 0; i < expected.length; i++) difference |= expected[i] ^ (given[i] ?? 0);
            return difference === 0;
        });
    }

    encrypt(algorithm, key, data) {
        return promised(() => aes(true, normalize(algorithm), key)(copyOf(data, "Failed to execute 'encrypt' on 'SubtleCrypto'")));
    }

    decrypt(algorithm, key, data) {
        return promised(() => aes(false, normalize(algorithm), key)(copyOf(data, "Failed to execute 'decrypt' on 'SubtleCrypto'")));
    }

    deriveBits(algorithm, baseKey, length) {
        return promised(() => pbkdf2(normalize(algorithm), baseKey, length, "deriveBits"));
    }

    deriveKey(algorithm, baseKey, derivedKeyType, extractable, keyUsages) {
        return promised(() => {
            const type = normalize(derivedKeyType);
            const bits = type.name === "HMAC" && type.length === undefined ? hmacBlockBits(hashOf(type)) : Number(type.length);
            const bytes = new Uint8Array(pbkdf2(normalize(algorithm), baseKey, bits, "deriveKey"));
            return secretKey(type, bytes, extractable, keyUsages);
        });
    }
}
webInterface(SubtleCrypto, { constructible: false });

// PBKDF2's bits for deriveBits and deriveKey.
function pbkdf2(params, baseKey, length, usage) {
    if (params.name !== "PBKDF2") throw domError("NotSupportedError", "Unrecognized algorithm name");
    const password = checkKey(baseKey, "PBKDF2", usage);
    const iterations = Number(params.iterations);
    if (!(iterations > 0)) throw domError("OperationError", "PBKDF2 iterations must be greater than 0");
    length = Number(length);
    if (length % 8 !== 0) throw domError("OperationError", "The length must be a multiple of 8 bits");
    return native.pbkdf2(hashOf(params), password, copyOf(params.salt, "Pbkdf2Params: salt"), iterations, length / 8);
}

const INTEGER_ARRAYS = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, BigInt64Array, BigUint64Array];

const subtle = new SubtleCrypto(INTERNAL);

class Crypto {
    constructor() {
        if (arguments[0] !== INTERNAL) throw illegalConstructor("Crypto");
    }

    getRandomValues(array) {
        if (!INTEGER_ARRAYS.some((type) => array instanceof type)) {
            throw domError("TypeMismatchError", "Failed to execute 'getRandomValues' on 'Crypto': The provided ArrayBufferView is of type 'Float32Array', which is not an integer array type.".replace("Float32Array", array?.constructor?.name ?? typeof array));
        }
        if (array.byteLength > 65536) {
            throw domError("QuotaExceededError", `Failed to execute 'getRandomValues' on 'Crypto': The ArrayBufferView's byte length (${array.byteLength}) exceeds the number of bytes of entropy available via this API (65536).`);
        }
        native.randomFill(bytesOf(array));
        return array;
    }

    get subtle() {
        brand(this === crypto ? this : undefined);
        return subtle;
    }

    randomUUID() {
        const bytes = new Uint8Array(16);
        native.randomFill(bytes);
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
        return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    }
}
webInterface(Crypto, { constructible: false });

const crypto = new Crypto(INTERNAL);
Object.defineProperty(globalThis, "crypto", {
    get: Object.getOwnPropertyDescriptor({ get crypto() { return crypto; } }, "crypto").get,
    enumerable: true,
    configurable: true,
});
