// dgram.js: node's `dgram` in the sandbox, which has no sockets: createSocket and Socket throw ERR_JSCELL_SANDBOX.

const EventEmitter = require("events");
const { deniedFunctions, deniedClass } = require("internal/errors");

module.exports = {
    ...deniedFunctions("dgram", ["createSocket"]),
    Socket: deniedClass("dgram.Socket", EventEmitter),
};
