// path.js: node's `path` module. The module itself is the POSIX flavour (`path.posix === path`); `path.win32`
// is the Windows flavour (drive letters, UNC roots, "\" and "/" both separators). Pure string functions, except
// that `resolve` starts from the sandbox's working directory (`require('process').cwd()`, else "/").

const { invalidArgType } = require("internal/errors");

const SLASH = 47;
const BACKSLASH = 92;

function validateString(value, name) {
    if (typeof value !== "string") {
        throw invalidArgType(name, "of type string", value);
    }
}

function validatePathObject(value) {
    if (value === null || typeof value !== "object") {
        throw invalidArgType("pathObject", "of type object", value);
    }
}

// The process module is written separately and may be missing in a bare context: "/" is then the only sane cwd.
function processCwd() {
    try {
        const cwd = require("process").cwd();
        if (typeof cwd === "string") {
            return cwd;
        }
    } catch {
        // no process module: fall through
    }
    return "/";
}

// A POSIX path with no "." or ".." segment and no "//" only needs its outer slashes trimmed: the common case,
// worth skipping the split for.
const POSIX_NEEDS_FOLDING = /(?:^|\/)\.{1,2}(?:\/|$)|\/\//;

function trimSlashes(path) {
    let start = 0;
    let end = path.length;
    while (start < end && path.charCodeAt(start) === SLASH) {
        start++;
    }
    while (end > start && path.charCodeAt(end - 1) === SLASH) {
        end--;
    }
    return start === 0 && end === path.length ? path : path.slice(start, end);
}

// Folds "." and ".." out of the segments of `path` (split by `separator`, a RegExp or string), dropping empty
// segments. A ".." that would climb above the start is kept only when `keepAboveRoot` (relative paths).
function foldSegments(path, separator, joiner, keepAboveRoot) {
    if (separator === "/" && !POSIX_NEEDS_FOLDING.test(path)) {
        return trimSlashes(path);
    }
    const kept = [];
    for (const segment of path.split(separator)) {
        if (segment === "" || segment === ".") {
            continue;
        }
        if (segment !== "..") {
            kept.push(segment);
        } else if (kept.length > 0 && kept[kept.length - 1] !== "..") {
            kept.pop();
        } else if (keepAboveRoot) {
            kept.push("..");
        }
    }
    return kept.join(joiner);
}

// `format` is shared: only the separator differs. Node adds the missing dot of `ext` since v20.
function formatPath(separator, pathObject) {
    validatePathObject(pathObject);
    const dir = pathObject.dir || pathObject.root;
    const ext = pathObject.ext ? `${pathObject.ext[0] === "." ? "" : "."}${pathObject.ext}` : "";
    const base = pathObject.base || `${pathObject.name || ""}${ext}`;
    if (!dir) {
        return base;
    }
    return dir === pathObject.root ? `${dir}${base}` : `${dir}${separator}${base}`;
}

// Splits a file name (no separators, no root) into the `name` and `ext` of `parse`. A leading dot starts a hidden
// name, not an extension; ".." has none. `dotDotHasExt` reproduces node's parse quirk for "/.." (ext ".").
function splitExtension(base, dotDotHasExt) {
    const dot = base.lastIndexOf(".");
    if (dot <= 0 || (base === ".." && !dotDotHasExt)) {
        return { name: base, ext: "" };
    }
    return { name: base.slice(0, dot), ext: base.slice(dot) };
}

// Where the last file name of `path` (from `rootEnd` on) starts and ends, trailing separators excluded:
// `{ start, end }`, with `end === start` when there is none.
function lastName(path, rootEnd, isSeparator) {
    let end = path.length;
    while (end > rootEnd && isSeparator(path.charCodeAt(end - 1))) {
        end--;
    }
    let start = end;
    while (start > rootEnd && !isSeparator(path.charCodeAt(start - 1))) {
        start--;
    }
    return { start, end };
}

// basename's suffix rule, common to both flavours. The name `path.slice(start, end)` loses `suffix` only when it
// ends with it and is longer; a suffix equal to the whole argument gives "". Node's quirk: when the name is
// a tail of the suffix (or there is no name), the trailing separators are kept.
function stripSuffix(path, start, end, suffix) {
    const name = path.slice(start, end);
    if (suffix === undefined || suffix.length === 0 || suffix.length > path.length) {
        return name;
    }
    if (suffix === path) {
        return "";
    }
    if (name.length > suffix.length) {
        return name.endsWith(suffix) ? name.slice(0, name.length - suffix.length) : name;
    }
    if (name.length < suffix.length && suffix.endsWith(name)) {
        return path.slice(start);
    }
    return name;
}

// `matchesGlob`: a small glob matcher (`*`, `?`, `[...]`, `{a,b}`, `**` for any number of segments). As in node,
// wildcards never match a name starting with "." unless the pattern segment itself starts with ".".
function expandBraces(pattern) {
    const open = pattern.indexOf("{");
    if (open === -1) {
        return [pattern];
    }
    let depth = 0;
    const commas = [];
    for (let i = open; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === "{") {
            depth++;
        } else if (c === "," && depth === 1) {
            commas.push(i);
        } else if (c === "}" && --depth === 0) {
            if (commas.length === 0) {
                break;
            }
            const head = pattern.slice(0, open);
            const tail = pattern.slice(i + 1);
            const bounds = [open, ...commas, i];
            const expanded = [];
            for (let k = 0; k + 1 < bounds.length; k++) {
                expanded.push(...expandBraces(`${head}${pattern.slice(bounds[k] + 1, bounds[k + 1])}${tail}`));
            }
            return expanded;
        }
    }
    return [pattern];
}

function segmentRegExp(segment) {
    let source = "";
    for (let i = 0; i < segment.length; i++) {
        const c = segment[i];
        const close = c === "[" ? segment.indexOf("]", i + 2) : -1;
        if (c === "*") {
            source += ".*";
        } else if (c === "?") {
            source += ".";
        } else if (close !== -1) {
            const body = segment.slice(i + 1, close).replace(/\\/g, "\\\\");
            source += body[0] === "!" ? `[^${body.slice(1)}]` : `[${body}]`;
            i = close;
        } else {
            source += c.replace(/[.+^$()|[\]{}\\]/g, "\\$&");
        }
    }
    return new RegExp(`^${source}$`, "s");
}

function segmentMatches(name, segment) {
    if (name.startsWith(".") && !segment.startsWith(".")) {
        return false;
    }
    return segmentRegExp(segment).test(name);
}

function globMatches(names, segments, n, s) {
    if (s === segments.length) {
        return n === names.length;
    }
    if (segments[s] === "**") {
        for (let k = n; k <= names.length; k++) {
            if (globMatches(names, segments, k, s + 1)) {
                return true;
            }
            if (k < names.length && names[k].startsWith(".")) {
                return false;
            }
        }
        return false;
    }
    return n < names.length && segmentMatches(names[n], segments[s]) && globMatches(names, segments, n + 1, s + 1);
}

function matchesGlob(separator, path, pattern) {
    validateString(path, "path");
    validateString(pattern, "pattern");
    const names = path.split(separator);
    return expandBraces(pattern).some((expanded) => globMatches(names, expanded.split(separator), 0, 0));
}

// ---------------------------------------------------------------------------------------------------------------
// POSIX

function isSlash(code) {
    return code === SLASH;
}

const posix = {
    resolve(...paths) {
        let resolved = "";
        let absolute = false;
        for (let i = paths.length - 1; i >= -1 && !absolute; i--) {
            const path = i >= 0 ? paths[i] : processCwd();
            validateString(path, `paths[${i}]`);
            if (path.length > 0) {
                resolved = `${path}/${resolved}`;
                absolute = path.charCodeAt(0) === SLASH;
            }
        }
        const body = foldSegments(resolved, "/", "/", !absolute);
        if (absolute) {
            return `/${body}`;
        }
        return body.length > 0 ? body : ".";
    },

    normalize(path) {
        validateString(path, "path");
        if (path.length === 0) {
            return ".";
        }
        const absolute = path.charCodeAt(0) === SLASH;
        const trailing = path.charCodeAt(path.length - 1) === SLASH;
        let body = foldSegments(path, "/", "/", !absolute);
        if (body.length === 0) {
            if (absolute) {
                return "/";
            }
            return trailing ? "./" : ".";
        }
        if (trailing) {
            body += "/";
        }
        return absolute ? `/${body}` : body;
    },

    isAbsolute(path) {
        validateString(path, "path");
        return path.length > 0 && path.charCodeAt(0) === SLASH;
    },

    join(...paths) {
        let joined = "";
        for (const path of paths) {
            validateString(path, "path");
            if (path.length > 0) {
                joined = joined.length > 0 ? `${joined}/${path}` : path;
            }
        }
        return joined.length > 0 ? posix.normalize(joined) : ".";
    },

    relative(from, to) {
        validateString(from, "from");
        validateString(to, "to");
        if (from === to) {
            return "";
        }
        from = posix.resolve(from);
        to = posix.resolve(to);
        if (from === to) {
            return "";
        }
        const fromParts = from === "/" ? [] : from.slice(1).split("/");
        const toParts = to === "/" ? [] : to.slice(1).split("/");
        let common = 0;
        while (common < fromParts.length && common < toParts.length && fromParts[common] === toParts[common]) {
            common++;
        }
        const ups = new Array(fromParts.length - common).fill("..");
        return ups.concat(toParts.slice(common)).join("/");
    },

    toNamespacedPath(path) {
        return path;
    },

    dirname(path) {
        validateString(path, "path");
        if (path.length === 0) {
            return ".";
        }
        const rooted = path.charCodeAt(0) === SLASH;
        const { start } = lastName(path, 1, isSlash);
        // `start` is just after the separator before the last name; node keeps any run of separators before it
        // except that "//x" keeps both (a possible POSIX-reserved "//" root).
        const cut = start - 1;
        if (cut < 1) {
            return rooted ? "/" : ".";
        }
        if (rooted && cut === 1) {
            return "//";
        }
        return path.slice(0, cut);
    },

    basename(path, suffix) {
        if (suffix !== undefined) {
            validateString(suffix, "suffix");
        }
        validateString(path, "path");
        const { start, end } = lastName(path, 0, isSlash);
        return stripSuffix(path, start, end, suffix);
    },

    extname(path) {
        validateString(path, "path");
        const { start, end } = lastName(path, 0, isSlash);
        return splitExtension(path.slice(start, end), false).ext;
    },

    format(pathObject) {
        return formatPath("/", pathObject);
    },

    parse(path) {
        validateString(path, "path");
        const parsed = { root: "", dir: "", base: "", ext: "", name: "" };
        if (path.length === 0) {
            return parsed;
        }
        const absolute = path.charCodeAt(0) === SLASH;
        const rootEnd = absolute ? 1 : 0;
        if (absolute) {
            parsed.root = "/";
        }
        const { start, end } = lastName(path, rootEnd, isSlash);
        if (end > start) {
            parsed.base = path.slice(start, end);
            const { name, ext } = splitExtension(parsed.base, start === rootEnd && absolute);
            parsed.name = name;
            parsed.ext = ext;
        }
        if (start > rootEnd) {
            parsed.dir = path.slice(0, start - 1);
        } else if (absolute) {
            parsed.dir = "/";
        }
        return parsed;
    },

    matchesGlob(path, pattern) {
        return matchesGlob("/", path, pattern);
    },

    sep: "/",
    delimiter: ":",
    // Filled in below; listed here so that the keys come in node's order.
    win32: null,
    posix: null,
    _makeLong: null,
};

// ---------------------------------------------------------------------------------------------------------------
// Windows

const COLON = 58;
const SEPARATORS = /[\\/]/;
// Names Windows reserves for devices: "CON:x" must not normalize to something read as a device path.
const RESERVED_NAMES = new Set(["CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
    "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"]);

function isSeparator(code) {
    return code === SLASH || code === BACKSLASH;
}

function isDriveLetter(code) {
    return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function hasDrive(path) {
    return path.length >= 2 && isDriveLetter(path.charCodeAt(0)) && path.charCodeAt(1) === COLON;
}

// "\\server\share" at the start of `path` (which starts with two separators): the server, the share and
// where the share ends, or null when either is missing.
function matchUnc(path) {
    const length = path.length;
    let j = 2;
    while (j < length && !isSeparator(path.charCodeAt(j))) {
        j++;
    }
    if (j >= length || j === 2) {
        return null;
    }
    const server = path.slice(2, j);
    while (j < length && isSeparator(path.charCodeAt(j))) {
        j++;
    }
    if (j >= length) {
        return null;
    }
    const shareStart = j;
    while (j < length && !isSeparator(path.charCodeAt(j))) {
        j++;
    }
    return { server, share: path.slice(shareStart, j), end: j };
}

// "\\.\x" and "\\?\x" are Win32 device namespaces, not servers: resolve and normalize keep "\\." as the device.
function isDeviceNamespace(unc) {
    return unc.server === "." || unc.server === "?";
}

// The root of a path as resolve() reads it: its device ("C:", "\\server\share" or ""), where the rest
// starts and whether it is absolute.
function win32Root(path) {
    const first = path.charCodeAt(0);
    if (isSeparator(first)) {
        if (path.length > 1 && isSeparator(path.charCodeAt(1))) {
            const unc = matchUnc(path);
            if (unc !== null) {
                return isDeviceNamespace(unc) ? { device: `\\\\${unc.server}`, rootEnd: 4, absolute: true } :
                    { device: `\\\\${unc.server}\\${unc.share}`, rootEnd: unc.end, absolute: true };
            }
        }
        return { device: "", rootEnd: 1, absolute: true };
    }
    if (hasDrive(path)) {
        const absolute = path.length > 2 && isSeparator(path.charCodeAt(2));
        return { device: path.slice(0, 2), rootEnd: absolute ? 3 : 2, absolute };
    }
    return { device: "", rootEnd: 0, absolute: false };
}

// The working directory of a drive: Windows keeps one per drive in the "=C:" variables.
function driveCwd(device) {
    let cwd;
    try {
        cwd = require("process").env[`=${device}`];
    } catch {
        cwd = undefined;
    }
    cwd ??= processCwd();
    if (cwd.slice(0, 2).toLowerCase() !== device.toLowerCase() && cwd.charCodeAt(2) === BACKSLASH) {
        return `${device}\\`;
    }
    return cwd;
}

// Where the name after a Windows root starts: just after a drive letter's colon, else 0.
function win32NameStart(path) {
    return hasDrive(path) ? 2 : 0;
}

// Node refuses to let a relative path without a device normalize into one ("a/../c:x", "ab:" or "x:\\").
function guardDeviceLikeTail(path, tail) {
    if (hasDrive(tail)) {
        return `.\\${tail}`;
    }
    for (let colon = path.indexOf(":"); colon !== -1; colon = path.indexOf(":", colon + 1)) {
        if (colon === path.length - 1 || isSeparator(path.charCodeAt(colon + 1))) {
            return `.\\${tail}`;
        }
    }
    return null;
}

const win32 = {
    resolve(...paths) {
        let device = "";
        let tail = "";
        let absolute = false;
        for (let i = paths.length - 1; i >= -1; i--) {
            let path;
            if (i >= 0) {
                path = paths[i];
                validateString(path, `paths[${i}]`);
                if (path.length === 0) {
                    continue;
                }
            } else {
                path = device.length === 0 ? processCwd() : driveCwd(device);
            }
            const root = win32Root(path);
            if (root.device.length > 0) {
                if (device.length === 0) {
                    device = root.device;
                } else if (root.device.toLowerCase() !== device.toLowerCase()) {
                    // A path on another drive says nothing about this one.
                    continue;
                }
            }
            if (absolute) {
                if (device.length > 0) {
                    break;
                }
            } else {
                tail = `${path.slice(root.rootEnd)}\\${tail}`;
                absolute = root.absolute;
                if (absolute && device.length > 0) {
                    break;
                }
            }
        }
        tail = foldSegments(tail, SEPARATORS, "\\", !absolute);
        if (absolute) {
            return `${device}\\${tail}`;
        }
        return `${device}${tail}` || ".";
    },

    normalize(path) {
        validateString(path, "path");
        const length = path.length;
        if (length === 0) {
            return ".";
        }
        const first = path.charCodeAt(0);
        if (length === 1) {
            return isSeparator(first) ? "\\" : path;
        }
        let device;
        let rootEnd = 0;
        let absolute = false;
        let reserved = false;
        const colon = path.indexOf(":");
        if (isSeparator(first)) {
            absolute = true;
            if (isSeparator(path.charCodeAt(1))) {
                const unc = matchUnc(path);
                if (unc !== null && isDeviceNamespace(unc)) {
                    device = `\\\\${unc.server}`;
                    rootEnd = 4;
                } else if (unc !== null) {
                    if (unc.end === length) {
                        // Only the UNC root: it keeps a trailing separator.
                        return `\\\\${unc.server}\\${unc.share}\\`;
                    }
                    device = `\\\\${unc.server}\\${unc.share}`;
                    rootEnd = unc.end;
                }
            } else {
                rootEnd = 1;
            }
        } else if (hasDrive(path)) {
            device = path.slice(0, 2);
            rootEnd = 2;
            if (length > 2 && isSeparator(path.charCodeAt(2))) {
                absolute = true;
                rootEnd = 3;
            }
        } else if (colon > 0 && RESERVED_NAMES.has(path.slice(0, colon).toUpperCase())) {
            reserved = true;
            device = path.slice(0, colon + 1);
            rootEnd = colon + 1;
        }
        let tail = rootEnd < length ? foldSegments(path.slice(rootEnd), SEPARATORS, "\\", !absolute) : "";
        if (tail.length === 0 && !absolute) {
            tail = ".";
        }
        if (tail.length > 0 && isSeparator(path.charCodeAt(length - 1))) {
            tail += "\\";
        }
        if (reserved) {
            return `.\\${device}${tail}`;
        }
        if (!absolute && device === undefined && colon !== -1) {
            const guarded = guardDeviceLikeTail(path, tail);
            if (guarded !== null) {
                return guarded;
            }
        }
        if (device === undefined) {
            return absolute ? `\\${tail}` : tail;
        }
        return absolute ? `${device}\\${tail}` : `${device}${tail}`;
    },

    isAbsolute(path) {
        validateString(path, "path");
        if (path.length === 0) {
            return false;
        }
        return isSeparator(path.charCodeAt(0)) || (path.length > 2 && hasDrive(path) && isSeparator(path.charCodeAt(2)));
    },

    join(...paths) {
        let joined = "";
        let first = "";
        for (const path of paths) {
            validateString(path, "path");
            if (path.length > 0) {
                if (joined.length > 0) {
                    joined += `\\${path}`;
                } else {
                    joined = first = path;
                }
            }
        }
        if (joined.length === 0) {
            return ".";
        }
        // Joining must not create a UNC root ("\\" + "\\x") unless the first argument already starts like one.
        const firstIsUnc = first.length > 2 && isSeparator(first.charCodeAt(0)) && isSeparator(first.charCodeAt(1)) && !isSeparator(first.charCodeAt(2));
        if (!firstIsUnc) {
            let lead = 0;
            while (lead < joined.length && isSeparator(joined.charCodeAt(lead))) {
                lead++;
            }
            if (lead >= 2) {
                joined = `\\${joined.slice(lead)}`;
            }
        }
        return win32.normalize(joined);
    },

    // Node compares the resolved paths character by character, case-insensitively; its quirks around
    // "C:" prefixes are part of the behaviour and kept.
    relative(from, to) {
        validateString(from, "from");
        validateString(to, "to");
        if (from === to) {
            return "";
        }
        const fromOrig = win32.resolve(from);
        const toOrig = win32.resolve(to);
        if (fromOrig === toOrig) {
            return "";
        }
        const f = fromOrig.toLowerCase();
        const t = toOrig.toLowerCase();
        if (f === t) {
            return "";
        }
        const [fromStart, fromEnd] = trimBackslashes(f);
        const [toStart, toEnd] = trimBackslashes(t);
        const fromLength = fromEnd - fromStart;
        const toLength = toEnd - toStart;
        const length = Math.min(fromLength, toLength);
        let i = 0;
        let lastCommonSeparator = -1;
        for (; i < length; i++) {
            const code = f.charCodeAt(fromStart + i);
            if (code !== t.charCodeAt(toStart + i)) {
                break;
            }
            if (code === BACKSLASH) {
                lastCommonSeparator = i;
            }
        }
        if (i !== length) {
            if (lastCommonSeparator === -1) {
                return toOrig;
            }
        } else {
            if (toLength > length) {
                if (t.charCodeAt(toStart + i) === BACKSLASH) {
                    return toOrig.slice(toStart + i + 1);
                }
                if (i === 2) {
                    return toOrig.slice(toStart + i);
                }
            }
            if (fromLength > length) {
                if (f.charCodeAt(fromStart + i) === BACKSLASH) {
                    lastCommonSeparator = i;
                } else if (i === 2) {
                    lastCommonSeparator = 3;
                }
            }
            if (lastCommonSeparator === -1) {
                lastCommonSeparator = 0;
            }
        }
        let ups = "";
        for (let k = fromStart + lastCommonSeparator + 1; k <= fromEnd; ++k) {
            if (k === fromEnd || f.charCodeAt(k) === BACKSLASH) {
                ups += ups.length === 0 ? ".." : "\\..";
            }
        }
        let rest = toStart + lastCommonSeparator;
        if (ups.length > 0) {
            return `${ups}${toOrig.slice(rest, toEnd)}`;
        }
        if (toOrig.charCodeAt(rest) === BACKSLASH) {
            rest++;
        }
        return toOrig.slice(rest, toEnd);
    },

    toNamespacedPath(path) {
        if (typeof path !== "string" || path.length === 0) {
            return path;
        }
        const resolved = win32.resolve(path);
        if (resolved.length <= 2) {
            return path;
        }
        if (resolved.charCodeAt(0) === BACKSLASH) {
            if (resolved.charCodeAt(1) === BACKSLASH) {
                const code = resolved.charCodeAt(2);
                if (code !== 63 && code !== 46) {
                    return `\\\\?\\UNC\\${resolved.slice(2)}`;
                }
            }
        } else if (hasDrive(resolved) && resolved.charCodeAt(2) === BACKSLASH) {
            return `\\\\?\\${resolved}`;
        }
        return resolved;
    },

    dirname(path) {
        validateString(path, "path");
        const length = path.length;
        if (length === 0) {
            return ".";
        }
        if (length === 1) {
            return isSeparator(path.charCodeAt(0)) ? path : ".";
        }
        const root = win32DirnameRoot(path);
        if (root === null) {
            return path;
        }
        const { start } = lastName(path, root.offset, isSeparator);
        let end = start - 1;
        if (start <= root.offset) {
            if (root.rootEnd === -1) {
                return ".";
            }
            end = root.rootEnd;
        }
        return path.slice(0, end);
    },

    basename(path, suffix) {
        if (suffix !== undefined) {
            validateString(suffix, "suffix");
        }
        validateString(path, "path");
        const { start, end } = lastName(path, win32NameStart(path), isSeparator);
        return stripSuffix(path, start, end, suffix);
    },

    extname(path) {
        validateString(path, "path");
        const { start, end } = lastName(path, win32NameStart(path), isSeparator);
        return splitExtension(path.slice(start, end), false).ext;
    },

    format(pathObject) {
        return formatPath("\\", pathObject);
    },

    parse(path) {
        validateString(path, "path");
        const parsed = { root: "", dir: "", base: "", ext: "", name: "" };
        const length = path.length;
        if (length === 0) {
            return parsed;
        }
        if (length === 1) {
            if (isSeparator(path.charCodeAt(0))) {
                parsed.root = parsed.dir = path;
            } else {
                parsed.base = parsed.name = path;
            }
            return parsed;
        }
        const rootEnd = win32ParseRootEnd(path);
        if (rootEnd === length && (hasDrive(path) && length <= 3)) {
            parsed.root = parsed.dir = path;
            return parsed;
        }
        parsed.root = path.slice(0, rootEnd);
        const { start, end } = lastName(path, rootEnd, isSeparator);
        if (end > start) {
            parsed.base = path.slice(start, end);
            const { name, ext } = splitExtension(parsed.base, false);
            parsed.name = name;
            parsed.ext = ext;
        }
        // A directory that is the root keeps the whole root ("C:\\"); others lose their trailing separator.
        parsed.dir = start > 0 && start !== rootEnd ? path.slice(0, start - 1) : parsed.root;
        return parsed;
    },

    matchesGlob(path, pattern) {
        return matchesGlob(SEPARATORS, path, pattern);
    },

    sep: "\\",
    delimiter: ";",
    // Filled in below, as for posix.
    win32: null,
    posix: null,
    _makeLong: null,
};

function trimBackslashes(path) {
    let start = 0;
    while (start < path.length && path.charCodeAt(start) === BACKSLASH) {
        start++;
    }
    let end = path.length;
    while (end - 1 > start && path.charCodeAt(end - 1) === BACKSLASH) {
        end--;
    }
    return [start, end];
}

// dirname's view of the root: where names may start (`offset`) and what to return when there is no
// parent (`rootEnd`, -1 for none); null when the whole path is a UNC root.
function win32DirnameRoot(path) {
    if (isSeparator(path.charCodeAt(0))) {
        if (isSeparator(path.charCodeAt(1))) {
            const unc = matchUnc(path);
            if (unc !== null) {
                if (unc.end === path.length) {
                    return null;
                }
                return { offset: unc.end + 1, rootEnd: unc.end + 1 };
            }
        }
        return { offset: 1, rootEnd: 1 };
    }
    if (hasDrive(path)) {
        const rootEnd = path.length > 2 && isSeparator(path.charCodeAt(2)) ? 3 : 2;
        return { offset: rootEnd, rootEnd };
    }
    return { offset: 0, rootEnd: -1 };
}

// parse's view of the root's end: a UNC root includes the separator after the share.
function win32ParseRootEnd(path) {
    if (isSeparator(path.charCodeAt(0))) {
        if (isSeparator(path.charCodeAt(1))) {
            const unc = matchUnc(path);
            if (unc !== null) {
                return unc.end === path.length ? unc.end : unc.end + 1;
            }
        }
        return 1;
    }
    if (hasDrive(path)) {
        return path.length > 2 && isSeparator(path.charCodeAt(2)) ? 3 : 2;
    }
    return 0;
}

win32.win32 = win32;
win32.posix = posix;
win32._makeLong = win32.toNamespacedPath;
posix.win32 = win32;
posix.posix = posix;
posix._makeLong = posix.toNamespacedPath;

module.exports = posix;
