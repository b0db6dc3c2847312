"""storysift on Apache Spark: a corpus cut into parts that no story crosses,
each part sifted on an executor with the corpus's statistics, so that the
answer is the one ``storysift.sift`` gives over the whole corpus on one
machine.

    from pyspark.sql import SparkSession
    from storysift.spark import sift_rdd

    spark = SparkSession.builder.master("local[2]").getOrCreate()
    docs = spark.sparkContext.parallelize(
        [{"id": "a", "content": "...", "format": "text"}, ...])
    documents, stories = sift_rdd(docs)
    stories.map(json.dumps).saveAsTextFile("stories")

The stages (see DESIGN.md, "Distributed sifting"):

1. per document: its share of the document frequencies and the hashes of
   its paragraph texts; one reduce (``CorpusStats.merge``), broadcast;
2. per document: its blocking keys under those frequencies (the keys go
   to Spark's engine as a DataFrame: grouping, pairing and counting run
   there, not in Python);
   a. copies: documents grouped by shingle key (a key held by more than
      ``cap`` documents pairs each of them with its first few only), the
      pairs sharing enough keys (``DocumentKeys.copy_linked``), their
      connected components: the groups of copies;
   b. rewrites: each group posted under the heaviest terms of its
      members' sum (``group_terms``; a term of more than ``term_cap`` groups
      left out, as the batch does), and each document of a large group
      under its own; groups sharing two terms are candidates, checked by
      their folded ceilings (``group_ceiling``, ``DocumentKeys.folded``,
      ``folded_linked``: an upper bound), then by their documents
      (``groups_linked``);
   the connected components of both kinds of links: the parts;
3. paragraph texts held by two or more parts (a group-by), added to the
   statistics;
4. per part: its story frequencies and template judgments; one reduce,
   broadcast;
5. per part: ``sift_part``, the documents and stories of that part.

Every document of the input comes out in ``documents`` (with its
``error`` when it was refused) and in exactly one story.
"""

import json
import time

import storysift

__all__ = ["sift_rdd", "sift_dataframe"]


def _settings(settings):
    unknown = set(settings) - set(storysift.SETTINGS)
    if unknown:
        raise TypeError(f"unknown settings: {sorted(unknown)}")
    return dict(settings)


def _merge(a, b):
    a.merge(b)
    return a


# Documents of an oversized copy key that every other document of it is
# paired with.
PIVOTS = 4


def _copy_pairs(kdf, cap):
    """The pairs of documents (positions) linked by copied text
    (``DocumentKeys.copy_linked``): a DataFrame of (a, b), found without all
    pairs, and the DataFrames it caches (to unpersist once the pairs are
    materialised). Grouping, pairing and counting run in Spark's engine."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    # Documents with the same keys (verbatim copies: most of a syndicated
    # corpus) are linked to the first of them and only that one is paired
    # up by key: a story of 50 copies would make 1,225 pairs per key.
    same = (
        kdf.where(F.size("copy") >= 2)
        .groupBy("copy", "terms")
        .agg(F.min("pos").alias("a"), F.collect_list("pos").alias("all"))
    )
    # Used twice below (and `posted` four times): cached, so that each is
    # shuffled once, not once per use.
    copies = same.select("a", F.explode("all").alias("b")).where("a != b").cache()
    firsts = kdf.join(copies.select(F.col("b").alias("pos")), "pos", "left_anti")
    bucket = Window.partitionBy("key")
    posted = (
        firsts.select("pos", F.explode("copy").alias("key"))
        .withColumn("size", F.count("*").over(bucket))
        .where("size > 1")
        .withColumn("rank", F.row_number().over(bucket.orderBy("pos")))
        .cache()
    )
    # A key of up to `cap` documents pairs them all; a larger one pairs
    # each of its documents with its first few (linear, as the batch pairs
    # an oversized bucket through pivots): a story whose only shared keys
    # are common ones stays connected through its earliest documents.
    small = posted.where(f"size <= {cap}")
    pair = [F.col("x.pos").alias("a"), F.col("y.pos").alias("b")]
    full = small.alias("x").join(small.alias("y"), "key").where("x.pos < y.pos").select(pair)
    pivots = posted.where(f"size > {cap} AND rank <= {PIVOTS}")
    large = posted.where(f"size > {cap}")
    through = pivots.alias("x").join(large.alias("y"), "key").where("x.pos < y.pos").select(pair)
    pairs = full.unionByName(through)
    n_copy = kdf.select("pos", F.size("copy").alias("n"))
    rule = storysift.DocumentKeys
    by_copy = (
        pairs.groupBy("a", "b")
        .count()
        .join(n_copy.withColumnRenamed("pos", "a").withColumnRenamed("n", "na"), "a")
        .join(n_copy.withColumnRenamed("pos", "b").withColumnRenamed("n", "nb"), "b")
        # `DocumentKeys.copy_linked`, in doubles as the engine computes it.
        .where(
            (F.col("count") >= rule.MIN_SHARED_COPY)
            & (F.col("count") >= F.lit(float(rule.MIN_COPY_SHARE)) * F.least("na", "nb"))
        )
        .select("a", "b")
    )
    return copies.unionByName(by_copy), [copies, posted]


def _group_terms(rows):
    """Each group's heaviest terms and folded ceiling."""
    for group, keys, copies in rows:
        keys = [bytes(k) for k in keys]
        yield group, storysift.group_terms(keys, copies), storysift.group_ceiling(keys).folded()


def _meet(pairs, unit_side, b_side, n, check):
    """Runs `check` on candidate pairs (a DataFrame of (unit, group, b))
    with both sides' payloads at hand: `unit_side` (unit, payload) and
    `b_side` (group, payload). Each pair is sent to the partition of its
    `b` (one of `n`), each `b`'s payload to that partition once, and a
    unit's payload once to each partition that holds some of its pairs,
    with the list of them, not once per pair (a unit has hundreds of
    candidates). Returns an RDD of what `check` yields; `check(found,
    units)` gets the partition's b payloads by b and its (unit, group, bs,
    payload) rows, all held in memory: a partition's share of the pairs."""
    from pyspark.sql import functions as F

    payload = unit_side.columns[1]
    part = F.pmod(F.xxhash64("b"), F.lit(n)).alias("part")
    asks = (
        pairs.select("unit", "group", "b", part)
        .groupBy("part", "unit", "group")
        .agg(F.collect_list("b").alias("bs"))
        .join(unit_side, "unit")
        .select("part", "unit", "group", "bs", F.col(payload).alias("x"))
    )
    needed = pairs.select("b").distinct()
    found = (
        b_side.withColumnRenamed("group", "b")
        .join(needed, "b")
        .select(part, "b", F.col(b_side.columns[1]).alias("y"))
    )
    rows = found.rdd.map(lambda r: (r[0], (r[1], r[2]))).union(
        asks.rdd.map(lambda r: (r[0], (r[1], r[2], r[3], r[4])))
    )

    def run(items):
        found, units = {}, []
        for _, row in items:
            if len(row) == 2:
                found[row[0]] = row[1]
            else:
                units.append(row)
        return check(found, units)

    return rows.partitionBy(n, lambda k: k).mapPartitions(run)


def _check_ceilings(found, units):
    """Of the units that found a group, those whose folded ceiling passes
    with the group's (no other can hold a linked document): (unit, its
    group, the group found)."""
    for unit, group, bs, ceiling in units:
        verdicts = storysift.folded_linked(bytes(ceiling), [bytes(found[b]) for b in bs])
        yield from ((unit, group, b) for b, ok in zip(bs, verdicts) if ok)


def _check_groups(found, units):
    """Of the units that found a group and passed by ceilings, those with a
    document whose term vector is similar enough to one of the group's
    (one call into the engine per unit): links between the units' groups
    and the groups found."""
    for _, group, bs, keys in units:
        verdicts = storysift.groups_linked([bytes(k) for k in keys], [[bytes(k) for k in found[b]] for b in bs])
        yield from ((group, b) for b, ok in zip(bs, verdicts) if ok)


# A group of copies with more distinct documents than this also looks its
# documents up one by one (see `_lexical_pairs`).
LARGE_GROUP = 8


def _lexical_pairs(spark, kdf, groups, term_cap, n):
    """Pairs of groups of copies (named by their first documents) that may
    hold one story told in different words: a DataFrame of (a, b), and the
    DataFrames it caches (to unpersist once the pairs are used).

    As the batch looks clusters up, each group is posted under the
    heaviest terms of its members' sum, a term posted by more than
    ``term_cap`` groups is left out, and groups sharing two terms are
    candidates; a candidate is linked when some document of one is
    ``terms_linked`` to some document of the other (a batch merges two
    clusters by their words
    only when the average cosine of their document pairs reaches the
    threshold, so some pair does). The copy rule is looser than the
    batch's links, so a group can hold several of the batch's stories,
    and the heaviest terms of a large one say little about each: a group
    of more than ``LARGE_GROUP`` distinct documents is looked up by its
    documents one by one, each under its own heaviest terms, against the
    groups' postings (bounded by ``term_cap`` per term, so linear). The
    candidates are checked in ``n`` partitions (``_meet``).
    """
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    # Each group's distinct keys, how many documents have them, and the
    # first of those documents.
    members = (
        kdf.join(groups, "pos")
        .where(F.size("terms") > 0)
        .groupBy("group", "keys")
        .agg(
            F.count("*").alias("copies"),
            F.first("terms").alias("terms"),
            F.first("folded").alias("folded"),
            F.min("pos").alias("first"),
        )
        .cache()
    )
    lists = (
        members.groupBy("group")
        .agg(
            F.collect_list("keys").alias("keys"),
            F.collect_list("copies").alias("copies"),
            F.collect_list("terms").alias("terms"),
            F.collect_list("folded").alias("folded"),
        )
        .cache()
    )
    single = lists.where("size(keys) = 1 AND copies[0] = 1").select(
        "group", F.col("terms")[0].alias("terms"), F.col("folded")[0].alias("ceiling")
    )
    several = lists.where("size(keys) > 1 OR copies[0] > 1").select("group", "keys", "copies")
    summed = spark.createDataFrame(
        several.rdd.mapPartitions(_group_terms), "group long, terms array<long>, ceiling binary"
    )
    sizes = lists.select("group", F.size("keys").alias("n"))
    summary = single.unionByName(summed).join(sizes, "group").cache()
    bucket = Window.partitionBy("term")
    posted = (
        summary.select("group", "n", F.explode("terms").alias("term"))
        .withColumn("size", F.count("*").over(bucket))
        .where(f"size <= {term_cap}")
        .select("group", "n", "term")
        .cache()
    )
    # Units that look groups up: each group of up to LARGE_GROUP distinct
    # documents, and each document of a larger one (ids below zero, so that
    # they do not meet the groups'; size 0): a unit's vectors travel to
    # every partition that holds some of its candidates, so no unit is
    # large.
    large = lists.where(f"size(keys) > {LARGE_GROUP}").select("group")
    by_one = (
        members.join(large, "group")
        .select((-1 - F.col("first")).alias("unit"), "group", "terms", "keys", "folded")
        .cache()
    )
    looked_up = (
        posted.where(f"n <= {LARGE_GROUP}")
        .select(F.col("group").alias("unit"), "group", "n", "term")
        .unionByName(by_one.select("unit", "group", F.lit(0).alias("n"), F.explode("terms").alias("term")))
    )
    # Each pair once, found by its smaller side (fewer distinct documents,
    # then the smaller id): the checks below ship the smaller side's
    # vectors with each candidate and the larger's once.
    candidates = (
        looked_up.alias("x")
        .join(posted.alias("y"), "term")
        .where("x.group != y.group AND (x.n < y.n OR (x.n = y.n AND x.unit < y.group))")
        .groupBy("x.unit", "x.group", F.col("y.group").alias("b"))
        .count()
        .where("count >= 2")
        .select("unit", "group", "b")
        .cache()
    )
    # First by the groups' ceilings, folded (one small vector a side),
    # then the pairs that pass by their documents.
    ceilings = summary.select("group", "ceiling")
    unit_ceiling = ceilings.withColumnRenamed("group", "unit").unionByName(
        by_one.select("unit", F.col("folded").alias("ceiling"))
    )
    passed = spark.createDataFrame(
        _meet(candidates, unit_ceiling, ceilings, n, _check_ceilings), "unit long, group long, b long"
    ).localCheckpoint()
    # The groups' members' keys, as `lists` collected them (cached).
    keys = lists.select("group", "keys")
    unit_keys = keys.withColumnRenamed("group", "unit").unionByName(
        by_one.select("unit", F.array("keys").alias("keys"))
    )
    linked = spark.createDataFrame(_meet(passed, unit_keys, keys, n, _check_groups), "a long, b long")
    return linked, [
        members,
        lists,
        summary,
        posted,
        by_one,
        candidates,
    ]


def _components_here(nodes, edges):
    """Connected components of a graph small enough for the driver
    (union-find): (node, smallest node of its component) pairs."""
    parent = {v: v for v in nodes}

    def root(v):
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [(v, root(v)) for v in nodes]


def _components(spark, nodes, edges, max_rounds):
    """Connected components by min-label propagation: a DataFrame of
    (id, label), the label being the smallest node of the component. Each
    round sends every node's label to its neighbours and keeps the
    smallest; the rounds stop when no label changes (at most the
    components' diameter plus one). Each round's labels are checkpointed
    locally, so the plan does not grow with the rounds."""
    from pyspark.sql import functions as F

    both = edges.select(F.col("a").alias("src"), F.col("b").alias("dst")).unionByName(
        edges.select(F.col("b").alias("src"), F.col("a").alias("dst"))
    ).cache()
    labels = spark.createDataFrame(nodes.map(lambda v: (v, v)), "id long, label long").localCheckpoint()
    for _ in range(max_rounds):
        proposed = both.join(labels, both.src == labels.id).select(F.col("dst").alias("id"), "label")
        new = labels.unionByName(proposed).groupBy("id").agg(F.min("label").alias("label")).localCheckpoint()
        changed = new.alias("n").join(labels.alias("o"), "id").where("n.label != o.label").count()
        labels = new
        if changed == 0:
            both.unpersist()
            return labels
    raise RuntimeError(f"components did not settle in {max_rounds} rounds")


def sift_rdd(
    docs,
    *,
    cap=256,
    term_cap=256,
    max_rounds=64,
    partitions=None,
    collect_edges=2_000_000,
    on_stage=None,
    on_parts=None,
    **settings,
):
    """Sifts an RDD of documents (dicts with ``id`` and ``content``, and
    optionally ``format``, ``charset``, ``outlet``), in the RDD's order.

    Returns ``(documents, stories)``: RDDs of the dicts ``storysift.sift``
    returns in its ``documents`` and ``stories``, except that a document's
    ``story`` and a story's ``id`` are the story's ``key`` (its earliest
    document), which is the same whatever part it was sifted in.
    ``settings`` are those of ``storysift.sift`` and go to every stage;
    ``cap`` is the largest group of documents under one shingle key that
    is paired up in full (a larger one is paired through its first
    documents); ``term_cap`` the most groups of copies a term may be
    posted by and still find candidates (the batch's limit is 256 stories);
    ``partitions`` the partitions of every shuffle (default: the input's,
    or the default parallelism if larger). Up to
    ``collect_edges`` linked pairs, the parts are found on the driver
    (union-find); above, by label propagation on the cluster.
    ``on_stage``, if given, is called as ``on_stage(name, seconds)`` after
    each of stages 1 to 4 (stage 5 runs when the returned RDDs are used).
    ``on_parts``, if given, is called once the parts are found as
    ``on_parts(count, largest)``: how many parts, and the sizes in
    documents of the ten largest (a part is sifted by one task, so the
    largest bounds what one executor must hold).
    """
    from pyspark.sql import SparkSession

    settings = _settings(settings)
    for name, value in (("cap", cap), ("term_cap", term_cap)):
        if not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be a positive integer, not {value!r}")
    sc = docs.context
    spark = SparkSession.builder.getOrCreate()
    n = partitions or max(docs.getNumPartitions(), sc.defaultParallelism)
    repeated = docs.map(lambda d: (d["id"], 1)).reduceByKey(lambda a, b: a + b, n).filter(lambda x: x[1] > 1)
    for doc_id, _ in repeated.take(1):
        raise storysift.StorysiftError(f"duplicate document id {doc_id!r}")
    indexed = docs.zipWithIndex().map(lambda x: (x[1], x[0])).cache()

    clock = [time.perf_counter()]

    def done(name):
        if on_stage is not None:
            now = time.perf_counter()
            on_stage(name, now - clock[0])
            clock[0] = now

    # 1. Document frequencies and paragraph texts.
    def stats_of(item):
        pos, doc = item
        try:
            stats, texts = storysift.document_stats(doc, **settings)
        except storysift.StorysiftError:
            # A refused document (too large, not text) has no paragraphs;
            # its part reports the error.
            stats, texts = storysift.CorpusStats(), []
        return pos, stats, texts

    first = indexed.map(stats_of).cache()
    stats = first.map(lambda x: x[1]).treeReduce(_merge) if not first.isEmpty() else storysift.CorpusStats()
    b_stats = sc.broadcast(stats)
    done("1 document frequencies")

    # 2. Blocking keys, checked pairs, parts.
    def keys_of(item):
        pos, doc = item
        try:
            return pos, storysift.document_keys(doc, b_stats.value, **settings)
        except storysift.StorysiftError:
            return pos, storysift.DocumentKeys()

    keys = indexed.map(keys_of)
    # The DataFrame stages shuffle into as many partitions as the RDD ones
    # (Spark's default, 200, costs more in task overhead than the work on
    # a small corpus); the session's setting is restored after them.
    shuffle = "spark.sql.shuffle.partitions"
    before = spark.conf.get(shuffle)
    spark.conf.set(shuffle, str(n))
    try:
        rows = keys.map(lambda x: (x[0], x[1].copy, x[1].terms, x[1].to_bytes(), x[1].folded()))
        schema = "pos long, copy array<long>, terms array<long>, keys binary, folded binary"
        kdf = spark.createDataFrame(rows, schema).cache()
        nodes = indexed.keys()

        def connect(edges):
            # (pos, label): the label is the first document of its component.
            edges = edges.cache()
            if edges.count() <= collect_edges:
                found = _components_here(nodes.collect(), edges.rdd.map(tuple).collect())
                out = spark.createDataFrame(sc.parallelize(found, n), "pos long, label long")
            else:
                out = _components(spark, nodes, edges, max_rounds).withColumnRenamed("id", "pos")
            out = out.localCheckpoint()
            edges.unpersist()
            return out

        copy_edges, held = _copy_pairs(kdf, cap)
        copy_edges = copy_edges.localCheckpoint()
        for df in held:
            df.unpersist()
        groups = connect(copy_edges).withColumnRenamed("label", "group")
        lexical, held = _lexical_pairs(spark, kdf, groups, term_cap, n)
        part_of = connect(copy_edges.unionByName(lexical)).rdd.map(tuple).cache()
        part_of.count()
        if on_parts is not None:
            sizes = part_of.map(lambda x: (x[1], 1)).reduceByKey(lambda a, b: a + b, n).values()
            on_parts(sizes.count(), sizes.top(10))
        for df in [kdf, *held]:
            df.unpersist()
    finally:
        spark.conf.set(shuffle, before)

    done("2 keys, linked pairs, parts")

    # 3. Paragraph texts held by two or more parts.
    shared = (
        first.map(lambda x: (x[0], x[2]))
        .join(part_of, n)
        .flatMap(lambda x: [(t, x[1][1]) for t in x[1][0]])
        .distinct(n)
        .map(lambda x: (x[0], 1))
        .reduceByKey(lambda a, b: a + b, n)
        .filter(lambda x: x[1] > 1)
        .keys()
        .collect()
    )
    stats.add_shared_texts(shared)
    done("3 shared texts")

    # 4. Story frequencies and judgments, part by part.
    parts = (
        indexed.join(part_of, n)
        .map(lambda x: (x[1][1], (x[0], x[1][0])))
        .groupByKey(n)
        .mapValues(lambda ds: [d for _, d in sorted(ds, key=lambda p: p[0])])
        .cache()
    )
    b_stats1 = sc.broadcast(stats)
    part_stats = parts.map(lambda p: storysift.part_stats(p[1], b_stats1.value, **settings))
    if not parts.isEmpty():
        stats.merge(part_stats.treeReduce(_merge))
    b_full = sc.broadcast(stats)
    done("4 part statistics")

    # 5. Each part sifted.
    def sift_one(part):
        out = storysift.sift_part(part[1], b_full.value, **settings)
        key = {s["id"]: s["key"] for s in out["stories"]}
        for d in out["documents"]:
            d["story"] = key[d["story"]]
        for s in out["stories"]:
            s["id"] = s["key"]
        return [("d", d) for d in out["documents"]] + [("s", s) for s in out["stories"]]

    out = parts.flatMap(sift_one).cache()
    return out.filter(lambda x: x[0] == "d").values(), out.filter(lambda x: x[0] == "s").values()


def sift_dataframe(df, **kwargs):
    """``sift_rdd`` over a DataFrame with columns ``id`` and ``content``
    (and optionally ``format``, ``charset``, ``outlet``), in its order.
    Returns two RDDs of JSON strings: documents and stories."""
    docs = df.rdd.map(lambda r: {k: v for k, v in r.asDict().items() if v is not None})
    documents, stories = sift_rdd(docs, **kwargs)
    return documents.map(lambda d: json.dumps(d, ensure_ascii=False)), stories.map(
        lambda s: json.dumps(s, ensure_ascii=False)
    )
