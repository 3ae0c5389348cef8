// fetch.js: Headers, Request, Response and fetch() (Fetch Standard), and XMLHttpRequest (XMLHttpRequest
// Standard). No request leaves the sandbox: fetch and XMLHttpRequest both hand each request to
// native.request(method, url, headers, body), which resolves with the host's answer
// {status, statusText, headers, body, url} or rejects with a TypeError; data: URLs are answered here.
// Bodies are whole byte arrays (there are no streams), so `body` and `stream()` are absent.

// ---- Headers ----------------------------------------------------------------------------------------------

let headersState;
const headersIterator = pairIterator('Headers');
const tokenPattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Headers page code cannot set on a request (the Fetch Standard's forbidden request-header names).
const forbiddenRequestHeaders = new Set(['accept-charset', 'accept-encoding', 'access-control-request-headers',
  'access-control-request-method', 'connection', 'content-length', 'cookie', 'cookie2', 'date', 'dnt', 'expect',
  'host', 'keep-alive', 'origin', 'referer', 'set-cookie', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'via']);
const isForbiddenRequestHeader = (lower) =>
  forbiddenRequestHeaders.has(lower) || lower.startsWith('proxy-') || lower.startsWith('sec-');
const isSetCookie = (lower) => lower === 'set-cookie' || lower === 'set-cookie2';

class Headers {
  // list: [name, value] pairs with names as given; guard: 'none', 'request', 'response' or 'immutable'.
  #s = { list: [], guard: 'none' };
  static {
    headersState = (o) => (isObject(o) && #s in o ? o.#s : undefined);
  }
  constructor(init = undefined) {
    if (init !== undefined) fillHeaders(this.#s, init, construct('Headers'));
  }
  append(name, value) {
    const s = brand(headersState(this));
    const context = execute('append', 'Headers');
    requireArguments(arguments.length, 2, context);
    appendHeader(s, name, value, context);
  }
  delete(name) {
    const s = brand(headersState(this));
    const context = execute('delete', 'Headers');
    requireArguments(arguments.length, 1, context);
    const lower = headerName(name, context).toLowerCase();
    if (!checkGuard(s, lower, context)) return;
    s.list = s.list.filter(([n]) => n.toLowerCase() !== lower);
  }
  get(name) {
    const s = brand(headersState(this));
    const context = execute('get', 'Headers');
    requireArguments(arguments.length, 1, context);
    return combinedValue(s.list, headerName(name, context));
  }
  getSetCookie() {
    return brand(headersState(this)).list.filter(([n]) => n.toLowerCase() === 'set-cookie').map(([, v]) => v);
  }
  has(name) {
    const s = brand(headersState(this));
    const context = execute('has', 'Headers');
    requireArguments(arguments.length, 1, context);
    return combinedValue(s.list, headerName(name, context)) !== null;
  }
  set(name, value) {
    const s = brand(headersState(this));
    const context = execute('set', 'Headers');
    requireArguments(arguments.length, 2, context);
    const [validName, validValue] = headerPair(name, value, context);
    const lower = validName.toLowerCase();
    if (!checkGuard(s, lower, context)) return;
    const index = s.list.findIndex(([n]) => n.toLowerCase() === lower);
    if (index < 0) {
      s.list.push([validName, validValue]);
      return;
    }
    s.list[index] = [s.list[index][0], validValue];
    s.list = s.list.filter(([n], i) => i <= index || n.toLowerCase() !== lower);
  }
  entries() {
    const s = brand(headersState(this));
    return headersIterator(() => sortAndCombine(s.list), 'entries');
  }
  forEach(callback, thisArg = undefined) {
    const s = brand(headersState(this));
    forEachPair(this, () => sortAndCombine(s.list), callback, thisArg, execute('forEach', 'Headers'));
  }
  keys() {
    const s = brand(headersState(this));
    return headersIterator(() => sortAndCombine(s.list), 'keys');
  }
  values() {
    const s = brand(headersState(this));
    return headersIterator(() => sortAndCombine(s.list), 'values');
  }
}
webInterface(Headers);

/// A Headers object with a guard and list the platform sets (a Request's, a Response's).
function createHeaders(guard, list = []) {
  const headers = new Headers();
  Object.assign(headersState(headers), { guard, list: list.slice() });
  return headers;
}

/// Fills headers from a Headers init: a sequence of [name, value] pairs or a record of names to values.
function fillHeaders(s, init, context) {
  if (!isObject(init)) {
    throw new TypeError(`${context}: The provided value is not of type ` +
      "'(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'.");
  }
  if (init[Symbol.iterator] !== undefined) {
    for (const pair of init) {
      if (!isObject(pair) || typeof pair[Symbol.iterator] !== 'function') {
        throw new TypeError(`${context}: The provided value cannot be converted to a sequence.`);
      }
      const items = Array.from(pair);
      if (items.length !== 2) throw new TypeError(`${context}: Invalid value`);
      appendHeader(s, items[0], items[1], context);
    }
    return;
  }
  for (const key of Reflect.ownKeys(init)) {
    if (typeof key === 'string' && getDescriptor(init, key)?.enumerable) appendHeader(s, key, init[key], context);
  }
}

/// WebIDL's ByteString: a string whose characters all fit in a byte.
function byteString(value, context) {
  const string = str(value);
  if (/[^\x00-\xff]/.test(string)) throw new TypeError(`${context}: String contains non ISO-8859-1 code point.`);
  return string;
}

function headerName(name, context) {
  const string = byteString(name, context);
  if (!tokenPattern.test(string)) throw new TypeError(`${context}: Invalid name`);
  return string;
}

/// A valid [name, value] pair, the value stripped of leading and trailing HTTP whitespace.
function headerPair(name, value, context) {
  const validName = headerName(name, context);
  const validValue = byteString(value, context).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  if (/[\0\r\n]/.test(validValue)) throw new TypeError(`${context}: Invalid value`);
  return [validName, validValue];
}

/// Whether the guard lets the header be changed: immutable headers throw, forbidden names are ignored.
function checkGuard(s, lower, context) {
  if (s.guard === 'immutable') throw new TypeError(`${context}: Headers are immutable`);
  if (s.guard === 'request' && isForbiddenRequestHeader(lower)) return false;
  return !(s.guard === 'response' && isSetCookie(lower));
}

function appendHeader(s, name, value, context) {
  const pair = headerPair(name, value, context);
  if (checkGuard(s, pair[0].toLowerCase(), context)) s.list.push(pair);
}

/// The values of every header called name, joined with ", "; null when there is none.
function combinedValue(list, name) {
  const lower = name.toLowerCase();
  const values = list.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
  return values.length === 0 ? null : values.join(', ');
}

/// The Fetch Standard's "sort and combine": lowercase names in order, one pair per name except Set-Cookie.
function sortAndCombine(list) {
  const names = [...new Set(list.map(([n]) => n.toLowerCase()))].sort();
  const pairs = [];
  for (const name of names) {
    if (name === 'set-cookie') {
      for (const [n, v] of list) if (n.toLowerCase() === name) pairs.push([name, v]);
    } else {
      pairs.push([name, combinedValue(list, name)]);
    }
  }
  return pairs;
}

// ---- Bodies -----------------------------------------------------------------------------------------------

/// The bytes and Content-Type of a body init (the Fetch Standard's "extract a body").
function extractBody(object) {
  const blob = blobState(object);
  if (blob !== undefined) return { bytes: blob.bytes, type: blob.type || null };
  if (isArrayBuffer(object) || ArrayBuffer.isView(object)) return { bytes: copyBytes(object), type: null };
  const entries = formDataEntries(object);
  if (entries !== undefined) return encodeMultipart(entries);
  if (object instanceof URLSearchParamsClass) {
    return { bytes: utf8(object.toString()), type: 'application/x-www-form-urlencoded;charset=UTF-8' };
  }
  return { bytes: utf8(str(object)), type: 'text/plain;charset=UTF-8' };
}

/// Takes the body of a Request or Response for reading (once); a null body reads as no bytes.
function takeBody(s, operation, name) {
  if (s.body === null) return new Uint8Array(0);
  if (s.used) throw new TypeError(`${execute(operation, name)}: body stream already read`);
  s.used = true;
  return s.body;
}

function mimeEssence(headers) {
  const type = combinedValue(headersState(headers).list, 'content-type');
  return type === null ? '' : type.split(';')[0].trim().toLowerCase();
}

/// What the Body mixin's methods (arrayBuffer(), text(), ...) make of a body's bytes.
const bodyReaders = {
  arrayBuffer: (bytes) => bytes.slice().buffer,
  blob: (bytes, s) => createBlob(bytes, blobType(combinedValue(headersState(s.headers).list, 'content-type') ?? '')),
  bytes: (bytes) => bytes.slice(),
  formData(bytes, s, name) {
    const type = combinedValue(headersState(s.headers).list, 'content-type') ?? '';
    const essence = mimeEssence(s.headers);
    const boundary = /;\s*boundary="?([^";]+)"?/i.exec(type);
    const formData = essence === 'multipart/form-data' && boundary !== null ? parseMultipart(bytes, boundary[1])
      : essence === 'application/x-www-form-urlencoded' ? urlencodedFormData(fromUtf8(bytes)) : null;
    if (formData === null) throw new TypeError(`${execute('formData', name)}: Failed to fetch`);
    return formData;
  },
  json: (bytes) => JSON.parse(fromUtf8(bytes)),
  text: (bytes) => fromUtf8(bytes),
};

/// Reads the body of a Request or Response (s, its state) once, with bodyReaders[operation].
function readBody(s, operation, name) {
  return bodyReaders[operation](takeBody(s, operation, name), s, name);
}

function urlencodedFormData(text) {
  const formData = new FormData();
  const entries = formDataEntries(formData);
  for (const pair of new URLSearchParamsClass(text)) entries.push(pair);
  return formData;
}

// ---- Request ----------------------------------------------------------------------------------------------

let requestState;
const requestModes = ['cors', 'navigate', 'no-cors', 'same-origin'];
const requestCredentials = ['same-origin', 'include', 'omit'];
const requestCaches = ['default', 'force-cache', 'no-cache', 'no-store', 'only-if-cached', 'reload'];
const requestRedirects = ['follow', 'error', 'manual'];
const referrerPolicies = ['', 'no-referrer', 'no-referrer-when-downgrade', 'origin', 'origin-when-cross-origin',
  'same-origin', 'strict-origin', 'strict-origin-when-cross-origin', 'unsafe-url'];
const normalizedMethods = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];

/// Parses url against the page's address (location.href, when there is one); null when it is invalid.
function parseURL(url) {
  try {
    return new URLClass(url, globalThis.location?.href);
  } catch {
    return null;
  }
}

/// A request method: a token, not CONNECT/TRACE/TRACK, and uppercased when it is one of the standard ones.
function requestMethod(value, context, error) {
  const method = byteString(value, context);
  const upper = method.toUpperCase();
  if (!tokenPattern.test(method)) throw error(`${context}: '${method}' is not a valid HTTP method.`);
  if (upper === 'CONNECT' || upper === 'TRACE' || upper === 'TRACK') {
    throw error(`${context}: '${method}' HTTP method is unsupported.`);
  }
  return normalizedMethods.includes(upper) ? upper : method;
}

class Request {
  #s;
  static {
    requestState = (o) => (isObject(o) && #s in o ? o.#s : undefined);
  }
  constructor(input, init = undefined) {
    const context = construct('Request');
    requireArguments(arguments.length, 1, context);
    const options = dictionary(init, 'RequestInit', context);
    const from = requestState(input);
    const s = from === undefined ? {
      method: 'GET', url: requestURL(input, context), headers: [], body: null, used: false, mode: 'cors',
      credentials: 'same-origin', cache: 'default', redirect: 'follow', referrer: 'about:client',
      referrerPolicy: '', integrity: '', keepalive: false, signal: null,
    } : { ...from, headers: headersState(from.headers).list, used: false };
    if (from !== undefined && from.used) {
      throw new TypeError(`${context}: Cannot construct a Request with a Request object that has already been used.`);
    }
    if (options.method !== undefined) s.method = requestMethod(options.method, context, (message) => new TypeError(message));
    const enumOf = (key, values, type) =>
      options[key] === undefined ? s[key] : enumMember(options, key, values, type, 'RequestInit', context);
    s.mode = enumOf('mode', requestModes, 'RequestMode');
    if (s.mode === 'navigate') throw new TypeError(`${context}: Cannot construct a Request with a RequestInit whose mode member is set as 'navigate'.`);
    s.credentials = enumOf('credentials', requestCredentials, 'RequestCredentials');
    s.cache = enumOf('cache', requestCaches, 'RequestCache');
    s.redirect = enumOf('redirect', requestRedirects, 'RequestRedirect');
    s.referrerPolicy = enumOf('referrerPolicy', referrerPolicies, 'ReferrerPolicy');
    if (options.referrer !== undefined) s.referrer = requestReferrer(options.referrer, context);
    if (options.integrity !== undefined) s.integrity = str(options.integrity);
    if (options.keepalive !== undefined) s.keepalive = !!options.keepalive;
    const headers = createHeaders('request');
    if (options.headers !== undefined) fillHeaders(headersState(headers), options.headers, context);
    else headersState(headers).list = s.headers.slice();
    s.headers = headers;
    const hasBody = options.body !== undefined && options.body !== null;
    if ((hasBody || (from !== undefined && from.body !== null)) && (s.method === 'GET' || s.method === 'HEAD')) {
      throw new TypeError(`${context}: Request with GET/HEAD method cannot have body.`);
    }
    if (hasBody) {
      const body = extractBody(options.body);
      s.body = body.bytes;
      if (body.type !== null && !headers.has('content-type')) headersState(headers).list.push(['Content-Type', body.type]);
    } else if (from !== undefined && from.body !== null) {
      from.used = true;
    }
    let follow = s.signal;
    if (options.signal !== undefined) {
      if (options.signal !== null && signalState(options.signal) === undefined) {
        throw new TypeError(`${context}: Failed to read the 'signal' property from 'RequestInit': Failed to convert value to 'AbortSignal'.`);
      }
      follow = options.signal;
    }
    s.signal = dependentSignal(follow === null ? [] : [follow]);
    this.#s = s;
  }
  get method() {
    return brand(requestState(this)).method;
  }
  get url() {
    return brand(requestState(this)).url;
  }
  get headers() {
    return brand(requestState(this)).headers;
  }
  get destination() {
    brand(requestState(this));
    return '';
  }
  get referrer() {
    return brand(requestState(this)).referrer;
  }
  get referrerPolicy() {
    return brand(requestState(this)).referrerPolicy;
  }
  get mode() {
    return brand(requestState(this)).mode;
  }
  get credentials() {
    return brand(requestState(this)).credentials;
  }
  get cache() {
    return brand(requestState(this)).cache;
  }
  get redirect() {
    return brand(requestState(this)).redirect;
  }
  get integrity() {
    return brand(requestState(this)).integrity;
  }
  get keepalive() {
    return brand(requestState(this)).keepalive;
  }
  get signal() {
    return brand(requestState(this)).signal;
  }
  get duplex() {
    brand(requestState(this));
    return 'half';
  }
  get isHistoryNavigation() {
    brand(requestState(this));
    return false;
  }
  get bodyUsed() {
    return brand(requestState(this)).used;
  }
  async arrayBuffer() {
    return readBody(brand(requestState(this)), 'arrayBuffer', 'Request');
  }
  async blob() {
    return readBody(brand(requestState(this)), 'blob', 'Request');
  }
  clone() {
    const s = brand(requestState(this));
    if (s.used) throw new TypeError(`${execute('clone', 'Request')}: Request body is already used`);
    const request = new Request(s.url);
    const headers = createHeaders('request', headersState(s.headers).list);
    Object.assign(requestState(request), { ...s, headers, signal: dependentSignal([s.signal]) });
    return request;
  }
  async formData() {
    return readBody(brand(requestState(this)), 'formData', 'Request');
  }
  async json() {
    return readBody(brand(requestState(this)), 'json', 'Request');
  }
  async text() {
    return readBody(brand(requestState(this)), 'text', 'Request');
  }
  get isReloadNavigation() {
    brand(requestState(this));
    return false;
  }
  async bytes() {
    return readBody(brand(requestState(this)), 'bytes', 'Request');
  }
}
webInterface(Request);

function requestURL(input, context) {
  const url = parseURL(str(input));
  if (url === null) throw new TypeError(`${context}: Failed to parse URL from ${str(input)}`);
  if (url.username !== '' || url.password !== '') {
    throw new TypeError(`${context}: Request cannot be constructed from a URL that includes credentials: ${str(input)}`);
  }
  return url.href;
}

function requestReferrer(value, context) {
  const referrer = str(value);
  if (referrer === '') return '';
  const url = parseURL(referrer);
  if (url === null) throw new TypeError(`${context}: The referrer URL ${referrer} is invalid.`);
  return url.href === 'about:client' ? 'about:client' : url.href;
}

// ---- Response ---------------------------------------------------------------------------------------------

let responseState;
const nullBodyStatuses = [101, 103, 204, 205, 304];
const redirectStatuses = [301, 302, 303, 307, 308];

class Response {
  #s;
  static {
    responseState = (o) => (isObject(o) && #s in o ? o.#s : undefined);
  }
  constructor(body = null, init = undefined) {
    const context = construct('Response');
    const options = dictionary(init, 'ResponseInit', context);
    const status = options.status === undefined ? 200 : Math.trunc(Number(options.status)) & 0xffff;
    if (status < 200 || status > 599) {
      throw new RangeError(`${context}: The status provided (${status}) is outside the range [200, 599].`);
    }
    const statusText = options.statusText === undefined ? '' : byteString(options.statusText, context);
    if (/[\r\n]/.test(statusText)) throw new TypeError(`${context}: Invalid statusText`);
    const headers = createHeaders('response');
    if (options.headers !== undefined) fillHeaders(headersState(headers), options.headers, context);
    let bytes = null;
    if (body !== null && body !== undefined) {
      if (nullBodyStatuses.includes(status)) throw new TypeError(`${context}: Response with null body status cannot have body`);
      const extracted = extractBody(body);
      bytes = extracted.bytes;
      if (extracted.type !== null && !headers.has('content-type')) headersState(headers).list.push(['Content-Type', extracted.type]);
    }
    this.#s = { type: 'default', url: '', redirected: false, status, statusText, headers, body: bytes, used: false };
  }
  static error() {
    return createResponse({ type: 'error', status: 0, headers: createHeaders('immutable') });
  }
  static json(data, init = undefined) {
    const context = execute('json', 'Response');
    requireArguments(arguments.length, 1, context);
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError(`${context}: The data provided cannot be converted to JSON.`);
    const response = new Response(null, init);
    const s = responseState(response);
    if (nullBodyStatuses.includes(s.status)) throw new TypeError(`${context}: Response with null body status cannot have body`);
    s.body = utf8(text);
    const headers = headersState(s.headers).list;
    if (combinedValue(headers, 'content-type') === null) headers.push(['Content-Type', 'application/json']);
    return response;
  }
  static redirect(url, status = 302) {
    const context = execute('redirect', 'Response');
    requireArguments(arguments.length, 1, context);
    const parsed = parseURL(str(url));
    if (parsed === null) throw new TypeError(`${context}: Failed to parse URL from ${str(url)}`);
    const code = Math.trunc(Number(status)) & 0xffff;
    if (!redirectStatuses.includes(code)) throw new RangeError(`${context}: Invalid status code`);
    return createResponse({ status: code, headers: createHeaders('immutable', [['Location', parsed.href]]) });
  }
  get type() {
    return brand(responseState(this)).type;
  }
  get url() {
    return brand(responseState(this)).url;
  }
  get redirected() {
    return brand(responseState(this)).redirected;
  }
  get status() {
    return brand(responseState(this)).status;
  }
  get ok() {
    const { status } = brand(responseState(this));
    return status >= 200 && status <= 299;
  }
  get statusText() {
    return brand(responseState(this)).statusText;
  }
  get headers() {
    return brand(responseState(this)).headers;
  }
  get bodyUsed() {
    return brand(responseState(this)).used;
  }
  async arrayBuffer() {
    return readBody(brand(responseState(this)), 'arrayBuffer', 'Response');
  }
  async blob() {
    return readBody(brand(responseState(this)), 'blob', 'Response');
  }
  clone() {
    const s = brand(responseState(this));
    if (s.used) throw new TypeError(`${execute('clone', 'Response')}: Response body is already used`);
    return createResponse({ ...s, headers: createHeaders(headersState(s.headers).guard, headersState(s.headers).list) });
  }
  async formData() {
    return readBody(brand(responseState(this)), 'formData', 'Response');
  }
  async json() {
    return readBody(brand(responseState(this)), 'json', 'Response');
  }
  async text() {
    return readBody(brand(responseState(this)), 'text', 'Response');
  }
  async bytes() {
    return readBody(brand(responseState(this)), 'bytes', 'Response');
  }
}
webInterface(Response);

/// A Response the platform makes (errors, redirects, clones, fetch's answers), from its internal fields.
function createResponse(fields) {
  const response = new Response();
  Object.assign(responseState(response), fields);
  return response;
}

// ---- fetch ------------------------------------------------------------------------------------------------

async function fetch(input, init = undefined) {
  requireArguments(arguments.length, 1, execute('fetch', 'Window'));
  const request = new Request(input, init);
  const s = requestState(request);
  const signal = signalState(s.signal);
  if (signal.aborted) throw signal.reason;
  const url = new URLClass(s.url);
  if (url.protocol === 'data:') return dataURLResponse(url);
  const answer = new Promise((resolve, reject) => {
    addAbortAlgorithm(s.signal, () => reject(signal.reason));
    const headers = headersState(s.headers).list.map((pair) => pair.slice());
    native.request(s.method, stripFragment(s.url), headers, s.body).then(resolve, reject);
  });
  const reply = await answer;
  const finalURL = stripFragment(reply.url || s.url);
  return createResponse({
    type: sameOrigin(finalURL) ? 'basic' : 'cors',
    url: finalURL,
    redirected: finalURL !== stripFragment(s.url),
    status: reply.status,
    statusText: reply.statusText,
    // What a browser's filtered response shows: everything but Set-Cookie, read-only.
    headers: createHeaders('immutable', reply.headers.filter(([n]) => !isSetCookie(n.toLowerCase()))),
    body: nullBodyStatuses.includes(reply.status) ? null : reply.body,
  });
}

function stripFragment(url) {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}

function sameOrigin(url) {
  const page = globalThis.location?.href;
  return page === undefined || new URLClass(url).origin === new URLClass(page).origin;
}

/// The answer to a data: URL (Fetch Standard, "data: URL processor"), which needs no network.
function dataURLResponse(url) {
  const href = stripFragment(url.href).slice('data:'.length);
  const comma = href.indexOf(',');
  if (comma < 0) throw new TypeError('Failed to fetch');
  let type = href.slice(0, comma).trim();
  const base64 = /;\s*base64\s*$/i.test(type);
  if (base64) type = type.replace(/;\s*base64\s*$/i, '');
  if (type.startsWith(';')) type = `text/plain${type}`;
  if (type === '') type = 'text/plain;charset=US-ASCII';
  // The URL parser left only ASCII in href, so each character not in a %XX escape is one byte.
  const binary = href.slice(comma + 1).replace(/%([0-9A-Fa-f]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  let decoded = binary;
  if (base64) {
    try {
      decoded = decodeBase64(binary);
    } catch {
      throw new TypeError('Failed to fetch');
    }
  }
  const bytes = Uint8Array.from(decoded, (c) => c.charCodeAt(0));
  return createResponse({
    type: 'basic', url: url.href, status: 200, statusText: 'OK',
    headers: createHeaders('immutable', [['Content-Type', type]]), body: bytes,
  });
}

// ---- XMLHttpRequest ---------------------------------------------------------------------------------------

class XMLHttpRequestEventTarget extends EventTarget {
  constructor() {
    if (arguments[0] !== INTERNAL) throw illegalConstructor(new.target.name);
    super();
  }
  get onloadstart() {
    return eventHandler(this, 'loadstart');
  }
  set onloadstart(value) {
    setEventHandler(this, 'loadstart', value);
  }
  get onprogress() {
    return eventHandler(this, 'progress');
  }
  set onprogress(value) {
    setEventHandler(this, 'progress', value);
  }
  get onabort() {
    return eventHandler(this, 'abort');
  }
  set onabort(value) {
    setEventHandler(this, 'abort', value);
  }
  get onerror() {
    return eventHandler(this, 'error');
  }
  set onerror(value) {
    setEventHandler(this, 'error', value);
  }
  get onload() {
    return eventHandler(this, 'load');
  }
  set onload(value) {
    setEventHandler(this, 'load', value);
  }
  get ontimeout() {
    return eventHandler(this, 'timeout');
  }
  set ontimeout(value) {
    setEventHandler(this, 'timeout', value);
  }
  get onloadend() {
    return eventHandler(this, 'loadend');
  }
  set onloadend(value) {
    setEventHandler(this, 'loadend', value);
  }
}
webInterface(XMLHttpRequestEventTarget, { constructible: false });

class XMLHttpRequestUpload extends XMLHttpRequestEventTarget {}
webInterface(XMLHttpRequestUpload, { constructible: false });

const UNSENT = 0;
const OPENED = 1;
const HEADERS_RECEIVED = 2;
const LOADING = 3;
const DONE = 4;
const responseTypes = ['', 'arraybuffer', 'blob', 'document', 'json', 'text'];
let xhrState;

class XMLHttpRequest extends XMLHttpRequestEventTarget {
  // response: the host's answer while there is one; generation: bumped by open() and abort() so an answer to
  // an earlier send() is ignored; cache: the response object for responseType 'arraybuffer', 'blob', 'json'.
  #s = {
    readyState: UNSENT, method: 'GET', url: null, headers: [], send: false, timeout: 0, withCredentials: false,
    upload: null, responseType: '', mimeOverride: null, response: null, generation: 0, timer: undefined,
    cache: undefined,
  };
  static {
    xhrState = (o) => (isObject(o) && #s in o ? o.#s : undefined);
  }
  constructor() {
    super(INTERNAL);
  }
  get onreadystatechange() {
    brand(xhrState(this));
    return eventHandler(this, 'readystatechange');
  }
  set onreadystatechange(value) {
    brand(xhrState(this));
    setEventHandler(this, 'readystatechange', value);
  }
  get readyState() {
    return brand(xhrState(this)).readyState;
  }
  get timeout() {
    return brand(xhrState(this)).timeout;
  }
  set timeout(value) {
    brand(xhrState(this)).timeout = Math.trunc(Number(value)) >>> 0;
  }
  get withCredentials() {
    return brand(xhrState(this)).withCredentials;
  }
  set withCredentials(value) {
    const s = brand(xhrState(this));
    if ((s.readyState !== UNSENT && s.readyState !== OPENED) || s.send) {
      throw new DOMExceptionClass("Failed to set the 'withCredentials' property on 'XMLHttpRequest': " +
        "The value may only be set if the object's state is UNSENT or OPENED.", 'InvalidStateError');
    }
    s.withCredentials = !!value;
  }
  get upload() {
    const s = brand(xhrState(this));
    s.upload ??= new XMLHttpRequestUpload(INTERNAL);
    return s.upload;
  }
  get responseURL() {
    const s = brand(xhrState(this));
    return s.response === null ? '' : stripFragment(s.response.url);
  }
  get status() {
    const s = brand(xhrState(this));
    return s.response === null ? 0 : s.response.status;
  }
  get statusText() {
    const s = brand(xhrState(this));
    return s.response === null ? '' : s.response.statusText;
  }
  get responseType() {
    return brand(xhrState(this)).responseType;
  }
  set responseType(value) {
    const s = brand(xhrState(this));
    if (s.readyState === LOADING || s.readyState === DONE) {
      throw new DOMExceptionClass("Failed to set the 'responseType' property on 'XMLHttpRequest': The response " +
        'type cannot be set if the object\'s state is LOADING or DONE.', 'InvalidStateError');
    }
    // Chrome ignores (with a console warning) a value that is not a known response type.
    if (responseTypes.includes(str(value))) s.responseType = str(value);
  }
  get response() {
    const s = brand(xhrState(this));
    if (s.responseType === '' || s.responseType === 'text') return xhrText(s);
    if (s.readyState !== DONE || s.response === null || s.responseType === 'document') return null;
    if (s.cache === undefined) {
      const bytes = s.response.body;
      if (s.responseType === 'arraybuffer') s.cache = bytes.slice().buffer;
      else if (s.responseType === 'blob') s.cache = createBlob(bytes, blobType(xhrContentType(s) ?? ''));
      else s.cache = parseJSONOrNull(fromUtf8(bytes));
    }
    return s.cache;
  }
  get responseText() {
    const s = brand(xhrState(this));
    if (s.responseType !== '' && s.responseType !== 'text') {
      throw new DOMExceptionClass("Failed to read the 'responseText' property from 'XMLHttpRequest': The value is " +
        `only accessible if the object's 'responseType' is '' or 'text' (was '${s.responseType}').`, 'InvalidStateError');
    }
    return xhrText(s);
  }
  get responseXML() {
    brand(xhrState(this));
    return null;
  }
  abort() {
    const s = brand(xhrState(this));
    stopRequest(s);
    if ((s.readyState === OPENED && s.send) || s.readyState === HEADERS_RECEIVED || s.readyState === LOADING) {
      requestError(this, s, 'abort');
    }
    if (s.readyState === DONE) {
      s.readyState = UNSENT;
      s.response = null;
    }
  }
  getAllResponseHeaders() {
    const s = brand(xhrState(this));
    if (s.response === null) return '';
    return sortAndCombine(s.response.headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  }
  getResponseHeader(name) {
    const s = brand(xhrState(this));
    requireArguments(arguments.length, 1, execute('getResponseHeader', 'XMLHttpRequest'));
    return s.response === null ? null : combinedValue(s.response.headers, str(name));
  }
  open(method, url, async = true, username = undefined, password = undefined) {
    const s = brand(xhrState(this));
    const context = execute('open', 'XMLHttpRequest');
    requireArguments(arguments.length, 2, context);
    const validMethod = requestMethod(method, context, (message) => new DOMExceptionClass(message, 'SyntaxError'));
    const parsed = parseURL(str(url));
    if (parsed === null) throw new DOMExceptionClass(`${context}: Invalid URL`, 'SyntaxError');
    // open(method, url, false) asks for a synchronous request, which would block the sandbox's only thread.
    if (arguments.length > 2 && !async) {
      throw new DOMExceptionClass(`${context}: Synchronous requests are not supported in the sandbox`, 'InvalidAccessError');
    }
    if (username !== undefined && username !== null) parsed.username = str(username);
    if (password !== undefined && password !== null) parsed.password = str(password);
    stopRequest(s);
    Object.assign(s, { method: validMethod, url: parsed.href, headers: [], send: false, response: null, cache: undefined });
    if (s.readyState !== OPENED) {
      s.readyState = OPENED;
      fireEvent(this, 'readystatechange');
    }
  }
  overrideMimeType(mime) {
    const s = brand(xhrState(this));
    const context = execute('overrideMimeType', 'XMLHttpRequest');
    requireArguments(arguments.length, 1, context);
    if (s.readyState === LOADING || s.readyState === DONE) {
      throw new DOMExceptionClass(`${context}: MimeType cannot be overridden when the state is LOADING or DONE.`, 'InvalidStateError');
    }
    s.mimeOverride = str(mime);
  }
  send(body = null) {
    const s = brand(xhrState(this));
    const context = execute('send', 'XMLHttpRequest');
    if (s.readyState !== OPENED || s.send) {
      throw new DOMExceptionClass(`${context}: The object's state must be OPENED.`, 'InvalidStateError');
    }
    let bytes = null;
    if (body !== null && body !== undefined && s.method !== 'GET' && s.method !== 'HEAD') {
      const extracted = extractBody(body);
      bytes = extracted.bytes;
      if (extracted.type !== null && combinedValue(s.headers, 'content-type') === null) {
        s.headers.push(['Content-Type', extracted.type]);
      }
    }
    s.send = true;
    const generation = ++s.generation;
    fireEvent(this, 'loadstart', ProgressEvent, { loaded: 0, total: 0 });
    if (s.generation !== generation) return;
    if (s.timeout > 0) {
      s.timer = setTimer(() => {
        if (s.generation === generation) {
          stopRequest(s);
          requestError(this, s, 'timeout');
        }
      }, s.timeout);
    }
    native.request(s.method, stripFragment(s.url), s.headers.map((pair) => pair.slice()), bytes).then(
      (reply) => {
        if (s.generation === generation) receiveResponse(this, s, generation, reply);
      },
      () => {
        if (s.generation !== generation) return;
        stopRequest(s);
        requestError(this, s, 'error');
      },
    );
  }
  setRequestHeader(name, value) {
    const s = brand(xhrState(this));
    const context = execute('setRequestHeader', 'XMLHttpRequest');
    requireArguments(arguments.length, 2, context);
    if (s.readyState !== OPENED || s.send) {
      throw new DOMExceptionClass(`${context}: The object's state must be OPENED.`, 'InvalidStateError');
    }
    const validValue = byteString(value, context).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
    const validName = byteString(name, context);
    if (!tokenPattern.test(validName)) {
      throw new DOMExceptionClass(`${context}: '${validName}' is not a valid HTTP header field name.`, 'SyntaxError');
    }
    if (/[\0\r\n]/.test(validValue)) {
      throw new DOMExceptionClass(`${context}: '${validValue}' is not a valid HTTP header field value.`, 'SyntaxError');
    }
    const lower = validName.toLowerCase();
    // Chrome refuses these ("Refused to set unsafe header") without throwing.
    if (isForbiddenRequestHeader(lower)) return;
    const existing = s.headers.find(([n]) => n.toLowerCase() === lower);
    if (existing === undefined) s.headers.push([validName, validValue]);
    else existing[1] = `${existing[1]}, ${validValue}`;
  }
}
webInterface(XMLHttpRequest, { constants: { UNSENT, OPENED, HEADERS_RECEIVED, LOADING, DONE } });

/// Forgets the request in flight: its answer, if it still comes, is ignored.
function stopRequest(s) {
  s.generation++;
  clearTimer(s.timer);
}

/// The XHR "request error steps" for an error, a timeout or an abort.
function requestError(xhr, s, type) {
  Object.assign(s, { readyState: DONE, send: false, response: null, cache: undefined });
  fireEvent(xhr, 'readystatechange');
  fireEvent(xhr, type, ProgressEvent, { loaded: 0, total: 0 });
  fireEvent(xhr, 'loadend', ProgressEvent, { loaded: 0, total: 0 });
}

/// Delivers the host's answer: HEADERS_RECEIVED, LOADING, progress, DONE, load and loadend, stopping if a
/// listener calls abort() or open() on the way.
function receiveResponse(xhr, s, generation, reply) {
  clearTimer(s.timer);
  const headers = reply.headers.filter(([n]) => !isSetCookie(n.toLowerCase()));
  s.response = { status: reply.status, statusText: reply.statusText, headers, body: reply.body, url: reply.url || s.url };
  const length = reply.body.length;
  const progress = { lengthComputable: combinedValue(headers, 'content-length') !== null, loaded: length, total: length };
  for (const state of [HEADERS_RECEIVED, LOADING]) {
    s.readyState = state;
    fireEvent(xhr, 'readystatechange');
    if (s.generation !== generation) return;
  }
  fireEvent(xhr, 'progress', ProgressEvent, progress);
  if (s.generation !== generation) return;
  Object.assign(s, { readyState: DONE, send: false });
  fireEvent(xhr, 'readystatechange');
  fireEvent(xhr, 'load', ProgressEvent, progress);
  fireEvent(xhr, 'loadend', ProgressEvent, progress);
}

function xhrContentType(s) {
  return s.mimeOverride ?? combinedValue(s.response.headers, 'content-type');
}

/// The response as text, decoded with the charset of its (or the overridden) Content-Type, UTF-8 by
/// default: Chrome decodes a GBK or Shift_JIS page's XHR answer this way too.
function xhrText(s) {
  if ((s.readyState !== LOADING && s.readyState !== DONE) || s.response === null) return '';
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(xhrContentType(s) ?? '');
  if (charset === null) return fromUtf8(s.response.body);
  try {
    return new TextDecoderClass(charset[1]).decode(s.response.body);
  } catch {
    return fromUtf8(s.response.body);
  }
}

function parseJSONOrNull(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

define('fetch', fetch);
