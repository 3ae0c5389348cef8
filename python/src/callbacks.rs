//! Python functions registered with `Context.register` / `@Context.function`, called from JS.
//!
//! The handler runs while JS runs, on the thread that called into the context, with the GIL taken for the
//! call: arguments and results use the usual conversion. A Python exception becomes a JS `PythonError` that JS
//! may catch; if nothing catches it, the call into the context raises the original Python exception.

use std::sync::{Arc, Mutex, PoisonError};

use jscell_host::wire::{Status, Writer};
use jscell_host::CallbackHandler;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};
use pyo3::{PyTraverseError, PyVisit};

use crate::convert::{self, Encoder};

/// The registered functions of one context, by id, and the last exception one of them raised.
#[derive(Clone, Default)]
pub struct Registry {
    functions: Arc<Mutex<Vec<Py<PyAny>>>>,
    raised: Arc<Mutex<Option<PyErr>>>,
}

impl Registry {
    /// Adds a function and returns its id.
    pub fn add(&self, function: Py<PyAny>) -> u32 {
        let mut functions = self.functions.lock().unwrap_or_else(PoisonError::into_inner);
        functions.push(function);
        (functions.len() - 1) as u32
    }

    /// Visits the registered functions, for Python's cycle collector (a function that refers to its own context
    /// makes a cycle). Skipped if another thread holds the list this instant; the next collection sees it.
    pub fn traverse(&self, visit: &PyVisit<'_>) -> Result<(), PyTraverseError> {
        if let Ok(functions) = self.functions.try_lock() {
            for function in functions.iter() {
                visit.call(function)?;
            }
        }
        Ok(())
    }

    /// Drops the registered functions, to break a reference cycle.
    pub fn clear(&self) {
        self.functions.lock().unwrap_or_else(PoisonError::into_inner).clear();
    }

    /// The exception a registered function raised that nothing in JS caught, if any.
    pub fn take_raised(&self) -> Option<PyErr> {
        self.raised.lock().unwrap_or_else(PoisonError::into_inner).take()
    }

    /// The host handler that calls the registered functions.
    pub fn handler(&self) -> CallbackHandler {
        let registry = self.clone();
        Box::new(move |id, args| Python::attach(|py| registry.call(py, id, args)))
    }

    fn call(&self, py: Python<'_>, id: u32, args: &[u8]) -> Vec<u8> {
        let function = {
            let functions = self.functions.lock().unwrap_or_else(PoisonError::into_inner);
            functions.get(id as usize).map(|f| f.clone_ref(py))
        };
        let result = function
            .ok_or_else(|| pyo3::exceptions::PyLookupError::new_err(format!("no registered function {id}")))
            .and_then(|function| {
                let args = convert::decode(py, args)?;
                let args = PyTuple::new(py, args.cast::<PyList>()?.iter())?;
                function.call1(py, args)
            });
        let mut out = Writer::new();
        match result {
            Ok(value) => {
                out.raw_byte(Status::Ok as u8);
                let encoded = Encoder::new(&mut out).value(value.bind(py));
                if let Err(err) = encoded {
                    out.clear();
                    self.fail(py, err.into_pyerr("result"), &mut out);
                }
            }
            Err(err) => self.fail(py, err, &mut out),
        }
        out.into_vec()
    }

    /// Keeps `err` to re-raise, and writes the reply that makes JS throw a `PythonError` with its text.
    fn fail(&self, py: Python<'_>, err: PyErr, out: &mut Writer) {
        let text = format!("{}: {}", err.get_type(py).name().map(|n| n.to_string()).unwrap_or_default(), err.value(py));
        *self.raised.lock().unwrap_or_else(PoisonError::into_inner) = Some(err);
        out.raw_byte(Status::Thrown as u8);
        out.string(text.as_bytes());
    }
}
