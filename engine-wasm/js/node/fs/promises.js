// fs/promises.js: `require('fs/promises')`, the same object as fs.promises.

module.exports = require("fs").promises;
