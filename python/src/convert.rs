//! Python values to and from the encoded form that crosses into the sandbox (see `jscell-wire`).
//!
//! | Python                               | JS                                  |
//! |--------------------------------------|-------------------------------------|
//! | `None`                               | `null` (and `undefined` → `None`)   |
//! | `bool`                               | boolean                             |
//! | `int`, safe (\|n\| < 2⁵³)              | number                              |
//! | `int`, larger                        | BigInt (BigInt → `int`)             |
//! | `float` (NaN, ±inf, -0.0 included)   | number                              |
//! | `str` (lone surrogates kept)         | string                              |
//! | `list`, `tuple`                      | Array (→ `list`)                    |
//! | `dict` with `str` keys               | plain object                        |
//! | `bytes`, `bytearray`, `memoryview`   | `Uint8Array` (typed arrays, `ArrayBuffer` → `bytes`) |
//! | `datetime.datetime`                  | `Date` (→ aware UTC `datetime`)     |
//!
//! Anything else raises `ConversionError`, naming the value's place, such as `args[0]['a'][2]`.

use jscell_host::wire::{Item, Reader, WireError, Writer, MAX_DEPTH, MAX_SAFE_INTEGER};
use pyo3::exceptions::PyOverflowError;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyMemoryView, PyString, PyTuple, PyTzInfo,
};

use crate::exceptions::{conversion_error, engine_error};

/// A Python value with no JS form, and the path to it.
pub struct Unconvertible {
    what: String,
    /// Innermost step first.
    path: Vec<String>,
}

impl Unconvertible {
    fn new(what: impl Into<String>) -> Unconvertible {
        Unconvertible { what: what.into(), path: Vec::new() }
    }

    fn within(mut self, step: String) -> Unconvertible {
        self.path.push(step);
        self
    }

    /// The `ConversionError` to raise, with `root` naming the outermost value (`args`, `value`).
    pub fn into_pyerr(self, root: &str) -> PyErr {
        let mut place = String::from(root);
        for step in self.path.iter().rev() {
            place.push_str(step);
        }
        conversion_error(format!("cannot convert {} to a JS value (at {place})", self.what))
    }
}

/// Encodes Python values, tracking the containers on the current path to refuse cycles.
pub struct Encoder<'w> {
    out: &'w mut Writer,
    open: Vec<*mut ffi::PyObject>,
}

impl<'w> Encoder<'w> {
    pub fn new(out: &'w mut Writer) -> Encoder<'w> {
        Encoder { out, open: Vec::new() }
    }

    /// Encodes one value.
    pub fn value(&mut self, obj: &Bound<'_, PyAny>) -> Result<(), Unconvertible> {
        // Exact types first: they are the common case and the cheapest checks.
        if obj.is_none() {
            self.out.null();
        } else if let Ok(b) = obj.cast_exact::<PyBool>() {
            self.out.bool(b.is_true());
        } else if let Ok(s) = obj.cast::<PyString>() {
            self.out.string(&wtf8(s).map_err(|_| Unconvertible::new("a str that cannot be encoded"))?);
        } else if let Ok(i) = obj.cast::<PyInt>() {
            self.int(i)?;
        } else if let Ok(f) = obj.cast::<PyFloat>() {
            self.out.float(f.value());
        } else if let Ok(list) = obj.cast::<PyList>() {
            self.sequence(obj, list.len(), list.iter())?;
        } else if let Ok(tuple) = obj.cast::<PyTuple>() {
            self.sequence(obj, tuple.len(), tuple.iter())?;
        } else if let Ok(dict) = obj.cast::<PyDict>() {
            self.dict(obj, dict)?;
        } else if let Ok(bytes) = obj.cast::<PyBytes>() {
            self.out.bytes(bytes.as_bytes());
        } else if let Ok(array) = obj.cast::<PyByteArray>() {
            self.out.bytes(&array.to_vec());
        } else if obj.cast::<PyMemoryView>().is_ok() {
            let bytes = obj
                .call_method0("tobytes")
                .map_err(|_| Unconvertible::new("a memoryview that cannot be read as bytes"))?;
            let bytes = bytes.cast::<PyBytes>().map_err(|_| Unconvertible::new("a memoryview"))?;
            self.out.bytes(bytes.as_bytes());
        } else if obj.cast::<PyDateTime>().is_ok() {
            let seconds: f64 = obj
                .call_method0("timestamp")
                .and_then(|t| t.extract())
                .map_err(|_| Unconvertible::new("a datetime without a timestamp"))?;
            self.out.date(seconds * 1000.0);
        } else {
            return Err(Unconvertible::new(describe_type(obj)));
        }
        Ok(())
    }

    /// A list or tuple, as an array.
    fn sequence<'py>(
        &mut self,
        obj: &Bound<'py, PyAny>,
        len: usize,
        items: impl Iterator<Item = Bound<'py, PyAny>>,
    ) -> Result<(), Unconvertible> {
        self.enter(obj)?;
        self.out.array(len_u32(len)?);
        for (i, item) in items.enumerate() {
            self.value(&item).map_err(|e| e.within(format!("[{i}]")))?;
        }
        self.leave();
        Ok(())
    }

    fn int(&mut self, int: &Bound<'_, PyInt>) -> Result<(), Unconvertible> {
        match int.extract::<i64>() {
            Ok(n) if (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&n) => self.out.int(n),
            // Beyond 2**53 a JS number would round, so the value becomes a BigInt and stays exact.
            _ => {
                let digits = int.str().map_err(|_| Unconvertible::new("an int that cannot be printed"))?;
                let digits = digits.to_cow().map_err(|_| Unconvertible::new("an int that cannot be printed"))?;
                self.out.bigint(digits.as_bytes());
            }
        }
        Ok(())
    }

    fn dict(&mut self, obj: &Bound<'_, PyAny>, dict: &Bound<'_, PyDict>) -> Result<(), Unconvertible> {
        self.enter(obj)?;
        self.out.object(len_u32(dict.len())?);
        for (key, item) in dict.iter() {
            let Ok(key) = key.cast::<PyString>() else {
                let place = key.repr().map(|r| r.to_string()).unwrap_or_else(|_| "?".into());
                return Err(Unconvertible::new(format!(
                    "a dict key of type {} ({place}); keys must be str",
                    type_name(&key)
                )));
            };
            let key_bytes = wtf8(key).map_err(|_| Unconvertible::new("a dict key that cannot be encoded"))?;
            self.out.key(&key_bytes);
            self.value(&item).map_err(|e| e.within(format!("[{}]", key_repr(key))))?;
        }
        self.leave();
        Ok(())
    }

    fn enter(&mut self, obj: &Bound<'_, PyAny>) -> Result<(), Unconvertible> {
        if self.open.contains(&obj.as_ptr()) {
            return Err(Unconvertible::new(format!("a {} that contains itself", type_name(obj))));
        }
        if self.open.len() >= MAX_DEPTH {
            return Err(Unconvertible::new(format!("data nested more than {MAX_DEPTH} levels deep")));
        }
        self.open.push(obj.as_ptr());
        Ok(())
    }

    fn leave(&mut self) {
        self.open.pop();
    }
}

/// Encodes call arguments: a list or tuple is spread, `None` is no arguments, anything else is one argument.
pub fn encode_args(args: Option<&Bound<'_, PyAny>>) -> PyResult<Writer> {
    let mut out = Writer::new();
    let mut encoder = Encoder::new(&mut out);
    let result = match args {
        None => {
            encoder.out.array(0);
            Ok(())
        }
        Some(args) if args.is_none() => {
            encoder.out.array(0);
            Ok(())
        }
        Some(args) if args.cast::<PyList>().is_ok() || args.cast::<PyTuple>().is_ok() => encoder.value(args),
        Some(arg) => {
            encoder.out.array(1);
            encoder.value(arg).map_err(|e| e.within("[0]".into()))
        }
    };
    result.map_err(|e| e.into_pyerr("args"))?;
    Ok(out)
}

/// A `str` as WTF-8: UTF-8, with lone surrogates as their three-byte forms.
pub fn wtf8(s: &Bound<'_, PyString>) -> PyResult<Vec<u8>> {
    // The 3.9 stable ABI has no borrowed UTF-8 view of a str, so this is CPython's UTF-8 encoding, copied once.
    if let Ok(text) = s.to_cow() {
        return Ok(text.into_owned().into_bytes());
    }
    // Only lone surrogates make the strict encoder fail (its error is dropped with the `Err` above);
    // "surrogatepass" writes them as WTF-8.
    let encoded = s.call_method1("encode", ("utf-8", "surrogatepass"))?;
    Ok(encoded.cast::<PyBytes>()?.as_bytes().to_vec())
}

/// Decodes one encoded value into a Python object.
pub fn decode<'py>(py: Python<'py>, bytes: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    let mut reader = Reader::new(bytes);
    let value = read(py, &mut reader, 0)?;
    reader.finish().map_err(malformed)?;
    Ok(value)
}

/// Decodes the value at the reader.
pub fn read<'py>(py: Python<'py>, reader: &mut Reader<'_>, depth: usize) -> PyResult<Bound<'py, PyAny>> {
    Ok(match reader.item().map_err(malformed)? {
        Item::Undefined | Item::Null => py.None().into_bound(py),
        Item::Bool(b) => PyBool::new(py, b).to_owned().into_any(),
        Item::Int(n) => n.into_pyobject(py)?.into_any(),
        Item::Float(f) => PyFloat::new(py, f).into_any(),
        Item::BigInt(digits) => py.get_type::<PyInt>().call1((digits,))?,
        Item::String(text) => string(py, text)?.into_any(),
        Item::Bytes(bytes) => PyBytes::new(py, bytes).into_any(),
        Item::Date(millis) => date(py, millis)?,
        Item::Array(count) => {
            check_depth(depth)?;
            let mut items = Vec::with_capacity(count as usize);
            for _ in 0..count {
                items.push(read(py, reader, depth + 1)?);
            }
            PyList::new(py, items)?.into_any()
        }
        Item::Object(count) => {
            check_depth(depth)?;
            let dict = PyDict::new(py);
            for _ in 0..count {
                let key = string(py, reader.key().map_err(malformed)?)?;
                dict.set_item(key, read(py, reader, depth + 1)?)?;
            }
            dict.into_any()
        }
    })
}

/// A `str` from WTF-8, keeping lone surrogates.
pub fn string<'py>(py: Python<'py>, bytes: &[u8]) -> PyResult<Bound<'py, PyString>> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(PyString::new(py, text));
    }
    let len = isize::try_from(bytes.len()).map_err(|_| PyOverflowError::new_err("string too long"))?;
    // SAFETY: `bytes` is valid for `len` bytes; the error handler name is a NUL-terminated literal.
    unsafe {
        let obj = ffi::PyUnicode_DecodeUTF8(bytes.as_ptr().cast(), len, c"surrogatepass".as_ptr());
        Ok(Bound::from_owned_ptr_or_err(py, obj)?.cast_into_unchecked())
    }
}

fn date<'py>(py: Python<'py>, millis: f64) -> PyResult<Bound<'py, PyAny>> {
    if !millis.is_finite() {
        return Err(conversion_error("cannot convert an invalid JS Date to a Python datetime"));
    }
    let utc = PyTzInfo::utc(py)?;
    PyDateTime::from_timestamp(py, millis / 1000.0, Some(&utc))
        .map(Bound::into_any)
        .map_err(|_| conversion_error(format!("the JS Date {millis} ms is outside Python's datetime range")))
}

fn check_depth(depth: usize) -> PyResult<()> {
    if depth >= MAX_DEPTH {
        return Err(conversion_error(format!("the JS value is nested more than {MAX_DEPTH} levels deep")));
    }
    Ok(())
}

fn malformed(err: WireError) -> PyErr {
    engine_error(format!("the sandbox gave a malformed value: {err}"))
}

fn len_u32(len: usize) -> Result<u32, Unconvertible> {
    u32::try_from(len).map_err(|_| Unconvertible::new("a container with more than 2**32 items"))
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "object".into())
}

/// "a set", "an object", or "a generator" for the error message.
fn describe_type(obj: &Bound<'_, PyAny>) -> String {
    let name = type_name(obj);
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("{article} {name}")
}

fn key_repr(key: &Bound<'_, PyString>) -> String {
    key.repr().map(|repr| repr.to_string()).unwrap_or_else(|_| "'?'".into())
}
