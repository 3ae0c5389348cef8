// vm.js: node's `vm` in the sandbox. Code runs in this context only (runInThisContext, Script#runInThisContext,
// compileFunction), by indirect eval: QuickJS offers no second realm to JS, so new contexts (createContext,
// runInNewContext, runInContext) throw ERR_JSCELL_SANDBOX. Options such as filename are accepted and ignored.

const { invalidArgType, sandboxDenied, deniedFunctions } = require("internal/errors");

const indirectEval = eval;

// Compiling as a function body finds the syntax errors node reports when a Script is made, without running it.
function checkSyntax(code) {
    new Function(code);
}

class Script {
    #code;

    constructor(code, options = undefined) {
        this.#code = `${code}`;
        if (options !== undefined && options !== null && typeof options !== "object" && typeof options !== "string") {
            throw invalidArgType("options", "of type object", options);
        }
        checkSyntax(this.#code);
        this.sourceMapURL = undefined;
    }

    runInThisContext() {
        return indirectEval(this.#code);
    }

    runInContext() {
        throw sandboxDenied("vm.Script.runInContext");
    }

    runInNewContext() {
        throw sandboxDenied("vm.Script.runInNewContext");
    }

    createCachedData() {
        throw sandboxDenied("vm.Script.createCachedData");
    }
}

function runInThisContext(code) {
    return indirectEval(`${code}`);
}

function isContext(object) {
    if (object === null || typeof object !== "object") {
        throw invalidArgType("object", "of type object", object);
    }
    return false;
}

function compileFunction(code, params = [], options = undefined) {
    if (typeof code !== "string") {
        throw invalidArgType("code", "of type string", code);
    }
    if (!Array.isArray(params)) {
        throw invalidArgType("params", "an instance of Array", params);
    }
    if (options?.parsingContext !== undefined || options?.contextExtensions?.length) {
        throw sandboxDenied("vm.compileFunction in another context");
    }
    const fn = new Function(...params, code);
    return Object.defineProperty(fn, "name", { value: "" });
}

module.exports = {
    Script,
    createScript: (code, options) => new Script(code, options),
    runInThisContext,
    ...deniedFunctions("vm", ["createContext", "runInContext", "runInNewContext", "measureMemory"]),
    isContext,
    compileFunction,
    constants: Object.freeze({
        __proto__: null,
        USE_MAIN_CONTEXT_DEFAULT_LOADER: Symbol("vm_dynamic_import_main_context_default"),
        DONT_CONTEXTIFY: Symbol("vm_context_no_contextify"),
    }),
};
