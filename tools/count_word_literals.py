#!/usr/bin/env python3
"""Counts English word literals in non-test Rust under src/rules and src/document (issue 10's
acceptance: at most 200). A literal counts when it is a string literal made of lower-case words,
and each word alternative inside a regex literal counts once.
Usage: tools/count_word_literals.py [-v]"""
import re, sys, pathlib
ROOT = pathlib.Path(__file__).resolve().parent.parent
verbose = "-v" in sys.argv
STR = re.compile(r'r(#*)"(.*?)"\1|"((?:[^"\\]|\\.)*)"', re.S)
WORD = re.compile(r"^[a-z][a-z' -]*[a-z]$")
total = 0
per_file = {}
for path in sorted((ROOT / "src").glob("**/*.rs")):
    rel = path.relative_to(ROOT / "src").as_posix()
    if not (rel.startswith("rules/") or rel.startswith("document/")):
        continue
    if rel.endswith("tests.rs") or "/tests/" in rel:
        continue
    text = path.read_text()
    # drop #[cfg(test)] modules (to the end of file: the convention in this crate)
    m = re.search(r"#\[cfg\(test\)\]\s*mod\s+\w+\s*\{", text)
    if m:
        text = text[: m.start()]
    # drop comments
    text = re.sub(r"//[^\n]*", "", text)
    n = 0
    for m in STR.finditer(text):
        s = m.group(2) if m.group(2) is not None else m.group(3)
        if s is None:
            continue
        if WORD.match(s):
            n += 1
            continue
        # regex alternatives: split on | ( ) ? : and count lower-case word runs of 2+ letters
        if "|" in s:
            for alt in re.split(r"[|()]", s):
                alt = re.sub(r"\\[bsSwWdD]|\(\?[^)]*\)|[?*+]|\{\d*,?\d*\}|\[[^\]]*\]|\\", " ", alt).strip()
                if re.fullmatch(r"[a-z][a-z' ]*", alt) and len(alt) > 1:
                    n += 1
    if n:
        per_file[rel] = n
    total += n
if verbose:
    for k, v in sorted(per_file.items(), key=lambda kv: -kv[1]):
        print(f"{v:6d}  {k}")
print(total)
