// window.js: the browser environment's settings (browserSettings: Chrome 156 on Windows 10 by default), Window
// and WindowProperties, Screen and ScreenOrientation, MediaQueryList (matchMedia), window.chrome, and
// native.installBrowser(config), which makes the global object the page's window. Everything is built with
// the image; installBrowser only applies the config's differences from the defaults, gives the global its
// Window prototype chain, and defines the prebuilt property descriptors on it.

const defaultUserAgent = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

/// What the page sees of its browser and machine. A config changes a copy's fields (see applyConfig).
const browserSettings = {
  userAgent: defaultUserAgent,
  appVersion: defaultUserAgent.slice('Mozilla/'.length),
  platform: 'Win32',
  languages: ['en-US', 'en'],
  hardwareConcurrency: 8,
  deviceMemory: 8,
  referrer: '',
  devicePixelRatio: 1,
  timezone: 'UTC',
  screen: { width: 1920, height: 1080, availWidth: 1920, availHeight: 1040, colorDepth: 24, pixelDepth: 24 },
  ...clientHints(defaultUserAgent),
};

/// navigator.userAgentData's values for a user agent string.
function clientHints(userAgent) {
  const version = /Chrome\/([\d.]+)/.exec(userAgent)?.[1] ?? '156.0.0.0';
  const major = version.split('.')[0];
  const uaPlatform = /Android/.test(userAgent) ? 'Android' : /Windows/.test(userAgent) ? 'Windows'
    : /Mac OS X/.test(userAgent) ? 'macOS' : /CrOS/.test(userAgent) ? 'Chrome OS' : /Linux/.test(userAgent) ? 'Linux' : '';
  const brands = Object.freeze([
    Object.freeze({ brand: 'Google Chrome', version: major }),
    Object.freeze({ brand: 'Chromium', version: major }),
    Object.freeze({ brand: 'Not_A Brand', version: '24' }),
  ]);
  return { fullVersion: version, uaPlatform, brands };
}

const settingsOf = (o, self) => brand(o === self ? browserSettings : undefined);

class ScreenOrientation extends EventTarget {
  constructor() {
    if (arguments[0] !== INTERNAL) throw illegalConstructor('ScreenOrientation');
    super();
  }
  get angle() {
    settingsOf(this, screenOrientation);
    return 0;
  }
  get type() {
    const { width, height } = settingsOf(this, screenOrientation).screen;
    return width >= height ? 'landscape-primary' : 'portrait-primary';
  }
  get onchange() {
    return eventHandler(this, 'change');
  }
  set onchange(value) {
    setEventHandler(this, 'change', value);
  }
  lock() {
    settingsOf(this, screenOrientation);
    return Promise.reject(new DOMExceptionClass('screen.orientation.lock() is not available on this device.', 'NotSupportedError'));
  }
  unlock() {
    settingsOf(this, screenOrientation);
  }
}
browserInterface(ScreenOrientation, { constructible: false });
const screenOrientation = Reflect.construct(ScreenOrientation, [INTERNAL]);

class Screen extends EventTarget {
  constructor() {
    if (arguments[0] !== INTERNAL) throw illegalConstructor('Screen');
    super();
  }
  get availWidth() {
    return settingsOf(this, screenInstance).screen.availWidth;
  }
  get availHeight() {
    return settingsOf(this, screenInstance).screen.availHeight;
  }
  get width() {
    return settingsOf(this, screenInstance).screen.width;
  }
  get height() {
    return settingsOf(this, screenInstance).screen.height;
  }
  get colorDepth() {
    return settingsOf(this, screenInstance).screen.colorDepth;
  }
  get pixelDepth() {
    return settingsOf(this, screenInstance).screen.pixelDepth;
  }
  get availLeft() {
    settingsOf(this, screenInstance);
    return 0;
  }
  get availTop() {
    settingsOf(this, screenInstance);
    return 0;
  }
  get orientation() {
    settingsOf(this, screenInstance);
    return screenOrientation;
  }
  get onchange() {
    return eventHandler(this, 'change');
  }
  set onchange(value) {
    setEventHandler(this, 'change', value);
  }
  get isExtended() {
    settingsOf(this, screenInstance);
    return false;
  }
}
browserInterface(Screen, { constructible: false });
moveAfterConstructor(Screen.prototype, ['onchange', 'isExtended']);
const screenInstance = Reflect.construct(Screen, [INTERNAL]);

/// Chrome lists some members after `constructor` (those from partial interfaces of other specifications).
function moveAfterConstructor(proto, keys) {
  for (const key of keys) {
    const descriptor = getDescriptor(proto, key);
    delete proto[key];
    defineProperty(proto, key, descriptor);
  }
}

// The window's viewport inside the screen: Chrome's toolbars take 87 pixels of the available height.
const viewport = {
  innerWidth: () => browserSettings.screen.availWidth,
  innerHeight: () => Math.max(0, browserSettings.screen.availHeight - 87),
  outerWidth: () => browserSettings.screen.availWidth,
  outerHeight: () => browserSettings.screen.availHeight,
};

/// Evaluates one media query against the settings: media types, and the features pages test.
function mediaMatches(query) {
  return query.split(',').some((part) => {
    const terms = part.trim().toLowerCase().split(/\s+and\s+/);
    let negate = false;
    if (/^not\s/.test(terms[0])) {
      negate = true;
      terms[0] = terms[0].slice(4).trim();
    }
    const result = terms.every((term) => {
      const type = term.replace(/^only\s+/, '');
      if (type === 'all' || type === 'screen') return true;
      if (type === 'print' || type === 'speech') return false;
      const m = /^\(\s*([a-z-]+)\s*(?::\s*([^)]+?))?\s*\)$/.exec(term);
      return m !== null && mediaFeature(m[1], m[2]);
    });
    return result !== negate;
  });
}

function mediaFeature(name, value) {
  const px = (v) => parseFloat(v) * (/em$/.test(v) ? 16 : 1);
  const width = viewport.innerWidth();
  const height = viewport.innerHeight();
  const features = {
    'min-width': () => width >= px(value), 'max-width': () => width <= px(value), width: () => width === px(value),
    'min-height': () => height >= px(value), 'max-height': () => height <= px(value), height: () => height === px(value),
    'min-device-width': () => browserSettings.screen.width >= px(value),
    'max-device-width': () => browserSettings.screen.width <= px(value),
    orientation: () => value === (width >= height ? 'landscape' : 'portrait'),
    'prefers-color-scheme': () => value === 'light',
    'prefers-reduced-motion': () => value === 'no-preference',
    'prefers-contrast': () => value === 'no-preference',
    'forced-colors': () => value === 'none',
    hover: () => value === undefined || value === 'hover', 'any-hover': () => value === undefined || value === 'hover',
    pointer: () => value === undefined || value === 'fine', 'any-pointer': () => value === undefined || value === 'fine',
    color: () => true, 'display-mode': () => value === 'browser',
    'min-resolution': () => browserSettings.devicePixelRatio * 96 >= parseFloat(value) * (/dppx$|x$/.test(value) ? 96 : 1),
    '-webkit-min-device-pixel-ratio': () => browserSettings.devicePixelRatio >= parseFloat(value),
  };
  return Object.hasOwn(features, name) && features[name]();
}

/// A media query list as Chrome serialises it: lower case, one space after each feature's colon.
function normaliseMedia(text) {
  const parts = text.split(',').map((part) => part.trim().replace(/\s+/g, ' ').toLowerCase());
  const valid = /^(?:(?:not|only) )?(?:[a-z]+|\([a-z-]+(?: ?: ?[^()]+)?\))(?: and \([a-z-]+(?: ?: ?[^()]+)?\))*$/;
  if (!parts.every((part) => valid.test(part))) return text;
  return parts.map((part) => part.replace(/\(([a-z-]+) ?: ?([^)]+?) ?\)/g, '($1: $2)')).join(', ');
}

class MediaQueryList extends EventTarget {
  #media;
  // The media text comes second, after INTERNAL; Chrome's interface object declares no parameters.
  constructor() {
    if (arguments[0] !== INTERNAL) throw illegalConstructor('MediaQueryList');
    super();
    this.#media = arguments[1];
  }
  static #of(o) {
    return brand(isObject(o) && #media in o ? o : undefined);
  }
  get media() {
    return MediaQueryList.#of(this).#media;
  }
  get matches() {
    return mediaMatches(MediaQueryList.#of(this).#media);
  }
  get onchange() {
    return eventHandler(this, 'change');
  }
  set onchange(value) {
    setEventHandler(this, 'change', value);
  }
  addListener(callback) {
    MediaQueryList.#of(this);
    if (callback !== null) this.addEventListener('change', callback);
  }
  removeListener(callback) {
    MediaQueryList.#of(this);
    if (callback !== null) this.removeEventListener('change', callback);
  }
}
browserInterface(MediaQueryList, { constructible: false });

/// getComputedStyle's answers for the properties pages read (there is no layout).
const displayOf = { head: 'none', script: 'none', style: 'none', title: 'none', meta: 'none', link: 'none',
  span: 'inline', a: 'inline', b: 'inline', i: 'inline', em: 'inline', strong: 'inline', img: 'inline',
  canvas: 'inline', iframe: 'inline', input: 'inline-block', button: 'inline-block', select: 'inline-block',
  li: 'list-item', table: 'table', tr: 'table-row', td: 'table-cell', th: 'table-cell' };

class Notification extends EventTarget {
  constructor(title, options = undefined) {
    requireArguments(arguments.length, 1, construct('Notification'));
    super();
    throw new TypeError(`${construct('Notification')}: Illegal constructor. Use ServiceWorkerRegistration.showNotification() instead.`);
  }
  static get permission() {
    return 'default';
  }
  static requestPermission() {
    return Promise.resolve('default');
  }
}
browserInterface(Notification);

class Window extends EventTarget {
  constructor() {
    throw illegalConstructor('Window');
  }
}
const WindowInterface = browserInterface(Window, { constants: { TEMPORARY: 0, PERSISTENT: 1 } });
// Chrome's WindowProperties: a prototype between Window.prototype and EventTarget.prototype, without a
// constructor, that holds the named properties of the window (none here).
const WindowProperties = Object.create(EventTarget.prototype, {
  [Symbol.toStringTag]: { value: 'WindowProperties', configurable: true },
});
Object.setPrototypeOf(Window.prototype, WindowProperties);

// window.chrome as a page (not an extension) sees it. Its functions are anonymous in Chrome.
const [loadTimes, csi] = [function () {
  return { requestTime: performanceNow() / 1000, startLoadTime: 0, commitLoadTime: 0, finishDocumentLoadTime: 0,
    finishLoadTime: 0, firstPaintTime: 0, firstPaintAfterLoadTime: 0, navigationType: 'Other', wasFetchedViaSpdy: true,
    wasNpnNegotiated: true, npnNegotiatedProtocol: 'h2', wasAlternateProtocolAvailable: false, connectionInfo: 'h2' };
}, function () {
  return { onloadT: Date.now(), pageT: performanceNow(), startE: Date.now(), tran: 15 };
}];
const chromeObject = {
  loadTimes,
  csi,
  app: {
    isInstalled: false,
    getDetails() { return null; },
    getIsInstalled() { return false; },
    installState(callback) { if (typeof callback === 'function') setTimer(() => callback('not_installed'), 0); },
    runningState() { return 'cannot_run'; },
    InstallState: { DISABLED: 'disabled', INSTALLED: 'installed', NOT_INSTALLED: 'not_installed' },
    RunningState: { CANNOT_RUN: 'cannot_run', READY_TO_RUN: 'ready_to_run', RUNNING: 'running' },
  },
};

const windowObjects = {
  customElements: opaqueInstance('CustomElementRegistry'),
  navigation: opaqueInstance('Navigation', EventTarget),
  external: opaqueInstance('External'),
  visualViewport: opaqueInstance('VisualViewport', EventTarget),
  styleMedia: opaqueInstance('StyleMedia'),
  trustedTypes: opaqueInstance('TrustedTypePolicyFactory', EventTarget),
  indexedDB: opaqueInstance('IDBFactory'),
  caches: opaqueInstance('CacheStorage'),
  speechSynthesis: opaqueInstance('SpeechSynthesis', EventTarget),
  cookieStore: opaqueInstance('CookieStore', EventTarget),
};
const BarProp = opaqueInstance('BarProp').constructor;
defineProperty(BarProp.prototype, 'visible', { get: getter('visible', () => true), enumerable: true, configurable: true });
const barProp = () => Reflect.construct(BarProp, [INTERNAL]);

/// The window's own state that page code can change (name, status, event handlers live on the EventTarget).
const windowState = { name: '', status: '' };

const windowAccessor = (name, get, set = undefined, configurable = true) => ({
  get: getter(name, () => get()),
  set: set === undefined ? undefined : getDescriptor({ set [name](value) { set(value); } }, name).set,
  enumerable: true,
  configurable,
});

/// [Replaceable] attributes: assigning one replaces it with a data property holding the value.
const replaceable = (name, get) => windowAccessor(name, get, (value) => {
  defineProperty(globalThis, name, { value, writable: true, enumerable: true, configurable: true });
});

const self = () => globalThis;

/// The global's own properties as Chrome has them, in Chrome's order, built once.
const windowDescriptors = {
  window: windowAccessor('window', self, undefined, false),
  self: replaceable('self', self),
  document: windowAccessor('document', () => pageDocument, undefined, false),
  name: windowAccessor('name', () => windowState.name, (value) => { windowState.name = str(value); }),
  location: windowAccessor('location', () => locationInstance, (value) => locationInstance.href = value, false),
  customElements: windowAccessor('customElements', () => windowObjects.customElements),
  history: windowAccessor('history', () => historyInstance),
  navigation: replaceable('navigation', () => windowObjects.navigation),
  locationbar: replaceable('locationbar', barProp),
  menubar: replaceable('menubar', barProp),
  personalbar: replaceable('personalbar', barProp),
  scrollbars: replaceable('scrollbars', barProp),
  statusbar: replaceable('statusbar', barProp),
  toolbar: replaceable('toolbar', barProp),
  status: windowAccessor('status', () => windowState.status, (value) => { windowState.status = str(value); }),
  closed: windowAccessor('closed', () => false),
  frames: replaceable('frames', self),
  length: replaceable('length', () => 0),
  top: windowAccessor('top', self, undefined, false),
  opener: replaceable('opener', () => null),
  parent: replaceable('parent', self),
  frameElement: windowAccessor('frameElement', () => null),
  navigator: windowAccessor('navigator', () => navigatorInstance),
  origin: replaceable('origin', () => pageURL.origin),
  external: replaceable('external', () => windowObjects.external),
  screen: replaceable('screen', () => screenInstance),
  innerWidth: replaceable('innerWidth', viewport.innerWidth),
  innerHeight: replaceable('innerHeight', viewport.innerHeight),
  scrollX: replaceable('scrollX', () => 0),
  pageXOffset: replaceable('pageXOffset', () => 0),
  scrollY: replaceable('scrollY', () => 0),
  pageYOffset: replaceable('pageYOffset', () => 0),
  visualViewport: replaceable('visualViewport', () => windowObjects.visualViewport),
  screenX: replaceable('screenX', () => 0),
  screenY: replaceable('screenY', () => 0),
  outerWidth: replaceable('outerWidth', viewport.outerWidth),
  outerHeight: replaceable('outerHeight', viewport.outerHeight),
  devicePixelRatio: replaceable('devicePixelRatio', () => browserSettings.devicePixelRatio),
  event: replaceable('event', () => undefined),
  clientInformation: replaceable('clientInformation', () => navigatorInstance),
  screenLeft: replaceable('screenLeft', () => 0),
  screenTop: replaceable('screenTop', () => 0),
  styleMedia: windowAccessor('styleMedia', () => windowObjects.styleMedia),
};
// The event handler attributes of the window (GlobalEventHandlers and WindowEventHandlers) pages set most.
for (const type of ['abort', 'blur', 'error', 'focus', 'load', 'resize', 'scroll', 'click', 'keydown', 'keyup',
  'mousedown', 'mousemove', 'mouseup', 'input', 'change', 'submit', 'wheel', 'pointerdown', 'pointermove',
  'pointerup', 'visibilitychange', 'beforeunload', 'hashchange', 'message', 'offline', 'online', 'pagehide',
  'pageshow', 'popstate', 'storage', 'unload']) {
  windowDescriptors[`on${type}`] = windowAccessor(`on${type}`, () => eventHandler(globalThis, type),
    (value) => setEventHandler(globalThis, type, value));
}
Object.assign(windowDescriptors, {
  isSecureContext: windowAccessor('isSecureContext', () => pageURL.protocol === 'https:' ||
    pageURL.hostname === 'localhost' || pageURL.hostname === '127.0.0.1'),
  crossOriginIsolated: windowAccessor('crossOriginIsolated', () => false),
  performance: replaceable('performance', () => performanceObject),
  trustedTypes: windowAccessor('trustedTypes', () => windowObjects.trustedTypes),
  crypto: windowAccessor('crypto', () => crypto),
  indexedDB: windowAccessor('indexedDB', () => windowObjects.indexedDB),
  localStorage: windowAccessor('localStorage', () => localStorageArea),
  sessionStorage: windowAccessor('sessionStorage', () => sessionStorageArea),
  caches: windowAccessor('caches', () => windowObjects.caches),
  cookieStore: windowAccessor('cookieStore', () => windowObjects.cookieStore),
  speechSynthesis: windowAccessor('speechSynthesis', () => windowObjects.speechSynthesis),
});

// The platform's globals as they are when the image is built, before any page code runs.
const performanceObject = performance;
const localStorageArea = globalThis.localStorage;
const sessionStorageArea = globalThis.sessionStorage;

/// Window's operations; method syntax gives functions without a prototype, as Chrome's have.
const windowOperations = {
  alert() {},
  blur() {},
  cancelAnimationFrame(handle) {
    requireArguments(arguments.length, 1, execute('cancelAnimationFrame', 'Window'));
    clearTimer(handle);
  },
  cancelIdleCallback(handle) {
    requireArguments(arguments.length, 1, execute('cancelIdleCallback', 'Window'));
    clearTimer(handle);
  },
  close() {},
  confirm() {
    return false;
  },
  focus() {},
  getComputedStyle(elt) {
    const context = execute('getComputedStyle', 'Window');
    requireArguments(arguments.length, 1, context);
    const s = nodes.get(elt);
    if (s === undefined || s.type !== ELEMENT_NODE) throw new TypeError(`${context}: parameter 1 is not of type 'Element'.`);
    const styles = new Map([['display', displayOf[s.local] ?? 'block'], ['position', 'static'], ['visibility', 'visible'],
      ['opacity', '1'], ['color', 'rgb(0, 0, 0)'], ['font-size', '16px'], ['width', 'auto'], ['height', 'auto']]);
    for (const [key, value] of stylesOf(elt.style)) styles.set(key, value);
    return styleDeclaration(styles, true);
  },
  getSelection() {
    return null;
  },
  matchMedia(query) {
    requireArguments(arguments.length, 1, execute('matchMedia', 'Window'));
    return new MediaQueryList(INTERNAL, normaliseMedia(str(query)));
  },
  moveBy() {},
  moveTo() {},
  open() {
    return null;
  },
  postMessage(message) {
    requireArguments(arguments.length, 1, execute('postMessage', 'Window'));
    const data = structuredClone(message);
    setTimer(() => fireEvent(globalThis, 'message', MessageEventLike, { data, origin: pageURL.origin }), 0);
  },
  print() {},
  prompt() {
    return null;
  },
  requestAnimationFrame(callback) {
    const context = execute('requestAnimationFrame', 'Window');
    requireArguments(arguments.length, 1, context);
    if (typeof callback !== 'function') throw new TypeError(`${context}: The callback provided as parameter 1 is not a function.`);
    return setTimer(() => callback(performanceNow()), 16);
  },
  requestIdleCallback(callback) {
    const context = execute('requestIdleCallback', 'Window');
    requireArguments(arguments.length, 1, context);
    if (typeof callback !== 'function') throw new TypeError(`${context}: The callback provided as parameter 1 is not a function.`);
    const deadline = { didTimeout: false, timeRemaining: () => 50 };
    return setTimer(() => callback(deadline), 1);
  },
  resizeBy() {},
  resizeTo() {},
  scroll() {},
  scrollBy() {},
  scrollTo() {},
  stop() {},
};

/// The event window.postMessage fires: an Event carrying data and origin.
class MessageEventLike extends Event {
  #init;
  constructor(type, init) {
    super(type, init);
    this.#init = init;
  }
  get data() {
    return this.#init.data;
  }
  get origin() {
    return this.#init.origin;
  }
}

// The web platform's functions already on the global become enumerable data properties, as Chrome's are.
const enumerableGlobals = ['atob', 'btoa', 'clearInterval', 'clearTimeout', 'fetch', 'queueMicrotask',
  'setInterval', 'setTimeout', 'structuredClone'];
/// The globals the web platform defined that the window defines again, as Chrome has them.
const redefinedGlobals = [...enumerableGlobals, 'performance', 'crypto', 'localStorage', 'sessionStorage'];
for (const name of enumerableGlobals) {
  windowDescriptors[name] = { value: globalThis[name], writable: true, enumerable: true, configurable: true };
}
for (const [name, value] of Object.entries(windowOperations)) {
  windowDescriptors[name] = { value, writable: true, enumerable: true, configurable: true };
}
windowDescriptors.chrome = { value: chromeObject, writable: true, enumerable: true, configurable: true };
for (const I of browserInterfaces) {
  windowDescriptors[I.name] = { value: I, writable: true, enumerable: false, configurable: true };
}

// document.location is [LegacyUnforgeable] too: an own property of the page's document.
defineProperty(pageDocument, 'location', {
  get: getter('location', () => locationInstance),
  set: getDescriptor({ set location(value) { locationInstance.href = value; } }, 'location').set,
  enumerable: true,
  configurable: false,
});

/// The config keys installBrowser accepts, in the order they are applied (url before what depends on it).
const configKeys = ['url', 'user_agent', 'platform', 'languages', 'language', 'cookie', 'referrer', 'title',
  'screen', 'device_pixel_ratio', 'hardware_concurrency', 'device_memory', 'timezone'];

const configAppliers = {
  url(value) {
    pageURL = new URLClass(str(value));
  },
  user_agent(value) {
    browserSettings.userAgent = str(value);
    browserSettings.appVersion = browserSettings.userAgent.replace(/^Mozilla\//, '');
    Object.assign(browserSettings, clientHints(browserSettings.userAgent));
  },
  platform(value) {
    browserSettings.platform = str(value);
  },
  languages(value) {
    browserSettings.languages = Array.from(value, str);
  },
  language(value, config) {
    const language = str(value);
    browserSettings.languages = [language, ...(config.languages === undefined ? [] : browserSettings.languages.filter((l) => l !== language))];
  },
  cookie(value) {
    for (const pair of str(value).split(';')) if (pair.trim() !== '') setCookie(`${pair.trim()}; path=/`, Date.now());
  },
  referrer(value) {
    browserSettings.referrer = str(value);
  },
  title(value) {
    pageDocument.title = value;
  },
  screen(value) {
    browserSettings.screen = { ...browserSettings.screen, ...value };
  },
  device_pixel_ratio(value) {
    browserSettings.devicePixelRatio = Number(value);
  },
  hardware_concurrency(value) {
    browserSettings.hardwareConcurrency = Number(value);
  },
  device_memory(value) {
    browserSettings.deviceMemory = Number(value);
  },
  timezone(value) {
    // The zone of `Date` and `Intl` too (intl.js), as in a browser running in that zone.
    browserSettings.timezone = native.intlSettings(str(value), undefined)[0];
  },
};

function applyConfig(config) {
  for (const key of Object.keys(config)) {
    if (!Object.hasOwn(configAppliers, key)) throw new TypeError(`unknown browser setting '${key}'`);
  }
  for (const key of configKeys) if (config[key] !== undefined && config[key] !== null) configAppliers[key](config[key], config);
}

native.installBrowser = (config) => {
  if (config !== undefined && config !== null) applyConfig(config);
  adoptEventTarget(globalThis);
  // Removed first so that the global's own properties come in Chrome's order.
  for (const name of redefinedGlobals) delete globalThis[name];
  // QuickJS's global object has an own @@toStringTag ("global"); the window's comes from Window.prototype.
  delete globalThis[Symbol.toStringTag];
  Object.setPrototypeOf(globalThis, Window.prototype);
  Object.defineProperties(globalThis, windowDescriptors);
};
