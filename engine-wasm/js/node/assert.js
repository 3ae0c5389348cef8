// assert.js: node's `assert` module: the assertion functions, AssertionError (code ERR_ASSERTION) and
// `assert.strict`. Generated messages follow node's wording; the diff of deepStrictEqual is a plain line diff of
// both values' inspect() output rather than node's condensed one.

const { codedError, describeReceived, invalidArgType, invalidArgValue, emitWarning } = require("internal/errors");
const { inspect, types } = require("util");
const { isDeepEqual, isDeepStrictEqual } = require("internal/comparisons");

const NO_EXCEPTION = Symbol("no exception");

function inspectValue(value) {
    return inspect(value, {
        compact: false, customInspect: false, depth: 1000, maxArrayLength: Infinity, showHidden: false,
        showProxy: false, sorted: true, getters: true,
    });
}

const MAX_DIFF_LINES = 1000;

// "+ actual - expected" followed by both values' lines, common lines indented, from a longest common subsequence.
function lineDiff(actualLines, expectedLines) {
    const rows = actualLines.length;
    const columns = expectedLines.length;
    const lengths = Array.from({ length: rows + 1 }, () => new Uint32Array(columns + 1));
    for (let i = rows - 1; i >= 0; i--) {
        for (let j = columns - 1; j >= 0; j--) {
            lengths[i][j] = actualLines[i] === expectedLines[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
        }
    }
    const out = [];
    let i = 0;
    let j = 0;
    while (i < rows || j < columns) {
        if (i < rows && j < columns && actualLines[i] === expectedLines[j]) {
            out.push(`  ${actualLines[i++]}`);
            j++;
        } else if (j >= columns || (i < rows && lengths[i + 1][j] >= lengths[i][j + 1])) {
            out.push(`+ ${actualLines[i++]}`);
        } else {
            out.push(`- ${expectedLines[j++]}`);
        }
    }
    return out.join("\n");
}

function diffMessage(header, actual, expected) {
    const actualLines = inspectValue(actual).split("\n");
    const expectedLines = inspectValue(expected).split("\n");
    if (actualLines.length === 1 && expectedLines.length === 1 && actualLines[0] !== expectedLines[0]) {
        return `${header}\n\n${actualLines[0]} !== ${expectedLines[0]}\n`;
    }
    if (actualLines.length + expectedLines.length > MAX_DIFF_LINES) {
        return `${header}\n\n${actualLines.join("\n")}\n\nshould equal\n\n${expectedLines.join("\n")}`;
    }
    return `${header}\n+ actual - expected\n\n${lineDiff(actualLines, expectedLines)}`;
}

function truncated(text, limit) {
    return text.length > limit ? `${text.slice(0, limit - 3)}...` : text;
}

function generateMessage(actual, expected, operator) {
    switch (operator) {
        case "deepStrictEqual":
            return diffMessage("Expected values to be strictly deep-equal:", actual, expected);
        case "strictEqual": {
            const bothObjects = typeof actual === "object" && actual !== null && typeof expected === "object" && expected !== null;
            if ((bothObjects || (typeof actual === "function" && typeof expected === "function")) && inspectValue(actual) === inspectValue(expected)) {
                return `Values have same structure but are not reference-equal:\n\n${inspectValue(actual)}\n`;
            }
            return diffMessage("Expected values to be strictly equal:", actual, expected);
        }
        case "notDeepStrictEqual":
        case "notStrictEqual": {
            const shown = inspectValue(actual);
            const same = operator === "notStrictEqual" && actual !== null && (typeof actual === "object" || typeof actual === "function");
            const header = operator === "notDeepStrictEqual" ? 'Expected "actual" not to be strictly deep-equal to:' :
                same ? 'Expected "actual" not to be reference-equal to "expected":' : 'Expected "actual" to be strictly unequal to:';
            return !shown.includes("\n") && !same && operator === "notStrictEqual" ? `${header} ${shown}` : `${header}\n\n${truncated(shown, 512)}\n`;
        }
        case "deepEqual":
            return `Expected values to be loosely deep-equal:\n\n${truncated(inspectValue(actual), 512)}\n\nshould loosely deep-equal\n\n${truncated(inspectValue(expected), 512)}`;
        case "notDeepEqual":
            return `Expected values not to be loosely deep-equal:\n\n${truncated(inspectValue(actual), 512)}\n\nshould not loosely deep-equal\n\n${truncated(inspectValue(expected), 512)}`;
        default:
            return `${truncated(inspectValue(actual), 512)} ${operator} ${truncated(inspectValue(expected), 512)}`;
    }
}

class AssertionError extends Error {
    constructor(options) {
        if (options === null || typeof options !== "object") {
            throw invalidArgType("options", "of type object", options);
        }
        const { message, operator, actual, expected } = options;
        super(message != null ? String(message) : generateMessage(actual, expected, operator));
        this.generatedMessage = message == null;
        Object.defineProperty(this, "code", { value: "ERR_ASSERTION", writable: true, enumerable: true, configurable: true });
        this.actual = actual;
        this.expected = expected;
        this.operator = operator;
    }

    toString() {
        return `${this.name} [${this.code}]: ${this.message}`;
    }
}

Object.defineProperty(AssertionError.prototype, "name", { value: "AssertionError", writable: true, configurable: true });

function throwAssertion(options) {
    if (options.message instanceof Error) {
        throw options.message;
    }
    const error = new AssertionError(options);
    if (options.generatedMessage !== undefined) {
        error.generatedMessage = options.generatedMessage;
    }
    throw error;
}

function ok(...args) {
    if (args.length === 0) {
        throwAssertion({ actual: undefined, expected: true, operator: "==", message: "No value argument passed to `assert.ok()`", generatedMessage: true });
    }
    const [value, message] = args;
    if (!value) {
        throwAssertion({
            actual: value, expected: true, operator: "==", generatedMessage: message == null,
            message: message ?? `The expression evaluated to a falsy value:\n\n  assert.ok(${inspect(value)})\n`,
        });
    }
}

function assert(...args) {
    ok(...args);
}

let warnedFail = false;

assert.fail = function fail(actual, expected, message, operator) {
    const count = arguments.length;
    if (count === 0) {
        throwAssertion({ message: "Failed", operator: "fail", generatedMessage: true });
    }
    if (count === 1) {
        throwAssertion({ message: actual, operator: "fail" });
    }
    if (!warnedFail) {
        warnedFail = true;
        emitWarning("assert.fail() with more than one argument is deprecated. Please use assert.strictEqual() instead or only pass a message.",
            "DeprecationWarning", "DEP0094");
    }
    throwAssertion({ actual, expected, operator: count === 2 ? "!=" : operator, message: count === 2 ? undefined : message });
};

assert.AssertionError = AssertionError;
assert.ok = ok;

function requireTwo(count) {
    if (count < 2) {
        throw codedError(TypeError, "ERR_MISSING_ARGS", 'The "actual" and "expected" arguments must be specified');
    }
}

assert.equal = function equal(actual, expected, message) {
    requireTwo(arguments.length);
    // Loose equality, except that NaN equals NaN.
    if (actual != expected && (!Number.isNaN(actual) || !Number.isNaN(expected))) {
        throwAssertion({ actual, expected, message, operator: "==" });
    }
};

assert.notEqual = function notEqual(actual, expected, message) {
    requireTwo(arguments.length);
    if (actual == expected || (Number.isNaN(actual) && Number.isNaN(expected))) {
        throwAssertion({ actual, expected, message, operator: "!=" });
    }
};

assert.deepEqual = function deepEqual(actual, expected, message) {
    requireTwo(arguments.length);
    if (!isDeepEqual(actual, expected)) {
        throwAssertion({ actual, expected, message, operator: "deepEqual" });
    }
};

assert.notDeepEqual = function notDeepEqual(actual, expected, message) {
    requireTwo(arguments.length);
    if (isDeepEqual(actual, expected)) {
        throwAssertion({ actual, expected, message, operator: "notDeepEqual" });
    }
};

assert.deepStrictEqual = function deepStrictEqual(actual, expected, message) {
    requireTwo(arguments.length);
    if (!isDeepStrictEqual(actual, expected)) {
        throwAssertion({ actual, expected, message, operator: "deepStrictEqual" });
    }
};

assert.notDeepStrictEqual = function notDeepStrictEqual(actual, expected, message) {
    requireTwo(arguments.length);
    if (isDeepStrictEqual(actual, expected)) {
        throwAssertion({ actual, expected, message, operator: "notDeepStrictEqual" });
    }
};

assert.strictEqual = function strictEqual(actual, expected, message) {
    requireTwo(arguments.length);
    if (!Object.is(actual, expected)) {
        throwAssertion({ actual, expected, message, operator: "strictEqual" });
    }
};

assert.notStrictEqual = function notStrictEqual(actual, expected, message) {
    requireTwo(arguments.length);
    if (Object.is(actual, expected)) {
        throwAssertion({ actual, expected, message, operator: "notStrictEqual" });
    }
};

function thrownBy(fn) {
    if (typeof fn !== "function") {
        throw invalidArgType("fn", "of type function", fn);
    }
    try {
        fn();
    } catch (error) {
        return error;
    }
    return NO_EXCEPTION;
}

function isThenable(value) {
    return types.isPromise(value) ||
        (value !== null && typeof value === "object" && typeof value.then === "function" && typeof value.catch === "function");
}

async function rejectionOf(promiseFn) {
    let promise;
    if (typeof promiseFn === "function") {
        promise = promiseFn();
        if (!isThenable(promise)) {
            throw codedError(TypeError, "ERR_INVALID_RETURN_VALUE",
                `Expected instance of Promise to be returned from the "promiseFn" function but got${describeReceived(promise).replace(" Received", "")}.`);
        }
    } else if (isThenable(promiseFn)) {
        promise = promiseFn;
    } else {
        throw invalidArgType("promiseFn", "of type function or an instance of Promise", promiseFn);
    }
    try {
        await promise;
    } catch (error) {
        return error;
    }
    return NO_EXCEPTION;
}

function comparisonObject(source, keys) {
    const object = Object.create({ constructor: { name: "Comparison" } });
    for (const key of keys) {
        if (key in source) {
            object[key] = source[key];
        }
    }
    return object;
}

// The thrown value against a validation object: every key deep-equal (strings may also match a RegExp).
function checkErrorObject(actual, expected, message, operator) {
    if (typeof actual !== "object" || actual === null) {
        const error = new AssertionError({ actual, expected, message, operator: "deepStrictEqual" });
        error.operator = operator;
        throw error;
    }
    const keys = Object.keys(expected);
    if (expected instanceof Error) {
        keys.push("name", "message");
    } else if (keys.length === 0) {
        throw invalidArgValue("error", expected, "may not be an empty object");
    }
    for (const key of keys) {
        if (typeof actual[key] === "string" && types.isRegExp(expected[key]) && RegExp.prototype.exec.call(expected[key], actual[key]) !== null) {
            continue;
        }
        if (!(key in actual) || !isDeepStrictEqual(actual[key], expected[key])) {
            if (message != null) {
                throwAssertion({ actual, expected, message, operator });
            }
            const error = new AssertionError({ actual: comparisonObject(actual, keys), expected: comparisonObject(expected, keys), operator: "deepStrictEqual" });
            error.actual = actual;
            error.expected = expected;
            error.operator = operator;
            throw error;
        }
    }
}

function checkExpectedError(actual, expected, message, operator) {
    let generated = false;
    if (typeof expected !== "function") {
        if (types.isRegExp(expected)) {
            const text = String(actual);
            if (RegExp.prototype.exec.call(expected, text) !== null) {
                return;
            }
            if (message == null) {
                generated = true;
                message = `The input did not match the regular expression ${inspect(expected)}. Input:\n\n${inspect(text)}\n`;
            }
            throwAssertion({ actual, expected, message, operator, generatedMessage: generated });
        }
        checkErrorObject(actual, expected, message, operator);
        return;
    }
    if (expected.prototype !== undefined && actual instanceof expected) {
        return;
    }
    if (Object.prototype.isPrototypeOf.call(Error, expected)) {
        if (message == null) {
            generated = true;
            message = `The error is expected to be an instance of "${expected.name}". Received `;
            if (actual instanceof Error) {
                message += `"${actual.constructor?.name}"\n\nError message:\n\n${actual.message}`;
            } else {
                message += inspect(actual, { depth: -1 });
            }
        }
        throwAssertion({ actual, expected, message, operator, generatedMessage: generated });
    }
    const result = Reflect.apply(expected, {}, [actual]);
    if (result !== true) {
        if (message == null) {
            generated = true;
            const name = expected.name ? `"${expected.name}" ` : "";
            message = `The ${name}validation function is expected to return "true". Received ${inspect(result)}`;
            if (types.isNativeError(actual) || actual instanceof Error) {
                message += `\n\nCaught error:\n\n${actual}`;
            }
        }
        throwAssertion({ actual, expected, message, operator, generatedMessage: generated });
    }
}

function validateExpected(expected) {
    if (expected !== undefined && (expected === null || (typeof expected !== "object" && typeof expected !== "function"))) {
        throw invalidArgType("error", "of type function or an instance of Error, RegExp, or Object", expected);
    }
}

function expectsError(operator, kind, actual, error, message, count) {
    if (typeof error === "string") {
        if (count === 3) {
            throw invalidArgType("error", "of type function or an instance of Error, RegExp, or Object", error);
        }
        message = error;
        error = undefined;
    } else {
        validateExpected(error);
    }
    if (actual === NO_EXCEPTION) {
        let details = "";
        if (error?.name) {
            details += ` (${error.name})`;
        }
        details += message ? `: ${message}` : ".";
        throwAssertion({ actual: undefined, expected: error, operator, message: `Missing expected ${kind}${details}`, generatedMessage: false });
    }
    if (error !== undefined) {
        checkExpectedError(actual, error, message, operator);
    }
}

function matchesError(actual, expected) {
    if (typeof expected !== "function") {
        if (types.isRegExp(expected)) {
            return RegExp.prototype.exec.call(expected, String(actual)) !== null;
        }
        throw invalidArgType("expected", "of type function or an instance of RegExp", expected);
    }
    if (expected.prototype !== undefined && actual instanceof expected) {
        return true;
    }
    if (Object.prototype.isPrototypeOf.call(Error, expected)) {
        return false;
    }
    return Reflect.apply(expected, {}, [actual]) === true;
}

function expectsNoError(operator, kind, actual, error, message) {
    if (actual === NO_EXCEPTION) {
        return;
    }
    if (typeof error === "string") {
        message = error;
        error = undefined;
    }
    if (!error || matchesError(actual, error)) {
        const details = message ? `: ${message}` : ".";
        throwAssertion({ actual, expected: error, operator, message: `Got unwanted ${kind}${details}\nActual message: "${actual?.message}"`, generatedMessage: false });
    }
    throw actual;
}

assert.throws = function throws(fn, error, message) {
    expectsError("throws", "exception", thrownBy(fn), error, message, arguments.length);
};

assert.rejects = async function rejects(promiseFn, error, message) {
    expectsError("rejects", "rejection", await rejectionOf(promiseFn), error, message, arguments.length);
};

assert.doesNotThrow = function doesNotThrow(fn, error, message) {
    expectsNoError("doesNotThrow", "exception", thrownBy(fn), error, message);
};

assert.doesNotReject = async function doesNotReject(promiseFn, error, message) {
    expectsNoError("doesNotReject", "rejection", await rejectionOf(promiseFn), error, message);
};

assert.ifError = function ifError(value) {
    if (value === null || value === undefined) {
        return;
    }
    let message = "ifError got unwanted exception: ";
    if (typeof value === "object" && typeof value.message === "string") {
        message += value.message.length === 0 && value.constructor ? value.constructor.name : value.message;
    } else {
        message += inspect(value);
    }
    throwAssertion({ actual: value, expected: null, operator: "ifError", message, generatedMessage: false });
};

function checkMatch(text, regexp, message, operator, wanted) {
    if (!types.isRegExp(regexp)) {
        throw invalidArgType("regexp", "an instance of RegExp", regexp);
    }
    if (typeof text === "string" && (RegExp.prototype.exec.call(regexp, text) !== null) === wanted) {
        return;
    }
    const generated = message == null;
    if (generated) {
        if (typeof text !== "string") {
            message = `The "string" argument must be of type string. Received type ${typeof text} (${inspect(text)})`;
        } else {
            message = `${wanted ? "The input did not match the regular expression" : "The input was expected to not match the regular expression"} ` +
                `${inspect(regexp)}. Input:\n\n${inspect(text)}\n`;
        }
    }
    throwAssertion({ actual: text, expected: regexp, message, operator, generatedMessage: generated });
}

assert.match = function match(string, regexp, message) {
    checkMatch(string, regexp, message, "match", true);
};

assert.doesNotMatch = function doesNotMatch(string, regexp, message) {
    checkMatch(string, regexp, message, "doesNotMatch", false);
};

function strict(...args) {
    ok(...args);
}

assert.strict = Object.assign(strict, assert, {
    equal: assert.strictEqual,
    deepEqual: assert.deepStrictEqual,
    notEqual: assert.notStrictEqual,
    notDeepEqual: assert.notDeepStrictEqual,
});
assert.strict.strict = assert.strict;

module.exports = assert;
