//! The rules: one file per rule, grouped in one folder per family.
//!
//! A rule file holds the rule's metadata (a [`Rule`] static), its check (a type implementing
//! [`Check`]) and its unit tests; `tests/rules/<family>/<rule>/` holds fixtures of copy it must
//! flag and copy it must leave alone. Work that several rules of a family need (sentences with
//! their attribution cues, resolved dates) is a [`Facts`] type, computed once per story on first
//! use through [`Context::facts`].
//!
//! This layer sits above the document model and below the engine ([`crate::engine`]), which
//! holds the registry: rules never import the engine, and nothing here prints or reads files.

pub mod attribution;
pub mod dates;
pub mod memo;
pub mod style;
pub mod wording;

/// The word automatons, below the document model (which reads a match report's words of play
/// with them).
pub use crate::automaton;
pub use crate::report::Report;
pub use crate::rule::{Family, FixAvailability, Level, Rule};

use crate::config::Config;
use crate::document::Document;
use std::any::{Any, TypeId};
use std::sync::{Arc, Mutex, OnceLock};

/// One rule's check.
pub trait Check: Sync {
    /// The rule's metadata.
    fn rule(&self) -> &'static Rule;
    /// Writes the rule's findings (and, for the family that owns them, date mentions and
    /// sources) into `report`. Only called when the rule is on.
    fn check(&self, cx: &Context, report: &mut Report);
    /// The fixes of one of this rule's findings, `f`, whose fixes the analysis left for later
    /// (see [`Context::leaving_fixes`]; `f.later` holds what the check noted), made from the
    /// story it was found in (`doc`, parsed as the analysis parsed it) under `config`: exactly
    /// the fixes an analysis that makes them at once gives `f`. Only a rule that leaves its
    /// fixes for later needs it.
    fn fixes_later(
        &self,
        _doc: &Document,
        _config: &Config,
        _f: &crate::finding::Finding,
    ) -> Vec<crate::finding::Fix> {
        Vec::new()
    }
}

/// Per-story work shared by several rules, computed once on first use. `Send + Sync`: the
/// families of a long story run on two threads over one [`Context`] (see
/// [`crate::engine::registry`]), and facts such as [`memo::Paragraphs`] are shared by both.
pub trait Facts: Any + Sized + Send + Sync {
    fn compute(cx: &Context) -> Self;
}

/// Computed facts of one type: made by the first rule that asks, while any other thread that
/// asks meanwhile waits for it (facts are computed once per story, whatever the threads).
type FactsSlot = Arc<OnceLock<Arc<dyn Any + Send + Sync>>>;

/// What every rule sees: the parsed draft, the configuration in force, and shared facts.
/// `Sync`: a long story's families run on two threads over one context.
pub struct Context<'d, 'a> {
    pub doc: &'d Document<'a>,
    pub config: &'d Config,
    /// Computed facts by type. A handful of entries per story, so a linear search is fastest.
    facts: Mutex<Vec<(TypeId, FactsSlot)>>,
    /// Local work kept from earlier analyses of this story (the server's), if any.
    memo: Option<&'d memo::Memo>,
    /// Leave the source audit for later ([`Report::later_sources`]).
    later_sources: bool,
    /// A long story's analysis: [`Context::map`] shares its work with a helper thread.
    helped: bool,
    /// The rules may leave their findings' fixes for later ([`Context::leaving_fixes`]).
    later_fixes: bool,
}

impl<'d, 'a> Context<'d, 'a> {
    pub fn new(doc: &'d Document<'a>, config: &'d Config) -> Self {
        Context {
            doc,
            config,
            facts: Mutex::new(Vec::new()),
            memo: None,
            later_sources: false,
            helped: false,
            later_fixes: false,
        }
    }

    /// This context with [`Context::map`]'s work shared with a helper thread (a long story's
    /// analysis, whose families already run on two threads: see `crate::engine::registry`).
    pub fn helped(self) -> Self {
        Context {
            helped: true,
            ..self
        }
    }

    /// `f(i)` for every `i` in `0..n`, in order. With [`Context::helped`], a helper thread takes
    /// chunks of the range as the calling thread does (whichever is free takes the next), so
    /// per-paragraph work is shared however the two threads of the analysis are loaded. `f`
    /// must be pure (what it returns depends on `i` alone): the result is the same either way.
    /// A panic in `f` on either thread reaches the caller, as on one thread.
    pub fn map<V: Send>(&self, n: usize, f: impl Fn(usize) -> V + Sync) -> Vec<V> {
        /// Chunks per thread and the least work worth a helper.
        const CHUNKS: usize = 16;
        const LEAST: usize = 64;
        if !self.helped || n < LEAST {
            return (0..n).map(f).collect();
        }
        let size = n.div_ceil(2 * CHUNKS);
        let next = std::sync::atomic::AtomicUsize::new(0);
        let take = || {
            let mut done: Vec<(usize, Vec<V>)> = Vec::new();
            loop {
                let c = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let start = c * size;
                if start >= n {
                    return done;
                }
                done.push((c, (start..n.min(start + size)).map(&f).collect()));
            }
        };
        let (mut mine, theirs) = std::thread::scope(|scope| {
            let helper = scope.spawn(|| {
                // The narrow regexes' "this text fits" is kept per thread.
                let _fits = self.doc.fits_scope();
                take()
            });
            let mine = take();
            let theirs = helper
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            (mine, theirs)
        });
        mine.extend(theirs);
        mine.sort_unstable_by_key(|(c, _)| *c);
        let mut out = Vec::with_capacity(n);
        for (_, part) in mine {
            out.extend(part);
        }
        out
    }

    /// This context with the source audit left for later: the rules write a
    /// [`crate::report::LaterSources`] instead of the sources (same sources when it is made).
    pub fn sources_later(self) -> Self {
        Context {
            later_sources: true,
            ..self
        }
    }

    /// This context with the findings' fixes left for later (the server's analyses): a rule
    /// that can make a finding's fixes from the story and a note ([`crate::finding::Later`])
    /// writes the note instead and makes them in [`Check::fixes_later`] when a code action
    /// asks. The findings are otherwise the same.
    pub fn leaving_fixes(self) -> Self {
        Context {
            later_fixes: true,
            ..self
        }
    }

    /// Whether the findings' fixes may be left for later (see [`Context::leaving_fixes`]).
    pub fn leaves_fixes(&self) -> bool {
        self.later_fixes
    }

    /// Whether the source audit is left for later (see [`Context::sources_later`]).
    pub fn leaves_sources(&self) -> bool {
        self.later_sources
    }

    /// A context whose local work ([`Context::local`]) is kept in `memo` (begun for this
    /// analysis's configuration and format) and taken from it.
    pub fn with_memo(doc: &'d Document<'a>, config: &'d Config, memo: &'d memo::Memo) -> Self {
        Context {
            memo: Some(memo),
            ..Context::new(doc, config)
        }
    }

    /// Whether local work is kept between analyses (see [`Context::local`]).
    pub fn has_memo(&self) -> bool {
        self.memo.is_some()
    }

    /// `work` over one paragraph: taken from the memo when an earlier analysis of the story did
    /// the same work on an equal [`memo::Para`] under the same settings, else done now (and kept
    /// when there is a memo). `work` must be a plain `fn`: what it reads is its input, the key.
    pub fn local<V: Send + Sync + 'static>(
        &self,
        para: memo::Para,
        work: fn(memo::Para, &Config) -> V,
    ) -> memo::Local<V> {
        match self.memo {
            Some(m) => memo::Local::Kept(m.get(para, self.config, work)),
            None => memo::Local::Made(work(para, self.config)),
        }
    }

    /// [`Context::local`] of `n` of the story's paragraphs: the `k`th is paragraph `pick(k).0`
    /// of `paras` with the marks `pick(k).1`. The same results, in order; with a memo, what it
    /// holds is found in one lookup for all (see [`memo::Memo::kept_each`]) and the rest made
    /// (through [`Context::map`]) and kept.
    pub fn local_paras<'p, V: Send + Sync + 'static>(
        &self,
        paras: &'p memo::Paragraphs,
        n: usize,
        pick: impl Fn(usize) -> (usize, &'p [crate::finding::Span]) + Sync,
        work: fn(memo::Para, &Config) -> V,
    ) -> Vec<memo::Local<V>> {
        let para = |k: usize| {
            let (i, marks) = pick(k);
            memo::Para {
                marks,
                ..paras.para(self.doc, i)
            }
        };
        let Some(m) = self.memo else {
            return self.map(n, |k| memo::Local::Made(work(para(k), self.config)));
        };
        let kept = self.kept_paras(paras, n, &pick, work);
        let missing: Vec<usize> = (0..n).filter(|&k| kept[k].is_none()).collect();
        // Made in the order they are missing: each one fills the next gap.
        let mut made = self
            .map(missing.len(), |j| {
                m.get(para(missing[j]), self.config, work)
            })
            .into_iter();
        kept.into_iter()
            .enumerate()
            .map(|(k, v)| {
                let v = v.or_else(|| made.next());
                memo::Local::Kept(v.unwrap_or_else(|| m.get(para(k), self.config, work)))
            })
            .collect()
    }

    /// What the memo holds of [`Context::local_paras`] (None where it holds nothing, and for
    /// all without a memo): for a caller that makes the rest only as it needs them.
    pub fn kept_paras<'p, V: Send + Sync + 'static>(
        &self,
        paras: &'p memo::Paragraphs,
        n: usize,
        pick: impl Fn(usize) -> (usize, &'p [crate::finding::Span]),
        work: fn(memo::Para, &Config) -> V,
    ) -> Vec<Option<Arc<V>>> {
        match self.memo {
            Some(m) => m.kept_each(
                work,
                (0..n).map(|k| {
                    let (i, marks) = pick(k);
                    (paras.id(i), marks)
                }),
            ),
            None => (0..n).map(|_| None).collect(),
        }
    }

    /// `make()`, as [`Context::local`], for work that reads the story through its caller: `para`
    /// must fix everything `make` reads (its marks carry what the paragraph's text does not),
    /// and `V` names the work (a type only it makes). See [`memo::Memo::get_made`].
    pub fn local_made<V: Send + Sync + 'static>(
        &self,
        para: memo::Para,
        make: impl FnOnce() -> V,
    ) -> memo::Local<V> {
        match self.memo {
            Some(m) => memo::Local::Kept(m.get_made(para, make)),
            None => memo::Local::Made(make()),
        }
    }

    /// `work(key)`, as [`Context::local`] for work whose input is not one paragraph: `key` is an
    /// owned copy of everything `work` reads (besides the settings).
    pub fn keep<K: std::hash::Hash + Eq + Send + 'static, V: Send + Sync + 'static>(
        &self,
        key: K,
        work: fn(&K, &Config) -> V,
    ) -> memo::Local<V> {
        match self.memo {
            Some(m) => memo::Local::Kept(m.get_keyed(key, self.config, work)),
            None => memo::Local::Made(work(&key, self.config)),
        }
    }

    /// `work(key)`, as [`Context::keep`], for a key looked up without being built (see
    /// [`memo::Memo::get_hashed`]): `hash` and `is` read what the caller has borrowed, `key`
    /// copies it when the memo does not hold it (or there is no memo).
    pub fn keep_hashed<K: Send + 'static, V: Send + Sync + 'static>(
        &self,
        hash: u64,
        is: &dyn Fn(&K) -> bool,
        key: impl FnOnce() -> K,
        work: fn(&K, &Config) -> V,
    ) -> memo::Local<V> {
        match self.memo {
            Some(m) => memo::Local::Kept(m.get_hashed(hash, is, key, self.config, work)),
            None => memo::Local::Made(work(&key(), self.config)),
        }
    }

    /// The facts of type `T` for this story, computed on first use and shared by every rule
    /// (and both threads: one computes, the other waits for it).
    pub fn facts<T: Facts>(&self) -> Arc<T> {
        let id = TypeId::of::<T>();
        let slot = {
            let mut facts = self.facts.lock().unwrap_or_else(|e| e.into_inner());
            match facts.iter().find(|(t, _)| *t == id) {
                Some((_, slot)) => slot.clone(),
                None => {
                    let slot = FactsSlot::default();
                    facts.push((id, slot.clone()));
                    slot
                }
            }
        };
        // Computed outside the lock: facts may build on other facts. A compute that panics
        // leaves the slot empty (the next rule that asks computes again, as it always did).
        let any = slot
            .get_or_init(|| Arc::new(T::compute(self)) as Arc<dyn Any + Send + Sync>)
            .clone();
        match any.downcast::<T>() {
            Ok(t) => t,
            Err(_) => unreachable!("facts are kept under their own TypeId"),
        }
    }
}

/// For rule unit tests: the text of each finding `rule` reports on `text`, default settings.
#[cfg(test)]
pub(crate) fn flagged_by<'t>(text: &'t str, rule: &str) -> Vec<&'t str> {
    crate::analyze(text, &Config::default())
        .findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| &text[f.span.range()])
        .collect()
}

/// For rule unit tests: default settings with `rule` on at warning, so a rule that is off by
/// default can be tested too.
#[cfg(test)]
pub(crate) fn config_with(rule: &Rule) -> Config {
    let mut config = Config::default();
    config
        .rules
        .insert(rule.id.to_string(), Level::On(crate::Severity::Warning));
    config
}

/// For rule unit tests: the text of each finding `rule` reports on `text` with it switched on.
#[cfg(test)]
pub(crate) fn flagged_on<'t>(text: &'t str, rule: &Rule) -> Vec<&'t str> {
    crate::analyze(text, &config_with(rule))
        .findings
        .iter()
        .filter(|f| f.rule == rule.id)
        .map(|f| &text[f.span.range()])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use std::cell::Cell;

    thread_local!(static COMPUTED: Cell<usize> = const { Cell::new(0) });

    struct WordCount(usize);
    impl Facts for WordCount {
        fn compute(cx: &Context) -> Self {
            COMPUTED.with(|c| c.set(c.get() + 1));
            WordCount(cx.doc.text.split_whitespace().count())
        }
    }

    #[test]
    fn a_helped_map_gives_the_plain_map_and_passes_panics_on() {
        let config = Config::default();
        let doc = Document::parse("Three words here.", Format::Plain, None);
        let plain = Context::new(&doc, &config);
        let helped = Context::new(&doc, &config).helped();
        for n in [0, 1, 63, 64, 65, 1000, 4099] {
            let f = |i: usize| (i * 7919 % 1013, format!("{i}"));
            assert_eq!(helped.map(n, f), plain.map(n, f), "{n}");
            assert_eq!(helped.map(n, f), (0..n).map(f).collect::<Vec<_>>());
        }
        // A panic on either thread (the last chunk is taken by whichever is free) reaches the
        // caller, as on one thread.
        for at in [0, 500, 999] {
            let got = std::panic::catch_unwind(|| {
                helped.map(1000, |i| {
                    assert!(i != at, "a bug at {i}");
                    i
                })
            });
            assert!(got.is_err(), "{at}");
        }
    }

    #[test]
    fn facts_are_computed_once_per_story() {
        let config = Config::default();
        let doc = Document::parse("Three words here.", Format::Plain, None);
        let cx = Context::new(&doc, &config);
        assert_eq!(cx.facts::<WordCount>().0, 3);
        assert_eq!(cx.facts::<WordCount>().0, 3);
        assert_eq!(COMPUTED.with(Cell::get), 1);
    }
}
