import json
import subprocess

import pytest

import storysift
from conftest import FIXTURES


def answers(results):
    """What a caller reads of an answer (the cleaned document aside)."""
    return [{k: v for k, v in r.items() if k != "cleaned"} for r in results]


def test_documents_are_answered_as_they_arrive(seeds):
    index = storysift.Index()
    first = index.add(seeds[0], cleaned=True)
    assert first["new_story"] and first["story"] == seeds[0]["id"] and first["merged"] == []
    assert first["new_paragraphs"] == first["cleaned"]["paragraphs"]
    assert first["known"] == [None] * len(first["new_paragraphs"])
    rest = index.add_all(seeds[1:])
    assert all("cleaned" not in r for r in rest)
    assert all(r["story"] == seeds[0]["id"] for r in rest)
    assert len(index) == len(seeds) and seeds[1]["id"] in index and "nope" not in index
    assert index.story_of(seeds[3]["id"]) == seeds[0]["id"]
    assert index.story_of("nope") is None
    assert index.paragraphs > 0 and index.heap_bytes > 0
    # 004 runs 001's wire copy: some of its paragraphs are known.
    r004 = next(r for r in rest if r["id"].startswith("004_"))
    assert any(k is not None for k in r004["known"])


def test_add_all_equals_one_by_one(stories_dev):
    one = storysift.Index()
    singles = [one.add(d) for d in stories_dev]
    chunk = storysift.Index().add_all(stories_dev)
    assert answers(singles) == answers(chunk)


def test_a_saved_index_goes_on_where_it_stopped(stories_dev, tmp_path):
    half = len(stories_dev) // 2
    whole = storysift.Index()
    expected = whole.add_all(stories_dev)
    index = storysift.Index()
    index.add_all(stories_dev[:half])
    path = tmp_path / "index.json"
    index.save(path)
    loaded = storysift.Index.load(path)
    assert len(loaded) == half
    assert answers(loaded.add_all(stories_dev[half:])) == answers(expected[half:])
    again = storysift.Index.loads(index.dumps())
    assert answers(again.add_all(stories_dev[half:])) == answers(expected[half:])


def test_refusals_are_clear_and_leave_the_index_unchanged(seeds, tmp_path):
    index = storysift.Index()
    index.add(seeds[0])
    with pytest.raises(storysift.StorysiftError) as e:
        index.add(seeds[0])
    assert e.value.code == "duplicate_id"
    assert len(index) == 1
    out = index.add_all([seeds[1], seeds[0]])
    assert "error" not in out[0] and out[1]["error"]["code"] == "duplicate_id"
    assert len(index) == 2
    with pytest.raises(storysift.StorysiftError, match="not a saved storysift index"):
        storysift.Index.loads('{"hello": 1}')
    with pytest.raises(storysift.StorysiftError, match="settings"):
        storysift.Index.loads(index.dumps(), lexical_links=False)
    with pytest.raises(OSError):
        storysift.Index.load(tmp_path / "missing.json")


def test_same_answers_as_the_command(stories_dev, storysift_bin):
    cli = subprocess.run(
        [storysift_bin, "index", "-q", str(FIXTURES / "stories-dev" / "docs")],
        check=True,
        capture_output=True,
    )
    lines = [json.loads(line) for line in cli.stdout.splitlines()]
    for line in lines:
        del line["origin"]
        line.setdefault("merged", [])
    assert lines == storysift.Index().add_all(stories_dev)
