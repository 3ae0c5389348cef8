//! Host errors as Python exceptions: one exhaustive `match`, so a new kind of host error cannot slip through
//! as a generic one.

use jscell_host::{Error, JsException};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::convert;
use crate::exceptions::{
    conversion_error, engine_error, Class, JS_ERROR, JS_MEMORY_ERROR, JS_SYNTAX_ERROR, JS_TERMINATED, JS_TIMEOUT_ERROR,
};

/// The Python exception for a host error.
pub fn to_pyerr(py: Python<'_>, err: Error) -> PyErr {
    match err {
        Error::Thrown(exception) | Error::Callback(exception) => js_error(py, &JS_ERROR, *exception),
        Error::Syntax(exception) => js_error(py, &JS_SYNTAX_ERROR, *exception),
        Error::Terminated(exception) => js_error(py, &JS_TERMINATED, *exception),
        Error::Unconvertible(message) => conversion_error(message),
        Error::Timeout { limit, exception } => {
            let message = format!("interrupted: the JS ran longer than its time limit of {} s", limit.as_secs_f64());
            stopped(py, &JS_TIMEOUT_ERROR, *exception, message)
        }
        Error::Interrupted { exception, .. } => stopped(py, &JS_TIMEOUT_ERROR, *exception, "interrupted".into()),
        Error::OutOfMemory { limit, exception } => {
            let message = format!("out of memory (the context's memory_limit is {limit} bytes)");
            stopped(py, &JS_MEMORY_ERROR, *exception, message)
        }
        Error::InvalidOption(message) | Error::InvalidSnapshot(message) => PyValueError::new_err(message),
        err @ (Error::Trapped(_)
        | Error::StoppedByForce
        | Error::Dead(_)
        | Error::Protocol(_)
        | Error::TooLarge(_)
        | Error::SnapshotStorage(_)
        | Error::Start(_)) => engine_error(err.to_string()),
    }
}

/// A JS error raised because a limit stopped the JS: the class says which, the message says why.
fn stopped(py: Python<'_>, class: &'static Class, exception: JsException, message: String) -> PyErr {
    class.err(py, (exception.name, message, exception.stack, py.None()))
}

/// A JS exception as `class`, with the thrown value converted.
fn js_error(py: Python<'_>, class: &'static Class, exception: JsException) -> PyErr {
    let value = match convert::decode(py, &exception.value) {
        Ok(value) => value,
        Err(err) => return err,
    };
    let JsException { name, message, stack, .. } = exception;
    class.err(py, (name, message, stack, value))
}
