// internal/comparisons.js: node's deep equality, strict (assert.deepStrictEqual, util.isDeepStrictEqual) and loose
// (assert.deepEqual): same type tags, own enumerable keys in any order, Map/Set contents in any order, cycles.

const { types } = require("util");

const NO_ITERATOR = 0;
const IS_ARRAY = 1;
const IS_SET = 2;
const IS_MAP = 3;

const hasOwn = (value, key) => Object.prototype.hasOwnProperty.call(value, key);
const isEnumerable = (value, key) => Object.prototype.propertyIsEnumerable.call(value, key);
const tagOf = (value) => Object.prototype.toString.call(value);
const isPrimitive = (value) => value === null || typeof value !== "object";

function isIndex(key) {
    return typeof key === "string" && /^(?:0|[1-9][0-9]*)$/.test(key) && Number(key) < 4294967295;
}

// Own enumerable keys that are not indices (strict mode includes enumerable symbols).
function nonIndexKeys(value, strict) {
    const keys = Object.keys(value).filter((key) => !isIndex(key));
    if (strict) {
        for (const symbol of Object.getOwnPropertySymbols(value)) {
            if (isEnumerable(value, symbol)) {
                keys.push(symbol);
            }
        }
    }
    return keys;
}

function bytesOf(view) {
    return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

// Element by element: on bytes for an exact comparison, on float arrays for the loose one (0 equals -0, NaN
// differs from NaN).
function sameElements(a, b) {
    if (a.byteLength !== b.byteLength) {
        return false;
    }
    for (let i = 0; i < a.length; i++) {
        if (a[i] !== b[i]) {
            return false;
        }
    }
    return true;
}

function sameRegExp(a, b) {
    return a.source === b.source && a.flags === b.flags && a.lastIndex === b.lastIndex;
}

function sameBoxedPrimitive(a, b) {
    if (types.isNumberObject(a)) {
        return types.isNumberObject(b) && Object.is(Number.prototype.valueOf.call(a), Number.prototype.valueOf.call(b));
    }
    if (types.isStringObject(a)) {
        return types.isStringObject(b) && String.prototype.valueOf.call(a) === String.prototype.valueOf.call(b);
    }
    if (types.isBooleanObject(a)) {
        return types.isBooleanObject(b) && Boolean.prototype.valueOf.call(a) === Boolean.prototype.valueOf.call(b);
    }
    if (types.isBigIntObject(a)) {
        return types.isBigIntObject(b) && BigInt.prototype.valueOf.call(a) === BigInt.prototype.valueOf.call(b);
    }
    return types.isSymbolObject(b) && Symbol.prototype.valueOf.call(a) === Symbol.prototype.valueOf.call(b);
}

function isErrorLike(value) {
    return types.isNativeError(value) || value instanceof Error;
}

function isSpecial(value) {
    return Array.isArray(value) || ArrayBuffer.isView(value) || types.isSet(value) || types.isMap(value) || types.isDate(value) ||
        types.isRegExp(value) || types.isAnyArrayBuffer(value) || types.isBoxedPrimitive(value) || isErrorLike(value);
}

function innerDeepEqual(a, b, strict, memos) {
    if (a === b) {
        return a !== 0 || Object.is(a, b) || !strict;
    }
    if (strict) {
        if (typeof a !== "object") {
            return typeof a === "number" && Number.isNaN(a) && Number.isNaN(b);
        }
        if (typeof b !== "object" || a === null || b === null || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) {
            return false;
        }
    } else {
        if (isPrimitive(a)) {
            // Loose deep equality is defined with ==.
            return isPrimitive(b) && (a == b || (Number.isNaN(a) && Number.isNaN(b)));
        }
        if (isPrimitive(b)) {
            return false;
        }
    }
    if (tagOf(a) !== tagOf(b)) {
        return false;
    }
    if (Array.isArray(a)) {
        if (!Array.isArray(b) || a.length !== b.length) {
            return false;
        }
        const keys = nonIndexKeys(a, strict);
        if (keys.length !== nonIndexKeys(b, strict).length) {
            return false;
        }
        return keyCheck(a, b, strict, memos, IS_ARRAY, keys);
    }
    if (tagOf(a) === "[object Object]") {
        return keyCheck(a, b, strict, memos, NO_ITERATOR);
    }
    if (types.isDate(a)) {
        if (!types.isDate(b) || Date.prototype.getTime.call(a) !== Date.prototype.getTime.call(b)) {
            return false;
        }
    } else if (types.isRegExp(a)) {
        if (!types.isRegExp(b) || !sameRegExp(a, b)) {
            return false;
        }
    } else if (isErrorLike(a)) {
        if (!isErrorLike(b) || a.message !== b.message || a.name !== b.name) {
            return false;
        }
    } else if (ArrayBuffer.isView(a)) {
        return viewsEqual(a, b, strict, memos);
    } else if (types.isSet(a)) {
        if (!types.isSet(b) || a.size !== b.size) {
            return false;
        }
        return keyCheck(a, b, strict, memos, IS_SET);
    } else if (types.isMap(a)) {
        if (!types.isMap(b) || a.size !== b.size) {
            return false;
        }
        return keyCheck(a, b, strict, memos, IS_MAP);
    } else if (types.isAnyArrayBuffer(a)) {
        if (!types.isAnyArrayBuffer(b) || !sameElements(new Uint8Array(a), new Uint8Array(b))) {
            return false;
        }
    } else if (types.isBoxedPrimitive(a)) {
        if (!sameBoxedPrimitive(a, b)) {
            return false;
        }
    } else if (isSpecial(b)) {
        return false;
    }
    return keyCheck(a, b, strict, memos, NO_ITERATOR);
}

function viewsEqual(a, b, strict, memos) {
    if (!ArrayBuffer.isView(b)) {
        return false;
    }
    const floats = types.isFloat32Array(a) || types.isFloat64Array(a);
    if (!(!strict && floats ? sameElements(a, b) : sameElements(bytesOf(a), bytesOf(b)))) {
        return false;
    }
    const keys = nonIndexKeys(a, strict);
    if (keys.length !== nonIndexKeys(b, strict).length) {
        return false;
    }
    return keyCheck(a, b, strict, memos, NO_ITERATOR, keys);
}

function enumerableSymbols(value) {
    return Object.getOwnPropertySymbols(value).filter((symbol) => isEnumerable(value, symbol));
}

// Compares keys, then (guarding against cycles) the values under them and the entries of arrays, sets and maps.
function keyCheck(a, b, strict, memos, iteration, keys) {
    if (keys === undefined) {
        keys = Object.keys(a);
        if (keys.length !== Object.keys(b).length) {
            return false;
        }
        if (strict) {
            const symbols = enumerableSymbols(a);
            if (symbols.length !== enumerableSymbols(b).length) {
                return false;
            }
            keys.push(...symbols);
        }
    }
    for (const key of keys) {
        if (!isEnumerable(b, key)) {
            return false;
        }
    }
    if (keys.length === 0 && (iteration === NO_ITERATOR || (iteration === IS_ARRAY && a.length === 0) || a.size === 0)) {
        return true;
    }
    // Cycle detection as node 20 does it: the outermost pair is remembered; one level down only that same pair counts
    // as a cycle; deeper down, meeting any object already being compared counts as equal.
    if (memos === undefined) {
        memos = { set: undefined, a, b, c: undefined, d: undefined, deep: false };
        return entriesEqual(a, b, strict, keys, memos, iteration);
    }
    if (memos.set === undefined) {
        if (!memos.deep) {
            if (memos.a === a && memos.b === b) {
                return true;
            }
            memos.c = a;
            memos.d = b;
            memos.deep = true;
            const equal = entriesEqual(a, b, strict, keys, memos, iteration);
            memos.deep = false;
            return equal;
        }
        memos.set = new Set([memos.a, memos.b, memos.c, memos.d]);
    }
    const size = memos.set.size;
    memos.set.add(a);
    memos.set.add(b);
    if (memos.set.size !== size + 2) {
        return true;
    }
    const equal = entriesEqual(a, b, strict, keys, memos, iteration);
    memos.set.delete(a);
    memos.set.delete(b);
    return equal;
}

function arrayEntriesEqual(a, b, strict, memos) {
    for (let i = 0; i < a.length; i++) {
        if (hasOwn(a, i)) {
            if (!hasOwn(b, i) || !innerDeepEqual(a[i], b[i], strict, memos)) {
                return false;
            }
        } else if (hasOwn(b, i)) {
            return false;
        }
    }
    return true;
}

function entriesEqual(a, b, strict, keys, memos, iteration) {
    if (iteration === IS_SET) {
        if (!setEquiv(a, b, strict, memos)) {
            return false;
        }
    } else if (iteration === IS_MAP) {
        if (!mapEquiv(a, b, strict, memos)) {
            return false;
        }
    } else if (iteration === IS_ARRAY && !arrayEntriesEqual(a, b, strict, memos)) {
        return false;
    }
    for (const key of keys) {
        if (!innerDeepEqual(a[key], b[key], strict, memos)) {
            return false;
        }
    }
    return true;
}

// Removes and reports the first candidate deep-equal to `value`.
function takeMatch(candidates, value, strict, memos) {
    for (let i = 0; i < candidates.length; i++) {
        if (innerDeepEqual(value, candidates[i], strict, memos)) {
            candidates.splice(i, 1);
            return true;
        }
    }
    return false;
}

function setEquiv(a, b, strict, memos) {
    const pending = [];
    for (const value of a) {
        if (!isPrimitive(value)) {
            pending.push(value);
        } else if (!b.has(value)) {
            if (strict) {
                return false;
            }
            pending.push(value);
        }
    }
    if (pending.length === 0) {
        return true;
    }
    const candidates = [...b].filter((value) => !isPrimitive(value) || !a.has(value));
    return pending.every((value) => takeMatch(candidates, value, strict, memos));
}

function mapEquiv(a, b, strict, memos) {
    const pending = [];
    for (const [key, value] of a) {
        if (isPrimitive(key) && b.has(key)) {
            if (!innerDeepEqual(value, b.get(key), strict, memos)) {
                return false;
            }
        } else if (strict && isPrimitive(key)) {
            return false;
        } else {
            pending.push([key, value]);
        }
    }
    if (pending.length === 0) {
        return true;
    }
    const candidates = [...b].filter(([key]) => !isPrimitive(key) || !a.has(key));
    return pending.every((entry) => takeMatch(candidates, entry, strict, memos));
}

function isDeepEqual(a, b) {
    return innerDeepEqual(a, b, false);
}

function isDeepStrictEqual(a, b) {
    return innerDeepEqual(a, b, true);
}

module.exports = { isDeepEqual, isDeepStrictEqual };
