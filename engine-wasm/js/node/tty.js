// tty.js: `tty`: the sandbox has no terminal, so `isatty` is always false and its streams cannot be made.
const { sandboxDenied } = require("internal/errors");

function deniedStream(name) {
    return class {
        constructor() {
            throw sandboxDenied(`new tty.${name}()`);
        }
    };
}

module.exports = { isatty: () => false, ReadStream: deniedStream("ReadStream"), WriteStream: deniedStream("WriteStream") };
