//! `copydesk init [--style ap|reuters|bbc] [PATH]`: writes a commented `copydesk.toml`, generated
//! from [`crate::config::SETTINGS`] so it always shows every key.

use crate::config::{Style, SETTINGS};

/// The commented `copydesk.toml` for a house-style preset. Only `style` is set; every other key
/// is shown commented out with its description and an example, simple keys before tables.
pub fn template(style: Style) -> String {
    let mut out = String::from(
        "# copydesk configuration. copydesk uses the nearest copydesk.toml above the file it checks;\n\
         # editor settings override what is set here. Every key is optional.\n\
         # `copydesk rules` lists the rule ids; `copydesk explain RULE` explains one.\n",
    );
    let (simple, tables): (Vec<&crate::config::Setting>, Vec<&crate::config::Setting>) =
        SETTINGS.iter().partition(|s| s.kind != "table");
    for s in simple.into_iter().chain(tables) {
        out.push('\n');
        for line in wrap(s.description, 96) {
            out.push_str(&format!("# {line}\n"));
        }
        if !s.allowed.is_empty() && s.kind != "table" {
            out.push_str(&format!(
                "# One of: {}. Default: {}.\n",
                s.allowed.join(", "),
                s.default
            ));
        } else if s.kind != "table" {
            out.push_str(&format!(
                "# Default: {}.\n",
                if s.default == "null" {
                    "none"
                } else {
                    s.default
                }
            ));
        }
        if s.key == "style" {
            out.push_str(&format!("style = \"{}\"\n", style.as_str()));
        } else {
            // Examples are commented without a space (`#key = ...`), prose with one (`# ...`).
            for line in s.example.lines() {
                out.push_str(&format!("#{line}\n"));
            }
        }
    }
    out.push_str(
        "\n# In the copy itself, one finding can be let stand with a comment on the line before it:\n\
         # <!-- copydesk-ignore RULE -->  (Markdown)   or   [copydesk-ignore RULE]  (plain text).\n",
    );
    out
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let cur = lines.last_mut().expect("one line");
        if !cur.is_empty() && cur.len() + 1 + word.len() > width {
            lines.push(word.to_string());
        } else {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(word);
        }
    }
    lines
}

/// Writes the template to `path` (a folder gets `copydesk.toml` inside). Never overwrites.
pub fn write(path: &std::path::Path, style: Style) -> Result<std::path::PathBuf, String> {
    let target = if path.is_dir() {
        path.join("copydesk.toml")
    } else {
        path.to_path_buf()
    };
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&target)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => format!(
                "{} already exists; copydesk init never overwrites a configuration",
                target.display()
            ),
            _ => format!("cannot write {}: {e}", target.display()),
        })?;
    std::io::Write::write_all(&mut file, template(style).as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{AttributionScope, Config};

    #[test]
    fn template_parses_back_for_every_preset() {
        for style in Style::ALL {
            let t = template(style);
            let c = Config::from_toml(&t).unwrap_or_else(|e| panic!("{style:?}: {e}\n{t}"));
            assert_eq!(c.style, style);
            assert_eq!(
                Config {
                    style: crate::config::Style::Ap,
                    ..c
                },
                Config::default(),
                "only the style is set"
            );
        }
    }

    #[test]
    fn uncommented_template_sets_every_key() {
        let t = template(Style::Bbc);
        let uncommented: String = t
            .lines()
            .map(|l| {
                l.strip_prefix('#')
                    .filter(|r| !r.starts_with([' ', '#']) && !r.is_empty())
                    .unwrap_or(l)
            })
            .map(|l| format!("{l}\n"))
            .collect();
        let c = Config::from_toml(&uncommented).unwrap_or_else(|e| panic!("{e}\n{uncommented}"));
        assert_eq!(c.attribution_scope, AttributionScope::Sentence);
        assert!(!c.inlay_hints);
        assert!(
            c.dateline.is_some()
                && !c.allow.is_empty()
                && !c.remove.is_empty()
                && !c.terms.is_empty()
                && !c.rules.is_empty()
        );
        for s in SETTINGS {
            assert!(t.contains(s.key), "{} missing from the template", s.key);
        }
    }
}
