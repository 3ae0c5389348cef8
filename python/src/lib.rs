//! The native module `jscell._jscell`. The public API is the `jscell` package, which re-exports from here.
//!
//! - `callbacks`: Python functions that JS calls.
//! - `context`: the `Context` class.
//! - `console`: where a context's console output goes.
//! - `convert`: Python values to and from the encoded form that crosses into the sandbox.
//! - `errors`: host errors as the exceptions of `jscell/_errors.py`.
//! - `globals`: the `Globals` mapping of `Context.globals`.
//! - `snapshot`: the `Snapshot` class.

use pyo3::prelude::*;

mod callbacks;
mod console;
mod context;
mod convert;
mod errors;
mod globals;
mod snapshot;

/// How many contexts are alive in this process (each holds one sandbox).
#[pyfunction]
fn live_contexts() -> usize {
    jscell_host::live_contexts()
}

#[pymodule]
fn _jscell(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<context::Context>()?;
    module.add_class::<globals::Globals>()?;
    module.add_class::<snapshot::Snapshot>()?;
    module.add_function(wrap_pyfunction!(live_contexts, module)?)?;
    Ok(())
}
