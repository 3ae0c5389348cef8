// v8.js: node's `v8` in the sandbox, whose engine is QuickJS, not V8: there is no V8 heap, serializer, snapshot
// or coverage to reach, so every function and class throws ERR_JSCELL_SANDBOX (isBuildingSnapshot answers 0).

const { deniedFunctions, deniedClass } = require("internal/errors");

module.exports = {
    ...deniedFunctions("v8", ["cachedDataVersionTag", "getHeapSnapshot", "getHeapStatistics", "getHeapSpaceStatistics",
        "getHeapCodeStatistics", "setFlagsFromString"]),
    Serializer: deniedClass("v8.Serializer"),
    Deserializer: deniedClass("v8.Deserializer"),
    DefaultSerializer: deniedClass("v8.DefaultSerializer"),
    DefaultDeserializer: deniedClass("v8.DefaultDeserializer"),
    ...deniedFunctions("v8", ["deserialize", "takeCoverage", "stopCoverage", "serialize", "writeHeapSnapshot"]),
    promiseHooks: deniedFunctions("v8.promiseHooks", ["onInit", "onSettled", "onBefore", "onAfter", "createHook"]),
    ...deniedFunctions("v8", ["queryObjects"]),
    startupSnapshot: {
        ...deniedFunctions("v8.startupSnapshot", ["addSerializeCallback", "addDeserializeCallback", "setDeserializeMainFunction"]),
        // node 20 answers 0 (not false) when no snapshot is being built.
        isBuildingSnapshot: () => 0,
    },
    ...deniedFunctions("v8", ["setHeapSnapshotNearHeapLimit"]),
    GCProfiler: deniedClass("v8.GCProfiler"),
};
