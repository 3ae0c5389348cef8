// events.js: Event, CustomEvent, ProgressEvent and EventTarget (DOM Standard, "Events"), and the internal
// functions the other interfaces use to fire events (fireEvent) and to keep their event handler attributes
// (onabort, onload, ...: eventHandler, setEventHandler). There is no tree: an event is dispatched at its
// target only, so eventPhase is AT_TARGET while listeners run.

let eventState;
let dispatch;
let eventHandler;
let setEventHandler;
let listenersOf;
let adoptEventTarget;

const NONE = 0;
const AT_TARGET = 2;

class Event {
  #s;
  static {
    eventState = (o) => (isObject(o) && #s in o ? o.#s : undefined);
  }
  constructor(type, eventInitDict = undefined) {
    requireArguments(arguments.length, 1, construct(new.target.name));
    const init = dictionary(eventInitDict, 'EventInit', construct(new.target.name));
    this.#s = {
      type: str(type),
      bubbles: !!init.bubbles,
      cancelable: !!init.cancelable,
      composed: !!init.composed,
      target: null,
      currentTarget: null,
      phase: NONE,
      canceled: false,
      stop: false,
      stopImmediate: false,
      inPassiveListener: false,
      dispatching: false,
      trusted: false,
      timeStamp: performanceNow(),
    };
    // isTrusted is [LegacyUnforgeable]: an own, non-configurable accessor of every event, as in Chrome.
    defineProperty(this, 'isTrusted', { get: Event.#isTrusted, enumerable: true, configurable: false });
  }
  static #isTrusted = getDescriptor({
    get isTrusted() {
      return brand(eventState(this)).trusted;
    },
  }, 'isTrusted').get;

  get type() {
    return brand(eventState(this)).type;
  }
  get target() {
    return brand(eventState(this)).target;
  }
  get currentTarget() {
    return brand(eventState(this)).currentTarget;
  }
  get eventPhase() {
    return brand(eventState(this)).phase;
  }
  get bubbles() {
    return brand(eventState(this)).bubbles;
  }
  get cancelable() {
    return brand(eventState(this)).cancelable;
  }
  get defaultPrevented() {
    return brand(eventState(this)).canceled;
  }
  get composed() {
    return brand(eventState(this)).composed;
  }
  get timeStamp() {
    return brand(eventState(this)).timeStamp;
  }
  get srcElement() {
    return brand(eventState(this)).target;
  }
  get returnValue() {
    return !brand(eventState(this)).canceled;
  }
  set returnValue(value) {
    if (!value) cancelEvent(brand(eventState(this)));
  }
  get cancelBubble() {
    return brand(eventState(this)).stop;
  }
  set cancelBubble(value) {
    if (value) brand(eventState(this)).stop = true;
  }
  composedPath() {
    const s = brand(eventState(this));
    return s.dispatching ? [s.currentTarget] : [];
  }
  initEvent(type, bubbles = false, cancelable = false) {
    const s = brand(eventState(this));
    requireArguments(arguments.length, 1, execute('initEvent', 'Event'));
    if (!s.dispatching) initEventState(s, type, bubbles, cancelable);
  }
  preventDefault() {
    cancelEvent(brand(eventState(this)));
  }
  stopImmediatePropagation() {
    const s = brand(eventState(this));
    s.stop = true;
    s.stopImmediate = true;
  }
  stopPropagation() {
    brand(eventState(this)).stop = true;
  }
}
webInterface(Event, { constants: { NONE, CAPTURING_PHASE: 1, AT_TARGET, BUBBLING_PHASE: 3 } });

function initEventState(s, type, bubbles, cancelable) {
  Object.assign(s, { type: str(type), bubbles: !!bubbles, cancelable: !!cancelable, target: null });
  Object.assign(s, { canceled: false, stop: false, stopImmediate: false });
}

function cancelEvent(s) {
  if (s.cancelable && !s.inPassiveListener) s.canceled = true;
}

class CustomEvent extends Event {
  #detail;
  constructor(type, eventInitDict = undefined) {
    super(...arguments);
    const detail = dictionary(eventInitDict, 'CustomEventInit', construct('CustomEvent')).detail;
    this.#detail = detail === undefined ? null : detail;
  }
  static #check(o) {
    if (!isObject(o) || !(#detail in o)) throw new TypeError('Illegal invocation');
    return o;
  }
  get detail() {
    return CustomEvent.#check(this).#detail;
  }
  initCustomEvent(type, bubbles = false, cancelable = false, detail = null) {
    CustomEvent.#check(this);
    requireArguments(arguments.length, 1, execute('initCustomEvent', 'CustomEvent'));
    const s = eventState(this);
    if (s.dispatching) return;
    initEventState(s, type, bubbles, cancelable);
    this.#detail = detail;
  }
}
webInterface(CustomEvent);

/// The event XMLHttpRequest fires for loadstart, progress, load, error, abort, timeout and loadend.
class ProgressEvent extends Event {
  #progress;
  constructor(type, eventInitDict = undefined) {
    super(...arguments);
    const init = dictionary(eventInitDict, 'ProgressEventInit', construct('ProgressEvent'));
    this.#progress = {
      lengthComputable: !!init.lengthComputable,
      loaded: init.loaded === undefined ? 0 : enforceRange(init.loaded, construct('ProgressEvent')),
      total: init.total === undefined ? 0 : enforceRange(init.total, construct('ProgressEvent')),
    };
  }
  static #of(o) {
    if (!isObject(o) || !(#progress in o)) throw new TypeError('Illegal invocation');
    return o.#progress;
  }
  get lengthComputable() {
    return ProgressEvent.#of(this).lengthComputable;
  }
  get loaded() {
    return ProgressEvent.#of(this).loaded;
  }
  get total() {
    return ProgressEvent.#of(this).total;
  }
}
webInterface(ProgressEvent);

class EventTarget {
  // Event type → the listeners registered for it, in order; each {callback, capture, once, passive, removed}.
  #listeners = new Map();
  // Event type → {value, listener} of the event handler attribute (on<type>) for it.
  #handlers = new Map();
  static {
    // Objects that exist before they can be constructed as EventTargets (the browser environment's global
    // object) keep their listeners in an EventTarget of their own.
    const adopted = new WeakMap();
    adoptEventTarget = (o) => adopted.set(o, new EventTarget());
    const stateOf = (o) => (isObject(o) && #listeners in o ? o : adopted.get(o));
    listenersOf = (o) => brand(stateOf(o)?.#listeners);
    dispatch = (target, event) => dispatchAt(target, listenersOf(target), event);
    eventHandler = (target, type) => {
      listenersOf(target);
      return stateOf(target).#handlers.get(type)?.value ?? null;
    };
    setEventHandler = (target, type, value) => {
      const listeners = listenersOf(target);
      const handlers = stateOf(target).#handlers;
      // [LegacyTreatNonObjectAsNull]: anything but an object or function clears the handler.
      const handler = isObject(value) ? value : null;
      const current = handlers.get(type);
      if (current !== undefined && handler !== null) {
        current.value = handler;
      } else if (current !== undefined) {
        removeListener(listeners, current.listener);
        handlers.delete(type);
      } else if (handler !== null) {
        // The handler keeps the place in the listener list it had when it was first set.
        const entry = { value: handler };
        entry.listener = listenerRecord(type, function (event) {
          const result = entry.value.call(this, event);
          if (result === false) cancelEvent(eventState(event));
        }, false, false, false);
        handlers.set(type, entry);
        addListener(listeners, entry.listener);
      }
    };
  }
  constructor() {}
  addEventListener(type, callback, options = undefined) {
    const listeners = listenersOf(this);
    const context = execute('addEventListener', 'EventTarget');
    requireArguments(arguments.length, 2, context);
    if (callback === null || callback === undefined) return;
    if (!isObject(callback)) throw new TypeError(`${context}: The callback provided as parameter 2 is not an object.`);
    const flags = isObject(options) ? options : { capture: options };
    const signal = flags.signal;
    if (signal !== undefined && signalState(signal) === undefined) {
      throw new TypeError(`${context}: Failed to read the 'signal' property from 'AddEventListenerOptions': ` +
        "Failed to convert value to 'AbortSignal'.");
    }
    const listener = listenerRecord(str(type), callback, !!flags.capture, !!flags.once, !!flags.passive);
    if (signal !== undefined && signalState(signal).aborted) return;
    if (!addListener(listeners, listener)) return;
    if (signal !== undefined) addAbortAlgorithm(signal, () => removeListener(listeners, listener));
  }
  dispatchEvent(event) {
    const listeners = listenersOf(this);
    const context = execute('dispatchEvent', 'EventTarget');
    requireArguments(arguments.length, 1, context);
    const s = eventState(event);
    if (s === undefined) throw new TypeError(`${context}: parameter 1 is not of type 'Event'.`);
    if (s.dispatching) throw new DOMExceptionClass(`${context}: The event is already being dispatched.`, 'InvalidStateError');
    s.trusted = false;
    return dispatchAt(this, listeners, event);
  }
  removeEventListener(type, callback, options = undefined) {
    const listeners = listenersOf(this);
    requireArguments(arguments.length, 2, execute('removeEventListener', 'EventTarget'));
    const capture = !!(isObject(options) ? options.capture : options);
    const existing = findListener(listeners, str(type), callback, capture);
    if (existing !== undefined) removeListener(listeners, existing);
  }
}
webInterface(EventTarget);

function listenerRecord(type, callback, capture, once, passive) {
  return { type, callback, capture, once, passive, removed: false };
}

function findListener(listeners, type, callback, capture) {
  return listeners.get(type)?.find((l) => l.callback === callback && l.capture === capture);
}

/// Adds a listener unless an equal one (same type, callback and capture) is registered; says whether it did.
function addListener(listeners, listener) {
  if (findListener(listeners, listener.type, listener.callback, listener.capture) !== undefined) return false;
  const list = listeners.get(listener.type);
  if (list === undefined) listeners.set(listener.type, [listener]);
  else list.push(listener);
  return true;
}

function removeListener(listeners, listener) {
  listener.removed = true;
  const list = listeners.get(listener.type) ?? [];
  const index = list.indexOf(listener);
  if (index >= 0) list.splice(index, 1);
}

/// Runs the listeners of target for event: capturing ones first, then the others (the DOM's two passes at
/// the target), each on a snapshot of the list so listeners added meanwhile wait for the next event.
function dispatchAt(target, listeners, event) {
  const s = eventState(event);
  Object.assign(s, { dispatching: true, target, currentTarget: target, phase: AT_TARGET });
  const snapshot = (listeners.get(s.type) ?? []).slice();
  for (const capturePass of [true, false]) {
    if (s.stop) break;
    for (const listener of snapshot) {
      if (s.stopImmediate) break;
      if (listener.removed || listener.capture !== capturePass) continue;
      if (listener.once) removeListener(listeners, listener);
      s.inPassiveListener = listener.passive;
      try {
        const callback = listener.callback;
        if (typeof callback === 'function') {
          callback.call(target, event);
        } else {
          const handleEvent = callback.handleEvent;
          if (typeof handleEvent !== 'function') throw new TypeError("The 'handleEvent' property of the listener is not callable.");
          handleEvent.call(callback, event);
        }
      } catch (error) {
        reportException(error);
      }
      s.inPassiveListener = false;
    }
  }
  Object.assign(s, { dispatching: false, currentTarget: null, phase: NONE, stop: false, stopImmediate: false });
  return !s.canceled;
}

/// Fires a trusted event the platform itself raises (an AbortSignal's abort, XMLHttpRequest's load, ...).
function fireEvent(target, type, EventClass = Event, init = undefined) {
  const event = new EventClass(type, init);
  eventState(event).trusted = true;
  return dispatch(target, event);
}
