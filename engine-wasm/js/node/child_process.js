// child_process.js: node's `child_process` in the sandbox, which runs no processes: every function and the
// ChildProcess constructor throw ERR_JSCELL_SANDBOX; requiring the module works.

const EventEmitter = require("events");
const { deniedFunctions, deniedClass } = require("internal/errors");

module.exports = {
    ...deniedFunctions("child_process", ["exec", "execFile", "execFileSync", "execSync", "fork", "spawn", "spawnSync"]),
    ChildProcess: deniedClass("child_process.ChildProcess", EventEmitter),
};
