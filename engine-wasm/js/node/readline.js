// readline.js: node's `readline` in the sandbox, which has no terminal input: createInterface, Interface and
// emitKeypressEvents throw ERR_JSCELL_SANDBOX. The cursor helpers work, as they only write ANSI escapes to the
// stream they are given.

const EventEmitter = require("events");
const { deniedFunctions, deniedClass, invalidArgValue } = require("internal/errors");

const CSI = "\u001b[";

function done(callback) {
    if (typeof callback === "function") {
        queueMicrotask(() => callback(null));
    }
    return true;
}

function write(stream, data, callback) {
    return stream.write(data, callback);
}

function cursorTo(stream, x, y, callback) {
    if (typeof y === "function") {
        callback = y;
        y = undefined;
    }
    if (Number.isNaN(x)) {
        throw invalidArgValue("x", x);
    }
    if (Number.isNaN(y)) {
        throw invalidArgValue("y", y);
    }
    if (stream == null || (typeof x !== "number" && typeof y !== "number")) {
        return done(callback);
    }
    return write(stream, typeof y !== "number" ? `${CSI}${x + 1}G` : `${CSI}${y + 1};${x + 1}H`, callback);
}

function moveCursor(stream, dx, dy, callback) {
    if (stream == null || !(dx || dy)) {
        return done(callback);
    }
    let data = "";
    if (dx < 0) {
        data += `${CSI}${-dx}D`;
    } else if (dx > 0) {
        data += `${CSI}${dx}C`;
    }
    if (dy < 0) {
        data += `${CSI}${-dy}A`;
    } else if (dy > 0) {
        data += `${CSI}${dy}B`;
    }
    return write(stream, data, callback);
}

function clearLine(stream, dir, callback) {
    if (stream === null || stream === undefined) {
        return done(callback);
    }
    return write(stream, dir < 0 ? `${CSI}1K` : dir > 0 ? `${CSI}0K` : `${CSI}2K`, callback);
}

function clearScreenDown(stream, callback) {
    if (stream === null || stream === undefined) {
        return done(callback);
    }
    return write(stream, `${CSI}0J`, callback);
}

const promises = {
    Interface: deniedClass("readline.promises.Interface", EventEmitter),
    Readline: deniedClass("readline.promises.Readline"),
    ...deniedFunctions("readline.promises", ["createInterface"]),
};

module.exports = {
    Interface: deniedClass("readline.Interface", EventEmitter),
    clearLine,
    clearScreenDown,
    ...deniedFunctions("readline", ["createInterface"]),
    cursorTo,
    ...deniedFunctions("readline", ["emitKeypressEvents"]),
    moveCursor,
    promises,
};
