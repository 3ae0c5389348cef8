// internal/errors.js: node's coded errors (`err.code` such as ERR_INVALID_ARG_TYPE, and `String(err)` giving
// "TypeError [CODE]: message"), shared by every core module, and the sandbox's refusal ERR_JSCELL_SANDBOX.
// Only core modules can require it.

const codedClasses = new Map();

// The class of errors of base `Base` (TypeError, RangeError, ...) carrying `code`, made once per pair.
function codedClass(Base, code) {
    const key = `${Base.name} ${code}`;
    let Coded = codedClasses.get(key);
    if (Coded === undefined) {
        Coded = class extends Base {
            constructor(message) {
                super(message);
                Object.defineProperty(this, "code", { value: code, writable: true, enumerable: true, configurable: true });
            }

            get name() {
                return Base.name;
            }

            set name(value) {
                Object.defineProperty(this, "name", { value, writable: true, enumerable: true, configurable: true });
            }

            toString() {
                return `${this.name} [${code}]: ${this.message}`;
            }
        };
        // As in node, such an error's constructor is the base (err.constructor === TypeError), which is also the
        // name util.inspect shows.
        Object.defineProperty(Coded.prototype, "constructor", { value: Base, writable: true, configurable: true });
        codedClasses.set(key, Coded);
    }
    return Coded;
}

// A new error of base `Base` with node's `code` and `message`.
function codedError(Base, code, message) {
    const Coded = codedClass(Base, code);
    return new Coded(message);
}

// How node describes a received value at the end of an argument error: "Received type string ('x')".
function describeReceived(value) {
    if (value === null || value === undefined) {
        return ` Received ${value}`;
    }
    if (typeof value === "function") {
        return ` Received function ${value.name}`;
    }
    if (typeof value === "object") {
        if (value.constructor && value.constructor.name) {
            return ` Received an instance of ${value.constructor.name}`;
        }
        return " Received [object Object]";
    }
    let shown = typeof value === "string" ? `'${value.length > 25 ? `${value.slice(0, 25)}...` : value}'` : String(value);
    if (typeof value === "bigint") {
        shown += "n";
    }
    return ` Received type ${typeof value} (${shown})`;
}

// ERR_INVALID_ARG_TYPE: `expected` is node's phrase, such as "of type string" or "an instance of Buffer".
function invalidArgType(name, expected, value) {
    const what = name.includes(".") ? "property" : "argument";
    return codedError(TypeError, "ERR_INVALID_ARG_TYPE", `The "${name}" ${what} must be ${expected}.${describeReceived(value)}`);
}

// ERR_INVALID_ARG_VALUE: `reason` defaults to node's "is invalid".
function invalidArgValue(name, value, reason = "is invalid") {
    let shown;
    try {
        shown = typeof value === "string" ? `'${value}'` : String(value);
    } catch {
        shown = Object.prototype.toString.call(value);
    }
    const what = name.includes(".") ? "property" : "argument";
    return codedError(TypeError, "ERR_INVALID_ARG_VALUE", `The ${what} '${name}' ${reason}. Received ${shown}`);
}

// ERR_OUT_OF_RANGE: `range` is node's phrase, such as ">= 0 && <= 10".
function outOfRange(name, range, value) {
    let shown = typeof value === "bigint" ? `${value}n` : String(value);
    if (typeof value === "number" && Number.isInteger(value) && Math.abs(value) > 2 ** 32) {
        shown = String(value).replace(/(\d)(?=(\d{3})+$)/g, "$1_");
    }
    return codedError(RangeError, "ERR_OUT_OF_RANGE", `The value of "${name}" is out of range. It must be ${range}. Received ${shown}`);
}

// ERR_JSCELL_SANDBOX: what the sandbox refuses to do (reach the filesystem, network or processes).
function sandboxDenied(what) {
    return codedError(Error, "ERR_JSCELL_SANDBOX", `${what} is not available in jscell's sandbox`);
}

module.exports = { codedError, codedClass, describeReceived, invalidArgType, invalidArgValue, outOfRange, sandboxDenied };

// node's AbortError (name "AbortError", code ABORT_ERR): what aborted promise APIs reject with.
class AbortError extends Error {
    constructor(message = "The operation was aborted", options = undefined) {
        super(message, options);
        this.code = "ABORT_ERR";
        this.name = "AbortError";
    }
}

// process.emitWarning's text on stderr ("(node:1) [code] Type: message"), without a process to emit 'warning' on
// (core modules load before, and without, the process module).
function emitWarning(message, type = "Warning", code = undefined) {
    console.error(`(node:1) ${code ? `[${code}] ` : ""}${type}: ${message}`);
}

module.exports.AbortError = AbortError;
module.exports.emitWarning = emitWarning;

// What jscell does not implement of a core module (brotli, EC keys, ...): a plain Error saying so.
function unavailable(what) {
    return new Error(`${what} is not available in jscell`);
}

module.exports.unavailable = unavailable;

// Functions of a sandbox-denied module: each named as in node and throwing ERR_JSCELL_SANDBOX ("<prefix>.<name>").
function deniedFunctions(prefix, names) {
    const functions = {};
    for (const name of names) {
        functions[name] = {
            [name]() {
                throw sandboxDenied(`${prefix}.${name}`);
            },
        }[name];
    }
    return functions;
}

// A class of a sandbox-denied module (`qualifiedName` such as "net.Socket"): it can be subclassed and used with
// instanceof, but constructing one throws ERR_JSCELL_SANDBOX.
function deniedClass(qualifiedName, Base = Object) {
    const name = qualifiedName.slice(qualifiedName.lastIndexOf(".") + 1);
    return {
        [name]: class extends Base {
            constructor() {
                throw sandboxDenied(`new ${qualifiedName}()`);
            }
        },
    }[name];
}

module.exports.deniedFunctions = deniedFunctions;
module.exports.deniedClass = deniedClass;
