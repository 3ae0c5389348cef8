// os.js: node's `os` module for the sandbox. jscell has no host to describe, so it reports a fixed, plausible
// single-CPU x64 Linux machine ("localhost", user "jscell"); only HOME and TMPDIR of the sandbox's own
// `process.env` are honoured, as node does. Priorities are remembered but change nothing.

const { invalidArgType, outOfRange } = require("internal/errors");

const HOME = "/home/jscell";
const MEMORY = 1024 * 1024 * 1024;

// The process module is written separately; without it the environment is empty.
function env() {
    try {
        return require("process").env || {};
    } catch {
        return {};
    }
}

function nullProto(entries) {
    return Object.assign(Object.create(null), entries);
}

const signals = nullProto({
    SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGIOT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9,
    SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17, SIGSTKFLT: 16,
    SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25,
    SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28, SIGIO: 29, SIGPOLL: 29, SIGPWR: 30, SIGSYS: 31,
});

const errno = nullProto({
    E2BIG: 7, EACCES: 13, EADDRINUSE: 98, EADDRNOTAVAIL: 99, EAFNOSUPPORT: 97, EAGAIN: 11, EALREADY: 114, EBADF: 9,
    EBADMSG: 74, EBUSY: 16, ECANCELED: 125, ECHILD: 10, ECONNABORTED: 103, ECONNREFUSED: 111, ECONNRESET: 104,
    EDEADLK: 35, EDESTADDRREQ: 89, EDOM: 33, EDQUOT: 122, EEXIST: 17, EFAULT: 14, EFBIG: 27, EHOSTUNREACH: 113,
    EIDRM: 43, EILSEQ: 84, EINPROGRESS: 115, EINTR: 4, EINVAL: 22, EIO: 5, EISCONN: 106, EISDIR: 21, ELOOP: 40,
    EMFILE: 24, EMLINK: 31, EMSGSIZE: 90, EMULTIHOP: 72, ENAMETOOLONG: 36, ENETDOWN: 100, ENETRESET: 102,
    ENETUNREACH: 101, ENFILE: 23, ENOBUFS: 105, ENODATA: 61, ENODEV: 19, ENOENT: 2, ENOEXEC: 8, ENOLCK: 37,
    ENOLINK: 67, ENOMEM: 12, ENOMSG: 42, ENOPROTOOPT: 92, ENOSPC: 28, ENOSR: 63, ENOSTR: 60, ENOSYS: 38,
    ENOTCONN: 107, ENOTDIR: 20, ENOTEMPTY: 39, ENOTSOCK: 88, ENOTSUP: 95, ENOTTY: 25, ENXIO: 6, EOPNOTSUPP: 95,
    EOVERFLOW: 75, EPERM: 1, EPIPE: 32, EPROTO: 71, EPROTONOSUPPORT: 93, EPROTOTYPE: 91, ERANGE: 34, EROFS: 30,
    ESPIPE: 29, ESRCH: 3, ESTALE: 116, ETIME: 62, ETIMEDOUT: 110, ETXTBSY: 26, EWOULDBLOCK: 11, EXDEV: 18,
});

const priority = nullProto({
    PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0, PRIORITY_ABOVE_NORMAL: -7, PRIORITY_HIGH: -14,
    PRIORITY_HIGHEST: -20,
});

const constants = nullProto({
    UV_UDP_REUSEADDR: 4,
    dlopen: nullProto({ RTLD_LAZY: 1, RTLD_NOW: 2, RTLD_GLOBAL: 256, RTLD_LOCAL: 0, RTLD_DEEPBIND: 8 }),
    errno,
    signals,
    priority,
});

function validateInt32(value, name, min = -2147483648, max = 2147483647) {
    if (typeof value !== "number") {
        throw invalidArgType(name, "of type number", value);
    }
    if (!Number.isInteger(value)) {
        throw outOfRange(name, "an integer", value);
    }
    if (value < min || value > max) {
        throw outOfRange(name, `>= ${min} && <= ${max}`, value);
    }
}

const priorities = new Map();

function getPriority(pid) {
    if (pid === undefined) {
        pid = 0;
    }
    validateInt32(pid, "pid");
    return priorities.get(pid) ?? 0;
}

function setPriority(pid, value) {
    if (value === undefined) {
        value = pid;
        pid = 0;
    }
    validateInt32(pid, "pid");
    validateInt32(value, "priority", -20, 19);
    priorities.set(pid, value);
}

function arch() {
    return "x64";
}

function platform() {
    return "linux";
}

function getOSType() {
    return "Linux";
}

function getOSRelease() {
    return "6.1.0-jscell";
}

function getOSVersion() {
    return "#1 SMP PREEMPT_DYNAMIC jscell";
}

function getMachine() {
    return "x86_64";
}

function hostname() {
    return "localhost";
}

function homedir() {
    return env().HOME || HOME;
}

function tmpdir() {
    const vars = env();
    const dir = vars.TMPDIR || vars.TMP || vars.TEMP || "/tmp";
    return dir.length > 1 && dir.endsWith("/") ? dir.slice(0, -1) : dir;
}

function endianness() {
    return "LE";
}

function getTotalMem() {
    return MEMORY;
}

function getFreeMem() {
    return MEMORY / 2;
}

// Seconds since this context started, with node's two decimals.
function uptime() {
    return Math.floor(performance.now() / 10) / 100;
}

function getAvailableParallelism() {
    return 1;
}

function cpus() {
    return [{ model: "jscell virtual CPU", speed: 2000, times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } }];
}

function loadavg() {
    return [0, 0, 0];
}

function networkInterfaces() {
    return {};
}

function userInfo(options) {
    const info = { uid: 1000, gid: 1000, username: "jscell", homedir: homedir(), shell: "/bin/sh" };
    if (options && options.encoding === "buffer") {
        const { Buffer } = require("buffer");
        for (const key of ["username", "homedir", "shell"]) {
            info[key] = Buffer.from(info[key]);
        }
    }
    return nullProto(info);
}

// Like node, the scalar getters also convert to their value (`${os.hostname}`), as old code relied on when
// they were properties.
for (const getter of [arch, platform, getOSType, getOSRelease, getOSVersion, getMachine, hostname, homedir, tmpdir,
    endianness, getTotalMem, getFreeMem, uptime, getAvailableParallelism]) {
    getter[Symbol.toPrimitive] = () => getter();
}

module.exports = {
    arch,
    availableParallelism: getAvailableParallelism,
    cpus,
    endianness,
    freemem: getFreeMem,
    getPriority,
    homedir,
    hostname,
    loadavg,
    networkInterfaces,
    platform,
    release: getOSRelease,
    setPriority,
    tmpdir,
    totalmem: getTotalMem,
    type: getOSType,
    userInfo,
    uptime,
    version: getOSVersion,
    machine: getMachine,
};

Object.defineProperties(module.exports, {
    constants: { value: constants, writable: false, enumerable: true, configurable: false },
    EOL: { value: "\n", writable: false, enumerable: true, configurable: true },
    devNull: { value: "/dev/null", writable: false, enumerable: true, configurable: true },
});
