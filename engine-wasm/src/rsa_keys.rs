//! The natives behind node's RSA: `publicEncrypt`/`privateDecrypt`/`privateEncrypt`/`publicDecrypt`,
//! `createSign`/`createVerify` and `generateKeyPairSync('rsa')` (engine-wasm/js/node/crypto.js), on the `rsa`
//! crate. Keys come in as DER (crypto.js reads and writes the PEM armour); padding, blinding and key
//! generation draw from the per-context generator, so `random_seed` makes them repeatable.

use digest::Digest;
use rquickjs::qjs;
use rsa::hazmat::{rsa_decrypt_and_check, rsa_encrypt};
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey, EncodeRsaPrivateKey, EncodeRsaPublicKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey};
use rsa::traits::PublicKeyParts;
use rsa::{BigUint, Oaep, Pkcs1v15Encrypt, Pkcs1v15Sign, Pss, RsaPrivateKey, RsaPublicKey};

use crate::bytes::{arg, f64_arg, new_bool, new_uint8_array, plain_error, string_arg, uint8_slice};
use crate::digests::with_hash;
use crate::native::{native_fn, NativeFn};
use crate::owned::{exception, Owned};
use crate::random;

/// The natives `web` puts on its internal object.
pub const NATIVES: [(&std::ffi::CStr, NativeFn, i32); 8] = [
    (c"rsaPublicEncrypt", rsa_public_encrypt, 6),
    (c"rsaPrivateDecrypt", rsa_private_decrypt, 6),
    (c"rsaPrivateEncrypt", rsa_private_encrypt, 4),
    (c"rsaPublicDecrypt", rsa_public_decrypt, 4),
    (c"rsaSign", rsa_sign, 6),
    (c"rsaVerify", rsa_verify, 7),
    (c"rsaKeyDetails", rsa_key_details, 2),
    (c"rsaGenerate", rsa_generate, 2),
];

/// Why an RSA operation failed; crypto.js turns it into node's error.
type Failure = String;

/// The per-context generator, in the `rand_core` 0.6 traits `rsa` asks for.
struct GuestRng;

impl rand_core::RngCore for GuestRng {
    fn next_u32(&mut self) -> u32 {
        let mut bytes = [0; 4];
        random::fill(&mut bytes);
        u32::from_le_bytes(bytes)
    }

    fn next_u64(&mut self) -> u64 {
        let mut bytes = [0; 8];
        random::fill(&mut bytes);
        u64::from_le_bytes(bytes)
    }

    fn fill_bytes(&mut self, dest: &mut [u8]) {
        random::fill(dest);
    }

    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core::Error> {
        random::fill(dest);
        Ok(())
    }
}

// The generator is ChaCha12 seeded from the host's entropy (see `random`).
impl rand_core::CryptoRng for GuestRng {}

/// The private key `der` in `format` ("pkcs8" or "pkcs1-private").
fn private_key(der: &[u8], format: &str) -> Result<RsaPrivateKey, Failure> {
    let key = match format {
        "pkcs8" => RsaPrivateKey::from_pkcs8_der(der).map_err(|e| e.to_string()),
        "pkcs1-private" => RsaPrivateKey::from_pkcs1_der(der).map_err(|e| e.to_string()),
        _ => Err(format!("not a private key format: {format}")),
    };
    key.map_err(|why| format!("error:1E08010C:DECODER routines::unsupported ({why})"))
}

/// The public key `der` in `format`; a private key's formats give its public half.
fn public_key(der: &[u8], format: &str) -> Result<RsaPublicKey, Failure> {
    match format {
        "spki" => RsaPublicKey::from_public_key_der(der)
            .map_err(|e| format!("error:1E08010C:DECODER routines::unsupported ({e})")),
        "pkcs1-public" => {
            RsaPublicKey::from_pkcs1_der(der).map_err(|e| format!("error:1E08010C:DECODER routines::unsupported ({e})"))
        }
        _ => private_key(der, format).map(|key| key.to_public_key()),
    }
}

/// `value` as exactly `len` big-endian bytes (RSA's outputs are as long as the modulus).
fn to_len(value: &BigUint, len: usize) -> Vec<u8> {
    let bytes = value.to_bytes_be();
    let mut out = vec![0; len.saturating_sub(bytes.len())];
    out.extend_from_slice(&bytes);
    out
}

/// The key's modulus length in bytes.
fn size_of(key: &impl PublicKeyParts) -> usize {
    key.size()
}

/// The input of a raw ("none" padding) operation: exactly as long as the modulus and less than it.
fn raw_input(key: &impl PublicKeyParts, data: &[u8]) -> Result<BigUint, Failure> {
    if data.len() != size_of(key) {
        return Err("error:0200006E:rsa routines::data too large for key size".to_owned());
    }
    let value = BigUint::from_bytes_be(data);
    if &value >= key.n() {
        return Err("error:02000084:rsa routines::data too large for modulus".to_owned());
    }
    Ok(value)
}

/// Encrypts with the public key.
fn public_encrypt(
    key: &RsaPublicKey,
    data: &[u8],
    padding: &str,
    oaep_hash: &str,
    label: &str,
) -> Result<Vec<u8>, Failure> {
    let mut rng = GuestRng;
    let result = match padding {
        "pkcs1" => key.encrypt(&mut rng, Pkcs1v15Encrypt, data),
        "oaep" => {
            let label = label.to_owned();
            let done = with_hash!(oaep_hash, D => key.encrypt(&mut rng, oaep::<D>(label), data));
            done.ok_or_else(|| format!("Invalid digest: {oaep_hash}"))?
        }
        _ => {
            return rsa_encrypt(key, &raw_input(key, data)?)
                .map(|c| to_len(&c, size_of(key)))
                .map_err(|e| e.to_string())
        }
    };
    result.map_err(|_| "error:0200006E:rsa routines::data too large for key size".to_owned())
}

/// An OAEP label's bytes as the text the `rsa` crate takes its labels in (it has no binary labels).
fn oaep_label(label: &[u8]) -> Result<&str, Failure> {
    std::str::from_utf8(label).map_err(|_| "an OAEP label that is not UTF-8 is not supported by jscell".to_owned())
}

/// OAEP with hash `D` (also for MGF1, as node does) and `label` (none when empty).
fn oaep<D: 'static + Digest + digest::DynDigest + Send + Sync>(label: String) -> Oaep {
    if label.is_empty() {
        Oaep::new::<D>()
    } else {
        Oaep::new_with_label::<D, _>(label)
    }
}

/// Decrypts with the private key.
fn private_decrypt(
    key: &RsaPrivateKey,
    data: &[u8],
    padding: &str,
    oaep_hash: &str,
    label: &str,
) -> Result<Vec<u8>, Failure> {
    let result = match padding {
        "pkcs1" => key.decrypt(Pkcs1v15Encrypt, data),
        "oaep" => {
            let label = label.to_owned();
            let done = with_hash!(oaep_hash, D => key.decrypt(oaep::<D>(label), data));
            done.ok_or_else(|| format!("Invalid digest: {oaep_hash}"))?
        }
        _ => {
            let clear =
                rsa_decrypt_and_check(key, None::<&mut GuestRng>, &raw_input(key, data)?).map_err(|e| e.to_string())?;
            return Ok(to_len(&clear, size_of(key)));
        }
    };
    result.map_err(|_| match padding {
        "oaep" => "error:02000079:rsa routines::oaep decoding error".to_owned(),
        _ => "error:02000072:rsa routines::padding check failed".to_owned(),
    })
}

/// The private-key operation on PKCS#1 type-1 padded (or raw) `data`: what `privateEncrypt` does.
fn private_encrypt(key: &RsaPrivateKey, data: &[u8], padding: &str) -> Result<Vec<u8>, Failure> {
    if padding == "pkcs1" {
        return key
            .sign(Pkcs1v15Sign::new_unprefixed(), data)
            .map_err(|_| "error:0200006E:rsa routines::data too large for key size".to_owned());
    }
    let out = rsa_decrypt_and_check(key, None::<&mut GuestRng>, &raw_input(key, data)?).map_err(|e| e.to_string())?;
    Ok(to_len(&out, size_of(key)))
}

/// The public-key operation, stripping PKCS#1 type-1 padding: what `publicDecrypt` does.
fn public_decrypt(key: &RsaPublicKey, data: &[u8], padding: &str) -> Result<Vec<u8>, Failure> {
    let block = to_len(&rsa_encrypt(key, &raw_input(key, data)?).map_err(|e| e.to_string())?, size_of(key));
    if padding != "pkcs1" {
        return Ok(block);
    }
    // 00 01 FF..FF 00 message, with at least 8 bytes of FF (RFC 8017, 9.2).
    let bad = || "error:0200008A:rsa routines::invalid padding".to_owned();
    let rest = block.strip_prefix(&[0, 1]).ok_or_else(bad)?;
    let fill = rest.iter().take_while(|&&b| b == 0xFF).count();
    if fill < 8 || rest.get(fill) != Some(&0) {
        return Err(bad());
    }
    Ok(rest[fill + 1..].to_vec())
}

/// The PSS salt length node means by `salt_len`: -1 the digest's length, -2 (or less) the largest that fits.
fn pss_salt(key: &impl PublicKeyParts, digest_len: usize, salt_len: f64) -> usize {
    if salt_len >= 0.0 {
        return salt_len as usize;
    }
    if salt_len > -1.5 {
        return digest_len;
    }
    let em_len = (key.n().bits() - 1).div_ceil(8);
    em_len.saturating_sub(digest_len + 2)
}

/// Signs `data` (hashed here with `hash`).
fn sign(key: &RsaPrivateKey, hash: &str, data: &[u8], padding: &str, salt_len: f64) -> Result<Vec<u8>, Failure> {
    let signed = with_hash!(signing hash, D => {
        let hashed = D::digest(data);
        if padding == "pss" {
            let salt = pss_salt(key, hashed.len(), salt_len);
            key.sign_with_rng(&mut GuestRng, Pss::new_with_salt::<D>(salt), &hashed)
        } else {
            key.sign(Pkcs1v15Sign::new::<D>(), &hashed)
        }
    });
    let signed = signed.ok_or_else(|| "Invalid digest".to_owned())?;
    signed.map_err(|e| format!("error:1C8000A5:Provider routines::illegal or unsupported padding mode ({e})"))
}

/// Whether `signature` signs `data` (hashed here with `hash`).
fn verify(
    key: &RsaPublicKey,
    hash: &str,
    data: &[u8],
    signature: &[u8],
    padding: &str,
    salt_len: f64,
) -> Result<bool, Failure> {
    let verified = with_hash!(signing hash, D => {
        let hashed = D::digest(data);
        if padding == "pss" {
            // Node's default for verifying is to accept any salt length; the two that signers use are tried.
            let lengths = if salt_len >= 0.0 { vec![salt_len] } else { vec![-1.0, -2.0] };
            lengths.into_iter().any(|len| {
                let salt = pss_salt(key, hashed.len(), len);
                key.verify(Pss::new_with_salt::<D>(salt), &hashed, signature).is_ok()
            })
        } else {
            key.verify(Pkcs1v15Sign::new::<D>(), &hashed, signature).is_ok()
        }
    });
    verified.ok_or_else(|| "Invalid digest".to_owned())
}

/// Sets `object[name]` to `value` (owned by the object afterwards); false with an exception pending.
///
/// # Safety
/// `ctx` is a live context and `object` one of its objects.
unsafe fn set(ctx: *mut qjs::JSContext, object: qjs::JSValue, name: &std::ffi::CStr, value: qjs::JSValue) -> bool {
    // SAFETY: as the caller guarantees; QuickJS takes `value` even when it fails.
    unsafe { qjs::JS_SetPropertyStr(ctx, object, name.as_ptr(), value) >= 0 }
}

/// The details `rsaKeyDetails` gives for a key: `{ modulusLength, publicExponent, publicDer, pkcs1Der,
/// privateDer? }`.
fn key_details(der: &[u8], format: &str) -> Result<Vec<(&'static std::ffi::CStr, Detail)>, Failure> {
    let private = match format {
        "pkcs8" | "pkcs1-private" => Some(private_key(der, format)?),
        _ => None,
    };
    let public = match &private {
        Some(key) => key.to_public_key(),
        None => public_key(der, format)?,
    };
    let exponent = public.e().to_bytes_be().iter().fold(0.0, |n, &b| n * 256.0 + f64::from(b));
    let der_of = |doc: Result<Vec<u8>, String>| doc.map(Detail::Bytes);
    let mut details = vec![
        (c"modulusLength", Detail::Number(public.n().bits() as f64)),
        (c"publicExponent", Detail::Number(exponent)),
        (c"publicDer", der_of(public.to_public_key_der().map(|d| d.into_vec()).map_err(|e| e.to_string()))?),
    ];
    match &private {
        Some(key) => {
            details.push((
                c"privateDer",
                der_of(key.to_pkcs8_der().map(|d| d.as_bytes().to_vec()).map_err(|e| e.to_string()))?,
            ));
            details.push((
                c"pkcs1Der",
                der_of(key.to_pkcs1_der().map(|d| d.as_bytes().to_vec()).map_err(|e| e.to_string()))?,
            ));
        }
        None => {
            details.push((c"pkcs1Der", der_of(public.to_pkcs1_der().map(|d| d.into_vec()).map_err(|e| e.to_string()))?))
        }
    }
    Ok(details)
}

/// One field of a result object.
enum Detail {
    Number(f64),
    Bytes(Vec<u8>),
}

/// A new object of `fields`, or the exception marker.
///
/// # Safety
/// `ctx` is a live context.
unsafe fn object_of(ctx: *mut qjs::JSContext, fields: Vec<(&'static std::ffi::CStr, Detail)>) -> qjs::JSValue {
    // SAFETY: `ctx` is live; the object is guarded until returned.
    unsafe {
        let object = Owned::new(ctx, qjs::JS_NewObject(ctx));
        for (name, field) in fields {
            let value = match field {
                Detail::Number(n) => qjs::JS_NewFloat64(n),
                Detail::Bytes(bytes) => new_uint8_array(ctx, &bytes),
            };
            if !set(ctx, object.raw(), name, value) {
                return exception();
            }
        }
        object.into_raw()
    }
}

/// The result of an RSA operation as a `Uint8Array`, or its failure thrown.
///
/// # Safety
/// `ctx` is a live context.
unsafe fn bytes_or_throw(ctx: *mut qjs::JSContext, result: Result<Vec<u8>, Failure>) -> qjs::JSValue {
    // SAFETY: `ctx` is live.
    unsafe {
        match result {
            Ok(bytes) => new_uint8_array(ctx, &bytes),
            Err(why) => plain_error(ctx, &why),
        }
    }
}

/// The string arguments at `indices`, or `None` with an exception pending.
///
/// # Safety
/// `ctx` is a live context and `args` are its values.
unsafe fn strings_at<const N: usize>(
    ctx: *mut qjs::JSContext,
    args: &[qjs::JSValue],
    indices: [usize; N],
) -> Option<[String; N]> {
    let mut out: [String; N] = std::array::from_fn(|_| String::new());
    for (slot, index) in out.iter_mut().zip(indices) {
        // SAFETY: as the caller guarantees.
        *slot = unsafe { string_arg(ctx, arg(args, index)) }?;
    }
    Some(out)
}

native_fn! {
    /// `rsaPublicEncrypt(der, format, data, padding, oaepHash, oaepLabel)`.
    fn rsa_public_encrypt(ctx, args) {
        let Some([format, padding, hash]) = strings_at(ctx, args, [1, 3, 4]) else { return exception() };
        let Some(label) = uint8_slice(ctx, arg(args, 5)) else { return exception() };
        let (Some(der), Some(data)) = (uint8_slice(ctx, arg(args, 0)), uint8_slice(ctx, arg(args, 2))) else { return exception() };
        let result = oaep_label(label).and_then(|label| public_key(der, &format).and_then(|key| public_encrypt(&key, data, &padding, &hash, label)));
        bytes_or_throw(ctx, result)
    }
}

native_fn! {
    /// `rsaPrivateDecrypt(der, format, data, padding, oaepHash, oaepLabel)`.
    fn rsa_private_decrypt(ctx, args) {
        let Some([format, padding, hash]) = strings_at(ctx, args, [1, 3, 4]) else { return exception() };
        let Some(label) = uint8_slice(ctx, arg(args, 5)) else { return exception() };
        let (Some(der), Some(data)) = (uint8_slice(ctx, arg(args, 0)), uint8_slice(ctx, arg(args, 2))) else { return exception() };
        let result = oaep_label(label).and_then(|label| private_key(der, &format).and_then(|key| private_decrypt(&key, data, &padding, &hash, label)));
        bytes_or_throw(ctx, result)
    }
}

native_fn! {
    /// `rsaPrivateEncrypt(der, format, data, padding)`.
    fn rsa_private_encrypt(ctx, args) {
        let Some([format, padding]) = strings_at(ctx, args, [1, 3]) else { return exception() };
        let (Some(der), Some(data)) = (uint8_slice(ctx, arg(args, 0)), uint8_slice(ctx, arg(args, 2))) else { return exception() };
        let result = private_key(der, &format).and_then(|key| private_encrypt(&key, data, &padding));
        bytes_or_throw(ctx, result)
    }
}

native_fn! {
    /// `rsaPublicDecrypt(der, format, data, padding)`.
    fn rsa_public_decrypt(ctx, args) {
        let Some([format, padding]) = strings_at(ctx, args, [1, 3]) else { return exception() };
        let (Some(der), Some(data)) = (uint8_slice(ctx, arg(args, 0)), uint8_slice(ctx, arg(args, 2))) else { return exception() };
        let result = public_key(der, &format).and_then(|key| public_decrypt(&key, data, &padding));
        bytes_or_throw(ctx, result)
    }
}

native_fn! {
    /// `rsaSign(der, format, hash, data, padding, saltLength)`.
    fn rsa_sign(ctx, args) {
        let Some([format, hash, padding]) = strings_at(ctx, args, [1, 2, 4]) else { return exception() };
        let Some(salt_len) = f64_arg(ctx, arg(args, 5)) else { return exception() };
        let (Some(der), Some(data)) = (uint8_slice(ctx, arg(args, 0)), uint8_slice(ctx, arg(args, 3))) else { return exception() };
        let result = private_key(der, &format).and_then(|key| sign(&key, &hash, data, &padding, salt_len));
        bytes_or_throw(ctx, result)
    }
}

native_fn! {
    /// `rsaVerify(der, format, hash, data, signature, padding, saltLength)`.
    fn rsa_verify(ctx, args) {
        let Some([format, hash, padding]) = strings_at(ctx, args, [1, 2, 5]) else { return exception() };
        let Some(salt_len) = f64_arg(ctx, arg(args, 6)) else { return exception() };
        let der = uint8_slice(ctx, arg(args, 0));
        let (Some(der), Some(data), Some(signature)) = (der, uint8_slice(ctx, arg(args, 3)), uint8_slice(ctx, arg(args, 4))) else {
            return exception();
        };
        match public_key(der, &format).and_then(|key| verify(&key, &hash, data, signature, &padding, salt_len)) {
            Ok(valid) => new_bool(valid),
            Err(why) => plain_error(ctx, &why),
        }
    }
}

native_fn! {
    /// `rsaKeyDetails(der, format)`.
    fn rsa_key_details(ctx, args) {
        let Some([format]) = strings_at(ctx, args, [1]) else { return exception() };
        let Some(der) = uint8_slice(ctx, arg(args, 0)) else { return exception() };
        match key_details(der, &format) {
            Ok(fields) => object_of(ctx, fields),
            Err(why) => plain_error(ctx, &why),
        }
    }
}

native_fn! {
    /// `rsaGenerate(modulusLength, publicExponent)`: `{ publicDer, privateDer }` (SPKI and PKCS#8).
    fn rsa_generate(ctx, args) {
        let (Some(bits), Some(exponent)) = (f64_arg(ctx, arg(args, 0)), f64_arg(ctx, arg(args, 1))) else { return exception() };
        let key = RsaPrivateKey::new_with_exp(&mut GuestRng, bits as usize, &BigUint::from(exponent as u64));
        let Ok(key) = key else { return plain_error(ctx, "error:1C80006B:Provider routines::invalid key length") };
        let public = key.to_public_key().to_public_key_der().map(|d| d.into_vec());
        let private = key.to_pkcs8_der().map(|d| d.as_bytes().to_vec());
        match (public, private) {
            (Ok(public), Ok(private)) => object_of(ctx, vec![(c"publicDer", Detail::Bytes(public)), (c"privateDer", Detail::Bytes(private))]),
            _ => plain_error(ctx, "cannot encode the generated key"),
        }
    }
}
