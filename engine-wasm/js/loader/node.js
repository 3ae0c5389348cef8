// node.js (loader): node compatibility, built with the image and installed only by native.installNode(config)
// (Context(node=...)): CommonJS `require` with node's resolution, the module cache and cycles as node has them,
// and the globals node code expects (`require`, `module`, `exports`, `__filename`, `__dirname`, `process`,
// `Buffer`, `global`, `setImmediate`). Core modules (engine-wasm/js/node/) are compiled on first require by
// native.nodeModule; user modules are read through native.nodeFs, the host's door to the granted root, which
// refuses every path outside it (see the README's node section). Nothing here touches the outside otherwise.

/// The core modules built so far, by id: each `{ exports, loaded }`.
const coreCache = new Map();

/// The ids `require` accepts without a `node:` prefix (node's `builtinModules`, without `internal/`).
let publicCoreIds = null;

function coreIds() {
    if (publicCoreIds === null) {
        // `module` is the loader's own Module class, not a file.
        publicCoreIds = [...native.nodeModuleIds().filter((id) => !id.startsWith("internal/")), "module"].sort();
    }
    return publicCoreIds;
}

/// node's error for a module that cannot be found from `parent`.
function moduleNotFound(request, parent) {
    const stack = [];
    for (let m = parent; m && m.filename; m = m.parent) {
        stack.push(m.filename);
    }
    const tail = stack.length ? `\nRequire stack:\n- ${stack.join("\n- ")}` : "";
    const error = new Error(`Cannot find module '${request}'${tail}`);
    error.code = "MODULE_NOT_FOUND";
    error.requireStack = stack;
    return error;
}

/// The core module `id`'s exports (built on first use); `internal/` ids only for core modules themselves.
function requireCore(id) {
    const cached = coreCache.get(id);
    if (cached !== undefined) {
        return cached.exports;
    }
    const factory = native.nodeModule(id);
    if (factory === undefined) {
        throw moduleNotFound(id, null);
    }
    const module = { id, exports: {}, loaded: false };
    coreCache.set(id, module);
    try {
        factory.call(module.exports, module.exports, requireCore, module, native);
    } catch (error) {
        coreCache.delete(id);
        throw error;
    }
    module.loaded = true;
    return module.exports;
}

/// The core id `request` names (`node:x` or a public bare id), or null.
function coreIdOf(request) {
    if (request.startsWith("node:")) {
        const id = request.slice(5);
        if (coreIds().includes(id)) {
            return id;
        }
        const error = new TypeError(`No such built-in module: ${request}`);
        error.code = "ERR_UNKNOWN_BUILTIN_MODULE";
        throw error;
    }
    return coreIds().includes(request) ? request : null;
}

// ---- paths (POSIX, like the paths the host gives) ----

function normalizePath(path) {
    const parts = [];
    for (const part of path.split("/")) {
        if (part === "" || part === ".") {
            continue;
        }
        if (part === "..") {
            parts.pop();
        } else {
            parts.push(part);
        }
    }
    return `/${parts.join("/")}`;
}

function joinPath(base, path) {
    return normalizePath(path.startsWith("/") ? path : `${base}/${path}`);
}

function dirnameOf(path) {
    const cut = path.lastIndexOf("/");
    return cut <= 0 ? "/" : path.slice(0, cut);
}

// ---- the host's files ----

/// What the host says of `path`: "file", "dir" or null; a refusal (outside the granted root) throws.
function statPath(path) {
    if (typeof native.nodeFs !== "function") {
        return null;
    }
    const stat = hostAnswer(native.nodeFs("stat", path), path);
    return stat === null ? null : stat.type;
}

/// The text of the file at `path` (UTF-8, a BOM dropped, as node reads modules), or null.
function readText(path) {
    const bytes = hostAnswer(native.nodeFs("read", path), path);
    return bytes === null ? null : moduleDecoder.decode(bytes);
}

const moduleDecoder = new TextDecoder();

/// The host's answer, or the sandbox's refusal thrown.
function hostAnswer(answer, path) {
    if (answer !== null && typeof answer === "object" && typeof answer.refused === "string") {
        const error = new Error(answer.refused);
        error.code = "ERR_JSCELL_SANDBOX";
        error.path = path;
        throw error;
    }
    return answer;
}

const packageCache = new Map();

/// The parsed package.json in `dir`, or null.
function readPackage(dir) {
    if (packageCache.has(dir)) {
        return packageCache.get(dir);
    }
    const file = joinPath(dir, "package.json");
    let found = null;
    if (statPath(file) === "file") {
        try {
            found = JSON.parse(readText(file));
        } catch (error) {
            error.message = `Error parsing ${file}: ${error.message}`;
            throw error;
        }
    }
    packageCache.set(dir, found);
    return found;
}

// ---- resolution (node's CommonJS algorithm) ----

const EXTENSIONS = [".js", ".json"];
const CONDITIONS = ["require", "node", "node-addons", "default"];

function loadAsFile(path) {
    if (statPath(path) === "file") {
        return path;
    }
    for (const extension of EXTENSIONS) {
        if (statPath(path + extension) === "file") {
            return path + extension;
        }
    }
    return null;
}

function loadIndex(path) {
    for (const extension of EXTENSIONS) {
        const index = `${path}/index${extension}`;
        if (statPath(index) === "file") {
            return index;
        }
    }
    return null;
}

function loadAsDirectory(path) {
    if (statPath(path) !== "dir") {
        return null;
    }
    const pkg = readPackage(path);
    if (pkg && typeof pkg.main === "string" && pkg.main) {
        const main = joinPath(path, pkg.main);
        return loadAsFile(main) ?? loadIndex(main) ?? loadIndex(path);
    }
    return loadIndex(path);
}

/// The target of an `exports` (or conditional) value for `subpath`'s `*` match, or undefined/null.
function resolveTarget(target, star) {
    if (typeof target === "string") {
        return star === undefined ? target : target.replaceAll("*", star);
    }
    if (Array.isArray(target)) {
        for (const item of target) {
            const found = resolveTarget(item, star);
            if (found) {
                return found;
            }
        }
        return null;
    }
    if (target !== null && typeof target === "object") {
        for (const [key, value] of Object.entries(target)) {
            if (CONDITIONS.includes(key)) {
                const found = resolveTarget(value, star);
                if (found !== undefined) {
                    return found;
                }
            }
        }
    }
    return target === null ? null : undefined;
}

function exportsNotFound(subpath, dir) {
    const error = new Error(`Package subpath '${subpath}' is not defined by "exports" in ${dir}/package.json`);
    error.code = "ERR_PACKAGE_PATH_NOT_EXPORTED";
    return error;
}

/// `subpath` ("." or "./x") resolved through the package's `exports`, as a path, or throws as node does.
function resolveExports(dir, exports, subpath) {
    const isMap = exports !== null && typeof exports === "object" && !Array.isArray(exports)
        && Object.keys(exports).some((key) => key.startsWith("."));
    const map = isMap ? exports : { ".": exports };
    let target;
    if (Object.hasOwn(map, subpath) && !subpath.includes("*")) {
        target = resolveTarget(map[subpath]);
    } else {
        let best = null;
        for (const key of Object.keys(map)) {
            const star = key.indexOf("*");
            if (star < 0) {
                continue;
            }
            const [prefix, suffix] = [key.slice(0, star), key.slice(star + 1)];
            if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= key.length
                && (best === null || prefix.length > best.prefix.length)) {
                best = { key, prefix, match: subpath.slice(prefix.length, subpath.length - suffix.length) };
            }
        }
        if (best !== null) {
            target = resolveTarget(map[best.key], best.match);
        }
    }
    if (typeof target !== "string") {
        throw exportsNotFound(subpath, dir);
    }
    return joinPath(dir, target);
}

/// `request` split into the package name and the subpath ("." or "./...").
function splitPackage(request) {
    const parts = request.split("/");
    const nameLength = request.startsWith("@") ? 2 : 1;
    const name = parts.slice(0, nameLength).join("/");
    const rest = parts.slice(nameLength).join("/");
    return [name, rest ? `./${rest}` : "."];
}

/// The node_modules directories a module in `dir` looks in, up to the granted root.
function nodeModulesPaths(dir) {
    const paths = [];
    let current = dir;
    for (;;) {
        if (!current.endsWith("/node_modules")) {
            paths.push(current === "/" ? "/node_modules" : `${current}/node_modules`);
        }
        if (current === "/" || current === config.root) {
            break;
        }
        current = dirnameOf(current);
    }
    return paths;
}

function loadNodeModules(request, dir) {
    const [name, subpath] = splitPackage(request);
    for (const modulesDir of nodeModulesPaths(dir)) {
        const packageDir = `${modulesDir}/${name}`;
        const pkg = statPath(packageDir) === "dir" ? readPackage(packageDir) : null;
        if (pkg && pkg.exports !== undefined && pkg.exports !== null) {
            const path = resolveExports(packageDir, pkg.exports, subpath);
            if (statPath(path) !== "file") {
                throw moduleNotFound(request, null);
            }
            return path;
        }
        const path = `${modulesDir}/${request}`;
        const found = loadAsFile(path) ?? loadAsDirectory(path);
        if (found) {
            return found;
        }
    }
    return null;
}

/// The file `request` names from `parent`, or throws MODULE_NOT_FOUND.
function resolveFile(request, parent) {
    const dir = parent ? parent.path : config.root;
    let found = null;
    if (request.startsWith("./") || request.startsWith("../") || request.startsWith("/") || request === "." || request === "..") {
        const path = joinPath(dir, request);
        found = loadAsFile(path) ?? loadAsDirectory(path);
    } else {
        found = servedModule(request) ?? loadNodeModules(request, dir);
    }
    if (found === null) {
        throw moduleNotFound(request, parent);
    }
    return found;
}

/// The host's in-memory module `request` (a Python callable's answer), as the path it is cached under.
function servedModule(request) {
    if (!config.served || typeof native.nodeFs !== "function") {
        return null;
    }
    const path = `${config.root === "/" ? "" : config.root}/node_modules/${request}/index.js`;
    if (Module._cache[path]) {
        return path;
    }
    const source = hostAnswer(native.nodeFs("module", request), request);
    if (typeof source !== "string") {
        return null;
    }
    servedSources.set(path, source);
    return path;
}

/// Sources of modules the host served by name, by the path they are cached under.
const servedSources = new Map();

// ---- modules ----

class Module {
    constructor(id = "", parent = null) {
        this.id = id;
        this.path = dirnameOf(id || `${config.root}/x`);
        this.exports = {};
        this.filename = null;
        this.loaded = false;
        this.parent = parent;
        this.children = [];
        this.paths = nodeModulesPaths(this.path);
        if (parent) {
            parent.children.push(this);
        }
    }

    require(request) {
        if (typeof request !== "string") {
            const error = new TypeError(`The "id" argument must be of type string. Received ${request === null ? "null" : typeof request}`);
            error.code = "ERR_INVALID_ARG_TYPE";
            throw error;
        }
        if (request === "") {
            const error = new TypeError("The argument 'id' must be a non-empty string. Received ''");
            error.code = "ERR_INVALID_ARG_VALUE";
            throw error;
        }
        const core = coreIdOf(request);
        if (core !== null) {
            return requireCore(core);
        }
        // Resolved once per directory and id, as node does: a cached module is then found without asking the
        // host, which also lets a fork of a snapshot (which has no door to the files) require what was loaded.
        const key = `${this.path}\0${request}`;
        let filename = resolutions.get(key);
        if (filename === undefined || !Module._cache[filename]) {
            filename = resolveFile(request, this);
            resolutions.set(key, filename);
        }
        const cached = Module._cache[filename];
        if (cached) {
            return cached.exports;
        }
        const module = new Module(filename, this);
        module.filename = filename;
        Module._cache[filename] = module;
        let threw = true;
        try {
            module.load(filename);
            threw = false;
        } finally {
            if (threw) {
                delete Module._cache[filename];
            }
        }
        return module.exports;
    }

    load(filename) {
        const source = servedSources.has(filename) ? servedSources.get(filename) : readText(filename);
        if (typeof source !== "string") {
            throw moduleNotFound(filename, this.parent);
        }
        if (filename.endsWith(".json")) {
            try {
                this.exports = JSON.parse(source.charCodeAt(0) === 0xFEFF ? source.slice(1) : source);
            } catch (error) {
                error.message = `${filename}: ${error.message}`;
                throw error;
            }
        } else {
            const compiled = native.compileModule(source, filename);
            compiled.call(this.exports, this.exports, makeRequire(this), this, filename, this.path);
        }
        this.loaded = true;
    }
}

Module._cache = Object.create(null);

/// (directory, request) -> the file it resolved to.
const resolutions = new Map();
Module.Module = Module;
Module.builtinModules = [];
Module.isBuiltin = (request) => {
    try {
        return coreIdOf(request) !== null;
    } catch {
        return false;
    }
};
Module.createRequire = (filename) => {
    const path = String(filename).replace(/^file:\/\//, "");
    const module = new Module(path, null);
    module.filename = path;
    return makeRequire(module);
};
Module._extensions = { ".js": true, ".json": true };
Module.wrap = (source) => `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;

/// The `require` function of `module`.
function makeRequire(module) {
    const require = (request) => module.require(request);
    require.resolve = (request) => {
        const core = coreIdOf(String(request));
        return core !== null ? request : resolveFile(String(request), module);
    };
    require.resolve.paths = (request) => (coreIdOf(String(request)) !== null ? null : nodeModulesPaths(module.path));
    require.cache = Module._cache;
    require.main = mainModule;
    require.extensions = Module._extensions;
    return require;
}

/// The settings installNode was given: `root` (the granted directory, "/" when none), `served` (whether
/// the host serves modules by name), `env`, `argv`.
let config = { root: "/" };
let mainModule = null;

/// `process.exit(code)`: stops all JS as `$terminate` does, with `{ exitCode }` as the hook data.
let terminate = null;

native.nodeExit = (code) => {
    if (terminate === null) {
        throw new Error(`process.exit(${code})`);
    }
    terminate({ exitCode: code });
};

native.installNode = (settings) => {
    config = { root: "/", served: false, env: {}, argv: [], ...settings };
    config.root = normalizePath(config.root);
    native.nodeConfig = config;
    terminate = typeof globalThis.$terminate === "function" ? globalThis.$terminate : null;
    Module.builtinModules = coreIds().slice();
    coreCache.set("module", { exports: Module, loaded: true });
    mainModule = new Module(`${config.root === "/" ? "" : config.root}/[eval]`, null);
    mainModule.filename = mainModule.id;
    mainModule.loaded = true;
    const require = makeRequire(mainModule);
    require.main = mainModule;
    const timers = requireCore("timers");
    const util = requireCore("util");
    // node's console formats its arguments with util.format (`%s`, objects shown by util.inspect).
    for (const level of ["log", "info", "warn", "error", "debug", "trace"]) {
        const write = console[level];
        if (typeof write === "function") {
            console[level] = (...args) => write.call(console, util.format(...args));
        }
    }
    const globals = {
        global: globalThis,
        process: requireCore("process"),
        Buffer: requireCore("buffer").Buffer,
        // node's timers return Timeout objects (`ref`, `unref`, `refresh`, `[Symbol.toPrimitive]`).
        setTimeout: timers.setTimeout,
        setInterval: timers.setInterval,
        clearTimeout: timers.clearTimeout,
        clearInterval: timers.clearInterval,
        setImmediate: timers.setImmediate,
        clearImmediate: timers.clearImmediate,
        require,
        module: mainModule,
        exports: mainModule.exports,
        __filename: mainModule.filename,
        __dirname: config.root,
    };
    for (const [name, value] of Object.entries(globals)) {
        define(name, value);
    }
};
