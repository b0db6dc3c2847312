#!/usr/bin/env bash
# Runs each fuzz target (tests/fuzz, cargo-fuzz + libFuzzer) for SECONDS
# (default 60), seeded from the repository's fixtures. Needs cargo-fuzz
# (`cargo install cargo-fuzz`); on a stable toolchain RUSTC_BOOTSTRAP=1 lets
# it use the sanitizer flags. Each input is bounded at 1 GiB of RSS and
# 512 MiB per allocation; a crash leaves its input in
# tests/fuzz/artifacts/TARGET/ (turn it into a regression test).
#   scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(clean_text clean_html sift_batch jsonl index_load)
export RUSTC_BOOTSTRAP=1
dir=tests/fuzz
seed() { # seed TARGET FILES...
  local t=$1; shift
  mkdir -p "$dir/corpus/$t"
  for f in "$@"; do cp -n "$f" "$dir/corpus/$t/$(basename "$(dirname "$f")")-$(basename "$f")" 2>/dev/null || true; done
}
seed clean_text tests/fixtures/seeds/*.txt tests/fixtures/stories-dev/docs/*.txt
seed clean_html tests/fixtures/clean/*/*.html tests/fixtures/stories-dev/docs/*.html
seed jsonl tests/fuzz/seeds/jsonl/*
seed index_load tests/fuzz/seeds/index_load/*
mkdir -p "$dir/corpus/sift_batch"
# A batch seed: the five seed articles as text documents, 0xFF between them.
if [ ! -e "$dir/corpus/sift_batch/seeds" ]; then
  first=1
  for f in tests/fixtures/seeds/*.txt; do
    [ $first = 1 ] || printf '\xff'
    first=0
    printf '\x00'
    cat "$f"
  done > "$dir/corpus/sift_batch/seeds"
fi
# And one of documents from different stories that share an outlet's
# template lines (stories-dev: Radio Tallis and NewsRoll text scrapes).
if [ ! -e "$dir/corpus/sift_batch/templates" ]; then
  first=1
  for f in tests/fixtures/stories-dev/docs/{024,040,050,014,025}_*.txt; do
    [ $first = 1 ] || printf '\xff'
    first=0
    printf '\x00'
    cat "$f"
  done > "$dir/corpus/sift_batch/templates"
fi
cargo fuzz build --fuzz-dir "$dir"
for t in "${targets[@]}"; do
  echo "== $t ($secs s)"
  cargo fuzz run --fuzz-dir "$dir" "$t" -- -max_total_time="$secs" \
    -rss_limit_mb=1024 -malloc_limit_mb=512 -timeout=10 -max_len=65536 -print_final_stats=1 2>&1 |
    grep -E '^(#[0-9]+ *DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==|SUMMARY|artifact_prefix|Test unit written)' || true
done
