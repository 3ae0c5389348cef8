// idl.js: the WebIDL conventions every interface of the web platform shares, so that each looks as it does in
// Chrome: enumerable members and a @@toStringTag on the prototype, constants on the interface and its
// prototype, Chrome's wording for argument errors, and the "Foo Iterator" objects of iterable interfaces.
// It also captures the built-ins the platform relies on while the image is built, before any page code runs,
// so a page that later replaces DOMException or setTimeout cannot change how fetch or Blob behave (encoding.js
// and url.js, which run next, capture their own classes the same way).

const DOMExceptionClass = DOMException;
const decodeBase64 = atob;
const setTimer = setTimeout;
const clearTimer = clearTimeout;
const performanceNow = native.performanceNow;
const consoleError = console.error;
const getDescriptor = Object.getOwnPropertyDescriptor;
const defineProperty = Object.defineProperty;
const objectToString = Object.prototype.toString;
const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
const arrayBufferByteLength = getDescriptor(ArrayBuffer.prototype, 'byteLength').get;

/// Passed to the constructors page code may not call (AbortSignal, Storage, ...) when the platform itself
/// creates an instance; any other argument makes them throw "Illegal constructor".
const INTERNAL = Object.freeze({});

/// Interface prototypes and their names (structuredClone refuses instances of these platform interfaces).
const interfaceNames = new Map();

const isObject = (value) => value !== null && (typeof value === 'object' || typeof value === 'function');

/// WebIDL's DOMString conversion: like String(value), but a Symbol throws a TypeError as in Chrome.
const str = (value) => `${value}`;

const utf8 = (string) => utf8Encoder.encode(string);
const fromUtf8 = (bytes) => utf8Decoder.decode(bytes);

const construct = (name) => `Failed to construct '${name}'`;
const execute = (operation, name) => `Failed to execute '${operation}' on '${name}'`;

/// Returns an instance's internal state, found by the interface's own private-field check (which gives
/// `undefined` for any other object); a member called on a foreign object throws as Chrome does.
function brand(state) {
  if (state === undefined) throw new TypeError('Illegal invocation');
  return state;
}

function illegalConstructor(name) {
  return new TypeError(`${construct(name)}: Illegal constructor`);
}

function requireArguments(given, needed, context) {
  if (given < needed) {
    const plural = needed === 1 ? '' : 's';
    throw new TypeError(`${context}: ${needed} argument${plural} required, but only ${given} present.`);
  }
}

/// A dictionary argument: undefined and null mean "all defaults", anything else but an object is refused.
function dictionary(value, type, context) {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new TypeError(`${context}: The provided value is not of type '${type}'.`);
  return value;
}

/// An enumeration member of a dictionary: undefined gives the default, an unknown string throws.
function enumMember(dict, key, values, type, dictType, context) {
  if (dict[key] === undefined) return values[0];
  const value = str(dict[key]);
  if (!values.includes(value)) {
    throw new TypeError(`${context}: Failed to read the '${key}' property from '${dictType}': ` +
      `The provided value '${value}' is not a valid enum value of type ${type}.`);
  }
  return value;
}

/// WebIDL's [EnforceRange] unsigned long long.
function enforceRange(value, context) {
  const number = Number(value);
  if (!Number.isFinite(number)) throw new TypeError(`${context}: Value is not a finite number.`);
  const integer = Math.trunc(number);
  if (integer < 0 || integer > Number.MAX_SAFE_INTEGER) {
    throw new TypeError(`${context}: Value is outside the 'unsigned long long' value range.`);
  }
  return integer;
}

function isArrayBuffer(value) {
  try {
    arrayBufferByteLength.call(value);
    return true;
  } catch {
    return false;
  }
}

/// A copy of the bytes of an ArrayBuffer or a view on one.
function copyBytes(source) {
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength).slice();
  return new Uint8Array(source).slice();
}

/// Reports an exception no caller can catch (a throwing event listener), as Chrome reports it: on the console.
function reportException(error) {
  consoleError('Uncaught', error);
}

/// Interface classes → the interface objects page code sees (see webInterface).
const interfaceObjects = new Map();

/// Makes the class Impl an interface as WebIDL (and Chrome) shapes one, installs it as a global unless
/// `install` is false (the browser environment's interfaces, which only Context(browser=...) installs), and
/// returns the interface object.
///
/// The global is not Impl itself but an interface object: a plain function, so that calling it without `new`
/// throws Chrome's TypeError rather than the engine's; with `new` it constructs Impl (for new.target, so page
/// code's subclasses work), and it shares Impl's prototype, name, length and static operations. The
/// platform's own code keeps using Impl. On the prototype, members keep the order they are declared in,
/// constants go before the first operation and `constructor` last (Chrome's order of own names); members
/// and static operations are enumerable; constants are on both the interface and its prototype; and an
/// iterable interface (one with `entries`) gets @@iterator, which is the `entries` function itself.
function webInterface(Impl, { constants = {}, constructible = true, install = true } = {}) {
  const name = Impl.name;
  const proto = Impl.prototype;
  const I = function () {
    if (new.target === undefined) {
      throw new TypeError(constructible ? `${construct(name)}: Please use the 'new' operator, this DOM object ` +
        'constructor cannot be called as a function.' : 'Illegal constructor');
    }
    return Reflect.construct(Impl, arguments, new.target === I ? Impl : new.target);
  };
  defineProperty(I, 'length', { value: Impl.length });
  defineProperty(I, 'name', { value: name });
  defineProperty(I, 'prototype', { value: proto, writable: false });
  Object.setPrototypeOf(I, interfaceObjects.get(Object.getPrototypeOf(Impl)) ?? Function.prototype);
  for (const key of Object.getOwnPropertyNames(Impl)) {
    if (key !== 'length' && key !== 'name' && key !== 'prototype') {
      defineProperty(I, key, { ...getDescriptor(Impl, key), enumerable: true });
    }
  }
  const members = Object.getOwnPropertyNames(proto)
    .filter((key) => key !== 'constructor')
    .map((key) => [key, getDescriptor(proto, key)]);
  for (const [key] of members) delete proto[key];
  delete proto.constructor;
  const defineConstants = () => {
    for (const [key, value] of Object.entries(constants)) {
      const descriptor = { value, writable: false, enumerable: true, configurable: false };
      defineProperty(I, key, descriptor);
      defineProperty(proto, key, descriptor);
    }
  };
  let constantsDefined = false;
  for (const [key, descriptor] of members) {
    if (!constantsDefined && 'value' in descriptor) {
      defineConstants();
      constantsDefined = true;
    }
    defineProperty(proto, key, { ...descriptor, enumerable: true });
  }
  if (!constantsDefined) defineConstants();
  defineProperty(proto, 'constructor', { value: I, writable: true, enumerable: false, configurable: true });
  defineProperty(proto, Symbol.toStringTag, { value: name, writable: false, enumerable: false, configurable: true });
  if (members.some(([key]) => key === 'entries')) {
    defineProperty(proto, Symbol.iterator, { value: proto.entries, writable: true, enumerable: false, configurable: true });
  }
  interfaceObjects.set(Impl, I);
  interfaceNames.set(proto, name);
  if (install) define(name, I);
  return I;
}

/// Makes the iterators of an iterable interface: `${name} Iterator` objects whose next() reads the list that
/// pairs() returns at that moment, so they see entries added or removed while iterating (as Chrome's do).
function pairIterator(name) {
  class PairIterator {
    #pairs;
    #kind;
    #index = 0;
    constructor(pairs, kind) {
      this.#pairs = pairs;
      this.#kind = kind;
    }
    next() {
      if (!isObject(this) || !(#pairs in this)) throw new TypeError('Illegal invocation');
      const pair = this.#pairs()[this.#index];
      if (pair === undefined) return { value: undefined, done: true };
      this.#index++;
      const value = this.#kind === 'keys' ? pair[0] : this.#kind === 'values' ? pair[1] : [pair[0], pair[1]];
      return { value, done: false };
    }
  }
  const proto = PairIterator.prototype;
  Object.setPrototypeOf(proto, IteratorPrototype);
  delete proto.constructor;
  defineProperty(proto, 'next', { enumerable: true });
  defineProperty(proto, Symbol.toStringTag, { value: `${name} Iterator`, configurable: true });
  return (pairs, kind) => new PairIterator(pairs, kind);
}

/// The forEach of an iterable interface: calls callback(value, key, owner) over the live list.
function forEachPair(owner, pairs, callback, thisArg, context) {
  if (typeof callback !== 'function') {
    throw new TypeError(`${context}: The callback provided as parameter 1 is not a function.`);
  }
  for (let i = 0; i < pairs().length; i++) {
    const [key, value] = pairs()[i];
    callback.call(thisArg, value, key, owner);
  }
}
