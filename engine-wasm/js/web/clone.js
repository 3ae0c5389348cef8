// clone.js: structuredClone() (HTML Standard, "Safe passing of structured data"). It copies in one walk,
// where the standard serializes and then deserializes; a memory map keeps cycles and shared references
// (two views on one buffer share the cloned buffer). Values that cannot be cloned throw Chrome's
// DataCloneError, whose message names the value as V8 prints it.

const typedArrayTag = getDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
const errorConstructors = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
const cloneContext = execute('structuredClone', 'Window');

/// Whether check (a built-in's brand-checking accessor or method) accepts value as `this`, i.e. value has
/// the internal slot check looks for.
function hasSlot(check, value) {
  try {
    check.call(value);
    return true;
  } catch {
    return false;
  }
}
const slotChecks = {
  Boolean: Boolean.prototype.valueOf,
  Number: Number.prototype.valueOf,
  String: String.prototype.valueOf,
  BigInt: BigInt.prototype.valueOf,
  Date: Date.prototype.getTime,
  RegExp: getDescriptor(RegExp.prototype, 'source').get,
  Map: getDescriptor(Map.prototype, 'size').get,
  Set: getDescriptor(Set.prototype, 'size').get,
  DataView: getDescriptor(DataView.prototype, 'byteLength').get,
  DOMException: getDescriptor(DOMExceptionClass.prototype, 'name').get,
};
// Built-ins with internal state that cannot be copied; each check throws for any other object.
const uncloneable = [
  WeakMap.prototype.has,
  WeakSet.prototype.has,
  WeakRef.prototype.deref,
  getDescriptor(SharedArrayBuffer.prototype, 'byteLength').get,
  function () {
    FinalizationRegistry.prototype.unregister.call(this, {});
  },
];

function cloneError(what) {
  return new DOMExceptionClass(`${cloneContext}: ${what} could not be cloned.`, 'DataCloneError');
}

// A method, not a function declaration: like Chrome's, it has no prototype and is not a constructor.
const { structuredClone } = { structuredClone(value, options = undefined) {
  requireArguments(arguments.length, 1, cloneContext);
  const transfer = dictionary(options, 'StructuredSerializeOptions', cloneContext).transfer;
  const memory = new Map();
  const transferred = transfer === undefined ? [] : transferList(transfer, memory);
  const result = cloneValue(value, memory);
  // Moving each buffer's contents out of it is what detaches it, as the standard's transfer does.
  for (const buffer of transferred) buffer.transfer();
  return result;
} };

/// Checks the transfer list and maps each buffer in it to the buffer that will carry its contents.
function transferList(transfer, memory) {
  if (!isObject(transfer) || typeof transfer[Symbol.iterator] !== 'function') {
    throw new TypeError(`${cloneContext}: Failed to read the 'transfer' property from 'StructuredSerializeOptions': ` +
      'The provided value cannot be converted to a sequence.');
  }
  const buffers = Array.from(transfer);
  buffers.forEach((buffer, index) => {
    if (!isArrayBuffer(buffer)) {
      throw new TypeError(`${cloneContext}: Failed to read the 'transfer' property from 'StructuredSerializeOptions': ` +
        `Failed to convert value to 'object'.`);
    }
    if (memory.has(buffer)) {
      throw new DOMExceptionClass(`${cloneContext}: ArrayBuffer at index ${index} is a duplicate of an earlier ArrayBuffer.`, 'DataCloneError');
    }
    if (buffer.detached) {
      throw new DOMExceptionClass(`${cloneContext}: ArrayBuffer at index ${index} is already detached.`, 'DataCloneError');
    }
    memory.set(buffer, buffer.slice(0));
  });
  return buffers;
}

function cloneValue(value, memory) {
  if (typeof value === 'symbol') throw cloneError(String(value));
  if (typeof value === 'function') throw cloneError(Function.prototype.toString.call(value));
  if (!isObject(value)) return value;
  if (memory.has(value)) return memory.get(value);
  const remember = (copy) => {
    memory.set(value, copy);
    return copy;
  };
  if (hasSlot(slotChecks.Boolean, value)) return remember(new Boolean(slotChecks.Boolean.call(value)));
  if (hasSlot(slotChecks.Number, value)) return remember(new Number(slotChecks.Number.call(value)));
  if (hasSlot(slotChecks.String, value)) return remember(new String(slotChecks.String.call(value)));
  if (hasSlot(slotChecks.BigInt, value)) return remember(Object(slotChecks.BigInt.call(value)));
  if (hasSlot(slotChecks.Date, value)) return remember(new Date(slotChecks.Date.call(value)));
  if (hasSlot(slotChecks.RegExp, value)) return remember(new RegExp(value.source, value.flags));
  if (isArrayBuffer(value)) return remember(cloneBuffer(value));
  const typedArray = typedArrayTag.call(value);
  if (typedArray !== undefined) {
    const buffer = cloneValue(value.buffer, memory);
    return remember(new globalThis[typedArray](buffer, value.byteOffset, value.length));
  }
  if (hasSlot(slotChecks.DataView, value)) {
    return remember(new DataView(cloneValue(value.buffer, memory), value.byteOffset, value.byteLength));
  }
  if (hasSlot(slotChecks.Map, value)) {
    const copy = remember(new Map());
    const entries = [...Map.prototype.entries.call(value)];
    for (const [k, v] of entries) copy.set(cloneValue(k, memory), cloneValue(v, memory));
    return copy;
  }
  if (hasSlot(slotChecks.Set, value)) {
    const copy = remember(new Set());
    for (const v of [...Set.prototype.values.call(value)]) copy.add(cloneValue(v, memory));
    return copy;
  }
  if (hasSlot(slotChecks.DOMException, value)) return remember(new DOMExceptionClass(value.message, value.name));
  if (Error.isError(value)) return cloneErrorObject(value, memory, remember);
  const blob = blobState(value);
  if (blob !== undefined) {
    const file = fileState(value);
    return remember(file === undefined ? createBlob(blob.bytes, blob.type)
      : createFile(blob.bytes, file.name, blob.type, file.lastModified));
  }
  const platform = platformInterface(value);
  if (platform !== undefined) throw cloneError(`${platform} object`);
  if (uncloneable.some((check) => hasSlot(check, value)) || value instanceof Promise) {
    throw cloneError(`#<${objectToString.call(value).slice(8, -1)}>`);
  }
  if (Array.isArray(value)) return copyProperties(value, remember(new Array(value.length)), memory);
  return copyProperties(value, remember({}), memory);
}

function cloneBuffer(buffer) {
  if (buffer.detached) throw new DOMExceptionClass(`${cloneContext}: An ArrayBuffer is detached and could not be cloned.`, 'DataCloneError');
  if (!buffer.resizable) return buffer.slice(0);
  const copy = new ArrayBuffer(buffer.byteLength, { maxByteLength: buffer.maxByteLength });
  new Uint8Array(copy).set(new Uint8Array(buffer));
  return copy;
}

/// The interface of the platform object value is an instance of, if it is one (Blob and File clone).
function platformInterface(value) {
  for (let proto = Object.getPrototypeOf(value); proto !== null; proto = Object.getPrototypeOf(proto)) {
    if (interfaceNames.has(proto)) return interfaceNames.get(proto);
  }
  return undefined;
}

/// An error as V8 clones one: one of the seven standard error types (by name), its own message, stack and
/// cause; no other property.
function cloneErrorObject(error, memory, remember) {
  const name = error.name;
  const ErrorType = Object.hasOwn(errorConstructors, name) ? errorConstructors[name] : Error;
  const copy = remember(new ErrorType());
  const message = getDescriptor(error, 'message');
  if (message !== undefined && 'value' in message) {
    defineProperty(copy, 'message', { value: str(message.value), writable: true, enumerable: false, configurable: true });
  }
  // The stack is an own property in V8 and an accessor of Error.prototype in QuickJS: assigning works for both.
  const stack = error.stack;
  if (typeof stack === 'string') copy.stack = stack;
  if (getDescriptor(error, 'cause') !== undefined) {
    defineProperty(copy, 'cause', { value: cloneValue(error.cause, memory), writable: true, enumerable: false, configurable: true });
  }
  return copy;
}

/// Copies the own enumerable string-keyed properties of source (read through getters) onto copy.
function copyProperties(source, copy, memory) {
  for (const key of Object.keys(source)) {
    if (Object.hasOwn(source, key)) copy[key] = cloneValue(source[key], memory);
  }
  return copy;
}

define('structuredClone', structuredClone);
