#!/bin/bash
# Instruction counts (valgrind --tool=callgrind: stable on a loaded machine, unlike times) for
# `copydesk check` on each file, beside a `wc -w` pass over the same file: one pass that reads
# every byte and splits words, the floor issue 16 measures copydesk against.
#
#   tools/callgrind.sh [-b BIN] [-f human|json] FILE...
#
# BIN defaults to target/release/copydesk (build it first: `cargo build --release`).
# Prints one line per file: bytes, wc -w instructions, copydesk instructions, their ratio,
# and the instructions per byte. Peak memory (max RSS, without valgrind) is printed too.
set -uo pipefail
BIN=target/release/copydesk
FORMAT=human
while getopts "b:f:" o; do
  case $o in
    b) BIN=$OPTARG ;;
    f) FORMAT=$OPTARG ;;
    *) echo "usage: $0 [-b BIN] [-f human|json] FILE..." >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { echo "usage: $0 [-b BIN] [-f human|json] FILE..." >&2; exit 2; }
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 2; }

# Total instructions of one command, from callgrind's summary line ("Collected : N").
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p' | tail -1
}
# Peak resident memory in kB (GNU time if present, else none).
peak() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1
  else
    echo "?"
  fi
}
human() { awk -v n="$1" 'BEGIN { if (n >= 1e9) printf "%.2f G", n/1e9; else if (n >= 1e6) printf "%.1f M", n/1e6; else printf "%d", n }'; }

printf "%-36s %10s %10s %12s %7s %8s %10s\n" file bytes "wc -w" copydesk ratio "ins/B" "peak RSS"
for f in "$@"; do
  bytes=$(stat -c %s "$f")
  wc_ins=$(count wc -w "$f")
  cd_ins=$(count "$BIN" check --format "$FORMAT" "$f")
  rss=$(peak "$BIN" check --format "$FORMAT" "$f")
  ratio=$(awk -v a="$cd_ins" -v b="$wc_ins" 'BEGIN { printf "%.1fx", a/b }')
  per=$(awk -v a="$cd_ins" -v b="$bytes" 'BEGIN { printf "%.0f", a/b }')
  printf "%-36s %10s %10s %12s %7s %8s %10s\n" "$(basename "$f")" "$bytes" "$(human "$wc_ins")" \
    "$(human "$cd_ins")" "$ratio" "$per" "${rss} kB"
done
