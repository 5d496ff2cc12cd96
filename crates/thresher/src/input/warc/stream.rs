//! The archive's bytes: plain, or gzip member after member.
//!
//! A `.warc.gz` is a series of gzip members, one per record (the usual
//! layout) or one for the whole file. flate2's `MultiGzDecoder` stops at the
//! first corrupt member and loses the rest of the archive; [`Members`]
//! decodes one member at a time instead, reports a corrupt or cut-off member
//! once as an [`io::Error`] carrying a [`GzipProblem`], and carries on at the
//! next gzip header it finds in the raw bytes.

use std::io::{self, BufRead, Read};

use flate2::bufread::GzDecoder;

/// The first three bytes of every gzip member: magic and method (deflate).
const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// Bytes read from the archive at a time.
const BUFFER_BYTES: usize = 256 * 1024;

/// What went wrong with a gzip member; the payload of the [`io::Error`]
/// [`Members`] returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GzipProblem {
    /// The archive ends inside a member.
    Truncated,
    /// The member's bytes do not decode, or bytes that are not gzip stand
    /// between members.
    Corrupt,
}

impl std::fmt::Display for GzipProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GzipProblem::Truncated => write!(f, "gzip member cut off"),
            GzipProblem::Corrupt => write!(f, "corrupt gzip member"),
        }
    }
}

impl std::error::Error for GzipProblem {}

/// The gzip problem an I/O error stands for, if it is one of ours.
pub(crate) fn gzip_problem(e: &io::Error) -> Option<GzipProblem> {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<GzipProblem>())
        .copied()
}

fn problem(p: GzipProblem) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, p)
}

/// Raw bytes of one gzip member kept so that, when the member turns out
/// corrupt, the search for the next member can start just after its
/// header: a decoder reading garbage may have run far past the next
/// member's start. Members are records, rarely past a megabyte compressed;
/// a longer one (a whole-file gzip) is not kept, and the search starts
/// where the decoder stopped.
const MAX_REPLAY_BYTES: usize = 16 * 1024 * 1024;

/// A buffered reader that can look a few bytes ahead across its buffer's
/// end, which `BufRead::fill_buf` alone cannot promise, and go back to a
/// mark.
pub(crate) struct Lookahead<R> {
    inner: R,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    /// Where the current gzip member started, while it is kept.
    mark: Option<usize>,
}

impl<R: Read> Lookahead<R> {
    pub(crate) fn new(inner: R) -> Self {
        Lookahead {
            inner,
            buf: vec![0; BUFFER_BYTES],
            pos: 0,
            end: 0,
            mark: None,
        }
    }

    /// Makes room after `end` for another read, keeping the bytes from the
    /// mark (or from `pos`) on; past [`MAX_REPLAY_BYTES`] the mark is
    /// dropped rather than the buffer grown.
    fn make_room(&mut self) {
        if self.end < self.buf.len() {
            return;
        }
        if self.mark.is_some() && self.buf.len() >= MAX_REPLAY_BYTES {
            self.mark = None;
        }
        let keep_from = self.mark.unwrap_or(self.pos);
        self.buf.copy_within(keep_from..self.end, 0);
        self.end -= keep_from;
        self.pos -= keep_from;
        self.mark = self.mark.map(|m| m - keep_from);
        if self.end == self.buf.len() {
            // Only a kept member (or a peek past the buffer) fills it.
            let grown =
                (self.buf.len() * 2).min(MAX_REPLAY_BYTES.max(self.buf.len() + BUFFER_BYTES));
            self.buf.resize(grown, 0);
        }
    }

    /// Reads more into the buffer; the count read, 0 at the end.
    fn read_more(&mut self) -> io::Result<usize> {
        self.make_room();
        loop {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(got) => {
                    self.end += got;
                    return Ok(got);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Up to `n` (at most [`BUFFER_BYTES`]) unread bytes; fewer only at the
    /// end of the input.
    pub(crate) fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        let n = n.min(BUFFER_BYTES);
        while self.end - self.pos < n {
            if self.end == self.buf.len() && self.mark.is_none() && self.pos > 0 {
                // Room for n bytes: move what is unread to the front.
                self.buf.copy_within(self.pos..self.end, 0);
                self.end -= self.pos;
                self.pos = 0;
            }
            if self.read_more()? == 0 {
                break;
            }
        }
        let have = (self.end - self.pos).min(n);
        Ok(&self.buf[self.pos..self.pos + have])
    }

    /// Remembers the current position.
    fn set_mark(&mut self) {
        self.mark = Some(self.pos);
    }

    /// Forgets the mark, and gives back memory grown to keep a long member.
    fn clear_mark(&mut self) {
        self.mark = None;
        if self.buf.len() > BUFFER_BYTES && self.end - self.pos <= BUFFER_BYTES {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
            self.buf.truncate(BUFFER_BYTES);
            self.buf.shrink_to_fit();
        }
    }

    /// Goes back to just after the mark, if it was kept.
    fn back_past_mark(&mut self) {
        if let Some(m) = self.mark.take() {
            self.pos = m + 1;
        }
        self.clear_mark();
    }
}

impl<R: Read> Read for Lookahead<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let got = self.fill_buf()?;
            let n = got.len().min(out.len());
            out[..n].copy_from_slice(&got[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Lookahead<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos == self.end {
            if self.mark.is_none() {
                self.pos = 0;
                self.end = 0;
            }
            self.read_more()?;
        }
        Ok(&self.buf[self.pos..self.end])
    }

    fn consume(&mut self, amt: usize) {
        self.pos = (self.pos + amt).min(self.end);
    }
}

/// The decompressed bytes of a series of gzip members.
pub(crate) struct Members<R> {
    state: State<R>,
}

enum State<R> {
    /// Between members: the next bytes should start one.
    Between(Lookahead<R>),
    /// Inside a member.
    Inside(Box<GzDecoder<Lookahead<R>>>),
    /// After a problem: the next member is searched for.
    Searching(Lookahead<R>),
    /// Only while the state is being replaced.
    Gone,
}

impl<R: Read> Members<R> {
    pub(crate) fn new(raw: Lookahead<R>) -> Self {
        Members {
            state: State::Between(raw),
        }
    }
}

/// True when `raw` is at the start of a gzip member.
pub(crate) fn at_gzip_member<R: Read>(raw: &mut Lookahead<R>) -> io::Result<bool> {
    Ok(raw.peek(GZIP_MAGIC.len())? == GZIP_MAGIC)
}

/// Skips to the next gzip header; false at the end of the input.
fn search<R: Read>(raw: &mut Lookahead<R>) -> io::Result<bool> {
    loop {
        let buf = raw.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        match memchr::memchr(GZIP_MAGIC[0], buf) {
            Some(i) => {
                raw.consume(i);
                if at_gzip_member(raw)? {
                    return Ok(true);
                }
                raw.consume(1);
            }
            None => {
                let n = buf.len();
                raw.consume(n);
            }
        }
    }
}

impl<R: Read> Read for Members<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        loop {
            match std::mem::replace(&mut self.state, State::Gone) {
                State::Gone => return Ok(0),
                State::Between(mut raw) => {
                    if at_gzip_member(&mut raw)? {
                        raw.set_mark();
                        self.state = State::Inside(Box::new(GzDecoder::new(raw)));
                        continue;
                    }
                    // Padding after the last member is common and harmless.
                    let rest = raw.fill_buf()?;
                    if rest.is_empty() {
                        return Ok(0);
                    }
                    let padding = rest
                        .iter()
                        .take_while(|b| b.is_ascii_whitespace() || **b == 0)
                        .count();
                    if padding > 0 {
                        raw.consume(padding);
                        self.state = State::Between(raw);
                        continue;
                    }
                    self.state = State::Searching(raw);
                    return Err(problem(GzipProblem::Corrupt));
                }
                State::Inside(mut member) => match member.read(out) {
                    Ok(0) => {
                        let mut raw = member.into_inner();
                        raw.clear_mark();
                        self.state = State::Between(raw);
                    }
                    Ok(n) => {
                        self.state = State::Inside(member);
                        return Ok(n);
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                        self.state = State::Inside(member);
                    }
                    Err(e) => {
                        let mut raw = member.into_inner();
                        let cut_off = e.kind() == io::ErrorKind::UnexpectedEof
                            || raw.fill_buf().map(|b| b.is_empty()).unwrap_or(false);
                        raw.back_past_mark();
                        self.state = State::Searching(raw);
                        return Err(problem(if cut_off {
                            GzipProblem::Truncated
                        } else {
                            GzipProblem::Corrupt
                        }));
                    }
                },
                State::Searching(mut raw) => {
                    if !search(&mut raw)? {
                        return Ok(0);
                    }
                    self.state = State::Between(raw);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).expect("writes to a Vec");
        e.finish().expect("finishes")
    }

    /// Reads `members` to the end, collecting text and problems.
    fn read_all(bytes: Vec<u8>) -> (Vec<u8>, Vec<GzipProblem>) {
        let mut m = Members::new(Lookahead::new(&bytes[..]));
        let (mut out, mut problems) = (Vec::new(), Vec::new());
        let mut buf = [0u8; 7];
        loop {
            match m.read(&mut buf) {
                Ok(0) => return (out, problems),
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(e) => problems.push(gzip_problem(&e).expect("ours")),
            }
        }
    }

    #[test]
    fn members_are_read_in_turn() {
        let mut bytes = gz(b"one ");
        bytes.extend(gz(b"two"));
        bytes.extend(b"\r\n\0\0");
        assert_eq!(read_all(bytes), (b"one two".to_vec(), vec![]));
    }

    #[test]
    fn a_corrupt_member_is_reported_once_and_the_next_is_read() {
        let mut bad = gz(b"lost lost lost lost");
        let mid = bad.len() / 2;
        bad[mid..mid + 4].copy_from_slice(b"XXXX");
        let mut bytes = gz(b"one ");
        bytes.extend(bad);
        bytes.extend(gz(b"three"));
        let (text, problems) = read_all(bytes);
        assert!(
            text.starts_with(b"one ") && text.ends_with(b"three"),
            "{:?} {problems:?}",
            String::from_utf8_lossy(&text)
        );
        assert_eq!(problems, vec![GzipProblem::Corrupt]);
    }

    #[test]
    fn a_cut_off_member_is_truncated() {
        let mut bytes = gz(b"one ");
        let last = gz(b"two two two two two");
        bytes.extend(&last[..last.len() - 6]);
        let (text, problems) = read_all(bytes);
        assert!(text.starts_with(b"one "));
        assert_eq!(problems, vec![GzipProblem::Truncated]);
    }

    #[test]
    fn lookahead_peeks_across_its_buffer() {
        let data: Vec<u8> = (0..=255u8).cycle().take(BUFFER_BYTES + 10).collect();
        let mut l = Lookahead::new(&data[..]);
        l.consume(0);
        let first = l.fill_buf().expect("reads").len();
        l.consume(first - 1);
        assert_eq!(l.peek(3).expect("peeks").len(), 3);
    }
}
