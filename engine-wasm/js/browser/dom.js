// dom.js: the browser environment's node tree (DOM Standard): Node, CharacterData, Text, DocumentType, Element,
// HTMLElement and its per-tag interfaces, NodeList, HTMLCollection, DOMTokenList, CSSStyleDeclaration, simple
// selectors (tag, #id, .class, [attr], [attr=value], descendant and child combinators, lists) and an HTML
// fragment parser and serialiser for innerHTML/outerHTML. It also owns `browserInterface`, which every
// browser file uses: the interfaces are built with the image and only installBrowser (window.js) makes them
// globals, so a Context without browser= has none of them.

/// The browser environment's interface objects, in the order installBrowser defines them.
const browserInterfaces = [];

function browserInterface(Impl, options = {}) {
  const I = webInterface(Impl, { ...options, install: false });
  browserInterfaces.push(I);
  return I;
}

/// An accessor or method descriptor whose function has Chrome's name ("get foo", "set foo", "foo").
function getter(name, get) {
  return getDescriptor({ get [name]() { return get(this); } }, name).get;
}

const ELEMENT_NODE = 1, TEXT_NODE = 3, COMMENT_NODE = 8, DOCUMENT_NODE = 9, DOCUMENT_TYPE_NODE = 10;

/// Node → its state: {type, name (nodeName), parent, children, doc, attrs (Map, elements), data (text)}.
const nodes = new WeakMap();
const nodeOf = (o) => brand(nodes.get(o));

class Node extends EventTarget {
  constructor() {
    if (arguments[0] !== INTERNAL) throw illegalConstructor(new.target.name);
    super();
  }
  get nodeType() {
    return nodeOf(this).type;
  }
  get nodeName() {
    return nodeOf(this).name;
  }
  get baseURI() {
    nodeOf(this);
    return pageURL.href;
  }
  get isConnected() {
    return rootOf(nodeOf(this)).type === DOCUMENT_NODE;
  }
  get ownerDocument() {
    const s = nodeOf(this);
    return s.type === DOCUMENT_NODE ? null : s.doc;
  }
  get parentNode() {
    return nodeOf(this).parent?.node ?? null;
  }
  get parentElement() {
    const parent = nodeOf(this).parent;
    return parent?.type === ELEMENT_NODE ? parent.node : null;
  }
  get childNodes() {
    return nodeList(nodeOf(this).children.map((c) => c.node));
  }
  get firstChild() {
    return nodeOf(this).children[0]?.node ?? null;
  }
  get lastChild() {
    return nodeOf(this).children.at(-1)?.node ?? null;
  }
  get previousSibling() {
    return sibling(nodeOf(this), -1);
  }
  get nextSibling() {
    return sibling(nodeOf(this), 1);
  }
  get nodeValue() {
    const s = nodeOf(this);
    return s.type === TEXT_NODE || s.type === COMMENT_NODE ? s.data : null;
  }
  set nodeValue(value) {
    const s = nodeOf(this);
    if (s.type === TEXT_NODE || s.type === COMMENT_NODE) s.data = value === null ? '' : str(value);
  }
  get textContent() {
    const s = nodeOf(this);
    if (s.type === DOCUMENT_NODE || s.type === DOCUMENT_TYPE_NODE) return null;
    return textOf(s);
  }
  set textContent(value) {
    const s = nodeOf(this);
    if (s.type === TEXT_NODE || s.type === COMMENT_NODE) s.data = value === null ? '' : str(value);
    else if (s.type === ELEMENT_NODE) replaceChildren(s, value === null || value === '' ? [] : [textNode(s.doc, str(value))]);
  }
  appendChild(node) {
    const s = nodeOf(this);
    requireArguments(arguments.length, 1, execute('appendChild', 'Node'));
    insert(s, nodeArgument(node, 'appendChild'), null);
    return node;
  }
  cloneNode(deep = false) {
    return cloneState(nodeOf(this), !!deep).node;
  }
  compareDocumentPosition(other) {
    const s = nodeOf(this);
    const o = nodeArgument(other, 'compareDocumentPosition');
    if (s === o) return 0;
    if (rootOf(s) !== rootOf(o)) return 1 | 32 | 2;
    if (contains(s, o)) return 16 | 4;
    if (contains(o, s)) return 8 | 2;
    const order = [];
    walk(rootOf(s), (n) => order.push(n));
    return order.indexOf(o) > order.indexOf(s) ? 4 : 2;
  }
  contains(other) {
    const s = nodeOf(this);
    return other === null || other === undefined ? false : contains(s, nodeArgument(other, 'contains'));
  }
  getRootNode() {
    return rootOf(nodeOf(this)).node;
  }
  hasChildNodes() {
    return nodeOf(this).children.length > 0;
  }
  insertBefore(node, child) {
    const s = nodeOf(this);
    requireArguments(arguments.length, 2, execute('insertBefore', 'Node'));
    insert(s, nodeArgument(node, 'insertBefore'), child === null || child === undefined ? null : childArgument(s, child, 'insertBefore'));
    return node;
  }
  isDefaultNamespace(namespace) {
    nodeOf(this);
    return namespace === HTML_NAMESPACE;
  }
  isEqualNode(other) {
    const s = nodeOf(this);
    return other !== null && other !== undefined && serialise(s) === serialise(nodeArgument(other, 'isEqualNode'));
  }
  isSameNode(other) {
    nodeOf(this);
    return this === other;
  }
  lookupNamespaceURI(prefix) {
    nodeOf(this);
    return prefix === null || prefix === undefined || prefix === '' ? HTML_NAMESPACE : null;
  }
  lookupPrefix() {
    nodeOf(this);
    return null;
  }
  normalize() {
    walk(nodeOf(this), (n) => {
      const merged = [];
      for (const child of n.children) {
        const last = merged.at(-1);
        if (child.type === TEXT_NODE && last?.type === TEXT_NODE) {
          last.data += child.data;
          child.parent = null;
        } else if (child.type !== TEXT_NODE || child.data !== '') {
          merged.push(child);
        } else {
          child.parent = null;
        }
      }
      n.children = merged;
    });
  }
  removeChild(child) {
    const s = nodeOf(this);
    requireArguments(arguments.length, 1, execute('removeChild', 'Node'));
    detach(childArgument(s, child, 'removeChild'));
    return child;
  }
  replaceChild(node, child) {
    const s = nodeOf(this);
    requireArguments(arguments.length, 2, execute('replaceChild', 'Node'));
    const old = childArgument(s, child, 'replaceChild');
    insert(s, nodeArgument(node, 'replaceChild'), old);
    detach(old);
    return child;
  }
}
const NodeInterface = browserInterface(Node, {
  constants: {
    ELEMENT_NODE, ATTRIBUTE_NODE: 2, TEXT_NODE, CDATA_SECTION_NODE: 4, ENTITY_REFERENCE_NODE: 5, ENTITY_NODE: 6,
    PROCESSING_INSTRUCTION_NODE: 7, COMMENT_NODE, DOCUMENT_NODE, DOCUMENT_TYPE_NODE, DOCUMENT_FRAGMENT_NODE: 11,
    NOTATION_NODE: 12, DOCUMENT_POSITION_DISCONNECTED: 1, DOCUMENT_POSITION_PRECEDING: 2,
    DOCUMENT_POSITION_FOLLOWING: 4, DOCUMENT_POSITION_CONTAINS: 8, DOCUMENT_POSITION_CONTAINED_BY: 16,
    DOCUMENT_POSITION_IMPLEMENTATION_SPECIFIC: 32,
  },
});

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

function nodeArgument(value, operation) {
  const s = nodes.get(value);
  if (s === undefined) throw new TypeError(`${execute(operation, 'Node')}: parameter 1 is not of type 'Node'.`);
  return s;
}

function childArgument(parent, value, operation) {
  const s = nodeArgument(value, operation);
  if (s.parent !== parent) {
    throw new DOMExceptionClass(`${execute(operation, 'Node')}: The node to be removed is not a child of this node.`, 'NotFoundError');
  }
  return s;
}

function rootOf(s) {
  while (s.parent !== null) s = s.parent;
  return s;
}

function contains(ancestor, s) {
  for (let n = s; n !== null; n = n.parent) if (n === ancestor) return true;
  return false;
}

function sibling(s, step) {
  if (s.parent === null) return null;
  const list = s.parent.children;
  return list[list.indexOf(s) + step]?.node ?? null;
}

/// Calls visit on s and its descendants, in tree order.
function walk(s, visit) {
  visit(s);
  for (const child of s.children) walk(child, visit);
}

function textOf(s) {
  if (s.type === TEXT_NODE) return s.data;
  let text = '';
  for (const child of s.children) if (child.type === TEXT_NODE || child.type === ELEMENT_NODE) text += textOf(child);
  return text;
}

function detach(s) {
  if (s.parent === null) return;
  const list = s.parent.children;
  list.splice(list.indexOf(s), 1);
  s.parent = null;
}

/// Inserts child into parent before `before` (a child state, or null for the end).
function insert(parent, child, before) {
  if (contains(child, parent)) {
    throw new DOMExceptionClass(`${execute('appendChild', 'Node')}: The new child element contains the parent.`, 'HierarchyRequestError');
  }
  detach(child);
  const list = parent.children;
  const index = before === null ? list.length : list.indexOf(before);
  list.splice(index, 0, child);
  child.parent = parent;
}

function replaceChildren(s, children) {
  for (const child of s.children.slice()) detach(child);
  for (const child of children) insert(s, child, null);
}

function createNode(Impl, state) {
  const node = Reflect.construct(Impl, [INTERNAL]);
  nodes.set(node, Object.assign(state, { node, parent: null, children: [] }));
  return state;
}

function cloneState(s, deep) {
  let copy;
  if (s.type === ELEMENT_NODE) copy = elementState(s.doc, s.local, new Map(s.attrs));
  else if (s.type === TEXT_NODE) copy = textNode(s.doc, s.data);
  else if (s.type === COMMENT_NODE) copy = commentNode(s.doc, s.data);
  else copy = createNode(Object.getPrototypeOf(s.node).constructor === DocumentType ? DocumentType : Node, { ...s });
  if (deep) for (const child of s.children) insert(copy, cloneState(child, true), null);
  return copy;
}

class CharacterData extends Node {
  get data() {
    return nodeOf(this).data;
  }
  set data(value) {
    nodeOf(this).data = str(value);
  }
  get length() {
    return nodeOf(this).data.length;
  }
  remove() {
    detach(nodeOf(this));
  }
}
browserInterface(CharacterData, { constructible: false });

class Text extends CharacterData {
  get wholeText() {
    return nodeOf(this).data;
  }
}
browserInterface(Text, { constructible: false });

class Comment extends CharacterData {}
browserInterface(Comment, { constructible: false });

class DocumentType extends Node {
  get name() {
    return nodeOf(this).name;
  }
  get publicId() {
    nodeOf(this);
    return '';
  }
  get systemId() {
    nodeOf(this);
    return '';
  }
}
browserInterface(DocumentType, { constructible: false });

function textNode(doc, data) {
  return createNode(Text, { type: TEXT_NODE, name: '#text', doc, data });
}

function commentNode(doc, data) {
  return createNode(Comment, { type: COMMENT_NODE, name: '#comment', doc, data });
}

/// A static list of nodes (Chrome's are live; page code reads them right away).
class NodeList {
  constructor() {
    if (arguments[0] !== INTERNAL) throw illegalConstructor('NodeList');
  }
  get length() {
    return listOf(this).length;
  }
  item(index) {
    return listOf(this)[Number(index) >>> 0] ?? null;
  }
  forEach(callback, thisArg = undefined) {
    const list = listOf(this);
    forEachPair(this, () => list.map((node, i) => [i, node]), callback, thisArg, execute('forEach', 'NodeList'));
  }
}
browserInterface(NodeList, { constructible: false });

class HTMLCollection {
  constructor() {
    if (arguments[0] !== INTERNAL) throw illegalConstructor('HTMLCollection');
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
browserInterface(HTMLCollection, { constructible: false });

const lists = new WeakMap();
const listOf = (o) => brand(lists.get(o));

function collection(Impl, items) {
  const list = Reflect.construct(Impl, [INTERNAL]);
  items.forEach((item, i) => defineProperty(list, i, { value: item, enumerable: true, configurable: true }));
  lists.set(list, items);
  return list;
}

const nodeList = (items) => collection(NodeList, items);
const htmlCollection = (items) => collection(HTMLCollection, items);
NodeList.prototype[Symbol.iterator] = Array.prototype.values;
HTMLCollection.prototype[Symbol.iterator] = Array.prototype.values;

/// The elements under s (s excluded) that match, in tree order.
function descendants(s, match) {
  const found = [];
  for (const child of s.children) walk(child, (n) => n.type === ELEMENT_NODE && match(n) && found.push(n.node));
  return found;
}

function classesOf(s) {
  return (s.attrs.get('class') ?? '').split(/[\t\n\f\r ]+/).filter(Boolean);
}

// ---- selectors -------------------------------------------------------------------------------------------

const compoundPattern = /^(\*|[a-zA-Z][\w-]*)?((?:#[\w-]+|\.[\w-]+|\[\s*[\w-]+\s*(?:[~^$*|]?=\s*(?:"[^"]*"|'[^']*'|[\w-]+)\s*)?\])*)$/;
const partPattern = /#([\w-]+)|\.([\w-]+)|\[\s*([\w-]+)\s*(?:([~^$*|]?=)\s*(?:"([^"]*)"|'([^']*)'|([\w-]+))\s*)?\]/g;

/// Parses a selector list into a list of complex selectors, each a list of {combinator, test} from the
/// rightmost compound leftwards; null when the selector is not one jscell understands (or not valid).
function parseSelector(text) {
  const complexes = [];
  for (const part of text.split(',')) {
    const tokens = part.trim().replace(/\s*>\s*/g, ' > ').split(/\s+/);
    if (tokens[0] === '' || tokens[0] === '>' || tokens.at(-1) === '>') return null;
    const steps = [];
    let combinator = ' ';
    for (const token of tokens) {
      if (token === '>') {
        if (combinator === '>') return null;
        combinator = '>';
        continue;
      }
      const test = compoundTest(token);
      if (test === null) return null;
      steps.unshift({ combinator, test });
      combinator = ' ';
    }
    complexes.push(steps);
  }
  return complexes;
}

function compoundTest(token) {
  const m = compoundPattern.exec(token);
  if (m === null || token === '') return null;
  const tag = m[1] === undefined || m[1] === '*' ? null : m[1].toLowerCase();
  const tests = [...m[2].matchAll(partPattern)].map(([, id, cls, attr, op, v1, v2, v3]) => {
    if (id !== undefined) return (s) => s.attrs.get('id') === id;
    if (cls !== undefined) return (s) => classesOf(s).includes(cls);
    const want = v1 ?? v2 ?? v3;
    return (s) => {
      const value = s.attrs.get(attr.toLowerCase());
      if (value === undefined) return false;
      if (op === undefined) return true;
      if (op === '=') return value === want;
      if (op === '~=') return value.split(/\s+/).includes(want);
      if (op === '^=') return want !== '' && value.startsWith(want);
      if (op === '$=') return want !== '' && value.endsWith(want);
      if (op === '*=') return want !== '' && value.includes(want);
      return value === want || value.startsWith(`${want}-`);
    };
  });
  return (s) => (tag === null || s.local === tag) && tests.every((t) => t(s));
}

/// Whether element state s matches a complex selector (steps from the right), within scope.
function matchesSteps(s, steps, index = 0) {
  if (!steps[index].test(s)) return false;
  if (index === steps.length - 1) return true;
  if (steps[index].combinator === '>') {
    return s.parent?.type === ELEMENT_NODE && matchesSteps(s.parent, steps, index + 1);
  }
  for (let p = s.parent; p !== null && p.type === ELEMENT_NODE; p = p.parent) {
    if (matchesSteps(p, steps, index + 1)) return true;
  }
  return false;
}

function selectorMatcher(selectors, operation, interfaceName) {
  const complexes = parseSelector(str(selectors));
  if (complexes === null) {
    throw new DOMExceptionClass(`${execute(operation, interfaceName)}: '${str(selectors)}' is not a valid selector.`, 'SyntaxError');
  }
  return (s) => complexes.some((steps) => matchesSteps(s, steps));
}

// ---- HTML fragments --------------------------------------------------------------------------------------

const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const rawTextElements = new Set(['script', 'style', 'textarea', 'title']);
const entities = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === '#') return String.fromCodePoint(parseInt(name[1] === 'x' || name[1] === 'X' ? name.slice(2) : name.slice(1), name[1] === 'x' || name[1] === 'X' ? 16 : 10));
    return entities[name.toLowerCase()] ?? whole;
  });
}

const tagPattern = /<(\/?)([a-zA-Z][^\s/>]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>|<!--([\s\S]*?)-->|<!DOCTYPE[^>]*>/gi;
const attributePattern = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/// Parses an HTML fragment into child states of parent (a forgiving subset of the HTML parser: elements,
/// attributes, text, comments, void and raw-text elements; stray end tags close up to their element).
function parseFragment(parent, html) {
  const doc = parent.doc;
  const open = [parent];
  let last = 0;
  const addText = (text) => text !== '' && insert(open.at(-1), textNode(doc, decodeEntities(text)), null);
  tagPattern.lastIndex = 0;
  for (let m; (m = tagPattern.exec(html)) !== null;) {
    addText(html.slice(last, m.index));
    last = tagPattern.lastIndex;
    if (m[5] !== undefined) {
      insert(open.at(-1), commentNode(doc, m[5]), null);
      continue;
    }
    if (m[2] === undefined) continue;
    const local = m[2].toLowerCase();
    if (m[1] === '/') {
      const at = open.findLastIndex((s, i) => i > 0 && s.local === local);
      if (at > 0) open.length = at;
      continue;
    }
    const attrs = new Map();
    for (const [, name, v1, v2, v3] of m[3].matchAll(attributePattern)) {
      const key = name.toLowerCase();
      if (!attrs.has(key)) attrs.set(key, decodeEntities(v1 ?? v2 ?? v3 ?? ''));
    }
    const element = elementState(doc, local, attrs);
    insert(open.at(-1), element, null);
    if (rawTextElements.has(local)) {
      const end = html.toLowerCase().indexOf(`</${local}`, last);
      const stop = end < 0 ? html.length : end;
      const text = html.slice(last, stop);
      if (text !== '') insert(element, textNode(doc, local === 'script' || local === 'style' ? text : decodeEntities(text)), null);
      const close = end < 0 ? html.length : html.indexOf('>', end) + 1;
      tagPattern.lastIndex = last = close;
    } else if (!voidElements.has(local) && m[4] !== '/') {
      open.push(element);
    }
  }
  addText(html.slice(last));
}

const escapeText = (text) => text.replace(/&/g, '&amp;').replace(/\u00a0/g, '&nbsp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text) => text.replace(/&/g, '&amp;').replace(/\u00a0/g, '&nbsp;').replace(/"/g, '&quot;');

function serialise(s) {
  if (s.type === TEXT_NODE) {
    return s.parent !== null && rawTextElements.has(s.parent.local) && s.parent.local !== 'title' ? s.data : escapeText(s.data);
  }
  if (s.type === COMMENT_NODE) return `<!--${s.data}-->`;
  if (s.type === DOCUMENT_TYPE_NODE) return `<!DOCTYPE ${s.name}>`;
  if (s.type !== ELEMENT_NODE) return s.children.map(serialise).join('');
  let attrs = '';
  for (const [name, value] of s.attrs) attrs += ` ${name}="${escapeAttribute(value)}"`;
  if (voidElements.has(s.local)) return `<${s.local}${attrs}>`;
  return `<${s.local}${attrs}>${s.children.map(serialise).join('')}</${s.local}>`;
}

// ---- elements --------------------------------------------------------------------------------------------

const elementOf = (o) => {
  const s = nodeOf(o);
  if (s.type !== ELEMENT_NODE) throw new TypeError('Illegal invocation');
  return s;
};

class Element extends Node {
  get tagName() {
    return elementOf(this).name;
  }
  get localName() {
    return elementOf(this).local;
  }
  get namespaceURI() {
    elementOf(this);
    return HTML_NAMESPACE;
  }
  get prefix() {
    elementOf(this);
    return null;
  }
  get id() {
    return elementOf(this).attrs.get('id') ?? '';
  }
  set id(value) {
    elementOf(this).attrs.set('id', str(value));
  }
  get className() {
    return elementOf(this).attrs.get('class') ?? '';
  }
  set className(value) {
    elementOf(this).attrs.set('class', str(value));
  }
  get classList() {
    const s = elementOf(this);
    s.classList ??= tokenList(s, 'class');
    return s.classList;
  }
  get children() {
    return htmlCollection(elementOf(this).children.filter((c) => c.type === ELEMENT_NODE).map((c) => c.node));
  }
  get firstElementChild() {
    return elementOf(this).children.find((c) => c.type === ELEMENT_NODE)?.node ?? null;
  }
  get lastElementChild() {
    return elementOf(this).children.findLast((c) => c.type === ELEMENT_NODE)?.node ?? null;
  }
  get childElementCount() {
    return elementOf(this).children.filter((c) => c.type === ELEMENT_NODE).length;
  }
  get innerHTML() {
    return elementOf(this).children.map(serialise).join('');
  }
  set innerHTML(value) {
    const s = elementOf(this);
    replaceChildren(s, []);
    parseFragment(s, value === null ? '' : str(value));
  }
  get outerHTML() {
    return serialise(elementOf(this));
  }
  getAttribute(name) {
    const s = elementOf(this);
    requireArguments(arguments.length, 1, execute('getAttribute', 'Element'));
    return s.attrs.get(str(name).toLowerCase()) ?? null;
  }
  getAttributeNames() {
    return [...elementOf(this).attrs.keys()];
  }
  getBoundingClientRect() {
    elementOf(this);
    return { x: 0, y: 0, width: 0, height: 0, top: 0, right: 0, bottom: 0, left: 0 };
  }
  getElementsByClassName(names) {
    const s = elementOf(this);
    requireArguments(arguments.length, 1, execute('getElementsByClassName', 'Element'));
    return byClassName(s, names);
  }
  getElementsByTagName(name) {
    const s = elementOf(this);
    requireArguments(arguments.length, 1, execute('getElementsByTagName', 'Element'));
    return byTagName(s, name);
  }
  hasAttribute(name) {
    const s = elementOf(this);
    requireArguments(arguments.length, 1, execute('hasAttribute', 'Element'));
    return s.attrs.has(str(name).toLowerCase());
  }
  hasAttributes() {
    return elementOf(this).attrs.size > 0;
  }
  matches(selectors) {
    const s = elementOf(this);
    requireArguments(arguments.length, 1, execute('matches', 'Element'));
    return selectorMatcher(selectors, 'matches', 'Element')(s);
  }
  closest(selectors) {
    const s = elementOf(this);
    requireArguments(arguments.length, 1, execute('closest', 'Element'));
    const match = selectorMatcher(selectors, 'closest', 'Element');
    for (let n = s; n !== null && n.type === ELEMENT_NODE; n = n.parent) if (match(n)) return n.node;
    return null;
  }
  querySelector(selectors) {
    const s = elementOf(this);
    requireArguments(arguments.length, 1, execute('querySelector', 'Element'));
    return descendants(s, selectorMatcher(selectors, 'querySelector', 'Element'))[0] ?? null;
  }
  querySelectorAll(selectors) {
    const s = elementOf(this);
    requireArguments(arguments.length, 1, execute('querySelectorAll', 'Element'));
    return nodeList(descendants(s, selectorMatcher(selectors, 'querySelectorAll', 'Element')));
  }
  removeAttribute(name) {
    const s = elementOf(this);
    requireArguments(arguments.length, 1, execute('removeAttribute', 'Element'));
    s.attrs.delete(str(name).toLowerCase());
  }
  setAttribute(name, value) {
    const s = elementOf(this);
    requireArguments(arguments.length, 2, execute('setAttribute', 'Element'));
    const key = str(name).toLowerCase();
    if (!/^[^\s"'>/=]+$/.test(key)) {
      throw new DOMExceptionClass(`${execute('setAttribute', 'Element')}: '${str(name)}' is not a valid attribute name.`, 'InvalidCharacterError');
    }
    s.attrs.set(key, str(value));
  }
  toggleAttribute(name, force = undefined) {
    const s = elementOf(this);
    const key = str(name).toLowerCase();
    const on = force === undefined ? !s.attrs.has(key) : !!force;
    if (on && !s.attrs.has(key)) s.attrs.set(key, '');
    if (!on) s.attrs.delete(key);
    return on;
  }
  append(...items) {
    const s = elementOf(this);
    for (const item of items) insert(s, nodes.has(item) ? nodes.get(item) : textNode(s.doc, str(item)), null);
  }
  prepend(...items) {
    const s = elementOf(this);
    const first = s.children[0] ?? null;
    for (const item of items) insert(s, nodes.has(item) ? nodes.get(item) : textNode(s.doc, str(item)), first);
  }
  remove() {
    detach(elementOf(this));
  }
}
browserInterface(Element, { constructible: false });

function byTagName(s, name) {
  const local = str(name).toLowerCase();
  return htmlCollection(descendants(s, (n) => local === '*' || n.local === local));
}

function byClassName(s, names) {
  const wanted = str(names).split(/[\t\n\f\r ]+/).filter(Boolean);
  return htmlCollection(descendants(s, (n) => wanted.length > 0 && wanted.every((c) => classesOf(n).includes(c))));
}

/// A DOMTokenList over an attribute of element state s.
class DOMTokenList {
  constructor() {
    if (arguments[0] !== INTERNAL) throw illegalConstructor('DOMTokenList');
  }
  get length() {
    return tokensOf(this).length;
  }
  get value() {
    const { s, name } = tokenOwner(this);
    return s.attrs.get(name) ?? '';
  }
  set value(value) {
    const { s, name } = tokenOwner(this);
    s.attrs.set(name, str(value));
  }
  add(...tokens) {
    const list = tokensOf(this);
    for (const token of tokens.map(str)) if (!list.includes(token)) list.push(token);
    setTokens(this, list);
  }
  contains(token) {
    return tokensOf(this).includes(str(token));
  }
  item(index) {
    return tokensOf(this)[Number(index) >>> 0] ?? null;
  }
  remove(...tokens) {
    const removed = tokens.map(str);
    setTokens(this, tokensOf(this).filter((t) => !removed.includes(t)));
  }
  replace(token, newToken) {
    const list = tokensOf(this);
    const index = list.indexOf(str(token));
    if (index < 0) return false;
    list[index] = str(newToken);
    setTokens(this, [...new Set(list)]);
    return true;
  }
  toggle(token, force = undefined) {
    const t = str(token);
    const has = tokensOf(this).includes(t);
    const on = force === undefined ? !has : !!force;
    if (on && !has) this.add(t);
    if (!on && has) this.remove(t);
    return on;
  }
  toString() {
    return this.value;
  }
}
browserInterface(DOMTokenList, { constructible: false });

const tokenOwners = new WeakMap();
const tokenOwner = (o) => brand(tokenOwners.get(o));
const tokensOf = (o) => {
  const { s, name } = tokenOwner(o);
  return (s.attrs.get(name) ?? '').split(/[\t\n\f\r ]+/).filter(Boolean);
};
const setTokens = (o, list) => {
  const { s, name } = tokenOwner(o);
  s.attrs.set(name, list.join(' '));
};

function tokenList(s, name) {
  const list = Reflect.construct(DOMTokenList, [INTERNAL]);
  tokenOwners.set(list, { s, name });
  return list;
}

/// CSSStyleDeclaration: an element's inline style (any property can be set, unset ones read as ''), or a
/// computed style (read-only defaults). Both are Proxies over a CSSStyleDeclaration instance.
class CSSStyleDeclaration {
  constructor() {
    if (arguments[0] !== INTERNAL) throw illegalConstructor('CSSStyleDeclaration');
  }
  get cssText() {
    return [...stylesOf(this)].map(([k, v]) => `${k}: ${v};`).join(' ');
  }
  set cssText(value) {
    const styles = stylesOf(this);
    styles.clear();
    for (const declaration of str(value).split(';')) {
      const colon = declaration.indexOf(':');
      if (colon > 0) styles.set(declaration.slice(0, colon).trim().toLowerCase(), declaration.slice(colon + 1).trim());
    }
  }
  get length() {
    return stylesOf(this).size;
  }
  getPropertyPriority() {
    stylesOf(this);
    return '';
  }
  getPropertyValue(property) {
    return stylesOf(this).get(str(property)) ?? '';
  }
  item(index) {
    return [...stylesOf(this).keys()][Number(index) >>> 0] ?? '';
  }
  removeProperty(property) {
    const styles = stylesOf(this);
    const value = styles.get(str(property)) ?? '';
    styles.delete(str(property));
    return value;
  }
  setProperty(property, value) {
    const styles = stylesOf(this);
    if (value === null || value === '') styles.delete(str(property));
    else styles.set(str(property), str(value));
  }
}
browserInterface(CSSStyleDeclaration, { constructible: false });

const styleMaps = new WeakMap();
const stylesOf = (o) => brand(styleMaps.get(o));
const cssName = (camel) => camel.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^webkit-/, '-webkit-');

function styleDeclaration(styles, readOnly) {
  const target = Reflect.construct(CSSStyleDeclaration, [INTERNAL]);
  const proxy = new Proxy(target, {
    get(t, key, receiver) {
      if (typeof key !== 'string' || key in t) return Reflect.get(t, key, receiver === proxy ? t : receiver);
      return styles.get(cssName(key)) ?? (/^\d+$/.test(key) ? undefined : '');
    },
    set(t, key, value, receiver) {
      if (typeof key !== 'string' || key in t) return Reflect.set(t, key, value, receiver === proxy ? t : receiver);
      if (!readOnly) target.setProperty(cssName(key), value);
      return true;
    },
  });
  styleMaps.set(target, styles);
  styleMaps.set(proxy, styles);
  return proxy;
}

/// Per tag, the interface of its elements (the HTML Standard's element index, the ones pages create).
const elementInterfaces = {
  html: 'HTMLHtmlElement', head: 'HTMLHeadElement', body: 'HTMLBodyElement', title: 'HTMLTitleElement',
  meta: 'HTMLMetaElement', link: 'HTMLLinkElement', style: 'HTMLStyleElement', script: 'HTMLScriptElement',
  div: 'HTMLDivElement', span: 'HTMLSpanElement', p: 'HTMLParagraphElement', a: 'HTMLAnchorElement',
  img: 'HTMLImageElement', input: 'HTMLInputElement', button: 'HTMLButtonElement', form: 'HTMLFormElement',
  select: 'HTMLSelectElement', option: 'HTMLOptionElement', textarea: 'HTMLTextAreaElement',
  label: 'HTMLLabelElement', canvas: 'HTMLCanvasElement', iframe: 'HTMLIFrameElement', ul: 'HTMLUListElement',
  ol: 'HTMLOListElement', li: 'HTMLLIElement', table: 'HTMLTableElement', tr: 'HTMLTableRowElement',
  td: 'HTMLTableCellElement', th: 'HTMLTableCellElement', br: 'HTMLBRElement', hr: 'HTMLHRElement',
  pre: 'HTMLPreElement', video: 'HTMLVideoElement', audio: 'HTMLAudioElement', source: 'HTMLSourceElement',
  h1: 'HTMLHeadingElement', h2: 'HTMLHeadingElement', h3: 'HTMLHeadingElement', h4: 'HTMLHeadingElement',
  h5: 'HTMLHeadingElement', h6: 'HTMLHeadingElement', template: 'HTMLTemplateElement',
};

/// Tags whose elements are plain HTMLElements; any other name that is not a custom element name gives an
/// HTMLUnknownElement.
const plainElements = new Set(['abbr', 'address', 'article', 'aside', 'b', 'bdi', 'bdo', 'cite', 'code', 'dd',
  'dfn', 'dt', 'em', 'figcaption', 'figure', 'footer', 'header', 'hgroup', 'i', 'kbd', 'main', 'mark', 'nav',
  'noscript', 'rp', 'rt', 'ruby', 's', 'samp', 'section', 'small', 'strong', 'sub', 'summary', 'sup', 'u', 'var',
  'wbr']);

class HTMLElement extends Element {
  get style() {
    const s = elementOf(this);
    s.style ??= styleDeclaration(new Map(), false);
    return s.style;
  }
  get dataset() {
    const s = elementOf(this);
    s.dataset ??= datasetOf(s);
    return s.dataset;
  }
  get hidden() {
    return elementOf(this).attrs.has('hidden');
  }
  set hidden(value) {
    const s = elementOf(this);
    if (value) s.attrs.set('hidden', '');
    else s.attrs.delete('hidden');
  }
  get innerText() {
    return textOf(elementOf(this));
  }
  set innerText(value) {
    this.textContent = value;
  }
  get offsetWidth() {
    elementOf(this);
    return 0;
  }
  get offsetHeight() {
    elementOf(this);
    return 0;
  }
  get offsetParent() {
    elementOf(this);
    return null;
  }
  blur() {
    elementOf(this);
  }
  click() {
    fireEvent(this, 'click');
  }
  focus() {
    elementOf(this);
  }
}
for (const name of ['title', 'lang', 'dir']) reflectAttributes(HTMLElement, [name]);
browserInterface(HTMLElement, { constructible: false });

/// Adds accessors for string attributes reflected as properties (el.src <-> src="...").
function reflectAttributes(Impl, names) {
  for (const name of names) {
    const descriptor = getDescriptor({
      get [name]() {
        return elementOf(this).attrs.get(name.toLowerCase()) ?? '';
      },
      set [name](value) {
        elementOf(this).attrs.set(name.toLowerCase(), str(value));
      },
    }, name);
    defineProperty(Impl.prototype, name, { ...descriptor, configurable: true });
  }
}

function datasetOf(s) {
  const key = (name) => `data-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  const target = Object.create(DOMStringMapPrototype);
  return new Proxy(target, {
    get: (t, name) => (typeof name === 'string' && s.attrs.has(key(name)) ? s.attrs.get(key(name)) : Reflect.get(t, name)),
    set: (t, name, value) => (typeof name === 'string' ? (s.attrs.set(key(name), str(value)), true) : Reflect.set(t, name, value)),
    has: (t, name) => (typeof name === 'string' && s.attrs.has(key(name))) || Reflect.has(t, name),
    deleteProperty: (t, name) => (typeof name === 'string' ? (s.attrs.delete(key(name)), true) : Reflect.deleteProperty(t, name)),
    ownKeys: () => [...s.attrs.keys()].filter((k) => k.startsWith('data-')).map((k) => k.slice(5).replace(/-([a-z])/g, (m, c) => c.toUpperCase())),
    getOwnPropertyDescriptor: (t, name) => (typeof name === 'string' && s.attrs.has(key(name))
      ? { value: s.attrs.get(key(name)), writable: true, enumerable: true, configurable: true } : undefined),
  });
}

class DOMStringMap {
  constructor() {
    throw illegalConstructor('DOMStringMap');
  }
}
const DOMStringMapPrototype = DOMStringMap.prototype;
browserInterface(DOMStringMap, { constructible: false });

/// Makes a per-tag interface (HTMLDivElement, ...) with the members of the given objects (their descriptors,
/// so getters are copied, not called).
function elementInterface(name, memberObjects = [], attributes = []) {
  const Impl = { [name]: class extends HTMLElement {} }[name];
  for (const members of memberObjects) {
    for (const key of Object.keys(members)) defineProperty(Impl.prototype, key, { ...getDescriptor(members, key), configurable: true });
  }
  reflectAttributes(Impl, attributes);
  browserInterface(Impl, { constructible: false });
  return Impl;
}

/// The URL an attribute (href, src) holds, resolved against the document's URL; '' when it has none.
function urlAttribute(s, name) {
  const value = s.attrs.get(name);
  if (value === undefined) return '';
  return URLClass.parse(value, pageURL.href)?.href ?? value;
}

/// HTMLAnchorElement's URL parts (HTMLHyperlinkElementUtils), read from href resolved against the page.
const anchorMembers = {
  get href() { return urlAttribute(elementOf(this), 'href'); },
  set href(value) { elementOf(this).attrs.set('href', str(value)); },
  toString() { return urlAttribute(elementOf(this), 'href'); },
};
for (const part of ['origin', 'protocol', 'host', 'hostname', 'port', 'pathname', 'search', 'hash', 'username', 'password']) {
  defineProperty(anchorMembers, part, {
    get: getter(part, (self) => {
      const url = URLClass.parse(urlAttribute(elementOf(self), 'href'));
      return url === null ? (part === 'protocol' ? ':' : '') : url[part];
    }),
    enumerable: true,
    configurable: true,
  });
}

const srcMember = {
  get src() { return urlAttribute(elementOf(this), 'src'); },
  set src(value) { elementOf(this).attrs.set('src', str(value)); },
};

const numericAttribute = (name, fallback) => ({
  get [name]() {
    const n = parseInt(elementOf(this).attrs.get(name) ?? '', 10);
    return Number.isNaN(n) || n < 0 ? fallback : n;
  },
  set [name](value) {
    elementOf(this).attrs.set(name, str(Number(value) >>> 0));
  },
});

const special = {
  HTMLAnchorElement: [[anchorMembers], ['target', 'rel', 'download']],
  HTMLScriptElement: [[srcMember, {
    get text() { return textOf(elementOf(this)); },
    set text(value) { this.textContent = value; },
    get async() { return elementOf(this).attrs.has('async'); },
    set async(value) { if (value) elementOf(this).attrs.set('async', ''); else elementOf(this).attrs.delete('async'); },
  }], ['type', 'charset', 'crossOrigin', 'integrity']],
  HTMLImageElement: [[srcMember, numericAttribute('width', 0), numericAttribute('height', 0), {
    get complete() { elementOf(this); return true; },
    get naturalWidth() { elementOf(this); return 0; },
    get naturalHeight() { elementOf(this); return 0; },
  }], ['alt', 'crossOrigin']],
  HTMLIFrameElement: [[srcMember, {
    get contentWindow() { elementOf(this); return null; },
    get contentDocument() { elementOf(this); return null; },
  }], ['name', 'width', 'height', 'allow', 'sandbox']],
  HTMLInputElement: [[{
    get value() { const s = elementOf(this); return s.value ?? s.attrs.get('value') ?? ''; },
    set value(value) { elementOf(this).value = str(value); },
    get type() {
      const type = (elementOf(this).attrs.get('type') ?? '').toLowerCase();
      return inputTypes.includes(type) ? type : 'text';
    },
    set type(value) { elementOf(this).attrs.set('type', str(value)); },
    get checked() { return elementOf(this).checked ?? elementOf(this).attrs.has('checked'); },
    set checked(value) { elementOf(this).checked = !!value; },
  }], ['name', 'placeholder']],
  HTMLCanvasElement: [[numericAttribute('width', 300), numericAttribute('height', 150), {
    // jscell has no rendering: no context type is supported, which a page sees as getContext returning null.
    getContext(contextId) {
      elementOf(this);
      requireArguments(arguments.length, 1, execute('getContext', 'HTMLCanvasElement'));
      return null;
    },
    toDataURL() {
      elementOf(this);
      return 'data:,';
    },
    toBlob(callback) {
      elementOf(this);
      requireArguments(arguments.length, 1, execute('toBlob', 'HTMLCanvasElement'));
      setTimer(() => callback(null), 0);
    },
  }], []],
  HTMLLinkElement: [[{ get href() { return urlAttribute(elementOf(this), 'href'); }, set href(v) { elementOf(this).attrs.set('href', str(v)); } }], ['rel', 'type', 'as']],
  HTMLMetaElement: [[], ['name', 'content', 'charset']],
  HTMLFormElement: [[], ['action', 'method', 'name', 'target']],
  HTMLButtonElement: [[], ['name', 'value']],
};

const inputTypes = ['text', 'password', 'checkbox', 'radio', 'submit', 'button', 'hidden', 'email', 'number', 'search', 'tel', 'url', 'file', 'range', 'color', 'date', 'reset', 'image'];

/// Tag name → the interface class of its elements.
const elementClasses = new Map();
for (const name of new Set(Object.values(elementInterfaces))) {
  const [members, attributes] = special[name] ?? [[], []];
  elementClasses.set(name, elementInterface(name, members, attributes));
}
const HTMLUnknownElement = elementInterface('HTMLUnknownElement');

function elementClass(local) {
  const name = elementInterfaces[local];
  if (name !== undefined) return elementClasses.get(name);
  if (plainElements.has(local) || /^[a-z][^A-Z]*-/.test(local)) return HTMLElement;
  return HTMLUnknownElement;
}

function elementState(doc, local, attrs = new Map()) {
  return createNode(elementClass(local), { type: ELEMENT_NODE, name: local.toUpperCase(), local, doc, attrs });
}
