//! `jscell.Context`: one sandbox, with never_jscore's method names. The work is done by its [`Sandbox`].

use std::sync::Arc;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};
use pyo3::{PyTraverseError, PyVisit};

use crate::console::ConsoleTarget;
use crate::convert::{self, wtf8};
use crate::options::options;
use crate::sandbox::Sandbox;
use crate::snapshot::Snapshot;

/// A JavaScript context in its own WebAssembly sandbox.
#[pyclass(module = "jscell", name = "Context", frozen, subclass)]
pub struct Context {
    sandbox: Arc<Sandbox>,
}

impl Context {
    /// The sandbox this context drives.
    pub fn sandbox(&self) -> &Arc<Sandbox> {
        &self.sandbox
    }
}

#[pymethods]
impl Context {
    /// Creates a context. `random_seed` makes `Math.random` reproducible; without it every context differs.
    /// `timeout` (seconds) bounds every call that sets none of its own; `memory_limit` and `stack_limit` are in
    /// bytes (defaults: no time limit, 512 MiB, 768 KiB). `console` receives `console.log` output: by default
    /// the `logging` logger `jscell.console`; a callable such as `print`; or `None` to drop it. Timers still
    /// pending when a call returns are cancelled unless `keep_timers` is true.
    #[new]
    #[pyo3(signature = (
        *,
        random_seed = None,
        timeout = None,
        memory_limit = None,
        stack_limit = None,
        console = ConsoleTarget::Logging,
        keep_timers = false,
        _snapshot = None,
    ))]
    #[expect(clippy::too_many_arguments, reason = "the keyword arguments of Context(...), one each")]
    fn new(
        py: Python<'_>,
        random_seed: Option<&Bound<'_, PyAny>>,
        timeout: Option<f64>,
        memory_limit: Option<usize>,
        stack_limit: Option<usize>,
        console: ConsoleTarget,
        keep_timers: bool,
        _snapshot: Option<PyRef<'_, Snapshot>>,
    ) -> PyResult<Context> {
        let options = options(random_seed, timeout, memory_limit, stack_limit, keep_timers)?;
        let sandbox = Sandbox::start(py, &options, console, _snapshot.as_deref().map(Snapshot::host))?;
        Ok(Context { sandbox: Arc::new(sandbox) })
    }

    /// Captures this context's whole JS state, to start other contexts from (`Snapshot.context()`). Raises
    /// `RuntimeError` while another thread is running JS in it.
    fn snapshot(&self) -> PyResult<Snapshot> {
        Ok(Snapshot::new(self.sandbox.snapshot()?))
    }

    /// Runs `code` as a classic script at global scope, so its declarations become globals. `filename` names
    /// it in stack traces (`at f (app.js:3:5)`); without one, frames read `<input>`.
    #[pyo3(signature = (code, *, timeout = None, filename = None))]
    fn compile(
        &self,
        py: Python<'_>,
        code: &Bound<'_, PyString>,
        timeout: Option<f64>,
        filename: Option<&Bound<'_, PyString>>,
    ) -> PyResult<()> {
        self.sandbox.compile(py, code, filename, timeout)
    }

    /// Returns the completion value of `code`. Its declarations stay local to this call. A Promise result is
    /// awaited unless `auto_await` is False.
    #[pyo3(signature = (code, auto_await = None, *, timeout = None))]
    fn evaluate<'py>(
        &self,
        py: Python<'py>,
        code: &Bound<'py, PyString>,
        auto_await: Option<bool>,
        timeout: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.sandbox.evaluate(py, code, auto_await, timeout)
    }

    /// `compile(code)` and None, or with `return_value=True`, `evaluate(code)`.
    #[pyo3(signature = (code, return_value = false, auto_await = None, *, timeout = None))]
    fn eval<'py>(
        &self,
        py: Python<'py>,
        code: &Bound<'py, PyString>,
        return_value: bool,
        auto_await: Option<bool>,
        timeout: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        if return_value {
            self.sandbox.evaluate(py, code, auto_await, timeout)
        } else {
            self.sandbox.compile(py, code, None, timeout)?;
            Ok(py.None().into_bound(py))
        }
    }

    /// Makes the Python callable `function` the JS global function `name`. Arguments and the result use the
    /// usual conversion; an exception it raises is a JS `PythonError` that JS may catch, and if nothing catches
    /// it, the call into the context raises the original exception.
    fn register(&self, py: Python<'_>, name: &Bound<'_, PyString>, function: &Bound<'_, PyAny>) -> PyResult<()> {
        if !function.is_callable() {
            return Err(PyTypeError::new_err("register() needs a callable"));
        }
        let id = self.sandbox.registry.add(function.clone().unbind());
        let name = wtf8(name)?;
        self.sandbox.run(py, |ctx| ctx.define_callback(&name, id))
    }

    /// Stops the JS this context is running now, from any thread: the call running it raises `JSTimeoutError`.
    /// Without running JS it does nothing.
    fn interrupt(&self) {
        self.sandbox.interrupt();
    }

    /// Calls the global function `name` (or a dotted path such as `"obj.method"`, with `this` = `obj`). A
    /// list or tuple `args` is spread into arguments, None means none, and any other value is one argument.
    #[pyo3(signature = (name, args = None, auto_await = None, *, timeout = None))]
    fn call<'py>(
        &self,
        py: Python<'py>,
        name: &Bound<'py, PyString>,
        args: Option<&Bound<'py, PyAny>>,
        auto_await: Option<bool>,
        timeout: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.sandbox.call(py, name, args, auto_await, timeout)
    }

    /// The JSON text `$storeResult(v)` or `$terminate(v)` stored (never_jscore's type), or None. It stays until
    /// `clear_hook_data()` or the next store; `hook_data` gives the value itself.
    fn get_hook_data<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyString>>> {
        let data = self.sandbox.run(py, |ctx| ctx.hook_data())?;
        data.map(|text| convert::string(py, &text)).transpose()
    }

    /// Forgets the stored hook data.
    fn clear_hook_data(&self, py: Python<'_>) -> PyResult<()> {
        self.sandbox.run(py, |ctx| ctx.clear_hook_data())
    }

    /// Runs the JS garbage collector.
    fn gc(&self, py: Python<'_>) -> PyResult<()> {
        self.sandbox.run(py, |ctx| ctx.gc())
    }

    /// How many times `compile`, `evaluate` and `call` ran.
    fn get_stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let stats = self.sandbox.run(py, |ctx| Ok(ctx.stats()))?;
        let dict = PyDict::new(py);
        dict.set_item("compile_count", stats.compile_count)?;
        dict.set_item("evaluate_count", stats.evaluate_count)?;
        dict.set_item("call_count", stats.call_count)?;
        Ok(dict)
    }

    /// Sets the counters of `get_stats` back to zero.
    fn reset_stats(&self, py: Python<'_>) -> PyResult<()> {
        self.sandbox.run(py, |ctx| {
            ctx.reset_stats();
            Ok(())
        })
    }

    /// QuickJS's memory usage numbers, plus `linear_memory_bytes`: the size of the sandbox's memory.
    fn get_heap_statistics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let stats = self.sandbox.run(py, |ctx| ctx.heap_statistics())?;
        let dict = convert::decode(py, &stats.quickjs)?;
        dict.set_item("linear_memory_bytes", stats.linear_memory_bytes)?;
        Ok(dict)
    }

    /// Frees the sandbox now. Every later call raises `ContextClosedError`; closing again does nothing.
    fn close(&self, py: Python<'_>) {
        self.sandbox.close(py);
    }

    /// Whether `close()` has run.
    #[getter]
    fn closed(&self, py: Python<'_>) -> bool {
        self.sandbox.closed(py)
    }

    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        self.sandbox.registry.traverse(&visit)
    }

    fn __clear__(&self) {
        self.sandbox.registry.clear();
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (*_exc_info))]
    fn __exit__(&self, py: Python<'_>, _exc_info: &Bound<'_, PyTuple>) -> bool {
        self.close(py);
        false
    }

    /// Never waits: while another thread runs JS in the context, it says so instead.
    fn __repr__(&self) -> &'static str {
        match self.sandbox.closed_now() {
            Some(true) => "<jscell.Context (closed)>",
            Some(false) => "<jscell.Context>",
            None => "<jscell.Context (running JS)>",
        }
    }
}
