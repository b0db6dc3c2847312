import json
import subprocess
from collections import Counter

import pytest

import storysift
from conftest import FIXTURES


def stories_of(out):
    """document id -> story id."""
    return {d: s["id"] for s in out["stories"] for d in s["documents"]}


def test_the_seeds_are_one_story_and_every_document_is_a_source(seeds):
    out = storysift.sift(seeds)
    assert len(out["stories"]) == 1
    story = out["stories"][0]
    ids = sorted(d["id"] for d in seeds)
    assert sorted(story["documents"]) == ids
    sources = {s["document"] for p in story["paragraphs"] for s in p["sources"]}
    assert sorted(sources) == ids
    # Each output paragraph once.
    texts = Counter(p["text"] for p in story["paragraphs"])
    assert max(texts.values()) == 1
    # The unrelated headlines glued to the end of 001 are gone.
    doc001 = next(d for d in out["documents"] if d["id"].startswith("001_"))
    assert any(r["reason"] != "title" for r in doc001["removed"])


def test_stories_dev_groups_as_labelled(stories_dev, stories_dev_truth):
    out = storysift.sift(stories_dev)
    assert len(out["documents"]) == len(stories_dev)
    got = stories_of(out)
    assert sorted(got) == sorted(stories_dev_truth)
    # Same story in the output <=> same story in the labels, for every pair.
    ids = sorted(got)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            assert (got[a] == got[b]) == (stories_dev_truth[a] == stories_dev_truth[b]), (a, b)


def test_input_order_and_document_shapes_do_not_change_the_answer(seeds):
    def content(out):
        def para(p):
            return p["text"], sorted((r["document"], r["paragraph"]) for r in p["sources"])

        return [(sorted(s["documents"]), [para(p) for p in s["paragraphs"]]) for s in out["stories"]]

    a = storysift.sift(seeds)
    # Reversed, as (id, content) pairs: the same stories, paragraphs and sources.
    b = storysift.sift(list(reversed([(d["id"], d["content"]) for d in seeds])))
    assert content(a) == content(b)
    # Bytes from a generator: the same answer exactly.
    c = storysift.sift(dict(d, content=d["content"].encode("utf-8")) for d in seeds)
    assert a == c


def test_settings_reach_the_engine(stories_dev):
    with_links = storysift.sift(stories_dev)
    copies_only = storysift.sift(stories_dev, lexical_links=False)
    assert len(copies_only["stories"]) > len(with_links["stories"])


def test_bad_batches_raise_clear_errors():
    with pytest.raises(storysift.StorysiftError, match="duplicate") as e:
        storysift.sift([("a", "One."), ("a", "Two.")])
    assert e.value.code == "duplicate_id"
    with pytest.raises(ValueError, match="content"):
        storysift.sift([{"id": "a"}])
    with pytest.raises(TypeError, match="id"):
        storysift.sift([{"id": 1, "content": "x"}])
    with pytest.raises(TypeError):
        storysift.sift([42])
    with pytest.raises(TypeError):
        storysift.sift(7)
    with pytest.raises(TypeError, match="lexical_link"):
        storysift.sift([], lexical_link=False)
    with pytest.raises(TypeError):
        storysift.sift([], templates="no")
    with pytest.raises(TypeError, match="statement_dedup"):
        storysift.Index(statement_dedup=False)
    assert "statement_dedup" in storysift.SETTINGS


def test_a_refused_document_is_reported_not_lost():
    docs = [("big", "word " * 100), ("small", "A short note about the weather today.")]
    out = storysift.sift(docs, max_document_bytes=64)
    by_id = {d["id"]: d for d in out["documents"]}
    assert by_id["big"]["error"]["code"] == "too_large"
    assert sorted(stories_of(out)) == ["big", "small"]


@pytest.mark.parametrize("folder", ["seeds", "stories-dev/docs"])
def test_same_answer_as_the_command(folder, storysift_bin):
    from conftest import read_folder

    path = FIXTURES / folder
    cli = subprocess.run(
        [storysift_bin, "sift", "--json", "-q", str(path)], check=True, capture_output=True
    )
    assert json.loads(cli.stdout) == storysift.sift(read_folder(path))
