// sys.js: node's deprecated alias of `util`.
module.exports = require("util");
