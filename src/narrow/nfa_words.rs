// A Thompson NFA written out as 32-bit words and read back, so that `build.rs` can compile the
// capture NFAs of the patterns it builds automata for and the binary only replays them: reading
// one back adds each state through `thompson::Builder`, with none of the parsing, case folding and
// UTF-8 compiling that building it from its sources costs (millions of instructions for a pattern
// with long word lists). The NFA read back is the same, state for state (a test checks it for
// every embedded NFA). Pure (std and `regex_automata` only): `build.rs` includes this file, hence
// line comments, not `//!`.

use regex_automata::nfa::thompson::{BuildError, Builder, State, Transition, NFA};
use regex_automata::util::look::Look;
use regex_automata::util::primitives::{PatternID, StateID};
use std::sync::Arc;

const BYTE_RANGE: u32 = 0;
const SPARSE: u32 = 1;
const LOOK: u32 = 2;
const UNION: u32 = 3;
const BINARY_UNION: u32 = 4;
const CAPTURE_START: u32 = 5;
const CAPTURE_END: u32 = 6;
const FAIL: u32 = 7;
const MATCH: u32 = 8;
/// No name (a group without one).
const NO_NAME: u32 = u32::MAX;

#[allow(dead_code)] // used by `build.rs`
fn id(s: StateID) -> u32 {
    s.as_u32()
}

/// `nfa` as words: its flags, start states, pattern starts and states. None for an NFA this
/// format does not hold (a reverse one, or one with a `Dense` state, which the compiler does not
/// make).
#[allow(dead_code)] // used by `build.rs`
pub fn to_words(nfa: &NFA) -> Option<Vec<u32>> {
    if nfa.is_reverse() {
        return None;
    }
    let gi = nfa.group_info();
    let mut w = vec![
        u32::from(nfa.is_utf8()),
        id(nfa.start_anchored()),
        id(nfa.start_unanchored()),
        nfa.pattern_len() as u32,
    ];
    for p in 0..nfa.pattern_len() {
        w.push(id(nfa.start_pattern(PatternID::new(p).ok()?)?));
    }
    w.push(nfa.states().len() as u32);
    for s in nfa.states() {
        match s {
            State::ByteRange { trans } => w.extend([
                BYTE_RANGE,
                trans.start.into(),
                trans.end.into(),
                id(trans.next),
            ]),
            State::Sparse(sp) => {
                w.extend([SPARSE, sp.transitions.len() as u32]);
                for t in sp.transitions.iter() {
                    w.extend([t.start.into(), t.end.into(), id(t.next)]);
                }
            }
            State::Dense(_) => return None,
            State::Look { look, next } => w.extend([LOOK, look.as_repr(), id(*next)]),
            State::Union { alternates } => {
                w.extend([UNION, alternates.len() as u32]);
                w.extend(alternates.iter().map(|&a| id(a)));
            }
            State::BinaryUnion { alt1, alt2 } => w.extend([BINARY_UNION, id(*alt1), id(*alt2)]),
            State::Capture {
                next,
                pattern_id,
                group_index,
                slot,
            } => {
                let start = gi.slot(*pattern_id, group_index.as_usize())? == slot.as_usize();
                let kind = if start { CAPTURE_START } else { CAPTURE_END };
                w.extend([kind, id(*next), pattern_id.as_u32(), group_index.as_u32()]);
                if start {
                    match gi.to_name(*pattern_id, group_index.as_usize()) {
                        Some(name) => {
                            w.push(name.len() as u32);
                            w.extend(name.bytes().map(u32::from));
                        }
                        None => w.push(NO_NAME),
                    }
                }
            }
            State::Fail => w.push(FAIL),
            State::Match { pattern_id } => w.extend([MATCH, pattern_id.as_u32()]),
        }
    }
    Some(w)
}

/// Reads the words of [`to_words`] (native byte order) at the front of `w`.
struct Reader<'a> {
    w: &'a [u8],
}

impl Reader<'_> {
    fn next(&mut self) -> Option<u32> {
        let (x, rest) = self.w.split_first_chunk::<4>()?;
        self.w = rest;
        Some(u32::from_ne_bytes(*x))
    }

    fn sid(&mut self) -> Option<StateID> {
        StateID::new(self.next()? as usize).ok()
    }

    fn byte(&mut self) -> Option<u8> {
        u8::try_from(self.next()?).ok()
    }
}

/// The NFA of [`to_words`], from its words in native byte order; None when they are not such an
/// NFA.
pub fn from_words(w: &[u8]) -> Option<NFA> {
    let mut r = Reader { w };
    let mut b = Builder::new();
    b.set_utf8(r.next()? == 1);
    let (anchored, unanchored) = (r.sid()?, r.sid()?);
    let n = r.next()? as usize;
    let mut starts = Vec::with_capacity(n);
    for _ in 0..n {
        starts.push(r.sid()?);
    }
    let len = r.next()? as usize;
    // The pattern being added: a pattern's states run from its group 0's start to its match.
    let mut current: Option<usize> = None;
    let finish = |b: &mut Builder, current: Option<usize>| -> Result<(), BuildError> {
        if let Some(p) = current {
            b.finish_pattern(starts[p])?;
        }
        Ok(())
    };
    for _ in 0..len {
        let ok = match r.next()? {
            BYTE_RANGE => {
                let (start, end, next) = (r.byte()?, r.byte()?, r.sid()?);
                b.add_range(Transition { start, end, next })
            }
            SPARSE => {
                let k = r.next()? as usize;
                let mut t = Vec::with_capacity(k);
                for _ in 0..k {
                    let (start, end, next) = (r.byte()?, r.byte()?, r.sid()?);
                    t.push(Transition { start, end, next });
                }
                b.add_sparse(t)
            }
            LOOK => {
                let look = Look::from_repr(r.next()?)?;
                let next = r.sid()?;
                b.add_look(next, look)
            }
            UNION => {
                let k = r.next()? as usize;
                let mut alts = Vec::with_capacity(k);
                for _ in 0..k {
                    alts.push(r.sid()?);
                }
                b.add_union(alts)
            }
            BINARY_UNION => {
                let alts = vec![r.sid()?, r.sid()?];
                b.add_union(alts)
            }
            CAPTURE_START => {
                let (next, pid, group) = (r.sid()?, r.next()? as usize, r.next()?);
                let name = match r.next()? {
                    NO_NAME => None,
                    k => {
                        let mut s = Vec::with_capacity(k as usize);
                        for _ in 0..k {
                            s.push(r.byte()?);
                        }
                        Some(Arc::<str>::from(String::from_utf8(s).ok()?))
                    }
                };
                if group == 0 && current != Some(pid) {
                    finish(&mut b, current).ok()?;
                    if b.start_pattern().ok()?.as_usize() != pid {
                        return None;
                    }
                    current = Some(pid);
                }
                b.add_capture_start(next, group, name)
            }
            CAPTURE_END => {
                let (next, _pid, group) = (r.sid()?, r.next()?, r.next()?);
                b.add_capture_end(next, group)
            }
            FAIL => b.add_fail(),
            MATCH => {
                let _pid = r.next()?;
                b.add_match()
            }
            _ => return None,
        };
        ok.ok()?;
    }
    finish(&mut b, current).ok()?;
    if !r.w.is_empty() || b.pattern_len() != n {
        return None;
    }
    b.build(anchored, unanchored).ok()
}
