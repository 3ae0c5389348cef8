//! The natives behind `crypto` and `crypto.subtle` (engine-wasm/js/web/crypto.js): random bytes from the
//! per-context generator, and WebCrypto's algorithms from RustCrypto (SHA-1/2, HMAC, PBKDF2, AES-CBC/CTR/GCM).
//! The JS side checks algorithms, keys and usages and turns a `null` from here into an `OperationError`.

use aes::cipher::{BlockDecryptMut, BlockEncryptMut, KeyInit, KeyIvInit, StreamCipher};
use aes::{Aes128, Aes192, Aes256};
use aes_gcm::aead::consts::{U12, U16};
use aes_gcm::aead::{Aead, Payload};
use aes_gcm::AesGcm;
use hmac::{Hmac, Mac};
use rquickjs::qjs;
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};

use crate::bytes::{arg, bool_arg, byte_args, new_array_buffer, type_error, u32_arg, uint8_slice, with_usv_string};
use crate::native::{arguments, NativeFn};
use crate::owned::{exception, undefined};
use crate::random;

/// The natives `web` puts on its internal object.
pub const NATIVES: [(&std::ffi::CStr, NativeFn, i32); 7] = [
    (c"randomFill", random_fill, 1),
    (c"digest", digest, 2),
    (c"hmac", hmac, 3),
    (c"pbkdf2", pbkdf2, 5),
    (c"aesCbc", aes_cbc, 4),
    (c"aesCtr", aes_ctr, 4),
    (c"aesGcm", aes_gcm, 6),
];

/// A hash by its WebCrypto name.
#[derive(Clone, Copy)]
enum Hash {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    fn named(name: &str) -> Option<Hash> {
        Some(match name {
            "SHA-1" => Hash::Sha1,
            "SHA-256" => Hash::Sha256,
            "SHA-384" => Hash::Sha384,
            "SHA-512" => Hash::Sha512,
            _ => return None,
        })
    }
}

/// The hash argument `value`, or `None` with a `TypeError` pending.
///
/// # Safety
/// `value` is a live value of the live context `ctx`.
unsafe fn hash_arg(ctx: *mut qjs::JSContext, value: qjs::JSValue) -> Option<Hash> {
    // SAFETY: as the caller guarantees.
    unsafe {
        let hash = with_usv_string(ctx, value, Hash::named)?;
        if hash.is_none() {
            type_error(ctx, "unsupported hash");
        }
        hash
    }
}

/// An `ArrayBuffer` of `bytes`, `null` for `None` (the operation failed), or the exception marker.
///
/// # Safety
/// `ctx` is a live context.
unsafe fn buffer_or_null(ctx: *mut qjs::JSContext, bytes: Option<Vec<u8>>) -> qjs::JSValue {
    match bytes {
        // SAFETY: `ctx` is live.
        Some(bytes) => unsafe { new_array_buffer(ctx, &bytes) },
        None => qjs::JS_NULL,
    }
}

/// `randomFill(view)`: fills the `Uint8Array` `view` with random bytes.
unsafe extern "C" fn random_fill(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS passes `argc` live values at `argv`; the view's bytes are written before any JS runs.
    unsafe {
        let args = arguments(argc, argv);
        let Some(view) = uint8_slice(ctx, arg(args, 0)) else { return exception() };
        random::fill(std::slice::from_raw_parts_mut(view.as_ptr().cast_mut(), view.len()));
        undefined()
    }
}

/// `digest(hash, data)`.
unsafe extern "C" fn digest(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS passes `argc` live values at `argv`.
    unsafe {
        let args = arguments(argc, argv);
        let Some(hash) = hash_arg(ctx, arg(args, 0)) else { return exception() };
        let Some([data]) = byte_args(ctx, args, [1]) else { return exception() };
        let out = match hash {
            Hash::Sha1 => Sha1::digest(&data).to_vec(),
            Hash::Sha256 => Sha256::digest(&data).to_vec(),
            Hash::Sha384 => Sha384::digest(&data).to_vec(),
            Hash::Sha512 => Sha512::digest(&data).to_vec(),
        };
        new_array_buffer(ctx, &out)
    }
}

/// HMAC of `data` under `key`.
fn hmac_of(hash: Hash, key: &[u8], data: &[u8]) -> Vec<u8> {
    fn run<M: Mac + KeyInit>(key: &[u8], data: &[u8]) -> Vec<u8> {
        // HMAC takes keys of any length, so `new_from_slice` cannot fail.
        let mut mac = <M as Mac>::new_from_slice(key).expect("HMAC accepts any key length");
        mac.update(data);
        mac.finalize().into_bytes().to_vec()
    }
    match hash {
        Hash::Sha1 => run::<Hmac<Sha1>>(key, data),
        Hash::Sha256 => run::<Hmac<Sha256>>(key, data),
        Hash::Sha384 => run::<Hmac<Sha384>>(key, data),
        Hash::Sha512 => run::<Hmac<Sha512>>(key, data),
    }
}

/// `hmac(hash, key, data)`: the signature; `verify` compares it on the JS side.
unsafe extern "C" fn hmac(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS passes `argc` live values at `argv`.
    unsafe {
        let args = arguments(argc, argv);
        let Some(hash) = hash_arg(ctx, arg(args, 0)) else { return exception() };
        let Some([key, data]) = byte_args(ctx, args, [1, 2]) else { return exception() };
        new_array_buffer(ctx, &hmac_of(hash, &key, &data))
    }
}

/// `pbkdf2(hash, password, salt, iterations, length)`: `length` bytes derived with PBKDF2-HMAC.
unsafe extern "C" fn pbkdf2(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS passes `argc` live values at `argv`.
    unsafe {
        let args = arguments(argc, argv);
        let Some(hash) = hash_arg(ctx, arg(args, 0)) else { return exception() };
        let Some([password, salt]) = byte_args(ctx, args, [1, 2]) else { return exception() };
        let Some(iterations) = u32_arg(ctx, arg(args, 3)) else { return exception() };
        let Some(length) = u32_arg(ctx, arg(args, 4)) else { return exception() };
        let mut out = vec![0u8; length as usize];
        match hash {
            Hash::Sha1 => ::pbkdf2::pbkdf2_hmac::<Sha1>(&password, &salt, iterations, &mut out),
            Hash::Sha256 => ::pbkdf2::pbkdf2_hmac::<Sha256>(&password, &salt, iterations, &mut out),
            Hash::Sha384 => ::pbkdf2::pbkdf2_hmac::<Sha384>(&password, &salt, iterations, &mut out),
            Hash::Sha512 => ::pbkdf2::pbkdf2_hmac::<Sha512>(&password, &salt, iterations, &mut out),
        }
        new_array_buffer(ctx, &out)
    }
}

/// AES-CBC with PKCS#7 padding; `None` for a bad key or IV length, or bad padding on decryption.
fn cbc(encrypt: bool, key: &[u8], iv: &[u8], data: &[u8]) -> Option<Vec<u8>> {
    fn run<C: BlockEncryptMut + BlockDecryptMut + KeyInit + aes::cipher::BlockCipher>(
        encrypt: bool,
        key: &[u8],
        iv: &[u8],
        data: &[u8],
    ) -> Option<Vec<u8>>
    where
        cbc::Encryptor<C>: KeyIvInit,
        cbc::Decryptor<C>: KeyIvInit,
    {
        use aes::cipher::block_padding::Pkcs7;
        if encrypt {
            let cipher = cbc::Encryptor::<C>::new_from_slices(key, iv).ok()?;
            Some(cipher.encrypt_padded_vec_mut::<Pkcs7>(data))
        } else {
            let cipher = cbc::Decryptor::<C>::new_from_slices(key, iv).ok()?;
            cipher.decrypt_padded_vec_mut::<Pkcs7>(data).ok()
        }
    }
    match key.len() {
        16 => run::<Aes128>(encrypt, key, iv, data),
        24 => run::<Aes192>(encrypt, key, iv, data),
        32 => run::<Aes256>(encrypt, key, iv, data),
        _ => None,
    }
}

/// `aesCbc(encrypt, key, iv, data)`.
unsafe extern "C" fn aes_cbc(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS passes `argc` live values at `argv`.
    unsafe {
        let args = arguments(argc, argv);
        let encrypt = bool_arg(ctx, arg(args, 0));
        let Some([key, iv, data]) = byte_args(ctx, args, [1, 2, 3]) else { return exception() };
        buffer_or_null(ctx, cbc(encrypt, &key, &iv, &data))
    }
}

/// AES-CTR where the low `length` bits of the 16-byte `counter` count blocks. The `ctr` crate's flavours count
/// 32, 64 or 128 bits; other lengths give `None` (WebCrypto allows 1-128, page code uses 64 or 128).
fn ctr_apply(key: &[u8], counter: &[u8], length: u32, data: &[u8]) -> Option<Vec<u8>> {
    fn run<S: StreamCipher + KeyIvInit>(key: &[u8], counter: &[u8], data: &[u8]) -> Option<Vec<u8>> {
        let mut cipher = S::new_from_slices(key, counter).ok()?;
        let mut out = data.to_vec();
        cipher.try_apply_keystream(&mut out).ok()?;
        Some(out)
    }
    macro_rules! by_key {
        ($flavour:ident) => {
            match key.len() {
                16 => run::<ctr::$flavour<Aes128>>(key, counter, data),
                24 => run::<ctr::$flavour<Aes192>>(key, counter, data),
                32 => run::<ctr::$flavour<Aes256>>(key, counter, data),
                _ => None,
            }
        };
    }
    match length {
        32 => by_key!(Ctr32BE),
        64 => by_key!(Ctr64BE),
        128 => by_key!(Ctr128BE),
        _ => None,
    }
}

/// `aesCtr(key, counter, length, data)`: encryption and decryption are the same.
unsafe extern "C" fn aes_ctr(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS passes `argc` live values at `argv`.
    unsafe {
        let args = arguments(argc, argv);
        let Some([key, counter]) = byte_args(ctx, args, [0, 1]) else { return exception() };
        let Some(length) = u32_arg(ctx, arg(args, 2)) else { return exception() };
        let Some([data]) = byte_args(ctx, args, [3]) else { return exception() };
        buffer_or_null(ctx, ctr_apply(&key, &counter, length, &data))
    }
}

/// AES-GCM with a 128-bit tag and a 12- or 16-byte IV; `None` for other sizes, a bad key length, or a tag that
/// does not verify.
fn gcm(encrypt: bool, key: &[u8], iv: &[u8], data: &[u8], aad: &[u8]) -> Option<Vec<u8>> {
    fn run<
        C: aes::cipher::BlockCipher + aes::cipher::BlockSizeUser<BlockSize = U16> + aes::cipher::BlockEncrypt + KeyInit,
        N: aes::cipher::ArrayLength<u8>,
    >(
        encrypt: bool,
        key: &[u8],
        iv: &[u8],
        data: &[u8],
        aad: &[u8],
    ) -> Option<Vec<u8>> {
        let cipher = AesGcm::<C, N>::new_from_slice(key).ok()?;
        let nonce = aes_gcm::Nonce::<N>::from_slice(iv);
        let payload = Payload { msg: data, aad };
        if encrypt {
            cipher.encrypt(nonce, payload).ok()
        } else {
            cipher.decrypt(nonce, payload).ok()
        }
    }
    macro_rules! by_key {
        ($nonce:ty) => {
            match key.len() {
                16 => run::<Aes128, $nonce>(encrypt, key, iv, data, aad),
                24 => run::<Aes192, $nonce>(encrypt, key, iv, data, aad),
                32 => run::<Aes256, $nonce>(encrypt, key, iv, data, aad),
                _ => None,
            }
        };
    }
    match iv.len() {
        12 => by_key!(U12),
        16 => by_key!(U16),
        _ => None,
    }
}

/// `aesGcm(encrypt, key, iv, data, additionalData, tagLength)`: the ciphertext with the tag appended, or the
/// plaintext. Only 128-bit tags are supported (`tagLength` in bits; anything else gives `null`).
unsafe extern "C" fn aes_gcm(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS passes `argc` live values at `argv`.
    unsafe {
        let args = arguments(argc, argv);
        let encrypt = bool_arg(ctx, arg(args, 0));
        let Some([key, iv, data, aad]) = byte_args(ctx, args, [1, 2, 3, 4]) else { return exception() };
        let Some(tag_bits) = u32_arg(ctx, arg(args, 5)) else { return exception() };
        let result = if tag_bits == 128 { gcm(encrypt, &key, &iv, &data, &aad) } else { None };
        buffer_or_null(ctx, result)
    }
}
