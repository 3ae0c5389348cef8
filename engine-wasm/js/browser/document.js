// document.js: Document, HTMLDocument and the page's document (its tree <!DOCTYPE html><html><head><title>
// </title></head><body></body></html>), and the cookie jar behind document.cookie (RFC 6265 as browsers apply
// it to script: path and domain matching, expiry, max-age, no HttpOnly cookies). The host reads the jar
// through native.browserCookies().

/// The cookie jar: {name, value, domain, hostOnly, path, expires (ms since the epoch, or null for a session
/// cookie), secure, sameSite, created}, in creation order.
let cookieJar = [];
let cookieClock = 0;

/// The default-path of RFC 6265 5.1.4 for the page's URL.
function defaultCookiePath() {
  const path = pageURL.pathname;
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

function pathMatches(requestPath, cookiePath) {
  return requestPath === cookiePath || (requestPath.startsWith(cookiePath) &&
    (cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'));
}

function domainMatches(host, cookie) {
  return cookie.hostOnly ? host === cookie.domain : host === cookie.domain || host.endsWith(`.${cookie.domain}`);
}

/// Stores one Set-Cookie string as document.cookie's setter does (RFC 6265 5.2 and 5.3).
function setCookie(text, now) {
  const [pair, ...attributes] = text.split(';');
  const eq = pair.indexOf('=');
  const name = (eq < 0 ? '' : pair.slice(0, eq)).trim();
  const value = (eq < 0 ? pair : pair.slice(eq + 1)).trim();
  const host = pageURL.hostname;
  const cookie = { name, value, domain: host, hostOnly: true, path: defaultCookiePath(), expires: null, secure: false, sameSite: 'Lax' };
  let maxAge;
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const arg = at < 0 ? '' : attribute.slice(at + 1).trim();
    if (key === 'expires') {
      const time = Date.parse(arg);
      if (!Number.isNaN(time)) cookie.expires = time;
    } else if (key === 'max-age' && /^-?\d+$/.test(arg)) {
      maxAge = Number(arg);
    } else if (key === 'domain' && arg !== '') {
      const domain = arg.replace(/^\./, '').toLowerCase();
      if (host !== domain && !host.endsWith(`.${domain}`)) return;
      cookie.domain = domain;
      cookie.hostOnly = false;
    } else if (key === 'path' && arg.startsWith('/')) {
      cookie.path = arg;
    } else if (key === 'secure') {
      cookie.secure = true;
    } else if (key === 'samesite') {
      cookie.sameSite = ['strict', 'lax', 'none'].includes(arg.toLowerCase()) ? arg[0].toUpperCase() + arg.slice(1).toLowerCase() : 'Lax';
    } else if (key === 'httponly') {
      return;
    }
  }
  if (maxAge !== undefined) cookie.expires = maxAge <= 0 ? 0 : now + maxAge * 1000;
  if (cookie.secure && pageURL.protocol !== 'https:') return;
  if (name === '' && value === '') return;
  const same = (c) => c.name === cookie.name && c.domain === cookie.domain && c.path === cookie.path;
  const old = cookieJar.find(same);
  cookie.created = old?.created ?? cookieClock++;
  cookieJar = cookieJar.filter((c) => !same(c));
  if (cookie.expires === null || cookie.expires > now) cookieJar.push(cookie);
}

/// document.cookie: the cookies for the page's URL, longer paths first, then older first (RFC 6265 5.4).
function cookieString() {
  const now = Date.now();
  cookieJar = cookieJar.filter((c) => c.expires === null || c.expires > now);
  const path = pageURL.pathname;
  const host = pageURL.hostname;
  const secure = pageURL.protocol === 'https:';
  return cookieJar
    .filter((c) => domainMatches(host, c) && pathMatches(path, c.path) && (secure || !c.secure))
    .sort((a, b) => b.path.length - a.path.length || a.created - b.created)
    .map((c) => (c.name === '' ? c.value : `${c.name}=${c.value}`))
    .join('; ');
}

native.browserCookies = () => {
  const now = Date.now();
  return cookieJar
    .filter((c) => c.expires === null || c.expires > now)
    .map(({ name, value, path, domain, expires }) => ({ name, value, path, domain, expires: expires === null ? null : expires / 1000 }));
};

/// A document's node state; Illegal invocation for anything else.
const documentOf = (o) => {
  const s = nodeOf(o);
  if (s.type !== DOCUMENT_NODE) throw new TypeError('Illegal invocation');
  return s;
};

/// Whether a page document (not one from new Document()): only it has a browsing context, URL and cookies.
const isPageDocument = (s) => s === pageDocumentState;

const eventInterfaces = { event: Event, events: Event, htmlevents: Event, customevent: CustomEvent };

class Document extends Node {
  constructor() {
    super(INTERNAL);
    // new Document() gives an empty document; HTMLDocument (the page's) passes INTERNAL and sets up its own.
    if (arguments[0] !== INTERNAL) createDocumentState(this);
  }
  get implementation() {
    const s = documentOf(this);
    s.implementation ??= Reflect.construct(DOMImplementation, [INTERNAL]);
    return s.implementation;
  }
  get URL() {
    return isPageDocument(documentOf(this)) ? pageURL.href : 'about:blank';
  }
  get documentURI() {
    return this.URL;
  }
  get compatMode() {
    return documentOf(this).children.some((c) => c.type === DOCUMENT_TYPE_NODE) ? 'CSS1Compat' : 'BackCompat';
  }
  get characterSet() {
    documentOf(this);
    return 'UTF-8';
  }
  get charset() {
    return this.characterSet;
  }
  get inputEncoding() {
    return this.characterSet;
  }
  get contentType() {
    return isPageDocument(documentOf(this)) ? 'text/html' : 'application/xml';
  }
  get doctype() {
    return documentOf(this).children.find((c) => c.type === DOCUMENT_TYPE_NODE)?.node ?? null;
  }
  get documentElement() {
    return documentOf(this).children.find((c) => c.type === ELEMENT_NODE)?.node ?? null;
  }
  get domain() {
    return isPageDocument(documentOf(this)) ? pageURL.hostname : '';
  }
  set domain(value) {
    // Relaxing document.domain is deprecated and, like Chrome's default, has no effect; another site is refused.
    const domain = str(value);
    if (pageURL.hostname !== domain && !pageURL.hostname.endsWith(`.${domain}`)) {
      throw new DOMExceptionClass(`Failed to set the 'domain' property on 'Document': '${domain}' is not a suffix of '${pageURL.hostname}'.`, 'SecurityError');
    }
  }
  get referrer() {
    documentOf(this);
    return browserSettings.referrer;
  }
  get cookie() {
    return isPageDocument(documentOf(this)) ? cookieString() : '';
  }
  set cookie(value) {
    if (isPageDocument(documentOf(this))) setCookie(str(value), Date.now());
  }
  get lastModified() {
    documentOf(this);
    const d = new Date();
    const two = (n) => String(n).padStart(2, '0');
    return `${two(d.getMonth() + 1)}/${two(d.getDate())}/${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  }
  get readyState() {
    documentOf(this);
    return 'complete';
  }
  get title() {
    const title = descendants(documentOf(this), (n) => n.local === 'title')[0];
    return title === undefined ? '' : textOf(nodes.get(title)).replace(/[\t\n\f\r ]+/g, ' ').trim();
  }
  set title(value) {
    const s = documentOf(this);
    let title = descendants(s, (n) => n.local === 'title')[0];
    if (title === undefined) {
      const head = descendants(s, (n) => n.local === 'head')[0];
      if (head === undefined) return;
      title = elementState(s.node, 'title').node;
      insert(nodes.get(head), nodes.get(title), null);
    }
    title.textContent = str(value);
  }
  get dir() {
    return this.documentElement?.getAttribute('dir') ?? '';
  }
  set dir(value) {
    this.documentElement?.setAttribute('dir', value);
  }
  get body() {
    return descendants(documentOf(this), (n) => n.local === 'body' && n.parent?.local === 'html')[0] ?? null;
  }
  set body(value) {
    const html = nodes.get(this.documentElement);
    const body = nodes.get(value);
    if (html === undefined || body === undefined || body.type !== ELEMENT_NODE) {
      throw new DOMExceptionClass("Failed to set the 'body' property on 'Document': The new body element is of type 'undefined'.", 'HierarchyRequestError');
    }
    const old = nodes.get(this.body);
    insert(html, body, old ?? null);
    if (old !== undefined && old !== body) detach(old);
  }
  get head() {
    return descendants(documentOf(this), (n) => n.local === 'head' && n.parent?.local === 'html')[0] ?? null;
  }
  get images() {
    return byTagName(documentOf(this), 'img');
  }
  get links() {
    return htmlCollection(descendants(documentOf(this), (n) => (n.local === 'a' || n.local === 'area') && n.attrs.has('href')));
  }
  get forms() {
    return byTagName(documentOf(this), 'form');
  }
  get scripts() {
    return byTagName(documentOf(this), 'script');
  }
  get currentScript() {
    documentOf(this);
    return null;
  }
  get defaultView() {
    return isPageDocument(documentOf(this)) ? globalThis : null;
  }
  get designMode() {
    return documentOf(this).designMode ?? 'off';
  }
  set designMode(value) {
    const mode = str(value).toLowerCase();
    if (mode === 'on' || mode === 'off') documentOf(this).designMode = mode;
  }
  get onreadystatechange() {
    return eventHandler(this, 'readystatechange');
  }
  set onreadystatechange(value) {
    setEventHandler(this, 'readystatechange', value);
  }
  get all() {
    return collection(HTMLAllCollection, descendants(documentOf(this), () => true));
  }
  get hidden() {
    documentOf(this);
    return false;
  }
  get visibilityState() {
    documentOf(this);
    return 'visible';
  }
  get activeElement() {
    return this.body;
  }
  get fullscreenEnabled() {
    documentOf(this);
    return true;
  }
  // Chrome keeps the legacy setter, which does nothing.
  set fullscreenEnabled(value) {
    documentOf(this);
  }
  get children() {
    return htmlCollection(documentOf(this).children.filter((c) => c.type === ELEMENT_NODE).map((c) => c.node));
  }
  createElement(localName) {
    const s = documentOf(this);
    const context = execute('createElement', 'Document');
    requireArguments(arguments.length, 1, context);
    const name = str(localName);
    if (!/^[a-zA-Z][^\t\n\f\r />\0]*$/.test(name)) {
      throw new DOMExceptionClass(`${context}: The tag name provided ('${name}') is not a valid name.`, 'InvalidCharacterError');
    }
    return elementState(s.node, name.toLowerCase()).node;
  }
  createElementNS(namespace, qualifiedName) {
    requireArguments(arguments.length, 2, execute('createElementNS', 'Document'));
    return this.createElement(qualifiedName);
  }
  createTextNode(data) {
    const s = documentOf(this);
    requireArguments(arguments.length, 1, execute('createTextNode', 'Document'));
    return textNode(s.node, str(data)).node;
  }
  createComment(data) {
    const s = documentOf(this);
    requireArguments(arguments.length, 1, execute('createComment', 'Document'));
    return commentNode(s.node, str(data)).node;
  }
  createEvent(eventInterface) {
    documentOf(this);
    const context = execute('createEvent', 'Document');
    requireArguments(arguments.length, 1, context);
    const EventClass = eventInterfaces[str(eventInterface).toLowerCase()];
    if (EventClass === undefined) {
      throw new DOMExceptionClass(`${context}: The provided event type ('${str(eventInterface)}') is invalid.`, 'NotSupportedError');
    }
    return new EventClass('');
  }
  getElementById(elementId) {
    const s = documentOf(this);
    requireArguments(arguments.length, 1, execute('getElementById', 'Document'));
    const id = str(elementId);
    return descendants(s, (n) => n.attrs.get('id') === id)[0] ?? null;
  }
  getElementsByClassName(classNames) {
    const s = documentOf(this);
    requireArguments(arguments.length, 1, execute('getElementsByClassName', 'Document'));
    return byClassName(s, classNames);
  }
  getElementsByName(elementName) {
    const s = documentOf(this);
    requireArguments(arguments.length, 1, execute('getElementsByName', 'Document'));
    const name = str(elementName);
    return nodeList(descendants(s, (n) => n.attrs.get('name') === name));
  }
  getElementsByTagName(qualifiedName) {
    const s = documentOf(this);
    requireArguments(arguments.length, 1, execute('getElementsByTagName', 'Document'));
    return byTagName(s, qualifiedName);
  }
  hasFocus() {
    return isPageDocument(documentOf(this));
  }
  querySelector(selectors) {
    const s = documentOf(this);
    requireArguments(arguments.length, 1, execute('querySelector', 'Document'));
    return descendants(s, selectorMatcher(selectors, 'querySelector', 'Document'))[0] ?? null;
  }
  querySelectorAll(selectors) {
    const s = documentOf(this);
    requireArguments(arguments.length, 1, execute('querySelectorAll', 'Document'));
    return nodeList(descendants(s, selectorMatcher(selectors, 'querySelectorAll', 'Document')));
  }
  // The page's document is complete: write, open and close have nothing to act on.
  write() {
    documentOf(this);
  }
  writeln() {
    documentOf(this);
  }
  open() {
    return documentOf(this).node;
  }
  close() {
    documentOf(this);
  }
}
browserInterface(Document);

class HTMLDocument extends Document {
  constructor() {
    if (arguments[0] !== INTERNAL) throw illegalConstructor('HTMLDocument');
    super(INTERNAL);
  }
}
browserInterface(HTMLDocument, { constructible: false });

class HTMLAllCollection {
  constructor() {
    if (arguments[0] !== INTERNAL) throw illegalConstructor('HTMLAllCollection');
  }
  get length() {
    return listOf(this).length;
  }
  item(index) {
    return listOf(this)[Number(index) >>> 0] ?? null;
  }
  namedItem(name) {
    const key = str(name);
    return listOf(this).find((n) => n.id === key || n.getAttribute('name') === key) ?? null;
  }
}
browserInterface(HTMLAllCollection, { constructible: false });

class DOMImplementation {
  constructor() {
    if (arguments[0] !== INTERNAL) throw illegalConstructor('DOMImplementation');
  }
  createHTMLDocument(title = undefined) {
    const doc = new Document();
    const s = nodes.get(doc);
    buildTree(s, title);
    return doc;
  }
  hasFeature() {
    return true;
  }
}
browserInterface(DOMImplementation, { constructible: false });

/// Gives document state s the tree of an empty HTML page: doctype, html, head (with a title when given), body.
function buildTree(s, title) {
  insert(s, createNode(DocumentType, { type: DOCUMENT_TYPE_NODE, name: 'html', doc: s.node }), null);
  const html = elementState(s.node, 'html');
  const head = elementState(s.node, 'head');
  insert(s, html, null);
  insert(html, head, null);
  insert(html, elementState(s.node, 'body'), null);
  if (title !== undefined) {
    const element = elementState(s.node, 'title');
    insert(head, element, null);
    insert(element, textNode(s.node, str(title)), null);
  }
}

/// The page's document, built with the image; installBrowser only changes its title when one is given.
const pageDocument = Reflect.construct(HTMLDocument, [INTERNAL]);
const pageDocumentState = createDocumentState(pageDocument);
buildTree(pageDocumentState, '');

function createDocumentState(doc) {
  const s = { type: DOCUMENT_NODE, name: '#document', doc: null, node: doc, parent: null, children: [] };
  nodes.set(doc, s);
  return s;
}
