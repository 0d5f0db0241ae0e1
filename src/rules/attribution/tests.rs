use super::cues::{classify, AnonLevel, NpKind};

#[test]
fn classifies_source_phrases() {
    assert_eq!(classify("the Interior Ministry"), NpKind::Named);
    assert_eq!(classify("Ana Ruiz, a council member"), NpKind::Named);
    assert_eq!(classify("police"), NpKind::Described);
    assert_eq!(classify("Witnesses"), NpKind::Described);
    assert_eq!(classify("Rescuers"), NpKind::Described);
    assert_eq!(classify("she"), NpKind::Pronoun);
    assert_eq!(classify("Critics"), NpKind::Vague);
    assert_eq!(classify("many analysts"), NpKind::Vague);
    assert_eq!(classify("polls"), NpKind::Vague);
    assert_eq!(classify("critics, including TK,"), NpKind::Placeholder);
    assert_eq!(classify("a source"), NpKind::Anon(AnonLevel::Bare));
    assert_eq!(classify("Sources"), NpKind::Anon(AnonLevel::Bare));
    assert_eq!(
        classify("two officials"),
        NpKind::Anon(AnonLevel::Unspecific)
    );
    assert_eq!(
        classify("a senior official at the Treasury"),
        NpKind::Anon(AnonLevel::Described)
    );
    assert_eq!(
        classify("a source close to the coach"),
        NpKind::Anon(AnonLevel::Described)
    );
    assert_eq!(classify("three Syrian officials"), NpKind::Described);
    // An affiliation, however broad, is a description (eval conventions, issue 11).
    assert_eq!(
        classify("a government official"),
        NpKind::Anon(AnonLevel::Described)
    );
    assert_eq!(
        classify("an administration official"),
        NpKind::Anon(AnonLevel::Described)
    );
    assert_eq!(
        classify("Ministry sources"),
        NpKind::Anon(AnonLevel::Described)
    );
    assert_eq!(classify("the sources"), NpKind::Anon(AnonLevel::Described));
    assert_eq!(classify("Analysts"), NpKind::Vague);
    assert_eq!(classify("many political analysts"), NpKind::Vague);
    assert_eq!(
        classify("two senior officials"),
        NpKind::Anon(AnonLevel::Unspecific)
    );
    assert_eq!(
        classify("informed sources"),
        NpKind::Anon(AnonLevel::Unspecific)
    );
    // A rank is not an affiliation.
    assert_eq!(
        classify("a senior official"),
        NpKind::Anon(AnonLevel::Unspecific)
    );
    assert_eq!(classify("the officials"), NpKind::Described);
}

#[test]
fn word_scanner_keeps_abbreviations_numbers_and_possessives() {
    use super::words::{last, words};
    let t = "The U.S. said 4,850 people, ‘the ministry’s’ figures. Dr. Ruiz's";
    let ws: Vec<&str> = words(t).iter().map(|w| w.text).collect();
    assert_eq!(
        ws,
        [
            "The",
            "U.S.",
            "said",
            "4,850",
            "people",
            "the",
            "ministry’s’",
            "figures",
            "Dr",
            "Ruiz's"
        ]
    );
    for w in words(t) {
        assert_eq!(&t[w.start..w.end], w.text);
    }
    assert_eq!(last(t).map(|w| w.text), Some("Ruiz's"));
    let long = format!("{} the ministry", "x ".repeat(100));
    assert_eq!(
        last(&long).map(|w| (w.text, &long[w.start..w.end])),
        Some(("ministry", "ministry"))
    );
    assert!(last("  ").is_none());
}

#[test]
fn group_modifiers_capitalised_at_the_start_are_not_names() {
    assert_eq!(classify("Rebel forces"), NpKind::Described);
    assert_eq!(classify("Opposition lawmakers"), NpKind::Described);
    assert_eq!(classify("Rebel commander Idris Okot"), NpKind::Named);
}

#[test]
fn every_vague_list_is_used_and_every_pattern_compiles() {
    use super::lists::{slot_names, VAGUE};
    let pairs = [
        (&VAGUE.passive, vec![super::vague::VAGUE_PASSIVE_T]),
        (&VAGUE.widely, vec![super::vague::VAGUE_WIDELY_T]),
        (&VAGUE.it, vec![super::vague::VAGUE_IT_T]),
        (&VAGUE.adverbs, vec![super::vague::VAGUE_ADVERB_T]),
        (&VAGUE.subject, vec![super::vague::VAGUE_SUBJECT_T]),
        (&VAGUE.quant, vec![super::vague::VAGUE_QUANT_T]),
        (&VAGUE.docs, vec![super::vague::VAGUE_DOCS_T]),
        (
            &VAGUE.title_lead,
            vec![super::unattributed_quote::TITLE_LEAD_T],
        ),
    ];
    for (table, templates) in pairs {
        let mut used: Vec<String> = templates.iter().flat_map(|t| slot_names(t)).collect();
        used.extend(
            [
                "sourced_verbs",
                "irregular_past",
                "perception_verbs",
                "perception_next",
                "wh_objects",
                "not_holders",
                "plural_heads",
                "naming_words",
                "owner_words",
            ]
            .map(String::from),
        );
        for k in table.keys() {
            assert!(
                used.contains(k),
                "data/attribution/vague.toml: `{k}` is never used"
            );
        }
    }
    for p in super::vague::patterns() {
        for b in p.branches() {
            assert!(
                super::alternatives::compile(b.source()).is_ok(),
                "vague alternative: {}",
                b.source()
            );
        }
    }
    assert!(super::unattributed_quote::TITLE_LEAD.check().is_ok());
    assert!(super::unattributed_quote::MENTION_LEAD.check().is_ok());
    assert!(super::unattributed_claim::OWNED_DOCUMENT.check().is_ok());
    assert!(super::unattributed_claim::REPORTED_CHARGE.check().is_ok());
}

#[test]
fn weasel_groups_are_one_list() {
    // The classifier and the vague-subject pattern read the same list (issue 10: no drift).
    use super::lists::SOURCES;
    assert!(super::vague::VAGUE_SUBJECT
        .branches()
        .iter()
        .any(|b| b.source().contains("detractors")));
    assert!(SOURCES.weasel_groups.iter().any(|w| w == "detractors"));
    assert_eq!(classify("Detractors"), NpKind::Vague);
}

#[test]
fn the_source_audit_lists_sources_of_every_shape() {
    use crate::report::SourceKind;
    let text = "The fire spread overnight.\n\nMayor Ana Ortiz claimed the checks were up to date. Protesters outside City Hall said the owners were careless. The firm's lawyer, Omar Haddad, said the firm would help. Several tenants described the landlords as negligent.\n";
    let a = crate::analyze(text, &crate::Config::default());
    let got: Vec<(String, SourceKind)> =
        a.sources.iter().map(|s| (s.name.clone(), s.kind)).collect();
    let has = |n: &str, k: SourceKind| got.iter().any(|(m, j)| m == n && *j == k);
    assert!(has("Mayor Ana Ortiz", SourceKind::Named), "{got:?}");
    assert!(
        has("Protesters outside City Hall", SourceKind::Described),
        "{got:?}"
    );
    assert!(
        has("The firm's lawyer, Omar Haddad", SourceKind::Named),
        "{got:?}"
    );
    assert!(got.iter().any(|(m, _)| m == "Several tenants"), "{got:?}");
}

#[test]
fn a_participle_or_verb_after_a_named_subject_is_not_its_objects() {
    use crate::report::SourceKind;
    let text = "The ferry board met on Monday.\n\nThe mayor's deputy rallied islanders, saying the pier would reopen. Dana Okafor, head of the ferry union, emailed members on Monday evening, telling them the strike was off. The historian Lee Marsh — who ran the harbour office for years — states that the old pier was deliberately left to rot.\n";
    let a = crate::analyze(text, &crate::Config::default());
    let got: Vec<(String, SourceKind)> =
        a.sources.iter().map(|s| (s.name.clone(), s.kind)).collect();
    // The objects of "rallied" and "emailed" are no sources.
    assert!(
        !got.iter()
            .any(|(m, _)| m.contains("islanders") || m.contains("members")),
        "{got:?}"
    );
    assert!(
        got.iter().any(|(m, _)| m.starts_with("Dana Okafor")),
        "{got:?}"
    );
    // "— states that" after an aside attributes the sentence (no claim finding on it).
    assert!(
        !a.findings
            .iter()
            .any(|f| f.rule == "attribution/unattributed-claim"),
        "{:?}",
        a.findings
    );
    // "in states that" is a place, not a cue.
    let places = "The fare cut will certainly fail in states that refuse the subsidy.\n";
    let b = crate::analyze(places, &crate::Config::default());
    assert!(b.sources.is_empty(), "{:?}", b.sources);
}

/// Every attribution pattern is compiled at build time (`build.rs`, from the entries of
/// `data/attribution/patterns.toml`): a pattern whose sources the binary makes differently from
/// its entry would silently be compiled at run time again, costing start-up time.
#[test]
fn every_attribution_pattern_has_its_automaton() {
    let mut missing = Vec::new();
    for p in super::claims::patterns()
        .into_iter()
        .chain(super::vague::patterns())
    {
        for b in p.branches() {
            if !b.has_automaton() {
                missing.push(b.source().to_string());
            }
        }
    }
    for (name, t) in [
        ("conflict", &super::claims::CONFLICT),
        ("counted_units", &super::claims::COUNTED_UNITS),
        ("market", &super::claims::MARKET),
        ("court", &super::claims::COURT),
        ("conditional", &super::claims::CONDITIONAL),
        ("label_frame", &super::claims::LABEL_FRAME),
        ("cue", &super::cues::CUE),
        ("reason", &super::cues::REASON),
        ("signed_line", &super::cues::SIGNED_LINE),
        ("year", &super::unattributed_claim::YEAR),
        (
            "reported_charge",
            &super::unattributed_claim::REPORTED_CHARGE,
        ),
        ("owned_document", &super::unattributed_claim::OWNED_DOCUMENT),
        ("title_lead", &super::unattributed_quote::TITLE_LEAD),
        ("mention_lead", &super::unattributed_quote::MENTION_LEAD),
    ] {
        if !t.has_automaton() {
            missing.push(name.to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "no automaton for:\n{}",
        missing.join("\n")
    );
    // Each pattern of the data file is one of the patterns above.
    assert_eq!(super::patterns::PATTERNS, 9 + 7 + 14);
}
