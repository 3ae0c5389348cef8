// constants.js: node's deprecated `constants` module, which old packages (node-rsa, ...) still require: the
// os error numbers, signals and priorities, fs's and crypto's constants, flattened into one object.
const os = require("os");
module.exports = Object.freeze(Object.assign(
    Object.create(null),
    os.constants.errno,
    os.constants.signals,
    os.constants.priority,
    require("fs").constants,
    require("crypto").constants,
));
