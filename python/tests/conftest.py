"""Fixtures shared by the tests: the crate's bundled documents."""

import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def read_folder(folder):
    """The documents of a fixture folder as dicts, ids and formats as the
    ``storysift`` command derives them (file stem, extension)."""
    docs = []
    for p in sorted(folder.iterdir()):
        fmt = {".txt": "text", ".html": "html"}.get(p.suffix)
        if fmt is None:
            continue
        docs.append({"id": p.stem, "content": p.read_text(encoding="utf-8"), "format": fmt})
    return docs


@pytest.fixture(scope="session")
def seeds():
    return read_folder(FIXTURES / "seeds")


@pytest.fixture(scope="session")
def stories_dev():
    return read_folder(FIXTURES / "stories-dev" / "docs")


@pytest.fixture(scope="session")
def stories_dev_truth():
    """document id -> story name (the labels bundled with the fixture)."""
    out = {}
    for line in (FIXTURES / "stories-dev" / "stories.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        doc, story, _outlet = line.split("\t")
        out[doc] = story
    return out


def unavailable(reason):
    """Skips a test whose tool is missing, saying why; fails it instead when
    STORYSIFT_NO_SKIP is set (CI sets it: there every test must run)."""
    if os.environ.get("STORYSIFT_NO_SKIP"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def storysift_bin():
    """The ``storysift`` command to compare with (STORYSIFT_BIN); CI sets it."""
    path = os.environ.get("STORYSIFT_BIN")
    if not path:
        unavailable("STORYSIFT_BIN is not set: the comparison with the storysift command did not run")
    return path
