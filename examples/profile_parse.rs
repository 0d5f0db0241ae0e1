//! Times the stages of document parsing on a 5,000-word story (a development aid).
#[path = "../benches/analyze.rs"]
#[allow(dead_code)]
mod bench;
fn main() {
    let text = bench::story(5000);
    let n = 50;
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(copydesk::document::prose::markdown(&text, 0));
    }
    println!("markdown mask: {:?}", t.elapsed() / n);
    let (prose, blocks, _structure) = copydesk::document::prose::markdown(&text, 0);
    let t = std::time::Instant::now();
    for _ in 0..n {
        for b in &blocks {
            std::hint::black_box(copydesk::document::sentences::split(
                &prose[b.span.range()],
                b.span.start,
            ));
        }
    }
    println!("sentences: {:?}", t.elapsed() / n);
    let spans: Vec<_> = blocks.iter().map(|b| b.span).collect();
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(copydesk::document::quotes::find(&prose, &spans));
    }
    println!("quotes: {:?}", t.elapsed() / n);
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(copydesk::document::Document::parse(
            &text,
            copydesk::document::Format::Markdown,
            None,
        ));
    }
    println!("Document::parse: {:?}", t.elapsed() / n);
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(copydesk::document::prose::plain(&text, 0));
    }
    println!("plain mask (urls only): {:?}", t.elapsed() / n);
    let t = std::time::Instant::now();
    for _ in 0..n {
        let p = pulldown_cmark::Parser::new(&text).into_offset_iter();
        std::hint::black_box(p.count());
    }
    println!("pulldown only: {:?}", t.elapsed() / n);
    let c = copydesk::Config::default();
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(copydesk::analyze(&text, &c));
    }
    println!("analyze: {:?}", t.elapsed() / n);
    for fam in ["style", "attribution", "dates", "wording"] {
        let mut c = copydesk::Config::default();
        for other in ["style", "attribution", "dates", "wording"] {
            if other != fam {
                c.rules
                    .insert(other.to_string(), copydesk::config::Level::Off);
            }
        }
        let t = std::time::Instant::now();
        for _ in 0..n {
            std::hint::black_box(copydesk::analyze(&text, &c));
        }
        println!("analyze with only {fam}: {:?}", t.elapsed() / n);
    }
}
