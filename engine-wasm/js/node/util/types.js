// util/types.js: `require('util/types')`, the same object as util.types.

module.exports = require("util").types;
