// async_hooks.js: node's `async_hooks` without engine hooks into promises. AsyncLocalStorage works for code that
// runs synchronously inside run()/exit() and for callbacks wrapped by AsyncResource or AsyncLocalStorage.bind/
// snapshot; it is NOT carried across `await` or promise callbacks (QuickJS gives JS no hook there), so getStore()
// after an await sees the store that is current when the continuation runs. createHook's hooks never fire.

const { codedError, invalidArgType } = require("internal/errors");

// The stores of every AsyncLocalStorage as of now: replaced (never mutated) on entering run/exit/a resource's scope.
let currentFrame = new Map();

function runInFrame(frame, fn, thisArg, args) {
    const previous = currentFrame;
    currentFrame = frame;
    try {
        return Reflect.apply(fn, thisArg, args);
    } finally {
        currentFrame = previous;
    }
}

function validateFunction(fn, name) {
    if (typeof fn !== "function") {
        throw invalidArgType(name, "of type function", fn);
    }
}

class AsyncLocalStorage {
    static bind(fn) {
        validateFunction(fn, "fn");
        const frame = currentFrame;
        return (...args) => runInFrame(frame, fn, undefined, args);
    }

    static snapshot() {
        const frame = currentFrame;
        return (fn, ...args) => runInFrame(frame, fn, undefined, args);
    }

    disable() {
        if (currentFrame.has(this)) {
            currentFrame = new Map(currentFrame);
            currentFrame.delete(this);
        }
    }

    enterWith(store) {
        currentFrame = new Map(currentFrame).set(this, store);
    }

    run(store, callback, ...args) {
        return runInFrame(new Map(currentFrame).set(this, store), callback, undefined, args);
    }

    exit(callback, ...args) {
        const frame = new Map(currentFrame);
        frame.delete(this);
        return runInFrame(frame, callback, undefined, args);
    }

    getStore() {
        return currentFrame.get(this);
    }
}

let nextAsyncId = 2;
let executionId = 1;
let executionResource = {};

class AsyncResource {
    #frame = currentFrame;
    #asyncId = nextAsyncId++;
    #triggerAsyncId;

    constructor(type, options = {}) {
        if (typeof type !== "string") {
            throw invalidArgType("type", "of type string", type);
        }
        const triggerAsyncId = typeof options === "number" ? options : options?.triggerAsyncId;
        this.#triggerAsyncId = triggerAsyncId ?? executionId;
    }

    runInAsyncScope(fn, thisArg, ...args) {
        const previous = [executionId, executionResource];
        executionId = this.#asyncId;
        executionResource = this;
        try {
            return runInFrame(this.#frame, fn, thisArg, args);
        } finally {
            [executionId, executionResource] = previous;
        }
    }

    emitDestroy() {
        return this;
    }

    asyncId() {
        return this.#asyncId;
    }

    triggerAsyncId() {
        return this.#triggerAsyncId;
    }

    bind(fn, thisArg) {
        validateFunction(fn, "fn");
        const resource = this;
        // Without thisArg, the bound function passes on the `this` it is called with.
        const bound = thisArg === undefined
            ? function (...args) {
                return resource.runInAsyncScope(fn, this, ...args);
            }
            : (...args) => resource.runInAsyncScope(fn, thisArg, ...args);
        return Object.defineProperties(bound, {
            length: { value: fn.length, configurable: true },
            asyncResource: { value: this, configurable: true, enumerable: true, writable: true },
        });
    }

    static bind(fn, type, thisArg) {
        validateFunction(fn, "fn");
        return new AsyncResource(type || fn.name || "bound-anonymous-fn").bind(fn, thisArg);
    }
}

// Hooks are checked like node's, then never called: there are no engine events to report.
class AsyncHook {
    constructor(callbacks) {
        for (const name of ["init", "before", "after", "destroy", "promiseResolve"]) {
            if (callbacks?.[name] !== undefined && typeof callbacks[name] !== "function") {
                throw codedError(TypeError, "ERR_ASYNC_CALLBACK", `hook.${name} must be a function`);
            }
        }
    }

    enable() {
        return this;
    }

    disable() {
        return this;
    }
}

const asyncWrapProviders = Object.freeze({
    __proto__: null,
    NONE: 0, DIRHANDLE: 1, DNSCHANNEL: 2, ELDHISTOGRAM: 3, FILEHANDLE: 4, FILEHANDLECLOSEREQ: 5, BLOBREADER: 6,
    FSEVENTWRAP: 7, FSREQCALLBACK: 8, FSREQPROMISE: 9, GETADDRINFOREQWRAP: 10, GETNAMEINFOREQWRAP: 11,
    HEAPSNAPSHOT: 12, HTTP2SESSION: 13, HTTP2STREAM: 14, HTTP2PING: 15, HTTP2SETTINGS: 16, HTTPINCOMINGMESSAGE: 17,
    HTTPCLIENTREQUEST: 18, JSSTREAM: 19, JSUDPWRAP: 20, MESSAGEPORT: 21, PIPECONNECTWRAP: 22, PIPESERVERWRAP: 23,
    PIPEWRAP: 24, PROCESSWRAP: 25, PROMISE: 26, QUERYWRAP: 27, QUIC_LOGSTREAM: 28, QUIC_PACKET: 29, SHUTDOWNWRAP: 30,
    SIGNALWRAP: 31, STATWATCHER: 32, STREAMPIPE: 33, TCPCONNECTWRAP: 34, TCPSERVERWRAP: 35, TCPWRAP: 36, TTYWRAP: 37,
    UDPSENDWRAP: 38, UDPWRAP: 39, SIGINTWATCHDOG: 40, WORKER: 41, WORKERHEAPSNAPSHOT: 42, WRITEWRAP: 43, ZLIB: 44,
    CHECKPRIMEREQUEST: 45, PBKDF2REQUEST: 46, KEYPAIRGENREQUEST: 47, KEYGENREQUEST: 48, KEYEXPORTREQUEST: 49,
    CIPHERREQUEST: 50, DERIVEBITSREQUEST: 51, HASHREQUEST: 52, RANDOMBYTESREQUEST: 53, RANDOMPRIMEREQUEST: 54,
    SCRYPTREQUEST: 55, SIGNREQUEST: 56, TLSWRAP: 57, VERIFYREQUEST: 58,
});

module.exports = {
    AsyncLocalStorage,
    createHook: (callbacks) => new AsyncHook(callbacks),
    executionAsyncId: () => executionId,
    triggerAsyncId: () => 0,
    executionAsyncResource: () => executionResource,
    asyncWrapProviders,
    AsyncResource,
};
