//! `jscell.Snapshot`: a context's captured state, to start new contexts from, or to run one call in a fresh
//! context that is thrown away afterwards (per-call sandboxes).
//!
//! A context started from a snapshot maps its memory copy-on-write, so starting one costs the same whatever the
//! heap's size. It is independent: changes in it never reach the snapshot or other contexts.
//! Host-side settings are not captured: each new context takes its own limits, console and seed (fresh
//! randomness unless `random_seed` is given), and functions registered on the original are not carried over.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};

use crate::console::ConsoleTarget;
use crate::errors::to_pyerr;
use crate::options::options;
use crate::sandbox::Sandbox;

/// A context's JS state (globals, closures, the atom table), captured between calls.
#[pyclass(module = "jscell", name = "Snapshot", frozen)]
pub struct Snapshot {
    snapshot: jscell_host::Snapshot,
}

impl Snapshot {
    pub fn new(snapshot: jscell_host::Snapshot) -> Snapshot {
        Snapshot { snapshot }
    }

    /// The host snapshot.
    pub fn host(&self) -> &jscell_host::Snapshot {
        &self.snapshot
    }

    /// A fresh context in the captured state, for one call; dropping it closes it.
    fn fork(&self, py: Python<'_>, timeout: Option<f64>) -> PyResult<Sandbox> {
        let options = options(None, timeout, None, None, false)?;
        Sandbox::start(py, &options, ConsoleTarget::Logging, Some(&self.snapshot))
    }
}

#[pymethods]
impl Snapshot {
    /// A new, independent `jscell.Context` in exactly the captured state, taking the same keyword options as
    /// `Context(...)`.
    #[pyo3(signature = (**options))]
    fn context<'py>(slf: &Bound<'py, Self>, options: Option<&Bound<'py, PyDict>>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let kwargs = options.map_or_else(|| Ok(PyDict::new(py)), |o| o.copy())?;
        kwargs.set_item("_snapshot", slf)?;
        py.import("jscell")?.getattr("Context")?.call((), Some(&kwargs))
    }

    /// `call` in a fresh context started from this snapshot and closed afterwards: no call sees another's state.
    #[pyo3(signature = (name, args = None, auto_await = None, *, timeout = None))]
    fn call<'py>(
        &self,
        py: Python<'py>,
        name: &Bound<'py, PyString>,
        args: Option<&Bound<'py, PyAny>>,
        auto_await: Option<bool>,
        timeout: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.fork(py, timeout)?.call(py, name, args, auto_await, None)
    }

    /// `evaluate` in a fresh context started from this snapshot and closed afterwards.
    #[pyo3(signature = (code, auto_await = None, *, timeout = None))]
    fn evaluate<'py>(
        &self,
        py: Python<'py>,
        code: &Bound<'py, PyString>,
        auto_await: Option<bool>,
        timeout: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.fork(py, timeout)?.evaluate(py, code, auto_await, None)
    }

    /// The one-step form: a context made with `options`, `js` compiled in it, then captured.
    #[staticmethod]
    #[pyo3(signature = (js, **options))]
    fn from_code<'py>(
        py: Python<'py>,
        js: &Bound<'py, PyString>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let context = py.import("jscell")?.getattr("Context")?.call((), options)?;
        context.call_method1("compile", (js,))?;
        let snapshot = context.call_method0("snapshot")?;
        context.call_method0("close")?;
        Ok(snapshot)
    }

    /// The snapshot as bytes (a format version and the build's identity, then the memory), for `from_bytes`.
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.snapshot.to_bytes())
    }

    /// A snapshot from `to_bytes()`. The bytes are untrusted: a snapshot of another build, or bytes that are
    /// not one, raise `ValueError`; corrupted memory can only make the contexts started from it fail.
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &[u8]) -> PyResult<Snapshot> {
        let snapshot = py.detach(|| jscell_host::Snapshot::from_bytes(data)).map_err(|err| to_pyerr(py, err))?;
        Ok(Snapshot::new(snapshot))
    }

    /// Pickling goes through `to_bytes`/`from_bytes`, so snapshots travel to other processes.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let from_bytes = py.get_type::<Snapshot>().getattr("from_bytes")?;
        Ok((from_bytes, (self.to_bytes(py),)))
    }

    /// The size of the captured state, in bytes.
    fn __len__(&self) -> usize {
        self.snapshot.len()
    }

    fn __repr__(&self) -> String {
        format!("<jscell.Snapshot of {} bytes>", self.snapshot.len())
    }
}
