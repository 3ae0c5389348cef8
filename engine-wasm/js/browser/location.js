// location.js: the page's URL (pageURL), Location and History. Navigations are recorded, never followed: an
// assignment to location.href, assign() or replace() appends the absolute URL to native.browserNavigations
// (the host reads the list) and leaves the page where it is, except for a change of the fragment only, which
// moves the page's URL and adds a history entry as in a browser. pushState/replaceState change the URL
// within the page's origin.

/// The page's URL (a URL of url.js); installBrowser replaces it when the config gives another.
let pageURL = new URLClass('https://www.example.com/');

native.browserNavigations = [];

/// History's state: its entries count and the current entry's state.
const historyState = { length: 1, state: null, scrollRestoration: 'auto' };

function navigate(url, context) {
  const target = URLClass.parse(str(url), pageURL.href);
  if (target === null) {
    throw new DOMExceptionClass(`${context}: '${str(url)}' is not a valid URL.`, 'SyntaxError');
  }
  const here = pageURL.href.replace(/#.*$/, '');
  if (target.hash !== '' && target.href.replace(/#.*$/, '') === here) {
    pageURL = target;
    historyState.length++;
    historyState.state = null;
  } else {
    native.browserNavigations.push(target.href);
  }
}

/// The page's Location; its members are own properties of the instance ([LegacyUnforgeable]), as in Chrome.
class Location {
  constructor() {
    if (arguments[0] !== INTERNAL) throw illegalConstructor('Location');
  }
}
browserInterface(Location, { constructible: false });
const locationInstance = Reflect.construct(Location, [INTERNAL]);

const checkLocation = (o) => brand(o === locationInstance ? o : undefined);
// location.ancestorOrigins: the page is not in a frame, so the list is empty.
const ancestorOrigins = opaqueInstance('DOMStringList');
defineProperty(Object.getPrototypeOf(ancestorOrigins), 'length', { get: getter('length', () => 0), enumerable: true, configurable: true });

/// The setter of a URL part: the new URL is where a navigation goes (recorded), or the fragment moves.
function locationSetter(part) {
  return getDescriptor({
    set [part](value) {
      checkLocation(this);
      const url = new URLClass(pageURL.href);
      try {
        url[part] = value;
      } catch {
        throw new DOMExceptionClass(`Failed to set the '${part}' property on 'Location': '${str(value)}' is not a valid URL.`, 'SyntaxError');
      }
      if (part === 'hash' && url.href === pageURL.href) return;
      navigate(url.href, `Failed to set the '${part}' property on 'Location'`);
    },
  }, part).set;
}

const locationMembers = { valueOf: { value: Object.prototype.valueOf, enumerable: false } };
locationMembers.ancestorOrigins = { get: getter('ancestorOrigins', (self) => (checkLocation(self), ancestorOrigins)) };
locationMembers.href = {
  get: getter('href', (self) => (checkLocation(self), pageURL.href)),
  set: getDescriptor({
    set href(value) {
      checkLocation(this);
      navigate(value, "Failed to set the 'href' property on 'Location'");
    },
  }, 'href').set,
};
locationMembers.origin = { get: getter('origin', (self) => (checkLocation(self), pageURL.origin)) };
for (const part of ['protocol', 'host', 'hostname', 'port', 'pathname', 'search', 'hash']) {
  locationMembers[part] = { get: getter(part, (self) => (checkLocation(self), pageURL[part])), set: locationSetter(part) };
}
Object.assign(locationMembers, Object.fromEntries(Object.entries({
  assign(url) {
    checkLocation(this);
    requireArguments(arguments.length, 1, execute('assign', 'Location'));
    navigate(url, execute('assign', 'Location'));
  },
  reload() {
    checkLocation(this);
    native.browserNavigations.push(pageURL.href);
  },
  replace(url) {
    checkLocation(this);
    requireArguments(arguments.length, 1, execute('replace', 'Location'));
    navigate(url, execute('replace', 'Location'));
  },
  toString() {
    checkLocation(this);
    return pageURL.href;
  },
}).map(([key, value]) => [key, { value }])));
for (const descriptor of Object.values(locationMembers)) {
  if (!('enumerable' in descriptor)) descriptor.enumerable = true;
  descriptor.configurable = false;
  if ('value' in descriptor) descriptor.writable = false;
}
locationMembers[Symbol.toPrimitive] = { value: undefined, writable: false, enumerable: false, configurable: false };
Object.defineProperties(locationInstance, locationMembers);

const historyOf = (o) => brand(o === historyInstance ? historyState : undefined);

class History {
  constructor() {
    if (arguments[0] !== INTERNAL) throw illegalConstructor('History');
  }
  get length() {
    return historyOf(this).length;
  }
  get scrollRestoration() {
    return historyOf(this).scrollRestoration;
  }
  set scrollRestoration(value) {
    const s = historyOf(this);
    if (value === 'auto' || value === 'manual') s.scrollRestoration = value;
  }
  get state() {
    return historyOf(this).state;
  }
  // Without other entries, going back or forward has nowhere to go.
  back() {
    historyOf(this);
  }
  forward() {
    historyOf(this);
  }
  go() {
    historyOf(this);
  }
  pushState(data, unused, url = undefined) {
    const s = historyOf(this);
    requireArguments(arguments.length, 2, execute('pushState', 'History'));
    changeHistory(s, data, url, 'pushState');
    s.length++;
  }
  replaceState(data, unused, url = undefined) {
    const s = historyOf(this);
    requireArguments(arguments.length, 2, execute('replaceState', 'History'));
    changeHistory(s, data, url, 'replaceState');
  }
}
browserInterface(History, { constructible: false });
const historyInstance = Reflect.construct(History, [INTERNAL]);

function changeHistory(s, data, url, operation) {
  const context = execute(operation, 'History');
  const state = structuredClone(data);
  if (url !== undefined && url !== null) {
    const target = URLClass.parse(str(url), pageURL.href);
    if (target === null || target.origin !== pageURL.origin) {
      throw new DOMExceptionClass(`${context}: A history state object with URL '${target?.href ?? str(url)}' cannot be ` +
        `created in a document with origin '${pageURL.origin}' and URL '${pageURL.href}'.`, 'SecurityError');
    }
    pageURL = target;
  }
  s.state = state;
}
