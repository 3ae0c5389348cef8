// timers.js: node's `timers` module: setTimeout/setInterval returning Timeout objects (ref/unref/hasRef/refresh/
// close, and a numeric id through Symbol.toPrimitive) on top of the web platform's timers, and setImmediate as a
// macrotask queue drained by one zero-delay web timer. ref/unref are recorded but do not change how long the host
// waits for pending timers.

const { invalidArgType, emitWarning } = require("internal/errors");

// The web platform's timers, captured before the loader may replace the globals with these.
const webSetTimeout = globalThis.setTimeout;
const webClearTimeout = globalThis.clearTimeout;
const webSetInterval = globalThis.setInterval;
const webClearInterval = globalThis.clearInterval;

const TIMEOUT_MAX = 2 ** 31 - 1;
const kRefed = Symbol("refed");
const kHandle = Symbol("handle");
const kId = Symbol("id");
const timersById = new Map();
let nextId = 1;

function validateCallback(callback) {
    if (typeof callback !== "function") {
        throw invalidArgType("callback", "of type function", callback);
    }
}

// node's delay rules: anything that is not a number in [1, 2^31-1] becomes 1.
function normalizeDelay(delay) {
    delay *= 1;
    if (!(delay >= 1 && delay <= TIMEOUT_MAX)) {
        if (delay > TIMEOUT_MAX) {
            emitWarning(`${delay} does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.`, "TimeoutOverflowWarning");
        }
        delay = 1;
    }
    return delay;
}

class Timeout {
    constructor(callback, delay, args, repeat) {
        this._idleTimeout = delay;
        this._onTimeout = callback;
        this._timerArgs = args;
        this._repeat = repeat ? delay : null;
        this._destroyed = false;
        this[kRefed] = true;
        this[kHandle] = undefined;
        this[kId] = nextId++;
        arm(this);
    }

    refresh() {
        if (!this._destroyed && this._onTimeout !== null) {
            disarm(this);
            arm(this);
        }
        return this;
    }

    unref() {
        this[kRefed] = false;
        return this;
    }

    ref() {
        this[kRefed] = true;
        return this;
    }

    hasRef() {
        return this[kRefed];
    }

    close() {
        clearTimeout(this);
        return this;
    }

    [Symbol.toPrimitive]() {
        timersById.set(this[kId], this);
        return this[kId];
    }
}

// A one-shot timer is done after its callback unless the callback refreshed it.
function fire(timer) {
    const callback = timer._onTimeout;
    const once = timer._repeat === null;
    if (once) {
        timer[kHandle] = undefined;
    }
    try {
        if (callback !== null) {
            Reflect.apply(callback, timer, timer._timerArgs ?? []);
        }
    } finally {
        if (once && timer[kHandle] === undefined) {
            timer._destroyed = true;
            timersById.delete(timer[kId]);
        }
    }
}

function arm(timer) {
    const tick = () => fire(timer);
    timer[kHandle] = timer._repeat === null ? webSetTimeout(tick, timer._idleTimeout) : webSetInterval(tick, timer._idleTimeout);
}

function disarm(timer) {
    if (timer._repeat === null) {
        webClearTimeout(timer[kHandle]);
    } else {
        webClearInterval(timer[kHandle]);
    }
}

function setTimeout(callback, delay, ...args) {
    validateCallback(callback);
    return new Timeout(callback, normalizeDelay(delay), args.length > 0 ? args : undefined, false);
}

function setInterval(callback, delay, ...args) {
    validateCallback(callback);
    return new Timeout(callback, normalizeDelay(delay), args.length > 0 ? args : undefined, true);
}

function clearTimeout(timer) {
    if (timer instanceof Timeout) {
        if (!timer._destroyed) {
            disarm(timer);
        }
        timer._onTimeout = null;
        timer._idleTimeout = -1;
        timer._destroyed = true;
        timersById.delete(timer[kId]);
    } else if (typeof timer === "number" || typeof timer === "string") {
        const known = timersById.get(Number(timer));
        if (known !== undefined) {
            clearTimeout(known);
        }
    }
}

function clearInterval(timer) {
    clearTimeout(timer);
}

class Immediate {
    constructor(callback, args) {
        this._idleNext = null;
        this._idlePrev = null;
        this._onImmediate = callback;
        this._argv = args;
        this._destroyed = false;
        this[kRefed] = true;
    }

    ref() {
        this[kRefed] = true;
        return this;
    }

    unref() {
        this[kRefed] = false;
        return this;
    }

    hasRef() {
        return this[kRefed];
    }
}

const immediateQueue = [];
let drainScheduled = false;

function scheduleDrain() {
    if (!drainScheduled) {
        drainScheduled = true;
        webSetTimeout(drainImmediates, 0);
    }
}

// Runs the immediates queued before this turn; ones queued meanwhile wait for the next turn, as in node.
function drainImmediates() {
    drainScheduled = false;
    const batch = immediateQueue.splice(0);
    for (let i = 0; i < batch.length; i++) {
        const immediate = batch[i];
        const callback = immediate._onImmediate;
        if (callback === null) {
            continue;
        }
        immediate._onImmediate = null;
        immediate._destroyed = true;
        try {
            Reflect.apply(callback, immediate, immediate._argv ?? []);
        } catch (error) {
            // The rest of the batch still runs, on the next turn; the error surfaces as uncaught.
            immediateQueue.unshift(...batch.slice(i + 1));
            if (immediateQueue.length > 0) {
                scheduleDrain();
            }
            throw error;
        }
    }
}

function setImmediate(callback, ...args) {
    validateCallback(callback);
    const immediate = new Immediate(callback, args.length > 0 ? args : undefined);
    immediateQueue.push(immediate);
    scheduleDrain();
    return immediate;
}

function clearImmediate(immediate) {
    if (immediate instanceof Immediate && !immediate._destroyed) {
        immediate._onImmediate = null;
        immediate._destroyed = true;
        const index = immediateQueue.indexOf(immediate);
        if (index !== -1) {
            immediateQueue.splice(index, 1);
        }
    }
}

// The legacy enroll/unenroll/active API of node, on an object with `_idleTimeout` and `_onTimeout`.
function unenroll(item) {
    if (item[kHandle] !== undefined) {
        webClearTimeout(item[kHandle]);
        item[kHandle] = undefined;
    }
}

function enroll(item, msecs) {
    unenroll(item);
    item._idleTimeout = normalizeDelay(msecs);
}

function active(item) {
    unenroll(item);
    if (item._idleTimeout >= 0) {
        item[kHandle] = webSetTimeout(() => {
            item[kHandle] = undefined;
            item._onTimeout?.();
        }, item._idleTimeout);
    }
}

const promisifyCustom = Symbol.for("nodejs.util.promisify.custom");
for (const [fn, name] of [[setTimeout, "setTimeout"], [setImmediate, "setImmediate"]]) {
    Object.defineProperty(fn, promisifyCustom, {
        enumerable: true,
        get: () => require("timers/promises")[name],
    });
}

module.exports = {
    setTimeout,
    clearTimeout,
    setImmediate,
    clearImmediate,
    setInterval,
    clearInterval,
    _unrefActive: active,
    active,
    unenroll,
    enroll,
};

Object.defineProperty(module.exports, "promises", {
    enumerable: true,
    configurable: true,
    get: () => require("timers/promises"),
});
