// stream.js: node's `stream` module: the legacy Stream (an EventEmitter with `pipe`), Readable, Writable, Duplex,
// Transform and PassThrough with node's state machines (paused/flowing modes, highWaterMark backpressure,
// objectMode, encodings, cork, _writev, _final, _construct, destroy), finished, pipeline (streams, iterables and
// async generator stages), addAbortSignal, compose, duplexPair, the is* helpers and the Readable operators.
// Constructors are plain functions so that old code's `Readable.call(this, opts)` + util.inherits works.
// Node defers with process.nextTick; here every deferral is a microtask.

const EE = require("events");
const { codedError, invalidArgType, invalidArgValue, outOfRange, AbortError } = require("internal/errors");

// ---------------------------------------------------------------------------------------------------------------
// Shared helpers

let BufferClass = null;
let StringDecoderClass = null;

// buffer and string_decoder are loaded on first use: most streams never need a decoder.
function getBuffer() {
    BufferClass ??= require("buffer").Buffer;
    return BufferClass;
}

function newDecoder(encoding) {
    StringDecoderClass ??= require("string_decoder").StringDecoder;
    return new StringDecoderClass(encoding);
}

function nop() {}

function defer(fn, ...args) {
    queueMicrotask(() => fn(...args));
}

function isUint8Array(value) {
    return ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === "[object Uint8Array]";
}

function isArrayBufferView(value) {
    return ArrayBuffer.isView(value);
}

// Any typed array or DataView is written as a Buffer over the same memory.
function viewToBuffer(chunk) {
    return getBuffer().from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

const CHUNK_TYPES = "of type string or an instance of Buffer, TypedArray, or DataView";

const errors = {
    pushAfterEof: () => codedError(Error, "ERR_STREAM_PUSH_AFTER_EOF", "stream.push() after EOF"),
    unshiftAfterEnd: () => codedError(Error, "ERR_STREAM_UNSHIFT_AFTER_END_EVENT", "stream.unshift() after end event"),
    notImplemented: (method) => codedError(Error, "ERR_METHOD_NOT_IMPLEMENTED", `The ${method} method is not implemented`),
    writeAfterEnd: () => codedError(Error, "ERR_STREAM_WRITE_AFTER_END", "write after end"),
    destroyed: (method) => codedError(Error, "ERR_STREAM_DESTROYED", `Cannot call ${method} after a stream was destroyed`),
    nullValues: () => codedError(TypeError, "ERR_STREAM_NULL_VALUES", "May not write null values to stream"),
    alreadyFinished: (method) => codedError(Error, "ERR_STREAM_ALREADY_FINISHED", `Cannot call ${method} after a stream was finished`),
    multipleCallback: () => codedError(Error, "ERR_MULTIPLE_CALLBACK", "Callback called multiple times"),
    prematureClose: () => codedError(Error, "ERR_STREAM_PREMATURE_CLOSE", "Premature close"),
    unknownEncoding: (encoding) => codedError(TypeError, "ERR_UNKNOWN_ENCODING", `Unknown encoding: ${encoding}`),
    missingArgs: (name) => codedError(TypeError, "ERR_MISSING_ARGS", `The "${name}" argument must be specified`),
    invalidReturnValue: (input, name, value) => {
        let type = typeof value;
        if (value && value.constructor && value.constructor.name) {
            type = `instance of ${value.constructor.name}`;
        }
        return codedError(TypeError, "ERR_INVALID_RETURN_VALUE", `Expected ${input} to be returned from the "${name}" function but got ${type}.`);
    },
};

function validateFunction(value, name) {
    if (typeof value !== "function") {
        throw invalidArgType(name, "of type function", value);
    }
}

function validateObject(value, name) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw invalidArgType(name, "of type object", value);
    }
}

function validateAbortSignal(signal, name) {
    if (signal !== undefined && (signal === null || typeof signal !== "object" || !("aborted" in signal))) {
        throw invalidArgType(name, "an instance of AbortSignal", signal);
    }
}

function onAbort(signal, listener) {
    signal.addEventListener("abort", listener, { once: true });
    return () => signal.removeEventListener("abort", listener);
}

function abortErrorFor(signal) {
    return new AbortError(undefined, { cause: signal.reason });
}

// When a second error arrives after a first, node reports both.
function aggregateTwoErrors(inner, outer) {
    if (inner && outer && inner !== outer) {
        if (Array.isArray(outer.errors)) {
            outer.errors.push(inner);
            return outer;
        }
        const aggregate = new AggregateError([outer, inner], outer.message);
        aggregate.code = outer.code;
        return aggregate;
    }
    return inner || outer;
}

// ---------------------------------------------------------------------------------------------------------------
// highWaterMark

let defaultHighWaterMarkBytes = 16 * 1024;
let defaultHighWaterMarkObjects = 16;

function getDefaultHighWaterMark(objectMode) {
    return objectMode ? defaultHighWaterMarkObjects : defaultHighWaterMarkBytes;
}

function setDefaultHighWaterMark(objectMode, value) {
    if (typeof value !== "number") {
        throw invalidArgType("value", "of type number", value);
    }
    if (!Number.isInteger(value)) {
        throw outOfRange("value", "an integer", value);
    }
    if (value < 0) {
        throw outOfRange("value", ">= 0 && <= 9007199254740991", value);
    }
    if (objectMode) {
        defaultHighWaterMarkObjects = value;
    } else {
        defaultHighWaterMarkBytes = value;
    }
}

function getHighWaterMark(objectMode, options, duplexKey, isDuplex) {
    let hwm = options.highWaterMark;
    if (hwm == null && isDuplex) {
        hwm = options[duplexKey];
    }
    if (hwm == null) {
        return getDefaultHighWaterMark(objectMode);
    }
    if (!Number.isInteger(hwm) || hwm < 0) {
        throw invalidArgValue(isDuplex ? `options.${duplexKey}` : "options.highWaterMark", hwm);
    }
    return Math.floor(hwm);
}

// ---------------------------------------------------------------------------------------------------------------
// Stream type tests (node's internal/streams/utils)

const kIsDestroyed = Symbol.for("nodejs.stream.destroyed");
const kIsErrored = Symbol("kIsErrored");
const kIsReadable = Symbol("kIsReadable");
const kIsDisturbed = Symbol("kIsDisturbed");

function isReadableNodeStream(obj, strict = false) {
    return Boolean(obj && typeof obj.pipe === "function" && typeof obj.on === "function" &&
        (!strict || (typeof obj.pause === "function" && typeof obj.resume === "function")) &&
        (!obj._writableState || (obj._readableState && obj._readableState.readable !== false)) &&
        (!obj._writableState || obj._readableState));
}

function isWritableNodeStream(obj) {
    return Boolean(obj && typeof obj.write === "function" && typeof obj.on === "function" &&
        (!obj._readableState || (obj._writableState && obj._writableState.writable !== false)));
}

function isNodeStream(obj) {
    return Boolean(obj && (obj._readableState || obj._writableState ||
        (typeof obj.write === "function" && typeof obj.on === "function") ||
        (typeof obj.pipe === "function" && typeof obj.on === "function")));
}

function isIterable(obj, isAsync) {
    if (obj == null) {
        return false;
    }
    if (isAsync === true) {
        return typeof obj[Symbol.asyncIterator] === "function";
    }
    if (isAsync === false) {
        return typeof obj[Symbol.iterator] === "function";
    }
    return typeof obj[Symbol.asyncIterator] === "function" || typeof obj[Symbol.iterator] === "function";
}

function isDestroyed(stream) {
    if (!isNodeStream(stream)) {
        return null;
    }
    const state = stream._writableState || stream._readableState;
    return Boolean(stream.destroyed || stream[kIsDestroyed] || (state && state.destroyed));
}

function isWritableEnded(stream) {
    if (!isWritableNodeStream(stream)) {
        return null;
    }
    if (stream.writableEnded === true) {
        return true;
    }
    const state = stream._writableState;
    if (state && state.errored) {
        return false;
    }
    return state && typeof state.ended === "boolean" ? state.ended : null;
}

function isWritableFinished(stream, strict) {
    if (!isWritableNodeStream(stream)) {
        return null;
    }
    if (stream.writableFinished === true) {
        return true;
    }
    const state = stream._writableState;
    if (state && state.errored) {
        return false;
    }
    if (!state || typeof state.finished !== "boolean") {
        return null;
    }
    return Boolean(state.finished || (strict === false && state.ended === true && state.length === 0));
}

function isReadableFinished(stream, strict) {
    if (!isReadableNodeStream(stream)) {
        return null;
    }
    const state = stream._readableState;
    if (state && state.errored) {
        return false;
    }
    if (!state || typeof state.endEmitted !== "boolean") {
        return null;
    }
    return Boolean(state.endEmitted || (strict === false && state.ended === true && state.length === 0));
}

function isReadable(stream) {
    if (stream && stream[kIsReadable] != null) {
        return stream[kIsReadable];
    }
    if (typeof (stream && stream.readable) !== "boolean") {
        return null;
    }
    if (isDestroyed(stream)) {
        return false;
    }
    return isReadableNodeStream(stream) && stream.readable && !isReadableFinished(stream);
}

function isWritable(stream) {
    if (typeof (stream && stream.writable) !== "boolean") {
        return null;
    }
    if (isDestroyed(stream)) {
        return false;
    }
    return isWritableNodeStream(stream) && stream.writable && !isWritableEnded(stream);
}

function isFinished(stream, options) {
    if (!isNodeStream(stream)) {
        return null;
    }
    if (isDestroyed(stream)) {
        return true;
    }
    if ((!options || options.readable !== false) && isReadable(stream)) {
        return false;
    }
    if ((!options || options.writable !== false) && isWritable(stream)) {
        return false;
    }
    return true;
}

function isWritableErrored(stream) {
    if (!isNodeStream(stream)) {
        return null;
    }
    if (stream.writableErrored) {
        return stream.writableErrored;
    }
    return (stream._writableState && stream._writableState.errored) ?? null;
}

function isReadableErrored(stream) {
    if (!isNodeStream(stream)) {
        return null;
    }
    if (stream.readableErrored) {
        return stream.readableErrored;
    }
    return (stream._readableState && stream._readableState.errored) ?? null;
}

function isClosed(stream) {
    if (!isNodeStream(stream)) {
        return null;
    }
    const w = stream._writableState;
    const r = stream._readableState;
    if (typeof (w && w.closed) === "boolean" || typeof (r && r.closed) === "boolean") {
        return (w && w.closed) || (r && r.closed);
    }
    return null;
}

function willEmitClose(stream) {
    if (!isNodeStream(stream)) {
        return null;
    }
    const state = stream._writableState || stream._readableState;
    return Boolean(state && state.autoDestroy && state.emitClose && state.closed === false);
}

function isErrored(stream) {
    return Boolean(stream && (stream[kIsErrored] ?? stream.readableErrored ?? stream.writableErrored ??
        stream._readableState?.errorEmitted ?? stream._writableState?.errorEmitted ??
        stream._readableState?.errored ?? stream._writableState?.errored));
}

function isDisturbed(stream) {
    return Boolean(stream && (stream[kIsDisturbed] ?? (stream.readableDidRead || stream.readableAborted)));
}

// ---------------------------------------------------------------------------------------------------------------
// destroy, errors and _construct (node's internal/streams/destroy)

const kDestroy = Symbol("kDestroy");
const kConstruct = Symbol("kConstruct");

function recordError(err, w, r) {
    if (err) {
        if (w && !w.errored) {
            w.errored = err;
        }
        if (r && !r.errored) {
            r.errored = err;
        }
    }
}

function destroy(err, cb) {
    const r = this._readableState;
    const w = this._writableState;
    const state = w || r;
    if ((w && w.destroyed) || (r && r.destroyed)) {
        if (typeof cb === "function") {
            cb();
        }
        return this;
    }
    recordError(err, w, r);
    if (w) {
        w.destroyed = true;
    }
    if (r) {
        r.destroyed = true;
    }
    if (!state.constructed) {
        this.once(kDestroy, function onConstructed(constructError) {
            runDestroy(this, aggregateTwoErrors(constructError, err), cb);
        });
    } else {
        runDestroy(this, err, cb);
    }
    return this;
}

function runDestroy(stream, err, cb) {
    let called = false;
    function onDestroy(error) {
        if (called) {
            return;
        }
        called = true;
        const r = stream._readableState;
        const w = stream._writableState;
        recordError(error, w, r);
        if (w) {
            w.closed = true;
        }
        if (r) {
            r.closed = true;
        }
        if (typeof cb === "function") {
            cb(error);
        }
        if (error) {
            defer(emitErrorThenClose, stream, error);
        } else {
            defer(emitClose, stream);
        }
    }
    try {
        stream._destroy(err || null, onDestroy);
    } catch (error) {
        onDestroy(error);
    }
}

function emitErrorThenClose(stream, err) {
    emitError(stream, err);
    emitClose(stream);
}

function emitClose(stream) {
    const r = stream._readableState;
    const w = stream._writableState;
    if (w) {
        w.closeEmitted = true;
    }
    if (r) {
        r.closeEmitted = true;
    }
    if ((w && w.emitClose) || (r && r.emitClose)) {
        stream.emit("close");
    }
}

function emitError(stream, err) {
    const r = stream._readableState;
    const w = stream._writableState;
    if ((w && w.errorEmitted) || (r && r.errorEmitted)) {
        return;
    }
    if (w) {
        w.errorEmitted = true;
    }
    if (r) {
        r.errorEmitted = true;
    }
    stream.emit("error", err);
}

function undestroy() {
    const r = this._readableState;
    const w = this._writableState;
    if (r) {
        r.constructed = true;
        r.closed = false;
        r.closeEmitted = false;
        r.destroyed = false;
        r.errored = null;
        r.errorEmitted = false;
        r.reading = false;
        r.ended = r.readable === false;
        r.endEmitted = r.readable === false;
    }
    if (w) {
        w.constructed = true;
        w.destroyed = false;
        w.closed = false;
        w.closeEmitted = false;
        w.errored = null;
        w.errorEmitted = false;
        w.finalCalled = false;
        w.prefinished = false;
        w.ended = w.writable === false;
        w.ending = w.writable === false;
        w.finished = w.writable === false;
    }
}

// An error from inside the machinery: destroys the stream when it auto-destroys, else just emits 'error'.
function errorOrDestroy(stream, err, sync) {
    const r = stream._readableState;
    const w = stream._writableState;
    if ((w && w.destroyed) || (r && r.destroyed)) {
        return;
    }
    if ((r && r.autoDestroy) || (w && w.autoDestroy)) {
        stream.destroy(err);
    } else if (err) {
        recordError(err, w, r);
        if (sync) {
            defer(emitError, stream, err);
        } else {
            emitError(stream, err);
        }
    }
}

// Runs `_construct` after the constructor returns; `onConstructed` resumes whatever waited for it.
function construct(stream, onConstructed) {
    if (typeof stream._construct !== "function") {
        return;
    }
    const r = stream._readableState;
    const w = stream._writableState;
    if (r) {
        r.constructed = false;
    }
    if (w) {
        w.constructed = false;
    }
    stream.once(kConstruct, onConstructed);
    if (stream.listenerCount(kConstruct) > 1) {
        return;
    }
    defer(runConstruct, stream);
}

function runConstruct(stream) {
    let called = false;
    function onConstruct(err) {
        if (called) {
            errorOrDestroy(stream, err ?? errors.multipleCallback());
            return;
        }
        called = true;
        const r = stream._readableState;
        const w = stream._writableState;
        const state = w || r;
        if (r) {
            r.constructed = true;
        }
        if (w) {
            w.constructed = true;
        }
        if (state.destroyed) {
            stream.emit(kDestroy, err);
        } else if (err) {
            errorOrDestroy(stream, err, true);
        } else {
            stream.emit(kConstruct);
        }
    }
    try {
        stream._construct((err) => defer(onConstruct, err));
    } catch (err) {
        defer(onConstruct, err);
    }
}

// Destroys anything stream-like, the way pipeline and the async iterator give up on a stream.
function destroyer(stream, err) {
    if (!stream || isDestroyed(stream)) {
        return;
    }
    if (!err && !isFinished(stream)) {
        err = new AbortError();
    }
    if (typeof stream.destroy === "function") {
        stream.destroy(err);
    } else if (typeof stream.close === "function") {
        stream.close();
    } else if (err) {
        defer((s, e) => s.emit("error", e), stream, err);
    } else {
        defer((s) => s.emit("close"), stream);
    }
    if (!stream.destroyed) {
        stream[kIsDestroyed] = true;
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Legacy Stream

function Stream(options) {
    EE.call(this, options);
}
Object.setPrototypeOf(Stream.prototype, EE.prototype);
Object.setPrototypeOf(Stream, EE);

// The pre-streams2 pipe: "data" to write(), pause on false, resume on "drain", end on "end".
Stream.prototype.pipe = function pipe(dest, options) {
    const source = this;
    function ondata(chunk) {
        if (dest.writable && dest.write(chunk) === false && source.pause) {
            source.pause();
        }
    }
    function ondrain() {
        if (source.readable && source.resume) {
            source.resume();
        }
    }
    let didOnEnd = false;
    function onend() {
        if (!didOnEnd) {
            didOnEnd = true;
            dest.end();
        }
    }
    function onclose() {
        if (!didOnEnd) {
            didOnEnd = true;
            if (typeof dest.destroy === "function") {
                dest.destroy();
            }
        }
    }
    function onerror(err) {
        cleanup();
        if (EE.listenerCount(this, "error") === 0) {
            this.emit("error", err);
        }
    }
    function cleanup() {
        source.removeListener("data", ondata);
        dest.removeListener("drain", ondrain);
        source.removeListener("end", onend);
        source.removeListener("close", onclose);
        source.removeListener("error", onerror);
        dest.removeListener("error", onerror);
        source.removeListener("end", cleanup);
        source.removeListener("close", cleanup);
        dest.removeListener("close", cleanup);
    }
    source.on("data", ondata);
    dest.on("drain", ondrain);
    if (!dest._isStdio && (!options || options.end !== false)) {
        source.on("end", onend);
        source.on("close", onclose);
    }
    prependListener(source, "error", onerror);
    prependListener(dest, "error", onerror);
    source.on("end", cleanup);
    source.on("close", cleanup);
    dest.on("close", cleanup);
    dest.emit("pipe", source);
    return dest;
};

// Emitters that predate prependListener get the listener put first by hand.
function prependListener(emitter, event, fn) {
    if (typeof emitter.prependListener === "function") {
        emitter.prependListener(event, fn);
    } else if (!emitter._events || !emitter._events[event]) {
        emitter.on(event, fn);
    } else if (Array.isArray(emitter._events[event])) {
        emitter._events[event].unshift(fn);
    } else {
        emitter._events[event] = [fn, emitter._events[event]];
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Readable

function ReadableState(options, stream, isDuplex) {
    if (typeof isDuplex !== "boolean") {
        isDuplex = stream instanceof Duplex;
    }
    this.objectMode = Boolean(options && options.objectMode);
    if (isDuplex) {
        this.objectMode = this.objectMode || Boolean(options && options.readableObjectMode);
    }
    this.highWaterMark = options ? getHighWaterMark(this.objectMode, options, "readableHighWaterMark", isDuplex) : getDefaultHighWaterMark(false);
    this.buffer = [];
    this.length = 0;
    this.pipes = [];
    this.flowing = null;
    this.paused = null;
    this.ended = false;
    this.endEmitted = false;
    this.reading = false;
    this.constructed = true;
    // While _read runs synchronously, pushed data is buffered rather than emitted, so that 'data' never fires
    // from inside read().
    this.sync = true;
    this.needReadable = false;
    this.emittedReadable = false;
    this.readableListening = false;
    this.resumeScheduled = false;
    this.errorEmitted = false;
    this.emitClose = !options || options.emitClose !== false;
    this.autoDestroy = !options || options.autoDestroy !== false;
    this.destroyed = false;
    this.errored = null;
    this.closed = false;
    this.closeEmitted = false;
    this.defaultEncoding = (options && options.defaultEncoding) || "utf8";
    this.awaitDrainWriters = null;
    this.multiAwaitDrain = false;
    this.readingMore = false;
    this.dataEmitted = false;
    this.decoder = null;
    this.encoding = null;
    if (options && options.encoding) {
        this.decoder = newDecoder(options.encoding);
        this.encoding = options.encoding;
    }
}

function Readable(options) {
    if (!(this instanceof Readable)) {
        return new Readable(options);
    }
    const isDuplex = this instanceof Duplex;
    this._readableState = new ReadableState(options, this, isDuplex);
    if (options) {
        if (typeof options.read === "function") {
            this._read = options.read;
        }
        if (typeof options.destroy === "function") {
            this._destroy = options.destroy;
        }
        if (typeof options.construct === "function") {
            this._construct = options.construct;
        }
        if (options.signal && !isDuplex) {
            addAbortSignal(options.signal, this);
        }
    }
    Stream.call(this, options);
    construct(this, () => {
        if (this._readableState.needReadable) {
            maybeReadMore(this, this._readableState);
        }
    });
}
Object.setPrototypeOf(Readable.prototype, Stream.prototype);
Object.setPrototypeOf(Readable, Stream);

Readable.ReadableState = ReadableState;
Readable.prototype.destroy = destroy;
Readable.prototype._undestroy = undestroy;
Readable.prototype._destroy = function _destroy(err, cb) {
    cb(err);
};

// With captureRejections, a rejected async listener destroys the stream.
Readable.prototype[EE.captureRejectionSymbol] = function captureRejection(err) {
    this.destroy(err);
};

Readable.prototype.push = function push(chunk, encoding) {
    return addReadableChunk(this, chunk, encoding, false);
};

Readable.prototype.unshift = function unshift(chunk, encoding) {
    return addReadableChunk(this, chunk, encoding, true);
};

// Turns a pushed chunk into what the buffer holds: a Buffer (or, with an encoding set, a string), or an error.
function normalizeReadableChunk(state, chunk, encoding, addToFront) {
    if (typeof chunk === "string") {
        encoding = encoding || state.defaultEncoding;
        if (state.encoding !== encoding) {
            if (addToFront && state.encoding) {
                return { chunk: getBuffer().from(chunk, encoding).toString(state.encoding), encoding };
            }
            return { chunk: getBuffer().from(chunk, encoding), encoding: "" };
        }
        return { chunk, encoding };
    }
    if (chunk instanceof getBuffer()) {
        return { chunk, encoding: "" };
    }
    if (ArrayBuffer.isView(chunk)) {
        return { chunk: viewToBuffer(chunk), encoding: "" };
    }
    if (chunk != null) {
        return { error: invalidArgType("chunk", CHUNK_TYPES, chunk) };
    }
    return { chunk, encoding };
}

function addReadableChunk(stream, chunk, encoding, addToFront) {
    const state = stream._readableState;
    if (!state.objectMode) {
        const normalized = normalizeReadableChunk(state, chunk, encoding, addToFront);
        if (normalized.error) {
            errorOrDestroy(stream, normalized.error);
            return readableWantsMore(state);
        }
        chunk = normalized.chunk;
        encoding = normalized.encoding;
    }
    if (chunk === null) {
        state.reading = false;
        onEndOfChunks(stream, state);
    } else if (state.objectMode || (chunk && chunk.length > 0)) {
        if (addToFront) {
            if (state.endEmitted) {
                errorOrDestroy(stream, errors.unshiftAfterEnd());
            } else if (state.destroyed || state.errored) {
                return false;
            } else {
                addChunk(stream, state, chunk, true);
            }
        } else if (state.ended) {
            errorOrDestroy(stream, errors.pushAfterEof());
        } else if (state.destroyed || state.errored) {
            return false;
        } else {
            state.reading = false;
            if (state.decoder && !encoding) {
                chunk = state.decoder.write(chunk);
                if (state.objectMode || chunk.length !== 0) {
                    addChunk(stream, state, chunk, false);
                } else {
                    maybeReadMore(stream, state);
                }
            } else {
                addChunk(stream, state, chunk, false);
            }
        }
    } else if (!addToFront) {
        state.reading = false;
        maybeReadMore(stream, state);
    }
    return readableWantsMore(state);
}

function readableWantsMore(state) {
    return !state.ended && (state.length < state.highWaterMark || state.length === 0);
}

function clearAwaitDrain(state) {
    if (state.multiAwaitDrain) {
        state.awaitDrainWriters.clear();
    } else {
        state.awaitDrainWriters = null;
    }
}

function addChunk(stream, state, chunk, addToFront) {
    if (state.flowing && state.length === 0 && !state.sync && stream.listenerCount("data") > 0) {
        // Flowing with nothing buffered: hand the chunk straight to the consumer.
        clearAwaitDrain(state);
        state.dataEmitted = true;
        stream.emit("data", chunk);
    } else {
        state.length += state.objectMode ? 1 : chunk.length;
        if (addToFront) {
            state.buffer.unshift(chunk);
        } else {
            state.buffer.push(chunk);
        }
        if (state.needReadable) {
            emitReadable(stream);
        }
    }
    maybeReadMore(stream, state);
}

Readable.prototype.isPaused = function isPaused() {
    const state = this._readableState;
    return state.paused === true || state.flowing === false;
};

Readable.prototype.setEncoding = function setEncoding(encoding) {
    const decoder = newDecoder(encoding);
    const state = this._readableState;
    state.decoder = decoder;
    state.encoding = decoder.encoding;
    let content = "";
    for (const data of state.buffer) {
        content += decoder.write(data);
    }
    state.buffer.length = 0;
    if (content !== "") {
        state.buffer.push(content);
    }
    state.length = content.length;
    return this;
};

const MAX_HIGH_WATER_MARK = 0x40000000;

// Reading more than the highWaterMark at once raises it to the next power of two.
function computeNewHighWaterMark(n) {
    if (n > MAX_HIGH_WATER_MARK) {
        throw outOfRange("size", "<= 1GiB", n);
    }
    n--;
    n |= n >>> 1;
    n |= n >>> 2;
    n |= n >>> 4;
    n |= n >>> 8;
    n |= n >>> 16;
    return n + 1;
}

function howMuchToRead(n, state) {
    if (n <= 0 || (state.length === 0 && state.ended)) {
        return 0;
    }
    if (state.objectMode) {
        return 1;
    }
    if (Number.isNaN(n)) {
        // Flowing mode hands out one buffered chunk at a time; read() with no size returns everything.
        if (state.flowing && state.length) {
            return state.objectMode ? 1 : state.buffer[0].length;
        }
        return state.length;
    }
    if (n <= state.length) {
        return n;
    }
    return state.ended ? state.length : 0;
}

Readable.prototype.read = function read(n) {
    if (n === undefined) {
        n = NaN;
    } else if (!Number.isInteger(n)) {
        n = Number.parseInt(n, 10);
    }
    const state = this._readableState;
    const requested = n;
    if (n > state.highWaterMark) {
        state.highWaterMark = computeNewHighWaterMark(n);
    }
    if (n !== 0) {
        state.emittedReadable = false;
    }
    // read(0) with enough buffered (or at the end) only triggers 'readable' (or 'end').
    if (n === 0 && state.needReadable &&
        ((state.highWaterMark !== 0 ? state.length >= state.highWaterMark : state.length > 0) || state.ended)) {
        if (state.length === 0 && state.ended) {
            endReadable(this);
        } else {
            emitReadable(this);
        }
        return null;
    }
    n = howMuchToRead(n, state);
    if (n === 0 && state.ended) {
        if (state.length === 0) {
            endReadable(this);
        }
        return null;
    }
    // Ask the implementation for more when the buffer would fall below the highWaterMark.
    let doRead = state.needReadable;
    if (state.length === 0 || state.length - n < state.highWaterMark) {
        doRead = true;
    }
    if (state.ended || state.reading || state.destroyed || state.errored || !state.constructed) {
        doRead = false;
    } else if (doRead) {
        state.reading = true;
        state.sync = true;
        if (state.length === 0) {
            state.needReadable = true;
        }
        try {
            this._read(state.highWaterMark);
        } catch (err) {
            errorOrDestroy(this, err);
        }
        state.sync = false;
        if (!state.reading) {
            n = howMuchToRead(requested, state);
        }
    }
    let chunk = n > 0 ? takeFromBuffer(n, state) : null;
    if (chunk === null) {
        state.needReadable = state.length <= state.highWaterMark;
        n = 0;
    } else {
        state.length -= n;
        clearAwaitDrain(state);
    }
    if (state.length === 0) {
        if (!state.ended) {
            state.needReadable = true;
        }
        if (requested !== n && state.ended) {
            endReadable(this);
        }
    }
    if (chunk !== null && !state.errorEmitted && !state.closeEmitted) {
        state.dataEmitted = true;
        this.emit("data", chunk);
    }
    return chunk;
};

// Takes `n` bytes (or characters, or one object) off the front of the buffer.
function takeFromBuffer(n, state) {
    const buffer = state.buffer;
    if (state.length === 0) {
        return null;
    }
    if (state.objectMode) {
        return buffer.shift();
    }
    if (!n || n >= state.length) {
        let all;
        if (state.decoder) {
            all = buffer.join("");
        } else if (buffer.length === 1) {
            all = buffer[0];
        } else {
            all = getBuffer().concat(buffer, state.length);
        }
        buffer.length = 0;
        return all;
    }
    return takePartial(n, buffer, Boolean(state.decoder));
}

function takePartial(n, buffer, strings) {
    const first = buffer[0];
    if (n < first.length) {
        buffer[0] = first.slice(n);
        return first.slice(0, n);
    }
    if (n === first.length) {
        return buffer.shift();
    }
    if (strings) {
        let out = "";
        while (n > 0) {
            const piece = buffer[0];
            if (n >= piece.length) {
                out += piece;
                n -= piece.length;
                buffer.shift();
            } else {
                out += piece.slice(0, n);
                buffer[0] = piece.slice(n);
                n = 0;
            }
        }
        return out;
    }
    const out = getBuffer().allocUnsafe(n);
    let offset = 0;
    while (offset < n) {
        const piece = buffer[0];
        const wanted = n - offset;
        if (wanted >= piece.length) {
            out.set(piece, offset);
            offset += piece.length;
            buffer.shift();
        } else {
            out.set(piece.subarray(0, wanted), offset);
            buffer[0] = piece.subarray(wanted);
            offset = n;
        }
    }
    return out;
}

Readable._fromList = takeFromBuffer;

function onEndOfChunks(stream, state) {
    if (state.ended) {
        return;
    }
    if (state.decoder) {
        const rest = state.decoder.end();
        if (rest && rest.length) {
            state.buffer.push(rest);
            state.length += state.objectMode ? 1 : rest.length;
        }
    }
    state.ended = true;
    if (state.sync) {
        emitReadable(stream);
    } else {
        state.needReadable = false;
        state.emittedReadable = true;
        emitReadableNow(stream);
    }
}

function emitReadable(stream) {
    const state = stream._readableState;
    state.needReadable = false;
    if (!state.emittedReadable) {
        state.emittedReadable = true;
        defer(emitReadableNow, stream);
    }
}

function emitReadableNow(stream) {
    const state = stream._readableState;
    if (!state.destroyed && !state.errored && (state.length || state.ended)) {
        stream.emit("readable");
        state.emittedReadable = false;
    }
    state.needReadable = !state.flowing && !state.ended && state.length <= state.highWaterMark;
    flow(stream);
}

// Reads ahead (up to the highWaterMark) while nobody is consuming, so the data is ready when they do.
function maybeReadMore(stream, state) {
    if (!state.readingMore && state.constructed) {
        state.readingMore = true;
        defer(readMore, stream, state);
    }
}

function readMore(stream, state) {
    while (!state.reading && !state.ended && (state.length < state.highWaterMark || (state.flowing && state.length === 0))) {
        const before = state.length;
        stream.read(0);
        if (before === state.length) {
            break;
        }
    }
    state.readingMore = false;
}

Readable.prototype._read = function _read() {
    throw errors.notImplemented("_read()");
};

Readable.prototype.pipe = function pipe(dest, pipeOptions) {
    const src = this;
    const state = this._readableState;
    if (state.pipes.length === 1 && !state.multiAwaitDrain) {
        state.multiAwaitDrain = true;
        state.awaitDrainWriters = new Set(state.awaitDrainWriters ? [state.awaitDrainWriters] : []);
    }
    state.pipes.push(dest);
    const doEnd = !pipeOptions || pipeOptions.end !== false;
    const endFn = doEnd ? onend : unpipe;
    if (state.endEmitted) {
        defer(endFn);
    } else {
        src.once("end", endFn);
    }
    dest.on("unpipe", onunpipe);
    function onunpipe(readable, unpipeInfo) {
        if (readable === src && unpipeInfo && unpipeInfo.hasUnpiped === false) {
            unpipeInfo.hasUnpiped = true;
            cleanup();
        }
    }
    function onend() {
        dest.end();
    }
    let ondrain = null;
    let cleanedUp = false;
    function cleanup() {
        dest.removeListener("close", onclose);
        dest.removeListener("finish", onfinish);
        if (ondrain) {
            dest.removeListener("drain", ondrain);
        }
        dest.removeListener("error", onerror);
        dest.removeListener("unpipe", onunpipe);
        src.removeListener("end", onend);
        src.removeListener("end", unpipe);
        src.removeListener("data", ondata);
        cleanedUp = true;
        // A cleaned-up pipe must not leave the source waiting for this destination's 'drain'.
        if (ondrain && state.awaitDrainWriters && (!dest._writableState || dest._writableState.needDrain)) {
            ondrain();
        }
    }
    function pause() {
        if (!cleanedUp) {
            if (state.pipes.length === 1 && state.pipes[0] === dest) {
                state.awaitDrainWriters = dest;
                state.multiAwaitDrain = false;
            } else if (state.pipes.length > 1 && state.pipes.includes(dest)) {
                state.awaitDrainWriters.add(dest);
            }
            src.pause();
        }
        if (!ondrain) {
            ondrain = pipeOnDrain(src, dest);
            dest.on("drain", ondrain);
        }
    }
    function ondata(chunk) {
        if (dest.write(chunk) === false) {
            pause();
        }
    }
    src.on("data", ondata);
    function onerror(err) {
        unpipe();
        dest.removeListener("error", onerror);
        if (dest.listenerCount("error") === 0) {
            const destState = dest._writableState || dest._readableState;
            if (destState && !destState.errorEmitted) {
                errorOrDestroy(dest, err);
            } else {
                dest.emit("error", err);
            }
        }
    }
    prependListener(dest, "error", onerror);
    function onclose() {
        dest.removeListener("finish", onfinish);
        unpipe();
    }
    dest.once("close", onclose);
    function onfinish() {
        dest.removeListener("close", onclose);
        unpipe();
    }
    dest.once("finish", onfinish);
    function unpipe() {
        src.unpipe(dest);
    }
    dest.emit("pipe", src);
    if (dest.writableNeedDrain === true) {
        pause();
    } else if (!state.flowing) {
        src.resume();
    }
    return dest;
};

function pipeOnDrain(src, dest) {
    return function pipeOnDrainFunctionResult() {
        const state = src._readableState;
        if (state.awaitDrainWriters === dest) {
            state.awaitDrainWriters = null;
        } else if (state.multiAwaitDrain) {
            state.awaitDrainWriters.delete(dest);
        }
        if ((!state.awaitDrainWriters || state.awaitDrainWriters.size === 0) && src.listenerCount("data")) {
            src.resume();
        }
    };
}

Readable.prototype.unpipe = function unpipe(dest) {
    const state = this._readableState;
    if (state.pipes.length === 0) {
        return this;
    }
    if (!dest) {
        const dests = state.pipes;
        state.pipes = [];
        this.pause();
        for (const each of dests) {
            each.emit("unpipe", this, { hasUnpiped: false });
        }
        return this;
    }
    const index = state.pipes.indexOf(dest);
    if (index === -1) {
        return this;
    }
    state.pipes.splice(index, 1);
    if (state.pipes.length === 0) {
        this.pause();
    }
    dest.emit("unpipe", this, { hasUnpiped: false });
    return this;
};

// Adding a 'data' listener starts the flow; a 'readable' listener switches to explicit read() calls.
Readable.prototype.on = function on(event, fn) {
    const result = Stream.prototype.on.call(this, event, fn);
    const state = this._readableState;
    if (event === "data") {
        state.readableListening = this.listenerCount("readable") > 0;
        if (state.flowing !== false) {
            this.resume();
        }
    } else if (event === "readable" && !state.endEmitted && !state.readableListening) {
        state.readableListening = true;
        state.needReadable = true;
        state.flowing = false;
        state.emittedReadable = false;
        if (state.length) {
            emitReadable(this);
        } else if (!state.reading) {
            defer(readZero, this);
        }
    }
    return result;
};
Readable.prototype.addListener = Readable.prototype.on;

Readable.prototype.removeListener = function removeListener(event, fn) {
    const result = Stream.prototype.removeListener.call(this, event, fn);
    if (event === "readable") {
        defer(updateReadableListening, this);
    }
    return result;
};
Readable.prototype.off = Readable.prototype.removeListener;

Readable.prototype.removeAllListeners = function removeAllListeners(event) {
    const result = Stream.prototype.removeAllListeners.apply(this, arguments);
    if (event === "readable" || event === undefined) {
        defer(updateReadableListening, this);
    }
    return result;
};

function updateReadableListening(stream) {
    const state = stream._readableState;
    state.readableListening = stream.listenerCount("readable") > 0;
    if (state.resumeScheduled && state.paused === false) {
        state.flowing = true;
    } else if (stream.listenerCount("data") > 0) {
        stream.resume();
    } else if (!state.readableListening) {
        state.flowing = null;
    }
}

function readZero(stream) {
    stream.read(0);
}

Readable.prototype.resume = function resume() {
    const state = this._readableState;
    if (!state.flowing) {
        // With a 'readable' listener the stream stays in explicit-read mode.
        state.flowing = !state.readableListening;
        if (!state.resumeScheduled) {
            state.resumeScheduled = true;
            defer(resumeNow, this, state);
        }
    }
    state.paused = false;
    return this;
};

function resumeNow(stream, state) {
    if (!state.reading) {
        stream.read(0);
    }
    state.resumeScheduled = false;
    stream.emit("resume");
    flow(stream);
    if (state.flowing && !state.reading) {
        stream.read(0);
    }
}

Readable.prototype.pause = function pause() {
    const state = this._readableState;
    if (state.flowing !== false) {
        state.flowing = false;
        this.emit("pause");
    }
    state.paused = true;
    return this;
};

function flow(stream) {
    const state = stream._readableState;
    while (state.flowing && stream.read() !== null);
}

// Wraps a pre-streams2 stream (only 'data'/'end' events, pause/resume) as a Readable.
Readable.prototype.wrap = function wrap(stream) {
    let paused = false;
    stream.on("data", (chunk) => {
        if (!this.push(chunk) && stream.pause) {
            paused = true;
            stream.pause();
        }
    });
    stream.on("end", () => {
        this.push(null);
    });
    stream.on("error", (err) => {
        errorOrDestroy(this, err);
    });
    stream.on("close", () => {
        this.destroy();
    });
    stream.on("destroy", () => {
        this.destroy();
    });
    this._read = () => {
        if (paused && stream.resume) {
            paused = false;
            stream.resume();
        }
    };
    for (const key of Object.keys(stream)) {
        if (this[key] === undefined && typeof stream[key] === "function") {
            this[key] = stream[key].bind(stream);
        }
    }
    return this;
};

Readable.prototype[Symbol.asyncIterator] = function asyncIterator() {
    return readableIterator(this);
};

Readable.prototype.iterator = function iterator(options) {
    if (options !== undefined) {
        validateObject(options, "options");
    }
    return readableIterator(this, options);
};

// The async iterator: read() whatever is buffered, else wait for 'readable' or the end. Leaving the loop
// early destroys the stream unless `destroyOnReturn: false`.
async function* readableIterator(stream, options) {
    let wake = nop;
    function next(resolve) {
        if (this === stream) {
            wake();
            wake = nop;
        } else {
            wake = resolve;
        }
    }
    stream.on("readable", next);
    let error;
    const cleanup = eos(stream, { writable: false }, (err) => {
        error = err ? aggregateTwoErrors(error, err) : null;
        wake();
        wake = nop;
    });
    try {
        while (true) {
            const chunk = stream.destroyed ? null : stream.read();
            if (chunk !== null) {
                yield chunk;
            } else if (error) {
                throw error;
            } else if (error === null) {
                return;
            } else {
                await new Promise(next);
            }
        }
    } catch (err) {
        error = aggregateTwoErrors(error, err);
        throw error;
    } finally {
        if ((error || !options || options.destroyOnReturn !== false) && (error === undefined || stream._readableState.autoDestroy)) {
            destroyer(stream, null);
        } else {
            stream.off("readable", next);
            cleanup();
        }
    }
}

function defineAccessors(proto, accessors) {
    for (const [name, descriptor] of Object.entries(accessors)) {
        Object.defineProperty(proto, name, { enumerable: false, configurable: true, ...descriptor });
    }
}

defineAccessors(Readable.prototype, {
    readable: {
        get() {
            const r = this._readableState;
            return Boolean(r) && r.readable !== false && !r.destroyed && !r.errorEmitted && !r.endEmitted;
        },
        set(value) {
            if (this._readableState) {
                this._readableState.readable = Boolean(value);
            }
        },
    },
    readableDidRead: { get() { return this._readableState.dataEmitted; } },
    readableAborted: {
        get() {
            const r = this._readableState;
            return Boolean(r.readable !== false && (r.destroyed || r.errored) && !r.endEmitted);
        },
    },
    readableHighWaterMark: { get() { return this._readableState.highWaterMark; } },
    readableBuffer: { get() { return this._readableState && this._readableState.buffer; } },
    readableFlowing: {
        get() { return this._readableState.flowing; },
        set(value) {
            if (this._readableState) {
                this._readableState.flowing = value;
            }
        },
    },
    readableLength: { get() { return this._readableState.length; } },
    readableObjectMode: { get() { return this._readableState ? this._readableState.objectMode : false; } },
    readableEncoding: { get() { return this._readableState ? this._readableState.encoding : null; } },
    errored: { get() { return this._readableState ? this._readableState.errored : null; } },
    closed: { get() { return this._readableState ? this._readableState.closed : false; } },
    destroyed: {
        get() { return this._readableState ? this._readableState.destroyed : false; },
        set(value) {
            if (this._readableState) {
                this._readableState.destroyed = value;
            }
        },
    },
    readableEnded: { get() { return this._readableState ? this._readableState.endEmitted : false; } },
});

function endReadable(stream) {
    const state = stream._readableState;
    if (!state.endEmitted) {
        state.ended = true;
        defer(emitEnd, state, stream);
    }
}

function emitEnd(state, stream) {
    if (state.errored || state.closeEmitted || state.endEmitted || state.length !== 0) {
        return;
    }
    state.endEmitted = true;
    stream.emit("end");
    if (stream.writable && stream.allowHalfOpen === false) {
        defer(endWritableSide, stream);
    } else if (state.autoDestroy) {
        // A Duplex is destroyed once both sides are done.
        const w = stream._writableState;
        if (!w || (w.autoDestroy && (w.finished || w.writable === false))) {
            stream.destroy();
        }
    }
}

function endWritableSide(stream) {
    if (stream.writable && !stream.writableEnded && !stream.destroyed) {
        stream.end();
    }
}

// Readable.from(iterable): a Readable (objectMode by default) pulling one item per _read.
function from(iterable, options) {
    if (typeof iterable === "string" || iterable instanceof getBuffer()) {
        return new Readable({
            objectMode: true,
            ...options,
            read() {
                this.push(iterable);
                this.push(null);
            },
        });
    }
    let iterator;
    let isAsync;
    if (iterable && typeof iterable[Symbol.asyncIterator] === "function") {
        isAsync = true;
        iterator = iterable[Symbol.asyncIterator]();
    } else if (iterable && typeof iterable[Symbol.iterator] === "function") {
        isAsync = false;
        iterator = iterable[Symbol.iterator]();
    } else {
        throw invalidArgType("iterable", "an instance of Iterable", iterable);
    }
    const readable = new Readable({ objectMode: true, highWaterMark: 1, ...options });
    let reading = false;
    readable._read = function _read() {
        if (!reading) {
            reading = true;
            pull();
        }
    };
    readable._destroy = function _destroy(error, cb) {
        closeIterator(iterator, error).then(() => defer(cb, error), (e) => defer(cb, e || error));
    };
    // Sync iterators are pulled synchronously until they hand out a promise; from then on, like async ones.
    async function pull() {
        for (;;) {
            try {
                const step = isAsync ? await iterator.next() : iterator.next();
                let { value } = step;
                if (step.done) {
                    readable.push(null);
                    return;
                }
                if (!isAsync && value && typeof value.then === "function") {
                    value = await value;
                }
                if (value === null) {
                    reading = false;
                    throw errors.nullValues();
                }
                if (readable.push(value)) {
                    continue;
                }
                reading = false;
            } catch (err) {
                readable.destroy(err);
            }
            break;
        }
    }
    return readable;
}

async function closeIterator(iterator, error) {
    const hadError = error !== undefined && error !== null;
    if (hadError && typeof iterator.throw === "function") {
        const { value, done } = await iterator.throw(error);
        await value;
        if (done) {
            return;
        }
    }
    if (typeof iterator.return === "function") {
        const { value } = await iterator.return();
        await value;
    }
}

Readable.from = from;

Readable.wrap = function wrap(src, options) {
    return new Readable({ objectMode: src.readableObjectMode ?? src.objectMode ?? true, ...options, destroy(err, callback) {
        destroyer(src, err);
        callback(err);
    } }).wrap(src);
};

// ---------------------------------------------------------------------------------------------------------------
// Readable operators (node's experimental stream/operators): sequential, so concurrency only bounds nothing.

function validateOperatorOptions(options) {
    if (options != null) {
        validateObject(options, "options");
    }
    if (options && options.signal != null) {
        validateAbortSignal(options.signal, "options.signal");
    }
}

function throwIfAborted(options) {
    if (options && options.signal && options.signal.aborted) {
        throw new AbortError(undefined, { cause: options.signal.reason });
    }
}

function operatorStream(source, generator) {
    return Readable.from(generator(), { objectMode: true }).once("close", () => {
        if (!source.destroyed) {
            destroyer(source, null);
        }
    });
}

const operators = {
    map(fn, options) {
        validateFunction(fn, "fn");
        validateOperatorOptions(options);
        const source = this;
        return operatorStream(this, async function* map() {
            for await (const value of source) {
                throwIfAborted(options);
                yield await fn(value, { signal: options?.signal });
            }
        });
    },
    filter(fn, options) {
        validateFunction(fn, "fn");
        validateOperatorOptions(options);
        const source = this;
        return operatorStream(this, async function* filter() {
            for await (const value of source) {
                throwIfAborted(options);
                if (await fn(value, { signal: options?.signal })) {
                    yield value;
                }
            }
        });
    },
    flatMap(fn, options) {
        validateFunction(fn, "fn");
        validateOperatorOptions(options);
        const source = this;
        return operatorStream(this, async function* flatMap() {
            for await (const value of source) {
                yield* await fn(value, { signal: options?.signal });
            }
        });
    },
    drop(count, options) {
        validateOperatorOptions(options);
        count = toIntegerOrInfinity(count);
        const source = this;
        return operatorStream(this, async function* drop() {
            let dropped = 0;
            for await (const value of source) {
                throwIfAborted(options);
                if (dropped++ >= count) {
                    yield value;
                }
            }
        });
    },
    take(count, options) {
        validateOperatorOptions(options);
        count = toIntegerOrInfinity(count);
        const source = this;
        return operatorStream(this, async function* take() {
            if (count <= 0) {
                return;
            }
            let taken = 0;
            for await (const value of source) {
                throwIfAborted(options);
                yield value;
                if (++taken >= count) {
                    return;
                }
            }
        });
    },
    asIndexedPairs(options) {
        validateOperatorOptions(options);
        const source = this;
        return operatorStream(this, async function* asIndexedPairs() {
            let index = 0;
            for await (const value of source) {
                yield [index++, value];
            }
        });
    },
    async forEach(fn, options) {
        validateFunction(fn, "fn");
        validateOperatorOptions(options);
        for await (const value of this) {
            throwIfAborted(options);
            await fn(value, { signal: options?.signal });
        }
    },
    async toArray(options) {
        validateOperatorOptions(options);
        const result = [];
        for await (const value of this) {
            throwIfAborted(options);
            result.push(value);
        }
        return result;
    },
    async some(fn, options) {
        validateFunction(fn, "fn");
        for await (const value of this) {
            if (await fn(value, { signal: options?.signal })) {
                return true;
            }
        }
        return false;
    },
    async every(fn, options) {
        validateFunction(fn, "fn");
        for await (const value of this) {
            if (!(await fn(value, { signal: options?.signal }))) {
                return false;
            }
        }
        return true;
    },
    async find(fn, options) {
        validateFunction(fn, "fn");
        for await (const value of this) {
            if (await fn(value, { signal: options?.signal })) {
                return value;
            }
        }
        return undefined;
    },
    async reduce(reducer, ...rest) {
        validateFunction(reducer, "reducer");
        const options = rest[1];
        let hasInitial = rest.length > 0;
        let accumulator = rest[0];
        for await (const value of this) {
            throwIfAborted(options);
            if (!hasInitial) {
                accumulator = value;
                hasInitial = true;
            } else {
                accumulator = await reducer(accumulator, value, { signal: options?.signal });
            }
        }
        if (!hasInitial) {
            throw codedError(TypeError, "ERR_INVALID_ARGS", "Reduce of an empty stream requires an initial value");
        }
        return accumulator;
    },
    compose(stream, options) {
        validateOperatorOptions(options);
        return compose(this, stream);
    },
};

function toIntegerOrInfinity(value) {
    const number = Number(value);
    if (Number.isNaN(number)) {
        return 0;
    }
    if (number < 0) {
        throw outOfRange("number", ">= 0", number);
    }
    return Number.isFinite(number) ? Math.trunc(number) : number;
}

for (const [name, fn] of Object.entries(operators)) {
    Object.defineProperty(Readable.prototype, name, { value: fn, enumerable: false, configurable: true, writable: true });
}

// ---------------------------------------------------------------------------------------------------------------
// Writable

const kOnFinished = Symbol("kOnFinished");

function WritableState(options, stream, isDuplex) {
    if (typeof isDuplex !== "boolean") {
        isDuplex = stream instanceof Duplex;
    }
    this.objectMode = Boolean(options && options.objectMode);
    if (isDuplex) {
        this.objectMode = this.objectMode || Boolean(options && options.writableObjectMode);
    }
    this.highWaterMark = options ? getHighWaterMark(this.objectMode, options, "writableHighWaterMark", isDuplex) : getDefaultHighWaterMark(false);
    this.finalCalled = false;
    this.needDrain = false;
    this.ending = false;
    this.ended = false;
    this.finished = false;
    this.destroyed = false;
    this.decodeStrings = !(options && options.decodeStrings === false);
    const defaultEncoding = options && options.defaultEncoding;
    if (defaultEncoding == null) {
        this.defaultEncoding = "utf8";
    } else if (getBuffer().isEncoding(defaultEncoding)) {
        this.defaultEncoding = defaultEncoding;
    } else {
        throw errors.unknownEncoding(defaultEncoding);
    }
    this.length = 0;
    this.writing = false;
    this.corked = 0;
    // A write callback run synchronously from _write is deferred, so that callbacks are always asynchronous.
    this.sync = true;
    this.bufferProcessing = false;
    this.onwrite = (err) => onwrite(stream, err);
    this.writecb = null;
    this.writelen = 0;
    this.afterWriteTickInfo = null;
    this.afterWritePending = false;
    this.buffered = [];
    this.bufferedIndex = 0;
    this.allBuffers = true;
    this.allNoop = true;
    this.pendingcb = 0;
    this.constructed = true;
    this.prefinished = false;
    this.errorEmitted = false;
    this.emitClose = !options || options.emitClose !== false;
    this.autoDestroy = !options || options.autoDestroy !== false;
    this.errored = null;
    this.closed = false;
    this.closeEmitted = false;
    this[kOnFinished] = [];
}

WritableState.prototype.getBuffer = function getBuffer() {
    return this.buffered.slice(this.bufferedIndex);
};

Object.defineProperty(WritableState.prototype, "bufferedRequestCount", {
    configurable: true,
    enumerable: false,
    get() {
        return this.buffered.length - this.bufferedIndex;
    },
});

function resetBuffer(state) {
    state.buffered = [];
    state.bufferedIndex = 0;
    state.allBuffers = true;
    state.allNoop = true;
}

function Writable(options) {
    const isDuplex = this instanceof Duplex;
    if (!isDuplex && !Function.prototype[Symbol.hasInstance].call(Writable, this)) {
        return new Writable(options);
    }
    this._writableState = new WritableState(options, this, isDuplex);
    if (options) {
        if (typeof options.write === "function") {
            this._write = options.write;
        }
        if (typeof options.writev === "function") {
            this._writev = options.writev;
        }
        if (typeof options.destroy === "function") {
            this._destroy = options.destroy;
        }
        if (typeof options.final === "function") {
            this._final = options.final;
        }
        if (typeof options.construct === "function") {
            this._construct = options.construct;
        }
        if (options.signal) {
            addAbortSignal(options.signal, this);
        }
    }
    Stream.call(this, options);
    construct(this, () => {
        const state = this._writableState;
        if (!state.writing) {
            clearBuffer(this, state);
        }
        finishMaybe(this, state);
    });
}
Object.setPrototypeOf(Writable.prototype, Stream.prototype);
Object.setPrototypeOf(Writable, Stream);

// A Duplex only inherits from Readable, but is a Writable too.
Object.defineProperty(Writable, Symbol.hasInstance, {
    value: function hasInstance(object) {
        if (Function.prototype[Symbol.hasInstance].call(this, object)) {
            return true;
        }
        if (this !== Writable) {
            return false;
        }
        return Boolean(object && object._writableState instanceof WritableState);
    },
});

Writable.WritableState = WritableState;

Writable.prototype.pipe = function pipe() {
    errorOrDestroy(this, codedError(Error, "ERR_STREAM_CANNOT_PIPE", "Cannot pipe, not readable"));
};

function writeChunk(stream, chunk, encoding, cb) {
    const state = stream._writableState;
    if (typeof encoding === "function") {
        cb = encoding;
        encoding = state.defaultEncoding;
    } else {
        if (!encoding) {
            encoding = state.defaultEncoding;
        } else if (encoding !== "buffer" && !getBuffer().isEncoding(encoding)) {
            throw errors.unknownEncoding(encoding);
        }
        if (typeof cb !== "function") {
            cb = nop;
        }
    }
    if (chunk === null) {
        throw errors.nullValues();
    } else if (!state.objectMode) {
        if (typeof chunk === "string") {
            if (state.decodeStrings !== false) {
                chunk = getBuffer().from(chunk, encoding);
                encoding = "buffer";
            }
        } else if (chunk instanceof getBuffer()) {
            encoding = "buffer";
        } else if (ArrayBuffer.isView(chunk)) {
            chunk = viewToBuffer(chunk);
            encoding = "buffer";
        } else {
            throw invalidArgType("chunk", CHUNK_TYPES, chunk);
        }
    }
    let err;
    if (state.ending) {
        err = errors.writeAfterEnd();
    } else if (state.destroyed) {
        err = errors.destroyed("write");
    }
    if (err) {
        defer(cb, err);
        errorOrDestroy(stream, err, true);
        return err;
    }
    state.pendingcb++;
    return writeOrBuffer(stream, state, chunk, encoding, cb);
}

Writable.prototype.write = function write(chunk, encoding, cb) {
    return writeChunk(this, chunk, encoding, cb) === true;
};

Writable.prototype.cork = function cork() {
    this._writableState.corked++;
};

Writable.prototype.uncork = function uncork() {
    const state = this._writableState;
    if (state.corked) {
        state.corked--;
        if (!state.writing) {
            clearBuffer(this, state);
        }
    }
};

Writable.prototype.setDefaultEncoding = function setDefaultEncoding(encoding) {
    if (typeof encoding === "string") {
        encoding = encoding.toLowerCase();
    }
    if (!getBuffer().isEncoding(encoding)) {
        throw errors.unknownEncoding(encoding);
    }
    this._writableState.defaultEncoding = encoding;
    return this;
};

// Writes now when idle, else queues; returns whether the caller may keep writing (backpressure). The answer
// is taken after a synchronous _write, so a write completed at once never asks for 'drain'.
function writeOrBuffer(stream, state, chunk, encoding, callback) {
    const length = state.objectMode ? 1 : chunk.length;
    state.length += length;
    if (state.writing || state.corked || state.errored || !state.constructed) {
        state.buffered.push({ chunk, encoding, callback });
        if (state.allBuffers && encoding !== "buffer") {
            state.allBuffers = false;
        }
        if (state.allNoop && callback !== nop) {
            state.allNoop = false;
        }
    } else {
        state.writelen = length;
        state.writecb = callback;
        state.writing = true;
        state.sync = true;
        stream._write(chunk, encoding, state.onwrite);
        state.sync = false;
    }
    const ok = state.length < state.highWaterMark || state.length === 0;
    if (!ok) {
        state.needDrain = true;
    }
    return ok && !state.errored && !state.destroyed;
}

function doWrite(stream, state, writev, length, chunk, encoding, callback) {
    state.writelen = length;
    state.writecb = callback;
    state.writing = true;
    state.sync = true;
    if (state.destroyed) {
        state.onwrite(errors.destroyed("write"));
    } else if (writev) {
        stream._writev(chunk, state.onwrite);
    } else {
        stream._write(chunk, encoding, state.onwrite);
    }
    state.sync = false;
}

function onwriteError(stream, state, err, cb) {
    --state.pendingcb;
    cb(err);
    errorBuffer(state);
    errorOrDestroy(stream, err);
}

function onwrite(stream, err) {
    const state = stream._writableState;
    const sync = state.sync;
    const cb = state.writecb;
    if (typeof cb !== "function") {
        errorOrDestroy(stream, errors.multipleCallback());
        return;
    }
    state.writing = false;
    state.writecb = null;
    state.length -= state.writelen;
    state.writelen = 0;
    if (err) {
        if (!state.errored) {
            state.errored = err;
        }
        if (stream._readableState && !stream._readableState.errored) {
            stream._readableState.errored = err;
        }
        if (sync) {
            defer(onwriteError, stream, state, err, cb);
        } else {
            onwriteError(stream, state, err, cb);
        }
        return;
    }
    if (state.buffered.length > state.bufferedIndex) {
        clearBuffer(stream, state);
    }
    if (!sync) {
        afterWrite(stream, state, 1, cb);
        return;
    }
    // A synchronous completion defers the user's callback (and 'drain'); with neither to run, there is
    // nothing to defer. Consecutive writes with the same callback share one deferred afterWrite. Node's test
    // here (an operator-precedence slip) also defers every objectMode write, and event order depends on it.
    const needTick = (state.needDrain && state.length === 0) || state.objectMode || cb !== nop;
    if (cb === nop) {
        if (!state.afterWritePending && needTick) {
            state.afterWritePending = true;
            defer(afterWrite, stream, state, 1, cb);
        } else {
            completeSilently(stream, state);
        }
    } else if (state.afterWriteTickInfo !== null && state.afterWriteTickInfo.cb === cb) {
        state.afterWriteTickInfo.count++;
    } else {
        state.afterWriteTickInfo = { count: 1, cb, stream, state };
        state.afterWritePending = true;
        defer(afterWriteTick, state.afterWriteTickInfo);
    }
}

function completeSilently(stream, state) {
    state.pendingcb--;
    if (state.ending) {
        finishMaybe(stream, state, true);
    }
}

function afterWriteTick(info) {
    info.state.afterWriteTickInfo = null;
    afterWrite(info.stream, info.state, info.count, info.cb);
}

function afterWrite(stream, state, count, cb) {
    state.afterWritePending = false;
    const needDrain = !state.ending && !state.destroyed && state.length === 0 && state.needDrain;
    if (needDrain) {
        state.needDrain = false;
        stream.emit("drain");
    }
    while (count-- > 0) {
        state.pendingcb--;
        cb(null);
    }
    if (state.destroyed) {
        errorBuffer(state);
    }
    // Like node, 'finish' after the last write callback waits for a tick.
    if (state.ending) {
        finishMaybe(stream, state, true);
    }
}

// Fails every queued write (and pending end callbacks) of a destroyed or errored stream.
function errorBuffer(state) {
    if (state.writing) {
        return;
    }
    for (let n = state.bufferedIndex; n < state.buffered.length; ++n) {
        const { chunk, callback } = state.buffered[n];
        state.length -= state.objectMode ? 1 : chunk.length;
        callback(state.errored ?? errors.destroyed("write"));
    }
    for (const callback of state[kOnFinished].splice(0)) {
        callback(state.errored ?? errors.destroyed("end"));
    }
    resetBuffer(state);
}

function clearBuffer(stream, state) {
    if (state.corked || state.bufferProcessing || state.destroyed || !state.constructed) {
        return;
    }
    const { buffered, bufferedIndex, objectMode } = state;
    const count = buffered.length - bufferedIndex;
    if (!count) {
        return;
    }
    let i = bufferedIndex;
    state.bufferProcessing = true;
    if (count > 1 && stream._writev) {
        state.pendingcb -= count - 1;
        const callback = state.allNoop ? nop : (err) => {
            for (let n = i; n < buffered.length; ++n) {
                buffered[n].callback(err);
            }
        };
        const chunks = state.allNoop && i === 0 ? buffered : buffered.slice(i);
        chunks.allBuffers = state.allBuffers;
        doWrite(stream, state, true, state.length, chunks, "", callback);
        resetBuffer(state);
    } else {
        do {
            const { chunk, encoding, callback } = buffered[i];
            buffered[i++] = null;
            doWrite(stream, state, false, objectMode ? 1 : chunk.length, chunk, encoding, callback);
        } while (i < buffered.length && !state.writing);
        if (i === buffered.length) {
            resetBuffer(state);
        } else if (i > 256) {
            buffered.splice(0, i);
            state.bufferedIndex = 0;
        } else {
            state.bufferedIndex = i;
        }
    }
    state.bufferProcessing = false;
}

Writable.prototype._write = function _write(chunk, encoding, cb) {
    if (this._writev) {
        this._writev([{ chunk, encoding }], cb);
    } else {
        throw errors.notImplemented("_write()");
    }
};

Writable.prototype._writev = null;

Writable.prototype.end = function end(chunk, encoding, cb) {
    const state = this._writableState;
    if (typeof chunk === "function") {
        cb = chunk;
        chunk = null;
        encoding = null;
    } else if (typeof encoding === "function") {
        cb = encoding;
        encoding = null;
    }
    let err;
    if (chunk !== null && chunk !== undefined) {
        const result = writeChunk(this, chunk, encoding);
        if (result instanceof Error) {
            err = result;
        }
    }
    if (state.corked) {
        state.corked = 1;
        this.uncork();
    }
    if (err) {
        // The write already failed; end() reports the same error to its callback.
    } else if (!state.errored && !state.ending) {
        state.ending = true;
        finishMaybe(this, state, true);
        state.ended = true;
    } else if (state.finished) {
        err = errors.alreadyFinished("end");
    } else if (state.destroyed) {
        err = errors.destroyed("end");
    }
    if (typeof cb === "function") {
        if (err || state.finished) {
            defer(cb, err);
        } else {
            state[kOnFinished].push(cb);
        }
    }
    return this;
};

function needFinish(state) {
    return state.ending && !state.destroyed && state.constructed && state.length === 0 && !state.errored &&
        state.buffered.length === 0 && !state.finished && !state.writing && !state.errorEmitted && !state.closeEmitted;
}

function callFinal(stream, state) {
    let called = false;
    function onFinish(err) {
        if (called) {
            errorOrDestroy(stream, err ?? errors.multipleCallback());
            return;
        }
        called = true;
        state.pendingcb--;
        if (err) {
            for (const callback of state[kOnFinished].splice(0)) {
                callback(err);
            }
            errorOrDestroy(stream, err, state.sync);
        } else if (needFinish(state)) {
            state.prefinished = true;
            stream.emit("prefinish");
            state.pendingcb++;
            defer(finish, stream, state);
        }
    }
    state.sync = true;
    state.pendingcb++;
    try {
        stream._final(onFinish);
    } catch (err) {
        onFinish(err);
    }
    state.sync = false;
}

function prefinish(stream, state) {
    if (!state.prefinished && !state.finalCalled) {
        if (typeof stream._final === "function" && !state.destroyed) {
            state.finalCalled = true;
            callFinal(stream, state);
        } else {
            state.prefinished = true;
            stream.emit("prefinish");
        }
    }
}

function finishMaybe(stream, state, sync) {
    if (!needFinish(state)) {
        return;
    }
    prefinish(stream, state);
    if (state.pendingcb !== 0) {
        return;
    }
    if (sync) {
        state.pendingcb++;
        defer(() => {
            if (needFinish(state)) {
                finish(stream, state);
            } else {
                state.pendingcb--;
            }
        });
    } else if (needFinish(state)) {
        state.pendingcb++;
        finish(stream, state);
    }
}

function finish(stream, state) {
    state.pendingcb--;
    state.finished = true;
    for (const callback of state[kOnFinished].splice(0)) {
        callback(null);
    }
    stream.emit("finish");
    if (state.autoDestroy) {
        const r = stream._readableState;
        if (!r || (r.autoDestroy && (r.endEmitted || r.readable === false))) {
            stream.destroy();
        }
    }
}

defineAccessors(Writable.prototype, {
    closed: { get() { return this._writableState ? this._writableState.closed : false; } },
    destroyed: {
        get() { return this._writableState ? this._writableState.destroyed : false; },
        set(value) {
            if (this._writableState) {
                this._writableState.destroyed = value;
            }
        },
    },
    writable: {
        get() {
            const w = this._writableState;
            return Boolean(w) && w.writable !== false && !w.destroyed && !w.errored && !w.ending && !w.ended;
        },
        set(value) {
            if (this._writableState) {
                this._writableState.writable = Boolean(value);
            }
        },
    },
    writableFinished: { get() { return this._writableState ? this._writableState.finished : false; } },
    writableObjectMode: { get() { return this._writableState ? this._writableState.objectMode : false; } },
    writableBuffer: { get() { return this._writableState && this._writableState.getBuffer(); } },
    writableEnded: { get() { return this._writableState ? this._writableState.ending : false; } },
    writableNeedDrain: {
        get() {
            const w = this._writableState;
            return w ? !w.destroyed && !w.ending && w.needDrain : false;
        },
    },
    writableHighWaterMark: { get() { return this._writableState && this._writableState.highWaterMark; } },
    writableCorked: { get() { return this._writableState ? this._writableState.corked : 0; } },
    writableLength: { get() { return this._writableState && this._writableState.length; } },
    errored: { get() { return this._writableState ? this._writableState.errored : null; } },
    writableAborted: {
        get() {
            const w = this._writableState;
            return Boolean(w.writable !== false && (w.destroyed || w.errored) && !w.finished);
        },
    },
});

Writable.prototype.destroy = function destroyWritable(err, cb) {
    const state = this._writableState;
    // Writes still queued fail when the stream is destroyed (after the current one completes).
    if (!state.destroyed && (state.bufferedIndex < state.buffered.length || state[kOnFinished].length)) {
        defer(errorBuffer, state);
    }
    destroy.call(this, err, cb);
    return this;
};
Writable.prototype._undestroy = undestroy;
Writable.prototype[EE.captureRejectionSymbol] = Readable.prototype[EE.captureRejectionSymbol];
Writable.prototype._destroy = function _destroy(err, cb) {
    cb(err);
};

// ---------------------------------------------------------------------------------------------------------------
// Duplex

function Duplex(options) {
    if (!(this instanceof Duplex)) {
        return new Duplex(options);
    }
    this._readableState = new ReadableState(options, this, true);
    this._writableState = new WritableState(options, this, true);
    if (options) {
        this.allowHalfOpen = options.allowHalfOpen !== false;
        if (options.readable === false) {
            this._readableState.readable = false;
            this._readableState.ended = true;
            this._readableState.endEmitted = true;
        }
        if (options.writable === false) {
            this._writableState.writable = false;
            this._writableState.ending = true;
            this._writableState.ended = true;
            this._writableState.finished = true;
        }
        for (const [option, method] of [["read", "_read"], ["write", "_write"], ["writev", "_writev"], ["destroy", "_destroy"], ["final", "_final"], ["construct", "_construct"]]) {
            if (typeof options[option] === "function") {
                this[method] = options[option];
            }
        }
        if (options.signal) {
            addAbortSignal(options.signal, this);
        }
    } else {
        this.allowHalfOpen = true;
    }
    Stream.call(this, options);
    construct(this, () => {
        const r = this._readableState;
        if (r.needReadable) {
            maybeReadMore(this, r);
        }
        const w = this._writableState;
        if (!w.writing) {
            clearBuffer(this, w);
        }
        finishMaybe(this, w);
    });
}
Object.setPrototypeOf(Duplex.prototype, Readable.prototype);
Object.setPrototypeOf(Duplex, Readable);

for (const name of ["write", "cork", "uncork", "setDefaultEncoding", "_write", "_writev", "end"]) {
    Object.defineProperty(Duplex.prototype, name, { value: Writable.prototype[name], enumerable: false, configurable: true, writable: true });
}
Duplex.prototype.destroy = Writable.prototype.destroy;
for (const name of ["writable", "writableHighWaterMark", "writableObjectMode", "writableBuffer", "writableLength", "writableFinished", "writableCorked", "writableEnded", "writableNeedDrain"]) {
    Object.defineProperty(Duplex.prototype, name, Object.getOwnPropertyDescriptor(Writable.prototype, name));
}
defineAccessors(Duplex.prototype, {
    destroyed: {
        get() {
            if (this._readableState === undefined || this._writableState === undefined) {
                return false;
            }
            return this._readableState.destroyed && this._writableState.destroyed;
        },
        set(value) {
            if (this._readableState && this._writableState) {
                this._readableState.destroyed = value;
                this._writableState.destroyed = value;
            }
        },
    },
});

// Duplex.from: streams stay as they are, iterables become readables, { readable, writable } pairs are joined.
Duplex.from = function duplexFrom(body) {
    if (isReadableNodeStream(body) && isWritableNodeStream(body)) {
        return body;
    }
    if (isNodeStream(body)) {
        return joinDuplex({ readable: isReadableNodeStream(body) ? body : null, writable: isWritableNodeStream(body) ? body : null });
    }
    if (typeof body === "function") {
        return fromGeneratorFunction(body);
    }
    if (isIterable(body) || typeof body === "string") {
        return from(body, { objectMode: true, writable: false });
    }
    if (body && typeof body.then === "function") {
        return from((async function* awaitBody() {
            const value = await body;
            if (value != null) {
                yield value;
            }
        })(), { objectMode: true });
    }
    if (body && typeof body === "object" && (isNodeStream(body.readable) || isNodeStream(body.writable))) {
        return joinDuplex({ readable: body.readable || null, writable: body.writable || null });
    }
    throw invalidArgType("body", "of type object or function", body);
};

// A Duplex whose writes feed an async generator function and whose reads are its output.
function fromGeneratorFunction(fn) {
    const input = new PassThrough({ objectMode: true, highWaterMark: 1 });
    const output = fn(input, { signal: undefined });
    if (output && typeof output.then === "function" && !isIterable(output)) {
        const sink = new Writable({ objectMode: true, write(chunk, encoding, cb) {
            input.write(chunk, cb);
        }, final(cb) {
            input.end();
            output.then(() => cb(), cb);
        } });
        return sink;
    }
    if (!isIterable(output)) {
        throw errors.invalidReturnValue("Iterable, AsyncIterable or AsyncFunction", "body", output);
    }
    return joinDuplex({ readable: from(output, { objectMode: true }), writable: input });
}

// One Duplex over a separate readable and writable.
function joinDuplex({ readable, writable }) {
    let onfinal = null;
    let ondrain = null;
    const duplex = new Duplex({
        readableObjectMode: Boolean(readable && readable.readableObjectMode),
        writableObjectMode: Boolean(writable && writable.writableObjectMode),
        readable: Boolean(readable),
        writable: Boolean(writable),
        write(chunk, encoding, callback) {
            if (writable.write(chunk, encoding)) {
                callback();
            } else {
                ondrain = callback;
            }
        },
        final(callback) {
            writable.end();
            onfinal = callback;
        },
        read() {
            readable.resume();
        },
        destroy(err, callback) {
            if (!err && onfinal !== null) {
                err = new AbortError();
            }
            if (writable) {
                destroyer(writable, err);
            }
            if (readable) {
                destroyer(readable, err);
            }
            callback(err);
        },
    });
    if (writable) {
        writable.on("drain", () => {
            if (ondrain) {
                const callback = ondrain;
                ondrain = null;
                callback();
            }
        });
        eos(writable, { readable: false }, (err) => {
            if (err) {
                destroyer(duplex, err);
            } else if (onfinal) {
                const callback = onfinal;
                onfinal = null;
                callback();
            }
        });
    }
    if (readable) {
        readable.on("data", (chunk) => {
            if (!duplex.push(chunk)) {
                readable.pause();
            }
        });
        readable.on("end", () => duplex.push(null));
        eos(readable, { writable: false }, (err) => {
            if (err) {
                destroyer(duplex, err);
            }
        });
        readable.pause();
    }
    return duplex;
}

// ---------------------------------------------------------------------------------------------------------------
// Transform and PassThrough

const kTransformCallback = Symbol("kCallback");

function Transform(options) {
    if (!(this instanceof Transform)) {
        return new Transform(options);
    }
    const readableHighWaterMark = options ? getHighWaterMark(false, options, "readableHighWaterMark", true) : null;
    if (readableHighWaterMark === 0) {
        // A zero readable buffer would stall every transform: the writable side keeps its own (or zero).
        options = { ...options, highWaterMark: null, readableHighWaterMark, writableHighWaterMark: options.writableHighWaterMark || 0 };
    }
    Duplex.call(this, options);
    // Transforms push from their write callback; the data must not wait for a read() call.
    this._readableState.sync = false;
    this[kTransformCallback] = null;
    if (options) {
        if (typeof options.transform === "function") {
            this._transform = options.transform;
        }
        if (typeof options.flush === "function") {
            this._flush = options.flush;
        }
    }
    this.on("prefinish", transformPrefinish);
}
Object.setPrototypeOf(Transform.prototype, Duplex.prototype);
Object.setPrototypeOf(Transform, Duplex);

function transformFinal(cb) {
    if (typeof this._flush === "function" && !this.destroyed) {
        this._flush((err, data) => {
            if (err) {
                if (cb) {
                    cb(err);
                } else {
                    this.destroy(err);
                }
                return;
            }
            if (data != null) {
                this.push(data);
            }
            this.push(null);
            if (cb) {
                cb();
            }
        });
    } else {
        this.push(null);
        if (cb) {
            cb();
        }
    }
}

// Code that replaced _final still gets its flush on 'prefinish'.
function transformPrefinish() {
    if (this._final !== transformFinal) {
        transformFinal.call(this);
    }
}

Transform.prototype._final = transformFinal;

Transform.prototype._transform = function _transform() {
    throw errors.notImplemented("_transform()");
};

Transform.prototype._write = function _write(chunk, encoding, callback) {
    const r = this._readableState;
    const w = this._writableState;
    const length = r.length;
    this._transform(chunk, encoding, (err, value) => {
        if (err) {
            callback(err);
            return;
        }
        if (value != null) {
            this.push(value);
        }
        if (r.ended) {
            defer(callback);
        } else if (w.ended || length === r.length || r.length < r.highWaterMark) {
            callback();
        } else {
            // The readable side is full: take the next chunk once it is read from.
            this[kTransformCallback] = callback;
        }
    });
};

Transform.prototype._read = function _read() {
    if (this[kTransformCallback]) {
        const callback = this[kTransformCallback];
        this[kTransformCallback] = null;
        callback();
    }
};

function PassThrough(options) {
    if (!(this instanceof PassThrough)) {
        return new PassThrough(options);
    }
    Transform.call(this, options);
}
Object.setPrototypeOf(PassThrough.prototype, Transform.prototype);
Object.setPrototypeOf(PassThrough, Transform);

PassThrough.prototype._transform = function _transform(chunk, encoding, cb) {
    cb(null, chunk);
};

// ---------------------------------------------------------------------------------------------------------------
// finished (end-of-stream)

function once(callback) {
    let called = false;
    return function onceWrapper(...args) {
        if (!called) {
            called = true;
            callback.apply(this, args);
        }
    };
}

function eos(stream, options, callback) {
    if (arguments.length === 2) {
        callback = options;
        options = {};
    } else if (options == null) {
        options = {};
    } else {
        validateObject(options, "options");
    }
    validateFunction(callback, "callback");
    validateAbortSignal(options.signal, "options.signal");
    callback = once(callback);
    if (!isNodeStream(stream)) {
        throw invalidArgType("stream", "an instance of ReadableStream, WritableStream, or Stream", stream);
    }
    const readable = options.readable ?? isReadableNodeStream(stream);
    const writable = options.writable ?? isWritableNodeStream(stream);
    const w = stream._writableState;
    const r = stream._readableState;
    const onlegacyfinish = () => {
        if (!stream.writable) {
            onfinish();
        }
    };
    let emitsClose = willEmitClose(stream) && isReadableNodeStream(stream) === readable && isWritableNodeStream(stream) === writable;
    let writableFinished = isWritableFinished(stream, false);
    let readableFinished = isReadableFinished(stream, false);
    // With autoDestroy the stream emits 'close' after 'end'/'finish': wait for it, so errors in between count.
    function onfinish() {
        writableFinished = true;
        if (stream.destroyed) {
            emitsClose = false;
        }
        if (emitsClose && (!stream.readable || readable)) {
            return;
        }
        if (!readable || readableFinished) {
            callback.call(stream);
        }
    }
    function onend() {
        readableFinished = true;
        if (stream.destroyed) {
            emitsClose = false;
        }
        if (emitsClose && (!stream.writable || writable)) {
            return;
        }
        if (!writable || writableFinished) {
            callback.call(stream);
        }
    }
    function onerror(err) {
        callback.call(stream, err);
    }
    let closed = isClosed(stream);
    function onclose() {
        closed = true;
        const errored = isWritableErrored(stream) || isReadableErrored(stream);
        if (errored && typeof errored !== "boolean") {
            return callback.call(stream, errored);
        }
        if (readable && !readableFinished && isReadableNodeStream(stream, true) && !isReadableFinished(stream, false)) {
            return callback.call(stream, errors.prematureClose());
        }
        if (writable && !writableFinished && !isWritableFinished(stream, false)) {
            return callback.call(stream, errors.prematureClose());
        }
        return callback.call(stream);
    }
    function onclosed() {
        closed = true;
        const errored = isWritableErrored(stream) || isReadableErrored(stream);
        if (errored && typeof errored !== "boolean") {
            return callback.call(stream, errored);
        }
        return callback.call(stream);
    }
    if (writable && !w) {
        // A legacy stream: it says it is done by no longer being writable.
        stream.on("end", onlegacyfinish);
        stream.on("close", onlegacyfinish);
    }
    if (!emitsClose && typeof stream.aborted === "boolean") {
        stream.on("aborted", onclose);
    }
    stream.on("end", onend);
    stream.on("finish", onfinish);
    if (options.error !== false) {
        stream.on("error", onerror);
    }
    stream.on("close", onclose);
    if (closed) {
        defer(onclose);
    } else if ((w && w.errorEmitted) || (r && r.errorEmitted)) {
        if (!emitsClose) {
            defer(onclosed);
        }
    } else if (!readable && (!emitsClose || isReadable(stream)) && (writableFinished || isWritable(stream) === false)) {
        defer(onclosed);
    } else if (!writable && (!emitsClose || isWritable(stream)) && (readableFinished || isReadable(stream) === false)) {
        defer(onclosed);
    }
    let cleanup = () => {
        callback = nop;
        stream.removeListener("aborted", onclose);
        stream.removeListener("end", onlegacyfinish);
        stream.removeListener("close", onlegacyfinish);
        stream.removeListener("end", onend);
        stream.removeListener("finish", onfinish);
        stream.removeListener("error", onerror);
        stream.removeListener("close", onclose);
    };
    if (options.signal && !closed) {
        const signal = options.signal;
        const abort = () => {
            const endCallback = callback;
            cleanup();
            endCallback.call(stream, abortErrorFor(signal));
        };
        if (signal.aborted) {
            defer(abort);
        } else {
            const removeAbort = onAbort(signal, abort);
            const original = callback;
            const originalCleanup = cleanup;
            callback = once((...args) => {
                removeAbort();
                original.apply(stream, args);
            });
            cleanup = () => {
                removeAbort();
                originalCleanup();
            };
        }
    }
    return cleanup;
}

function finishedPromise(stream, options) {
    let autoCleanup = false;
    if (options === null) {
        options = {};
    }
    if (options && options.cleanup) {
        if (typeof options.cleanup !== "boolean") {
            throw invalidArgType("cleanup", "of type boolean", options.cleanup);
        }
        autoCleanup = options.cleanup;
    }
    return new Promise((resolve, reject) => {
        const cleanup = eos(stream, options, (err) => {
            if (autoCleanup) {
                cleanup();
            }
            if (err) {
                reject(err);
            } else {
                resolve();
            }
        });
    });
}

// ---------------------------------------------------------------------------------------------------------------
// pipeline

function popCallback(streams) {
    const callback = streams[streams.length - 1];
    validateFunction(callback, "streams[stream.length - 1]");
    return streams.pop();
}

function pipeline(...streams) {
    return pipelineImpl(streams, once(popCallback(streams)));
}

// Stage results that are streams become async iterables for the next function stage.
function toAsyncIterable(value) {
    if (isIterable(value)) {
        return value;
    }
    if (isReadableNodeStream(value)) {
        return readableIterator(value);
    }
    throw invalidArgType("val", "an instance of Readable, Iterable, or AsyncIterable", value);
}

// Feeds an (async) iterable into a writable, honouring its backpressure.
async function pumpToNode(iterable, writable, done, { end }) {
    let error;
    let onresolve = null;
    const resume = (err) => {
        if (err) {
            error = err;
        }
        if (onresolve) {
            const callback = onresolve;
            onresolve = null;
            callback();
        }
    };
    const wait = () => new Promise((resolve, reject) => {
        if (error) {
            reject(error);
        } else {
            onresolve = () => (error ? reject(error) : resolve());
        }
    });
    writable.on("drain", resume);
    const cleanup = eos(writable, { readable: false }, resume);
    try {
        if (writable.writableNeedDrain) {
            await wait();
        }
        for await (const chunk of iterable) {
            if (!writable.write(chunk)) {
                await wait();
            }
        }
        if (end) {
            writable.end();
            await wait();
        }
        done();
    } catch (err) {
        done(error !== err ? aggregateTwoErrors(error, err) : err);
    } finally {
        cleanup();
        writable.off("drain", resume);
    }
}

function pipeStreams(src, dst, done, { end }) {
    let ended = false;
    dst.on("close", () => {
        if (!ended) {
            done(errors.prematureClose());
        }
    });
    src.pipe(dst, { end: false });
    if (end) {
        const endDestination = () => {
            ended = true;
            dst.end();
        };
        if (isReadableFinished(src)) {
            defer(endDestination);
        } else {
            src.once("end", endDestination);
        }
        eos(src, { readable: true, writable: false }, (err) => {
            const r = src._readableState;
            if (err && err.code === "ERR_STREAM_PREMATURE_CLOSE" && r && r.ended && !r.errored && !r.errorEmitted) {
                // Closed right after 'end' was queued: wait for that 'end' rather than failing.
                src.once("end", endDestination).once("error", done);
            } else {
                done(err);
            }
        });
    } else {
        done();
    }
    return eos(dst, { readable: false, writable: true }, done);
}

function stageDestroyer(stream, reading, writing) {
    let done = false;
    stream.on("close", () => {
        done = true;
    });
    const cleanup = eos(stream, { readable: reading, writable: writing }, (err) => {
        done = !err;
    });
    return {
        destroy: (err) => {
            if (!done) {
                done = true;
                destroyer(stream, err || errors.destroyed("pipe"));
            }
        },
        cleanup,
    };
}

function pipelineImpl(streams, callback, options) {
    if (streams.length === 1 && Array.isArray(streams[0])) {
        streams = streams[0];
    }
    if (streams.length < 2) {
        throw errors.missingArgs("streams");
    }
    const controller = new AbortController();
    const signal = controller.signal;
    const outerSignal = options && options.signal;
    const lastStreamCleanup = [];
    validateAbortSignal(outerSignal, "options.signal");
    const abort = () => finishImpl(new AbortError());
    const removeOuterAbort = outerSignal ? onAbort(outerSignal, abort) : nop;

    let error;
    let value;
    const destroys = [];
    let finishCount = 0;
    const stageDone = (err) => finishImpl(err, --finishCount === 0);
    function finishImpl(err, final) {
        if (err && (!error || error.code === "ERR_STREAM_PREMATURE_CLOSE")) {
            error = err;
        }
        if (!error && !final) {
            return;
        }
        while (destroys.length) {
            destroys.shift()(error);
        }
        removeOuterAbort();
        controller.abort();
        if (final) {
            if (!error) {
                for (const fn of lastStreamCleanup) {
                    fn();
                }
            }
            defer(callback, error, value);
        }
    }

    let current;
    for (let i = 0; i < streams.length; i++) {
        const stream = streams[i];
        const reading = i < streams.length - 1;
        const writing = i > 0;
        const end = reading || !options || options.end !== false;
        const isLastStream = i === streams.length - 1;
        if (isNodeStream(stream)) {
            if (end) {
                const { destroy: destroyStage, cleanup } = stageDestroyer(stream, reading, writing);
                destroys.push(destroyStage);
                if (isReadable(stream) && isLastStream) {
                    lastStreamCleanup.push(cleanup);
                }
            }
            // Errors after the stage is done (but before the pipeline is) still fail the pipeline.
            const onError = (err) => {
                if (err && err.name !== "AbortError" && err.code !== "ERR_STREAM_PREMATURE_CLOSE") {
                    stageDone(err);
                }
            };
            stream.on("error", onError);
            if (isReadable(stream) && isLastStream) {
                lastStreamCleanup.push(() => stream.removeListener("error", onError));
            }
        }
        if (i === 0) {
            if (typeof stream === "function") {
                current = stream({ signal });
                if (!isIterable(current)) {
                    throw errors.invalidReturnValue("Iterable, AsyncIterable or Stream", "source", current);
                }
            } else if (isIterable(stream) || isReadableNodeStream(stream)) {
                current = stream;
            } else {
                current = Duplex.from(stream);
            }
        } else if (typeof stream === "function") {
            current = stream(toAsyncIterable(current), { signal });
            if (reading) {
                if (!isIterable(current, true)) {
                    throw errors.invalidReturnValue("AsyncIterable", `transform[${i - 1}]`, current);
                }
            } else {
                const sink = new PassThrough({ objectMode: true });
                const then = current && current.then;
                if (typeof then === "function") {
                    finishCount++;
                    then.call(current, (result) => {
                        value = result;
                        if (result != null) {
                            sink.write(result);
                        }
                        if (end) {
                            sink.end();
                        }
                        defer(stageDone);
                    }, (err) => {
                        sink.destroy(err);
                        defer(stageDone, err);
                    });
                } else if (isIterable(current, true)) {
                    finishCount++;
                    pumpToNode(current, sink, stageDone, { end });
                } else {
                    throw errors.invalidReturnValue("AsyncIterable or Promise", "destination", current);
                }
                current = sink;
                const { destroy: destroySink, cleanup } = stageDestroyer(current, false, true);
                destroys.push(destroySink);
                if (isLastStream) {
                    lastStreamCleanup.push(cleanup);
                }
            }
        } else if (isNodeStream(stream)) {
            if (isReadableNodeStream(current)) {
                finishCount += 2;
                const cleanup = pipeStreams(current, stream, stageDone, { end });
                if (isReadable(stream) && isLastStream) {
                    lastStreamCleanup.push(cleanup);
                }
            } else if (isIterable(current)) {
                finishCount++;
                pumpToNode(current, stream, stageDone, { end });
            } else {
                throw invalidArgType("val", "an instance of Readable, Iterable, AsyncIterable, ReadableStream, or TransformStream", current);
            }
            current = stream;
        } else {
            current = Duplex.from(stream);
        }
    }
    if ((signal && signal.aborted) || (outerSignal && outerSignal.aborted)) {
        defer(abort);
    }
    return current;
}

function pipelinePromise(...streams) {
    return new Promise((resolve, reject) => {
        let signal;
        let end;
        const last = streams[streams.length - 1];
        if (last && typeof last === "object" && !isNodeStream(last) && !isIterable(last)) {
            const options = streams.pop();
            signal = options.signal;
            end = options.end;
        }
        pipelineImpl(streams, (err, value) => {
            if (err) {
                reject(err);
            } else {
                resolve(value);
            }
        }, { signal, end });
    });
}

// ---------------------------------------------------------------------------------------------------------------
// compose, addAbortSignal, destroy, duplexPair

function compose(...streams) {
    if (streams.length === 0) {
        throw errors.missingArgs("streams");
    }
    if (streams.length === 1) {
        return Duplex.from(streams[0]);
    }
    const head = Duplex.from(streams[0]);
    const tail = Duplex.from(streams[streams.length - 1]);
    streams[0] = head;
    streams[streams.length - 1] = tail;
    const writable = isWritableNodeStream(head);
    const readable = isReadableNodeStream(tail);
    let composed = null;
    pipeline(streams, (err) => {
        if (err && composed) {
            destroyer(composed, err);
        }
    });
    composed = joinDuplex({ readable: readable ? tail : null, writable: writable ? head : null });
    return composed;
}

function addAbortSignal(signal, stream) {
    validateAbortSignal(signal, "signal");
    if (!isNodeStream(stream)) {
        throw invalidArgType("stream", "an instance of ReadableStream, WritableStream, or Stream", stream);
    }
    const abort = () => stream.destroy(abortErrorFor(signal));
    if (signal.aborted) {
        abort();
    } else {
        const remove = onAbort(signal, abort);
        eos(stream, remove);
    }
    return stream;
}

// Two Duplexes joined back to back: what one writes, the other reads. A write waits (keeps its callback) while
// the peer's readable side is full, until the peer reads.
function duplexPair(options) {
    const sides = [];
    const waiting = [null, null];
    const makeSide = (index) => new Duplex({
        ...options,
        write(chunk, encoding, callback) {
            if (sides[1 - index].push(chunk)) {
                callback();
            } else {
                waiting[index] = callback;
            }
        },
        final(callback) {
            sides[1 - index].push(null);
            callback();
        },
        read() {
            const callback = waiting[1 - index];
            if (callback) {
                waiting[1 - index] = null;
                callback();
            }
        },
    });
    sides.push(makeSide(0), makeSide(1));
    return sides;
}

// ---------------------------------------------------------------------------------------------------------------
// The module: the legacy Stream constructor carries everything, as in node.

const promises = { finished: finishedPromise, pipeline: pipelinePromise };

Object.defineProperty(pipeline, Symbol.for("nodejs.util.promisify.custom"), { enumerable: true, get: () => pipelinePromise });
Object.defineProperty(eos, Symbol.for("nodejs.util.promisify.custom"), { enumerable: true, get: () => finishedPromise });

Object.assign(Stream, {
    isDestroyed,
    isDisturbed,
    isErrored,
    isReadable,
    isWritable,
    Readable,
    Writable,
    Duplex,
    Transform,
    PassThrough,
    duplexPair,
    pipeline,
    addAbortSignal,
    finished: eos,
    destroy: destroyer,
    compose,
    setDefaultHighWaterMark,
    getDefaultHighWaterMark,
});
Object.defineProperty(Stream, "promises", { configurable: true, enumerable: true, get: () => promises });
Object.assign(Stream, {
    Stream,
    _isArrayBufferView: isArrayBufferView,
    _isUint8Array: isUint8Array,
    _uint8ArrayToBuffer: viewToBuffer,
});

module.exports = Stream;
