// perf_hooks.js: node's `perf_hooks`: `performance` is the web platform's own (real timing); the entry and
// observer classes are the platform's where it has them. Event-loop delay monitoring and histograms need node's
// internals and throw ERR_JSCELL_SANDBOX.

const { deniedFunctions, deniedClass } = require("internal/errors");

function platformOrDenied(name) {
    return typeof globalThis[name] === "function" ? globalThis[name] : deniedClass(`perf_hooks.${name}`);
}

module.exports = {
    Performance: typeof globalThis.Performance === "function" ? globalThis.Performance : performance.constructor,
    PerformanceEntry: platformOrDenied("PerformanceEntry"),
    PerformanceMark: platformOrDenied("PerformanceMark"),
    PerformanceMeasure: platformOrDenied("PerformanceMeasure"),
    PerformanceObserver: platformOrDenied("PerformanceObserver"),
    PerformanceObserverEntryList: platformOrDenied("PerformanceObserverEntryList"),
    PerformanceResourceTiming: platformOrDenied("PerformanceResourceTiming"),
    ...deniedFunctions("perf_hooks", ["monitorEventLoopDelay", "createHistogram"]),
    performance,
    constants: {
        NODE_PERFORMANCE_GC_MAJOR: 4, NODE_PERFORMANCE_GC_MINOR: 1, NODE_PERFORMANCE_GC_INCREMENTAL: 8,
        NODE_PERFORMANCE_GC_WEAKCB: 16, NODE_PERFORMANCE_GC_FLAGS_NO: 0, NODE_PERFORMANCE_GC_FLAGS_CONSTRUCT_RETAINED: 2,
        NODE_PERFORMANCE_GC_FLAGS_FORCED: 4, NODE_PERFORMANCE_GC_FLAGS_SYNCHRONOUS_PHANTOM_PROCESSING: 8,
        NODE_PERFORMANCE_GC_FLAGS_ALL_AVAILABLE_GARBAGE: 16, NODE_PERFORMANCE_GC_FLAGS_ALL_EXTERNAL_MEMORY: 32,
        NODE_PERFORMANCE_GC_FLAGS_SCHEDULE_IDLE: 64,
    },
};
