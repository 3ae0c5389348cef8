// readline/promises.js: `require('readline/promises')`, the same object as readline.promises.

module.exports = require("readline").promises;
