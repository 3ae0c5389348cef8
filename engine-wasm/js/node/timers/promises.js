// timers/promises.js: node's promise timers: setTimeout/setImmediate resolving with a value, setInterval as an
// async iterator, and scheduler.wait/yield; all abortable with an AbortSignal (rejecting with AbortError).

const { invalidArgType, AbortError } = require("internal/errors");
const timers = require("timers");

function validateOptions(options) {
    if (options === null || typeof options !== "object") {
        throw invalidArgType("options", "of type object", options);
    }
    const { signal, ref } = options;
    if (signal !== undefined && (signal === null || typeof signal !== "object" || !("aborted" in signal))) {
        throw invalidArgType("options.signal", "an instance of AbortSignal", signal);
    }
    if (ref !== undefined && typeof ref !== "boolean") {
        throw invalidArgType("options.ref", "of type boolean", ref);
    }
    return options;
}

function abortError(signal) {
    return new AbortError(undefined, { cause: signal.reason });
}

// A promise of `value` once `start(done)` calls done; aborting the signal cancels through `cancel`.
function abortable(options, start, cancel, value) {
    let signal;
    let ref;
    try {
        ({ signal, ref } = validateOptions(options));
    } catch (error) {
        return Promise.reject(error);
    }
    if (signal?.aborted) {
        return Promise.reject(abortError(signal));
    }
    return new Promise((resolve, reject) => {
        const onAbort = () => {
            cancel(handle);
            reject(abortError(signal));
        };
        const handle = start(() => {
            signal?.removeEventListener("abort", onAbort);
            resolve(value);
        });
        if (ref === false) {
            handle.unref();
        }
        signal?.addEventListener("abort", onAbort, { once: true });
    });
}

function setTimeout(delay, value, options = {}) {
    return abortable(options, (done) => timers.setTimeout(done, delay), timers.clearTimeout, value);
}

function setImmediate(value, options = {}) {
    return abortable(options, (done) => timers.setImmediate(done), timers.clearImmediate, value);
}

// Yields `value` once per interval; ticks that happen while the consumer is busy are yielded later, one each.
async function* setInterval(delay, value, options = {}) {
    const { signal, ref } = validateOptions(options);
    if (signal?.aborted) {
        throw abortError(signal);
    }
    let pendingTicks = 0;
    let wake = null;
    const notify = () => {
        const resume = wake;
        wake = null;
        resume?.();
    };
    const interval = timers.setInterval(() => {
        pendingTicks++;
        notify();
    }, delay);
    if (ref === false) {
        interval.unref();
    }
    signal?.addEventListener("abort", notify, { once: true });
    try {
        while (true) {
            if (pendingTicks === 0) {
                await new Promise((resolve) => {
                    wake = resolve;
                });
            }
            if (signal?.aborted) {
                throw abortError(signal);
            }
            pendingTicks--;
            yield value;
        }
    } finally {
        timers.clearInterval(interval);
        signal?.removeEventListener("abort", notify);
    }
}

class Scheduler {
    yield() {
        return setImmediate();
    }

    wait(delay, options) {
        return setTimeout(delay, undefined, options);
    }
}

module.exports = { setTimeout, setImmediate, setInterval, scheduler: new Scheduler() };
