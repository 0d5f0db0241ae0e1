//! Claims that need a source: the classes a copy editor sends back with "who says so?".
//!
//! Each detector is a pattern for one class of claim plus the public-record contexts in which
//! the same words need no source (a share move, a vote count, a verdict, the weather).

use regex::Regex;
use std::sync::LazyLock;

/// The kind of claim, for the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimClass {
    Casualty,
    Damage,
    Crowd,
    Statistic,
    Prediction,
    Territory,
    Accusation,
    Intention,
    Characterisation,
}

impl ClaimClass {
    pub fn describe(self) -> &'static str {
        match self {
            ClaimClass::Casualty => "a casualty figure",
            ClaimClass::Damage => "a damage figure",
            ClaimClass::Crowd => "a crowd figure",
            ClaimClass::Statistic => "a statistic",
            ClaimClass::Prediction => "a prediction",
            ClaimClass::Territory => "a claim about who controls territory",
            ClaimClass::Accusation => "an accusation",
            ClaimClass::Intention => "a claim about what others intend, fear or believe",
            ClaimClass::Characterisation => "a characterisation of events",
        }
    }
}

const NUM: &str = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|a dozen|dozens|hundreds|thousands|tens of thousands|scores|several|many)";
const APPROX: &str = r"(?:(?:at least|more than|over|about|around|nearly|almost|roughly|some|up to|as many as|fewer than|less than|an estimated)\s+)?";

static CASUALTY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{APPROX}{NUM}(?:\s+more)?(?:\s+[\w’'-]+){{0,3}}?\s+(?:(?:were|was|are|have been|had been|has been|is|remain|remained|were reported)\s+)?(?:killed|dead|died|wounded|injured|hurt|missing|displaced|slain|massacred|executed|kidnapped|abducted|arrested|detained|drowned|treated|hospitali[sz]ed|rescued|trapped|evacuated|stranded)\b|\b{APPROX}{NUM}(?:\s+[\w’'-]+){{0,3}}?\s+(?:were|was|have been|had been|are)\s+(?:left\s+)?homeless\b|\bdeath toll\b|\bkilling\s+{APPROX}{NUM}\b|\b(?:heavy|mass|civilian)\s+casualties\b|\bclaimed\s+(?:the\s+)?lives\b"
    ))
    .expect("casualty pattern")
});

static DAMAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{APPROX}{NUM}(?:\s+of)?(?:\s+[\w’'-]+){{0,2}}?\s+(?:homes|houses|buildings|vehicles|cars|shops|businesses|structures|acres|hectares|villages|schools|hospitals|bridges|tanks|aircraft|planes|drones|missiles|pickups)\b(?:\s+[\w’'-]+){{0,4}}?\s+(?:(?:were|was|have been|had been|are|has been)\s+)?(?:destroyed|damaged|flattened|burned|burnt|razed|flooded|looted|shot down|downed|lost)\b|\b(?:destroyed|razed|flattened|lost)\s+(?:most|much|all|{NUM})\s+of\s+(?:its|their|the)\b|(?:\$|£|€)[\d.,]+\s*(?:million|billion|bn|m)?\s+(?:in|worth\s+of|of)\s+damages?\b|\bdamage\s+(?:of|at|worth)\s+(?:about\s+|more than\s+|nearly\s+)?(?:\$|£|€)"
    ))
    .expect("damage pattern")
});

static CROWD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{APPROX}{NUM}(?:\s+[\w’'-]+){{0,2}}?\s+(?:people|protesters|protestors|demonstrators|marchers|supporters|rioters|mourners|worshippers|pilgrims)(?:\s+[\w’'-]+){{0,2}}?\s+(?:marched|gathered|rallied|protested|demonstrated|took to the streets|turned out|joined|massed|converged)\b|\b{APPROX}(?:dozens|hundreds|thousands|tens of thousands|hundreds of thousands|\d{{1,3}},\d{{3}}(?:,\d{{3}})?)\s+(?:more\s+)?(?:marched|rallied|protested|demonstrated|took to the streets|gathered|massed)\b|\bcrowds?\s+of\s+{APPROX}{NUM}\b[^.]{{0,40}}?\b(?:gathered|marched|rallied|protested|chanted|massed|converged)\b"
    ))
    .expect("crowd pattern")
});

static STATISTIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:one|two|three|four|\d+)\s+(?:in|out of)\s+(?:every\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:[\w-]+\s+){0,2}?(?:people|adults|children|patients|voters|residents|americans|britons|women|men|households|students|workers|teenagers|teens|users|respondents|migrants|families|girls|boys|cases|deaths|pupils|employees|doctors|nurses|homes|businesses)\b|\b\d+(?:\.\d+)?(?:\s?%|\s+percent|\s+per\s+cent)\s+of\s+(?:all\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:people|adults|children|patients|voters|residents|americans|britons|women|men|households|students|workers|teenagers|teens|users|respondents|migrants|families|population|pupils|employees|cases)\b|\b(?:rose|fell|jumped|dropped|climbed|declined|increased|decreased|grew|shrank|surged|plunged|soared|doubled|tripled|halved)\s+(?:by\s+)?(?:about\s+|nearly\s+|almost\s+|more than\s+|roughly\s+|some\s+)?\d+(?:\.\d+)?(?:\s?%|\s+percent|\s+per\s+cent)|\b(?:most|majority|half|a third|a quarter|two-thirds|three-quarters)\s+of\s+(?:all\s+)?(?:the\s+)?(?:[\w-]+\s+)?(?:people|adults|children|patients|voters|residents|americans|britons|women|men|households|students|workers|teenagers|users|migrants|families|population|pupils|employees)\s+(?:\w+\s+)?(?:support|supports|oppose|opposes|back|backs|favor|favour|reject|rejects|want|wants|believe|believes|fear|fears|never|do not|don't|cannot|can't|have|lack|live|skip|rely|depend|are|were)\b",
    )
    .expect("statistic pattern")
});

static PREDICTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?P<modal>will|won't|would|is going to|are going to|(?:is|are|was|were)\s+(?:certain|sure|bound|likely|unlikely|poised|destined|almost certain)\s+to)\s+(?:(?P<adv>\w+ly)\s+)?(?:continue\s+to\s+)?(?P<verb>win|lose|double|triple|quadruple|halve|collapse|soar|plunge|surge|skyrocket|crash|worsen|default|sweep|dominate|overtake|rise|fall|grow|shrink|decline|increase|decrease|drop|climb|spread|run out|fail|succeed|go bankrupt)\b|\bmeans\s+(?:that\s+)?\w+\s+will\b|\b(?:will|would)\s+(?:create|cost|save|generate|eliminate|destroy|cut|add)\s+(?:about\s+|more than\s+|nearly\s+|up to\s+|roughly\s+|some\s+|at least\s+)?(?:\$|£|€)?\d[\d,.]*\s*(?:million|billion|bn|m)?\s*(?:jobs|homes|lives|positions|dollars|pounds|euros)?\b|\b(?:could|may|might)\s+(?:well\s+)?(?:collapse|default|crash|fail|go bankrupt|double|triple|halve)\b|\b(?:will|is going to|are going to)\s+(?:hit|reach|exceed|top|surpass|pass)\s+(?:about\s+|nearly\s+|more than\s+)?(?:\$|£|€)?\d",
    )
    .expect("prediction pattern")
});

static TERRITORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?P<ctl>(?:took|take|takes|taken|taking|seized|seize|seizes|gained|gain|lost|regained|wrested|assumed|is in|are in|was in|were in)\s+control\s+of)|(?P<verb>fell\s+to|took|takes|taken|seized|captured|overran|overrun|retook|retaken|recaptured|holds|hold|held|controls|control|controlled|besieged|encircled|surrounded|stormed)\s+(?:(?:only|now|most|much|all|both|the|a|an|its|their|several|parts|of|\d+|two|three|four|five|six|seven)\s+){0,4}(?P<obj>(?-i:[A-Z])[\w’'-]*|(?:[\w-]+\s+){0,3}?(?:city|cities|town|towns|village|villages|province|provinces|district|districts|region|capital|capitals|airport|base|bases|garrison|positions?|territory|border|crossing|bridge|highway|port|outskirts|stronghold|strongholds|front\s?line|north|south|east|west|northeast|northwest|southeast|southwest|country|areas|neighbou?rhoods?|valley|coast|coastline|hills|mountains)\b)|(?P<fight>retreated\s+from|withdrew\s+from|pulled\s+out\s+of|advanced\s+(?:on|into|toward|towards)|pushed\s+back|repelled|repulsed|fled\s+the\s+(?:city|town|village|region|province)))",
    )
    .expect("territory pattern")
});

static CONFLICT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:fighters|militants|troops|forces|army|armies|rebels|insurgents|insurgency|soldiers|militias?|militiamen|jihadists|guerrillas|offensive|battle|fighting|front\s?line|siege|assault|war|tanks|artillery|breakthrough|Taliban|junta|capitals)\b").expect("conflict pattern")
});

static ACCUSATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:was|were|is|are|has been|have been|had been|stands?)\s+(?:accused|suspected|blamed)\b(?P<by>\s+by)?|\bresponsible\s+for\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+)?(?:attacks?|bombings?|killings?|deaths?|shootings?|violence|fire|blast|explosion|crash|collapse|outbreak|leak|hack|massacre|abuses?|crimes?|unrest|riots?|disorder)\b|\b(?:was|were|is|are)\s+behind\s+(?:the|a|an|last|this)\s+(?:\w+\s+)?(?:attacks?|bombings?|killings?|shootings?|plot|campaign|fire|hack|leak|unrest|riots?|violence|protests?)\b|\b(?:deliberately|intentionally|knowingly|on purpose|specifically to|secretly|covertly)\b|\bto\s+(?:cause|provoke|stir up|incite|spark|foment)\s+(?:trouble|violence|chaos|unrest|disorder|damage|harm|panic)\b|\b(?:lied|stole|embezzled|defrauded|bribed|rigged|cheated|murdered|fabricated|falsified|laundered|extorted|looted|smuggled|tortured|massacred|misled|mismanaged|bungled|harassed|intimidated|colluded|conspired)\b|\bcovered\s+up\b|\bignored\s+(?:\w+\s+)?warnings\b|\bfailed\s+to\s+(?:protect|warn|act|report|disclose|stop|prevent)\b",
    )
    .expect("accusation pattern")
});

static INTENTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?P<w>wants?|wanted|intends?|intended|hopes?|hoped|fears?|feared|aims?|aimed|seeks?|sought|plans?|planned|(?:is|are|was|were)\s+(?:planning|plotting|preparing)|plotted|(?:is|are|was|were)\s+(?:determined|desperate|eager|intent on|keen))\s+(?:to|that|on|for|an?)\b|\b(?:believes?|believed|suspects?|suspected|fears?|feared|thinks?|worry|worries|worried|is convinced|are convinced|was convinced|were convinced)\s+(?:that\s+)?(?:the|a|an|he|she|they|it|his|her|their|its)\b|\b(?:most|many|few|the majority of|a majority of)\s+(?:[\w-]+\s+)?(?:people|adults|voters|residents|americans|britons|citizens|members|workers|parents|teachers|doctors|farmers|fans|shareholders|investors|users|customers|locals|villagers|families|women|men|students)\s+(?:now\s+|still\s+)?(?:support|oppose|back|favou?r|reject|want|believe|fear|distrust|blame|expect|think|feel|prefer|dislike|approve|disapprove)\b|\b(?:were|was)\s+paid\s+to\b",
    )
    .expect("intention pattern")
});

static CHARACTERISATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:massacre|atrocity|atrocities|genocide|ethnic cleansing|war crimes?|pogrom|routed|rout of|huge breakthrough|humiliating defeat|crushing defeat|excessive force|police brutality|heavy-handed|indiscriminate(?:ly)?)\b").expect("characterisation pattern")
});

static MARKET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:shares?|stocks?|index|indexes|indices|S&P|Nasdaq|Dow|FTSE|Nikkei|futures|crude|bonds?|yields?|barrel|currency|dollar|euro|yen|sterling|pound|points|of the vote|votes|precincts|ballots|turnout|rain|snow|temperatures?|degrees|inches|tariffs?|interest rates?)\b|\b\d+-\d+\b").expect("market pattern")
});

static COURT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:convicted|guilty|jury|jurors|verdict|acquitted|sentenced|indicted|pleaded|plea|court|judge|trial|charged|charges|lawsuit|complaint|conviction)\b").expect("court pattern")
});

static CONDITIONAL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\b(?:if|unless|whether)\b|\?").expect("conditional pattern"));

/// A claim trigger found in `sentence` (the masked prose of one sentence): its class and its byte
/// offset within the sentence. `masked` tells whether an offset lies inside a quotation.
pub fn detect(sentence: &str, in_quote: impl Fn(usize) -> bool) -> Option<(ClaimClass, usize)> {
    let first = |re: &Regex| re.find_iter(sentence).find(|m| !in_quote(m.start())).map(|m| m.start());
    if let Some(at) = first(&CASUALTY) {
        return Some((ClaimClass::Casualty, at));
    }
    if let Some(at) = first(&DAMAGE) {
        return Some((ClaimClass::Damage, at));
    }
    if let Some(at) = first(&CROWD) {
        return Some((ClaimClass::Crowd, at));
    }
    for c in TERRITORY.captures_iter(sentence) {
        let m = c.get(0).expect("match");
        if in_quote(m.start()) {
            continue;
        }
        // "took control of" is territorial on its own; a bare "took"/"holds" + place needs a war
        // context ("took Kandahar" vs "took Arsenal to penalties").
        // "hold talks in the capital": the place is not the object.
        if c.name("obj").is_some_and(|o| o.as_str().split_whitespace().any(|w| matches!(w.to_ascii_lowercase().as_str(), "in" | "on" | "at" | "with" | "for" | "to" | "from" | "by" | "into" | "near"))) {
            continue;
        }
        if c.name("ctl").is_some() || CONFLICT.is_match(sentence) {
            return Some((ClaimClass::Territory, m.start()));
        }
    }
    let public_record = MARKET.is_match(sentence);
    if !public_record {
        if let Some(at) = first(&STATISTIC) {
            return Some((ClaimClass::Statistic, at));
        }
    }
    if !public_record && !CONDITIONAL.is_match(sentence) {
        for c in PREDICTION.captures_iter(sentence) {
            let m = c.get(0).expect("match");
            if in_quote(m.start()) {
                continue;
            }
            let Some(verb) = c.name("verb") else { return Some((ClaimClass::Prediction, m.start())) };
            let modal = c.name("modal").map_or("", |x| x.as_str()).to_ascii_lowercase();
            let strong_verb = matches!(
                verb.as_str().to_ascii_lowercase().as_str(),
                "win" | "lose" | "double" | "triple" | "quadruple" | "halve" | "collapse" | "soar" | "plunge" | "surge" | "skyrocket" | "crash" | "worsen" | "default" | "sweep" | "dominate" | "overtake" | "go bankrupt"
            );
            let certain = !matches!(modal.as_str(), "will" | "won't" | "would") || c.name("adv").is_some_and(|a| matches!(a.as_str(), "inevitably" | "certainly" | "surely" | "definitely" | "easily" | "undoubtedly"));
            let dated = sentence[verb.end()..].contains(" by 20") || sentence[verb.end()..].contains(" by the end of");
            if strong_verb || certain || dated {
                return Some((ClaimClass::Prediction, m.start()));
            }
        }
    }
    if !COURT.is_match(sentence) {
        for c in ACCUSATION.captures_iter(sentence) {
            let m = c.get(0).expect("match");
            if !in_quote(m.start()) && c.name("by").is_none() {
                return Some((ClaimClass::Accusation, m.start()));
            }
        }
    }
    for c in INTENTION.captures_iter(sentence) {
        let m = c.get(0).expect("match");
        if in_quote(m.start()) {
            continue;
        }
        // "fears of", "hopes for": nouns, unless a subject precedes; "amid fears that" is a claim too.
        let before = sentence[..m.start()].trim_end();
        let prev = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_ascii_lowercase();
        if matches!(prev.as_str(), "to" | "the" | "their" | "his" | "her" | "its" | "our" | "i" | "we" | "no" | "of" | "a" | "an" | "this" | "that" | "new" | "any" | "my" | "your" | "whose" | "little" | "some" | "amid" | "raised" | "raising" | "high" | "growing" | "is" | "are" | "was" | "were" | "be" | "been" | "being" | "as") {
            continue;
        }
        return Some((ClaimClass::Intention, m.start()));
    }
    if let Some(at) = first(&CHARACTERISATION) {
        return Some((ClaimClass::Characterisation, at));
    }
    None
}
