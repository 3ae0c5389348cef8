// cluster.js: node's `cluster` in the sandbox, which forks no processes: this is the primary with no workers;
// fork and disconnect throw ERR_JSCELL_SANDBOX, setupPrimary records its settings.

const EventEmitter = require("events");
const { deniedFunctions, deniedClass } = require("internal/errors");

const cluster = new EventEmitter();

function setupPrimary(settings = undefined) {
    Object.assign(cluster.settings, settings);
    cluster.emit("setup");
}

Object.assign(cluster, {
    isWorker: false,
    isMaster: true,
    isPrimary: true,
    Worker: deniedClass("cluster.Worker", EventEmitter),
    workers: {},
    settings: {},
    SCHED_NONE: 1,
    SCHED_RR: 2,
    schedulingPolicy: 2,
    setupPrimary,
    setupMaster: setupPrimary,
    ...deniedFunctions("cluster", ["fork", "disconnect"]),
});

module.exports = cluster;
