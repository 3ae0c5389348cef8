//! The errors of the host API. Each variant is one thing a caller may want to handle on its own.

use std::fmt;

/// Everything that can go wrong in a context.
///
/// Deliberately not `#[non_exhaustive]`: embedders map every variant on its own (the Python bindings do, with
/// no catch-all), so a new one is a compile error there rather than a silently generic error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// JS threw and nothing caught it.
    #[error("{0}")]
    Thrown(Box<JsException>),
    /// Source given to the context (or to `eval`, `Function` or `JSON.parse` inside it) did not parse.
    #[error("{0}")]
    Syntax(Box<JsException>),
    /// A host callback failed and nothing in JS caught the error it became; the embedder holds the reason.
    #[error("{0}")]
    Callback(Box<JsException>),
    /// JS called `$terminate`: all JS stopped at once, pending jobs and timers were dropped, and the value is
    /// stored as the hook data. The context stays usable.
    #[error("the JS called $terminate")]
    Terminated(Box<JsException>),
    /// JS ran past the call's time limit and was stopped. The context stays usable.
    #[error("the JS ran longer than its time limit of {limit:?} and was stopped")]
    Timeout { limit: std::time::Duration, exception: Box<JsException> },
    /// JS was stopped by an [`crate::InterruptHandle`] (or, with `external`, the embedder's own check). The
    /// context stays usable.
    #[error("the JS was interrupted")]
    Interrupted { exception: Box<JsException>, external: bool },
    /// JS ran out of the context's memory limit and nothing caught it. The context stays usable.
    #[error("the JS ran out of memory (limit {limit} bytes)")]
    OutOfMemory { limit: usize, exception: Box<JsException> },
    /// The JS result has no Python form (a function, a symbol, a cycle); the text says what and where.
    #[error("{0}")]
    Unconvertible(String),
    /// The sandbox stopped with a fatal error during this call (a wasm trap). The context is dead from now on.
    #[error("the sandbox stopped with a fatal error ({0}); this context can no longer be used")]
    Trapped(String),
    /// The guest ignored a request to stop for too long and was stopped by force (only contexts whose memory came
    /// from snapshot bytes can be). The context is dead from now on.
    #[error("the sandbox ignored a request to stop and was stopped by force; this context can no longer be used")]
    StoppedByForce,
    /// An earlier call trapped, so this context cannot run anything.
    #[error("this context can no longer be used: an earlier call stopped its sandbox ({0})")]
    Dead(String),
    /// The sandbox answered something that breaks the ABI. It is not trusted after that.
    #[error("the sandbox gave a malformed answer ({0}); this context can no longer be used")]
    Protocol(String),
    /// The request does not fit in the sandbox's memory.
    #[error("the request ({0} bytes) does not fit in the sandbox's memory")]
    TooLarge(usize),
    /// An option is out of range; the text says which and why.
    #[error("{0}")]
    InvalidOption(String),
    /// Bytes given as a snapshot are not one of this build; the text says why.
    #[error("{0}")]
    InvalidSnapshot(String),
    /// The process could not get the memory to keep a snapshot in.
    #[error("cannot store the snapshot: {0}")]
    SnapshotStorage(String),
    /// A sandbox could not be created.
    #[error("cannot create a sandbox: {0}")]
    Start(String),
}

/// A JS exception, as the guest encoded it.
#[derive(Debug, Clone)]
pub struct JsException {
    /// The error's `name` (`TypeError`, `SyntaxError`, …), or `None` when the thrown value is not an `Error`.
    pub name: Option<String>,
    /// The error's `message`, or the thrown value converted to a string.
    pub message: String,
    /// The JS stack trace text; empty when there is none.
    pub stack: String,
    /// The thrown value itself, encoded (see `jscell-wire`): `undefined` for `Error` objects and for values that
    /// cannot be converted.
    pub value: Vec<u8>,
}

impl fmt::Display for JsException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.name {
            Some(name) if self.message.is_empty() => write!(f, "{name}")?,
            Some(name) => write!(f, "{name}: {}", self.message)?,
            None => write!(f, "Uncaught {}", self.message)?,
        }
        let stack = self.stack.trim_end();
        if !stack.is_empty() {
            write!(f, "\n{stack}")?;
        }
        Ok(())
    }
}
