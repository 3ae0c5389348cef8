//! The native half of `Context.globals`: the global object's properties as a mapping. The public class,
//! `jscell.Globals` (`jscell/_globals.py`), adds `collections.abc.MutableMapping` on top, so `keys()`,
//! `items()`, `update()` and the rest come from Python's own mixins over the methods here.
//!
//! These are properties of `globalThis`: `var` and function declarations of `compile`d code and anything
//! assigned to the global object. `let`, `const` and `class` declarations live in the global scope without
//! being properties, so they are not listed (as in JS: `globalThis.x` is undefined for `let x`). Iteration and
//! `len` cover the enumerable own string-keyed properties.

use std::sync::Arc;

use jscell_host::wire::{global_op, Writer};
use pyo3::exceptions::{PyKeyError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use crate::context::Context;
use crate::convert::{self, wtf8, Encoder};
use crate::sandbox::Sandbox;

/// The global object of one context, as a mapping: `ctx.globals["x"] = 1`, `ctx.globals["x"]`,
/// `"x" in ctx.globals`, `del ctx.globals["x"]`, `list(ctx.globals)`, `len(ctx.globals)`.
#[pyclass(module = "jscell", name = "Globals", frozen, subclass)]
pub struct Globals {
    sandbox: Arc<Sandbox>,
}

impl Globals {
    /// Runs one operation and decodes its answer.
    fn op<'py>(&self, py: Python<'py>, op: u32, name: &[u8], value: &[u8]) -> PyResult<Bound<'py, PyAny>> {
        let encoded = self.sandbox.run(py, |ctx| ctx.global(op, name, value, None))?;
        convert::decode(py, &encoded)
    }

    fn has(&self, py: Python<'_>, name: &Bound<'_, PyString>) -> PyResult<bool> {
        self.op(py, global_op::HAS, &wtf8(name)?, &[])?.extract()
    }

    /// The names, as a Python list of `str`.
    fn names<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        Ok(self.op(py, global_op::KEYS, &[], &[])?.cast_into::<PyList>()?)
    }
}

#[pymethods]
impl Globals {
    /// The globals of `context`.
    #[new]
    fn new(context: PyRef<'_, Context>) -> Globals {
        Globals { sandbox: Arc::clone(context.sandbox()) }
    }

    fn __getitem__<'py>(&self, py: Python<'py>, name: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyAny>> {
        if !self.has(py, name)? {
            return Err(PyKeyError::new_err(name.clone().unbind()));
        }
        self.op(py, global_op::GET, &wtf8(name)?, &[])
    }

    /// The global `name`, or `default` when there is none.
    #[pyo3(signature = (name, default = None))]
    fn get<'py>(
        &self,
        py: Python<'py>,
        name: &Bound<'py, PyString>,
        default: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        if self.has(py, name)? {
            self.op(py, global_op::GET, &wtf8(name)?, &[])
        } else {
            Ok(default.unwrap_or_else(|| py.None().into_bound(py)))
        }
    }

    fn __setitem__(&self, py: Python<'_>, name: &Bound<'_, PyString>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let mut out = Writer::new();
        Encoder::new(&mut out).value(value).map_err(|e| e.into_pyerr("value"))?;
        self.op(py, global_op::SET, &wtf8(name)?, out.as_bytes()).map(drop)
    }

    fn __delitem__(&self, py: Python<'_>, name: &Bound<'_, PyString>) -> PyResult<()> {
        if !self.has(py, name)? {
            return Err(PyKeyError::new_err(name.clone().unbind()));
        }
        if !self.op(py, global_op::DELETE, &wtf8(name)?, &[])?.extract::<bool>()? {
            return Err(PyTypeError::new_err(format!("the global {name} cannot be deleted")));
        }
        Ok(())
    }

    fn __contains__(&self, py: Python<'_>, name: &Bound<'_, PyAny>) -> PyResult<bool> {
        match name.cast::<PyString>() {
            Ok(name) => self.has(py, name),
            Err(_) => Ok(false),
        }
    }

    /// The names of the enumerable own properties, as they are now.
    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.names(py)?.try_iter()?.into_any())
    }

    /// How many enumerable own properties there are.
    fn __len__(&self, py: Python<'_>) -> PyResult<usize> {
        Ok(self.names(py)?.len())
    }

    fn __repr__(&self) -> &'static str {
        "<jscell.Globals>"
    }
}
