// storage.js: Storage, localStorage and sessionStorage (HTML Standard, "Web storage"). Each storage area is
// a Map owned here; the host reads and replaces it through native.storageItems(which) and
// native.storageReplace(which, pairs), `which` being 'local' or 'session' (Context.local_storage and
// session_storage), whatever page code did to the globals. Items are also named properties
// (localStorage.foo = 1, delete localStorage.foo, Object.keys(localStorage)), which a Proxy provides as
// Chrome's legacy platform object does: a method or accessor of Storage.prototype wins over an item of the
// same name when read, while assigning a string-named property always stores an item.

// Chrome's quota: 10 MiB of UTF-16 per origin, that is this many code units of keys and values.
const storageQuota = 5 * 1024 * 1024;

/// Storage proxy → its items.
const storageItems = new WeakMap();

function itemsOf(storage) {
  return brand(storageItems.get(storage));
}

/// The keys in the order Chrome lists them in the recorded probes, newest first (its own order comes from a
/// hash table and is not specified).
function storageKeys(items) {
  return [...items.keys()].reverse();
}

class Storage {
  constructor() {
    if (arguments[0] !== INTERNAL) throw illegalConstructor('Storage');
  }
  get length() {
    return itemsOf(this).size;
  }
  clear() {
    itemsOf(this).clear();
  }
  getItem(key) {
    const items = itemsOf(this);
    requireArguments(arguments.length, 1, execute('getItem', 'Storage'));
    const value = items.get(str(key));
    return value === undefined ? null : value;
  }
  key(index) {
    const items = itemsOf(this);
    requireArguments(arguments.length, 1, execute('key', 'Storage'));
    const key = storageKeys(items)[Number(index) >>> 0];
    return key === undefined ? null : key;
  }
  removeItem(key) {
    const items = itemsOf(this);
    requireArguments(arguments.length, 1, execute('removeItem', 'Storage'));
    items.delete(str(key));
  }
  setItem(key, value) {
    const items = itemsOf(this);
    const context = execute('setItem', 'Storage');
    requireArguments(arguments.length, 2, context);
    setStorageItem(items, str(key), str(value), context);
  }
}
webInterface(Storage, { constructible: false });

function setStorageItem(items, key, value, context) {
  let used = key.length + value.length;
  for (const [k, v] of items) if (k !== key) used += k.length + v.length;
  if (used > storageQuota) {
    throw new DOMExceptionClass(`${context}: Setting the value of '${key}' exceeded the quota.`, 'QuotaExceededError');
  }
  items.set(key, value);
}

/// A storage area: a Proxy whose target is a Storage instance (so it inherits Storage.prototype), and whose
/// traps give the items as the area's own properties.
function createStorage(items) {
  const target = Reflect.construct(Storage, [INTERNAL]);
  // An item is visible as a property unless the prototype chain has a property of that name.
  const isItem = (key) => typeof key === 'string' && items.has(key) && !(key in target);
  const storage = new Proxy(target, {
    get(t, key, receiver) {
      return isItem(key) ? items.get(key) : Reflect.get(t, key, receiver);
    },
    set(t, key, value, receiver) {
      if (typeof key !== 'string' || receiver !== storage) return Reflect.set(t, key, value, receiver);
      setStorageItem(items, key, str(value), execute('setItem', 'Storage'));
      return true;
    },
    has(t, key) {
      return isItem(key) || Reflect.has(t, key);
    },
    deleteProperty(t, key) {
      if (!isItem(key)) return Reflect.deleteProperty(t, key);
      items.delete(key);
      return true;
    },
    ownKeys(t) {
      return [...storageKeys(items), ...Reflect.ownKeys(t)];
    },
    getOwnPropertyDescriptor(t, key) {
      if (!isItem(key)) return Reflect.getOwnPropertyDescriptor(t, key);
      return { value: items.get(key), writable: true, enumerable: true, configurable: true };
    },
    defineProperty(t, key, descriptor) {
      if (typeof key !== 'string') return Reflect.defineProperty(t, key, descriptor);
      if (!('value' in descriptor)) return false;
      setStorageItem(items, key, str(descriptor.value), execute('setItem', 'Storage'));
      return true;
    },
    // Chrome's storage areas cannot be made non-extensible either.
    preventExtensions() {
      return false;
    },
  });
  storageItems.set(storage, items);
  return storage;
}

const storageAreas = { local: new Map(), session: new Map() };

function storageArea(which) {
  if (!Object.hasOwn(storageAreas, which)) throw new TypeError(`unknown storage '${which}'`);
  return storageAreas[which];
}

native.storageItems = (which) => Object.fromEntries(storageArea(which));
native.storageReplace = (which, items) => {
  const area = storageArea(which);
  area.clear();
  for (const [key, value] of Object.entries(items)) area.set(str(key), str(value));
};

define('localStorage', createStorage(storageAreas.local));
define('sessionStorage', createStorage(storageAreas.session));
