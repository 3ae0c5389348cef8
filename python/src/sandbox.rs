//! [`Sandbox`]: one host context wired to Python (console, registered functions, Ctrl-C), shared by the
//! `Context` object, its `Globals` and a `Snapshot`'s per-call forks.
//!
//! The host context sits behind a mutex, so any thread may use it and concurrent calls run one after another.
//! The mutex is only ever taken with the GIL released, and JS runs with the GIL released too: a thread waiting
//! for the context never holds the GIL, so there is no lock-order deadlock, and two threads with their own
//! contexts run JS on two cores.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, TryLockError};
use std::time::{Duration, Instant};

use jscell_host::{ContextOptions, Error, ExternalCheck, InterruptHandle};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::callbacks::Registry;
use crate::console::ConsoleTarget;
use crate::convert::{self, encode_args, wtf8};
use crate::errors::to_pyerr;
use crate::exceptions::closed_error;
use crate::options::seconds;

/// One host context and what connects it to Python.
pub struct Sandbox {
    /// `None` once closed.
    inner: Mutex<Option<jscell_host::Context>>,
    /// Outside the mutex: `interrupt()` must work while another thread holds it to run JS.
    interrupt: InterruptHandle,
    /// A signal's exception (KeyboardInterrupt) that stopped the JS, to raise in place of the JS error.
    signal: Arc<Mutex<Option<PyErr>>>,
    /// Functions registered for JS to call.
    pub registry: Registry,
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

/// What a guarded run ended with, before the GIL is taken back.
enum Outcome<R> {
    Done(Result<R, Error>),
    Closed,
}

impl Sandbox {
    /// A new context, fresh or from a snapshot.
    pub fn start(
        py: Python<'_>,
        options: &ContextOptions,
        console: ConsoleTarget,
        snapshot: Option<&jscell_host::Snapshot>,
    ) -> PyResult<Sandbox> {
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
        Ok(Sandbox { inner: Mutex::new(Some(context)), interrupt, signal, registry, owner: AtomicU64::new(0) })
    }

    /// Runs `f` on the host context with the GIL released.
    pub fn run<R: Send>(
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
        match outcome {
            // The guest says the error that escaped is the one a registered function's exception became.
            Outcome::Done(Err(Error::Callback(exception))) => {
                Err(raised.unwrap_or_else(|| to_pyerr(py, Error::Callback(exception))))
            }
            Outcome::Done(Err(Error::Interrupted { exception, external: true })) => {
                let signal = self.signal.lock().unwrap_or_else(PoisonError::into_inner).take();
                Err(signal.unwrap_or_else(|| to_pyerr(py, Error::Interrupted { exception, external: true })))
            }
            Outcome::Done(result) => result.map_err(|err| to_pyerr(py, err)),
            Outcome::Closed => Err(closed_error()),
        }
    }

    /// `compile(code)`: runs it at global scope, named `filename` in stack traces (`<input>` when None).
    pub fn compile(
        &self,
        py: Python<'_>,
        code: &Bound<'_, PyString>,
        filename: Option<&Bound<'_, PyString>>,
        timeout: Option<f64>,
    ) -> PyResult<()> {
        let code = wtf8(code)?;
        let filename = filename.map(wtf8).transpose()?.unwrap_or_default();
        if filename.contains(&0) {
            return Err(pyo3::exceptions::PyValueError::new_err("filename must not contain a NUL character"));
        }
        let timeout = seconds(timeout)?;
        self.run(py, |ctx| ctx.compile(&code, &filename, timeout))
    }

    /// `evaluate(code)`: its completion value, converted.
    pub fn evaluate<'py>(
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

    /// `call(name, args)`: the function's result, converted.
    pub fn call<'py>(
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

    /// The context's state, captured; `RuntimeError` while another thread is running JS in it.
    pub fn snapshot(&self) -> PyResult<jscell_host::Snapshot> {
        let mut guard = match self.inner.try_lock() {
            Ok(guard) => guard,
            Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
            Err(TryLockError::WouldBlock) => {
                return Err(PyRuntimeError::new_err("cannot take a snapshot while the context is running JS"))
            }
        };
        let context = guard.as_mut().ok_or_else(closed_error)?;
        context.snapshot().map_err(|err| Python::attach(|py| to_pyerr(py, err)))
    }

    /// Stops the JS running now, from any thread.
    pub fn interrupt(&self) {
        self.interrupt.interrupt();
    }

    /// Frees the host context now (waiting for a call that is running to finish).
    pub fn close(&self, py: Python<'_>) {
        let context = py.detach(|| self.inner.lock().unwrap_or_else(PoisonError::into_inner).take());
        drop(context);
    }

    /// Whether `close()` has run (waiting for a call that is running to finish).
    pub fn closed(&self, py: Python<'_>) -> bool {
        py.detach(|| self.inner.lock().unwrap_or_else(PoisonError::into_inner).is_none())
    }

    /// Whether `close()` has run, or `None` while a call is running: never waits.
    pub fn closed_now(&self) -> Option<bool> {
        match self.inner.try_lock() {
            Ok(guard) => Some(guard.is_none()),
            Err(TryLockError::Poisoned(poisoned)) => Some(poisoned.into_inner().is_none()),
            Err(TryLockError::WouldBlock) => None,
        }
    }
}
