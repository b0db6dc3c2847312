#!/usr/bin/env python3
"""How well storysift's metadata fallbacks (OpenGraph, <meta>, markup) stand
in for JSON-LD.

For every page of the given folders whose JSON-LD carries a title
(headline/name), a publication date or an author, the JSON-LD blocks are
stripped from a copy of the page, the copy is cleaned by the `storysift`
command, and the fields it finds are compared with the JSON-LD's values:

  title      equal after case and whitespace folding (entities decoded), or
             one contains the other (a site name appended to the <title>);
  published  the same calendar day (the first ten characters of the ISO
             date; JSON-LD dates that are not ISO 8601 are skipped);
  authors    the same set of names (case-folded); "some" counts pages where
             at least one name agrees.

Standard library only. Usage:
  scripts/metadata_fallback.py STORYSIFT_BINARY DIR...
"""

import html as entities
import json
import os
import re
import subprocess
import sys
import tempfile

LD = re.compile(rb'<script[^>]*type\s*=\s*["\']?application/ld\+json["\']?[^>]*>(.*?)</script\s*>', re.S | re.I)


def ld_objects(html):
    out = []
    for m in LD.finditer(html):
        try:
            data = json.loads(m.group(1).decode("utf-8", "replace"))
        except ValueError:
            continue
        stack = [data]
        while stack:
            x = stack.pop()
            if isinstance(x, list):
                stack.extend(x)
            elif isinstance(x, dict):
                out.append(x)
                if "@graph" in x:
                    stack.append(x["@graph"])
    return out


def names(a):
    if isinstance(a, str):
        return [a]
    if isinstance(a, dict):
        n = a.get("name")
        return [n] if isinstance(n, str) else []
    if isinstance(a, list):
        return [n for x in a for n in names(x)]
    return []


def truth(html):
    """Title, date and authors from the page's article-like JSON-LD object."""
    title = date = None
    authors = []
    for o in ld_objects(html):
        t = o.get("@type")
        types = t if isinstance(t, list) else [t]
        if not any(isinstance(x, str) and (x.endswith("Article") or x in ("BlogPosting", "Report", "WebPage")) for x in types):
            continue
        if title is None and isinstance(o.get("headline") or o.get("name"), str):
            title = entities.unescape(o.get("headline") or o.get("name")).strip()
        d = o.get("datePublished")
        if date is None and isinstance(d, str) and re.match(r"\d{4}-\d{2}-\d{2}", d):
            date = d[:10]
        if not authors:
            authors = [entities.unescape(n).strip() for n in names(o.get("author")) if n.strip()]
    return title or None, date, authors


def fold(s):
    return " ".join(s.lower().split())


def clean(binary, folder):
    out = subprocess.run([binary, "clean", "--quiet", folder], capture_output=True, check=True).stdout
    docs = {}
    for line in out.splitlines():
        if line.strip():
            d = json.loads(line)
            docs[d["id"]] = d
    return docs


def main():
    binary, dirs = sys.argv[1], sys.argv[2:]
    tally = {"title": [0, 0], "published": [0, 0], "authors": [0, 0], "authors_some": [0, 0]}
    pages = 0
    with tempfile.TemporaryDirectory() as tmp:
        wanted = {}
        for n, folder in enumerate(dirs):
            for name in sorted(os.listdir(folder)):
                if not name.endswith((".html", ".htm")):
                    continue
                html = open(os.path.join(folder, name), "rb").read()
                t = truth(html)
                if not any(t[:2]) and not t[2]:
                    continue
                stem = f"{n}-{os.path.splitext(name)[0]}"
                open(os.path.join(tmp, stem + ".html"), "wb").write(LD.sub(b"", html))
                wanted[stem] = t
        got = clean(binary, tmp)
        for stem, (title, date, authors) in wanted.items():
            d = got.get(stem, {})
            m = d.get("metadata", {})
            pages += 1
            if title:
                g = fold(d.get("title") or "")
                tally["title"][1] += 1
                tally["title"][0] += bool(g) and (g == fold(title) or fold(title) in g or g in fold(title))
            if date:
                tally["published"][1] += 1
                tally["published"][0] += (m.get("published") or "")[:10] == date
            if authors:
                want = {fold(a) for a in authors}
                have = {fold(a) for a in m.get("authors", [])}
                tally["authors"][1] += 1
                tally["authors"][0] += want == have
                tally["authors_some"][1] += 1
                tally["authors_some"][0] += bool(want & have)
    print(f"pages with JSON-LD title, date or author: {pages}")
    for k, (ok, n) in tally.items():
        print(f"  {k:<13} {ok:>4} / {n:<4} = {ok / n if n else 0:.3f}")


if __name__ == "__main__":
    main()
