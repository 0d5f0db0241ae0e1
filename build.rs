//! Build-time work, so that a check does not pay for it at start-up.
//!
//! The data files (`data/**/*.toml`, `lexicon/*.toml`) stay the only source of copydesk's words:
//! commented TOML, read by people. Parsing TOML costs about a hundred instructions a byte, which
//! on a short story was a tenth of the whole check. So this script parses each file once, at build
//! time, and writes it out as JSON (no comments, a fifth of the cost to read) in `OUT_DIR`;
//! `src/vocab.rs` embeds both and reads the JSON of a file whose TOML text it is given.
//! A file that does not parse fails the build, naming the file.
//!
//! It also compiles the attribution patterns ahead of time. They are data too:
//! `data/attribution/patterns.toml` holds each pattern's templates and names the tables of the other
//! attribution files that fill them. This script writes the templates as constants
//! (`OUT_DIR/patterns.rs`, included by `src/rules/attribution/patterns.rs`), and fills them by the
//! same code the binary runs (`src/rules/attribution/templates.rs`, `src/vocab/alternation.rs` and
//! `src/narrow/hir.rs` are included here); the date patterns of `src/document/date_patterns.rs`
//! likewise. Each source is narrowed as `crate::narrow` does and compiled into an anchored forward
//! DFA, written to `OUT_DIR/automata.bin` with a table of the bytes that can begin a match; the
//! binary loads one when a regex with exactly those sources is first used on narrow text (see
//! `crate::narrow::Tiered`). A pattern the binary builds from other sources simply has no
//! automaton: it is compiled at run time, as before.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use regex_automata::dfa::{dense, Automaton, StartKind};
use regex_automata::nfa::thompson;
use regex_automata::util::start;
use regex_automata::{Anchored, MatchKind};

mod vocab {
    include!("src/vocab/alternation.rs");
}

#[allow(dead_code)]
mod narrow {
    include!("src/narrow/hir.rs");
}

#[allow(dead_code)]
mod nfa_words {
    include!("src/narrow/nfa_words.rs");
}

#[allow(dead_code)]
mod templates {
    include!("src/rules/attribution/templates.rs");
}

mod date_patterns {
    include!("src/document/date_patterns.rs");
}

mod text_patterns {
    include!("src/document/text_patterns.rs");
}

/// The attribution patterns: their templates become constants (`patterns.rs`) and automata.
const PATTERNS_FILE: &str = "data/attribution/patterns.toml";

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    println!("cargo:rerun-if-changed=build.rs");
    for f in [
        "src/vocab/alternation.rs",
        "src/narrow/hir.rs",
        "src/narrow/nfa_words.rs",
        "src/rules/attribution/templates.rs",
        "src/document/date_patterns.rs",
        "src/document/text_patterns.rs",
    ] {
        println!("cargo:rerun-if-changed={f}");
    }
    let mut data = BTreeMap::new();

    let mut files = Vec::new();
    for dir in ["data", "lexicon"] {
        println!("cargo:rerun-if-changed={dir}");
        toml_files(&root.join(dir), &mut files);
    }
    files.sort();

    let mut table = String::from(
        "/// Every embedded data file: its TOML text and the same data as JSON.\n\
         pub static EMBEDDED: &[(&str, &str)] = &[\n",
    );
    for (i, path) in files.iter().enumerate() {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .display()
            .to_string();
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let value: serde_json::Value =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{name} does not parse: {e}"));
        let json = serde_json::to_string(&value).expect("JSON from TOML");
        if let Some(stem) = name
            .strip_prefix("data/")
            .and_then(|n| n.strip_suffix(".toml"))
        {
            data.insert(stem.to_string(), value.clone());
        }
        // The patterns are compiled here, not read at run time: not embedded.
        if name == PATTERNS_FILE {
            continue;
        }
        let json_file = out.join(format!("vocab_{i}.json"));
        std::fs::write(&json_file, json).expect("write JSON");
        writeln!(
            table,
            "    (include_str!({:?}), include_str!({:?})),",
            path.display().to_string(),
            json_file.display().to_string()
        )
        .unwrap();
    }
    table.push_str("];\n");
    std::fs::write(out.join("vocab_embedded.rs"), table).expect("write vocab_embedded.rs");

    let text = std::fs::read_to_string(root.join(PATTERNS_FILE)).expect(PATTERNS_FILE);
    let recipes = recipes(&data, &text);
    std::fs::write(out.join("patterns.rs"), pattern_constants(&recipes))
        .expect("write patterns.rs");
    automata(&data, &recipes, &out);
}

/// A pattern of `data/attribution/patterns.toml`: its templates (the final line break dropped), its
/// shape and the slot tables its `{slots}` are filled from, in order.
struct Recipe {
    name: String,
    templates: Vec<String>,
    gated: bool,
    tables: Vec<templates::Slots>,
}

/// The patterns of `data/attribution/patterns.toml` (by name), with their tables read from the
/// other attribution data files.
fn recipes(data: &BTreeMap<String, serde_json::Value>, text: &str) -> Vec<Recipe> {
    const FILE: &str = PATTERNS_FILE;
    let table: toml::Table = toml::from_str(text).unwrap_or_else(|e| panic!("{FILE}: {e}"));
    let get = |r: &str| -> serde_json::Value {
        let (file, key) = r
            .split_once('.')
            .unwrap_or_else(|| panic!("{FILE}: `{r}` is not file.table"));
        data.get(&format!("attribution/{file}"))
            .and_then(|v| v.get(key))
            .unwrap_or_else(|| panic!("{FILE}: data/attribution/{file}.toml has no `{key}`"))
            .clone()
    };
    let strip = |t: &str| t.strip_suffix('\n').unwrap_or(t).to_string();
    let mut out = Vec::new();
    for (name, v) in &table {
        let v = v.as_table().unwrap_or_else(|| panic!("{FILE}: [{name}]"));
        for k in v.keys() {
            assert!(
                ["shape", "tables", "template", "templates", "lists"].contains(&k.as_str()),
                "{FILE}: [{name}] has an unknown key `{k}`"
            );
        }
        let templates: Vec<String> = match (v.get("template"), v.get("templates")) {
            (Some(t), None) => vec![strip(t.as_str().expect("a template is a string"))],
            (None, Some(ts)) => ts
                .as_array()
                .unwrap_or_else(|| panic!("{FILE}: [{name}] templates"))
                .iter()
                .map(|t| strip(t.as_str().expect("a template is a string")))
                .collect(),
            _ => panic!("{FILE}: [{name}] needs one of template, templates"),
        };
        let gated = match v.get("shape").and_then(|s| s.as_str()) {
            Some("gated") => true,
            Some("whole") => false,
            _ => panic!("{FILE}: [{name}] shape is \"gated\" or \"whole\""),
        };
        let mut tables = Vec::new();
        for r in v
            .get("tables")
            .and_then(|t| t.as_array())
            .into_iter()
            .flatten()
        {
            let r = r.as_str().expect("a table is named by a string");
            let t: templates::Slots =
                serde_json::from_value(get(r)).unwrap_or_else(|e| panic!("{FILE}: {r}: {e}"));
            tables.push(t);
        }
        if let Some(lists) = v.get("lists") {
            let lists = lists
                .as_table()
                .unwrap_or_else(|| panic!("{FILE}: [{name}.lists]"));
            let mut t = templates::Slots::new();
            for (slot, r) in lists {
                let r = r.as_str().expect("a list is named by a string");
                let list: Vec<String> =
                    serde_json::from_value(get(r)).unwrap_or_else(|e| panic!("{FILE}: {r}: {e}"));
                t.insert(slot.clone(), list);
            }
            tables.push(t);
        }
        out.push(Recipe {
            name: name.clone(),
            templates,
            gated,
            tables,
        });
    }
    out
}

impl Recipe {
    /// The regex sources of the pattern, one group per regex it compiles.
    fn sources(&self) -> Vec<Vec<String>> {
        let tables: Vec<&templates::Slots> = self.tables.iter().collect();
        if self.gated {
            self.templates
                .iter()
                .flat_map(|t| templates::branches(t, &tables))
                .map(|(_, s)| vec![s])
                .collect()
        } else {
            vec![self
                .templates
                .iter()
                .map(|t| templates::expand(t, &tables))
                .collect()]
        }
    }
}

/// `patterns.rs`: each pattern's template(s) as a constant named after its table.
fn pattern_constants(recipes: &[Recipe]) -> String {
    let mut rs = String::new();
    for r in recipes {
        let name = r.name.to_ascii_uppercase();
        writeln!(rs, "/// `data/attribution/patterns.toml` [{}]", r.name).unwrap();
        if let [t] = r.templates.as_slice() {
            writeln!(rs, "pub const {name}_T: &str = {t:?};").unwrap();
        } else {
            writeln!(
                rs,
                "pub const {name}_T: [&str; {}] = {:?};",
                r.templates.len(),
                r.templates
            )
            .unwrap();
        }
        // What the binary would make of it at start-up: the regex sources (a gated pattern's
        // branches, each with the word lists every match holds a word of; a whole pattern's
        // templates, expanded).
        let tables: Vec<&templates::Slots> = r.tables.iter().collect();
        let (sources, edged): (Vec<String>, Vec<Vec<Vec<(String, u8)>>>) = if r.gated {
            r.templates
                .iter()
                .flat_map(|t| templates::branches(t, &tables))
                .map(|(b, source)| {
                    let sets = templates::required_sets_edged(&b, &tables);
                    (source, sets)
                })
                .unzip()
        } else {
            (r.sources().remove(0), Vec::new())
        };
        let sets: Vec<Vec<Vec<String>>> = edged
            .iter()
            .map(|b| {
                b.iter()
                    .map(|l| l.iter().map(|(w, _)| w.clone()).collect())
                    .collect()
            })
            .collect();
        let edges = edged
            .iter()
            .map(|b| {
                let lists: Vec<String> = b
                    .iter()
                    .map(|l| format!("&{:?}", l.iter().map(|(_, e)| *e).collect::<Vec<u8>>()))
                    .collect();
                format!("&[{}]", lists.join(", "))
            })
            .collect::<Vec<_>>()
            .join(", ");
        let list = |v: &[String]| format!("&{v:?}");
        let sets = sets
            .iter()
            .map(|b| {
                let lists: Vec<String> = b.iter().map(|l| list(l)).collect();
                format!("&[{}]", lists.join(", "))
            })
            .collect::<Vec<_>>()
            .join(", ");
        writeln!(
            rs,
            "pub const {name}: Built = Built {{ sources: {}, sets: &[{sets}], edges: &[{edges}] }};",
            list(&sources)
        )
        .unwrap();
    }
    writeln!(
        rs,
        "/// How many patterns the file holds.\npub const PATTERNS: usize = {};",
        recipes.len()
    )
    .unwrap();
    rs
}

/// The date patterns of `src/document/date_patterns.rs`, made from `data/dates/*.toml` as
/// `document::dateline` and `rules::dates::recognise` make them.
fn date_sources(data: &BTreeMap<String, serde_json::Value>) -> Vec<Vec<String>> {
    let list = |file: &str, path: &[&str]| -> Vec<String> {
        let mut v = data.get(file).unwrap_or_else(|| panic!("data/{file}.toml"));
        for k in path {
            v = v
                .get(k)
                .unwrap_or_else(|| panic!("data/{file}.toml: no {k}"));
        }
        serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("data/{file}.toml: {e}"))
    };
    let alt = |v: &[String]| vocab::alternation(v);
    let (cal, rel) = ("dates/calendar", "dates/relative");
    let month_names = list(cal, &["months", "names"]);
    let month_abbr = list(cal, &["months", "abbreviations"]);
    let months: Vec<String> = month_names.iter().chain(&month_abbr).cloned().collect();
    let months = alt(&months);
    let modifiers: Vec<String> = ["last", "next", "this", "same", "previous"]
        .iter()
        .flat_map(|k| list(rel, &["weekday", k]))
        .collect();
    let days: Vec<String> = data[rel]["day"]
        .as_array()
        .expect("data/dates/relative.toml: [[day]]")
        .iter()
        .map(|d| d["text"].as_str().expect("a day's text").to_string())
        .collect();
    let atom = date_patterns::atom(
        &alt(&month_names),
        &alt(&month_abbr),
        &alt(&list(cal, &["weekdays", "names"])),
        &alt(&list(cal, &["weekdays", "abbreviations"])),
        &alt(&modifiers),
        &alt(&list(rel, &["weekday", "parts"])),
        &alt(&days),
    );
    [
        date_patterns::DATE_LINE.to_string(),
        date_patterns::wire(&months),
        date_patterns::header(&months),
        atom,
    ]
    .into_iter()
    .map(|s| vec![s])
    .collect()
}

/// The patterns of `src/document/text_patterns.rs`, made from `data/document/*.toml` as
/// `document::genre`, `document::quotes` and `document::directives` make them.
fn text_sources(data: &BTreeMap<String, serde_json::Value>) -> Vec<String> {
    let list = |file: &str, key: &str| -> Vec<String> {
        let v = data
            .get(file)
            .and_then(|v| v.get(key))
            .unwrap_or_else(|| panic!("data/{file}.toml: no {key}"));
        serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("data/{file}.toml: {e}"))
    };
    let (genre, embeds) = ("document/genre", "document/embeds");
    let alt = |file: &str, key: &str| vocab::alternation(&list(file, key));
    use text_patterns as t;
    vec![
        t::paid(&alt(genre, "paid_rubrics")),
        t::review(&alt(genre, "review_rubrics")),
        t::rating(&alt(genre, "rating_labels")),
        t::contributor(
            &alt(genre, "contributor_links"),
            &alt(genre, "contributor_roles"),
        ),
        t::first_person(&vocab::alternation(&t::first_person_words(&list(
            genre,
            "first_person",
        )))),
        t::answer(&alt(genre, "agreement"), &alt(genre, "responses")),
        t::signature(),
        t::bare_name(),
        t::embed(&alt(embeds, "elements")),
        t::block_intro(&alt(embeds, "block_intros")),
        t::DIRECTIVE.to_string(),
    ]
}

/// Compiles the narrow automaton of every attribution pattern (see the module comment) into
/// `automata.bin`, with `automata.rs` listing them by their sources.
fn automata(data: &BTreeMap<String, serde_json::Value>, recipes: &[Recipe], out: &Path) {
    let mut groups = BTreeMap::new();
    for r in recipes {
        // The cue pattern runs over the whole prose: dense, as big as it is.
        let max = if r.name == "cue" {
            PROSE_DENSE_MAX
        } else {
            DENSE_MAX
        };
        for g in r.sources() {
            groups.insert(g.join("\0"), (g, max, false));
        }
    }
    for (i, g) in date_sources(data).into_iter().enumerate() {
        // The date recogniser (the last) runs over the whole prose.
        let max = if i == 3 { PROSE_DENSE_MAX } else { DENSE_MAX };
        groups.insert(g.join("\0"), (g, max, false));
    }
    for s in text_sources(data) {
        groups.insert(s.clone(), (vec![s], DENSE_MAX, false));
    }
    // A pattern with a Unicode word boundary also gets a twin with ASCII ones, which the binary
    // runs on text whose only word characters are ASCII (see `crate::narrow::hir::ascii_words`):
    // a DFA stops at the first non-ASCII byte under a Unicode boundary, as at a curly quote.
    let twins: Vec<(String, (Vec<String>, usize, bool))> = groups
        .iter()
        .filter(|(_, (sources, _, _))| {
            narrow::narrow_hirs(sources)
                .is_some_and(|hirs| hirs.iter().any(narrow::has_unicode_word_look))
        })
        .map(|(key, (sources, max, _))| {
            (
                format!("{}{key}", narrow::ASCII_TWIN),
                (sources.clone(), *max, true),
            )
        })
        .collect();
    groups.extend(twins);
    let mut blob: Vec<u8> = Vec::new();
    let mut keys = String::from("pub static KEYS: &[&str] = &[\n");
    let mut too_big = String::from("pub static TOO_BIG: &[&str] = &[\n");
    let mut entries = String::from("pub static ENTRIES: &[(u32, u32, u32, bool)] = &[\n");
    // Per entry, the capture NFA in `nfas.bin` (offset and length in bytes; no NFA: empty).
    let mut nfas = String::from("pub static NFAS: &[(u32, u32)] = &[\n");
    let mut nfa_blob: Vec<u8> = Vec::new();
    // Per entry, whether its sources have no capture groups of their own (only each pattern's
    // whole match): the binary reads the groups of such a match off the match itself.
    let mut plain = String::from("pub static PLAIN: &[bool] = &[\n");
    // Per entry, the unanchored forward DFA and the reverse DFA (offsets and lengths in the
    // blob; none: zero lengths), see `fwd_rev`.
    let mut fr = String::from("pub static FR: &[(u32, u32, u32, u32)] = &[\n");
    for (key, (sources, dense_max, ascii_words)) in &groups {
        let Some((dfa, first, dense)) = compile(sources, *dense_max, *ascii_words) else {
            if !ascii_words {
                writeln!(too_big, "    {key:?},").unwrap();
            }
            continue;
        };
        while blob.len() % 8 != 0 {
            blob.push(0);
        }
        let off = blob.len();
        blob.extend_from_slice(&dfa);
        let first_off = blob.len();
        blob.extend_from_slice(&first);
        writeln!(keys, "    {key:?},").unwrap();
        writeln!(entries, "    ({off}, {}, {first_off}, {dense}),", dfa.len()).unwrap();
        // A twin's groups are read by its pattern's NFA.
        let (at, len) = match capture_nfa(sources).filter(|_| !ascii_words) {
            Some(words) => {
                let at = nfa_blob.len();
                nfa_blob.extend(words.iter().flat_map(|w| w.to_ne_bytes()));
                (at, nfa_blob.len() - at)
            }
            None => (0, 0),
        };
        writeln!(nfas, "    ({at}, {len}),").unwrap();
        writeln!(plain, "    {},", plain_sources(sources)).unwrap();
        // Only for a pattern run over the whole prose: elsewhere the anchored DFA's scan costs
        // little more, and the two DFAs would double the binary's automata.
        let prose = *dense_max == PROSE_DENSE_MAX;
        match prose.then(|| fwd_rev(sources, *ascii_words)).flatten() {
            Some((fwd, rev)) => {
                let mut put = |bytes: &[u8]| {
                    while blob.len() % 8 != 0 {
                        blob.push(0);
                    }
                    let at = blob.len();
                    blob.extend_from_slice(bytes);
                    (at, bytes.len())
                };
                let (fo, fl) = put(&fwd);
                let (ro, rl) = put(&rev);
                writeln!(fr, "    ({fo}, {fl}, {ro}, {rl}),").unwrap();
            }
            None => fr.push_str("    (0, 0, 0, 0),\n"),
        }
    }
    nfas.push_str("];\n");
    plain.push_str("];\n");
    fr.push_str("];\n");
    let nfa_bin = out.join("nfas.bin");
    std::fs::write(&nfa_bin, &nfa_blob).expect("write nfas.bin");
    writeln!(
        nfas,
        "pub static NFA_BLOB: &[u8] = include_bytes!({:?});",
        nfa_bin.display().to_string()
    )
    .unwrap();
    keys.push_str("];\n");
    entries.push_str("];\n");
    too_big.push_str("];\n");
    let bin = out.join("automata.bin");
    std::fs::write(&bin, &blob).expect("write automata.bin");
    let rs = format!(
        "{keys}{entries}{nfas}{plain}{fr}{too_big}pub static BLOB: &Aligned<[u8]> = &Aligned(*include_bytes!({:?}));\n",
        bin.display().to_string()
    );
    std::fs::write(out.join("automata.rs"), rs).expect("write automata.rs");
}

/// A DFA of at most this many bytes is embedded dense (one lookup a byte), a bigger one sparse
/// (a search through the state's transitions, a sixth of the size).
const DENSE_MAX: usize = 96 << 10;

/// The same for a pattern run over a whole story rather than one sentence at a time, where a
/// byte's lookup counts most.
const PROSE_DENSE_MAX: usize = 1 << 20;

/// The anchored DFA of the narrow `sources` (native byte order; dense when small, see
/// [`DENSE_MAX`]) and its first-byte tables: per byte before a start (index 0: none), the index
/// of a table of the bytes a match can begin with, or 0xFF for any; then the tables, 256 bytes
/// each (1: may begin; never a UTF-8 continuation byte); then the pair tables (see the code).
/// None when it does not compile.
/// `ascii_words`: with its Unicode word boundaries made ASCII ones (a twin, see `automata`).
fn compile(
    sources: &[String],
    dense_max: usize,
    ascii_words: bool,
) -> Option<(Vec<u8>, Vec<u8>, bool)> {
    let mut hirs = narrow::narrow_hirs(sources)?;
    if ascii_words {
        hirs = hirs.into_iter().map(narrow::ascii_word_looks).collect();
    }
    let nfa = thompson::Compiler::new()
        .configure(
            thompson::Config::new()
                .utf8(true)
                .which_captures(thompson::WhichCaptures::None),
        )
        .build_many_from_hir(&hirs)
        .ok()?;
    let dfa = dense::Builder::new()
        .configure(
            dense::Config::new()
                .match_kind(MatchKind::LeftmostFirst)
                .start_kind(StartKind::Anchored)
                .unicode_word_boundary(true)
                .dfa_size_limit(Some(16 << 20)),
        )
        .build_from_nfa(&nfa)
        .ok()?;
    let mut index = vec![0xFFu8; 257];
    let mut tables: Vec<(regex_automata::util::primitives::StateID, [u8; 256])> = Vec::new();
    for lb in 0..257usize {
        let look = (lb > 0).then(|| (lb - 1) as u8);
        let config = start::Config::new()
            .anchored(Anchored::Yes)
            .look_behind(look);
        let Ok(sid) = dfa.start_state(&config) else {
            continue;
        };
        let t = match tables.iter().position(|(s, _)| *s == sid) {
            Some(t) => t,
            None => {
                let mut ok = [0u8; 256];
                for b in 0..=255u8 {
                    let continuation = (0x80..0xC0).contains(&b);
                    ok[b as usize] =
                        u8::from(!continuation && !dfa.is_dead_state(dfa.next_state(sid, b)));
                }
                tables.push((sid, ok));
                tables.len() - 1
            }
        };
        index[lb] = u8::try_from(t).ok().filter(|&t| t < 0xFF)?;
    }
    for (_, ok) in &tables {
        index.extend_from_slice(ok);
    }
    // The pairs of bytes a match can begin with, per table: most starts that pass the first
    // byte's table die on the second (a word list's words share few first two letters), and a
    // bit test costs less than starting the DFA there. Over the DFA's byte classes (a byte's
    // class, then their count, then per table a bit per pair of classes, first class major):
    // a bit is clear when the DFA, from the table's start state, is dead after both bytes
    // without a match (nor a quit) on the way.
    let classes = dfa.byte_classes();
    let n = classes.alphabet_len() - 1;
    let reps: Vec<u8> = (0..n)
        .map(|c| {
            (0..=255u8)
                .find(|&b| usize::from(classes.get(b)) == c)
                .expect("every class has a byte")
        })
        .collect();
    index.extend((0..=255u8).map(|b| classes.get(b)));
    index.extend_from_slice(&(n as u16).to_le_bytes());
    for (sid, _) in &tables {
        let mut bits = vec![0u8; (n * n).div_ceil(8)];
        for (c0, &b0) in reps.iter().enumerate() {
            let s1 = dfa.next_state(*sid, b0);
            if dfa.is_dead_state(s1) {
                continue;
            }
            let sure = dfa.is_match_state(s1) || dfa.is_quit_state(s1);
            for (c1, &b1) in reps.iter().enumerate() {
                let s2 = dfa.next_state(s1, b1);
                if sure || !dfa.is_dead_state(s2) {
                    let k = c0 * n + c1;
                    bits[k / 8] |= 1 << (k % 8);
                }
            }
        }
        index.extend_from_slice(&bits);
    }
    // The same for the first four bytes, hashed into a set of `narrow::QUAD_BITS` bits per
    // table (`narrow::quad_bit` of their classes): a start that passes the pair test but whose
    // first four classes are not in the set is dead after them without a match or a quit.
    for (sid, _) in &tables {
        index.extend_from_slice(&quads(&dfa, *sid, &reps));
    }
    let (bytes, pad) = dfa.to_bytes_native_endian();
    if bytes.len() - pad <= dense_max {
        return Some((bytes[pad..].to_vec(), index, true));
    }
    let sparse = dfa.to_sparse().ok()?;
    Some((sparse.to_bytes_native_endian(), index, false))
}

/// The set of the first four byte classes (class representatives `reps`) that a match can begin
/// with from start state `sid`: every path of four classes from it that is not dead, a bit each
/// (`narrow::quad_bit`); a path that reaches a match or a quit state earlier counts with every
/// continuation (the DFA reports a match a byte late, and a quit hands the search over).
fn quads(
    dfa: &dense::DFA<Vec<u32>>,
    sid: regex_automata::util::primitives::StateID,
    reps: &[u8],
) -> Vec<u8> {
    let n = reps.len();
    let mut bits = vec![0u8; narrow::QUAD_BITS / 8];
    fn every(bits: &mut [u8], mut path: [u8; 4], depth: usize, n: usize) {
        if depth == 4 {
            let bit = narrow::quad_bit(path, n);
            bits[bit / 8] |= 1 << (bit % 8);
            return;
        }
        for c in 0..n {
            path[depth] = c as u8;
            every(bits, path, depth + 1, n);
        }
    }
    let mut stack = vec![(sid, 0usize, [0u8; 4])];
    while let Some((s, depth, path)) = stack.pop() {
        if depth == 4 {
            every(&mut bits, path, 4, n);
            continue;
        }
        for (c, &b) in reps.iter().enumerate() {
            let t = dfa.next_state(s, b);
            if dfa.is_dead_state(t) {
                continue;
            }
            let mut p = path;
            p[depth] = c as u8;
            if dfa.is_match_state(t) || dfa.is_quit_state(t) {
                every(&mut bits, p, depth + 1, n);
            } else {
                stack.push((t, depth + 1, p));
            }
        }
    }
    bits
}

/// The largest unanchored forward DFA embedded (dense), and the largest reverse one. The cue
/// pattern's forward DFA (over 11 MB: every cue word at every position) is left out.
const FWD_MAX: usize = 1 << 20;
const REV_MAX: usize = 512 << 10;

/// The unanchored forward DFA (leftmost-first) and the anchored reverse DFA (all matches) of the
/// narrow `sources`, dense, native byte order, as `regex_automata::dfa::regex::Builder` makes
/// them: the forward one finds where the leftmost-first match ends reading each byte once, the
/// reverse one where it starts. None when either does not compile or is bigger than
/// [`FWD_MAX`] / [`REV_MAX`] (the anchored DFA then searches alone).
fn fwd_rev(sources: &[String], ascii_words: bool) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut hirs = narrow::narrow_hirs(sources)?;
    if ascii_words {
        hirs = hirs.into_iter().map(narrow::ascii_word_looks).collect();
    }
    let nfa = |reverse: bool| {
        thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .utf8(true)
                    .reverse(reverse)
                    .which_captures(thompson::WhichCaptures::None),
            )
            .build_many_from_hir(&hirs)
            .ok()
    };
    let fwd = dense::Builder::new()
        .configure(
            dense::Config::new()
                .match_kind(MatchKind::LeftmostFirst)
                .start_kind(StartKind::Unanchored)
                .unicode_word_boundary(true)
                .dfa_size_limit(Some(2 * FWD_MAX))
                .determinize_size_limit(Some(16 << 20)),
        )
        .build_from_nfa(&nfa(false)?)
        .ok()?;
    let (bytes, pad) = fwd.to_bytes_native_endian();
    let fwd = bytes[pad..].to_vec();
    if fwd.len() > FWD_MAX {
        return None;
    }
    let rev = dense::Builder::new()
        .configure(
            dense::Config::new()
                .prefilter(None)
                .specialize_start_states(false)
                .start_kind(StartKind::Anchored)
                .match_kind(MatchKind::All)
                .unicode_word_boundary(true)
                .dfa_size_limit(Some(2 * REV_MAX))
                .determinize_size_limit(Some(16 << 20)),
        )
        .build_from_nfa(&nfa(true)?)
        .ok()?;
    let (bytes, pad) = rev.to_bytes_native_endian();
    let rev = bytes[pad..].to_vec();
    (rev.len() <= REV_MAX).then_some((fwd, rev))
}

/// The NFA with capture groups of the narrow `sources`, as `crate::narrow::Tiered` builds it to
/// read the groups of a match its automaton found (see `src/narrow/nfa_words.rs`); None for
/// sources without capture groups of their own (only the whole match), whose NFA the binary
/// builds when it needs it.
fn capture_nfa(sources: &[String]) -> Option<Vec<u32>> {
    let hirs = narrow::narrow_hirs(sources)?;
    if hirs
        .iter()
        .all(|h| h.properties().explicit_captures_len() == 0)
    {
        return None;
    }
    let nfa = thompson::Compiler::new()
        .configure(thompson::Config::new().utf8(true))
        .build_many_from_hir(&hirs)
        .ok()?;
    nfa_words::to_words(&nfa)
}

/// Whether the narrow `sources` parse and none has a capture group of its own.
fn plain_sources(sources: &[String]) -> bool {
    narrow::narrow_hirs(sources).is_some_and(|hirs| {
        hirs.iter()
            .all(|h| h.properties().explicit_captures_len() == 0)
    })
}

/// The `.toml` files under `dir`, recursively.
fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            println!("cargo:rerun-if-changed={}", p.display());
            toml_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
}
