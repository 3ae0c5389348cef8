// url.js: node's `url` module: the WHATWG `URL`/`URLSearchParams` (the web platform's own globals), the legacy
// `url.parse`/`url.format`/`url.resolve` API and its `Url` objects with all of node's quirks (lenient hosts,
// backslashes, auto-escaping, protocol-specific slashes), and the helpers domainToASCII/domainToUnicode,
// fileURLToPath, pathToFileURL and urlToHttpOptions.

const { codedError, invalidArgType } = require("internal/errors");
const querystring = require("querystring");
const punycode = require("punycode");

// Protocols whose URLs always have "//" and a host, whose path defaults to "/".
const SLASHED_PROTOCOLS = new Set(["http", "http:", "https", "https:", "ftp", "ftp:", "gopher", "gopher:", "file", "file:", "ws", "ws:", "wss", "wss:"]);
// javascript: URLs have no host and are never auto-escaped.
const SCRIPT_PROTOCOLS = new Set(["javascript", "javascript:"]);

const PROTOCOL = /^[a-z0-9.+-]+:/i;
const PORT = /:[0-9]*$/;
const AUTH_BEFORE_HOST = /^\/\/[^@/]+@[^@/]+/;
const SIMPLE_PATH = /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/;
const HOSTNAME_MAX_LENGTH = 255;
const FORBIDDEN_HOST_CHARS = /[\0\t\n\r #%/:<>?@[\\\]^|]/;
const FORBIDDEN_IPV6_CHARS = /[\0\t\n\r #%/<>?@\\^|]/;
// Characters RFC 2396 never allows in a host (the host ends before the first of them), by char code.
const NON_HOST_CHARS = new Uint8Array(128);
for (const c of ' "%\';<>\\^`{|}') {
    NON_HOST_CHARS[c.charCodeAt(0)] = 1;
}
// Escaped in whatever follows the host, even where encodeURIComponent would not.
const AUTO_ESCAPE = /[\t\n\r "'<>\\^`{|}]/g;
const AUTO_ESCAPED = {
    "\t": "%09", "\n": "%0A", "\r": "%0D", " ": "%20", '"': "%22", "'": "%27", "<": "%3C", ">": "%3E", "\\": "%5C",
    "^": "%5E", "`": "%60", "{": "%7B", "|": "%7C", "}": "%7D",
};

function invalidUrl(input) {
    const error = codedError(TypeError, "ERR_INVALID_URL", "Invalid URL");
    error.input = input;
    return error;
}

// Node trims C0 controls, space, NBSP and the BOM around the input.
function isTrimmed(code) {
    return code < 33 || code === 0xa0 || code === 0xfeff;
}

// The input as the legacy parser reads it: trimmed, with "\" turned into "/" before the first "?" or "#", and
// whether it has a "#" anywhere or an "@" before the first "?"/"#" (both rule out the fast path).
function prepareInput(input) {
    let start = 0;
    let end = input.length;
    while (start < end && isTrimmed(input.charCodeAt(start))) {
        start++;
    }
    while (end > start && isTrimmed(input.charCodeAt(end - 1))) {
        end--;
    }
    let text = start === 0 && end === input.length ? input : input.slice(start, end);
    const split = text.search(/[?#]/);
    const head = split === -1 ? text : text.slice(0, split);
    const hasAt = head.includes("@");
    const hasHash = split !== -1 && text.includes("#", split);
    if (head.includes("\\")) {
        text = head.replace(/\\/g, "/") + (split === -1 ? "" : text.slice(split));
    }
    return { text, hasAt, hasHash };
}

// IDNA for the legacy parser's host. ASCII hosts without "xn--" labels are already final; others go through the
// WHATWG host parser, with a trailing label that keeps it from reading the host as an IPv4 address (node's
// lenient to_ascii does no IPv4 parsing). "" means the host is invalid.
const NEEDS_IDNA = /[^\0-\x7f]|(?:^|\.)xn--/;

function hostToASCII(hostname) {
    if (!NEEDS_IDNA.test(hostname)) {
        return hostname;
    }
    try {
        const parsed = new URL(`http://${hostname}.a/`).hostname;
        return parsed.endsWith(".a") ? parsed.slice(0, -2) : "";
    } catch {
        return "";
    }
}

function isIpv6Hostname(hostname) {
    return hostname.length > 1 && hostname[0] === "[" && hostname[hostname.length - 1] === "]";
}

function Url() {
    this.protocol = null;
    this.slashes = null;
    this.auth = null;
    this.host = null;
    this.port = null;
    this.hostname = null;
    this.hash = null;
    this.search = null;
    this.query = null;
    this.pathname = null;
    this.path = null;
    this.href = null;
}

// The fast path for plain paths ("/a/b?c"), which need no host or escaping work.
function parseSimplePath(url, rest, parseQueryString) {
    const simple = SIMPLE_PATH.exec(rest);
    if (simple === null) {
        return false;
    }
    url.path = rest;
    url.href = rest;
    url.pathname = simple[1];
    if (simple[2]) {
        url.search = simple[2];
        url.query = parseQueryString ? querystring.parse(url.search.slice(1)) : url.search.slice(1);
    } else if (parseQueryString) {
        url.search = null;
        url.query = { __proto__: null };
    }
    return true;
}

// Splits "auth@host:port" off the front of `rest` into the fields of `url`; returns what follows the host.
function parseAuthority(url, rest, input) {
    // Like the WHATWG parser, node drops tabs and newlines, but only up to the end of the host.
    let hostEnd = rest.search(/[#/?]/);
    if (hostEnd === -1) {
        hostEnd = rest.length;
    }
    if (/[\t\n\r]/.test(rest.slice(0, hostEnd))) {
        const authority = rest.slice(0, hostEnd).replace(/[\t\n\r]/g, "");
        rest = authority + rest.slice(hostEnd);
        hostEnd = authority.length;
    }
    let atSign = -1;
    let nonHost = -1;
    for (let i = 0; i < hostEnd; i++) {
        const code = rest.charCodeAt(i);
        if (code === 64) {
            // Non-host characters are allowed in the auth: only those after the last "@" end the host.
            atSign = i;
            nonHost = -1;
        } else if (nonHost === -1 && code < 128 && NON_HOST_CHARS[code] === 1) {
            nonHost = i;
        }
    }
    if (nonHost === -1) {
        nonHost = hostEnd;
    }
    if (atSign !== -1) {
        url.auth = decodeURIComponent(rest.slice(0, atSign));
    }
    url.host = rest.slice(atSign + 1, nonHost);
    rest = rest.slice(nonHost);
    url.parseHost();
    if (typeof url.hostname !== "string") {
        url.hostname = "";
    }
    const ipv6 = isIpv6Hostname(url.hostname);
    if (!ipv6) {
        // Whatever of the hostname follows a character no host may hold becomes the start of the path.
        const cut = url.hostname.search(/[/\\#?:]/);
        if (cut !== -1) {
            rest = `/${url.hostname.slice(cut)}${rest}`;
            url.hostname = url.hostname.slice(0, cut);
        }
    }
    url.hostname = url.hostname.length > HOSTNAME_MAX_LENGTH ? "" : url.hostname.toLowerCase();
    if (url.hostname !== "") {
        if (ipv6) {
            if (FORBIDDEN_IPV6_CHARS.test(url.hostname)) {
                throw invalidUrl(input);
            }
        } else {
            url.hostname = hostToASCII(url.hostname);
            if (url.hostname === "" || FORBIDDEN_HOST_CHARS.test(url.hostname)) {
                throw invalidUrl(input);
            }
        }
    }
    url.host = url.hostname + (url.port ? `:${url.port}` : "");
    if (ipv6) {
        // The brackets stay in `host` only.
        url.hostname = url.hostname.slice(1, -1);
        if (rest[0] !== "/") {
            rest = `/${rest}`;
        }
    }
    return rest;
}

// Fills search, query, hash and pathname from what follows the host.
function parsePathParts(url, rest, parseQueryString) {
    const hashIndex = rest.indexOf("#");
    const beforeHash = hashIndex === -1 ? rest : rest.slice(0, hashIndex);
    if (hashIndex !== -1) {
        url.hash = rest.slice(hashIndex);
    }
    const questionIndex = beforeHash.indexOf("?");
    if (questionIndex !== -1) {
        url.search = beforeHash.slice(questionIndex);
        url.query = beforeHash.slice(questionIndex + 1);
        if (parseQueryString) {
            url.query = querystring.parse(url.query);
        }
    } else if (parseQueryString) {
        url.search = null;
        url.query = { __proto__: null };
    }
    const pathEnd = questionIndex !== -1 ? questionIndex : hashIndex;
    if (pathEnd === -1) {
        if (rest.length > 0) {
            url.pathname = rest;
        }
    } else if (pathEnd > 0) {
        url.pathname = rest.slice(0, pathEnd);
    }
}

Url.prototype.parse = function parse(url, parseQueryString, slashesDenoteHost) {
    if (typeof url !== "string") {
        throw invalidArgType("url", "of type string", url);
    }
    const prepared = prepareInput(url);
    let rest = prepared.text;
    if (!slashesDenoteHost && !prepared.hasHash && !prepared.hasAt && parseSimplePath(this, rest, parseQueryString)) {
        return this;
    }

    let protocol = PROTOCOL.exec(rest);
    let lowerProtocol;
    if (protocol !== null) {
        protocol = protocol[0];
        lowerProtocol = protocol.toLowerCase();
        this.protocol = lowerProtocol;
        rest = rest.slice(protocol.length);
    }

    let slashes = false;
    if (slashesDenoteHost || protocol || AUTH_BEFORE_HOST.test(rest)) {
        slashes = rest.startsWith("//");
        if (slashes && !(protocol && SCRIPT_PROTOCOLS.has(lowerProtocol))) {
            rest = rest.slice(2);
            this.slashes = true;
        }
    }

    // Node tests the protocol as written here, so "HTTP:x" reads "x" as a host.
    if (!SCRIPT_PROTOCOLS.has(lowerProtocol) && (slashes || (protocol && !SLASHED_PROTOCOLS.has(protocol)))) {
        rest = parseAuthority(this, rest, url);
    }

    if (!SCRIPT_PROTOCOLS.has(lowerProtocol)) {
        rest = rest.replace(AUTO_ESCAPE, (c) => AUTO_ESCAPED[c]);
    }
    parsePathParts(this, rest, parseQueryString);
    if (SLASHED_PROTOCOLS.has(lowerProtocol) && this.hostname && !this.pathname) {
        this.pathname = "/";
    }
    if (this.pathname || this.search) {
        this.path = (this.pathname || "") + (this.search || "");
    }
    this.href = this.format();
    return this;
};

// Node's escaping of the auth part: encodeURIComponent's unreserved set plus ":". Non-strings pass unescaped.
function escapeAuth(auth) {
    return typeof auth === "string" ? querystring.escape(auth).replace(/%3A/g, ":") : auth;
}

Url.prototype.format = function format() {
    let auth = this.auth || "";
    if (auth) {
        auth = `${escapeAuth(auth)}@`;
    }
    let protocol = this.protocol || "";
    let pathname = this.pathname || "";
    let hash = this.hash || "";
    let host = "";
    if (this.host) {
        host = auth + this.host;
    } else if (this.hostname) {
        const hostname = this.hostname.includes(":") && !isIpv6Hostname(this.hostname) ? `[${this.hostname}]` : this.hostname;
        host = auth + hostname + (this.port ? `:${this.port}` : "");
    }
    let query = "";
    if (this.query !== null && typeof this.query === "object") {
        query = querystring.stringify(this.query);
    }
    let search = this.search || (query && `?${query}`) || "";
    if (protocol && protocol.charCodeAt(protocol.length - 1) !== 58) {
        protocol += ":";
    }
    if (typeof pathname === "string") {
        pathname = pathname.replace(/[#?]/g, (c) => (c === "#" ? "%23" : "%3F"));
    }
    // Only the slashed protocols get "//" unless the URL had it; a bare "file:" still gets it.
    if (this.slashes || SLASHED_PROTOCOLS.has(protocol)) {
        if (this.slashes || host) {
            if (pathname && pathname.charCodeAt(0) !== 47) {
                pathname = `/${pathname}`;
            }
            host = `//${host}`;
        } else if (protocol.startsWith("file")) {
            host = "//";
        }
    }
    search = search.replace(/#/g, "%23");
    if (hash && hash.charCodeAt(0) !== 35) {
        hash = `#${hash}`;
    }
    if (search && search.charCodeAt(0) !== 63) {
        search = `?${search}`;
    }
    return protocol + host + pathname + search + hash;
};

Url.prototype.resolve = function resolve(relative) {
    return this.resolveObject(urlParse(relative, false, true)).format();
};

// Sets `path` from pathname and search, as http.request wants it.
function updatePath(url) {
    if (url.pathname !== null || url.search !== null) {
        url.path = (url.pathname || "") + (url.search || "");
    }
}

function finish(result) {
    result.href = result.format();
    return result;
}

// "local@domain" of a hostless URL ends up in its host: move the auth back out.
function splitAuthFromHost(result) {
    if (result.host && result.host.indexOf("@") > 0) {
        const [auth, host] = result.host.split("@");
        result.auth = auth;
        result.host = host;
        result.hostname = host;
    }
}

// A relative reference with a protocol other than the base's.
function resolveOtherProtocol(result, relative) {
    if (!SLASHED_PROTOCOLS.has(relative.protocol)) {
        Object.assign(result, relative);
        return finish(result);
    }
    result.protocol = relative.protocol;
    if (!relative.host && !/^file:?$/.test(relative.protocol) && !SCRIPT_PROTOCOLS.has(relative.protocol)) {
        // "http:foo/bar" against another protocol: the first path segment is the host.
        const segments = (relative.pathname || "").split("/");
        while (segments.length > 0 && !(relative.host = segments.shift()));
        relative.host ||= "";
        relative.hostname ||= "";
        if (segments[0] !== "") {
            segments.unshift("");
        }
        if (segments.length < 2) {
            segments.unshift("");
        }
        result.pathname = segments.join("/");
    } else {
        result.pathname = relative.pathname;
    }
    result.search = relative.search;
    result.query = relative.query;
    result.host = relative.host || "";
    result.auth = relative.auth;
    result.hostname = relative.hostname || relative.host;
    result.port = relative.port;
    if (result.pathname || result.search) {
        result.path = (result.pathname || "") + (result.search || "");
    }
    result.slashes = result.slashes || relative.slashes;
    return finish(result);
}

// Removes "." and ".." segments in place; returns how many ".." climbed above the first segment.
function removeDotSegments(segments) {
    let up = 0;
    for (let i = segments.length - 1; i >= 0; i--) {
        const segment = segments[i];
        if (segment === ".") {
            segments.splice(i, 1);
        } else if (segment === "..") {
            segments.splice(i, 1);
            up++;
        } else if (up > 0) {
            segments.splice(i, 1);
            up--;
        }
    }
    return up;
}

Url.prototype.resolveObject = function resolveObject(relative) {
    if (typeof relative === "string") {
        const parsed = new Url();
        parsed.parse(relative, false, true);
        relative = parsed;
    }
    const result = new Url();
    Object.assign(result, this);
    // The hash always comes from the reference, even an empty one.
    result.hash = relative.hash;
    if (relative.href === "") {
        return finish(result);
    }

    // "//host/path" keeps only the protocol of the base.
    if (relative.slashes && !relative.protocol) {
        for (const key of Object.keys(relative)) {
            if (key !== "protocol") {
                result[key] = relative[key];
            }
        }
        if (SLASHED_PROTOCOLS.has(result.protocol) && result.hostname && !result.pathname) {
            result.path = result.pathname = "/";
        }
        return finish(result);
    }

    if (relative.protocol && relative.protocol !== result.protocol) {
        return resolveOtherProtocol(result, relative);
    }

    const isSourceAbsolute = result.pathname && result.pathname.charAt(0) === "/";
    const isRelativeAbsolute = relative.host || (relative.pathname && relative.pathname.charAt(0) === "/");
    let mustEndAbsolute = isRelativeAbsolute || isSourceAbsolute || (result.host && relative.pathname);
    const removeAllDots = mustEndAbsolute;
    let sourcePath = (result.pathname && result.pathname.split("/")) || [];
    const relativePath = (relative.pathname && relative.pathname.split("/")) || [];
    const noLeadingSlashes = result.protocol && !SLASHED_PROTOCOLS.has(result.protocol);

    // In URLs without "//" (mailto:, news:), "../.." may climb into the host: treat the host as the first segment
    // for now and put it back at the end.
    if (noLeadingSlashes) {
        result.hostname = "";
        result.port = null;
        if (result.host) {
            if (sourcePath[0] === "") {
                sourcePath[0] = result.host;
            } else {
                sourcePath.unshift(result.host);
            }
        }
        result.host = "";
        if (relative.protocol) {
            relative.hostname = null;
            relative.port = null;
            result.auth = null;
            if (relative.host) {
                if (relativePath[0] === "") {
                    relativePath[0] = relative.host;
                } else {
                    relativePath.unshift(relative.host);
                }
            }
            relative.host = null;
        }
        mustEndAbsolute = mustEndAbsolute && (relativePath[0] === "" || sourcePath[0] === "");
    }

    if (isRelativeAbsolute) {
        if (relative.host || relative.host === "") {
            if (result.host !== relative.host) {
                result.auth = null;
            }
            result.host = relative.host;
            result.port = relative.port;
        }
        if (relative.hostname || relative.hostname === "") {
            if (result.hostname !== relative.hostname) {
                result.auth = null;
            }
            result.hostname = relative.hostname;
        }
        result.search = relative.search;
        result.query = relative.query;
        sourcePath = relativePath;
    } else if (relativePath.length > 0) {
        // A relative path replaces the last segment of the base's.
        sourcePath.pop();
        sourcePath = sourcePath.concat(relativePath);
        result.search = relative.search;
        result.query = relative.query;
    } else if (relative.search !== null && relative.search !== undefined) {
        // Only a query ("?x"): keep the base's path.
        if (noLeadingSlashes) {
            result.hostname = result.host = sourcePath.shift();
            splitAuthFromHost(result);
        }
        result.search = relative.search;
        result.query = relative.query;
        updatePath(result);
        return finish(result);
    }

    if (sourcePath.length === 0) {
        result.pathname = null;
        result.path = result.search ? `/${result.search}` : null;
        return finish(result);
    }

    // A path ending in "." or ".." (or "") is a directory: it keeps a trailing slash.
    const last = sourcePath[sourcePath.length - 1];
    const hasTrailingSlash = ((result.host || relative.host || sourcePath.length > 1) && (last === "." || last === "..")) || last === "";
    let up = removeDotSegments(sourcePath);
    if (!mustEndAbsolute && !removeAllDots) {
        while (up-- > 0) {
            sourcePath.unshift("..");
        }
    }
    if (mustEndAbsolute && sourcePath[0] !== "" && (!sourcePath[0] || sourcePath[0].charAt(0) !== "/")) {
        sourcePath.unshift("");
    }
    if (hasTrailingSlash && sourcePath.join("/").slice(-1) !== "/") {
        sourcePath.push("");
    }
    const isAbsolute = sourcePath[0] === "" || (sourcePath[0] && sourcePath[0].charAt(0) === "/");

    if (noLeadingSlashes) {
        let host = "";
        if (!isAbsolute && sourcePath.length > 0) {
            host = sourcePath.shift();
        }
        result.hostname = result.host = host;
        splitAuthFromHost(result);
    }

    mustEndAbsolute = mustEndAbsolute || (result.host && sourcePath.length);
    if (mustEndAbsolute && !isAbsolute) {
        sourcePath.unshift("");
    }
    if (sourcePath.length > 0) {
        result.pathname = sourcePath.join("/");
    } else {
        result.pathname = null;
        result.path = null;
    }
    updatePath(result);
    result.auth = relative.auth || result.auth;
    result.slashes = result.slashes || relative.slashes;
    return finish(result);
};

Url.prototype.parseHost = function parseHost() {
    let host = this.host;
    const port = PORT.exec(host);
    if (port !== null) {
        if (port[0] !== ":") {
            this.port = port[0].slice(1);
        }
        host = host.slice(0, host.length - port[0].length);
    }
    if (host) {
        this.hostname = host;
    }
};

function urlParse(url, parseQueryString, slashesDenoteHost) {
    if (url instanceof Url) {
        return url;
    }
    const parsed = new Url();
    parsed.parse(url, parseQueryString, slashesDenoteHost);
    return parsed;
}

function urlResolve(source, relative) {
    return urlParse(source, false, true).resolve(relative);
}

function urlResolveObject(source, relative) {
    if (!source) {
        return relative;
    }
    return urlParse(source, false, true).resolveObject(relative);
}

// url.format(URL, options): the href without the parts the options leave out, the host in Unicode if asked.
function formatWhatwg(url, options) {
    let fragment = true;
    let unicode = false;
    let search = true;
    let auth = true;
    if (options) {
        if (typeof options !== "object") {
            throw invalidArgType("options", "of type object", options);
        }
        if (options.fragment != null) {
            fragment = Boolean(options.fragment);
        }
        if (options.unicode != null) {
            unicode = Boolean(options.unicode);
        }
        if (options.search != null) {
            search = Boolean(options.search);
        }
        if (options.auth != null) {
            auth = Boolean(options.auth);
        }
    }
    let href = url.href;
    if (!fragment && href.includes("#")) {
        href = href.slice(0, href.indexOf("#"));
    }
    if (!search) {
        const question = href.indexOf("?");
        if (question !== -1) {
            const hash = href.indexOf("#");
            href = href.slice(0, question) + (hash === -1 ? "" : href.slice(hash));
        }
    }
    const authorityStart = url.protocol.length + 2;
    if ((auth && !unicode) || !href.startsWith("//", url.protocol.length)) {
        return href;
    }
    const authorityEnd = href.slice(authorityStart).search(/[/?#]|$/) + authorityStart;
    const authority = href.slice(authorityStart, authorityEnd);
    const at = authority.lastIndexOf("@");
    const userinfo = auth && at !== -1 ? authority.slice(0, at + 1) : "";
    const host = unicode ? domainToUnicode(url.hostname) + (url.port ? `:${url.port}` : "") : authority.slice(at + 1);
    return href.slice(0, authorityStart) + userinfo + host + href.slice(authorityEnd);
}

function urlFormat(urlObject, options) {
    if (typeof urlObject === "string") {
        urlObject = urlParse(urlObject);
    } else if (typeof urlObject !== "object" || urlObject === null) {
        throw invalidArgType("urlObject", "one of type object or string", urlObject);
    } else if (urlObject instanceof URL) {
        return formatWhatwg(urlObject, options);
    }
    return Url.prototype.format.call(urlObject);
}

// The WHATWG hostname setter does exactly the host parsing node's domainToASCII wants; it silently keeps the
// old host on failure, so two different starting hosts tell a failure apart.
function parseDomain(domain) {
    const first = new URL("ws://x");
    first.hostname = domain;
    const second = new URL("ws://y");
    second.hostname = domain;
    return first.hostname === second.hostname ? first.hostname : "";
}

function domainArgument(args) {
    if (args.length < 1) {
        throw codedError(TypeError, "ERR_MISSING_ARGS", 'The "domain" argument must be specified');
    }
    return `${args[0]}`;
}

function domainToASCII(...args) {
    return parseDomain(domainArgument(args));
}

function domainToUnicode(...args) {
    const ascii = parseDomain(domainArgument(args));
    return ascii.split(".").map((label) => {
        if (!label.startsWith("xn--")) {
            return label;
        }
        try {
            return punycode.decode(label.slice(4));
        } catch {
            return label;
        }
    }).join(".");
}

// Node accepts anything shaped like a WHATWG URL.
function isUrlLike(value) {
    return Boolean(value && value.href && value.protocol && value.auth === undefined && value.path === undefined);
}

function fileURLToPath(path) {
    if (typeof path === "string") {
        try {
            path = new URL(path);
        } catch {
            throw invalidUrl(path);
        }
    } else if (!isUrlLike(path)) {
        throw invalidArgType("path", "of type string or an instance of URL", path);
    }
    if (path.protocol !== "file:") {
        throw codedError(TypeError, "ERR_INVALID_URL_SCHEME", "The URL must be of scheme file");
    }
    if (path.hostname !== "") {
        throw codedError(TypeError, "ERR_INVALID_FILE_URL_HOST", 'File URL host must be "localhost" or empty on linux');
    }
    const pathname = path.pathname;
    if (/%2f/i.test(pathname)) {
        throw codedError(TypeError, "ERR_INVALID_FILE_URL_PATH", "File URL path must not include encoded / characters");
    }
    return decodeURIComponent(pathname);
}

// The characters of a path that the URL parser would not escape by itself (or would take as delimiters).
const PATH_ESCAPES = {
    "%": "%25", "\\": "%5C", "\n": "%0A", "\r": "%0D", "\t": "%09", "?": "%3F", "#": "%23", "[": "%5B", "]": "%5D", "^": "%5E",
    "|": "%7C", "~": "%7E",
};

function pathToFileURL(filepath) {
    if (typeof filepath !== "string") {
        throw invalidArgType("path", "of type string", filepath);
    }
    let resolved = require("path").posix.resolve(filepath);
    if (filepath.endsWith("/") && !resolved.endsWith("/")) {
        resolved += "/";
    }
    return new URL(`file://${resolved.replace(/[%\\\n\r\t?#[\]^|~]/g, (c) => PATH_ESCAPES[c])}`);
}

function urlToHttpOptions(url) {
    const options = {
        __proto__: null,
        ...url,
        protocol: url.protocol,
        hostname: url.hostname && url.hostname[0] === "[" ? url.hostname.slice(1, -1) : url.hostname,
        hash: url.hash,
        search: url.search,
        pathname: url.pathname,
        path: `${url.pathname || ""}${url.search || ""}`,
        href: url.href,
    };
    if (url.port !== "") {
        options.port = Number(url.port);
    }
    if (url.username || url.password) {
        options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    }
    return options;
}

module.exports = {
    Url,
    parse: urlParse,
    resolve: urlResolve,
    resolveObject: urlResolveObject,
    format: urlFormat,
    URL,
    URLSearchParams,
    domainToASCII,
    domainToUnicode,
    pathToFileURL,
    fileURLToPath,
    urlToHttpOptions,
};
