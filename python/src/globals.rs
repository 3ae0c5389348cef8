//! `Context.globals`: the global object's properties as a Python mapping.
//!
//! These are properties of `globalThis`: `var` and function declarations of `compile`d code and anything
//! assigned to the global object. `let`, `const` and `class` declarations live in the global scope without
//! being properties, so they are not listed (as in JS: `globalThis.x` is undefined for `let x`).

use jscell_host::wire::{global_op, Writer};
use pyo3::exceptions::{PyKeyError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::context::Context;
use crate::convert::{self, wtf8, Encoder};

/// The global object of one context, as a mapping: `ctx.globals["x"] = 1`, `ctx.globals["x"]`,
/// `"x" in ctx.globals`, `del ctx.globals["x"]`.
#[pyclass(module = "jscell", name = "Globals", frozen)]
pub struct Globals {
    context: Py<Context>,
}

impl Globals {
    pub fn new(context: Py<Context>) -> Globals {
        Globals { context }
    }

    /// Runs one operation and decodes its answer.
    fn op<'py>(
        &self,
        py: Python<'py>,
        op: u32,
        name: &Bound<'py, PyString>,
        value: &[u8],
    ) -> PyResult<Bound<'py, PyAny>> {
        let name = wtf8(name)?;
        let encoded = self.context.get().run(py, |ctx| ctx.global(op, &name, value, None))?;
        convert::decode(py, &encoded)
    }

    fn has(&self, py: Python<'_>, name: &Bound<'_, PyString>) -> PyResult<bool> {
        self.op(py, global_op::HAS, name, &[])?.extract()
    }
}

#[pymethods]
impl Globals {
    fn __getitem__<'py>(&self, py: Python<'py>, name: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyAny>> {
        if !self.has(py, name)? {
            return Err(PyKeyError::new_err(name.clone().unbind()));
        }
        self.op(py, global_op::GET, name, &[])
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
            self.op(py, global_op::GET, name, &[])
        } else {
            Ok(default.unwrap_or_else(|| py.None().into_bound(py)))
        }
    }

    fn __setitem__(&self, py: Python<'_>, name: &Bound<'_, PyString>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let mut out = Writer::new();
        Encoder::new(&mut out).value(value).map_err(|e| e.into_pyerr("value"))?;
        self.op(py, global_op::SET, name, out.as_bytes()).map(drop)
    }

    fn __delitem__(&self, py: Python<'_>, name: &Bound<'_, PyString>) -> PyResult<()> {
        if !self.has(py, name)? {
            return Err(PyKeyError::new_err(name.clone().unbind()));
        }
        if !self.op(py, global_op::DELETE, name, &[])?.extract::<bool>()? {
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

    fn __repr__(&self) -> &'static str {
        "<jscell.Globals>"
    }
}
