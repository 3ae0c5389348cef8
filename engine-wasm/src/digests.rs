//! The natives behind node's `createHash`, `createHmac`, `pbkdf2`, `hkdf` and `scrypt`
//! (engine-wasm/js/node/crypto.js), on RustCrypto's hashes: every hash node 20 names that crawler code uses,
//! SM3 included. A hash in progress is a handle (see `handle`), so `update` streams and `copy` forks it.

use digest::{Digest, DynDigest};
// SimpleHmac, not Hmac: it takes every hash, BLAKE2's lazily buffered ones too.
use hmac::{Mac, SimpleHmac};
use rquickjs::qjs;

use crate::bytes::{
    arg, byte_args, f64_arg, new_uint8_array, or_exception, plain_error, string_arg, type_error, uint8_slice,
};
use crate::handle;
use crate::native::{native_fn, NativeFn};
use crate::owned::{exception, is_undefined, undefined};

/// The natives `web` puts on its internal object.
pub const NATIVES: [(&std::ffi::CStr, NativeFn, i32); 7] = [
    (c"hashNew", hash_new, 2),
    (c"hashUpdate", hash_update, 2),
    (c"hashCopy", hash_copy, 1),
    (c"hashDigest", hash_digest, 1),
    (c"pbkdf2Node", pbkdf2_node, 5),
    (c"hkdf", hkdf, 5),
    (c"scrypt", scrypt, 6),
];

/// Runs `$body` with `$D` the hash type named `$name` (node's canonical lowercase names); `None` for a
/// name no hash has. `signing` leaves out SM3 and BLAKE2, which have no object identifier for a PKCS#1
/// signature.
macro_rules! with_hash {
    (signing $name:expr, $D:ident => $body:expr) => {
        with_hash!(@match $name, $D => $body, {})
    };
    ($name:expr, $D:ident => $body:expr) => {
        with_hash!(@match $name, $D => $body, {
            "sm3" => { type $D = sm3::Sm3; Some($body) }
            "blake2b512" => { type $D = blake2::Blake2b512; Some($body) }
            "blake2s256" => { type $D = blake2::Blake2s256; Some($body) }
        })
    };
    (@match $name:expr, $D:ident => $body:expr, { $($more:tt)* }) => {
        match $name {
            "md5" => { type $D = md5::Md5; Some($body) }
            "sha1" => { type $D = sha1::Sha1; Some($body) }
            "sha224" => { type $D = sha2::Sha224; Some($body) }
            "sha256" => { type $D = sha2::Sha256; Some($body) }
            "sha384" => { type $D = sha2::Sha384; Some($body) }
            "sha512" => { type $D = sha2::Sha512; Some($body) }
            "sha512-224" => { type $D = sha2::Sha512_224; Some($body) }
            "sha512-256" => { type $D = sha2::Sha512_256; Some($body) }
            "ripemd160" => { type $D = ripemd::Ripemd160; Some($body) }
            "sha3-224" => { type $D = sha3::Sha3_224; Some($body) }
            "sha3-256" => { type $D = sha3::Sha3_256; Some($body) }
            "sha3-384" => { type $D = sha3::Sha3_384; Some($body) }
            "sha3-512" => { type $D = sha3::Sha3_512; Some($body) }
            $($more)*
            _ => None,
        }
    };
}
pub(crate) use with_hash;

/// A hash or HMAC in progress.
trait Stream {
    fn update(&mut self, data: &[u8]);
    /// The digest of everything so far.
    fn finish(&mut self) -> Vec<u8>;
    fn duplicate(&self) -> Box<dyn Stream>;
}

impl<D: DynDigest + Clone + 'static> Stream for D {
    fn update(&mut self, data: &[u8]) {
        DynDigest::update(self, data);
    }

    fn finish(&mut self) -> Vec<u8> {
        self.finalize_reset().into_vec()
    }

    fn duplicate(&self) -> Box<dyn Stream> {
        Box::new(self.clone())
    }
}

/// HMAC over `M`; the `Mac` trait's own methods are not object-safe, hence the wrapper.
#[derive(Clone)]
struct Keyed<M>(M);

impl<M: Mac + Clone + 'static> Stream for Keyed<M> {
    fn update(&mut self, data: &[u8]) {
        self.0.update(data);
    }

    fn finish(&mut self) -> Vec<u8> {
        self.0.clone().finalize().into_bytes().to_vec()
    }

    fn duplicate(&self) -> Box<dyn Stream> {
        Box::new(self.clone())
    }
}

/// A hash handle's state: `None` once digested (node refuses a second digest).
struct Hashing(Option<Box<dyn Stream>>);

/// A new hash (no key) or HMAC (with one) named `name`.
fn new_stream(name: &str, key: Option<&[u8]>) -> Option<Box<dyn Stream>> {
    match key {
        None => with_hash!(name, D => Box::new(D::new()) as Box<dyn Stream>),
        // HMAC takes keys of any length, so `new_from_slice` cannot fail.
        Some(key) => {
            with_hash!(name, D => Box::new(Keyed(SimpleHmac::<D>::new_from_slice(key).expect("any key length"))) as Box<dyn Stream>)
        }
    }
}

native_fn! {
    /// `hashNew(algorithm, hmacKey)`: a handle hashing with `algorithm`, keyed for HMAC when `hmacKey` (a
    /// `Uint8Array`) is given.
    fn hash_new(ctx, args) {
        let Some(name) = string_arg(ctx, arg(args, 0)) else { return exception() };
        let key = arg(args, 1);
        let key = if is_undefined(key) {
            None
        } else {
            let Some(key) = uint8_slice(ctx, key) else { return exception() };
            Some(key)
        };
        match new_stream(&name, key) {
            Some(stream) => handle::new(ctx, Hashing(Some(stream))),
            None => type_error(ctx, "Digest method not supported"),
        }
    }
}

/// The live stream of the hash handle `value`, or `None` with an error pending.
///
/// # Safety
/// As `handle::get`.
unsafe fn live_stream<'a>(ctx: *mut qjs::JSContext, value: qjs::JSValue) -> Option<&'a mut Box<dyn Stream>> {
    // SAFETY: as the caller guarantees.
    unsafe {
        let hashing = handle::get::<Hashing>(ctx, value)?;
        if hashing.0.is_none() {
            plain_error(ctx, "Digest already called");
        }
        hashing.0.as_mut()
    }
}

native_fn! {
    /// `hashUpdate(handle, bytes)`.
    fn hash_update(ctx, args) {
        let Some(stream) = live_stream(ctx, arg(args, 0)) else { return exception() };
        let Some(data) = uint8_slice(ctx, arg(args, 1)) else { return exception() };
        stream.update(data);
        undefined()
    }
}

native_fn! {
    /// `hashCopy(handle)`: a new handle in the same state.
    fn hash_copy(ctx, args) {
        let Some(stream) = live_stream(ctx, arg(args, 0)) else { return exception() };
        let copy = stream.duplicate();
        handle::new(ctx, Hashing(Some(copy)))
    }
}

native_fn! {
    /// `hashDigest(handle)`: the digest; the handle is finished.
    fn hash_digest(ctx, args) {
        let Some(hashing) = handle::get::<Hashing>(ctx, arg(args, 0)) else { return exception() };
        match hashing.0.take() {
            Some(mut stream) => new_uint8_array(ctx, &stream.finish()),
            None => plain_error(ctx, "Digest already called"),
        }
    }
}

/// The length argument at `index` as a `usize` (the JS side has range-checked it), or `None` with an exception
/// pending.
///
/// # Safety
/// `ctx` is a live context and `args` are its values.
unsafe fn length_at(ctx: *mut qjs::JSContext, args: &[qjs::JSValue], index: usize) -> Option<usize> {
    // SAFETY: as the caller guarantees.
    unsafe { f64_arg(ctx, arg(args, index)) }.map(|n| n.max(0.0) as usize)
}

native_fn! {
    /// `pbkdf2Node(digest, password, salt, iterations, keylen)`: PBKDF2-HMAC with any of node's hashes.
    fn pbkdf2_node(ctx, args) {
        let Some(name) = string_arg(ctx, arg(args, 0)) else { return exception() };
        let Some([password, salt]) = byte_args(ctx, args, [1, 2]) else { return exception() };
        let Some(iterations) = length_at(ctx, args, 3) else { return exception() };
        let Some(length) = length_at(ctx, args, 4) else { return exception() };
        let mut out = vec![0u8; length];
        let iterations = u32::try_from(iterations).unwrap_or(u32::MAX);
        let done = with_hash!(name.as_str(), D => pbkdf2::pbkdf2::<SimpleHmac<D>>(&password, &salt, iterations, &mut out).is_ok());
        match done {
            Some(true) => new_uint8_array(ctx, &out),
            // PBKDF2 over HMAC takes keys of any length; only a missing hash is left.
            Some(false) | None => type_error(ctx, "Digest method not supported"),
        }
    }
}

native_fn! {
    /// `hkdf(digest, ikm, salt, info, keylen)`: HKDF (RFC 5869) extract and expand.
    fn hkdf(ctx, args) {
        let Some(name) = string_arg(ctx, arg(args, 0)) else { return exception() };
        let Some([ikm, salt, info]) = byte_args(ctx, args, [1, 2, 3]) else { return exception() };
        let Some(length) = length_at(ctx, args, 4) else { return exception() };
        let mut out = vec![0u8; length];
        let done = with_hash!(name.as_str(), D => ::hkdf::SimpleHkdf::<D>::new(Some(&salt), &ikm).expand(&info, &mut out).is_ok());
        match done {
            Some(true) => new_uint8_array(ctx, &out),
            Some(false) => plain_error(ctx, "Invalid key length"),
            None => type_error(ctx, "Digest method not supported"),
        }
    }
}

native_fn! {
    /// `scrypt(password, salt, keylen, N, r, p)`: scrypt (RFC 7914); `N` is a power of two (checked in JS).
    fn scrypt(ctx, args) {
        let Some([password, salt]) = byte_args(ctx, args, [0, 1]) else { return exception() };
        let mut numbers = [0usize; 4];
        for (slot, index) in numbers.iter_mut().zip(2..) {
            let Some(n) = length_at(ctx, args, index) else { return exception() };
            *slot = n;
        }
        let [length, cost, block_size, parallelism] = numbers;
        let log_n = cost.max(1).ilog2() as u8;
        // The last parameter is only the length of a password-hash string; `scrypt()` takes any output length.
        let params = ::scrypt::Params::new(log_n, block_size as u32, parallelism as u32, ::scrypt::Params::RECOMMENDED_LEN);
        let Ok(params) = params else { return plain_error(ctx, "Invalid scrypt params") };
        let mut out = vec![0u8; length];
        or_exception(::scrypt::scrypt(&password, &salt, &params, &mut out).ok().map(|()| new_uint8_array(ctx, &out)))
    }
}
