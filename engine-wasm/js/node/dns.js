// dns.js: node's `dns` (and dns.promises) in the sandbox, which resolves no names: lookups, resolvers and server
// settings throw ERR_JSCELL_SANDBOX; the error-code constants and the default result order setting work.

const { deniedFunctions, deniedClass, invalidArgValue } = require("internal/errors");

const errorCodes = {
    NODATA: "ENODATA", FORMERR: "EFORMERR", SERVFAIL: "ESERVFAIL", NOTFOUND: "ENOTFOUND", NOTIMP: "ENOTIMP",
    REFUSED: "EREFUSED", BADQUERY: "EBADQUERY", BADNAME: "EBADNAME", BADFAMILY: "EBADFAMILY", BADRESP: "EBADRESP",
    CONNREFUSED: "ECONNREFUSED", TIMEOUT: "ETIMEOUT", EOF: "EOF", FILE: "EFILE", NOMEM: "ENOMEM",
    DESTRUCTION: "EDESTRUCTION", BADSTR: "EBADSTR", BADFLAGS: "EBADFLAGS", NONAME: "ENONAME", BADHINTS: "EBADHINTS",
    NOTINITIALIZED: "ENOTINITIALIZED", LOADIPHLPAPI: "ELOADIPHLPAPI", ADDRGETNETWORKPARAMS: "EADDRGETNETWORKPARAMS",
    CANCELLED: "ECANCELLED",
};

const resolverMethods = ["resolveAny", "resolve4", "resolve6", "resolveCaa", "resolveCname", "resolveMx", "resolveNs",
    "resolveTxt", "resolveSrv", "resolvePtr", "resolveNaptr", "resolveSoa", "reverse", "resolve"];

let resultOrder = "verbatim";

function getDefaultResultOrder() {
    return resultOrder;
}

function setDefaultResultOrder(order) {
    if (order !== "verbatim" && order !== "ipv4first" && order !== "ipv6first") {
        throw invalidArgValue("dnsOrder", order, "must be one of: 'verbatim', 'ipv4first', 'ipv6first'");
    }
    resultOrder = order;
}

// In node's order of keys; the callback module also has the getaddrinfo flags.
function api(prefix, flags) {
    return {
        ...deniedFunctions(prefix, ["lookup", "lookupService"]),
        Resolver: deniedClass(`${prefix}.Resolver`),
        getDefaultResultOrder,
        setDefaultResultOrder,
        ...deniedFunctions(prefix, ["setServers"]),
        ...flags,
        ...errorCodes,
        ...deniedFunctions(prefix, ["getServers", ...resolverMethods]),
    };
}

module.exports = {
    ...api("dns", { ADDRCONFIG: 32, ALL: 16, V4MAPPED: 8 }),
    promises: api("dns.promises", {}),
};
