// performance.js: Performance and the global `performance` (High Resolution Time and User Timing), on the
// per-context clock of engine-wasm/src/clock.rs: `now()` counts milliseconds from the context's first use of
// the clock and `timeOrigin` is that moment on the wall clock. Marks and measures are kept in a list of plain
// entries; there are no resource or navigation timings to report.

const performanceEntries = [];

class Performance extends EventTarget {
  constructor() {
    if (arguments[0] !== INTERNAL) throw illegalConstructor('Performance');
    super();
  }
  get timeOrigin() {
    brand(this === performanceInstance ? this : undefined);
    return native.timeOrigin();
  }
  clearMarks(name = undefined) {
    clearEntries('mark', name);
  }
  clearMeasures(name = undefined) {
    clearEntries('measure', name);
  }
  getEntries() {
    return performanceEntries.slice();
  }
  getEntriesByName(name, type = undefined) {
    return performanceEntries.filter((e) => e.name === str(name) && (type === undefined || e.entryType === str(type)));
  }
  getEntriesByType(type) {
    return performanceEntries.filter((e) => e.entryType === str(type));
  }
  mark(name, options = undefined) {
    requireArguments(arguments.length, 1, execute('mark', 'Performance'));
    const entry = { name: str(name), entryType: 'mark', startTime: options?.startTime ?? performanceNow(),
      duration: 0, detail: options?.detail ?? null };
    performanceEntries.push(entry);
    return entry;
  }
  measure(name, start = undefined, end = undefined) {
    requireArguments(arguments.length, 1, execute('measure', 'Performance'));
    const at = (mark, fallback) => (mark === undefined ? fallback
      : this.getEntriesByName(mark, 'mark').at(-1)?.startTime ?? fallback);
    const startTime = typeof start === 'string' ? at(start, 0) : 0;
    const endTime = typeof end === 'string' ? at(end, performanceNow()) : performanceNow();
    const entry = { name: str(name), entryType: 'measure', startTime, duration: endTime - startTime, detail: null };
    performanceEntries.push(entry);
    return entry;
  }
  toJSON() {
    return { timeOrigin: this.timeOrigin };
  }
  now() {
    return performanceNow();
  }
}

function clearEntries(type, name) {
  const kept = performanceEntries.filter((e) => e.entryType !== type || (name !== undefined && e.name !== str(name)));
  performanceEntries.length = 0;
  performanceEntries.push(...kept);
}

webInterface(Performance, { constructible: false });
const performanceInstance = new Performance(INTERNAL);
define('performance', performanceInstance);
