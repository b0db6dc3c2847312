"""A corpus sifted in parts with its statistics, through the Python API (the
flow of the Spark job, in one process)."""

import pickle

import pytest

import storysift


def parts_flow(parts):
    """`sift_part` over each part after the three steps of the statistics."""
    stats = storysift.CorpusStats()
    held = {}
    for p, part in enumerate(parts):
        for d in part:
            s, texts = storysift.document_stats(d)
            stats.merge(s)
            for t in texts:
                held.setdefault(t, set()).add(p)
    stats.add_shared_texts([t for t, ps in held.items() if len(ps) > 1])
    third = storysift.CorpusStats()
    for part in parts:
        third.merge(storysift.part_stats(part, stats))
    stats.merge(third)
    return [storysift.sift_part(part, stats) for part in parts]


def view(outs):
    docs, stories = {}, []
    for out in outs:
        members = {s["id"]: s["documents"] for s in out["stories"]}
        for d in out["documents"]:
            docs[d["id"]] = (d["paragraphs"], d["removed"], members[d["story"]])
        stories += [(s["documents"], s["paragraphs"]) for s in out["stories"]]
    return docs, sorted(stories, key=repr)


def test_parts_give_the_whole_batch(stories_dev):
    whole = storysift.sift(stories_dev)
    story = {d["id"]: d["story"] for d in whole["documents"]}
    parts = [[d for d in stories_dev if story[d["id"]] % 3 == p] for p in range(3)]
    assert view(parts_flow(parts)) == view([whole])
    # Without the statistics, the parts' answers differ.
    assert view([storysift.sift(p) for p in parts]) != view([whole])


def test_statistics_and_keys_pickle(seeds):
    stats = storysift.CorpusStats()
    for d in seeds:
        stats.merge(storysift.document_stats(d)[0])
    assert stats.documents == len(seeds)
    again = pickle.loads(pickle.dumps(stats))
    assert again == stats and again.dumps() == stats.dumps()
    assert storysift.CorpusStats.loads(stats.dumps()) == stats
    keys = storysift.document_keys(seeds[0], stats)
    copy = pickle.loads(pickle.dumps(keys))
    assert copy.copy == keys.copy and copy.terms == keys.terms and copy.linked(keys)
    # 004 carries 001's wire copy.
    assert storysift.document_keys(seeds[1], stats).linked(storysift.document_keys(seeds[4], stats))
    with pytest.raises(storysift.StorysiftError, match="not corpus statistics"):
        storysift.CorpusStats.loads("[]")


def test_keys_as_bytes_and_the_group_checks(seeds, stories_dev):
    stats = storysift.CorpusStats()
    for d in seeds:
        stats.merge(storysift.document_stats(d)[0])
    keys = [storysift.document_keys(d, stats) for d in seeds]
    blobs = [k.to_bytes() for k in keys]
    back = storysift.DocumentKeys.from_bytes(blobs[1])
    assert back.copy == keys[1].copy and back.terms == keys[1].terms and back.linked(keys[4])
    with pytest.raises(ValueError, match="not document keys"):
        storysift.DocumentKeys.from_bytes(blobs[1][:-1])
    # The copy half of `linked`, as a job decides it from counts.
    assert storysift.DocumentKeys.copy_linked(2, 5, 100)
    assert not storysift.DocumentKeys.copy_linked(2, 6, 100)
    # A group of one has its document's terms; a copy counted twice weighs
    # as two documents.
    assert storysift.group_terms([blobs[0]]) == keys[0].terms
    assert storysift.group_terms([blobs[0]], [2]) == keys[0].terms
    with pytest.raises(ValueError, match="one count"):
        storysift.group_terms([blobs[0]], [1, 1])
    # The seeds' rewrites (000, 002) and the wire copies are one story: some
    # document of each group is lexically linked to the other's.
    assert storysift.groups_linked([blobs[0], blobs[2]], [[blobs[1], blobs[4]], []]) == [True, False]
    # A group's ceiling passes wherever one of its members does.
    ceiling = storysift.group_ceiling([blobs[0], blobs[2]])
    assert ceiling.terms_linked(keys[1]) or not (keys[0].terms_linked(keys[1]) or keys[2].terms_linked(keys[1]))
    assert ceiling.copy == [] and ceiling.terms == []
    # Folded vectors never say no where the vectors say yes.
    folded = [k.folded() for k in keys]
    for a, fa in zip(keys, folded):
        verdicts = storysift.folded_linked(fa, folded)
        assert all(v or not a.terms_linked(b) for v, b in zip(verdicts, keys))
    assert storysift.folded_linked(folded[0], [folded[2]]) == [True]
    with pytest.raises(ValueError, match="not a folded vector"):
        storysift.folded_linked(folded[0], [b"12"])
    # A story about something else is not.
    other = {"id": "x", "content": stories_dev[0]["content"], "format": stories_dev[0]["format"]}
    assert storysift.groups_linked([blobs[0]], [[storysift.document_keys(other, stats).to_bytes()]]) == [False]
