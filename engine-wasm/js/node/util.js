// util.js: node's `util` module: inspect (node 20's output format) and format, util.types (brand checks made with
// ECMAScript's own getters, as there are no V8 internals here), promisify/callbackify/inherits/deprecate,
// isDeepStrictEqual (internal/comparisons), debuglog, styleText and the deprecated is* predicates.

const { codedError, invalidArgType, invalidArgValue, outOfRange, emitWarning } = require("internal/errors");

// ---- util.types ----

const uncurry = (fn) => Function.prototype.call.bind(fn);
const getterOf = (proto, name) => uncurry(Object.getOwnPropertyDescriptor(proto, name).get);
const objectToString = uncurry(Object.prototype.toString);
const hasOwn = (value, key) => Object.prototype.hasOwnProperty.call(value, key);
const propertyIsEnumerable = uncurry(Object.prototype.propertyIsEnumerable);
const typedArrayTag = getterOf(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag);

// A brand check: `probe` throws a TypeError unless its argument carries the internal slot. Throwing is slow in
// QuickJS, so only objects that report the built-in's tag (or have no prototype to report it) are probed.
function branded(probe, tag) {
    const expected = `[object ${tag}]`;
    return (value) => {
        if (value === null || typeof value !== "object") {
            return false;
        }
        if (objectToString(value) !== expected && Object.getPrototypeOf(value) !== null) {
            return false;
        }
        try {
            probe(value);
            return true;
        } catch {
            return false;
        }
    };
}

const regExpSource = getterOf(RegExp.prototype, "source");
const isDate = branded(uncurry(Date.prototype.getTime), "Date");
const hasRegExpSlot = branded(regExpSource, "RegExp");
const isRegExp = (value) => value !== RegExp.prototype && hasRegExpSlot(value);
const isMap = branded(getterOf(Map.prototype, "size"), "Map");
const isSet = branded(getterOf(Set.prototype, "size"), "Set");
const isWeakMap = branded((value) => WeakMap.prototype.has.call(value, isWeakMap), "WeakMap");
const isWeakSet = branded((value) => WeakSet.prototype.has.call(value, isWeakSet), "WeakSet");
const isArrayBuffer = branded(getterOf(ArrayBuffer.prototype, "byteLength"), "ArrayBuffer");
const isSharedArrayBuffer = typeof SharedArrayBuffer === "function" ? branded(getterOf(SharedArrayBuffer.prototype, "byteLength"), "SharedArrayBuffer") : () => false;
const isDataView = branded(getterOf(DataView.prototype, "byteLength"), "DataView");
const isNumberObject = branded(uncurry(Number.prototype.valueOf), "Number");
const isStringObject = branded(uncurry(String.prototype.valueOf), "String");
const isBooleanObject = branded(uncurry(Boolean.prototype.valueOf), "Boolean");
const isBigIntObject = branded(uncurry(BigInt.prototype.valueOf), "BigInt");
const isSymbolObject = branded(uncurry(Symbol.prototype.valueOf), "Symbol");
const tagOf = (value) => objectToString(value).slice(8, -1);
const typedArrayIs = (name) => (value) => typedArrayTag(value) === name;

function isTypedArray(value) {
    return typedArrayTag(value) !== undefined;
}

function isAnyArrayBuffer(value) {
    return isArrayBuffer(value) || isSharedArrayBuffer(value);
}

function isBoxedPrimitive(value) {
    return isNumberObject(value) || isStringObject(value) || isBooleanObject(value) || isBigIntObject(value) || isSymbolObject(value);
}

function isAsyncFunction(value) {
    const tag = typeof value === "function" ? tagOf(value) : "";
    return tag === "AsyncFunction" || tag === "AsyncGeneratorFunction";
}

function isGeneratorFunction(value) {
    const tag = typeof value === "function" ? tagOf(value) : "";
    return tag === "GeneratorFunction" || tag === "AsyncGeneratorFunction";
}

function isGeneratorObject(value) {
    const tag = value !== null && typeof value === "object" ? tagOf(value) : "";
    return tag === "Generator" || tag === "AsyncGenerator";
}

// Object.prototype.toString reports "Error" only for objects made by an Error constructor ([[ErrorData]]).
function isNativeError(value) {
    if (typeof Error.isError === "function") {
        return Error.isError(value);
    }
    return value !== null && typeof value === "object" && objectToString(value) === "[object Error]";
}

// There is no side-effect free brand check for promises in ECMAScript: the tag is what can be seen.
function isPromise(value) {
    return value !== null && typeof value === "object" && objectToString(value) === "[object Promise]";
}

const taggedObject = (tag) => (value) => value !== null && typeof value === "object" && objectToString(value) === `[object ${tag}]`;

const types = {
    isExternal: () => false,
    isDate,
    isArgumentsObject: taggedObject("Arguments"),
    isBigIntObject,
    isBooleanObject,
    isNumberObject,
    isStringObject,
    isSymbolObject,
    isNativeError,
    isRegExp,
    isAsyncFunction,
    isGeneratorFunction,
    isGeneratorObject,
    isPromise,
    isMap,
    isSet,
    isMapIterator: taggedObject("Map Iterator"),
    isSetIterator: taggedObject("Set Iterator"),
    isWeakMap,
    isWeakSet,
    isArrayBuffer,
    isDataView,
    isSharedArrayBuffer,
    // A proxy cannot be told from its target without engine internals.
    isProxy: () => false,
    isModuleNamespaceObject: (value) => taggedObject("Module")(value) && Object.getPrototypeOf(value) === null,
    isAnyArrayBuffer,
    isBoxedPrimitive,
    isArrayBufferView: (value) => ArrayBuffer.isView(value),
    isTypedArray,
    isUint8Array: typedArrayIs("Uint8Array"),
    isUint8ClampedArray: typedArrayIs("Uint8ClampedArray"),
    isUint16Array: typedArrayIs("Uint16Array"),
    isUint32Array: typedArrayIs("Uint32Array"),
    isInt8Array: typedArrayIs("Int8Array"),
    isInt16Array: typedArrayIs("Int16Array"),
    isInt32Array: typedArrayIs("Int32Array"),
    isFloat32Array: typedArrayIs("Float32Array"),
    isFloat64Array: typedArrayIs("Float64Array"),
    isBigInt64Array: typedArrayIs("BigInt64Array"),
    isBigUint64Array: typedArrayIs("BigUint64Array"),
    isKeyObject: taggedObject("KeyObject"),
    isCryptoKey: (value) => typeof CryptoKey === "function" && value instanceof CryptoKey,
};

// ---- inspect ----

const inspectDefaultOptions = {
    showHidden: false,
    depth: 2,
    colors: false,
    customInspect: true,
    showProxy: false,
    maxArrayLength: 100,
    maxStringLength: 10000,
    breakLength: 80,
    compact: 3,
    sorted: false,
    getters: false,
    numericSeparator: false,
};

const customInspectSymbol = Symbol.for("nodejs.util.inspect.custom");
// What a property is shown as: "key: value" in an object, the bare value at an array index, and "key: value"
// again for an array's other keys (indented as array entries).
const OBJECT_ENTRIES = 0;
const ARRAY_VALUE = 1;
const ARRAY_ENTRIES = 2;
const MIN_LINE_WIDTH = 16;

const colors = Object.assign(Object.create(null), {
    reset: [0, 0], bold: [1, 22], dim: [2, 22], italic: [3, 23], underline: [4, 24], blink: [5, 25], inverse: [7, 27],
    hidden: [8, 28], strikethrough: [9, 29], doubleunderline: [21, 24], black: [30, 39], red: [31, 39], green: [32, 39],
    yellow: [33, 39], blue: [34, 39], magenta: [35, 39], cyan: [36, 39], white: [37, 39], bgBlack: [40, 49],
    bgRed: [41, 49], bgGreen: [42, 49], bgYellow: [43, 49], bgBlue: [44, 49], bgMagenta: [45, 49], bgCyan: [46, 49],
    bgWhite: [47, 49], framed: [51, 54], overlined: [53, 55], gray: [90, 39], redBright: [91, 39],
    greenBright: [92, 39], yellowBright: [93, 39], blueBright: [94, 39], magentaBright: [95, 39], cyanBright: [96, 39],
    whiteBright: [97, 39], bgGray: [100, 49], bgRedBright: [101, 49], bgGreenBright: [102, 49],
    bgYellowBright: [103, 49], bgBlueBright: [104, 49], bgMagentaBright: [105, 49], bgCyanBright: [106, 49],
    bgWhiteBright: [107, 49],
});
Object.setPrototypeOf(colors, Object.prototype);
for (const [alias, name] of [["grey", "gray"], ["blackBright", "gray"], ["bgGrey", "bgGray"], ["bgBlackBright", "bgGray"],
    ["faint", "dim"], ["crossedout", "strikethrough"], ["strikeThrough", "strikethrough"], ["crossedOut", "strikethrough"],
    ["conceal", "hidden"], ["swapColors", "inverse"], ["swapcolors", "inverse"], ["doubleUnderline", "doubleunderline"]]) {
    Object.defineProperty(colors, alias, {
        get() {
            return this[name];
        },
        set(value) {
            Object.defineProperty(this, alias, { value, writable: true, enumerable: true, configurable: true });
        },
        configurable: true,
        enumerable: false,
    });
}

const styles = Object.assign(Object.create(null), {
    special: "cyan", number: "yellow", bigint: "yellow", boolean: "yellow", undefined: "grey", null: "bold",
    string: "green", symbol: "green", date: "magenta", regexp: "red", module: "underline",
});

function stylizeNoColor(text) {
    return text;
}

function stylizeWithColor(text, styleType) {
    const style = inspect.styles[styleType];
    const color = style === undefined ? undefined : inspect.colors[style];
    return color === undefined ? text : `\u001b[${color[0]}m${text}\u001b[${color[1]}m`;
}

const vtControlPattern = /[\u001b\u009b](?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])|\u009b[0-?]*[ -/]*[@-~]/g;

function stripVTControlCharacters(text) {
    if (typeof text !== "string") {
        throw invalidArgType("str", "of type string", text);
    }
    return text.replace(vtControlPattern, "");
}

function isFullWidth(code) {
    return code >= 0x1100 && (code <= 0x115f || code === 0x2329 || code === 0x232a ||
        (code >= 0x2e80 && code <= 0x3247 && code !== 0x303f) || (code >= 0x3250 && code <= 0x4dbf) ||
        (code >= 0x4e00 && code <= 0xa4c6) || (code >= 0xa960 && code <= 0xa97c) || (code >= 0xac00 && code <= 0xd7a3) ||
        (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe10 && code <= 0xfe19) || (code >= 0xfe30 && code <= 0xfe6b) ||
        (code >= 0xff01 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x1b000 && code <= 0x1b001) ||
        (code >= 0x1f200 && code <= 0x1f251) || (code >= 0x1f300 && code <= 0x1f64f) || (code >= 0x20000 && code <= 0x3fffd));
}

function isZeroWidth(code) {
    return code <= 0x1f || (code >= 0x7f && code <= 0x9f) || (code >= 0x300 && code <= 0x36f) ||
        (code >= 0x200b && code <= 0x200f) || (code >= 0x20d0 && code <= 0x20ff) || (code >= 0xfe00 && code <= 0xfe0f) ||
        (code >= 0xfe20 && code <= 0xfe2f) || (code >= 0xe0100 && code <= 0xe01ef);
}

// Columns a string takes in a terminal (wide East Asian characters count twice, combining marks not at all).
function stringWidth(text, withColors) {
    if (withColors) {
        text = text.replace(vtControlPattern, "");
    }
    let width = 0;
    for (const char of text) {
        const code = char.codePointAt(0);
        if (isFullWidth(code)) {
            width += 2;
        } else if (!isZeroWidth(code)) {
            width++;
        }
    }
    return width;
}

const escapeNames = { 8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r" };

function escapeChar(char) {
    const code = char.charCodeAt(0);
    if (escapeNames[code] !== undefined) {
        return escapeNames[code];
    }
    if (code < 0x100) {
        return `\\x${code.toString(16).toUpperCase().padStart(2, "0")}`;
    }
    return `\\u${code.toString(16)}`;
}

const loneSurrogate = "[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]";
const escapeWithSingle = new RegExp(`[\\x00-\\x1f\\x27\\x5c\\x7f-\\x9f]|${loneSurrogate}`, "g");
const escapeOther = new RegExp(`[\\x00-\\x1f\\x5c\\x7f-\\x9f]|${loneSurrogate}`, "g");

// A string literal as node shows it: single quotes, unless the text holds ' (then " or `).
function quoteString(text) {
    let quote = "'";
    if (text.includes("'")) {
        if (!text.includes('"')) {
            quote = '"';
        } else if (!text.includes("`") && !text.includes("${")) {
            quote = "`";
        }
    }
    const pattern = quote === "'" ? escapeWithSingle : escapeOther;
    pattern.lastIndex = 0;
    const escaped = text.replace(pattern, (char) => (char === "'" ? "\\'" : escapeChar(char)));
    return `${quote}${escaped}${quote}`;
}

function addSeparators(digits, fromStart) {
    let out = "";
    if (fromStart) {
        for (let i = 0; i < digits.length; i += 3) {
            out += (i === 0 ? "" : "_") + digits.slice(i, i + 3);
        }
        return out;
    }
    const sign = digits[0] === "-" ? "-" : "";
    const body = sign ? digits.slice(1) : digits;
    for (let end = body.length; end > 0; end -= 3) {
        out = body.slice(Math.max(0, end - 3), end) + (out === "" ? "" : `_${out}`);
    }
    return sign + out;
}

function formatNumber(stylize, number, numericSeparator) {
    if (Object.is(number, -0)) {
        return stylize("-0", "number");
    }
    const text = `${number}`;
    if (!numericSeparator || !Number.isFinite(number) || text.includes("e")) {
        return stylize(text, "number");
    }
    const dot = text.indexOf(".");
    if (dot === -1) {
        return stylize(addSeparators(text, false), "number");
    }
    return stylize(`${addSeparators(text.slice(0, dot), false)}.${addSeparators(text.slice(dot + 1), true)}`, "number");
}

function formatBigInt(stylize, bigint, numericSeparator) {
    const text = `${bigint}`;
    return stylize(`${numericSeparator ? addSeparators(text, false) : text}n`, "bigint");
}

function formatPrimitive(stylize, value, ctx) {
    switch (typeof value) {
        case "string": {
            let trailer = "";
            if (value.length > ctx.maxStringLength) {
                const remaining = value.length - ctx.maxStringLength;
                value = value.slice(0, ctx.maxStringLength);
                trailer = `... ${remaining} more character${remaining > 1 ? "s" : ""}`;
            }
            if (ctx.compact !== true && value.length > MIN_LINE_WIDTH && value.length > ctx.breakLength - ctx.indentationLvl - 4) {
                return value.split(/(?<=\n)/).map((line) => stylize(quoteString(line), "string"))
                    .join(` +\n${" ".repeat(ctx.indentationLvl + 2)}`) + trailer;
            }
            return stylize(quoteString(value), "string") + trailer;
        }
        case "number":
            return formatNumber(stylize, value, ctx.numericSeparator);
        case "bigint":
            return formatBigInt(stylize, value, ctx.numericSeparator);
        case "boolean":
            return stylize(`${value}`, "boolean");
        case "undefined":
            return stylize("undefined", "undefined");
        default:
            return stylize(Symbol.prototype.toString.call(value), "symbol");
    }
}

function isInstanceof(value, constructor) {
    try {
        return value instanceof constructor;
    } catch {
        return false;
    }
}

// The name node shows for an object: the first constructor up the prototype chain that the object is an instance
// of; null for a null-prototype object.
function constructorNameOf(value, ctx, recurseTimes) {
    let firstProto;
    let object = value;
    while (object !== null && object !== undefined) {
        const descriptor = Object.getOwnPropertyDescriptor(object, "constructor");
        if (descriptor !== undefined && typeof descriptor.value === "function" && descriptor.value.name !== "" &&
            isInstanceof(value, descriptor.value)) {
            return String(descriptor.value.name);
        }
        object = Object.getPrototypeOf(object);
        if (firstProto === undefined) {
            firstProto = object;
        }
    }
    if (firstProto === null) {
        return null;
    }
    const builtin = tagOf(value);
    if (ctx.depth !== null && recurseTimes > ctx.depth) {
        return `${builtin} <Complex prototype>`;
    }
    const protoName = constructorNameOf(firstProto, ctx, recurseTimes + 1);
    if (protoName === null) {
        return `${builtin} <${inspect(firstProto, { ...ctx, customInspect: false, depth: -1 })}>`;
    }
    return `${builtin} <${protoName}>`;
}

function prefixOf(constructor, tag, fallback, size = "") {
    if (constructor === null) {
        if (tag !== "" && fallback !== tag) {
            return `[${fallback}${size}: null prototype] [${tag}] `;
        }
        return `[${fallback}${size}: null prototype] `;
    }
    if (tag !== "" && constructor !== tag) {
        return `${constructor}${size} [${tag}] `;
    }
    return `${constructor}${size} `;
}

function ownKeys(value, showHidden) {
    const symbols = Object.getOwnPropertySymbols(value);
    let keys;
    if (showHidden) {
        keys = Object.getOwnPropertyNames(value);
        keys.push(...symbols);
    } else {
        keys = Object.keys(value);
        for (const symbol of symbols) {
            if (propertyIsEnumerable(value, symbol)) {
                keys.push(symbol);
            }
        }
    }
    return keys;
}

function isArrayIndex(key) {
    return typeof key === "string" && /^(?:0|[1-9][0-9]*)$/.test(key) && Number(key) < 4294967295;
}

function nonIndexKeys(value, showHidden) {
    return ownKeys(value, showHidden).filter((key) => !isArrayIndex(key));
}

const identifierKey = /^[a-zA-Z_][a-zA-Z_0-9]*$/;

function formatGetter(ctx, descriptor, holder, recurseTimes) {
    const label = descriptor.set !== undefined ? "Getter/Setter" : "Getter";
    const s = ctx.stylize;
    const getters = ctx.getters;
    if (!getters || !(getters === true || (getters === "get" && descriptor.set === undefined) ||
        (getters === "set" && descriptor.set !== undefined))) {
        return s(`[${label}]`, "special");
    }
    try {
        const result = descriptor.get.call(holder);
        ctx.indentationLvl += 2;
        let text;
        if (result === null) {
            text = `${s(`[${label}:`, "special")} ${s("null", "null")}${s("]", "special")}`;
        } else if (typeof result === "object") {
            text = `${s(`[${label}]`, "special")} ${formatValue(ctx, result, recurseTimes)}`;
        } else {
            text = `${s(`[${label}:`, "special")} ${formatPrimitive(s, result, ctx)}${s("]", "special")}`;
        }
        ctx.indentationLvl -= 2;
        return text;
    } catch (error) {
        return `${s(`[${label}:`, "special")} <Inspection threw (${error.message})>${s("]", "special")}`;
    }
}

function formatProperty(ctx, holder, recurseTimes, key, entryType) {
    const descriptor = Object.getOwnPropertyDescriptor(holder, key) || { value: holder[key], enumerable: true };
    let text;
    let separator = " ";
    if (descriptor.value !== undefined) {
        const diff = ctx.compact !== true || entryType !== OBJECT_ENTRIES ? 2 : 3;
        ctx.indentationLvl += diff;
        text = formatValue(ctx, descriptor.value, recurseTimes);
        if (diff === 3 && ctx.breakLength < stringWidth(text, ctx.colors)) {
            separator = `\n${" ".repeat(ctx.indentationLvl)}`;
        }
        ctx.indentationLvl -= diff;
    } else if (descriptor.get !== undefined) {
        text = formatGetter(ctx, descriptor, holder, recurseTimes);
    } else if (descriptor.set !== undefined) {
        text = ctx.stylize("[Setter]", "special");
    } else {
        text = ctx.stylize("undefined", "undefined");
    }
    if (entryType === ARRAY_VALUE) {
        return text;
    }
    let name;
    if (typeof key === "symbol") {
        name = `[${ctx.stylize(Symbol.prototype.toString.call(key), "symbol")}]`;
    } else if (key === "__proto__") {
        name = "['__proto__']";
    } else if (descriptor.enumerable === false) {
        name = `[${key.replace(escapeOther, escapeChar)}]`;
    } else if (identifierKey.test(key)) {
        name = ctx.stylize(key, "name");
    } else {
        name = ctx.stylize(quoteString(key), "string");
    }
    return `${name}:${separator}${text}`;
}

function moreItems(remaining) {
    return `... ${remaining} more item${remaining > 1 ? "s" : ""}`;
}

function formatArrayEntries(ctx, array, recurseTimes) {
    const length = array.length;
    const output = [];
    let present;
    let i = 0;
    while (i < length && output.length < ctx.maxArrayLength) {
        if (hasOwn(array, i)) {
            output.push(formatProperty(ctx, array, recurseTimes, i, ARRAY_VALUE));
            i++;
            continue;
        }
        // A hole: jump to the next present index instead of walking what may be a huge empty range.
        present ??= Object.keys(array).filter(isArrayIndex).map(Number);
        const next = present.find((index) => index > i) ?? length;
        const holes = Math.min(next, length) - i;
        output.push(ctx.stylize(`<${holes} empty item${holes > 1 ? "s" : ""}>`, "undefined"));
        i += holes;
    }
    if (i < length) {
        output.push(moreItems(length - i));
    }
    return output;
}

function formatTypedArrayEntries(ctx, array, recurseTimes) {
    const length = array.length;
    const shown = Math.min(Math.max(0, ctx.maxArrayLength), length);
    const output = new Array(shown);
    const format = typeof array[0] === "bigint" ? formatBigInt : formatNumber;
    for (let i = 0; i < shown; i++) {
        output[i] = format(ctx.stylize, array[i], ctx.numericSeparator);
    }
    if (length > shown) {
        output.push(moreItems(length - shown));
    }
    if (ctx.showHidden) {
        ctx.indentationLvl += 2;
        for (const key of ["BYTES_PER_ELEMENT", "length", "byteLength", "byteOffset", "buffer"]) {
            output.push(`[${key}]: ${formatValue(ctx, array[key], recurseTimes, true)}`);
        }
        ctx.indentationLvl -= 2;
    }
    return output;
}

function formatArrayBufferContents(ctx, buffer) {
    let bytes;
    try {
        bytes = new Uint8Array(buffer);
    } catch {
        return [ctx.stylize("(detached)", "special")];
    }
    const shown = Math.min(ctx.maxArrayLength, bytes.length);
    let hex = "";
    for (let i = 0; i < shown; i++) {
        hex += (i === 0 ? "" : " ") + (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    }
    const remaining = bytes.length - shown;
    if (remaining > 0) {
        hex += ` ... ${remaining} more byte${remaining > 1 ? "s" : ""}`;
    }
    return [`${ctx.stylize("[Uint8Contents]", "special")}: <${hex}>`];
}

const setSize = getterOf(Set.prototype, "size");
const mapSize = getterOf(Map.prototype, "size");
const setValues = uncurry(Set.prototype.values);
const mapEntries = uncurry(Map.prototype.entries);

// The built-in iterators are used so that subclasses and null-prototype collections show their real contents.
function formatSetEntries(ctx, set, recurseTimes) {
    const output = [];
    const size = setSize(set);
    const shown = Math.min(Math.max(0, ctx.maxArrayLength), size);
    ctx.indentationLvl += 2;
    for (const value of setValues(set)) {
        if (output.length >= shown) {
            break;
        }
        output.push(formatValue(ctx, value, recurseTimes));
    }
    if (size > shown) {
        output.push(moreItems(size - shown));
    }
    ctx.indentationLvl -= 2;
    return output;
}

function formatMapEntries(ctx, map, recurseTimes) {
    const output = [];
    const size = mapSize(map);
    const shown = Math.min(Math.max(0, ctx.maxArrayLength), size);
    ctx.indentationLvl += 2;
    for (const [key, value] of mapEntries(map)) {
        if (output.length >= shown) {
            break;
        }
        output.push(`${formatValue(ctx, key, recurseTimes)} => ${formatValue(ctx, value, recurseTimes)}`);
    }
    if (size > shown) {
        output.push(moreItems(size - shown));
    }
    ctx.indentationLvl -= 2;
    return output;
}

// QuickJS cannot read a promise's state; a `native.promiseState(p)` -> { state, value } is used when the host has one.
function formatPromiseEntries(ctx, promise, recurseTimes) {
    const inspected = typeof native.promiseState === "function" ? native.promiseState(promise) : undefined;
    if (inspected === undefined || inspected.state === "pending") {
        return [ctx.stylize("<pending>", "special")];
    }
    ctx.indentationLvl += 2;
    const text = formatValue(ctx, inspected.value, recurseTimes);
    ctx.indentationLvl -= 2;
    return [inspected.state === "rejected" ? `${ctx.stylize("<rejected>", "special")} ${text}` : text];
}

// The web platform's URL and URLSearchParams shown as node's own classes show themselves.
const urlAttributes = ["href", "origin", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search",
    "searchParams", "hash"];

function formatSearchParams(ctx, params) {
    return Array.from(URLSearchParams.prototype.entries.call(params), ([key, value]) => `${quoteString(key)} => ${quoteString(value)}`);
}

function noEntries() {
    return [];
}

function functionBase(value, constructor, tag) {
    let source = "";
    try {
        source = Function.prototype.toString.call(value);
    } catch {
        source = "";
    }
    if (source.startsWith("class") && source.endsWith("}")) {
        const name = (hasOwn(value, "name") && value.name) || "(anonymous)";
        let base = `class ${name}`;
        if (constructor !== "Function" && constructor !== null) {
            base += ` [${constructor}]`;
        }
        if (tag !== "" && constructor !== tag) {
            base += ` [${tag}]`;
        }
        if (constructor === null) {
            base += " extends [null prototype]";
        } else {
            const superName = Object.getPrototypeOf(value).name;
            if (superName) {
                base += ` extends ${superName}`;
            }
        }
        return `[${base}]`;
    }
    let type = "Function";
    if (isGeneratorFunction(value)) {
        type = `Generator${type}`;
    }
    if (isAsyncFunction(value)) {
        type = `Async${type}`;
    }
    let base = `[${type}`;
    if (constructor === null) {
        base += " (null prototype)";
    }
    base += value.name === "" ? " (anonymous)" : `: ${value.name}`;
    base += "]";
    if (constructor !== type && constructor !== null) {
        base += ` ${constructor}`;
    }
    if (tag !== "" && constructor !== tag) {
        base += ` [${tag}]`;
    }
    return base;
}

function errorToString(error) {
    try {
        return Error.prototype.toString.call(error);
    } catch {
        return "Error";
    }
}

// The first line V8 gives a stack: "Name: message", or "Name [CODE]: message" for node's coded errors (whose
// toString says so).
function stackHeader(error) {
    if (typeof error.code === "string") {
        try {
            const text = String(error);
            if (text.startsWith(`${error.name} [${error.code}]`)) {
                return text;
            }
        } catch {
            // A throwing toString leaves the plain header.
        }
    }
    return errorToString(error);
}

// The stack as V8 writes it: header, then "    at ..." lines. QuickJS's stack holds only the frames, so the
// header is added in front of them; a plain header is replaced by the coded one.
function errorStack(error) {
    let stack;
    try {
        stack = error.stack;
    } catch {
        stack = undefined;
    }
    if (!stack) {
        return errorToString(error);
    }
    stack = String(stack);
    const header = stackHeader(error);
    if (/^\s+at /.test(stack)) {
        return `${header}\n${stack.replace(/\n+$/, "")}`;
    }
    const plain = errorToString(error);
    return header !== plain && stack.startsWith(plain) ? header + stack.slice(plain.length) : stack;
}

function formatError(error, constructor, tag, ctx, keys) {
    const name = error.name != null ? String(error.name) : "Error";
    let stack = errorStack(error);
    if (!ctx.showHidden && keys.length !== 0) {
        for (const key of ["name", "message", "stack"]) {
            const index = keys.indexOf(key);
            if (index !== -1 && stack.includes(error[key])) {
                keys.splice(index, 1);
            }
        }
    }
    if ("cause" in error && !keys.includes("cause")) {
        keys.push("cause");
    }
    if (Array.isArray(error.errors) && !keys.includes("errors")) {
        keys.push("errors");
    }
    stack = improveErrorName(stack, constructor, name, tag);
    let messageEnd = (error.message && stack.indexOf(error.message)) || -1;
    if (messageEnd !== -1) {
        messageEnd += error.message.length;
    }
    if (stack.indexOf("\n    at", messageEnd) === -1) {
        stack = `[${stack}]`;
    }
    if (ctx.indentationLvl !== 0) {
        stack = stack.replaceAll("\n", `\n${" ".repeat(ctx.indentationLvl)}`);
    }
    return stack;
}

// Puts the constructor's name in the stack's first line when it is not already there ("Foo [Error]: ...").
function improveErrorName(stack, constructor, name, tag) {
    let length = name.length;
    if (constructor === null || (name.endsWith("Error") && stack.startsWith(name) &&
        (stack.length === length || stack[length] === ":" || stack[length] === "\n"))) {
        let fallback = "Error";
        if (constructor === null) {
            const start = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n\s+at)/.exec(stack) || /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
            fallback = (start && start[1]) || "";
            length = fallback.length;
            fallback = fallback || "Error";
        }
        const prefix = prefixOf(constructor, tag, fallback).slice(0, -1);
        if (name !== prefix) {
            if (prefix.includes(name)) {
                stack = length === 0 ? `${prefix}: ${stack}` : `${prefix}${stack.slice(length)}`;
            } else {
                stack = `${prefix} [${name}]${stack.slice(length)}`;
            }
        }
    }
    return stack;
}

function boxedBase(value, ctx, keys, constructor, tag) {
    let type;
    let primitive;
    if (isNumberObject(value)) {
        type = "Number";
        primitive = Number.prototype.valueOf.call(value);
    } else if (isStringObject(value)) {
        type = "String";
        primitive = String.prototype.valueOf.call(value);
        keys.splice(0, primitive.length);
    } else if (isBooleanObject(value)) {
        type = "Boolean";
        primitive = Boolean.prototype.valueOf.call(value);
    } else if (isBigIntObject(value)) {
        type = "BigInt";
        primitive = BigInt.prototype.valueOf.call(value);
    } else {
        type = "Symbol";
        primitive = Symbol.prototype.valueOf.call(value);
    }
    let base = `[${type}`;
    if (type !== constructor) {
        base += constructor === null ? " (null prototype)" : ` (${constructor})`;
    }
    base += `: ${formatPrimitive(stylizeNoColor, primitive, ctx)}]`;
    if (tag !== "" && tag !== constructor) {
        base += ` [${tag}]`;
    }
    if (keys.length !== 0 || ctx.stylize === stylizeNoColor) {
        return base;
    }
    return ctx.stylize(base, type.toLowerCase());
}

function toStringTagOf(value, ctx) {
    let tag;
    try {
        tag = value[Symbol.toStringTag];
    } catch {
        return "";
    }
    if (typeof tag !== "string" || (tag !== "" && (ctx.showHidden ? hasOwn : propertyIsEnumerable)(value, Symbol.toStringTag))) {
        return "";
    }
    return tag;
}

// How `value` is laid out: the entries formatter, the keys, braces and base text, or the finished text when there
// is nothing inside to show.
function describeObject(ctx, value, recurseTimes, typedArray, constructor, tag) {
    const layout = { keys: undefined, braces: undefined, base: "", formatter: noEntries, entryType: OBJECT_ENTRIES };
    if (Array.isArray(value)) {
        const prefix = constructor !== "Array" || tag !== "" ? prefixOf(constructor, tag, "Array", `(${value.length})`) : "";
        layout.keys = nonIndexKeys(value, ctx.showHidden);
        layout.braces = [`${prefix}[`, "]"];
        if (value.length === 0 && layout.keys.length === 0) {
            return `${layout.braces[0]}]`;
        }
        layout.entryType = ARRAY_ENTRIES;
        layout.formatter = formatArrayEntries;
        return layout;
    }
    if (isSet(value) || isMap(value)) {
        const set = isSet(value);
        const size = set ? setSize(value) : mapSize(value);
        const prefix = prefixOf(constructor, tag, set ? "Set" : "Map", `(${size})`);
        layout.keys = ownKeys(value, ctx.showHidden);
        layout.formatter = set ? formatSetEntries : formatMapEntries;
        if (size === 0 && layout.keys.length === 0) {
            return `${prefix}{}`;
        }
        layout.braces = [`${prefix}{`, "}"];
        return layout;
    }
    if (isTypedArray(value)) {
        layout.keys = nonIndexKeys(value, ctx.showHidden);
        const fallback = constructor === null ? typedArrayTag(value) : "";
        const prefix = prefixOf(constructor, tag, fallback, `(${value.length})`);
        layout.braces = [`${prefix}[`, "]"];
        if (value.length === 0 && layout.keys.length === 0 && !ctx.showHidden) {
            return `${layout.braces[0]}]`;
        }
        layout.formatter = formatTypedArrayEntries;
        layout.entryType = ARRAY_ENTRIES;
        return layout;
    }
    layout.keys = ownKeys(value, ctx.showHidden);
    layout.braces = ["{", "}"];
    const keys = layout.keys;
    if (typeof value === "function") {
        layout.base = functionBase(value, constructor, tag);
        return keys.length === 0 ? ctx.stylize(layout.base, "special") : layout;
    }
    if (constructor === "Object") {
        if (types.isArgumentsObject(value)) {
            layout.braces[0] = "[Arguments] {";
        } else if (tag !== "") {
            layout.braces[0] = `${prefixOf(constructor, tag, "Object")}{`;
        }
        return keys.length === 0 ? `${layout.braces[0]}}` : layout;
    }
    if (isRegExp(value)) {
        layout.base = RegExp.prototype.toString.call(constructor !== null ? value : new RegExp(value));
        const prefix = prefixOf(constructor, tag, "RegExp");
        if (prefix !== "RegExp ") {
            layout.base = `${prefix}${layout.base}`;
        }
        if (keys.length === 0 || (ctx.depth !== null && recurseTimes > ctx.depth)) {
            return ctx.stylize(layout.base, "regexp");
        }
        return layout;
    }
    if (isDate(value)) {
        const time = Date.prototype.getTime.call(value);
        layout.base = Number.isNaN(time) ? Date.prototype.toString.call(value) : Date.prototype.toISOString.call(value);
        const prefix = prefixOf(constructor, tag, "Date");
        if (prefix !== "Date ") {
            layout.base = `${prefix}${layout.base}`;
        }
        return keys.length === 0 ? ctx.stylize(layout.base, "date") : layout;
    }
    if (isNativeError(value)) {
        layout.base = formatError(value, constructor, tag, ctx, keys);
        return keys.length === 0 ? layout.base : layout;
    }
    if (isAnyArrayBuffer(value)) {
        const prefix = prefixOf(constructor, tag, isArrayBuffer(value) ? "ArrayBuffer" : "SharedArrayBuffer");
        if (typedArray === undefined) {
            layout.formatter = formatArrayBufferContents;
        } else if (keys.length === 0) {
            return `${prefix}{ byteLength: ${formatNumber(ctx.stylize, value.byteLength, false)} }`;
        }
        layout.braces[0] = `${prefix}{`;
        keys.unshift("byteLength");
        return layout;
    }
    if (isDataView(value)) {
        layout.braces[0] = `${prefixOf(constructor, tag, "DataView")}{`;
        keys.unshift("byteLength", "byteOffset", "buffer");
        return layout;
    }
    if (isPromise(value)) {
        layout.braces[0] = `${prefixOf(constructor, tag, "Promise")}{`;
        layout.formatter = formatPromiseEntries;
        return layout;
    }
    if (isWeakSet(value) || isWeakMap(value)) {
        layout.braces[0] = `${prefixOf(constructor, tag, isWeakSet(value) ? "WeakSet" : "WeakMap")}{`;
        layout.formatter = (c) => [c.stylize("<items unknown>", "special")];
        return layout;
    }
    if (isBoxedPrimitive(value)) {
        layout.base = boxedBase(value, ctx, keys, constructor, tag);
        return keys.length === 0 ? layout.base : layout;
    }
    if (typeof URL === "function" && value instanceof URL) {
        // Past the depth limit node shows an empty URL, and "[Object]" for search params.
        if (ctx.depth !== null && recurseTimes > ctx.depth) {
            return `${prefixOf(constructor, tag, "URL")}{}`;
        }
        layout.braces[0] = `${prefixOf(constructor, tag, "URL")}{`;
        keys.unshift(...urlAttributes);
        return layout;
    }
    if (typeof URLSearchParams === "function" && value instanceof URLSearchParams) {
        if (ctx.depth !== null && recurseTimes > ctx.depth) {
            return ctx.stylize("[Object]", "special");
        }
        const prefix = prefixOf(constructor, tag, "URLSearchParams");
        layout.formatter = formatSearchParams;
        if (keys.length === 0 && formatSearchParams(ctx, value).length === 0) {
            return `${prefix}{}`;
        }
        layout.braces[0] = `${prefix}{`;
        return layout;
    }
    if (keys.length === 0) {
        return `${prefixOf(constructor, tag, "Object")}{}`;
    }
    layout.braces[0] = `${prefixOf(constructor, tag, "Object")}{`;
    return layout;
}

function formatRaw(ctx, value, recurseTimes, typedArray) {
    const constructor = constructorNameOf(value, ctx, recurseTimes);
    const tag = toStringTagOf(value, ctx);
    const layout = describeObject(ctx, value, recurseTimes, typedArray, constructor, tag);
    if (typeof layout === "string") {
        return layout;
    }
    if (ctx.depth !== null && recurseTimes > ctx.depth) {
        let name = prefixOf(constructor, tag, "Object").slice(0, -1);
        if (constructor !== null) {
            name = `[${name}]`;
        }
        return ctx.stylize(name, "special");
    }
    recurseTimes += 1;
    ctx.seen.push(value);
    ctx.currentDepth = recurseTimes;
    const { keys, braces, entryType } = layout;
    let base = layout.base;
    const output = layout.formatter(ctx, value, recurseTimes);
    for (const key of keys) {
        output.push(formatProperty(ctx, value, recurseTimes, key, entryType));
    }
    if (ctx.circular !== undefined) {
        const index = ctx.circular.get(value);
        if (index !== undefined) {
            const reference = ctx.stylize(`<ref *${index}>`, "special");
            if (ctx.compact !== true) {
                base = base === "" ? reference : `${reference} ${base}`;
            } else {
                braces[0] = `${reference} ${braces[0]}`;
            }
        }
    }
    ctx.seen.pop();
    if (ctx.sorted) {
        sortOutput(ctx, output, entryType, keys.length);
    }
    return reduceToSingleString(ctx, output, base, braces, entryType, recurseTimes, value);
}

function sortOutput(ctx, output, entryType, keyCount) {
    const comparator = ctx.sorted === true ? undefined : ctx.sorted;
    if (entryType === OBJECT_ENTRIES) {
        output.sort(comparator);
    } else if (keyCount > 1) {
        const sorted = output.slice(output.length - keyCount).sort(comparator);
        output.splice(output.length - keyCount, keyCount, ...sorted);
    }
}

// Lays short array entries out in aligned columns, as node does for arrays of more than six entries.
function groupArrayElements(ctx, output, value) {
    let totalLength = 0;
    let maxLength = 0;
    let outputLength = output.length;
    if (ctx.maxArrayLength < output.length) {
        outputLength--;
    }
    const separatorSpace = 2;
    const dataLength = new Array(outputLength);
    for (let i = 0; i < outputLength; i++) {
        const length = stringWidth(output[i], ctx.colors);
        dataLength[i] = length;
        totalLength += length + separatorSpace;
        if (maxLength < length) {
            maxLength = length;
        }
    }
    const actualMax = maxLength + separatorSpace;
    if (actualMax * 3 + ctx.indentationLvl >= ctx.breakLength || (totalLength / actualMax <= 5 && maxLength > 6)) {
        return output;
    }
    const averageBias = Math.sqrt(actualMax - totalLength / output.length);
    const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
    const columns = Math.min(
        Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
        Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
        ctx.compact * 4,
        15,
    );
    if (columns <= 1) {
        return output;
    }
    const columnWidths = [];
    for (let column = 0; column < columns; column++) {
        let width = 0;
        for (let j = column; j < output.length; j += columns) {
            if (dataLength[j] > width) {
                width = dataLength[j];
            }
        }
        columnWidths.push(width + separatorSpace);
    }
    let padStart = value !== undefined;
    if (padStart) {
        for (let i = 0; i < output.length; i++) {
            if (typeof value[i] !== "number" && typeof value[i] !== "bigint") {
                padStart = false;
                break;
            }
        }
    }
    const grouped = [];
    for (let i = 0; i < outputLength; i += columns) {
        const end = Math.min(i + columns, outputLength);
        let line = "";
        let j = i;
        for (; j < end - 1; j++) {
            const padding = columnWidths[j - i] + output[j].length - dataLength[j];
            line += padStart ? `${output[j]}, `.padStart(padding, " ") : `${output[j]}, `.padEnd(padding, " ");
        }
        if (padStart) {
            const padding = columnWidths[j - i] + output[j].length - dataLength[j] - separatorSpace;
            line += output[j].padStart(padding, " ");
        } else {
            line += output[j];
        }
        grouped.push(line);
    }
    if (ctx.maxArrayLength < output.length) {
        grouped.push(output[outputLength]);
    }
    return grouped;
}

function isBelowBreakLength(ctx, output, start, base) {
    let totalLength = output.length + start;
    if (totalLength + output.length > ctx.breakLength) {
        return false;
    }
    for (const entry of output) {
        totalLength += ctx.colors ? entry.replace(vtControlPattern, "").length : entry.length;
        if (totalLength > ctx.breakLength) {
            return false;
        }
    }
    return base === "" || !base.includes("\n");
}

function reduceToSingleString(ctx, output, base, braces, entryType, recurseTimes, value) {
    const basePrefix = base ? `${base} ` : "";
    if (ctx.compact !== true) {
        if (typeof ctx.compact === "number" && ctx.compact >= 1) {
            const entries = output.length;
            if (entryType === ARRAY_ENTRIES && entries > 6) {
                output = groupArrayElements(ctx, output, value);
            }
            if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
                const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
                if (isBelowBreakLength(ctx, output, start, base)) {
                    const joined = output.join(", ");
                    if (!joined.includes("\n")) {
                        return `${basePrefix}${braces[0]} ${joined} ${braces[1]}`;
                    }
                }
            }
        }
        const indentation = `\n${" ".repeat(ctx.indentationLvl)}`;
        return `${basePrefix}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
    }
    if (isBelowBreakLength(ctx, output, 0, base)) {
        return `${braces[0]}${base ? ` ${base}` : ""} ${output.join(", ")} ${braces[1]}`;
    }
    const indentation = " ".repeat(ctx.indentationLvl);
    const lead = base === "" && braces[0].length === 1 ? " " : `${base ? ` ${base}` : ""}\n${indentation}  `;
    return `${braces[0]}${lead}${output.join(`,\n${indentation}  `)} ${braces[1]}`;
}

function userOptionsOf(ctx) {
    const options = { stylize: ctx.stylize };
    for (const key of Object.keys(inspectDefaultOptions)) {
        options[key] = ctx[key];
    }
    return { ...options, ...ctx.userOptions };
}

function formatValue(ctx, value, recurseTimes, typedArray) {
    if (typeof value !== "object" && typeof value !== "function") {
        return formatPrimitive(ctx.stylize, value, ctx);
    }
    if (value === null) {
        return ctx.stylize("null", "null");
    }
    if (ctx.customInspect) {
        const custom = value[customInspectSymbol];
        if (typeof custom === "function" && custom !== inspect && !(value.constructor && value.constructor.prototype === value)) {
            const depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
            const result = custom.call(value, depth, userOptionsOf(ctx), inspect);
            if (result !== value) {
                if (typeof result !== "string") {
                    return formatValue(ctx, result, recurseTimes);
                }
                return result.replaceAll("\n", `\n${" ".repeat(ctx.indentationLvl)}`);
            }
        }
    }
    if (ctx.seen.includes(value)) {
        ctx.circular ??= new Map();
        let index = ctx.circular.get(value);
        if (index === undefined) {
            index = ctx.circular.size + 1;
            ctx.circular.set(value, index);
        }
        return ctx.stylize(`[Circular *${index}]`, "special");
    }
    return formatRaw(ctx, value, recurseTimes, typedArray);
}

function inspect(value, options) {
    const ctx = {
        ...inspectDefaultOptions,
        indentationLvl: 0,
        seen: [],
        currentDepth: 0,
        stylize: stylizeNoColor,
        circular: undefined,
        userOptions: undefined,
    };
    if (arguments.length > 1) {
        if (arguments.length > 2) {
            if (arguments[2] !== undefined) {
                ctx.depth = arguments[2];
            }
            if (arguments.length > 3 && arguments[3] !== undefined) {
                ctx.colors = arguments[3];
            }
        }
        if (typeof options === "boolean") {
            ctx.showHidden = options;
        } else if (options) {
            for (const key of Object.keys(options)) {
                if (hasOwn(inspectDefaultOptions, key) || key === "stylize") {
                    ctx[key] = options[key];
                } else if (ctx.userOptions === undefined) {
                    ctx.userOptions = options;
                }
            }
        }
    }
    if (ctx.colors) {
        ctx.stylize = stylizeWithColor;
    }
    if (ctx.maxArrayLength === null) {
        ctx.maxArrayLength = Infinity;
    }
    if (ctx.maxStringLength === null) {
        ctx.maxStringLength = Infinity;
    }
    return formatValue(ctx, value, 0);
}

inspect.custom = customInspectSymbol;
inspect.colors = colors;
inspect.styles = styles;

Object.defineProperty(inspect, "defaultOptions", {
    get() {
        return inspectDefaultOptions;
    },
    set(options) {
        if (options === null || typeof options !== "object") {
            throw invalidArgType("options", "of type object", options);
        }
        Object.assign(inspectDefaultOptions, options);
    },
});

// ---- format ----

const builtinConstructors = new Set(Object.getOwnPropertyNames(globalThis)
    .filter((name) => /^[A-Z][a-zA-Z0-9]+$/.test(name) && typeof globalThis[name] === "function"));

// Whether %s should inspect `value` rather than call its own toString (user classes overriding toString).
function hasBuiltinToString(value) {
    if (typeof value.toString !== "function") {
        return true;
    }
    if (hasOwn(value, "toString")) {
        return false;
    }
    let pointer = value;
    do {
        pointer = Object.getPrototypeOf(pointer);
    } while (!hasOwn(pointer, "toString"));
    const descriptor = Object.getOwnPropertyDescriptor(pointer, "constructor");
    return descriptor !== undefined && typeof descriptor.value === "function" && builtinConstructors.has(descriptor.value.name);
}

function jsonOrCircular(value) {
    try {
        return JSON.stringify(value);
    } catch (error) {
        if (error instanceof TypeError && /circular|cyclic/i.test(error.message)) {
            return "[Circular]";
        }
        throw error;
    }
}

function formatDirective(directive, argument, inspectOptions) {
    switch (directive) {
        case "s":
            if (typeof argument === "number") {
                return formatNumber(stylizeNoColor, argument, false);
            }
            if (typeof argument === "bigint") {
                return formatBigInt(stylizeNoColor, argument, false);
            }
            if (typeof argument !== "object" || argument === null || !hasBuiltinToString(argument)) {
                return String(argument);
            }
            return inspect(argument, { ...inspectOptions, depth: 0, colors: false, compact: 3 });
        case "j":
            return jsonOrCircular(argument);
        case "d":
        case "i":
            if (typeof argument === "bigint") {
                return formatBigInt(stylizeNoColor, argument, false);
            }
            if (typeof argument === "symbol") {
                return "NaN";
            }
            return formatNumber(stylizeNoColor, directive === "d" ? Number(argument) : Number.parseInt(argument), false);
        case "f":
            return typeof argument === "symbol" ? "NaN" : formatNumber(stylizeNoColor, Number.parseFloat(argument), false);
        case "O":
            return inspect(argument, inspectOptions);
        case "o":
            return inspect(argument, { ...inspectOptions, showHidden: true, showProxy: true, depth: 4 });
        default:
            return "";
    }
}

function formatWithOptionsInternal(inspectOptions, args) {
    const first = args[0];
    let used = 0;
    let text = "";
    let join = "";
    if (typeof first === "string") {
        if (args.length === 1) {
            return first;
        }
        let lastPos = 0;
        for (let i = 0; i < first.length - 1; i++) {
            if (first.charCodeAt(i) !== 37) {
                continue;
            }
            const directive = first[++i];
            if (used + 1 !== args.length) {
                if (directive === "%") {
                    text += first.slice(lastPos, i);
                    lastPos = i + 1;
                    continue;
                }
                if (!"sjdOoifc".includes(directive)) {
                    continue;
                }
                const piece = formatDirective(directive, args[++used], inspectOptions);
                if (lastPos !== i - 1) {
                    text += first.slice(lastPos, i - 1);
                }
                text += piece;
                lastPos = i + 1;
            } else if (directive === "%") {
                text += first.slice(lastPos, i);
                lastPos = i + 1;
            }
        }
        if (lastPos !== 0) {
            used++;
            join = " ";
            if (lastPos < first.length) {
                text += first.slice(lastPos);
            }
        }
    }
    while (used < args.length) {
        const value = args[used];
        text += join;
        text += typeof value !== "string" ? inspect(value, inspectOptions) : value;
        join = " ";
        used++;
    }
    return text;
}

function format(...args) {
    return formatWithOptionsInternal(undefined, args);
}

function formatWithOptions(inspectOptions, ...args) {
    if (inspectOptions === null || typeof inspectOptions !== "object") {
        throw invalidArgType("inspectOptions", "of type object", inspectOptions);
    }
    return formatWithOptionsInternal(inspectOptions, args);
}

// ---- functions ----

function validateFunction(value, name) {
    if (typeof value !== "function") {
        throw invalidArgType(name, "of type function", value);
    }
}

const promisifyCustom = Symbol.for("nodejs.util.promisify.custom");

function promisify(original) {
    validateFunction(original, "original");
    if (original[promisifyCustom]) {
        const custom = original[promisifyCustom];
        validateFunction(custom, "util.promisify.custom");
        return Object.defineProperty(custom, promisifyCustom, { value: custom, enumerable: false, writable: false, configurable: true });
    }
    function promisified(...args) {
        return new Promise((resolve, reject) => {
            Reflect.apply(original, this, [...args, (error, value) => (error ? reject(error) : resolve(value))]);
        });
    }
    Object.setPrototypeOf(promisified, Object.getPrototypeOf(original));
    Object.defineProperty(promisified, promisifyCustom, { value: promisified, enumerable: false, writable: false, configurable: true });
    return Object.defineProperties(promisified, Object.getOwnPropertyDescriptors(original));
}

promisify.custom = promisifyCustom;

function callbackify(original) {
    validateFunction(original, "original");
    function callbackified(...args) {
        const callback = args.pop();
        validateFunction(callback, "last argument");
        const onFulfilled = (value) => queueMicrotask(() => callback.call(this, null, value));
        const onRejected = (reason) => {
            if (!reason) {
                const wrapped = codedError(Error, "ERR_FALSY_VALUE_REJECTION", "Promise was rejected with falsy value");
                wrapped.reason = reason;
                reason = wrapped;
            }
            queueMicrotask(() => callback.call(this, reason));
        };
        Reflect.apply(original, this, args).then(onFulfilled, onRejected);
    }
    const descriptors = Object.getOwnPropertyDescriptors(original);
    if (typeof descriptors.length.value === "number") {
        descriptors.length.value++;
    }
    if (typeof descriptors.name.value === "string") {
        descriptors.name.value += "Callbackified";
    }
    Object.setPrototypeOf(callbackified, Object.getPrototypeOf(original));
    return Object.defineProperties(callbackified, descriptors);
}

function inherits(ctor, superCtor) {
    if (ctor === undefined || ctor === null) {
        throw invalidArgType("ctor", "of type function", ctor);
    }
    if (superCtor === undefined || superCtor === null) {
        throw invalidArgType("superCtor", "of type function", superCtor);
    }
    if (superCtor.prototype === undefined) {
        throw invalidArgType("superCtor.prototype", "of type object", superCtor.prototype);
    }
    Object.defineProperty(ctor, "super_", { value: superCtor, writable: true, configurable: true });
    Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

const warnedDeprecations = new Set();

function deprecate(fn, message, code) {
    if (code !== undefined && typeof code !== "string") {
        throw invalidArgType("code", "of type string", code);
    }
    let warned = false;
    function deprecated(...args) {
        if (!warned && !(code !== undefined && warnedDeprecations.has(code))) {
            warned = true;
            if (code !== undefined) {
                warnedDeprecations.add(code);
            }
            emitWarning(message, "DeprecationWarning", code);
        }
        return new.target ? Reflect.construct(fn, args, new.target) : Reflect.apply(fn, this, args);
    }
    Object.setPrototypeOf(deprecated, fn);
    if (fn.prototype) {
        deprecated.prototype = fn.prototype;
    }
    return deprecated;
}

function debuglog() {
    const logger = () => {};
    Object.defineProperty(logger, "enabled", { get: () => false, configurable: true, enumerable: true });
    return logger;
}

function isDeepStrictEqual(a, b) {
    return require("internal/comparisons").isDeepStrictEqual(a, b);
}

function toUSVString(value) {
    return String(value).toWellFormed();
}

// Colours only when asked not to check the stream, or for a stream that is a colour terminal (jscell has none);
// like node 20, an array of formats is applied without looking at the stream.
function styleText(format, text, { validateStream = true, stream = undefined } = {}) {
    if (typeof text !== "string") {
        throw invalidArgType("text", "of type string", text);
    }
    if (typeof validateStream !== "boolean") {
        throw invalidArgType("options.validateStream", "of type boolean", validateStream);
    }
    const formats = Array.isArray(format) ? format : [format];
    let opening = "";
    let closing = "";
    for (const name of formats) {
        const codes = typeof name === "string" && name !== "" ? colors[name] : undefined;
        if (codes === undefined) {
            throw invalidArgValue("format", name, `must be one of: ${Object.keys(colors).map((key) => `'${key}'`).join(", ")}`);
        }
        opening += `\u001b[${codes[0]}m`;
        closing = `\u001b[${codes[1]}m${closing}`;
    }
    const colorTerminal = stream?.isTTY === true && (typeof stream.getColorDepth !== "function" || stream.getColorDepth() > 2);
    return validateStream && !colorTerminal && !Array.isArray(format) ? text : `${opening}${text}${closing}`;
}

const systemErrors = [
    ["E2BIG", -7, "argument list too long"], ["EACCES", -13, "permission denied"], ["EADDRINUSE", -98, "address already in use"],
    ["EADDRNOTAVAIL", -99, "address not available"], ["EAGAIN", -11, "resource temporarily unavailable"],
    ["EBADF", -9, "bad file descriptor"], ["EBUSY", -16, "resource busy or locked"], ["ECANCELED", -125, "operation canceled"],
    ["ECONNABORTED", -103, "software caused connection abort"], ["ECONNREFUSED", -111, "connection refused"],
    ["ECONNRESET", -104, "connection reset by peer"], ["EEXIST", -17, "file already exists"], ["EFAULT", -14, "bad address in system call argument"],
    ["EFBIG", -27, "file too large"], ["EHOSTUNREACH", -113, "host is unreachable"], ["EINTR", -4, "interrupted system call"],
    ["EINVAL", -22, "invalid argument"], ["EIO", -5, "i/o error"], ["EISCONN", -106, "socket is already connected"],
    ["EISDIR", -21, "illegal operation on a directory"], ["ELOOP", -40, "too many symbolic links encountered"],
    ["EMFILE", -24, "too many open files"], ["EMSGSIZE", -90, "message too long"], ["ENAMETOOLONG", -36, "name too long"],
    ["ENETDOWN", -100, "network is down"], ["ENETUNREACH", -101, "network is unreachable"], ["ENFILE", -23, "file table overflow"],
    ["ENOBUFS", -105, "no buffer space available"], ["ENODEV", -19, "no such device"], ["ENOENT", -2, "no such file or directory"],
    ["ENOMEM", -12, "not enough memory"], ["ENOSPC", -28, "no space left on device"], ["ENOSYS", -38, "function not implemented"],
    ["ENOTCONN", -107, "socket is not connected"], ["ENOTDIR", -20, "not a directory"], ["ENOTEMPTY", -39, "directory not empty"],
    ["ENOTSOCK", -88, "socket operation on non-socket"], ["ENOTSUP", -95, "operation not supported on socket"],
    ["EPERM", -1, "operation not permitted"], ["EPIPE", -32, "broken pipe"], ["EPROTO", -71, "protocol error"],
    ["ERANGE", -34, "result too large"], ["EROFS", -30, "read-only file system"], ["ESPIPE", -29, "invalid seek"],
    ["ESRCH", -3, "no such process"], ["ETIMEDOUT", -110, "connection timed out"], ["ETXTBSY", -26, "text file is busy"],
    ["EXDEV", -18, "cross-device link not permitted"], ["EOF", -4095, "end of file"],
];

function getSystemErrorMap() {
    return new Map(systemErrors.map(([name, errno, message]) => [errno, [name, message]]));
}

function getSystemErrorName(errno) {
    if (typeof errno !== "number") {
        throw invalidArgType("err", "of type number", errno);
    }
    if (errno >= 0 || !Number.isSafeInteger(errno)) {
        throw outOfRange("err", "a negative integer", errno);
    }
    const known = systemErrors.find((entry) => entry[1] === errno);
    return known ? known[0] : `Unknown system error ${errno}`;
}

function aborted(signal, resource) {
    if (signal === null || typeof signal !== "object" || !("aborted" in signal)) {
        throw invalidArgType("signal", "an instance of AbortSignal", signal);
    }
    if (resource === null || (typeof resource !== "object" && typeof resource !== "function")) {
        throw invalidArgType("resource", "of type object", resource);
    }
    if (signal.aborted) {
        return Promise.resolve();
    }
    return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}

function extend(target, source) {
    if (source === null || typeof source !== "object") {
        return target;
    }
    for (const key of Object.keys(source)) {
        target[key] = source[key];
    }
    return target;
}

const isPrimitive = (value) => value === null || (typeof value !== "object" && typeof value !== "function");

function isBuffer(value) {
    return require("buffer").Buffer.isBuffer(value);
}

function log(...args) {
    const now = new Date();
    const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const time = [now.getHours(), now.getMinutes(), now.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
    console.log(`${now.getDate()} ${months[now.getMonth()]} ${time} - ${format(...args)}`);
}

module.exports = {
    _extend: deprecate(extend, "The `util._extend` API is deprecated. Please use Object.assign() instead.", "DEP0060"),
    callbackify,
    debug: debuglog,
    debuglog,
    deprecate,
    format,
    styleText,
    formatWithOptions,
    getSystemErrorMap,
    getSystemErrorName,
    inherits,
    inspect,
    isArray: Array.isArray,
    isBoolean: (value) => typeof value === "boolean",
    isBuffer,
    isDeepStrictEqual,
    isNull: (value) => value === null,
    isNullOrUndefined: (value) => value === null || value === undefined,
    isNumber: (value) => typeof value === "number",
    isString: (value) => typeof value === "string",
    isSymbol: (value) => typeof value === "symbol",
    isUndefined: (value) => value === undefined,
    isRegExp,
    isObject: (value) => value !== null && typeof value === "object",
    isDate,
    isError: (value) => isNativeError(value) || value instanceof Error,
    isFunction: (value) => typeof value === "function",
    isPrimitive,
    log,
    promisify,
    stripVTControlCharacters,
    toUSVString,
    transferableAbortSignal: (signal) => signal,
    transferableAbortController: () => new AbortController(),
    aborted,
    types,
    TextDecoder,
    TextEncoder,
};
