// process.js: node's `process` inside the sandbox: what scripts read of it (versions like node 20, platform,
// argv, an env holding only what the user gave, the granted root as cwd()), `nextTick`, `hrtime`, and events;
// what would reach the real process (kill, chdir, dlopen, bindings) throws ERR_JSCELL_SANDBOX, and `exit`
// stops all JS as `$terminate` does (see engine-wasm/js/loader/node.js).

const EventEmitter = require("events");
const { sandboxDenied, invalidArgType } = require("internal/errors");

const config = native.nodeConfig || { root: "/", env: {}, argv: [] };

const NODE_VERSION = "20.20.2";

const process = new EventEmitter();

/// A function that refuses, as `process.<name>` in the sandbox.
function denied(name) {
    return function () {
        throw sandboxDenied(`process.${name}()`);
    };
}

function hrtime(previous) {
    const now = performance.timeOrigin + performance.now();
    let seconds = Math.floor(now / 1000);
    let nanoseconds = Math.round((now % 1000) * 1e6);
    if (previous !== undefined) {
        if (!Array.isArray(previous)) {
            throw invalidArgType("time", "an instance of Array", previous);
        }
        seconds -= previous[0];
        nanoseconds -= previous[1];
        if (nanoseconds < 0) {
            seconds -= 1;
            nanoseconds += 1e9;
        }
    }
    return [seconds, nanoseconds];
}
hrtime.bigint = () => BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));

/// Writes to the console as a stream would: output is collected until a newline ends a line.
function consoleStream(fd, log) {
    let line = "";
    const stream = new EventEmitter();
    Object.assign(stream, {
        fd,
        isTTY: false,
        writable: true,
        columns: 80,
        write(chunk, encoding, callback) {
            line += typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
            const lines = line.split("\n");
            line = lines.pop();
            for (const complete of lines) {
                log(complete);
            }
            const done = typeof encoding === "function" ? encoding : callback;
            if (typeof done === "function") {
                queueMicrotask(done);
            }
            return true;
        },
        end(chunk) {
            if (chunk !== undefined) {
                this.write(chunk);
            }
            if (line) {
                log(line);
                line = "";
            }
        },
    });
    return stream;
}

const env = Object.create(null);
for (const [key, value] of Object.entries(config.env || {})) {
    env[key] = String(value);
}

const startedAt = performance.now();

Object.assign(process, {
    title: "node",
    version: `v${NODE_VERSION}`,
    versions: {
        node: NODE_VERSION,
        acorn: "8.14.0",
        ada: "2.9.2",
        ares: "1.34.5",
        brotli: "1.1.0",
        cjs_module_lexer: "1.4.1",
        icu: "76.1",
        llhttp: "8.1.2",
        modules: "115",
        napi: "9",
        nghttp2: "1.64.0",
        openssl: "3.0.15+quic",
        unicode: "16.0",
        uv: "1.46.0",
        v8: "11.3.244.8-node.33",
        zlib: "1.3.0.1-motley",
    },
    arch: "x64",
    platform: "linux",
    release: { name: "node", lts: "Iron" },
    argv: ["/usr/local/bin/node", ...(config.argv || []).map(String)],
    argv0: "node",
    execArgv: [],
    execPath: "/usr/local/bin/node",
    env,
    pid: 1,
    ppid: 0,
    exitCode: undefined,
    config: { target_defaults: {}, variables: {} },
    features: { inspector: false, debug: false, uv: true, ipv6: true, tls_alpn: true, tls_sni: true, tls_ocsp: true, tls: true },
    stdout: consoleStream(1, (line) => console.log(line)),
    stderr: consoleStream(2, (line) => console.error(line)),
    stdin: Object.assign(new EventEmitter(), { fd: 0, isTTY: false, readable: false }),
    cwd: () => config.root,
    chdir: denied("chdir"),
    umask: () => 0o22,
    getuid: () => 1000,
    geteuid: () => 1000,
    getgid: () => 1000,
    getegid: () => 1000,
    getgroups: () => [1000],
    kill: denied("kill"),
    dlopen: denied("dlopen"),
    binding: denied("binding"),
    abort: () => native.nodeExit(134),
    exit(code) {
        const exitCode = code === undefined ? process.exitCode ?? 0 : Number(code);
        process.emit("exit", exitCode);
        native.nodeExit(exitCode);
    },
    reallyExit: (code) => native.nodeExit(Number(code) || 0),
    nextTick(callback, ...args) {
        if (typeof callback !== "function") {
            throw invalidArgType("callback", "of type function", callback);
        }
        queueMicrotask(() => callback(...args));
    },
    hrtime,
    uptime: () => (performance.now() - startedAt) / 1000,
    cpuUsage: () => ({ user: Math.round(performance.now() * 1000), system: 0 }),
    resourceUsage: () => ({ userCPUTime: Math.round(performance.now() * 1000), systemCPUTime: 0, maxRSS: 0 }),
    memoryUsage: Object.assign(() => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }), { rss: () => 0 }),
    emitWarning(warning, type = "Warning") {
        const text = warning instanceof Error ? `${warning.name}: ${warning.message}` : `${typeof type === "string" ? type : "Warning"}: ${warning}`;
        console.error(`(node:1) ${text}`);
    },
    hasUncaughtExceptionCaptureCallback: () => false,
    setUncaughtExceptionCaptureCallback() {},
    allowedNodeEnvironmentFlags: new Set(),
});
Object.defineProperty(process, Symbol.toStringTag, { value: "process", configurable: true });

module.exports = process;
