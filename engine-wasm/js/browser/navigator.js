// navigator.js: Navigator and what hangs off it as Chrome 156 on Windows shows it: PluginArray, Plugin,
// MimeTypeArray and MimeType (Chrome's five built-in PDF viewer plugins), NavigatorUAData (client hints),
// Permissions and PermissionStatus, NetworkInformation, and the objects page code only tests for (Geolocation,
// Clipboard, MediaDevices, ...). Every value is read from browserSettings (window.js), so a config override
// changes what the accessors return without rebuilding anything.

/// An interface page code only feature-tests: its single instance, made with the image.
function opaqueInstance(name, Base = Object) {
  const Impl = { [name]: class extends Base {
    constructor() {
      if (arguments[0] !== INTERNAL) throw illegalConstructor(name);
      super();
    }
  } }[name];
  browserInterface(Impl, { constructible: false });
  return Reflect.construct(Impl, [INTERNAL]);
}

const pdfTypes = [['application/pdf', 'pdf'], ['text/pdf', 'pdf']];
const pdfPlugins = ['PDF Viewer', 'Chrome PDF Viewer', 'Chromium PDF Viewer', 'Microsoft Edge PDF Viewer', 'WebKit built-in PDF'];
const pdfDescription = 'Portable Document Format';

/// Plugin, PluginArray, MimeType and MimeTypeArray instance → {items, names} or the plugin/type's fields.
const pluginData = new WeakMap();
const pluginOf = (o) => brand(pluginData.get(o));

/// Gives an array-like platform object its indexed (enumerable) and named (not enumerable) properties.
function indexed(object, items, nameOf) {
  items.forEach((item, i) => defineProperty(object, i, { value: item, enumerable: true, configurable: true }));
  for (const item of items) {
    if (!Object.hasOwn(object, nameOf(item))) defineProperty(object, nameOf(item), { value: item, configurable: true });
  }
}

class Plugin {
  constructor() {
    if (arguments[0] !== INTERNAL) throw illegalConstructor('Plugin');
  }
  get name() {
    return pluginOf(this).name;
  }
  get filename() {
    pluginOf(this);
    return 'internal-pdf-viewer';
  }
  get description() {
    pluginOf(this);
    return pdfDescription;
  }
  get length() {
    return pluginOf(this).items.length;
  }
  item(index) {
    return pluginOf(this).items[Number(index) >>> 0] ?? null;
  }
  namedItem(name) {
    return pluginOf(this).items.find((m) => m.type === str(name)) ?? null;
  }
}
browserInterface(Plugin, { constructible: false });

class PluginArray {
  constructor() {
    if (arguments[0] !== INTERNAL) throw illegalConstructor('PluginArray');
  }
  get length() {
    return pluginOf(this).items.length;
  }
  item(index) {
    return pluginOf(this).items[Number(index) >>> 0] ?? null;
  }
  namedItem(name) {
    return pluginOf(this).items.find((p) => p.name === str(name)) ?? null;
  }
  refresh() {
    pluginOf(this);
  }
}
browserInterface(PluginArray, { constructible: false });

class MimeType {
  constructor() {
    if (arguments[0] !== INTERNAL) throw illegalConstructor('MimeType');
  }
  get type() {
    return pluginOf(this).type;
  }
  get suffixes() {
    return pluginOf(this).suffixes;
  }
  get description() {
    pluginOf(this);
    return pdfDescription;
  }
  get enabledPlugin() {
    return pluginOf(this).plugin();
  }
}
browserInterface(MimeType, { constructible: false });

class MimeTypeArray {
  constructor() {
    if (arguments[0] !== INTERNAL) throw illegalConstructor('MimeTypeArray');
  }
  get length() {
    return pluginOf(this).items.length;
  }
  item(index) {
    return pluginOf(this).items[Number(index) >>> 0] ?? null;
  }
  namedItem(name) {
    return pluginOf(this).items.find((m) => m.type === str(name)) ?? null;
  }
}
browserInterface(MimeTypeArray, { constructible: false });

function platformObject(Impl, data) {
  const object = Reflect.construct(Impl, [INTERNAL]);
  pluginData.set(object, data);
  return object;
}

// Chrome's mimeTypes belong to the first plugin; each plugin lists its own MimeType objects.
const plugins = pdfPlugins.map((name) => platformObject(Plugin, { name, items: [] }));
const mimeTypes = pdfTypes.map(([type, suffixes]) => platformObject(MimeType, { type, suffixes, plugin: () => plugins[0] }));
for (const plugin of plugins) {
  const own = pdfTypes.map(([type, suffixes]) => platformObject(MimeType, { type, suffixes, plugin: () => plugin }));
  pluginOf(plugin).items.push(...own);
  indexed(plugin, own, (m) => pluginOf(m).type);
}
const pluginArray = platformObject(PluginArray, { items: plugins });
indexed(pluginArray, plugins, (p) => pluginOf(p).name);
const mimeTypeArray = platformObject(MimeTypeArray, { items: mimeTypes });
indexed(mimeTypeArray, mimeTypes, (m) => pluginOf(m).type);

let uaDataState;

class NavigatorUAData {
  constructor() {
    if (arguments[0] !== INTERNAL) throw illegalConstructor('NavigatorUAData');
  }
  static {
    uaDataState = (o) => brand(o === userAgentData ? browserSettings : undefined);
  }
  get brands() {
    return uaDataState(this).brands;
  }
  get mobile() {
    uaDataState(this);
    return false;
  }
  get platform() {
    return uaDataState(this).uaPlatform;
  }
  getHighEntropyValues(hints) {
    const settings = uaDataState(this);
    requireArguments(arguments.length, 1, execute('getHighEntropyValues', 'NavigatorUAData'));
    const version = settings.fullVersion;
    const all = {
      architecture: 'x86', bitness: '64', formFactors: ['Desktop'], fullVersionList: settings.brands.map((b) => ({
        brand: b.brand, version: b.brand.startsWith('Not') ? `${b.version}.0.0.0` : version,
      })), model: '', platformVersion: settings.uaPlatform === 'Windows' ? '10.0.0' : '', uaFullVersion: version, wow64: false,
    };
    const values = { brands: settings.brands, mobile: false, platform: settings.uaPlatform };
    for (const hint of Array.from(hints, str)) if (Object.hasOwn(all, hint)) values[hint] = all[hint];
    return Promise.resolve(values);
  }
  toJSON() {
    const settings = uaDataState(this);
    return { brands: settings.brands, mobile: false, platform: settings.uaPlatform };
  }
}
browserInterface(NavigatorUAData, { constructible: false });
const userAgentData = Reflect.construct(NavigatorUAData, [INTERNAL]);

class NetworkInformation extends EventTarget {
  constructor() {
    if (arguments[0] !== INTERNAL) throw illegalConstructor('NetworkInformation');
    super();
  }
  get effectiveType() {
    brand(this === connection ? this : undefined);
    return '4g';
  }
  get rtt() {
    brand(this === connection ? this : undefined);
    return 50;
  }
  get downlink() {
    brand(this === connection ? this : undefined);
    return 10;
  }
  get saveData() {
    brand(this === connection ? this : undefined);
    return false;
  }
}
browserInterface(NetworkInformation, { constructible: false });
const connection = Reflect.construct(NetworkInformation, [INTERNAL]);

class PermissionStatus extends EventTarget {
  #name;
  #state;
  // The name and state come after INTERNAL; Chrome's interface object declares no parameters.
  constructor() {
    if (arguments[0] !== INTERNAL) throw illegalConstructor('PermissionStatus');
    super();
    this.#name = arguments[1];
    this.#state = arguments[2];
  }
  get name() {
    return brand(isObject(this) && #name in this ? this : undefined).#name;
  }
  get state() {
    return brand(isObject(this) && #name in this ? this : undefined).#state;
  }
}
browserInterface(PermissionStatus, { constructible: false });

// What a fresh profile answers: nothing is granted or denied yet, except what Chrome grants every page.
const grantedPermissions = new Set(['background-sync', 'clipboard-write', 'payment-handler', 'screen-wake-lock', 'storage-access']);
const knownPermissions = new Set([...grantedPermissions, 'accelerometer', 'camera', 'clipboard-read', 'geolocation',
  'gyroscope', 'magnetometer', 'microphone', 'midi', 'notifications', 'persistent-storage', 'push', 'local-fonts',
  'idle-detection', 'window-management']);

class Permissions {
  constructor() {
    if (arguments[0] !== INTERNAL) throw illegalConstructor('Permissions');
  }
  query(permissionDesc) {
    brand(this === permissions ? this : undefined);
    const context = execute('query', 'Permissions');
    requireArguments(arguments.length, 1, context);
    const name = str(dictionary(permissionDesc, 'PermissionDescriptor', context).name);
    if (!knownPermissions.has(name)) {
      return Promise.reject(new TypeError(`${context}: Failed to read the 'name' property from 'PermissionDescriptor': ` +
        `The provided value '${name}' is not a valid enum value of type PermissionName.`));
    }
    return Promise.resolve(new PermissionStatus(INTERNAL, name, grantedPermissions.has(name) ? 'granted' : 'prompt'));
  }
}
browserInterface(Permissions, { constructible: false });
const permissions = Reflect.construct(Permissions, [INTERNAL]);

const navigatorObjects = {
  scheduling: opaqueInstance('Scheduling'),
  userActivation: opaqueInstance('UserActivation'),
  geolocation: opaqueInstance('Geolocation'),
  clipboard: opaqueInstance('Clipboard', EventTarget),
  credentials: opaqueInstance('CredentialsContainer'),
  keyboard: opaqueInstance('Keyboard'),
  mediaDevices: opaqueInstance('MediaDevices', EventTarget),
  serviceWorker: opaqueInstance('ServiceWorkerContainer', EventTarget),
  locks: opaqueInstance('LockManager'),
  storage: opaqueInstance('StorageManager'),
  gpu: opaqueInstance('GPU'),
  mediaCapabilities: opaqueInstance('MediaCapabilities'),
  mediaSession: opaqueInstance('MediaSession'),
  hid: opaqueInstance('HID', EventTarget),
  serial: opaqueInstance('Serial', EventTarget),
  usb: opaqueInstance('USB', EventTarget),
};

const navigatorOf = (o) => brand(o === navigatorInstance ? browserSettings : undefined);

class Navigator {
  constructor() {
    if (arguments[0] !== INTERNAL) throw illegalConstructor('Navigator');
  }
  get vendorSub() {
    navigatorOf(this);
    return '';
  }
  get productSub() {
    navigatorOf(this);
    return '20030107';
  }
  get vendor() {
    navigatorOf(this);
    return 'Google Inc.';
  }
  get maxTouchPoints() {
    navigatorOf(this);
    return 0;
  }
  get scheduling() {
    navigatorOf(this);
    return navigatorObjects.scheduling;
  }
  get userActivation() {
    navigatorOf(this);
    return navigatorObjects.userActivation;
  }
  get geolocation() {
    navigatorOf(this);
    return navigatorObjects.geolocation;
  }
  get doNotTrack() {
    navigatorOf(this);
    return null;
  }
  get hardwareConcurrency() {
    return navigatorOf(this).hardwareConcurrency;
  }
  get cookieEnabled() {
    navigatorOf(this);
    return true;
  }
  get appCodeName() {
    navigatorOf(this);
    return 'Mozilla';
  }
  get appName() {
    navigatorOf(this);
    return 'Netscape';
  }
  get appVersion() {
    return navigatorOf(this).appVersion;
  }
  get platform() {
    return navigatorOf(this).platform;
  }
  get product() {
    navigatorOf(this);
    return 'Gecko';
  }
  get userAgent() {
    return navigatorOf(this).userAgent;
  }
  get language() {
    return navigatorOf(this).languages[0];
  }
  get languages() {
    // Chrome gives a new frozen array on every read.
    return Object.freeze(navigatorOf(this).languages.slice());
  }
  get onLine() {
    navigatorOf(this);
    return true;
  }
  get webdriver() {
    navigatorOf(this);
    return false;
  }
  get plugins() {
    navigatorOf(this);
    return pluginArray;
  }
  get mimeTypes() {
    navigatorOf(this);
    return mimeTypeArray;
  }
  get pdfViewerEnabled() {
    navigatorOf(this);
    return true;
  }
  get connection() {
    navigatorOf(this);
    return connection;
  }
  getGamepads() {
    navigatorOf(this);
    return [null, null, null, null];
  }
  javaEnabled() {
    navigatorOf(this);
    return false;
  }
  sendBeacon(url, data = null) {
    navigatorOf(this);
    requireArguments(arguments.length, 1, execute('sendBeacon', 'Navigator'));
    return true;
  }
  vibrate(pattern) {
    navigatorOf(this);
    requireArguments(arguments.length, 1, execute('vibrate', 'Navigator'));
    return false;
  }
  get clipboard() {
    navigatorOf(this);
    return navigatorObjects.clipboard;
  }
  get credentials() {
    navigatorOf(this);
    return navigatorObjects.credentials;
  }
  get keyboard() {
    navigatorOf(this);
    return navigatorObjects.keyboard;
  }
  get mediaDevices() {
    navigatorOf(this);
    return navigatorObjects.mediaDevices;
  }
  get serviceWorker() {
    navigatorOf(this);
    return navigatorObjects.serviceWorker;
  }
  get deviceMemory() {
    return navigatorOf(this).deviceMemory;
  }
  get userAgentData() {
    navigatorOf(this);
    return userAgentData;
  }
  get locks() {
    navigatorOf(this);
    return navigatorObjects.locks;
  }
  get storage() {
    navigatorOf(this);
    return navigatorObjects.storage;
  }
  get gpu() {
    navigatorOf(this);
    return navigatorObjects.gpu;
  }
  get mediaCapabilities() {
    navigatorOf(this);
    return navigatorObjects.mediaCapabilities;
  }
  get permissions() {
    navigatorOf(this);
    return permissions;
  }
  get hid() {
    navigatorOf(this);
    return navigatorObjects.hid;
  }
  get mediaSession() {
    navigatorOf(this);
    return navigatorObjects.mediaSession;
  }
  get serial() {
    navigatorOf(this);
    return navigatorObjects.serial;
  }
  get usb() {
    navigatorOf(this);
    return navigatorObjects.usb;
  }
  getBattery() {
    navigatorOf(this);
    return Promise.resolve({ charging: true, chargingTime: 0, dischargingTime: Infinity, level: 1 });
  }
  requestMediaKeySystemAccess(keySystem, supportedConfigurations) {
    navigatorOf(this);
    requireArguments(arguments.length, 2, execute('requestMediaKeySystemAccess', 'Navigator'));
    return Promise.reject(new DOMExceptionClass('Unsupported keySystem or supportedConfigurations.', 'NotSupportedError'));
  }
  registerProtocolHandler(scheme, url) {
    navigatorOf(this);
    requireArguments(arguments.length, 2, execute('registerProtocolHandler', 'Navigator'));
  }
  unregisterProtocolHandler(scheme, url) {
    navigatorOf(this);
    requireArguments(arguments.length, 2, execute('unregisterProtocolHandler', 'Navigator'));
  }
}
browserInterface(Navigator, { constructible: false });
const navigatorInstance = Reflect.construct(Navigator, [INTERNAL]);
