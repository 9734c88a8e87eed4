"""Builders shared by the review tests: hand-made Curations on a given text (no tests here)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from curator.core.jsonio import dump_curation
from curator.core.model import Curation, DocumentRef, ParserInfo, Segment
from curator.core.textio import sha256_text


def doc_ref(text: str, doc_id: str = "doc") -> DocumentRef:
    return DocumentRef(id=doc_id, path=f"{doc_id}.txt", sha256=sha256_text(text), length=len(text))


def span_of(text: str, needle: str, *, nth: int = 0) -> tuple[int, int]:
    """The code-point span of the ``nth`` occurrence of ``needle``."""
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(needle, pos + 1)
    return pos, pos + len(needle)


def make(
    text: str,
    segs: Iterable[Sequence[Any]],
    *,
    doc_id: str = "doc",
    status: str = "auto",
    version: str = "1",
    **extra: Any,
) -> Curation:
    """``segs``: ``(start, end, label[, article[, speaker]])`` tuples; ``extra``: articles, speakers, ..."""
    segments = []
    for n, s in enumerate(segs, start=1):
        start, end, label = s[0], s[1], s[2]
        article = s[3] if len(s) > 3 else None
        speaker = s[4] if len(s) > 4 else None
        segments.append(
            Segment(id=f"s{n}", start=start, end=end, label=label, text=text[start:end], article=article, speaker=speaker)
        )
    return Curation(
        document=doc_ref(text, doc_id),
        parser=ParserInfo(name="test", version=version),
        status=status,
        segments=segments,
        **extra,
    )


def write_corpus(root: Path, docs: dict[str, str], gold: dict[str, Curation] | None = None) -> Path:
    """A corpus folder with the given sources and curated files."""
    root.mkdir(parents=True, exist_ok=True)
    for doc_id, text in docs.items():
        path = root / f"{doc_id}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    for doc_id, cur in (gold or {}).items():
        path = root / "curated" / f"{doc_id}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_curation(cur), encoding="utf-8")
    return root
