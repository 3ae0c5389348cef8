//! The natives behind node's `createCipheriv` and `createDecipheriv` (engine-wasm/js/node/crypto.js): AES in
//! CBC, ECB, CTR, CFB, OFB and GCM, and DES / triple DES in CBC and ECB, from RustCrypto. A cipher in progress
//! is a handle (see `handle`): `update` returns what is ready and `final` pads or checks the padding (PKCS#7),
//! as OpenSSL does for node.

use aes::{Aes128, Aes192, Aes256};
use cipher::consts::U16;
use cipher::crypto_common::InnerInit;
use cipher::{
    Block, BlockCipher, BlockDecryptMut, BlockEncrypt, BlockEncryptMut, BlockSizeUser, InnerIvInit, KeyInit, KeyIvInit,
    StreamCipher,
};
use des::{Des, TdesEde3};
use ghash::universal_hash::UniversalHash;
use ghash::GHash;
use rquickjs::qjs;

use crate::bytes::{arg, bool_arg, new_uint8_array, plain_error, string_arg, uint8_slice};
use crate::handle;
use crate::native::{native_fn, NativeFn};
use crate::owned::{exception, undefined, Owned};

/// The natives `web` puts on its internal object.
pub const NATIVES: [(&std::ffi::CStr, NativeFn, i32); 8] = [
    (c"cipherInfo", cipher_info, 1),
    (c"cipherNew", cipher_new, 4),
    (c"cipherSetAutoPadding", cipher_set_auto_padding, 2),
    (c"cipherUpdate", cipher_update, 2),
    (c"cipherFinal", cipher_final, 2),
    (c"cipherSetAAD", cipher_set_aad, 2),
    (c"cipherGetAuthTag", cipher_get_auth_tag, 1),
    (c"cipherSetAuthTag", cipher_set_auth_tag, 2),
];

/// How a cipher chains its blocks.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Cbc,
    Ecb,
    Ctr,
    Cfb,
    Ofb,
    Gcm,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Cbc => "cbc",
            Mode::Ecb => "ecb",
            Mode::Ctr => "ctr",
            Mode::Cfb => "cfb",
            Mode::Ofb => "ofb",
            Mode::Gcm => "gcm",
        }
    }
}

/// A cipher node names: its block cipher's family, key length and mode.
struct Spec {
    des: bool,
    key_len: usize,
    mode: Mode,
}

impl Spec {
    /// The cipher called `name` (node's lowercase names), if jscell has it.
    fn named(name: &str) -> Option<Spec> {
        let (des, key_len, mode) = match name {
            "des-ede3-cbc" => (true, 24, Mode::Cbc),
            "des-ede3" | "des-ede3-ecb" => (true, 24, Mode::Ecb),
            "des-cbc" => (true, 8, Mode::Cbc),
            "des-ecb" => (true, 8, Mode::Ecb),
            _ => {
                let rest = name.strip_prefix("aes-")?;
                let (bits, mode) = rest.split_once('-')?;
                let key_len = match bits {
                    "128" => 16,
                    "192" => 24,
                    "256" => 32,
                    _ => return None,
                };
                let mode = match mode {
                    "cbc" => Mode::Cbc,
                    "ecb" => Mode::Ecb,
                    "ctr" => Mode::Ctr,
                    "cfb" => Mode::Cfb,
                    "ofb" => Mode::Ofb,
                    "gcm" => Mode::Gcm,
                    _ => return None,
                };
                (false, key_len, mode)
            }
        };
        Some(Spec { des, key_len, mode })
    }

    fn block_size(&self) -> usize {
        if self.des {
            8
        } else {
            16
        }
    }

    /// The IV length node requires (GCM: 12, its default; other lengths are checked when it starts).
    fn iv_len(&self) -> usize {
        match self.mode {
            Mode::Ecb => 0,
            Mode::Gcm => 12,
            _ => self.block_size(),
        }
    }

    /// The bytes `update` works in: a block for the padded modes, 1 for the stream modes.
    fn unit(&self) -> usize {
        match self.mode {
            Mode::Cbc | Mode::Ecb => self.block_size(),
            _ => 1,
        }
    }
}

/// Why a cipher cannot go on; the JS side turns each into node's error.
type Failure = &'static str;

/// A cipher in progress.
trait Cipher {
    /// Processes `input`; returns the output that is ready.
    fn update(&mut self, input: &[u8]) -> Vec<u8>;
    /// The rest of the output; with `padding`, pads (encrypting) or checks and strips the padding.
    fn finish(&mut self, padding: bool) -> Result<Vec<u8>, Failure>;
    /// Whether `finish` will strip padding: a decryptor with padding holds back its last block until then.
    fn set_padding(&mut self, _padding: bool) {}
    fn set_aad(&mut self, _aad: &[u8]) -> Result<(), Failure> {
        Err("not an AEAD cipher")
    }
    fn auth_tag(&self) -> Result<Vec<u8>, Failure> {
        Err("not an AEAD cipher")
    }
    fn set_auth_tag(&mut self, _tag: &[u8]) -> Result<(), Failure> {
        Err("not an AEAD cipher")
    }
}

/// A padded block mode encrypting: whole blocks go out as they fill.
struct BlockEncryptor<M> {
    mode: M,
    pending: Vec<u8>,
}

/// The block size of `M` in bytes.
fn block_len<M: BlockSizeUser>() -> usize {
    M::block_size()
}

impl<M: BlockEncryptMut> BlockEncryptor<M> {
    fn run(&mut self, whole: usize) -> Vec<u8> {
        let mut out: Vec<u8> = self.pending.drain(..whole).collect();
        for block in out.chunks_exact_mut(block_len::<M>()) {
            self.mode.encrypt_block_mut(Block::<M>::from_mut_slice(block));
        }
        out
    }
}

impl<M: BlockEncryptMut> Cipher for BlockEncryptor<M> {
    fn update(&mut self, input: &[u8]) -> Vec<u8> {
        self.pending.extend_from_slice(input);
        let bs = block_len::<M>();
        self.run(self.pending.len() / bs * bs)
    }

    fn finish(&mut self, padding: bool) -> Result<Vec<u8>, Failure> {
        let bs = block_len::<M>();
        if padding {
            let pad = bs - self.pending.len() % bs;
            self.pending.resize(self.pending.len() + pad, pad as u8);
        } else if !self.pending.len().is_multiple_of(bs) {
            return Err("wrong final block length");
        }
        Ok(self.run(self.pending.len()))
    }
}

/// A padded block mode decrypting: with padding, the last whole block is held back until `finish`, which strips
/// the padding it ends in.
struct BlockDecryptor<M> {
    mode: M,
    pending: Vec<u8>,
    padding: bool,
}

impl<M: BlockDecryptMut> BlockDecryptor<M> {
    fn run(&mut self, whole: usize) -> Vec<u8> {
        let mut out: Vec<u8> = self.pending.drain(..whole).collect();
        for block in out.chunks_exact_mut(block_len::<M>()) {
            self.mode.decrypt_block_mut(Block::<M>::from_mut_slice(block));
        }
        out
    }
}

impl<M: BlockDecryptMut> Cipher for BlockDecryptor<M> {
    fn update(&mut self, input: &[u8]) -> Vec<u8> {
        self.pending.extend_from_slice(input);
        let bs = block_len::<M>();
        let held = usize::from(self.padding);
        let whole = self.pending.len().saturating_sub(held) / bs * bs;
        self.run(whole)
    }

    fn set_padding(&mut self, padding: bool) {
        self.padding = padding;
    }

    fn finish(&mut self, padding: bool) -> Result<Vec<u8>, Failure> {
        let bs = block_len::<M>();
        if !self.pending.len().is_multiple_of(bs) || (padding && self.pending.is_empty()) {
            return Err("wrong final block length");
        }
        let mut out = self.run(self.pending.len());
        if padding {
            let pad = usize::from(*out.last().unwrap_or(&0));
            let valid = (1..=bs).contains(&pad) && out[out.len() - pad..].iter().all(|&b| usize::from(b) == pad);
            if !valid {
                return Err("bad decrypt");
            }
            out.truncate(out.len() - pad);
        }
        Ok(out)
    }
}

/// A stream mode (CTR, OFB, CFB): every byte goes out at once and there is no padding.
struct Streaming<S>(S);

/// What a stream mode does to a buffer in place.
trait Keystream {
    fn apply(&mut self, data: &mut [u8]);
}

impl<S: StreamCipher> Keystream for S {
    fn apply(&mut self, data: &mut [u8]) {
        self.apply_keystream(data);
    }
}

/// CFB encrypting (its keystream depends on the ciphertext, so it is not a `StreamCipher`).
struct CfbEncrypt<C: BlockEncryptMut + BlockCipher>(cfb_mode::BufEncryptor<C>);

impl<C: BlockEncryptMut + BlockCipher> Keystream for CfbEncrypt<C> {
    fn apply(&mut self, data: &mut [u8]) {
        self.0.encrypt(data);
    }
}

/// CFB decrypting.
struct CfbDecrypt<C: BlockEncryptMut + BlockCipher>(cfb_mode::BufDecryptor<C>);

impl<C: BlockEncryptMut + BlockCipher> Keystream for CfbDecrypt<C> {
    fn apply(&mut self, data: &mut [u8]) {
        self.0.decrypt(data);
    }
}

impl<S: Keystream> Cipher for Streaming<S> {
    fn update(&mut self, input: &[u8]) -> Vec<u8> {
        let mut out = input.to_vec();
        self.0.apply(&mut out);
        out
    }

    fn finish(&mut self, _padding: bool) -> Result<Vec<u8>, Failure> {
        Ok(Vec::new())
    }
}

/// AES-GCM (NIST SP 800-38D), streamed as node streams it: `update` returns text at once, `final` computes or
/// checks the tag. The `aes-gcm` crate only works on whole messages, so the mode is put together here from
/// RustCrypto's parts: CTR with a 32-bit counter for the text, GHASH for the tag, and any IV length.
struct Gcm<C: BlockCipher<BlockSize = U16> + BlockEncryptMut + Clone> {
    ctr: ctr::Ctr32BE<C>,
    ghash: GHash,
    /// E(K, J0), which masks the tag.
    tag_mask: Block<C>,
    decrypt: bool,
    aad: Vec<u8>,
    /// Whether the AAD has gone into GHASH (it comes first, so before the first text).
    started: bool,
    /// Ciphertext bytes waiting for a whole block of GHASH.
    partial: Vec<u8>,
    text_len: u64,
    tag: Option<Vec<u8>>,
}

impl<C: BlockCipher<BlockSize = U16> + BlockEncryptMut + BlockEncrypt + KeyInit + Clone> Gcm<C> {
    fn new(key: &[u8], iv: &[u8], decrypt: bool) -> Result<Gcm<C>, Failure> {
        let cipher = C::new_from_slice(key).map_err(|_| "Invalid key length")?;
        if iv.is_empty() {
            return Err("Invalid initialization vector");
        }
        let mut h = Block::<C>::default();
        cipher.encrypt_block(&mut h);
        let ghash = GHash::new(&h);
        // J0: the IV and a counter of 1 for 96-bit IVs, else GHASH of the IV and its length in bits.
        let j0 = if iv.len() == 12 {
            let mut j0 = Block::<C>::default();
            j0[..12].copy_from_slice(iv);
            j0[15] = 1;
            j0
        } else {
            let mut hash = ghash.clone();
            hash.update_padded(iv);
            let mut lengths = Block::<C>::default();
            lengths[8..].copy_from_slice(&(iv.len() as u64 * 8).to_be_bytes());
            hash.update(&[lengths]);
            hash.finalize()
        };
        let mut tag_mask = j0;
        cipher.encrypt_block(&mut tag_mask);
        let mut counter = j0;
        let next = u32::from_be_bytes([j0[12], j0[13], j0[14], j0[15]]).wrapping_add(1);
        counter[12..].copy_from_slice(&next.to_be_bytes());
        let ctr = ctr::Ctr32BE::<C>::from_core(ctr::CtrCore::inner_iv_init(cipher, &counter));
        Ok(Gcm {
            ctr,
            ghash,
            tag_mask,
            decrypt,
            aad: Vec::new(),
            started: false,
            partial: Vec::new(),
            text_len: 0,
            tag: None,
        })
    }

    /// Puts the AAD into GHASH before the first text.
    fn start(&mut self) {
        if !self.started {
            self.ghash.update_padded(&self.aad);
            self.started = true;
        }
    }

    /// Adds ciphertext to GHASH, whole blocks at a time.
    fn hash_text(&mut self, text: &[u8]) {
        self.partial.extend_from_slice(text);
        let whole = self.partial.len() / 16 * 16;
        let blocks: Vec<Block<C>> =
            self.partial[..whole].chunks_exact(16).map(|b| *Block::<C>::from_slice(b)).collect();
        self.ghash.update(&blocks);
        self.partial.drain(..whole);
    }
}

impl<C: BlockCipher<BlockSize = U16> + BlockEncryptMut + BlockEncrypt + KeyInit + Clone> Cipher for Gcm<C> {
    fn update(&mut self, input: &[u8]) -> Vec<u8> {
        self.start();
        let mut out = input.to_vec();
        if self.decrypt {
            self.hash_text(input);
            self.ctr.apply_keystream(&mut out);
        } else {
            self.ctr.apply_keystream(&mut out);
            self.hash_text(&out);
        }
        self.text_len += input.len() as u64;
        out
    }

    fn finish(&mut self, _padding: bool) -> Result<Vec<u8>, Failure> {
        self.start();
        let partial = std::mem::take(&mut self.partial);
        self.ghash.update_padded(&partial);
        let mut lengths = Block::<C>::default();
        lengths[..8].copy_from_slice(&(self.aad.len() as u64 * 8).to_be_bytes());
        lengths[8..].copy_from_slice(&(self.text_len * 8).to_be_bytes());
        self.ghash.update(&[lengths]);
        let mut tag = self.ghash.clone().finalize();
        for (byte, mask) in tag.iter_mut().zip(self.tag_mask.iter()) {
            *byte ^= mask;
        }
        if self.decrypt {
            let expected = self.tag.as_deref().ok_or("unable to authenticate")?;
            // Every byte is compared, whatever the first difference, so the time says nothing of the tag.
            let differs = expected.iter().zip(tag.iter()).fold(0, |acc, (a, b)| acc | (a ^ b));
            if differs != 0 || expected.is_empty() {
                return Err("unable to authenticate");
            }
        } else {
            self.tag = Some(tag.to_vec());
        }
        Ok(Vec::new())
    }

    fn set_aad(&mut self, aad: &[u8]) -> Result<(), Failure> {
        if self.started {
            return Err("Invalid state for operation setAAD");
        }
        self.aad.extend_from_slice(aad);
        Ok(())
    }

    fn auth_tag(&self) -> Result<Vec<u8>, Failure> {
        match (&self.tag, self.decrypt) {
            (Some(tag), false) => Ok(tag.clone()),
            _ => Err("Invalid state for operation getAuthTag"),
        }
    }

    fn set_auth_tag(&mut self, tag: &[u8]) -> Result<(), Failure> {
        if !self.decrypt || tag.is_empty() || tag.len() > 16 {
            return Err("Invalid authentication tag length");
        }
        self.tag = Some(tag.to_vec());
        Ok(())
    }
}

/// CBC or ECB over the block cipher `C`.
fn block_mode<C>(mode: Mode, key: &[u8], iv: &[u8], decrypt: bool) -> Result<Box<dyn Cipher>, Failure>
where
    C: BlockCipher + BlockEncryptMut + BlockDecryptMut + KeyInit + 'static,
{
    let cipher = C::new_from_slice(key).map_err(|_| "Invalid key length")?;
    let bad_iv = |_| "Invalid initialization vector";
    Ok(match (mode, decrypt) {
        (Mode::Cbc, false) => Box::new(BlockEncryptor {
            mode: cbc::Encryptor::<C>::inner_iv_slice_init(cipher, iv).map_err(bad_iv)?,
            pending: Vec::new(),
        }),
        (Mode::Cbc, true) => Box::new(BlockDecryptor {
            mode: cbc::Decryptor::<C>::inner_iv_slice_init(cipher, iv).map_err(bad_iv)?,
            pending: Vec::new(),
            padding: true,
        }),
        (_, false) => Box::new(BlockEncryptor { mode: ecb::Encryptor::<C>::inner_init(cipher), pending: Vec::new() }),
        (_, true) => Box::new(BlockDecryptor {
            mode: ecb::Decryptor::<C>::inner_init(cipher),
            pending: Vec::new(),
            padding: true,
        }),
    })
}

/// CTR, CFB or OFB over the AES cipher `C` (node has them for AES only).
fn stream_mode<C>(mode: Mode, key: &[u8], iv: &[u8], decrypt: bool) -> Result<Box<dyn Cipher>, Failure>
where
    C: BlockCipher<BlockSize = U16> + BlockEncryptMut + KeyInit + 'static,
{
    // The key's length was checked, so a length error is the IV's.
    let bad_iv = |_| "Invalid initialization vector";
    Ok(match (mode, decrypt) {
        (Mode::Cfb, false) => {
            Box::new(Streaming(CfbEncrypt(cfb_mode::BufEncryptor::<C>::new_from_slices(key, iv).map_err(bad_iv)?)))
        }
        (Mode::Cfb, true) => {
            Box::new(Streaming(CfbDecrypt(cfb_mode::BufDecryptor::<C>::new_from_slices(key, iv).map_err(bad_iv)?)))
        }
        (Mode::Ofb, _) => Box::new(Streaming(ofb::Ofb::<C>::new_from_slices(key, iv).map_err(bad_iv)?)),
        _ => Box::new(Streaming(ctr::Ctr128BE::<C>::new_from_slices(key, iv).map_err(bad_iv)?)),
    })
}

/// A new cipher for `spec`.
fn new_cipher(spec: &Spec, key: &[u8], iv: &[u8], decrypt: bool) -> Result<Box<dyn Cipher>, Failure> {
    if key.len() != spec.key_len {
        return Err("Invalid key length");
    }
    if spec.mode == Mode::Gcm {
        return Ok(match key.len() {
            16 => Box::new(Gcm::<Aes128>::new(key, iv, decrypt)?),
            24 => Box::new(Gcm::<Aes192>::new(key, iv, decrypt)?),
            _ => Box::new(Gcm::<Aes256>::new(key, iv, decrypt)?),
        });
    }
    let (mode, block) = (spec.mode, matches!(spec.mode, Mode::Cbc | Mode::Ecb));
    match (spec.des, spec.key_len, block) {
        (true, 24, _) => block_mode::<TdesEde3>(mode, key, iv, decrypt),
        (true, _, _) => block_mode::<Des>(mode, key, iv, decrypt),
        (false, 16, true) => block_mode::<Aes128>(mode, key, iv, decrypt),
        (false, 24, true) => block_mode::<Aes192>(mode, key, iv, decrypt),
        (false, _, true) => block_mode::<Aes256>(mode, key, iv, decrypt),
        (false, 16, false) => stream_mode::<Aes128>(mode, key, iv, decrypt),
        (false, 24, false) => stream_mode::<Aes192>(mode, key, iv, decrypt),
        (false, _, false) => stream_mode::<Aes256>(mode, key, iv, decrypt),
    }
}

/// A cipher handle's state.
struct Ciphering(Box<dyn Cipher>);

native_fn! {
    /// `cipherInfo(name)`: `{ keyLength, ivLength, blockSize, mode }`, or `undefined` for a cipher jscell
    /// does not have.
    fn cipher_info(ctx, args) {
        let Some(name) = string_arg(ctx, arg(args, 0)) else { return exception() };
        let Some(spec) = Spec::named(&name) else { return undefined() };
        let info = Owned::new(ctx, qjs::JS_NewObject(ctx));
        let numbers = [(c"keyLength", spec.key_len), (c"ivLength", spec.iv_len()), (c"blockSize", spec.unit())];
        for (key, n) in numbers {
            if qjs::JS_SetPropertyStr(ctx, info.raw(), key.as_ptr(), qjs::JS_NewFloat64(n as f64)) < 0 {
                return exception();
            }
        }
        let mode = crate::bytes::new_string(ctx, spec.mode.name());
        if qjs::JS_SetPropertyStr(ctx, info.raw(), c"mode".as_ptr(), mode) < 0 {
            return exception();
        }
        info.into_raw()
    }
}

native_fn! {
    /// `cipherNew(name, key, iv, decrypt)`: a cipher handle.
    fn cipher_new(ctx, args) {
        let Some(name) = string_arg(ctx, arg(args, 0)) else { return exception() };
        let Some(spec) = Spec::named(&name) else { return plain_error(ctx, "Unknown cipher") };
        let Some(key) = uint8_slice(ctx, arg(args, 1)) else { return exception() };
        let Some(iv) = uint8_slice(ctx, arg(args, 2)) else { return exception() };
        match new_cipher(&spec, key, iv, bool_arg(ctx, arg(args, 3))) {
            Ok(cipher) => handle::new(ctx, Ciphering(cipher)),
            Err(why) => plain_error(ctx, why),
        }
    }
}

native_fn! {
    /// `cipherUpdate(handle, bytes)`: the output that is ready.
    fn cipher_update(ctx, args) {
        let Some(cipher) = handle::get::<Ciphering>(ctx, arg(args, 0)) else { return exception() };
        let Some(input) = uint8_slice(ctx, arg(args, 1)) else { return exception() };
        let out = cipher.0.update(input);
        new_uint8_array(ctx, &out)
    }
}

native_fn! {
    /// `cipherFinal(handle, autoPadding)`: the rest of the output.
    fn cipher_final(ctx, args) {
        let Some(cipher) = handle::get::<Ciphering>(ctx, arg(args, 0)) else { return exception() };
        match cipher.0.finish(bool_arg(ctx, arg(args, 1))) {
            Ok(out) => new_uint8_array(ctx, &out),
            Err(why) => plain_error(ctx, why),
        }
    }
}

native_fn! {
    /// `cipherSetAutoPadding(handle, autoPadding)`: whether `final` pads or strips padding (PKCS#7).
    fn cipher_set_auto_padding(ctx, args) {
        let Some(cipher) = handle::get::<Ciphering>(ctx, arg(args, 0)) else { return exception() };
        cipher.0.set_padding(bool_arg(ctx, arg(args, 1)));
        undefined()
    }
}

native_fn! {
    /// `cipherSetAAD(handle, bytes)` (GCM).
    fn cipher_set_aad(ctx, args) {
        let Some(cipher) = handle::get::<Ciphering>(ctx, arg(args, 0)) else { return exception() };
        let Some(aad) = uint8_slice(ctx, arg(args, 1)) else { return exception() };
        match cipher.0.set_aad(aad) {
            Ok(()) => undefined(),
            Err(why) => plain_error(ctx, why),
        }
    }
}

native_fn! {
    /// `cipherGetAuthTag(handle)`: the tag of a finished GCM encryption.
    fn cipher_get_auth_tag(ctx, args) {
        let Some(cipher) = handle::get::<Ciphering>(ctx, arg(args, 0)) else { return exception() };
        match cipher.0.auth_tag() {
            Ok(tag) => new_uint8_array(ctx, &tag),
            Err(why) => plain_error(ctx, why),
        }
    }
}

native_fn! {
    /// `cipherSetAuthTag(handle, bytes)`: the tag a GCM decryption must match.
    fn cipher_set_auth_tag(ctx, args) {
        let Some(cipher) = handle::get::<Ciphering>(ctx, arg(args, 0)) else { return exception() };
        let Some(tag) = uint8_slice(ctx, arg(args, 1)) else { return exception() };
        match cipher.0.set_auth_tag(tag) {
            Ok(()) => undefined(),
            Err(why) => plain_error(ctx, why),
        }
    }
}
