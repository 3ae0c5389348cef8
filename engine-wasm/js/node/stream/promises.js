// stream/promises.js: `require('stream/promises')`, the promise forms of pipeline and finished (the same object
// as `require('stream').promises`).

module.exports = require("stream").promises;
