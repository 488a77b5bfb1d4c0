//! Text encodings of CSV exports: BOM first (UTF-8, UTF-16LE/BE as Excel's "Unicode text"),
//! then strict UTF-8 over the whole stream, else GB18030 (the superset of GBK that Douyin,
//! Taobao and 万相台 write). Decoding streams through encoding_rs; nothing holds the file.

use std::io::{self, Read};

use encoding_rs::{CoderResult, Decoder, Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

const CHUNK: usize = 64 * 1024;

/// Picks the encoding of a text stream, reading it to the end only when it has no BOM
/// (one invalid byte anywhere means the file is not UTF-8).
pub(crate) fn sniff_encoding<R: Read>(mut r: R) -> io::Result<&'static Encoding> {
    let mut buf = vec![0u8; CHUNK];
    let n = read_full(&mut r, &mut buf)?;
    if let Some((enc, _)) = Encoding::for_bom(&buf[..n]) {
        return Ok(enc);
    }
    if let Some(enc) = utf16_without_bom(&buf[..n]) {
        return Ok(enc);
    }
    let mut carry: Vec<u8> = Vec::new();
    let mut len = n;
    loop {
        if len == 0 {
            return Ok(if carry.is_empty() { UTF_8 } else { GB18030 });
        }
        carry.extend_from_slice(&buf[..len]);
        match std::str::from_utf8(&carry) {
            Ok(_) => carry.clear(),
            // Incomplete sequence at the chunk end: keep it for the next chunk.
            Err(e) if e.error_len().is_none() => {
                carry.drain(..e.valid_up_to());
            }
            Err(_) => return Ok(GB18030),
        }
        len = r.read(&mut buf)?;
    }
}

fn read_full<R: Read>(r: &mut R, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// A `Read` giving UTF-8 from `inner` in `encoding`; a BOM (of any kind) wins and is removed.
pub(crate) struct DecodeReader<R> {
    inner: R,
    decoder: Decoder,
    input: Vec<u8>,
    in_pos: usize,
    in_len: usize,
    eof: bool,
    done: bool,
    output: Vec<u8>,
    out_pos: usize,
    out_len: usize,
}

impl<R: Read> DecodeReader<R> {
    pub(crate) fn new(inner: R, encoding: &'static Encoding) -> Self {
        DecodeReader {
            inner,
            decoder: encoding.new_decoder(),
            input: vec![0; CHUNK],
            in_pos: 0,
            in_len: 0,
            eof: false,
            done: false,
            output: vec![0; CHUNK * 2],
            out_pos: 0,
            out_len: 0,
        }
    }

    fn fill(&mut self) -> io::Result<()> {
        while !self.done {
            if self.in_pos == self.in_len && !self.eof {
                self.in_len = self.inner.read(&mut self.input)?;
                self.in_pos = 0;
                self.eof = self.in_len == 0;
            }
            let (res, read, written, _) = self.decoder.decode_to_utf8(
                &self.input[self.in_pos..self.in_len],
                &mut self.output,
                self.eof,
            );
            self.in_pos += read;
            self.out_pos = 0;
            self.out_len = written;
            if self.eof && res == CoderResult::InputEmpty {
                self.done = true;
            }
            if written > 0 {
                break;
            }
        }
        Ok(())
    }
}

impl<R: Read> Read for DecodeReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.out_pos == self.out_len {
            self.fill()?;
        }
        let n = buf.len().min(self.out_len - self.out_pos);
        buf[..n].copy_from_slice(&self.output[self.out_pos..self.out_pos + n]);
        self.out_pos += n;
        Ok(n)
    }
}

/// True when the encoding is one of the UTF-16 pair (Excel "Unicode text" is tab separated).
/// UTF-16 saved without a BOM (some "Unicode text" exports): text whose every other byte is
/// zero — the high bytes of ASCII letters, digits and separators. Little-endian when the
/// zeros sit at odd offsets.
pub(crate) fn utf16_without_bom(head: &[u8]) -> Option<&'static Encoding> {
    let head = &head[..head.len().min(4096) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let zeros_at = |parity: usize| {
        (head.iter().skip(parity).step_by(2))
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    // The ASCII characters (a zero high byte) must be text: no control bytes but breaks/tabs.
    let texty = |lo: usize| {
        head.chunks_exact(2)
            .filter(|p| p[1 - lo] == 0)
            .all(|p| p[lo] >= 0x20 || matches!(p[lo], b'\t' | b'\n' | b'\r'))
    };
    // Mostly ASCII (> 40% zero high bytes), and the other half never zero (not binary).
    if odd * 5 > pairs * 2 && even == 0 && texty(0) {
        Some(UTF_16LE)
    } else if even * 5 > pairs * 2 && odd == 0 && texty(1) {
        Some(UTF_16BE)
    } else {
        None
    }
}

pub(crate) fn is_utf16(enc: &'static Encoding) -> bool {
    enc == UTF_16LE || enc == UTF_16BE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> (String, &'static Encoding) {
        let enc = sniff_encoding(bytes).unwrap();
        let mut s = String::new();
        DecodeReader::new(bytes, enc)
            .read_to_string(&mut s)
            .unwrap();
        (s, enc)
    }

    #[test]
    fn sniffs_and_decodes() {
        let (s, e) = decode(b"\xEF\xBB\xBFa,b");
        assert_eq!((s.as_str(), e), ("a,b", UTF_8));
        let (gbk, _, _) = GB18030.encode("订单号,金额\n1,2");
        let (s, e) = decode(&gbk);
        assert_eq!((s.as_str(), e), ("订单号,金额\n1,2", GB18030));
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "订单\tx".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let (s, e) = decode(&utf16);
        assert_eq!((s.as_str(), e), ("订单\tx", UTF_16LE));
        assert!(is_utf16(e));
        assert_eq!(decode(b"").0, "");
    }

    #[test]
    fn utf8_split_across_chunks_stays_utf8() {
        // A 3-byte character straddling the 64 KiB chunk boundary, then GBK far past it.
        let mut v = vec![b'a'; CHUNK - 1];
        v.extend_from_slice("订".as_bytes());
        assert_eq!(sniff_encoding(&v[..]).unwrap(), UTF_8);
        let (s, _) = decode(&v);
        assert!(s.ends_with('订'));
        v.extend_from_slice(&GB18030.encode("金额").0);
        assert_eq!(sniff_encoding(&v[..]).unwrap(), GB18030);
    }
}

#[cfg(test)]
mod utf16_tests {
    use super::*;

    #[test]
    fn utf16_without_a_bom_is_recognised_by_its_zero_bytes() {
        let le: Vec<u8> = "订单号\t金额\r\n1\t2\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "Order ID,Amount\n1,2\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(utf16_without_bom(&le), Some(UTF_16LE));
        assert_eq!(utf16_without_bom(&be), Some(UTF_16BE));
        assert_eq!(sniff_encoding(&le[..]).unwrap(), UTF_16LE);
        assert_eq!(utf16_without_bom(b"a,b\n1,2\n"), None);
        assert_eq!(utf16_without_bom(&[0, 0, 0, 0, 1, 0, 0, 0]), None, "binary");
    }
}
