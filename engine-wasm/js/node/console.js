// console.js: `require('console')` is the global console, as in node.
module.exports = globalThis.console;
