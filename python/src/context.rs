//! `jscell.Context`: one sandbox, with never_jscore's method names.
//!
//! The host context sits behind a mutex, so any thread may use it and concurrent calls run one after another.
//! The mutex is only ever taken with the GIL released, and JS runs with the GIL released too: a thread waiting
//! for the context never holds the GIL, so there is no lock-order deadlock, and two threads with their own
//! contexts run JS on two cores.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, TryLockError};
use std::time::{Duration, Instant};

use jscell_host::{ContextOptions, Error, ExternalCheck, InterruptHandle};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyInt, PyString, PyTuple};
use pyo3::{PyTraverseError, PyVisit};

use crate::callbacks::Registry;
use crate::console::ConsoleTarget;
use crate::convert::{self, encode_args, wtf8};
use crate::errors::{closed_error, to_pyerr};
use crate::globals::Globals;
use crate::snapshot::Snapshot;

/// A JavaScript context in its own WebAssembly sandbox.
#[pyclass(module = "jscell", name = "Context", frozen, subclass)]
pub struct Context {
    /// `None` once closed.
    inner: Mutex<Option<jscell_host::Context>>,
    /// Outside the mutex: `interrupt()` must work while another thread holds it to run JS.
    interrupt: InterruptHandle,
    /// A signal's exception (KeyboardInterrupt) that stopped the JS, to raise in place of the JS error.
    signal: Arc<Mutex<Option<PyErr>>>,
    /// Functions registered for JS to call.
    registry: Registry,
    /// The thread running this context's JS now (see `thread_token`), 0 when none: a registered function that
    /// calls back into the same context would otherwise wait for the mutex its own thread holds.
    owner: AtomicU64,
}

/// A number for the current thread, never 0 and never reused.
fn thread_token() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    thread_local! { static TOKEN: u64 = NEXT.fetch_add(1, Ordering::Relaxed); }
    TOKEN.with(|token| *token)
}

/// How often running JS looks for pending signals (Ctrl-C), at most.
const SIGNAL_POLL: Duration = Duration::from_millis(10);

/// A check, run while JS runs, that stops it when Python has a signal to deliver (Ctrl-C in the main thread).
fn signal_check(signal: Arc<Mutex<Option<PyErr>>>) -> ExternalCheck {
    let mut last = Instant::now();
    Box::new(move || {
        if last.elapsed() < SIGNAL_POLL {
            return false;
        }
        last = Instant::now();
        // Signal handlers only run in the main thread; elsewhere this returns at once.
        let Err(err) = Python::attach(|py| py.check_signals()) else { return false };
        *signal.lock().unwrap_or_else(PoisonError::into_inner) = Some(err);
        true
    })
}

/// A time limit in seconds from Python, checked.
fn seconds(timeout: Option<f64>) -> PyResult<Option<Duration>> {
    timeout
        .map(|t| {
            Duration::try_from_secs_f64(t).map_err(|_| {
                PyValueError::new_err(format!("timeout must be a non-negative number of seconds, not {t}"))
            })
        })
        .transpose()
}

/// What a guarded run ended with, before the GIL is taken back.
enum Outcome<R> {
    Done(Result<R, Error>),
    Closed,
}

/// Host options from `Context(...)`'s and `Snapshot.context(...)`'s keyword arguments.
pub(crate) fn options(
    random_seed: Option<&Bound<'_, PyAny>>,
    timeout: Option<f64>,
    memory_limit: Option<usize>,
    stack_limit: Option<usize>,
    keep_timers: bool,
) -> PyResult<ContextOptions> {
    let random_seed = random_seed.filter(|seed| !seed.is_none()).map(seed_from).transpose()?;
    Ok(ContextOptions { random_seed, timeout: seconds(timeout)?, memory_limit, stack_limit, keep_timers })
}

impl Context {
    /// A new context, fresh or from a snapshot, wired to Python: console, registered functions, Ctrl-C.
    pub(crate) fn start(
        py: Python<'_>,
        options: &ContextOptions,
        console: ConsoleTarget,
        snapshot: Option<&jscell_host::Snapshot>,
    ) -> PyResult<Context> {
        let created = py.detach(|| match snapshot {
            Some(snapshot) => jscell_host::Context::from_snapshot(snapshot, options),
            None => jscell_host::Context::new(options),
        });
        let mut context = created.map_err(|err| to_pyerr(py, err))?;
        let signal = Arc::new(Mutex::new(None));
        context.set_external_check(Some(signal_check(Arc::clone(&signal))));
        context.set_console(console.into_sink());
        let registry = Registry::default();
        context.set_callback_handler(Some(registry.handler()));
        let interrupt = context.interrupt_handle();
        Ok(Context { inner: Mutex::new(Some(context)), interrupt, signal, registry, owner: AtomicU64::new(0) })
    }

    /// Runs `f` on the host context with the GIL released.
    pub(crate) fn run<R: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut jscell_host::Context) -> Result<R, Error> + Send,
    ) -> PyResult<R> {
        let me = thread_token();
        if self.owner.load(Ordering::Relaxed) == me {
            return Err(PyRuntimeError::new_err(
                "a function called from this context's JS cannot call into the same context (it is busy running that JS)",
            ));
        }
        let outcome = py.detach(|| {
            let mut guard = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
            self.owner.store(me, Ordering::Relaxed);
            let outcome = match guard.as_mut() {
                Some(context) => Outcome::Done(f(context)),
                None => Outcome::Closed,
            };
            self.owner.store(0, Ordering::Relaxed);
            outcome
        });
        let raised = self.registry.take_raised();
        if let (Outcome::Done(Err(Error::Thrown(exception))), Some(raised)) = (&outcome, raised) {
            if exception.name.as_deref() == Some("PythonError") {
                return Err(raised);
            }
        }
        match outcome {
            Outcome::Done(Err(Error::Interrupted { exception, external: true })) => {
                let signal = self.signal.lock().unwrap_or_else(PoisonError::into_inner).take();
                Err(signal.unwrap_or_else(|| to_pyerr(py, Error::Interrupted { exception, external: true })))
            }
            Outcome::Done(result) => result.map_err(|err| to_pyerr(py, err)),
            Outcome::Closed => Err(closed_error()),
        }
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
    #[allow(clippy::too_many_arguments, reason = "the keyword arguments of Context(...), one each")]
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
        Context::start(py, &options, console, _snapshot.as_deref().map(Snapshot::host))
    }

    /// Captures this context's whole JS state, to start other contexts from (`Snapshot.context()`). Raises
    /// `RuntimeError` while another thread is running JS in it.
    fn snapshot(&self) -> PyResult<Snapshot> {
        let mut guard = match self.inner.try_lock() {
            Ok(guard) => guard,
            Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
            Err(TryLockError::WouldBlock) => {
                return Err(PyRuntimeError::new_err("cannot take a snapshot while the context is running JS"))
            }
        };
        let context = guard.as_mut().ok_or_else(closed_error)?;
        let snapshot = context.snapshot().map_err(|err| Python::attach(|py| to_pyerr(py, err)))?;
        Ok(Snapshot::new(snapshot))
    }

    /// Runs `code` as a classic script at global scope, so its declarations become globals.
    #[pyo3(signature = (code, *, timeout = None))]
    fn compile(&self, py: Python<'_>, code: &Bound<'_, PyString>, timeout: Option<f64>) -> PyResult<()> {
        let code = wtf8(code)?;
        let timeout = seconds(timeout)?;
        self.run(py, |ctx| ctx.compile(&code, timeout))
    }

    /// Returns the completion value of `code`. Its declarations stay local to this call. A Promise result is
    /// awaited unless `auto_await` is False.
    #[pyo3(signature = (code, auto_await = None, *, timeout = None))]
    pub(crate) fn evaluate<'py>(
        &self,
        py: Python<'py>,
        code: &Bound<'py, PyString>,
        auto_await: Option<bool>,
        timeout: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let code = wtf8(code)?;
        let auto_await = auto_await.unwrap_or(true);
        let timeout = seconds(timeout)?;
        let encoded = self.run(py, |ctx| ctx.evaluate(&code, auto_await, timeout))?;
        convert::decode(py, &encoded)
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
            self.evaluate(py, code, auto_await, timeout)
        } else {
            self.compile(py, code, timeout)?;
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
        let id = self.registry.add(function.clone().unbind());
        let name = wtf8(name)?;
        self.run(py, |ctx| ctx.define_callback(&name, id))
    }

    /// Stops the JS this context is running now, from any thread: the call running it raises `JSTimeoutError`.
    /// Without running JS it does nothing.
    fn interrupt(&self) {
        self.interrupt.interrupt();
    }

    /// Calls the global function `name` (or a dotted path such as `"obj.method"`, with `this` = `obj`). A
    /// list or tuple `args` is spread into arguments, None means none, and any other value is one argument.
    #[pyo3(signature = (name, args = None, auto_await = None, *, timeout = None))]
    pub(crate) fn call<'py>(
        &self,
        py: Python<'py>,
        name: &Bound<'py, PyString>,
        args: Option<&Bound<'py, PyAny>>,
        auto_await: Option<bool>,
        timeout: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let path = wtf8(name)?;
        let args = encode_args(args)?;
        let auto_await = auto_await.unwrap_or(true);
        let timeout = seconds(timeout)?;
        let encoded = self.run(py, |ctx| ctx.call(&path, args.as_bytes(), auto_await, timeout))?;
        convert::decode(py, &encoded)
    }

    /// The global object's properties as a mapping (see `jscell.Globals`).
    #[getter]
    fn globals(slf: Py<Self>) -> Globals {
        Globals::new(slf)
    }

    /// Runs the JS garbage collector.
    fn gc(&self, py: Python<'_>) -> PyResult<()> {
        self.run(py, |ctx| ctx.gc())
    }

    /// How many times `compile`, `evaluate` and `call` ran.
    fn get_stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let stats = self.run(py, |ctx| Ok(ctx.stats()))?;
        let dict = PyDict::new(py);
        dict.set_item("compile_count", stats.compile_count)?;
        dict.set_item("evaluate_count", stats.evaluate_count)?;
        dict.set_item("call_count", stats.call_count)?;
        Ok(dict)
    }

    /// Sets the counters of `get_stats` back to zero.
    fn reset_stats(&self, py: Python<'_>) -> PyResult<()> {
        self.run(py, |ctx| {
            ctx.reset_stats();
            Ok(())
        })
    }

    /// QuickJS's memory usage numbers, plus `linear_memory_bytes`: the size of the sandbox's memory.
    fn get_heap_statistics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let stats = self.run(py, |ctx| ctx.heap_statistics())?;
        let dict = convert::decode(py, &stats.quickjs)?;
        dict.set_item("linear_memory_bytes", stats.linear_memory_bytes)?;
        Ok(dict)
    }

    /// Frees the sandbox now. Every later call raises `ContextClosedError`; closing again does nothing.
    fn close(&self, py: Python<'_>) {
        let context = py.detach(|| self.inner.lock().unwrap_or_else(PoisonError::into_inner).take());
        drop(context);
    }

    /// Whether `close()` has run.
    #[getter]
    fn closed(&self, py: Python<'_>) -> bool {
        py.detach(|| self.inner.lock().unwrap_or_else(PoisonError::into_inner).is_none())
    }

    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        self.registry.traverse(&visit)
    }

    fn __clear__(&self) {
        self.registry.clear();
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (*_exc_info))]
    fn __exit__(&self, py: Python<'_>, _exc_info: &Bound<'_, PyTuple>) -> bool {
        self.close(py);
        false
    }

    fn __repr__(&self, py: Python<'_>) -> &'static str {
        if self.closed(py) {
            "<jscell.Context (closed)>"
        } else {
            "<jscell.Context>"
        }
    }
}

/// A seed from any Python int: negative and huge seeds are folded into 64 bits instead of refused.
fn seed_from(seed: &Bound<'_, PyAny>) -> PyResult<u64> {
    let Ok(seed) = seed.cast::<PyInt>() else {
        let type_name = seed.get_type().name()?;
        return Err(PyTypeError::new_err(format!("random_seed must be an int, not {type_name}")));
    };
    seed.bitand((1u128 << 64) - 1)?.extract()
}
