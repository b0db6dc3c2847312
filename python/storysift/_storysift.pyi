"""Type stubs of the extension module (the Rust engine)."""

from os import PathLike
from typing import Any, Iterable, List, Mapping, Optional, Tuple, TypedDict, Union

from typing_extensions import Unpack

__version__: str

SETTINGS: List[str]

class IndexSettings(TypedDict, total=False):
    """The index's keyword settings."""

    lexical_links: bool  # default True
    templates: bool  # default True
    group_all_kinds: bool  # default False
    max_document_bytes: Optional[int]  # default None (32 MiB)

class Settings(IndexSettings, total=False):
    """The keyword settings of `sift` and the parts flow (`SETTINGS`)."""

    statement_dedup: bool  # default True

class StorysiftError(Exception):
    """An error of the engine: a duplicate id, a document over the size
    limit or not text, a saved index that cannot be loaded."""

class Removed(TypedDict):
    text: str
    reason: str

class Metadata(TypedDict, total=False):
    published: str
    modified: str
    authors: List[str]
    site_name: str
    url: str
    language: str
    description: str

class Cleaned(TypedDict, total=False):
    id: str
    format: str
    url: str
    title: str
    metadata: Metadata
    paragraphs: List[str]
    removed: List[Removed]
    page_kind: str
    body_source: str
    markup_capped: bool

class ParagraphRef(TypedDict):
    document: str
    paragraph: int

class StoryParagraph(TypedDict):
    text: str
    partial: bool
    sources: List[ParagraphRef]

class Story(TypedDict, total=False):
    id: int
    key: str
    title: str
    published: str
    documents: List[str]
    paragraphs: List[StoryParagraph]

class Sifted(TypedDict, total=False):
    documents: List[dict[str, Any]]
    stories: List[Story]
    ignored: List[dict[str, Any]]

class Added(TypedDict, total=False):
    """An answer of the index (the command's `index` line); `error`
    instead of the rest for a refused document; `cleaned` on request."""

    id: str
    story: str
    new_story: bool
    merged: List[str]
    new_paragraphs: List[str]
    known: List[Optional[ParagraphRef]]
    cleaned: Cleaned
    error: dict[str, Any]

Content = Union[str, bytes]
Doc = Union[Mapping[str, Any], Tuple[str, Content]]

def clean(
    content: Content,
    *,
    format: Optional[str] = None,
    charset: Optional[str] = None,
    url: Optional[str] = None,
    id: str = "document",
    outlet: Optional[str] = None,
    max_document_bytes: Optional[int] = None,
) -> Cleaned:
    """Cleans one page or text scrape."""

def sift(
    docs: Iterable[Doc],
    **settings: Unpack[Settings],
) -> Sifted:
    """Cleans a batch, groups it into stories, returns each story's unique paragraphs."""

class Index:
    """The incremental index: each document is answered as it arrives."""

    def __init__(
        self,
        **settings: Unpack[IndexSettings],
    ) -> None: ...
    def add(self, doc: Doc, *, cleaned: bool = False) -> Added: ...
    def add_all(self, docs: Iterable[Doc], *, cleaned: bool = False) -> List[Added]: ...
    def story_of(self, id: str) -> Optional[str]: ...
    def __len__(self) -> int: ...
    def __contains__(self, id: str) -> bool: ...
    @property
    def paragraphs(self) -> int: ...
    @property
    def heap_bytes(self) -> int: ...
    def dumps(self) -> str: ...
    def save(self, path: Union[str, PathLike[str]]) -> None: ...
    @staticmethod
    def loads(
        text: str,
        **settings: Unpack[IndexSettings],
    ) -> "Index": ...
    @staticmethod
    def load(
        path: Union[str, PathLike[str]],
        **settings: Unpack[IndexSettings],
    ) -> "Index": ...

class CorpusStats:
    """Corpus-wide statistics for sifting a corpus in parts; merged in any
    order; picklable."""

    def __init__(self) -> None: ...
    def merge(self, other: "CorpusStats") -> None: ...
    def add_shared_texts(self, texts: List[int]) -> None: ...
    @property
    def documents(self) -> int: ...
    @property
    def stories(self) -> int: ...
    def dumps(self) -> str: ...
    @staticmethod
    def loads(text: str) -> "CorpusStats": ...

class DocumentKeys:
    """A document's blocking keys; picklable."""

    MIN_SHARED_COPY: int
    MIN_COPY_SHARE: float
    def __init__(self) -> None: ...
    @property
    def copy(self) -> List[int]: ...
    @property
    def terms(self) -> List[int]: ...
    def linked(self, other: "DocumentKeys") -> bool: ...
    @staticmethod
    def copy_linked(shared: int, a: int, b: int) -> bool: ...
    def terms_linked(self, other: "DocumentKeys") -> bool: ...
    def folded(self) -> bytes: ...
    def to_bytes(self) -> bytes: ...
    @staticmethod
    def from_bytes(data: bytes) -> "DocumentKeys": ...

def document_stats(
    doc: Doc,
    **settings: Unpack[Settings],
) -> Tuple[CorpusStats, List[int]]:
    """A document's share of the document frequencies, and its paragraph-text hashes."""

def document_keys(
    doc: Doc,
    stats: CorpusStats,
    **settings: Unpack[Settings],
) -> DocumentKeys:
    """A document's blocking keys under the corpus's document frequencies."""

def part_stats(
    docs: Iterable[Doc],
    stats: CorpusStats,
    **settings: Unpack[Settings],
) -> CorpusStats:
    """A part's story frequencies and judgments of texts shared with other parts."""

def sift_part(
    docs: Iterable[Doc],
    stats: CorpusStats,
    **settings: Unpack[Settings],
) -> Sifted:
    """One part of a corpus sifted with the corpus's statistics."""

def folded_linked(folded: bytes, others: Iterable[bytes]) -> List[bool]:
    """Whether each pair of folded vectors may be ``terms_linked`` (never ``False`` when the vectors are)."""

def group_ceiling(members: Iterable[bytes]) -> DocumentKeys:
    """A group's ceiling: groups whose ceilings are not ``terms_linked`` have no linked documents."""

def group_terms(members: Iterable[bytes], copies: Optional[List[int]] = None) -> List[int]:
    """The heaviest terms of a group of documents (keys as ``DocumentKeys.to_bytes``)."""

def groups_linked(group: Iterable[bytes], others: Iterable[Iterable[bytes]]) -> List[bool]:
    """Whether each other group has a document ``terms_linked`` to one of the group's."""
