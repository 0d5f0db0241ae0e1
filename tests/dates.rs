//! The dates family through the command line: the JSON `dates` array and `copydesk timeline`.

use std::path::PathBuf;
use std::process::Command;

fn write_temp(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("copydesk-dates-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

const STORY: &str = "date 2021-08-15 Rebels close in on the capital\n\nRebel fighters took the eastern city of Jalalabad on Sunday, officials said.\n\nLate Saturday, the rebels took Mazar-i-Sharif. They had taken Herat on Thursday.\n\n“We leave tomorrow,” a diplomat said. The talks opened on Friday, Aug. 13, 2020, in Doha.\n";

#[test]
fn json_report_lists_every_date_with_its_resolution() {
    let path = write_temp("kabul-like.txt", STORY);
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json report");
    let file = &report["files"][0];
    assert_eq!(file["dateline"], "2021-08-15");
    let dates = file["dates"].as_array().expect("dates array");
    let got: Vec<(String, Option<String>, bool)> = dates
        .iter()
        .map(|d| {
            (
                d["text"].as_str().unwrap().to_string(),
                d["resolved"].as_str().map(str::to_string),
                d["quoted"].as_bool().unwrap(),
            )
        })
        .collect();
    let want = [
        ("Sunday", Some("2021-08-15"), false),
        ("Late Saturday", Some("2021-08-14"), false),
        ("Thursday", Some("2021-08-12"), false),
        ("tomorrow", Some("2021-08-16"), true),
        ("Friday, Aug. 13, 2020", Some("2020-08-13"), false),
    ];
    let want: Vec<(String, Option<String>, bool)> = want
        .iter()
        .map(|(t, r, q)| (t.to_string(), r.map(str::to_string), *q))
        .collect();
    assert_eq!(got, want);
    for d in dates {
        let (s, e) = (
            d["byte_start"].as_u64().unwrap() as usize,
            d["byte_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &STORY[s..e],
            d["text"].as_str().unwrap(),
            "byte offsets point at the text"
        );
    }
    // The only date finding: the weekday that does not match Aug. 13, 2020 (a Thursday).
    let rules: Vec<&str> = file["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .filter(|r| r.starts_with("dates/"))
        .collect();
    assert_eq!(rules, ["dates/weekday-mismatch"]);
}

#[test]
fn timeline_command_prints_events_in_order() {
    let path = write_temp("timeline.txt", STORY);
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg("timeline")
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].ends_with("dateline 2021-08-15 (Sunday)"), "{text}");
    assert!(
        text.contains("2021-08-12 Thu  line 5  They had taken Herat on Thursday.\n"),
        "{text}"
    );
    let order: Vec<&str> = lines[1..].iter().map(|l| &l[..10]).collect();
    assert_eq!(
        order,
        [
            "2020-08-13",
            "2021-08-12",
            "2021-08-14",
            "2021-08-15",
            "2021-08-16"
        ]
    );
    assert!(lines.last().unwrap().ends_with("(quoted)"), "{text}");
}
