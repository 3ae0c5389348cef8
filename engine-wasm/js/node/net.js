// net.js: node's `net` in the sandbox, which has no sockets: connecting, listening and the socket classes throw
// ERR_JSCELL_SANDBOX; the address checks (isIP, isIPv4, isIPv6) and the auto-select-family settings work.

const EventEmitter = require("events");
const { deniedFunctions, deniedClass, invalidArgType } = require("internal/errors");

const ipv4Part = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])";
const ipv4Pattern = new RegExp(`^${ipv4Part}(?:\\.${ipv4Part}){3}$`);
const hexGroup = /^[0-9a-fA-F]{1,4}$/;

function isIPv4(input) {
    return ipv4Pattern.test(String(input));
}

// Eight hex groups, one run of them shortened to "::", the last two possibly written as IPv4, and a zone after "%".
function isIPv6(input) {
    let text = String(input);
    const zone = text.indexOf("%");
    if (zone !== -1) {
        if (!/^[0-9a-zA-Z\-._~]+$/.test(text.slice(zone + 1))) {
            return false;
        }
        text = text.slice(0, zone);
    }
    const halves = text.split("::");
    if (halves.length > 2) {
        return false;
    }
    const groupsOf = (half) => (half === "" ? [] : half.split(":"));
    const head = groupsOf(halves[0]);
    const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
    const groups = [...head, ...tail];
    let count = groups.length;
    if (groups.length > 0 && groups[groups.length - 1].includes(".")) {
        if (!isIPv4(groups.pop())) {
            return false;
        }
        count++;
    }
    if (!groups.every((group) => hexGroup.test(group))) {
        return false;
    }
    return halves.length === 2 ? count <= 7 : count === 8;
}

function isIP(input) {
    if (isIPv4(input)) {
        return 4;
    }
    return isIPv6(input) ? 6 : 0;
}

let autoSelectFamily = true;
let autoSelectFamilyAttemptTimeout = 250;

function setDefaultAutoSelectFamily(value) {
    if (typeof value !== "boolean") {
        throw invalidArgType("value", "of type boolean", value);
    }
    autoSelectFamily = value;
}

function setDefaultAutoSelectFamilyAttemptTimeout(value) {
    if (typeof value !== "number" || !Number.isInteger(value)) {
        throw invalidArgType("value", "of type number", value);
    }
    autoSelectFamilyAttemptTimeout = Math.max(value, 10);
}

const Socket = deniedClass("net.Socket", EventEmitter);

module.exports = {
    ...deniedFunctions("net", ["connect", "createConnection", "createServer"]),
    BlockList: deniedClass("net.BlockList"),
    SocketAddress: deniedClass("net.SocketAddress"),
    isIP,
    isIPv4,
    isIPv6,
    Server: deniedClass("net.Server", EventEmitter),
    Socket,
    Stream: Socket,
    getDefaultAutoSelectFamily: () => autoSelectFamily,
    setDefaultAutoSelectFamily,
    getDefaultAutoSelectFamilyAttemptTimeout: () => autoSelectFamilyAttemptTimeout,
    setDefaultAutoSelectFamilyAttemptTimeout,
};
