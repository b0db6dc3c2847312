#!/usr/bin/env python3
"""Write a copy of a labelled corpus's truth.json restricted to one format.

    scripts/subset_corpus.py SRC DST text|html

DST/truth.json keeps only the documents of that format; DST/docs links to
SRC/docs. Used to score the text or HTML documents of a corpus alone.
"""
import json
import os
import sys

src, dst, fmt = sys.argv[1:4]
with open(os.path.join(src, "truth.json"), encoding="utf-8") as f:
    truth = json.load(f)
truth["documents"] = {k: v for k, v in truth["documents"].items() if v["format"] == fmt}
os.makedirs(dst, exist_ok=True)
with open(os.path.join(dst, "truth.json"), "w", encoding="utf-8") as f:
    json.dump(truth, f)
link = os.path.join(dst, "docs")
if not os.path.exists(link):
    os.symlink(os.path.abspath(os.path.join(src, "docs")), link)
