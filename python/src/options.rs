//! Keyword options of `Context(...)` and `Snapshot.context(...)`, checked and turned into host options.

use std::time::Duration;

use jscell_host::ContextOptions;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyInt;

/// A time limit in seconds from Python, checked.
pub fn seconds(timeout: Option<f64>) -> PyResult<Option<Duration>> {
    timeout
        .map(|t| {
            Duration::try_from_secs_f64(t).map_err(|_| {
                PyValueError::new_err(format!("timeout must be a non-negative number of seconds, not {t}"))
            })
        })
        .transpose()
}

/// Host options from the keyword arguments.
pub fn options(
    random_seed: Option<&Bound<'_, PyAny>>,
    timeout: Option<f64>,
    memory_limit: Option<usize>,
    stack_limit: Option<usize>,
    keep_timers: bool,
) -> PyResult<ContextOptions> {
    let random_seed = random_seed.filter(|seed| !seed.is_none()).map(seed_from).transpose()?;
    Ok(ContextOptions { random_seed, timeout: seconds(timeout)?, memory_limit, stack_limit, keep_timers })
}

/// A seed from any Python int: negative and huge seeds are folded into 64 bits instead of refused.
fn seed_from(seed: &Bound<'_, PyAny>) -> PyResult<u64> {
    let Ok(seed) = seed.cast::<PyInt>() else {
        let type_name = seed.get_type().name()?;
        return Err(PyTypeError::new_err(format!("random_seed must be an int, not {type_name}")));
    };
    seed.bitand((1u128 << 64) - 1)?.extract()
}
