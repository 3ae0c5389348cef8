//! The native behind node's `zlib` (engine-wasm/js/node/zlib.js): deflate, zlib and gzip streams, one shot,
//! on `flate2` over miniz_oxide (pure Rust, so no C zlib in the guest). Errors start with node's code
//! (`Z_DATA_ERROR:` for corrupt input, `Z_BUF_ERROR:` for input that ends too soon) for zlib.js to keep.

use std::io::{Read, Write};

use flate2::{Compress, Compression, Decompress, FlushDecompress, Status};

use crate::bytes::{arg, bool_arg, f64_arg, new_uint8_array, plain_error, string_arg, uint8_slice};
use crate::native::{native_fn, NativeFn};
use crate::owned::exception;

/// The natives `web` puts on its internal object.
pub const NATIVES: [(&std::ffi::CStr, NativeFn, i32); 1] = [(c"zlib", zlib, 4)];

/// Why a stream could not be inflated, as node words it.
type Failure = &'static str;

/// The gzip magic, by which `unzip` tells gzip from zlib.
const GZIP_MAGIC: [u8; 2] = [0x1F, 0x8B];

/// `data` compressed at `level` (0-9) into a zlib stream (`header`) or a raw deflate stream.
fn deflate(data: &[u8], level: u32, header: bool) -> Vec<u8> {
    let mut compress = Compress::new(Compression::new(level), header);
    let mut out = Vec::with_capacity(data.len() / 2 + 64);
    loop {
        // Room for the rest: compress_vec never grows the vector itself.
        out.reserve(data.len().saturating_sub(compress.total_in() as usize) / 2 + 1024);
        let done = compress.total_in() as usize;
        match compress.compress_vec(&data[done..], &mut out, flate2::FlushCompress::Finish) {
            Ok(Status::StreamEnd) => return out,
            Ok(_) => continue,
            // Compressing whole input with room to spare cannot fail.
            Err(_) => return out,
        }
    }
}

/// A zlib (`header`) or raw deflate stream inflated. With `partial`, input that ends too soon gives what it
/// holds (node's `finishFlush` other than `Z_FINISH`) instead of an error.
fn inflate(data: &[u8], header: bool, partial: bool) -> Result<Vec<u8>, Failure> {
    let mut decompress = Decompress::new(header);
    let mut out = Vec::with_capacity(data.len() * 3 + 64);
    loop {
        if out.len() == out.capacity() {
            out.reserve(out.len().max(1024));
        }
        let done = decompress.total_in() as usize;
        let before = (decompress.total_in(), decompress.total_out());
        // `Finish` would ask miniz to inflate in one go into the room there is; `None` lets it go step by step.
        match decompress.decompress_vec(&data[done..], &mut out, FlushDecompress::None) {
            Ok(Status::StreamEnd) => return Ok(out),
            Ok(_) if (decompress.total_in(), decompress.total_out()) == before && out.len() < out.capacity() => {
                return if partial { Ok(out) } else { Err("Z_BUF_ERROR: unexpected end of file") };
            }
            Ok(_) => continue,
            Err(_) if header && done == 0 && !zlib_header_ok(data) => {
                return Err("Z_DATA_ERROR: incorrect header check")
            }
            Err(_) => return Err("Z_DATA_ERROR: invalid stored block lengths"),
        }
    }
}

/// Whether `data` starts with a valid zlib header (RFC 1950: deflate, and the check bits).
fn zlib_header_ok(data: &[u8]) -> bool {
    match data {
        [cmf, flg, ..] => cmf & 0x0F == 8 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0,
        _ => false,
    }
}

/// `data` as a gzip stream.
fn gzip(data: &[u8], level: u32) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(data.len() / 2 + 64), Compression::new(level));
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

/// Every gzip member of `data` inflated, one after the other, as node's gunzip does: after a member, the end of
/// the input or a zero byte ends the stream quietly, and anything else must be another member.
fn gunzip(data: &[u8], partial: bool) -> Result<Vec<u8>, Failure> {
    if data.len() < GZIP_MAGIC.len() && GZIP_MAGIC.starts_with(data) {
        return Err("Z_BUF_ERROR: unexpected end of file");
    }
    if !data.starts_with(&GZIP_MAGIC) {
        return Err("Z_DATA_ERROR: incorrect header check");
    }
    let mut out = Vec::with_capacity(data.len() * 3 + 64);
    let mut rest = data;
    while !rest.is_empty() && rest[0] != 0 {
        if !rest.starts_with(&GZIP_MAGIC) {
            return Err("Z_DATA_ERROR: incorrect header check");
        }
        let mut member = flate2::bufread::GzDecoder::new(rest);
        match member.read_to_end(&mut out) {
            Ok(_) => rest = member.into_inner(),
            // What was read before the end stays in `out`.
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                return if partial { Ok(out) } else { Err("Z_BUF_ERROR: unexpected end of file") };
            }
            Err(_) => return Err("Z_DATA_ERROR: invalid block type"),
        }
    }
    Ok(out)
}

/// Runs `mode` on `data`.
fn run(mode: &str, data: &[u8], level: u32, partial: bool) -> Result<Vec<u8>, Failure> {
    match mode {
        "deflate" => Ok(deflate(data, level, true)),
        "deflateRaw" => Ok(deflate(data, level, false)),
        "gzip" => Ok(gzip(data, level)),
        "inflate" => inflate(data, true, partial),
        "inflateRaw" => inflate(data, false, partial),
        "gunzip" => gunzip(data, partial),
        "unzip" if data.starts_with(&GZIP_MAGIC) => gunzip(data, partial),
        "unzip" => inflate(data, true, partial),
        _ => Err("ERR_INVALID_ARG_VALUE: unknown zlib mode"),
    }
}

native_fn! {
    /// `zlib(mode, data, level, partial)`: one of deflate, inflate, gzip, gunzip, deflateRaw, inflateRaw, unzip,
    /// in one shot; `level` -1 (node's default, 6) to 9; `partial` accepts input that ends too soon.
    fn zlib(ctx, args) {
        let Some(mode) = string_arg(ctx, arg(args, 0)) else { return exception() };
        let Some(data) = uint8_slice(ctx, arg(args, 1)) else { return exception() };
        let Some(level) = f64_arg(ctx, arg(args, 2)) else { return exception() };
        let level = if (0.0..=9.0).contains(&level) { level as u32 } else { 6 };
        match run(&mode, data, level, bool_arg(ctx, arg(args, 3))) {
            Ok(out) => new_uint8_array(ctx, &out),
            Err(why) => plain_error(ctx, why),
        }
    }
}
