//! Host errors as Python exceptions. The exception classes live in `jscell/_errors.py`, where they are
//! documented and can have several bases; this module only raises them.

use jscell_host::{Error, JsException};
use pyo3::call::PyCallArgs;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

use crate::convert;

/// Raises the `jscell._errors` class `name` with `args`.
fn raise<'py>(
    py: Python<'py>,
    class: &'static PyOnceLock<Py<PyType>>,
    name: &str,
    args: impl PyCallArgs<'py>,
) -> PyErr {
    let class = match class.import(py, "jscell._errors", name) {
        Ok(class) => class,
        Err(err) => return err,
    };
    match class.call1(args) {
        Ok(instance) => PyErr::from_value(instance),
        Err(err) => err,
    }
}

static JS_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static JS_SYNTAX_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static CONVERSION_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static CONTEXT_CLOSED_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static ENGINE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static JS_TIMEOUT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static JS_MEMORY_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `ConversionError(message)`.
pub fn conversion_error(message: impl Into<String>) -> PyErr {
    Python::attach(|py| raise(py, &CONVERSION_ERROR, "ConversionError", (message.into(),)))
}

/// `EngineError(message)`.
pub fn engine_error(message: impl Into<String>) -> PyErr {
    Python::attach(|py| raise(py, &ENGINE_ERROR, "EngineError", (message.into(),)))
}

/// `ContextClosedError` for an operation on a closed context.
pub fn closed_error() -> PyErr {
    Python::attach(|py| raise(py, &CONTEXT_CLOSED_ERROR, "ContextClosedError", ("this context is closed",)))
}

/// The Python exception for a host error.
pub fn to_pyerr(py: Python<'_>, err: Error) -> PyErr {
    match err {
        Error::Thrown(exception) => js_error(py, *exception),
        Error::Unconvertible(message) => conversion_error(message),
        Error::Timeout { limit, exception } => {
            let message = format!("interrupted: the JS ran longer than its time limit of {} s", limit.as_secs_f64());
            stopped(py, &JS_TIMEOUT_ERROR, "JSTimeoutError", *exception, message)
        }
        Error::Interrupted { exception, .. } => {
            stopped(py, &JS_TIMEOUT_ERROR, "JSTimeoutError", *exception, "interrupted".into())
        }
        Error::OutOfMemory { limit, exception } => {
            let message = format!("out of memory (the context's memory_limit is {limit} bytes)");
            stopped(py, &JS_MEMORY_ERROR, "JSMemoryError", *exception, message)
        }
        Error::InvalidOption(message) | Error::InvalidSnapshot(message) => PyValueError::new_err(message),
        other => engine_error(other.to_string()),
    }
}

/// A JS error raised because a limit stopped the JS: the class says which, the message says why.
fn stopped(
    py: Python<'_>,
    class: &'static PyOnceLock<Py<PyType>>,
    name: &str,
    exception: JsException,
    message: String,
) -> PyErr {
    raise(py, class, name, (exception.name, message, exception.stack, py.None()))
}

fn js_error(py: Python<'_>, exception: JsException) -> PyErr {
    let value = match convert::decode(py, &exception.value) {
        Ok(value) => value,
        Err(err) => return err,
    };
    let JsException { name, message, stack, .. } = exception;
    if name.as_deref() == Some("SyntaxError") {
        raise(py, &JS_SYNTAX_ERROR, "JSSyntaxError", (name, message, stack, value))
    } else {
        raise(py, &JS_ERROR, "JSError", (name, message, stack, value))
    }
}
