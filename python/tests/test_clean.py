import pytest

import storysift
from conftest import FIXTURES

PAGE = """<html lang="en-GB"><head><title>Storm hits coast | The Daily Example</title>
<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">
<meta name="author" content="Ann Lee">
<meta property="og:site_name" content="The Daily Example">
<link rel="canonical" href="https://example.com/storm">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Storm hits coast</h1>
<p>The storm hit the coast on Monday, officials said, and thousands of homes lost power overnight.</p>
<p>Advertisement</p>
<p>Crews worked through the night to clear fallen trees from the main roads into the town.</p>
</article><footer>Copyright 2024 The Daily Example. All rights reserved.</footer></body></html>"""


def test_a_page_keeps_its_body_and_says_why_blocks_went():
    c = storysift.clean(PAGE, url="https://example.com/storm?utm=x")
    assert c["paragraphs"] == [
        "The storm hit the coast on Monday, officials said, and thousands of homes lost power overnight.",
        "Crews worked through the night to clear fallen trees from the main roads into the town.",
    ]
    reasons = {r["text"]: r["reason"] for r in c["removed"]}
    assert reasons["Advertisement"] == "ad_marker"
    assert c["format"] == "html"
    assert c["url"] == "https://example.com/storm?utm=x"
    m = c["metadata"]
    assert m["published"] == "2024-03-05T09:30:00+01:00"
    assert m["authors"] == ["Ann Lee"]
    assert m["site_name"] == "The Daily Example"
    assert m["url"] == "https://example.com/storm"
    assert m["language"] == "en-GB"


def test_bytes_in_a_declared_or_given_charset_are_decoded():
    folder = FIXTURES / "clean" / "html-windows-1252"
    raw = (folder / "input.html").read_bytes()
    expected = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert storysift.clean(raw)["paragraphs"] == expected
    latin = "<p>Caf\u00e9 au lait co\u00fbte deux euros \u00e0 la gare, a dit le patron du caf\u00e9 ce matin.</p>"
    c = storysift.clean(latin.encode("latin-1"), format="html", charset="iso-8859-1")
    assert c["paragraphs"] == [latin[3:-4]]


def test_a_text_scrape_is_sniffed_and_cleaned():
    text = (
        "Council approves budget\n\n"
        "The council approved the budget on Monday after a long debate in the town hall.\n\n"
        "Share this article\n"
    )
    c = storysift.clean(text)
    assert c["format"] == "text"
    assert "The council approved the budget on Monday after a long debate in the town hall." in c["paragraphs"]
    assert "Share this article" not in c["paragraphs"]


def test_bad_input_raises_a_clear_error():
    with pytest.raises(TypeError, match="str or bytes"):
        storysift.clean(42)
    with pytest.raises(ValueError):
        storysift.clean("<p>x</p>", format="pdf")
    png = b"\x89PNG\r\n\x1a\n" + bytes(64)
    with pytest.raises(storysift.StorysiftError, match="not text") as e:
        storysift.clean(png)
    assert e.value.code == "not_text"
    with pytest.raises(storysift.StorysiftError, match="limit is 10") as e:
        storysift.clean("word " * 100, max_document_bytes=10)
    assert e.value.code == "too_large"


def test_the_package_docstring_example_runs():
    import doctest

    result = doctest.testmod(storysift)
    assert result.attempted > 0 and result.failed == 0
