"""Small builders for hand-made Curations used across the foundation tests."""

from __future__ import annotations

from pathlib import Path

from curator.core.model import Article, Curation, DocumentRef, ParserInfo, Segment, Speaker
from curator.core.textio import sha256_text


def doc_ref(text: str, doc_id: str = "doc") -> DocumentRef:
    return DocumentRef(id=doc_id, path=f"{doc_id}.txt", sha256=sha256_text(text), length=len(text))


def curation_for(text: str, spans: list[tuple[int, int, str]], doc_id: str = "doc", **kw) -> Curation:
    """A Curation whose segments are ``(start, end, label)`` over ``text``."""
    segments = [
        Segment(id=f"s{i}", start=s, end=e, label=label, text=text[s:e])
        for i, (s, e, label) in enumerate(spans, start=1)
    ]
    return Curation(
        document=doc_ref(text, doc_id),
        parser=ParserInfo(name="test", version="1"),
        segments=segments,
        **kw,
    )


def sample_curation() -> tuple[str, Curation]:
    """A small speech page with an emoji, an article, a speaker and a teaser."""
    text = "Sidebar 😀 teaser\n\nTitle\n\nTitle 08.11.2023\n\nDear colleagues!\n\nWe met 😀 today."
    spans = []
    for block in text.split("\n\n"):
        start = text.index(block, spans[-1][1] if spans else 0)
        spans.append((start, start + len(block)))
    labels = ["teaser", "title", "dateline", "salutation", "paragraph"]
    cur = curation_for(text, [(s, e, lab) for (s, e), lab in zip(spans, labels)])
    art = Article(id="a1", title="Title", date="2023-11-08", kind="speech")
    spk = Speaker(id="jane-doe", name="Jane Doe", role="Secretary General")
    segs = [
        seg.model_copy(update={"article": None if seg.label == "teaser" else "a1",
                               "speaker": "jane-doe" if seg.label == "paragraph" else None})
        for seg in cur.segments
    ]
    cur = Curation.model_validate(
        cur.model_dump() | {"segments": [s.model_dump() for s in segs],
                            "articles": [art.model_dump()], "speakers": [spk.model_dump()]}
    )
    return text, cur


def write_corpus(root: Path, docs: dict[str, str | bytes]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for doc_id, content in docs.items():
        path = root / f"{doc_id}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
    return root
