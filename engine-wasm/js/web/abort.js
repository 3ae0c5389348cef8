// abort.js: AbortController and AbortSignal (DOM Standard, "Aborting ongoing activities"), with the
// internal abort algorithms (addAbortAlgorithm) through which fetch, XMLHttpRequest and
// addEventListener({signal}) learn that a signal aborted; page code cannot see or stop them.

let signalState;

class AbortSignal extends EventTarget {
  #s = { aborted: false, reason: undefined, algorithms: [], dependent: false, sources: [], dependents: [] };
  static {
    signalState = (o) => (isObject(o) && #s in o ? o.#s : undefined);
  }
  constructor() {
    if (arguments[0] !== INTERNAL) throw illegalConstructor('AbortSignal');
    super();
  }
  static abort(reason = undefined) {
    const signal = new AbortSignal(INTERNAL);
    Object.assign(signalState(signal), { aborted: true, reason: abortReason(reason) });
    return signal;
  }
  static any(signals) {
    const context = execute('any', 'AbortSignal');
    requireArguments(arguments.length, 1, context);
    if (!isObject(signals) || typeof signals[Symbol.iterator] !== 'function') {
      throw new TypeError(`${context}: The provided value cannot be converted to a sequence.`);
    }
    const sources = Array.from(signals, (signal) => {
      if (signalState(signal) === undefined) throw new TypeError(`${context}: Failed to convert value to 'AbortSignal'.`);
      return signal;
    });
    return dependentSignal(sources);
  }
  static timeout(milliseconds) {
    const context = execute('timeout', 'AbortSignal');
    requireArguments(arguments.length, 1, context);
    const delay = enforceRange(milliseconds, context);
    const signal = new AbortSignal(INTERNAL);
    setTimer(() => signalAbort(signal, new DOMExceptionClass('signal timed out', 'TimeoutError')), delay);
    return signal;
  }
  get aborted() {
    return brand(signalState(this)).aborted;
  }
  get reason() {
    return brand(signalState(this)).reason;
  }
  get onabort() {
    brand(signalState(this));
    return eventHandler(this, 'abort');
  }
  set onabort(value) {
    brand(signalState(this));
    setEventHandler(this, 'abort', value);
  }
  throwIfAborted() {
    const s = brand(signalState(this));
    if (s.aborted) throw s.reason;
  }
}
webInterface(AbortSignal, { constructible: false });

function abortReason(reason) {
  return reason === undefined ? new DOMExceptionClass('signal is aborted without reason', 'AbortError') : reason;
}

/// A signal that aborts when any of sources does (AbortSignal.any, and a Request following its init's
/// signal). It follows the sources' own sources, so chains of dependent signals stay one level deep.
function dependentSignal(sources) {
  const signal = new AbortSignal(INTERNAL);
  const s = signalState(signal);
  const aborted = sources.find((source) => signalState(source).aborted);
  if (aborted !== undefined) {
    Object.assign(s, { aborted: true, reason: signalState(aborted).reason });
    return signal;
  }
  s.dependent = true;
  for (const source of sources) {
    const sourceState = signalState(source);
    for (const root of sourceState.dependent ? sourceState.sources : [source]) {
      if (s.sources.includes(root)) continue;
      s.sources.push(root);
      signalState(root).dependents.push(signal);
    }
  }
  return signal;
}

/// Runs algorithm (once) when signal aborts; the caller checks first that it has not aborted already.
function addAbortAlgorithm(signal, algorithm) {
  signalState(signal).algorithms.push(algorithm);
}

/// The DOM's "signal abort": every dependent gets the reason before any abort event fires.
function signalAbort(signal, reason) {
  const s = signalState(signal);
  if (s.aborted) return;
  Object.assign(s, { aborted: true, reason: abortReason(reason) });
  const dependents = s.dependents.filter((dependent) => !signalState(dependent).aborted);
  for (const dependent of dependents) Object.assign(signalState(dependent), { aborted: true, reason: s.reason });
  for (const aborting of [signal, ...dependents]) {
    const algorithms = signalState(aborting).algorithms.splice(0);
    for (const algorithm of algorithms) algorithm();
    fireEvent(aborting, 'abort');
  }
}

class AbortController {
  #signal = new AbortSignal(INTERNAL);
  static #check(o) {
    if (!isObject(o) || !(#signal in o)) throw new TypeError('Illegal invocation');
    return o;
  }
  constructor() {}
  get signal() {
    return AbortController.#check(this).#signal;
  }
  abort(reason = undefined) {
    signalAbort(AbortController.#check(this).#signal, reason);
  }
}
webInterface(AbortController);
