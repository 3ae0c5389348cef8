//! The exception classes of `jscell/_errors.py`, raised from Rust. The classes live in Python, where they are
//! documented and can have several bases; this module only finds and instantiates them.

use pyo3::call::PyCallArgs;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

/// One class of `jscell._errors`, looked up once.
pub struct Class {
    name: &'static str,
    class: PyOnceLock<Py<PyType>>,
}

impl Class {
    const fn new(name: &'static str) -> Class {
        Class { name, class: PyOnceLock::new() }
    }

    /// An instance of the class made with `args`, as an error to raise.
    pub fn err<'py>(&'static self, py: Python<'py>, args: impl PyCallArgs<'py>) -> PyErr {
        let class = match self.class.import(py, "jscell._errors", self.name) {
            Ok(class) => class,
            Err(err) => return err,
        };
        match class.call1(args) {
            Ok(instance) => PyErr::from_value(instance),
            Err(err) => err,
        }
    }
}

pub static JS_ERROR: Class = Class::new("JSError");
pub static JS_SYNTAX_ERROR: Class = Class::new("JSSyntaxError");
pub static JS_TIMEOUT_ERROR: Class = Class::new("JSTimeoutError");
pub static JS_MEMORY_ERROR: Class = Class::new("JSMemoryError");
pub static JS_TERMINATED: Class = Class::new("JSTerminated");
pub static CONVERSION_ERROR: Class = Class::new("ConversionError");
pub static CONTEXT_CLOSED_ERROR: Class = Class::new("ContextClosedError");
pub static ENGINE_ERROR: Class = Class::new("EngineError");

/// `ConversionError(message)`.
pub fn conversion_error(message: impl Into<String>) -> PyErr {
    Python::attach(|py| CONVERSION_ERROR.err(py, (message.into(),)))
}

/// `EngineError(message)`.
pub fn engine_error(message: impl Into<String>) -> PyErr {
    Python::attach(|py| ENGINE_ERROR.err(py, (message.into(),)))
}

/// `ContextClosedError` for an operation on a closed context.
pub fn closed_error() -> PyErr {
    Python::attach(|py| CONTEXT_CLOSED_ERROR.err(py, ("this context is closed",)))
}
