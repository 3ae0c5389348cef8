//! The wasmtime configuration shared by the build, which precompiles the image, and the runtime, which loads
//! it. A precompiled module only loads into an engine whose settings match the ones it was compiled with, so
//! both sides take them from here.

use wasmtime::Config;

/// Native stack the guest may use, in bytes. QuickJS recurses natively for every JS call, every level of
/// nested source and every level of `JSON.stringify`, far more per level than it uses of its own shadow stack
/// (which its stack check watches). This is large enough that the check always fires first.
pub const MAX_WASM_STACK: usize = 12 << 20;

/// The native stack a guest call needs: the wasm stack plus room for the host functions it calls.
pub const CALL_STACK: usize = MAX_WASM_STACK + (1 << 20);

/// The settings every jscell engine uses, before the choice of instance allocator.
pub fn base_config() -> Config {
    let mut config = Config::new();
    config.max_wasm_stack(MAX_WASM_STACK);
    // Never used for fibers (calls are synchronous, on `stack::with_call_stack`), but wasmtime requires the
    // wasm stack to fit in it.
    config.async_stack_size(CALL_STACK);
    // These are wasmtime's defaults on 64-bit hosts, written down because the precompiled image bakes them
    // in: a 4 GiB reservation with a guard region lets compiled code skip explicit bounds checks.
    config.memory_reservation(4 << 30);
    config.memory_guard_size(32 << 20);
    // Backtraces are collected on every trap; jscell reports traps by kind, not by wasm frame.
    config.wasm_backtrace_max_frames(None);
    // So the map from machine code back to wasm offsets, which only backtraces and profilers read, is left out of
    // the images (about 15% of their compressed size).
    config.generate_address_map(false);
    config
}

/// The settings of the engine that runs memory loaded from snapshot bytes. Such memory is untrusted: it can
/// make the guest loop without ever polling QuickJS's interrupt handler, so that engine's code also checks
/// wasmtime's epoch counter, which lets the host stop it (see `limits.rs`). This costs some speed, so only
/// that engine pays it.
pub fn watched_config() -> Config {
    let mut config = base_config();
    config.epoch_interruption(true);
    config
}

/// The x86-64 CPU the images are compiled for, whatever machine builds them: x86-64-v2 (every x86-64 CPU since
/// about 2009), as pairs of Cranelift's flag and the CPU feature's name in Rust's `is_x86_feature_detected!`. The
/// guest uses no wasm SIMD, so newer extensions (AVX and later) would change little (see `benches/`).
pub const X86_64_BASELINE: [(&str, &str); 6] = [
    ("has_sse3", "sse3"),
    ("has_ssse3", "ssse3"),
    ("has_cmpxchg16b", "cmpxchg16b"),
    ("has_sse41", "sse4.1"),
    ("has_sse42", "sse4.2"),
    ("has_popcnt", "popcnt"),
];
