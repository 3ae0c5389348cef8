// http.js: node's `http` in the sandbox, which makes no connections (fetch is jscell's way out): requests and
// servers throw ERR_JSCELL_SANDBOX. What libraries read or build at load time works: METHODS, STATUS_CODES, the
// header validators, maxHeaderSize, and Agent (an inert EventEmitter holding its options) with globalAgent.

const EventEmitter = require("events");
const { codedError, deniedFunctions, deniedClass, invalidArgType } = require("internal/errors");

const METHODS = [
    "ACL", "BIND", "CHECKOUT", "CONNECT", "COPY", "DELETE", "GET", "HEAD", "LINK", "LOCK", "M-SEARCH", "MERGE",
    "MKACTIVITY", "MKCALENDAR", "MKCOL", "MOVE", "NOTIFY", "OPTIONS", "PATCH", "POST", "PROPFIND", "PROPPATCH", "PURGE",
    "PUT", "QUERY", "REBIND", "REPORT", "SEARCH", "SOURCE", "SUBSCRIBE", "TRACE", "UNBIND", "UNLINK", "UNLOCK",
    "UNSUBSCRIBE",
];

const STATUS_CODES = {
    100: "Continue", 101: "Switching Protocols", 102: "Processing", 103: "Early Hints", 200: "OK", 201: "Created",
    202: "Accepted", 203: "Non-Authoritative Information", 204: "No Content", 205: "Reset Content",
    206: "Partial Content", 207: "Multi-Status", 208: "Already Reported", 226: "IM Used", 300: "Multiple Choices",
    301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified", 305: "Use Proxy",
    307: "Temporary Redirect", 308: "Permanent Redirect", 400: "Bad Request", 401: "Unauthorized",
    402: "Payment Required", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable",
    407: "Proxy Authentication Required", 408: "Request Timeout", 409: "Conflict", 410: "Gone",
    411: "Length Required", 412: "Precondition Failed", 413: "Payload Too Large", 414: "URI Too Long",
    415: "Unsupported Media Type", 416: "Range Not Satisfiable", 417: "Expectation Failed", 418: "I'm a Teapot",
    421: "Misdirected Request", 422: "Unprocessable Entity", 423: "Locked", 424: "Failed Dependency",
    425: "Too Early", 426: "Upgrade Required", 428: "Precondition Required", 429: "Too Many Requests",
    431: "Request Header Fields Too Large", 451: "Unavailable For Legal Reasons", 500: "Internal Server Error",
    501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
    505: "HTTP Version Not Supported", 506: "Variant Also Negotiates", 507: "Insufficient Storage",
    508: "Loop Detected", 509: "Bandwidth Limit Exceeded", 510: "Not Extended",
    511: "Network Authentication Required",
};

const tokenPattern = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
const invalidHeaderChar = /[^\t\x20-\x7e\x80-\xff]/;

function validateHeaderName(name, label = "Header name") {
    if (typeof name !== "string" || !name || !tokenPattern.test(name)) {
        throw codedError(TypeError, "ERR_INVALID_HTTP_TOKEN", `${label} must be a valid HTTP token ["${name}"]`);
    }
}

function validateHeaderValue(name, value) {
    if (value === undefined) {
        throw codedError(TypeError, "ERR_HTTP_INVALID_HEADER_VALUE", `Invalid value "${value}" for header "${name}"`);
    }
    if (invalidHeaderChar.test(value)) {
        throw codedError(TypeError, "ERR_INVALID_CHAR", `Invalid character in header content ["${name}"]`);
    }
}

// Holds what node's Agent holds; it never opens a socket, as requests are refused before reaching it.
class Agent extends EventEmitter {
    constructor(options = undefined) {
        super();
        this.defaultPort = 80;
        this.protocol = "http:";
        this.options = { __proto__: null, ...options };
        this.options.path ??= null;
        this.requests = Object.create(null);
        this.sockets = Object.create(null);
        this.freeSockets = Object.create(null);
        this.keepAliveMsecs = this.options.keepAliveMsecs || 1000;
        this.keepAlive = this.options.keepAlive || false;
        this.maxSockets = this.options.maxSockets || Agent.defaultMaxSockets;
        this.maxFreeSockets = this.options.maxFreeSockets || 256;
        this.scheduling = this.options.scheduling || "lifo";
        this.maxTotalSockets = this.options.maxTotalSockets || Infinity;
        this.totalSocketCount = 0;
    }

    destroy() {}

    getName(options = {}) {
        let name = options.host || "localhost";
        name += ":";
        if (options.port) {
            name += options.port;
        }
        name += ":";
        if (options.localAddress) {
            name += options.localAddress;
        }
        if (options.family === 4 || options.family === 6) {
            name += `:${options.family}`;
        }
        return name;
    }
}

Agent.defaultMaxSockets = Infinity;

function setMaxIdleHTTPParsers(max) {
    if (typeof max !== "number" || !Number.isInteger(max)) {
        throw invalidArgType("max", "of type number", max);
    }
}

module.exports = {
    METHODS,
    STATUS_CODES,
    Agent,
    ClientRequest: deniedClass("http.ClientRequest", EventEmitter),
    IncomingMessage: deniedClass("http.IncomingMessage", EventEmitter),
    OutgoingMessage: deniedClass("http.OutgoingMessage", EventEmitter),
    Server: deniedClass("http.Server", EventEmitter),
    ServerResponse: deniedClass("http.ServerResponse", EventEmitter),
    ...deniedFunctions("http", ["createServer", "get", "request"]),
    validateHeaderName,
    validateHeaderValue,
    setMaxIdleHTTPParsers,
    maxHeaderSize: 16384,
    globalAgent: new Agent(),
};
