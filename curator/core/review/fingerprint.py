"""What parser code wrote a snapshot: a hash of the parser's sources and the resources it reads.

The version string (``PARSER_VERSION``) changes once per behaviour change that is committed, not with
every edit of a rule, so a pending snapshot written by an edited checkout (another ``PYTHONPATH``, a rule
tried and reverted) would pass for the current parser's output. The fingerprint changes with any byte
of ``curator/core/parse/*.py`` (its compiled build is made from those sources) or of the resources the
parser loads (rules, the speakers registry, the gazetteer, the taxonomy).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from curator.core.resources import resource_path

_PARSE_PACKAGE = Path(__file__).resolve().parents[1] / "parse"


def fingerprint_of(files: Iterable[tuple[str, Path]]) -> str:
    """A hash of each (name, file)'s name and bytes, in name order; a missing file counts as absent."""
    h = hashlib.sha256()
    for name, path in sorted(files):
        h.update(name.encode("utf-8") + b"\0")
        try:
            h.update(path.read_bytes())
        except FileNotFoundError:
            h.update(b"\0missing")
        h.update(b"\0")
    return h.hexdigest()[:16]


def parser_files(package: Path = _PARSE_PACKAGE, resources: Path | None = None) -> list[tuple[str, Path]]:
    """The parser's sources (no compiled build, no caches) and the resources it reads."""
    files = [(f"parse/{p.relative_to(package).as_posix()}", p) for p in package.rglob("*.py")
             if not any(part.startswith(("_compiled", "__pycache__")) for part in p.relative_to(package).parts)]
    res = resources if resources is not None else resource_path()
    for rel in ("parser", "gazetteer"):
        folder = res / rel
        if folder.is_dir():
            files += [(f"resources/{p.relative_to(res).as_posix()}", p) for p in folder.rglob("*") if p.is_file()]
    files += [(f"resources/{name}", res / name) for name in ("speakers.json", "taxonomy.json")]
    return files


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    """The fingerprint of the parser this process runs."""
    return fingerprint_of(parser_files())
