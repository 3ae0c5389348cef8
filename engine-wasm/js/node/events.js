// events.js: node's `events` module: EventEmitter (a plain constructor function, so that old code's
// `EventEmitter.call(this)` and `util.inherits` work as well as `class X extends EventEmitter`), and the
// module-level helpers once/on/getEventListeners/setMaxListeners/addAbortListener, and EventEmitterAsyncResource.
// Listeners live in `this._events` (a null-prototype object of a function, or an array of them once there
// are two) because widely used npm code reads `_events` directly.

const { codedError, invalidArgType, outOfRange, AbortError, emitWarning } = require("internal/errors");

// The own symbols node 20 gives every emitter (util.inspect shows them).
const kCapture = Symbol("kCapture");
const kShapeMode = Symbol("shapeMode");
const kRejection = Symbol.for("nodejs.rejection");
const errorMonitor = Symbol("events.errorMonitor");
const kWarned = Symbol("kWarned");

let defaultMaxListeners = 10;
let defaultCaptureRejections = false;

function validateListener(listener) {
    if (typeof listener !== "function") {
        throw invalidArgType("listener", "of type function", listener);
    }
}

function validateMaxListeners(n, name) {
    if (typeof n !== "number") {
        throw invalidArgType(name, "of type number", n);
    }
    if (n < 0 || Number.isNaN(n)) {
        throw outOfRange(name, ">= 0", n);
    }
}

function validateAbortSignal(signal, name) {
    if (signal !== undefined && (signal === null || typeof signal !== "object" || !("aborted" in signal))) {
        throw invalidArgType(name, "an instance of AbortSignal", signal);
    }
}

function EventEmitter(options) {
    EventEmitter.init.call(this, options);
}

EventEmitter.prototype._events = undefined;
EventEmitter.prototype._eventsCount = 0;
EventEmitter.prototype._maxListeners = undefined;

EventEmitter.init = function init(options) {
    if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
        this._events = Object.create(null);
        this._eventsCount = 0;
    }
    this._maxListeners = this._maxListeners || undefined;
    this[kShapeMode] = false;
    if (options?.captureRejections !== undefined) {
        if (typeof options.captureRejections !== "boolean") {
            throw invalidArgType("options.captureRejections", "of type boolean", options.captureRejections);
        }
        this[kCapture] = options.captureRejections;
    } else {
        this[kCapture] = EventEmitter.prototype[kCapture];
    }
};

EventEmitter.prototype[kCapture] = false;

function maxListenersOf(emitter) {
    return emitter._maxListeners === undefined ? defaultMaxListeners : emitter._maxListeners;
}

EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
    validateMaxListeners(n, "setMaxListeners");
    this._maxListeners = n;
    return this;
};

EventEmitter.prototype.getMaxListeners = function getMaxListeners() {
    return maxListenersOf(this);
};

// A listener's returned promise that rejects becomes an 'error' (or the kRejection method) when captureRejections is on.
function captureRejection(emitter, result, type, args) {
    result.then(undefined, (error) => {
        queueMicrotask(() => {
            if (typeof emitter[kRejection] === "function") {
                emitter[kRejection](error, type, ...args);
                return;
            }
            const previous = emitter[kCapture];
            try {
                emitter[kCapture] = false;
                emitter.emit("error", error);
            } finally {
                emitter[kCapture] = previous;
            }
        });
    });
}

function callListener(emitter, listener, type, args) {
    const result = Reflect.apply(listener, emitter, args);
    if (emitter[kCapture] && result !== undefined && result !== null && typeof result.then === "function") {
        captureRejection(emitter, result, type, args);
    }
}

function unhandledError(args) {
    const error = args.length > 0 ? args[0] : undefined;
    if (error instanceof Error) {
        throw error;
    }
    let shown;
    try {
        shown = require("util").inspect(error);
    } catch {
        shown = String(error);
    }
    const wrapped = codedError(Error, "ERR_UNHANDLED_ERROR", `Unhandled error. (${shown})`);
    wrapped.context = error;
    throw wrapped;
}

EventEmitter.prototype.emit = function emit(type, ...args) {
    const events = this._events;
    if (type === "error") {
        if (events !== undefined && events[errorMonitor] !== undefined) {
            this.emit(errorMonitor, ...args);
        }
        if (events === undefined || events.error === undefined) {
            unhandledError(args);
        }
    }
    if (events === undefined) {
        return false;
    }
    const handler = events[type];
    if (handler === undefined) {
        return false;
    }
    if (typeof handler === "function") {
        callListener(this, handler, type, args);
    } else {
        const listeners = handler.slice();
        for (let i = 0; i < listeners.length; i++) {
            callListener(this, listeners[i], type, args);
        }
    }
    return true;
};

function warnIfLeaking(emitter, type, count) {
    const max = maxListenersOf(emitter);
    if (max <= 0 || count <= max) {
        return;
    }
    const listeners = emitter._events[type];
    if (listeners[kWarned]) {
        return;
    }
    listeners[kWarned] = true;
    let name;
    try {
        name = require("util").inspect(emitter, { depth: -1 });
    } catch {
        name = "[EventEmitter]";
    }
    emitWarning(`Possible EventEmitter memory leak detected. ${count} ${String(type)} listeners added to ${name}. ` +
        `MaxListeners is ${max}. Use emitter.setMaxListeners() to increase limit`, "MaxListenersExceededWarning");
}

function addListenerTo(emitter, type, listener, prepend) {
    validateListener(listener);
    let events = emitter._events;
    if (events === undefined) {
        events = emitter._events = Object.create(null);
        emitter._eventsCount = 0;
    } else if (events.newListener !== undefined) {
        emitter.emit("newListener", type, listener.listener ?? listener);
        events = emitter._events;
    }
    const existing = events[type];
    if (existing === undefined) {
        events[type] = listener;
        emitter._eventsCount++;
        return emitter;
    }
    let listeners;
    if (typeof existing === "function") {
        listeners = events[type] = prepend ? [listener, existing] : [existing, listener];
    } else {
        listeners = existing;
        if (prepend) {
            listeners.unshift(listener);
        } else {
            listeners.push(listener);
        }
    }
    warnIfLeaking(emitter, type, listeners.length);
    return emitter;
}

EventEmitter.prototype.addListener = function addListener(type, listener) {
    return addListenerTo(this, type, listener, false);
};

EventEmitter.prototype.on = EventEmitter.prototype.addListener;

EventEmitter.prototype.prependListener = function prependListener(type, listener) {
    return addListenerTo(this, type, listener, true);
};

function onceWrapper(...args) {
    if (!this.fired) {
        this.target.removeListener(this.type, this.wrapFn);
        this.fired = true;
        return Reflect.apply(this.listener, this.target, args);
    }
    return undefined;
}

// The wrapper a once-listener is registered as; `.listener` leads back to the caller's function.
function onceWrap(target, type, listener) {
    const state = { fired: false, wrapFn: undefined, target, type, listener };
    const wrapped = onceWrapper.bind(state);
    wrapped.listener = listener;
    state.wrapFn = wrapped;
    return wrapped;
}

EventEmitter.prototype.once = function once(type, listener) {
    validateListener(listener);
    return this.on(type, onceWrap(this, type, listener));
};

EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, listener) {
    validateListener(listener);
    return this.prependListener(type, onceWrap(this, type, listener));
};

function deleteType(emitter, events, type) {
    if (--emitter._eventsCount === 0) {
        emitter._events = Object.create(null);
    } else {
        delete events[type];
    }
}

EventEmitter.prototype.removeListener = function removeListener(type, listener) {
    validateListener(listener);
    const events = this._events;
    if (events === undefined) {
        return this;
    }
    const list = events[type];
    if (list === undefined) {
        return this;
    }
    let removed;
    if (list === listener || list.listener === listener) {
        removed = list.listener ?? list;
        deleteType(this, events, type);
    } else if (typeof list !== "function") {
        let position = -1;
        for (let i = list.length - 1; i >= 0; i--) {
            if (list[i] === listener || list[i].listener === listener) {
                position = i;
                break;
            }
        }
        if (position < 0) {
            return this;
        }
        removed = list[position].listener ?? list[position];
        list.splice(position, 1);
        if (list.length === 1) {
            events[type] = list[0];
        }
    } else {
        return this;
    }
    if (events.removeListener !== undefined) {
        this.emit("removeListener", type, removed);
    }
    return this;
};

EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
    const events = this._events;
    if (events === undefined) {
        return this;
    }
    if (events.removeListener === undefined) {
        if (arguments.length === 0) {
            this._events = Object.create(null);
            this._eventsCount = 0;
        } else if (events[type] !== undefined) {
            deleteType(this, events, type);
        }
        return this;
    }
    if (arguments.length === 0) {
        for (const key of Reflect.ownKeys(events)) {
            if (key !== "removeListener") {
                this.removeAllListeners(key);
            }
        }
        this.removeAllListeners("removeListener");
        this._events = Object.create(null);
        this._eventsCount = 0;
        return this;
    }
    const listeners = events[type];
    if (typeof listeners === "function") {
        this.removeListener(type, listeners);
    } else if (listeners !== undefined) {
        for (let i = listeners.length - 1; i >= 0; i--) {
            this.removeListener(type, listeners[i]);
        }
    }
    return this;
};

function listenersOf(emitter, type, unwrap) {
    const events = emitter._events;
    const list = events === undefined ? undefined : events[type];
    if (list === undefined) {
        return [];
    }
    if (typeof list === "function") {
        return unwrap ? [list.listener ?? list] : [list];
    }
    return unwrap ? list.map((fn) => fn.listener ?? fn) : list.slice();
}

EventEmitter.prototype.listeners = function listeners(type) {
    return listenersOf(this, type, true);
};

EventEmitter.prototype.rawListeners = function rawListeners(type) {
    return listenersOf(this, type, false);
};

function countListeners(type, listener) {
    const events = this._events;
    const list = events === undefined ? undefined : events[type];
    if (list === undefined) {
        return 0;
    }
    if (typeof list === "function") {
        return listener == null || list === listener || list.listener === listener ? 1 : 0;
    }
    if (listener == null) {
        return list.length;
    }
    return list.filter((fn) => fn === listener || fn.listener === listener).length;
}

EventEmitter.prototype.listenerCount = function listenerCount(type, listener) {
    return countListeners.call(this, type, listener);
};

EventEmitter.prototype.eventNames = function eventNames() {
    return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
};

EventEmitter.listenerCount = function listenerCount(emitter, type) {
    if (typeof emitter.listenerCount === "function") {
        return emitter.listenerCount(type);
    }
    return countListeners.call(emitter, type);
};

function isEventTarget(value) {
    return typeof EventTarget === "function" && value instanceof EventTarget;
}

// jscell's EventTarget does not expose its listeners, so for one only the listeners added through this module are known.
const targetMaxListeners = new WeakMap();

function getEventListeners(emitterOrTarget, type) {
    if (typeof emitterOrTarget?.listeners === "function") {
        return emitterOrTarget.listeners(type);
    }
    if (isEventTarget(emitterOrTarget)) {
        return [];
    }
    throw invalidArgType("emitter", "an instance of EventEmitter or EventTarget", emitterOrTarget);
}

function getMaxListeners(emitterOrTarget) {
    if (typeof emitterOrTarget?.getMaxListeners === "function") {
        return maxListenersOf(emitterOrTarget);
    }
    if (isEventTarget(emitterOrTarget)) {
        return targetMaxListeners.get(emitterOrTarget) ?? defaultMaxListeners;
    }
    throw invalidArgType("emitter", "an instance of EventEmitter or EventTarget", emitterOrTarget);
}

function setMaxListeners(n = defaultMaxListeners, ...targets) {
    validateMaxListeners(n, "setMaxListeners");
    if (targets.length === 0) {
        defaultMaxListeners = n;
        return;
    }
    for (const target of targets) {
        if (isEventTarget(target)) {
            targetMaxListeners.set(target, n);
        } else if (typeof target?.setMaxListeners === "function") {
            target.setMaxListeners(n);
        } else {
            throw invalidArgType("eventTargets", "an instance of EventEmitter or EventTarget", target);
        }
    }
}

// Listens on an EventEmitter or an EventTarget; returns the function that stops listening.
function listen(target, name, listener, once) {
    if (typeof target.on === "function") {
        if (once) {
            target.once(name, listener);
        } else {
            target.on(name, listener);
        }
        return () => target.removeListener(name, listener);
    }
    if (typeof target.addEventListener === "function") {
        const handler = (event) => listener(event);
        target.addEventListener(name, handler, { once });
        return () => target.removeEventListener(name, handler);
    }
    throw invalidArgType("emitter", "an instance of EventEmitter or EventTarget", target);
}

function abortErrorOf(signal) {
    return new AbortError(undefined, { cause: signal.reason });
}

async function once(emitter, name, options = {}) {
    if (options === null || typeof options !== "object") {
        throw invalidArgType("options", "of type object", options);
    }
    const signal = options.signal;
    validateAbortSignal(signal, "options.signal");
    if (signal?.aborted) {
        throw abortErrorOf(signal);
    }
    return new Promise((resolve, reject) => {
        const cleanups = [];
        const finish = () => cleanups.forEach((cleanup) => cleanup());
        cleanups.push(listen(emitter, name, (...args) => {
            finish();
            resolve(args);
        }, true));
        if (name !== "error" && typeof emitter.on === "function") {
            cleanups.push(listen(emitter, "error", (error) => {
                finish();
                reject(error);
            }, true));
        }
        if (signal !== undefined) {
            const onAbort = () => {
                finish();
                reject(abortErrorOf(signal));
            };
            signal.addEventListener("abort", onAbort, { once: true });
            cleanups.push(() => signal.removeEventListener("abort", onAbort));
        }
    });
}

// An async iterator of the argument arrays of `name` events; an 'error' event rejects the pending next().
function on(emitter, name, options = undefined) {
    const signal = options?.signal;
    validateAbortSignal(signal, "options.signal");
    if (signal?.aborted) {
        throw abortErrorOf(signal);
    }
    const queued = [];
    const waiting = [];
    let failure = null;
    let done = false;
    const cleanups = [];

    function close() {
        done = true;
        cleanups.forEach((cleanup) => cleanup());
        cleanups.length = 0;
        for (const pending of waiting.splice(0)) {
            pending.resolve({ value: undefined, done: true });
        }
    }

    function fail(error) {
        done = true;
        cleanups.forEach((cleanup) => cleanup());
        cleanups.length = 0;
        if (waiting.length > 0) {
            waiting.shift().reject(error);
        } else {
            failure = error;
        }
        close();
    }

    cleanups.push(listen(emitter, name, (...args) => {
        if (waiting.length > 0) {
            waiting.shift().resolve({ value: args, done: false });
        } else {
            queued.push(args);
        }
    }, false));
    if (name !== "error" && typeof emitter.on === "function") {
        cleanups.push(listen(emitter, "error", fail, false));
    }
    if (signal !== undefined) {
        const onAbort = () => fail(abortErrorOf(signal));
        signal.addEventListener("abort", onAbort, { once: true });
        cleanups.push(() => signal.removeEventListener("abort", onAbort));
    }

    return {
        next() {
            if (queued.length > 0) {
                return Promise.resolve({ value: queued.shift(), done: false });
            }
            if (failure !== null) {
                const error = failure;
                failure = null;
                return Promise.reject(error);
            }
            if (done) {
                return Promise.resolve({ value: undefined, done: true });
            }
            return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
        },
        return() {
            close();
            return Promise.resolve({ value: undefined, done: true });
        },
        throw(error) {
            fail(error);
            return Promise.reject(error);
        },
        [Symbol.asyncIterator]() {
            return this;
        },
    };
}

function addAbortListener(signal, listener) {
    if (signal === undefined || signal === null || typeof signal !== "object" || !("aborted" in signal)) {
        throw invalidArgType("signal", "an instance of AbortSignal", signal);
    }
    validateListener(listener);
    let removed = false;
    const remove = () => {
        if (!removed) {
            removed = true;
            signal.removeEventListener("abort", listener);
        }
    };
    if (signal.aborted) {
        queueMicrotask(() => listener());
    } else {
        signal.addEventListener("abort", listener, { once: true });
    }
    return { [Symbol.dispose]: remove };
}

let EventEmitterAsyncResource;

// An EventEmitter whose listeners run in the scope of its own AsyncResource (made on first use, as it needs
// async_hooks).
function eventEmitterAsyncResource() {
    if (EventEmitterAsyncResource !== undefined) {
        return EventEmitterAsyncResource;
    }
    const { AsyncResource } = require("async_hooks");
    const kResource = Symbol("kAsyncResource");
    class EventEmitterReferencingAsyncResource extends AsyncResource {
        constructor(emitter, type, options) {
            super(type, options);
            this.eventEmitter = emitter;
        }
    }
    EventEmitterAsyncResource = class EventEmitterAsyncResource extends EventEmitter {
        constructor(options = undefined) {
            const name = typeof options === "string" ? options : options?.name || new.target.name;
            super(typeof options === "string" ? undefined : options);
            this[kResource] = new EventEmitterReferencingAsyncResource(this, name, typeof options === "string" ? undefined : options);
        }

        emit(event, ...args) {
            return this[kResource].runInAsyncScope(super.emit, this, event, ...args);
        }

        emitDestroy() {
            this[kResource].emitDestroy();
        }

        get asyncId() {
            return this[kResource].asyncId();
        }

        get triggerAsyncId() {
            return this[kResource].triggerAsyncId();
        }

        get asyncResource() {
            return this[kResource];
        }
    };
    return EventEmitterAsyncResource;
}

Object.defineProperties(EventEmitter, {
    EventEmitterAsyncResource: {
        enumerable: true,
        configurable: true,
        get: eventEmitterAsyncResource,
    },
    defaultMaxListeners: {
        enumerable: true,
        get: () => defaultMaxListeners,
        set(value) {
            validateMaxListeners(value, "defaultMaxListeners");
            defaultMaxListeners = value;
        },
    },
    captureRejections: {
        enumerable: true,
        get: () => defaultCaptureRejections,
        set(value) {
            if (typeof value !== "boolean") {
                throw invalidArgType("EventEmitter.captureRejections", "of type boolean", value);
            }
            defaultCaptureRejections = value;
            EventEmitter.prototype[kCapture] = value;
        },
    },
});

EventEmitter.EventEmitter = EventEmitter;
EventEmitter.usingDomains = false;
EventEmitter.captureRejectionSymbol = kRejection;
EventEmitter.errorMonitor = errorMonitor;
EventEmitter.once = once;
EventEmitter.on = on;
EventEmitter.getEventListeners = getEventListeners;
EventEmitter.getMaxListeners = getMaxListeners;
EventEmitter.setMaxListeners = setMaxListeners;
EventEmitter.addAbortListener = addAbortListener;

module.exports = EventEmitter;
