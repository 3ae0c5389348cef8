// dns/promises.js: `require('dns/promises')`, the same object as dns.promises.

module.exports = require("dns").promises;
