//! The wasmtime configuration shared by the build, which precompiles the image, and the runtime, which loads
//! it. A precompiled module only loads into an engine whose settings match the ones it was compiled with, so
//! both sides take them from here.

use wasmtime::{Config, OptLevel};

/// Native stack the guest may use, in bytes. QuickJS's interpreter recurses natively for every JS call, so
/// this bounds JS recursion together with QuickJS's own stack check. Python threads get 8 MiB by default on
/// Linux, well above this.
pub const MAX_WASM_STACK: usize = 2 << 20;

/// The settings every jscell engine uses, before the choice of instance allocator.
pub fn base_config() -> Config {
    let mut config = Config::new();
    config.cranelift_opt_level(OptLevel::Speed);
    config.max_wasm_stack(MAX_WASM_STACK);
    // These are wasmtime's defaults on 64-bit hosts, written down because the precompiled image bakes them
    // in: a 4 GiB reservation with a guard region lets compiled code skip explicit bounds checks.
    config.memory_reservation(4 << 30);
    config.memory_guard_size(32 << 20);
    // Backtraces are collected on every trap; jscell reports traps by kind, not by wasm frame.
    config.wasm_backtrace_max_frames(None);
    config
}
