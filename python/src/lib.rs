//! The native module `jscell._jscell`. The public API is the `jscell` package, which re-exports from here.
//!
//! - `context`: the `Context` class; `globals`: the native half of `Context.globals`; `snapshot`: the
//!   `Snapshot` class. Each drives a `sandbox`: one host context wired to Python.
//! - `callbacks`: Python functions that JS calls; `console`: where a context's console output goes.
//! - `convert`: Python values to and from the encoded form that crosses into the sandbox.
//! - `errors`: host errors as Python exceptions; `exceptions`: the classes of `jscell/_errors.py`.
//! - `options`: the keyword options of `Context(...)`.

use pyo3::prelude::*;

mod callbacks;
mod console;
mod context;
mod convert;
mod errors;
mod exceptions;
mod globals;
mod options;
mod sandbox;
mod snapshot;

/// How many contexts are alive in this process (each holds one sandbox).
#[pyfunction]
fn live_contexts() -> usize {
    jscell_host::live_contexts()
}

#[pymodule]
fn _jscell(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let missing = jscell_host::missing_cpu_features();
    if !missing.is_empty() {
        return Err(pyo3::exceptions::PyImportError::new_err(format!(
            "jscell's precompiled engine needs a CPU with {}, which this one lacks (build jscell from source for it)",
            missing.join(", ")
        )));
    }
    module.add_class::<context::Context>()?;
    module.add_class::<globals::Globals>()?;
    module.add_class::<snapshot::Snapshot>()?;
    module.add_function(wrap_pyfunction!(live_contexts, module)?)?;
    // The package's version, from the crate's (which maturin also gives the package).
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
