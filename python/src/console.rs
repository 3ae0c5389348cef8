//! `Context(console=...)`: where a context's `console.log` and friends go.
//!
//! The default is the `logging` logger `jscell.console`, at levels matching the method (`log` and `info` at
//! INFO, `warn` at WARNING, `error` at ERROR, `debug` at DEBUG). A callable gets each message as a `str`
//! (`print` works). `None` drops output. Nothing reaches the process's stdout or stderr unless asked.

use jscell_host::wire::console_level;
use jscell_host::ConsoleSink;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

use crate::convert::string;

/// The `console` argument of `Context`.
pub enum ConsoleTarget {
    /// The `jscell.console` logger.
    Logging,
    /// A callable that takes the message.
    Call(Py<PyAny>),
    /// Nowhere.
    Drop,
}

impl<'a, 'py> FromPyObject<'a, 'py> for ConsoleTarget {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if obj.is_none() {
            Ok(ConsoleTarget::Drop)
        } else if obj.is_callable() {
            Ok(ConsoleTarget::Call(obj.to_owned().unbind()))
        } else {
            Err(PyTypeError::new_err("console must be a callable (such as print) or None"))
        }
    }
}

impl ConsoleTarget {
    /// The host sink that delivers to this target, taking the GIL for each message.
    pub fn into_sink(self) -> Option<ConsoleSink> {
        let target = match self {
            ConsoleTarget::Drop => return None,
            other => other,
        };
        Some(Box::new(move |level, text| {
            Python::attach(|py| {
                let delivered = string(py, text).and_then(|message| match &target {
                    ConsoleTarget::Call(callable) => callable.call1(py, (message,)).map(drop),
                    _ => logger(py)?.call_method1("log", (python_level(level), "%s", message)).map(drop),
                });
                // A failing handler must not change what the JS does; Python reports it as unraisable.
                if let Err(err) = delivered {
                    err.write_unraisable(py, None);
                }
            });
        }))
    }
}

/// The `logging` level for a console level.
fn python_level(level: u32) -> u32 {
    match level {
        console_level::DEBUG => 10,
        console_level::WARN => 30,
        console_level::ERROR => 40,
        _ => 20,
    }
}

fn logger(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static LOGGER: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    LOGGER
        .get_or_try_init(py, || {
            Ok::<_, PyErr>(py.import("logging")?.call_method1("getLogger", ("jscell.console",))?.unbind())
        })
        .map(|logger| logger.bind(py))
}
