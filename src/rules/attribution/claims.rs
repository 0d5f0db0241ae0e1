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
        r"(?i)(?-u:\b){APPROX}{NUM}(?:\s+more)?(?:\s+[\w’'-]+){{0,3}}?\s+(?:(?:were|was|are|have been|had been|has been|is|remain|remained|were reported)\s+)?(?:killed|dead|died|wounded|injured|hurt|missing|displaced|slain|massacred|executed|kidnapped|abducted|arrested|detained|drowned|treated|hospitali[sz]ed|rescued|trapped|evacuated|stranded|infected|sickened|poisoned)(?-u:\b)|(?-u:\b){APPROX}{NUM}(?:\s+[\w’'-]+){{0,3}}?\s+(?:were|was|have been|had been|are)\s+(?:left\s+)?homeless(?-u:\b)|(?-u:\b)left\s+{APPROX}{NUM}(?:\s+[\w’'-]+){{0,2}}?\s+(?:homeless|dead|injured|wounded|missing|without\s+(?:power|water|shelter|food))(?-u:\b)|(?-u:\b){APPROX}{NUM}(?:\s+[\w’'-]+){{0,3}}?\s+(?:perished|lost\s+their\s+lives)(?-u:\b)|(?-u:\b){APPROX}{NUM}\s+(?:more\s+)?bodies(?-u:\b)|(?-u:\b)(?:killed|killing|wounded|wounding|injured|injuring|arrested|detained|displaced|evacuated|abducted|kidnapped|infected|sickened)\s+{APPROX}{NUM}(?:\s+(?:more|other))?(?:\s+[\w’'-]+)?\s+(?:people|civilians|soldiers|troops|protesters|demonstrators|fighters|militants|children|police|officers|residents|villagers|migrants|passengers|workers|students|members)(?-u:\b)|(?-u:\b)death toll(?-u:\b)|(?-u:\b)killing\s+{APPROX}{NUM}(?-u:\b)|(?-u:\b)(?:heavy|mass|civilian)\s+casualties(?-u:\b)|(?-u:\b)claimed\s+(?:the\s+)?lives(?-u:\b)"
    ))
    .expect("casualty pattern")
});

static DAMAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b){APPROX}{NUM}(?:\s+of)?(?:\s+[\w’'-]+){{0,2}}?\s+(?:homes|houses|buildings|vehicles|cars|shops|businesses|structures|acres|hectares|villages|schools|hospitals|bridges|tanks|aircraft|planes|drones|missiles|pickups)(?-u:\b)(?:\s+[\w’'-]+){{0,4}}?\s+(?:(?:were|was|have been|had been|are|has been)\s+)?(?:destroyed|damaged|flattened|burned|burnt|razed|flooded|looted|shot down|downed|lost)(?-u:\b)|(?-u:\b)(?:destroyed|razed|flattened|lost)\s+(?:most|much|all|{NUM})\s+of\s+(?:its|their|the)(?-u:\b)|(?:\$|£|€)[\d.,]+\s*(?:million|billion|bn|m)?\s+(?:in|worth\s+of|of)\s+damages?(?-u:\b)|(?-u:\b)damage\s+(?:of|at|worth)\s+(?:about\s+|more than\s+|nearly\s+)?(?:\$|£|€)"
    ))
    .expect("damage pattern")
});

static CROWD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b){APPROX}{NUM}(?:\s+[\w’'-]+){{0,2}}?\s+(?:people|protesters|protestors|demonstrators|marchers|supporters|rioters|mourners|worshippers|pilgrims)(?:\s+[\w’'-]+){{0,2}}?\s+(?:marched|gathered|rallied|protested|demonstrated|took to the streets|turned out|joined|massed|converged)(?-u:\b)|(?-u:\b){APPROX}(?:dozens|hundreds|thousands|tens of thousands|hundreds of thousands|\d{{1,3}},\d{{3}}(?:,\d{{3}})?)\s+(?:more\s+)?(?:marched|rallied|protested|demonstrated|took to the streets|gathered|massed)(?-u:\b)|(?-u:\b){APPROX}{NUM}(?:\s+[\w’'-]+){{0,2}}?\s+(?:people|protesters|demonstrators|supporters|mourners)\s+attended\s+(?:the\s+|a\s+)?(?:rally|protest|march|demonstration|vigil|funeral)(?-u:\b)|(?-u:\b){APPROX}{NUM}(?:\s+of)?(?:\s+[\w’'-]+)?\s+(?:fighters|troops|soldiers|migrants|refugees|militants|mercenaries)\s+(?:have\s+|had\s+)?(?:crossed|fled|arrived|entered|poured|massed|deployed)(?-u:\b)|(?-u:\b)(?:drew|attracted)\s+{APPROX}{NUM}\s+(?:people|protesters|supporters|demonstrators|marchers)(?-u:\b)|(?-u:\b)crowds?\s+of\s+{APPROX}{NUM}(?-u:\b)[^.]{{0,40}}?(?-u:\b)(?:gathered|marched|rallied|protested|chanted|massed|converged)(?-u:\b)"
    ))
    .expect("crowd pattern")
});

static STATISTIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:one|two|three|four|\d+)\s+(?:in|out of)\s+(?:every\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:[\w-]+\s+){0,2}?(?:people|adults|children|men|women|[a-z]{3,}s)(?-u:\b)|(?-u:\b)\d+(?:\.\d+)?(?:\s?%|\s+percent|\s+per\s+cent)\s+of\s+(?:all\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:people|adults|children|men|women|population|[a-z]{3,}s)(?-u:\b)|(?-u:\b)(?:rate|rates)\s+(?:is|was|stands\s+at|stood\s+at|rose\s+to|fell\s+to|reached|hit)\s+(?:about\s+|nearly\s+|roughly\s+)?\d+(?:\.\d+)?(?:\s?%|\s+percent|\s+per\s+cent)|(?-u:\b)(?:cuts|reduces|raises|increases|doubles|halves|lowers|triples)\s+(?:the\s+)?risk(?-u:\b)|(?-u:\b)support\s+for\s+(?:[\w’'-]+\s+){1,4}?(?:has|had)\s+(?:collapsed|plunged|fallen|dropped|grown|surged|risen|slumped|soared)(?-u:\b)|(?-u:\b)(?:stands|stood)\s+at\s+(?:about\s+|nearly\s+|roughly\s+|almost\s+)?\d+(?:\.\d+)?(?:\s?%|\s+percent|\s+per\s+cent)|(?-u:\b)(?:has|have|had)\s+(?:more\s+than\s+|nearly\s+|almost\s+|roughly\s+)?(?:doubled|tripled|quadrupled|halved)(?-u:\b)|(?-u:\b)(?:twice|three\s+times|four\s+times|half)\s+as\s+(?:likely|many|much)(?-u:\b)|(?-u:\b)the\s+average\s+\w+\s+(?:spends|earns|pays|owes|uses|has|waits)(?-u:\b)|(?-u:\b)cost\s+(?:the|its|their)\s+\w+(?:\s+\w+)?\s+(?:about\s+|more\s+than\s+|nearly\s+|an\s+estimated\s+)?(?:\$|£|€)\d|(?-u:\b)(?:rose|fell|jumped|dropped|climbed|declined|increased|decreased|grew|shrank|surged|plunged|soared|doubled|tripled|halved)\s+(?:by\s+)?(?:about\s+|nearly\s+|almost\s+|more than\s+|roughly\s+|some\s+)?\d+(?:\.\d+)?(?:\s?%|\s+percent|\s+per\s+cent)|(?-u:\b)(?:most|majority|half|a third|a quarter|two-thirds|three-quarters)\s+of\s+(?:all\s+)?(?:the\s+)?(?:[\w-]+\s+)?(?:people|adults|children|patients|voters|residents|americans|britons|women|men|households|students|workers|teenagers|users|migrants|families|population|pupils|employees)\s+(?:\w+\s+)?(?:support|supports|oppose|opposes|back|backs|favor|favour|reject|rejects|want|wants|believe|believes|fear|fears|never|do not|don't|cannot|can't|have|lack|live|skip|rely|depend|are|were)(?-u:\b)",
    )
    .expect("statistic pattern")
});

static PREDICTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?P<modal>will|won't|would|is going to|are going to|(?:is|are|was|were)\s+(?:certain|sure|bound|likely|unlikely|poised|destined|almost certain)\s+to)\s+(?:(?:almost|most)\s+)?(?:(?P<adv>\w+ly)\s+)?(?:continue\s+to\s+)?(?P<verb>win|lose|double|triple|quadruple|halve|collapse|soar|plunge|surge|skyrocket|crash|worsen|default|sweep|dominate|overtake|rise|fall|grow|shrink|decline|increase|decrease|drop|climb|spread|run out|fail|succeed|go bankrupt)(?-u:\b)|(?-u:\b)(?:will|would|won't)\s+(?:almost\s+)?(?:certainly|inevitably|surely|definitely|undoubtedly|easily|never\s+again)\s+[a-z]+(?-u:\b)|(?-u:\b)(?:is|are|was|were)\s+(?:almost\s+)?(?:certain|sure|bound|likely|unlikely|poised|destined|on\s+course|on\s+track)\s+to\s+[a-z]+(?-u:\b)|(?-u:\b)means\s+(?:that\s+)?\w+\s+will(?-u:\b)|(?-u:\b)(?:will|would)\s+(?:create|cost|save|generate|eliminate|destroy|cut|add)\s+(?:about\s+|more than\s+|nearly\s+|up to\s+|roughly\s+|some\s+|at least\s+)?(?:\$|£|€)?\d[\d,.]*\s*(?:million|billion|bn|m)?\s*(?:jobs|homes|lives|positions|dollars|pounds|euros)?(?-u:\b)|(?-u:\b)(?P<cmodal>will|would|won't|(?:is|are|was|were)\s+(?:certain|sure|bound|likely|set|poised)\s+to)\s+(?:(?:also|almost\s+certainly|certainly|inevitably|only|further|eventually|ultimately)\s+)?(?P<cverb>cost|push|lead\s+to|force|mean|drive\s+up|drive|wipe\s+out|leave|plunge|send|trigger|threaten|put)\s+(?P<cobj>[^.;:!?]{2,80})|(?-u:\b)(?:could|may|might)\s+(?:well\s+)?(?:collapse|default|crash|fail|go bankrupt|double|triple|halve)(?-u:\b)|(?-u:\b)(?:will|is going to|are going to)\s+(?:hit|reach|exceed|top|surpass|pass)\s+(?:about\s+|nearly\s+|more than\s+)?(?:\$|£|€)?\d",
    )
    .expect("prediction pattern")
});

static TERRITORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:(?P<ctl>(?:took|take|takes|taken|taking|seized|seize|seizes|gained|gain|lost|regained|wrested|assumed|is in|are in|was in|were in|(?:is|are|was|were|remain|remains|remained)\s+(?:now\s+|still\s+|firmly\s+|largely\s+)?in\s+(?:full\s+|effective\s+|firm\s+)?)\s+control\s+of)|(?P<verb>fell\s+to|took|takes|taken|seized|captured|overran|overrun|retook|retaken|recaptured|holds|hold|held|controls|control|controlled|besieged|encircled|surrounded|stormed)\s+(?:(?:only|now|most|much|all|both|the|a|an|its|their|several|parts|of|\d+|two|three|four|five|six|seven|almost|nearly|virtually|large|vast|swathes?|tracts?|key|strategic|remaining|what|is|left)\s+){0,5}(?P<obj>(?-i:[A-Z])[\w’'-]*|(?:[\w’'-]+\s+){0,3}?(?:city|cities|town|towns|village|villages|province|provinces|district|districts|region|capital|capitals|airport|base|bases|garrison|positions?|territory|border|crossing|bridge|highway|port|outskirts|stronghold|strongholds|front\s?line|north|south|east|west|northeast|northwest|southeast|southwest|country|areas|neighbou?rhoods?|valley|coast|coastline|hills|mountains|bank|banks|suburbs|quarter|quarters|outpost|outposts|checkpoints?|road|roads|junction|ridge|heights|peninsula|island|islands|oilfields?|mines?|dam|refinery|corridor|enclave|governorate|municipality|half|side)(?-u:\b))|(?P<fight>advanced\s+(?:about\s+|more\s+than\s+|nearly\s+|some\s+)?\d+\s+(?:km|kilometres|kilometers|miles)|retreated\s+from|withdrew\s+from|pulled\s+out\s+of|advanced\s+(?:on|into|toward|towards)|pushed\s+back|repelled|repulsed|fled\s+the\s+(?:city|town|village|region|province)))",
    )
    .expect("territory pattern")
});

static CONFLICT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:fighters|militants|troops|forces|army|armies|rebels?|separatists|paramilitar(?:y|ies)|units|insurgents|insurgency|soldiers|militias?|militiamen|jihadists|guerrillas|offensive|battle|fighting|front\s?line|siege|assault|war|tanks|artillery|breakthrough|Taliban|junta|capitals)(?-u:\b)").expect("conflict pattern")
});

static ACCUSATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:was|were|is|are|has been|have been|had been|stands?)\s+(?:accused|suspected|blamed)(?-u:\b)(?P<by>\s+by)?|(?-u:\b)responsible\s+for\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+)?(?:attacks?|bombings?|killings?|deaths?|shootings?|violence|fire|blast|explosion|crash|collapse|outbreak|leak|hack|massacre|abuses?|crimes?|unrest|riots?|disorder)(?-u:\b)|(?-u:\b)(?:was|were|is|are)\s+behind\s+(?:the|a|an|last|this)\s+(?:\w+\s+)?(?:attacks?|bombings?|killings?|shootings?|plot|campaign|fire|hack|leak|unrest|riots?|violence|protests?)(?-u:\b)|(?-u:\b)(?:deliberately|intentionally|knowingly|on purpose|specifically to|secretly|covertly)(?-u:\b)|(?-u:\b)to\s+(?:cause|provoke|stir up|incite|spark|foment)\s+(?:trouble|violence|chaos|unrest|disorder|damage|harm|panic)(?-u:\b)|(?-u:\b)(?:lied|stole|embezzled|defrauded|bribed|rigged|cheated|murdered|fabricated|falsified|laundered|extorted|looted|smuggled|tortured|massacred|misled|mismanaged|bungled|harassed|intimidated|colluded|conspired)(?-u:\b)|(?-u:\b)covered\s+up(?-u:\b)|(?-u:\b)(?:was|were)\s+(?:carried\s+out|orchestrated|ordered|masterminded|planned|funded|financed)\s+by(?-u:\b)|(?-u:\b)(?:dumped|dumping|polluted|polluting|embezzling|stealing|lying)\s+(?:\w+\s+)?(?:waste|sewage|chemicals|money|funds|about|to)(?-u:\b)|(?-u:\b)caused\s+(?:the|a|an|last|this)\s+(?:\w+\s+)?(?:crash|fire|blast|explosion|collapse|outbreak|flooding|accident|derailment|leak|outage|spill|deaths?|blackout)(?-u:\b)|(?-u:\b)(?:was|were|is|are)\s+to\s+blame(?-u:\b)|(?-u:\b)(?:was|were)\s+(?:caused|started|triggered|sparked|set)\s+(?:by|deliberately)(?-u:\b)|(?-u:\b)(?:orchestrated|masterminded|carried\s+out)\s+(?:the|a|an|last|this)\s+(?:\w+\s+)?(?:attacks?|bombings?|killings?|assault|hack|plot|coup|massacre|shooting)(?-u:\b)|(?-u:\b)knew\s+(?:about|of)\s+(?:the|a|an|its|his|her|their)(?-u:\b)|(?-u:\b)ignored\s+(?:\w+\s+)?warnings(?-u:\b)|(?-u:\b)failed\s+to\s+(?:protect|warn|act|report|disclose|stop|prevent)(?-u:\b)",
    )
    .expect("accusation pattern")
});

static INTENTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?P<w>wants?|wanted|intends?|intended|hopes?|hoped|fears?|feared|plans?|planned|(?:is|are|was|were)\s+(?:planning|plotting|preparing)|plotted|(?:is|are|was|were)\s+(?:determined|desperate|eager|intent on|keen))\s+(?:to|that|on|an?)(?-u:\b)|(?-u:\b)(?:believes?|believed|suspects?|suspected|fears?|feared|thinks?|worry|worries|worried|is convinced|are convinced|was convinced|were convinced)\s+(?:that\s+)?(?:the|a|an|he|she|they|it|his|her|their|its)(?-u:\b)|(?-u:\b)(?:most|many|few|the majority of|a majority of)\s+(?:[\w-]+\s+)?(?:people|men|women|[a-z]{3,}s)\s+(?:(?:in|of|from|across|at|on)\s+(?:the\s+|this\s+|their\s+)?[\w-]+\s+)?(?:now\s+|still\s+)?(?:support|oppose|back|favou?r|reject|want|believe|fear|distrust|blame|expect|think|feel|prefer|dislike|approve|disapprove)(?-u:\b)|(?-u:\b)(?:were|was)\s+paid\s+to(?-u:\b)|(?-u:\b)(?:voters|residents|people|families|workers|parents|locals|citizens|americans|britons|villagers|farmers|shoppers|consumers|investors|fans)\s+(?:are|were|remain|remained|feel|felt|have\s+grown|grew)\s+(?:increasingly\s+|deeply\s+|largely\s+)?(?:angry|furious|frustrated|fearful|afraid|worried|anxious|divided|split|skeptical|sceptical|disillusioned|unhappy|optimistic|pessimistic|fed\s+up|tired)(?-u:\b)",
    )
    .expect("intention pattern")
});

static CHARACTERISATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:massacre|atrocity|atrocities|genocide|ethnic cleansing|war crimes?|pogrom|huge breakthrough|humiliating defeat|crushing defeat|excessive force|police brutality|heavy-handed|indiscriminate(?:ly)?)(?-u:\b)|(?-u:\b)(?:the|its|their)\s+(?:worst|deadliest|largest|biggest|highest|lowest|strongest|most\s+severe|most\s+destructive|costliest)\s+(?:[\w-]+\s+){0,4}?(?:in\s+(?:decades|years|a\s+decade|a\s+century|a\s+generation|history|living\s+memory|the\s+country's\s+history|(?:more\s+than\s+|nearly\s+|almost\s+)?\d+\s+years)|since\s+(?:records\s+began|\d{4}))(?-u:\b)").expect("characterisation pattern")
});

static MARKET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:shares?|stocks?|index|indexes|indices|S&P|Nasdaq|Dow|FTSE|Nikkei|futures|crude|bonds?|yields?|barrel|currency|dollar|euro|yen|sterling|pound|points|of the vote|votes|precincts|ballots|turnout|rain|snow|temperatures?|degrees|inches|tariffs?|interest rates?|revenue|revenues|profits?|sales|earnings|income|margins?|GDP|output)(?-u:\b)|(?-u:\b)\d+-\d+(?-u:\b)").expect("market pattern")
});

static COURT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:convicted|guilty|jury|jurors|verdict|acquitted|sentenced|indicted|pleaded|plea|court|judge|trial|charged|charges|lawsuit|complaint|conviction)(?-u:\b)").expect("court pattern")
});

static CONDITIONAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:if|unless|whether)(?-u:\b)|\?").expect("conditional pattern")
});

/// Whether the words after a consequence verb ("will cost", "would push", "is set to force") state a
/// figure or an outcome rather than a plan ("will cost about 12 million to build" is still a figure;
/// "would mean a lot to the town" is not).
fn consequence(verb: &str, obj: &str) -> bool {
    let v = verb.to_ascii_lowercase();
    let o = obj.to_ascii_lowercase();
    let figure = o.bytes().any(|b| b.is_ascii_digit())
        || o.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
            matches!(
                w,
                "million"
                    | "millions"
                    | "billion"
                    | "billions"
                    | "thousands"
                    | "hundreds"
                    | "dozens"
                    | "jobs"
                    | "lives"
                    | "fortune"
                    | "hundred"
                    | "thousand"
            )
        });
    match v.split_whitespace().next().unwrap_or("") {
        "cost" => {
            figure || o.starts_with("the ") || o.starts_with("jobs") || o.starts_with("lives")
        }
        "push" | "drive" | "send" | "plunge" => {
            figure
                || [
                    " above ", " below ", " into ", " up", " over ", " beyond ", " out of ",
                ]
                .iter()
                .any(|k| o.contains(k))
        }
        "lead" | "trigger" | "threaten" => !o.starts_with("the way"),
        "force" => o.contains(" to ") || o.contains(" out") || o.contains(" into ") || figure,
        "mean" => {
            figure
                || o.starts_with("higher")
                || o.starts_with("lower")
                || o.starts_with("more ")
                || o.starts_with("fewer")
                || o.starts_with("longer")
                || o.starts_with("shorter")
                || o.starts_with("the end")
                || o.starts_with("job")
                || o.starts_with("closures")
                || o.starts_with("cuts")
        }
        "wipe" => true,
        "leave" | "put" => {
            figure
                && [
                    " without ",
                    " homeless",
                    " jobless",
                    " out of ",
                    " at risk",
                    " in debt",
                ]
                .iter()
                .any(|k| o.contains(k))
        }
        _ => figure,
    }
}

/// A claim trigger found in `sentence` (the masked prose of one sentence): its class and its byte
/// offset within the sentence. `masked` tells whether an offset lies inside a quotation.
pub fn detect(sentence: &str, in_quote: impl Fn(usize) -> bool) -> Option<(ClaimClass, usize)> {
    detect_gated(sentence, in_quote, |_| true)
}

/// The claim patterns in the order [`detect`] tries them.
pub(super) fn patterns() -> [&'static Regex; 9] {
    [
        &CASUALTY,
        &DAMAGE,
        &CROWD,
        &TERRITORY,
        &STATISTIC,
        &PREDICTION,
        &ACCUSATION,
        &INTENTION,
        &CHARACTERISATION,
    ]
}

/// Which claim patterns can match in each sentence of a document: one aho-corasick pass over the
/// story for the words every match must contain, so the patterns run only on those sentences.
pub struct Gates {
    masks: Vec<u64>,
}

impl Gates {
    /// From per-sentence bit sets whose low nine bits follow [`patterns`].
    pub fn from_masks(masks: Vec<u64>) -> Gates {
        Gates { masks }
    }

    /// Claim detection for sentence `si` (at `span`) of the document the gates were built from.
    pub fn detect(
        &self,
        prose: &str,
        si: usize,
        span: crate::finding::Span,
        in_quote: impl Fn(usize) -> bool,
    ) -> Option<(ClaimClass, usize)> {
        let mask = self.masks.get(si).copied().unwrap_or(u64::MAX);
        if mask & 0x1ff == 0 {
            return None;
        }
        detect_gated(&prose[span.range()], in_quote, |i| mask & (1 << i) != 0)
    }
}

fn detect_gated(
    sentence: &str,
    in_quote: impl Fn(usize) -> bool,
    open: impl Fn(usize) -> bool,
) -> Option<(ClaimClass, usize)> {
    let first = |i: usize, re: &Regex| {
        if open(i) {
            re.find_iter(sentence)
                .find(|m| !in_quote(m.start()))
                .map(|m| m.start())
        } else {
            None
        }
    };
    if let Some(at) = first(0, &CASUALTY) {
        return Some((ClaimClass::Casualty, at));
    }
    if let Some(at) = first(1, &DAMAGE) {
        return Some((ClaimClass::Damage, at));
    }
    if let Some(at) = first(2, &CROWD) {
        return Some((ClaimClass::Crowd, at));
    }
    for c in TERRITORY.captures_iter(if open(3) { sentence } else { "" }) {
        let m = c.get(0).expect("match");
        if in_quote(m.start()) {
            continue;
        }
        // "took control of" is territorial on its own; a bare "took"/"holds" + place needs a war
        // context ("took Kandahar" vs "took Arsenal to penalties").
        // "hold talks in the capital": the place is not the object.
        if c.name("obj").is_some_and(|o| {
            o.as_str().split_whitespace().any(|w| {
                matches!(
                    w.to_ascii_lowercase().as_str(),
                    "in" | "on" | "at" | "with" | "for" | "to" | "from" | "by" | "into" | "near"
                )
            })
        }) {
            continue;
        }
        if c.name("ctl").is_some() || CONFLICT.is_match(sentence) {
            return Some((ClaimClass::Territory, m.start()));
        }
    }
    let public_record = (open(4) || open(5)) && MARKET.is_match(sentence);
    if !public_record {
        if let Some(at) = first(4, &STATISTIC) {
            return Some((ClaimClass::Statistic, at));
        }
    }
    if open(5) && !public_record && !CONDITIONAL.is_match(sentence) {
        for c in PREDICTION.captures_iter(sentence) {
            let m = c.get(0).expect("match");
            if in_quote(m.start()) {
                continue;
            }
            if let Some(obj) = c.name("cobj") {
                // "The bill would force companies to disclose ...": what a text on the public record
                // says it does, not a forecast.
                let subject = &sentence[..m.start()];
                let legal = subject
                    .split(|ch: char| !ch.is_ascii_alphabetic())
                    .any(|w| {
                        [
                            "bill",
                            "law",
                            "measure",
                            "legislation",
                            "amendment",
                            "regulation",
                            "regulations",
                            "ordinance",
                            "rule",
                            "rules",
                            "treaty",
                            "directive",
                            "decree",
                        ]
                        .iter()
                        .any(|k| w.eq_ignore_ascii_case(k))
                    });
                if !legal && consequence(c.name("cverb").map_or("", |v| v.as_str()), obj.as_str()) {
                    return Some((ClaimClass::Prediction, m.start()));
                }
                continue;
            }
            let Some(verb) = c.name("verb") else {
                return Some((ClaimClass::Prediction, m.start()));
            };
            let modal = c
                .name("modal")
                .map_or("", |x| x.as_str())
                .to_ascii_lowercase();
            let strong_verb = matches!(
                verb.as_str().to_ascii_lowercase().as_str(),
                "win"
                    | "lose"
                    | "double"
                    | "triple"
                    | "quadruple"
                    | "halve"
                    | "collapse"
                    | "soar"
                    | "plunge"
                    | "surge"
                    | "skyrocket"
                    | "crash"
                    | "worsen"
                    | "default"
                    | "sweep"
                    | "dominate"
                    | "overtake"
                    | "go bankrupt"
            );
            let certain = !matches!(modal.as_str(), "will" | "won't" | "would")
                || c.name("adv").is_some_and(|a| {
                    matches!(
                        a.as_str(),
                        "inevitably"
                            | "certainly"
                            | "surely"
                            | "definitely"
                            | "easily"
                            | "undoubtedly"
                    )
                });
            let dated = sentence[verb.end()..].contains(" by 20")
                || sentence[verb.end()..].contains(" by the end of");
            if strong_verb || certain || dated {
                return Some((ClaimClass::Prediction, m.start()));
            }
        }
    }
    if open(6) && !COURT.is_match(sentence) {
        for c in ACCUSATION.captures_iter(sentence) {
            let m = c.get(0).expect("match");
            if !in_quote(m.start()) && c.name("by").is_none() {
                return Some((ClaimClass::Accusation, m.start()));
            }
        }
    }
    for c in INTENTION.captures_iter(if open(7) { sentence } else { "" }) {
        let m = c.get(0).expect("match");
        if in_quote(m.start()) {
            continue;
        }
        // "fears of", "hopes for": nouns, unless a subject precedes; "amid fears that" is a claim too.
        let before = sentence[..m.start()].trim_end();
        let prev = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if matches!(
            prev.as_str(),
            "to" | "the"
                | "their"
                | "his"
                | "her"
                | "its"
                | "our"
                | "i"
                | "we"
                | "no"
                | "of"
                | "a"
                | "an"
                | "this"
                | "that"
                | "new"
                | "any"
                | "my"
                | "your"
                | "whose"
                | "little"
                | "some"
                | "amid"
                | "raised"
                | "raising"
                | "high"
                | "growing"
                | "is"
                | "are"
                | "was"
                | "were"
                | "be"
                | "been"
                | "being"
                | "as"
        ) {
            continue;
        }
        return Some((ClaimClass::Intention, m.start()));
    }
    if let Some(at) = first(8, &CHARACTERISATION) {
        // "the 1995 Srebrenica massacre": a named event of history is background.
        let before = sentence[..at].trim_end();
        let prev = before.rsplit(' ').next().unwrap_or("");
        let historic = prev.starts_with(char::is_uppercase)
            && !before.ends_with('.')
            && before.len() > prev.len()
            || before
                .rsplit(' ')
                .take(3)
                .any(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()));
        if !historic {
            return Some((ClaimClass::Characterisation, at));
        }
    }
    None
}

#[cfg(test)]
mod prefilter_tests {
    #[test]
    fn every_claim_pattern_has_anchor_words() {
        for (i, re) in super::patterns().iter().enumerate() {
            let a = super::super::prefilter::anchors(re.as_str());
            assert!(a.is_some(), "claim pattern {i} has no anchor words");
        }
    }
}
