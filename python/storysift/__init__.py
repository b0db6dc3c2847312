"""storysift: clean news pages and scrapes, group the versions of one story
(copies, light edits and rewrites) and return each story's unique content
once, with the documents that carry each paragraph.

The engine is the storysift Rust crate; every call releases the GIL while it
works. Results are plain dicts and lists in the shapes of the ``storysift``
command's JSON output.

>>> import storysift
>>> page = "<html><body><article><p>The council approved the budget on Monday after a long debate.</p></article></body></html>"
>>> storysift.clean(page)["paragraphs"]
['The council approved the budget on Monday after a long debate.']
"""

from ._storysift import (
    CorpusStats,
    SETTINGS,
    DocumentKeys,
    Index,
    StorysiftError,
    __version__,
    clean,
    document_keys,
    document_stats,
    part_stats,
    sift,
    folded_linked,
    group_ceiling,
    group_terms,
    groups_linked,
    sift_part,
)

__all__ = [
    "CorpusStats",
    "DocumentKeys",
    "Index",
    "SETTINGS",
    "StorysiftError",
    "__version__",
    "clean",
    "document_keys",
    "document_stats",
    "part_stats",
    "sift",
    "folded_linked",
    "group_ceiling",
    "group_terms",
    "groups_linked",
    "sift_part",
]
