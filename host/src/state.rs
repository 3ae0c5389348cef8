//! The data of one context's wasmtime `Store`: what the host's imports reach while the guest runs.

use wasmtime::StoreLimits;

use crate::callbacks::CallbackHandler;
use crate::console::ConsoleSink;
use crate::limits::Watch;
use crate::wasi;

/// Per-store data of one context.
pub struct State {
    pub wasi: wasi::Wasi,
    /// The call's deadline and stop requests, read by the `jscell.interrupt_requested` import.
    pub watch: Watch,
    /// The hard cap on linear memory.
    pub limits: StoreLimits,
    /// Where console output goes; `None` drops it.
    pub console: Option<ConsoleSink>,
    /// Runs registered host functions.
    pub callbacks: Option<CallbackHandler>,
}
