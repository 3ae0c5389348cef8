// https.js: node's `https` in the sandbox: Agent (http's inert Agent, for port 443) and globalAgent work;
// requests and servers throw ERR_JSCELL_SANDBOX.

const EventEmitter = require("events");
const http = require("http");
const { deniedFunctions, deniedClass } = require("internal/errors");

class Agent extends http.Agent {
    constructor(options = undefined) {
        super(options);
        this.defaultPort = 443;
        this.protocol = "https:";
        this.maxCachedSessions = this.options.maxCachedSessions ?? 100;
        this._sessionCache = { map: {}, list: [] };
    }
}

module.exports = {
    Agent,
    globalAgent: new Agent(),
    Server: deniedClass("https.Server", EventEmitter),
    ...deniedFunctions("https", ["createServer", "get", "request"]),
};
