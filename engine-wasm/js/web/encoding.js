// encoding.js: TextEncoder and TextDecoder (the WHATWG Encoding standard), on the natives of
// engine-wasm/src/encoding.rs. Also `bytesOf`, which the files after this one use to read any BufferSource.

// The bytes a BufferSource (ArrayBuffer, typed array or DataView) holds, as a Uint8Array over the same memory;
// a TypeError naming `what` for anything else.
function bytesOf(source, what) {
    if (source instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && source instanceof SharedArrayBuffer)) {
        return new Uint8Array(source);
    }
    if (ArrayBuffer.isView(source)) {
        return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
    }
    throw new TypeError(`${what}: The provided value is not of type '(ArrayBuffer or ArrayBufferView)'.`);
}

class TextEncoder {
    get encoding() {
        return "utf-8";
    }

    encode(input = "") {
        return native.encodeUtf8(String(input));
    }

    encodeInto(source, destination) {
        if (!(destination instanceof Uint8Array)) {
            throw new TypeError("Failed to execute 'encodeInto' on 'TextEncoder': parameter 2 is not of type 'Uint8Array'.");
        }
        const [read, written] = native.encodeUtf8Into(String(source), destination);
        return { read, written };
    }
}
webInterface(TextEncoder);

class TextDecoder {
    #encoding;
    #fatal;
    #ignoreBOM;
    #decoder;

    constructor(label = "utf-8", options = {}) {
        const encoding = native.encodingName(String(label));
        if (encoding === undefined) {
            throw new RangeError(`Failed to construct 'TextDecoder': The encoding label provided ('${label}') is invalid.`);
        }
        this.#encoding = encoding;
        this.#fatal = Boolean(options?.fatal);
        this.#ignoreBOM = Boolean(options?.ignoreBOM);
        this.#decoder = native.newDecoder(encoding, this.#ignoreBOM);
    }

    get encoding() {
        brand(isObject(this) && #encoding in this ? this : undefined);
        return this.#encoding;
    }

    get fatal() {
        brand(isObject(this) && #encoding in this ? this : undefined);
        return this.#fatal;
    }

    get ignoreBOM() {
        brand(isObject(this) && #encoding in this ? this : undefined);
        return this.#ignoreBOM;
    }

    decode(input = undefined, options = {}) {
        brand(isObject(this) && #encoding in this ? this : undefined);
        const bytes = input === undefined ? new Uint8Array(0) : bytesOf(input, "Failed to execute 'decode' on 'TextDecoder'");
        return native.decode(this.#decoder, bytes, Boolean(options?.stream), this.#fatal);
    }
}
webInterface(TextDecoder);

// For the files after this one: the platform's own codecs, whatever page code later does to the globals.
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();
const TextDecoderClass = TextDecoder;
