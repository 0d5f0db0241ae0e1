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
        (&VAGUE.passive, vec![super::patterns::VAGUE_PASSIVE_T]),
        (&VAGUE.widely, vec![super::patterns::VAGUE_WIDELY_T]),
        (&VAGUE.it, vec![super::patterns::VAGUE_IT_T]),
        (&VAGUE.adverbs, vec![super::patterns::VAGUE_ADVERB_T]),
        (&VAGUE.subject, vec![super::patterns::VAGUE_SUBJECT_T]),
        (&VAGUE.quant, vec![super::patterns::VAGUE_QUANT_T]),
        (&VAGUE.docs, vec![super::patterns::VAGUE_DOCS_T]),
        (&VAGUE.title_lead, vec![super::patterns::TITLE_LEAD_T]),
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

/// `build.rs` expands every pattern of `data/attribution/patterns.toml` from the tables its entry
/// names, and the rules compile what it wrote ([`super::patterns::Built`]): it must be what the
/// templates filled from the tables the rules read give, branch by branch with the same
/// required words (so a table named wrongly in the data file, or a change to how templates are
/// filled, fails here rather than changing findings).
#[test]
fn the_built_patterns_are_their_templates_filled_from_their_tables() {
    use super::alternatives::Alternatives;
    use super::lists::{expand, source_slots, Slots, CLAIMS, CUES, VAGUE};
    use super::patterns::*;
    let (c, v, q) = (&*CLAIMS, &*VAGUE, &*CUES);
    let named = |pairs: &[(&str, &Vec<String>)]| -> Slots {
        pairs
            .iter()
            .map(|(k, l)| (k.to_string(), (*l).clone()))
            .collect()
    };
    let sources = source_slots();
    let cue = named(&[
        ("according_to", &q.according),
        ("passive_by", &q.passive_by),
        ("statement_mods", &q.statement_mods),
        ("study_nouns", &q.study_nouns),
        ("study_dets", &q.study_dets),
        ("statement_nouns", &q.statements),
        ("venue_phrases", &q.venues),
        ("act_phrases", &q.phrases),
        ("saying_verbs", &q.verbs),
    ]);
    let owned = named(&[
        ("document_owners", &q.document_owners),
        ("owned_documents", &q.owned_documents),
    ]);
    let mention = named(&[("mention_leads", &q.mention_leads)]);
    let gated: Vec<(&Built, &str, Vec<&Slots>)> = vec![
        (&CASUALTY, CASUALTY_T, vec![&c.casualty, &c.shared]),
        (&DAMAGE, DAMAGE_T, vec![&c.damage, &c.shared]),
        (&CROWD, CROWD_T, vec![&c.crowd, &c.shared]),
        (&STATISTIC, STATISTIC_T, vec![&c.statistic, &c.shared]),
        (&PREDICTION, PREDICTION_T, vec![&c.prediction, &c.shared]),
        (&TERRITORY, TERRITORY_T, vec![&c.territory, &c.shared]),
        (&ACCUSATION, ACCUSATION_T, vec![&c.accusation, &c.shared]),
        (&INTENTION, INTENTION_T, vec![&c.intention, &c.shared]),
        (
            &CHARACTERISATION,
            CHARACTERISATION_T,
            vec![&c.characterisation, &c.shared],
        ),
        (&VAGUE_PASSIVE, VAGUE_PASSIVE_T, vec![&v.passive, &sources]),
        (&VAGUE_WIDELY, VAGUE_WIDELY_T, vec![&v.widely, &sources]),
        (&VAGUE_IT, VAGUE_IT_T, vec![&v.it, &sources]),
        (&VAGUE_ADVERB, VAGUE_ADVERB_T, vec![&v.adverbs, &sources]),
        (&VAGUE_SUBJECT, VAGUE_SUBJECT_T, vec![&v.subject, &sources]),
        (&VAGUE_QUANT, VAGUE_QUANT_T, vec![&v.quant, &sources]),
        (&VAGUE_DOCS, VAGUE_DOCS_T, vec![&v.docs, &sources]),
    ];
    for (built, template, tables) in &gated {
        let want = Alternatives::new(template, tables);
        let got = Alternatives::built(built);
        assert_eq!(got.branches().len(), want.branches().len(), "{template}");
        for (g, w) in got.branches().iter().zip(want.branches()) {
            assert_eq!(g.source(), w.source());
            assert_eq!(g.sets(), w.sets(), "{}", w.source());
            assert_eq!(g.edges(), w.edges(), "{}", w.source());
        }
    }
    let whole: Vec<(&Built, Vec<&str>, Vec<&Slots>)> = vec![
        (&CONFLICT, vec![CONFLICT_T], vec![&c.territory, &c.shared]),
        (
            &COUNTED_UNITS,
            vec![COUNTED_UNITS_T],
            vec![&c.territory, &c.shared],
        ),
        (&MARKET, vec![MARKET_T], vec![&c.public_record, &c.shared]),
        (&COURT, vec![COURT_T], vec![&c.public_record, &c.shared]),
        (
            &CONDITIONAL,
            vec![CONDITIONAL_T],
            vec![&c.public_record, &c.shared],
        ),
        (
            &LABEL_FRAME,
            vec![LABEL_FRAME_T],
            vec![&c.characterisation, &c.shared],
        ),
        (&TITLE_LEAD, vec![TITLE_LEAD_T], vec![&v.title_lead]),
        (&CUE, CUE_T.to_vec(), vec![&cue]),
        (&REASON, vec![REASON_T], vec![&q.anonymity]),
        (
            &REPORTED_CHARGE,
            vec![REPORTED_CHARGE_T],
            vec![&c.accusation],
        ),
        (&OWNED_DOCUMENT, vec![OWNED_DOCUMENT_T], vec![&owned]),
        (&MENTION_LEAD, vec![MENTION_LEAD_T], vec![&mention]),
        (&SIGNED_LINE, vec![SIGNED_LINE_T], vec![]),
        (&YEAR, vec![YEAR_T], vec![]),
    ];
    for (built, templates, tables) in &whole {
        let want: Vec<String> = templates.iter().map(|t| expand(t, tables)).collect();
        assert_eq!(built.sources, want, "{templates:?}");
        assert!(built.sets.is_empty());
    }
    assert_eq!(gated.len() + whole.len(), PATTERNS);
}
