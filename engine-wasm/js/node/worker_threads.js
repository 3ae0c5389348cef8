// worker_threads.js: node's `worker_threads` in the sandbox, which starts no threads: this is always the main
// thread (no parentPort, no workerData); Worker and the port operations throw ERR_JSCELL_SANDBOX. The environment
// data store works, within this thread.

const EventEmitter = require("events");
const { deniedFunctions, deniedClass } = require("internal/errors");

const environmentData = new Map();

function webOrDenied(name) {
    return typeof globalThis[name] === "function" ? globalThis[name] : deniedClass(`worker_threads.${name}`, EventEmitter);
}

module.exports = {
    isMainThread: true,
    MessagePort: webOrDenied("MessagePort"),
    MessageChannel: webOrDenied("MessageChannel"),
    // Nothing is ever transferred, so there is nothing to mark.
    markAsUntransferable() {},
    ...deniedFunctions("worker_threads", ["moveMessagePortToContext", "receiveMessageOnPort", "postMessageToThread"]),
    resourceLimits: {},
    threadId: 0,
    SHARE_ENV: Symbol.for("nodejs.worker_threads.SHARE_ENV"),
    Worker: deniedClass("worker_threads.Worker", EventEmitter),
    parentPort: null,
    workerData: null,
    BroadcastChannel: webOrDenied("BroadcastChannel"),
    setEnvironmentData(key, value) {
        if (value === undefined) {
            environmentData.delete(key);
        } else {
            environmentData.set(key, value);
        }
    },
    getEnvironmentData: (key) => environmentData.get(key),
};
