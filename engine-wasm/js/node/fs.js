// fs.js: node's `fs` in the sandbox. Reading goes through the host (`native.nodeFs(op, path)`, ops "read",
// "stat" and "list", limited by the host to the granted root, and only with node={"fs": True}):
// readFile/stat/lstat/readdir/access/exists in their sync, callback and promise forms. Everything that writes,
// opens descriptors, watches or streams keeps node's name and shape but throws ERR_JSCELL_SANDBOX when called; so
// do the readers when the host grants no files.

const { codedError, invalidArgType, invalidArgValue, outOfRange, sandboxDenied, deniedFunctions, deniedClass } = require("internal/errors");

const constants = Object.freeze({
    UV_FS_SYMLINK_DIR: 1, UV_FS_SYMLINK_JUNCTION: 2, O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, UV_DIRENT_UNKNOWN: 0,
    UV_DIRENT_FILE: 1, UV_DIRENT_DIR: 2, UV_DIRENT_LINK: 3, UV_DIRENT_FIFO: 4, UV_DIRENT_SOCKET: 5, UV_DIRENT_CHAR: 6,
    UV_DIRENT_BLOCK: 7, EXTENSIONLESS_FORMAT_JAVASCRIPT: 0, EXTENSIONLESS_FORMAT_WASM: 1, S_IFMT: 61440, S_IFREG: 32768,
    S_IFDIR: 16384, S_IFCHR: 8192, S_IFBLK: 24576, S_IFIFO: 4096, S_IFLNK: 40960, S_IFSOCK: 49152, O_CREAT: 64,
    O_EXCL: 128, UV_FS_O_FILEMAP: 0, O_NOCTTY: 256, O_TRUNC: 512, O_APPEND: 1024, O_DIRECTORY: 65536, O_NOATIME: 262144,
    O_NOFOLLOW: 131072, O_SYNC: 1052672, O_DSYNC: 4096, O_DIRECT: 16384, O_NONBLOCK: 2048, S_IRWXU: 448, S_IRUSR: 256,
    S_IWUSR: 128, S_IXUSR: 64, S_IRWXG: 56, S_IRGRP: 32, S_IWGRP: 16, S_IXGRP: 8, S_IRWXO: 7, S_IROTH: 4, S_IWOTH: 2,
    S_IXOTH: 1, F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1, UV_FS_COPYFILE_EXCL: 1, COPYFILE_EXCL: 1, UV_FS_COPYFILE_FICLONE: 2,
    COPYFILE_FICLONE: 2, UV_FS_COPYFILE_FICLONE_FORCE: 4, COPYFILE_FICLONE_FORCE: 4,
});

// libuv's errors as node reports them: "ENOENT: no such file or directory, open '/x'".
const uvErrors = {
    ENOENT: [-2, "no such file or directory"],
    EISDIR: [-21, "illegal operation on a directory"],
    ENOTDIR: [-20, "not a directory"],
    EROFS: [-30, "read-only file system"],
};

function uvError(code, syscall, path) {
    const [errno, description] = uvErrors[code];
    const error = new Error(`${code}: ${description}, ${syscall}${path === undefined ? "" : ` '${path}'`}`);
    error.errno = errno;
    error.code = code;
    error.syscall = syscall;
    if (path !== undefined) {
        error.path = path;
    }
    return error;
}

// The path as node accepts it (string, Buffer/Uint8Array, file: URL), checked like node does.
function toPath(path, name = "path") {
    if (typeof path === "string") {
        // Validated below.
    } else if (path instanceof Uint8Array) {
        path = new TextDecoder().decode(path);
    } else if (path !== null && typeof path === "object" && typeof path.href === "string" && path.protocol !== undefined) {
        if (path.protocol !== "file:") {
            throw codedError(TypeError, "ERR_INVALID_URL_SCHEME", "The URL must be of scheme file");
        }
        if (path.hostname !== "" && path.hostname !== "localhost") {
            throw codedError(TypeError, "ERR_INVALID_FILE_URL_HOST", 'File URL host must be "localhost" or empty on linux');
        }
        if (/%2f/i.test(path.pathname)) {
            throw codedError(TypeError, "ERR_INVALID_FILE_URL_PATH", "File URL path must not include encoded / characters");
        }
        path = decodeURIComponent(path.pathname);
    } else {
        throw invalidArgType(name, "of type string or an instance of Buffer or URL", path);
    }
    if (path.includes("\u0000")) {
        throw invalidArgValue(name, path, "must be a string, Uint8Array, or URL without null bytes");
    }
    return path;
}

// The host's reader; `what` names the refused call when there is none. The same door serves `require`, so fs may
// use it only when the context's settings grant fs (node={"fs": True}).
function hostFs(what) {
    if (typeof native.nodeFs !== "function" || (native.nodeConfig !== undefined && native.nodeConfig.fs !== true)) {
        throw sandboxDenied(what);
    }
    return native.nodeFs;
}

function absolute(path) {
    return require("path").resolve(path);
}

// One host call; a path outside the granted root comes back as { refused } and is thrown as the sandbox's error.
function ask(what, op, path) {
    const answer = hostFs(what)(op, absolute(path));
    if (answer !== null && typeof answer === "object" && typeof answer.refused === "string") {
        const error = sandboxDenied(what);
        error.message = answer.refused;
        error.path = path;
        throw error;
    }
    return answer ?? null;
}

function bufferOf(bytes) {
    return require("buffer").Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function optionsOf(options, defaults) {
    if (options === undefined || options === null) {
        return defaults;
    }
    if (typeof options === "string") {
        return { ...defaults, encoding: options };
    }
    if (typeof options !== "object") {
        throw invalidArgType("options", "one of type string or an instance of Object", options);
    }
    return { ...defaults, ...options };
}

function checkEncoding(encoding) {
    if (encoding !== undefined && encoding !== null && encoding !== "buffer" && !require("buffer").Buffer.isEncoding(encoding)) {
        throw invalidArgValue("encoding", encoding, "is invalid encoding");
    }
}

function checkReadFlag(flag, what) {
    if (flag !== undefined && flag !== "r" && flag !== "rs" && flag !== "sr") {
        throw sandboxDenied(`${what} with flag '${flag}'`);
    }
}

function readFile(what, path, options) {
    if (Number.isInteger(path)) {
        if (path < 0 || path > 2147483647) {
            throw outOfRange("fd", ">= 0 && <= 2147483647", path);
        }
        throw sandboxDenied(`${what} on a file descriptor`);
    }
    const file = toPath(path);
    const { encoding, flag } = optionsOf(options, { encoding: null, flag: "r" });
    checkEncoding(encoding);
    checkReadFlag(flag, what);
    const bytes = ask(what, "read", file);
    if (bytes === null) {
        if (ask(what, "stat", file)?.type === "dir") {
            throw uvError("EISDIR", "read");
        }
        throw uvError("ENOENT", "open", file);
    }
    const buffer = bufferOf(bytes);
    return encoding && encoding !== "buffer" ? buffer.toString(encoding) : buffer;
}

const kType = Symbol("type");

class Dirent {
    constructor(name, type, path) {
        this.name = name;
        this.parentPath = path;
        this.path = path;
        this[kType] = type;
    }

    isDirectory() {
        return this[kType] === constants.UV_DIRENT_DIR;
    }

    isFile() {
        return this[kType] === constants.UV_DIRENT_FILE;
    }

    isBlockDevice() {
        return false;
    }

    isCharacterDevice() {
        return false;
    }

    isSymbolicLink() {
        return false;
    }

    isFIFO() {
        return false;
    }

    isSocket() {
        return false;
    }
}

class Stats {
    constructor(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeMs, mtimeMs, ctimeMs, birthtimeMs) {
        Object.assign(this, { dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeMs, mtimeMs, ctimeMs, birthtimeMs });
        this.atime = new Date(Number(atimeMs));
        this.mtime = new Date(Number(mtimeMs));
        this.ctime = new Date(Number(ctimeMs));
        this.birthtime = new Date(Number(birthtimeMs));
    }

    isFile() {
        return this.#type() === constants.S_IFREG;
    }

    isDirectory() {
        return this.#type() === constants.S_IFDIR;
    }

    isBlockDevice() {
        return this.#type() === constants.S_IFBLK;
    }

    isCharacterDevice() {
        return this.#type() === constants.S_IFCHR;
    }

    isSymbolicLink() {
        return this.#type() === constants.S_IFLNK;
    }

    isFIFO() {
        return this.#type() === constants.S_IFIFO;
    }

    isSocket() {
        return this.#type() === constants.S_IFSOCK;
    }

    #type() {
        return Number(this.mode) & constants.S_IFMT;
    }
}

// Stats of what the host says ({ type, size, mtimeMs }): the host knows no owners, inodes or other times, so
// those are 0 and every time is the modification time. Files show mode 0644, directories 0755.
function statsOf(answer, bigint) {
    const dir = answer.type === "dir";
    const size = Number(answer.size) || 0;
    const mtimeMs = Number(answer.mtimeMs) || 0;
    const mode = dir ? constants.S_IFDIR | 0o755 : constants.S_IFREG | 0o644;
    const fields = [0, mode, 1, 0, 0, 0, 4096, 0, size, Math.ceil(size / 512), mtimeMs, mtimeMs, mtimeMs, mtimeMs];
    if (!bigint) {
        return new Stats(...fields);
    }
    const stats = new Stats(...fields.map((value) => BigInt(Math.trunc(value))));
    const ns = BigInt(Math.trunc(mtimeMs * 1e6));
    Object.assign(stats, { atimeNs: ns, mtimeNs: ns, ctimeNs: ns, birthtimeNs: ns });
    return stats;
}

// The host has no symbolic links to report, so lstat is stat (with node's syscall name in errors).
function statWith(syscall) {
    return (what, path, options = undefined) => {
        const file = toPath(path);
        const { throwIfNoEntry = true, bigint = false } = options ?? {};
        const answer = ask(what, "stat", file);
        if (answer === null) {
            if (throwIfNoEntry) {
                throw uvError("ENOENT", syscall, file);
            }
            return undefined;
        }
        return statsOf(answer, bigint);
    };
}

function existsSync(path) {
    let file;
    try {
        file = toPath(path);
    } catch {
        return false;
    }
    return ask("fs.existsSync", "stat", file) !== null;
}

function access(what, path, mode = constants.F_OK) {
    const file = toPath(path);
    if (ask(what, "stat", file) === null) {
        throw uvError("ENOENT", "access", file);
    }
    if (mode & constants.W_OK) {
        throw uvError("EROFS", "access", file);
    }
}

function joinChild(dir, name) {
    return dir.endsWith("/") ? `${dir}${name}` : `${dir}/${name}`;
}

function listDir(dir, what) {
    const names = ask(what, "list", dir);
    if (names === null) {
        throw ask(what, "stat", dir) === null ? uvError("ENOENT", "scandir", dir) : uvError("ENOTDIR", "scandir", dir);
    }
    return Array.from(names, String);
}

function readdir(what, path, options) {
    const dir = toPath(path);
    const { encoding, withFileTypes = false, recursive = false } = optionsOf(options, { encoding: "utf8" });
    checkEncoding(encoding);
    const entries = [];
    const walk = (current, prefix) => {
        for (const name of listDir(current, what)) {
            const child = joinChild(current, name);
            const needsType = withFileTypes || recursive;
            const type = needsType ? ask(what, "stat", child)?.type : undefined;
            const shown = prefix === "" ? name : `${prefix}/${name}`;
            if (withFileTypes) {
                entries.push(new Dirent(name, type === "dir" ? constants.UV_DIRENT_DIR : constants.UV_DIRENT_FILE, current));
            } else {
                entries.push(encoding === "buffer" ? require("buffer").Buffer.from(shown) : shown);
            }
            if (recursive && type === "dir") {
                walk(child, shown);
            }
        }
    };
    walk(dir, "");
    return entries;
}

function validateCallback(callback) {
    if (typeof callback !== "function") {
        throw invalidArgType("cb", "of type function", callback);
    }
    return callback;
}

const readers = { readFile, stat: statWith("stat"), lstat: statWith("lstat"), readdir, access };

function named(name, fn) {
    return Object.defineProperty(fn, "name", { value: name });
}

function syncForm(name) {
    const what = `fs.${name}Sync`;
    return named(`${name}Sync`, (...args) => readers[name](what, ...args));
}

// node's callback form: arguments checked now, the result or the file's error delivered on a later turn like I/O.
function callbackForm(name) {
    const what = `fs.${name}`;
    return named(name, (...args) => {
        const callback = validateCallback(typeof args[args.length - 1] === "function" ? args.pop() : undefined);
        hostFs(what);
        let result;
        let failure = null;
        try {
            result = readers[name](what, ...args);
        } catch (error) {
            if (error?.errno === undefined && error?.code !== "ERR_JSCELL_SANDBOX") {
                throw error;
            }
            failure = error;
        }
        require("timers").setImmediate(() => (failure !== null ? callback(failure) : callback(null, result)));
    });
}

function promiseForm(name) {
    const what = `fs.promises.${name}`;
    return named(name, async (...args) => readers[name](what, ...args));
}

function exists(path, callback) {
    validateCallback(callback);
    const found = existsSync(path);
    require("timers").setImmediate(() => callback(found));
}

const denied = deniedFunctions("fs", [
    "appendFile", "appendFileSync", "chown", "chownSync", "chmod", "chmodSync", "close", "closeSync", "copyFile",
    "copyFileSync", "cp", "cpSync", "createReadStream", "createWriteStream", "fchown", "fchownSync", "fchmod",
    "fchmodSync", "fdatasync", "fdatasyncSync", "fstat", "fstatSync", "fsync", "fsyncSync", "ftruncate", "ftruncateSync",
    "futimes", "futimesSync", "lchown", "lchownSync", "link", "linkSync", "lutimes", "lutimesSync", "mkdir", "mkdirSync",
    "mkdtemp", "mkdtempSync", "open", "openSync", "openAsBlob", "read", "readSync", "readv", "readvSync", "readlink",
    "readlinkSync", "realpath", "realpathSync", "rename", "renameSync", "rm", "rmSync", "rmdir", "rmdirSync", "statfs",
    "statfsSync", "symlink", "symlinkSync", "truncate", "truncateSync", "unwatchFile", "unlink", "unlinkSync", "utimes",
    "utimesSync", "watch", "watchFile", "writeFile", "writeFileSync", "write", "writeSync", "writev", "writevSync",
    "opendir", "opendirSync",
]);
denied.realpath.native = deniedFunctions("fs.realpath", ["native"]).native;
denied.realpathSync.native = deniedFunctions("fs.realpathSync", ["native"]).native;

const promises = {
    ...deniedFunctions("fs.promises", [
        "copyFile", "cp", "open", "opendir", "rename", "truncate", "rm", "rmdir", "mkdir", "readlink", "symlink", "statfs",
        "link", "unlink", "chmod", "lchmod", "lchown", "chown", "utimes", "lutimes", "realpath", "mkdtemp", "writeFile",
        "appendFile", "watch",
    ]),
    access: promiseForm("access"),
    lstat: promiseForm("lstat"),
    stat: promiseForm("stat"),
    readdir: promiseForm("readdir"),
    readFile: promiseForm("readFile"),
    constants,
};

module.exports = {
    ...denied,
    // Like node on Linux, which has no lchmod.
    lchmod: undefined,
    lchmodSync: undefined,
    access: callbackForm("access"),
    accessSync: syncForm("access"),
    exists,
    existsSync,
    lstat: callbackForm("lstat"),
    lstatSync: syncForm("lstat"),
    readdir: callbackForm("readdir"),
    readdirSync: syncForm("readdir"),
    readFile: callbackForm("readFile"),
    readFileSync: syncForm("readFile"),
    stat: callbackForm("stat"),
    statSync: syncForm("stat"),
    Dirent,
    Stats,
    ReadStream: deniedClass("fs.ReadStream"),
    WriteStream: deniedClass("fs.WriteStream"),
    FileReadStream: deniedClass("fs.FileReadStream"),
    FileWriteStream: deniedClass("fs.FileWriteStream"),
    Dir: deniedClass("fs.Dir"),
    F_OK: constants.F_OK,
    R_OK: constants.R_OK,
    W_OK: constants.W_OK,
    X_OK: constants.X_OK,
    constants,
    promises,
};
