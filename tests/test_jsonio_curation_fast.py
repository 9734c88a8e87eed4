"""``dump_curation_bytes`` writes a Curation's segments from their fields directly (pydantic's
``model_dump`` was two thirds of the curated JSON's time): the bytes must stay those of the
reference, ``model_dump(mode="json")`` of the whole Curation through the same orjson options.

Compared on every page of ``seeds/``, of the annotated real pages (read in place, when present) and of
a generated site, each parsed with and without its corpus context and again with duplicate entries;
and on Curations whose segments hold what only an unvalidated assignment can put there.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from curator.core.jsonio import CURATION_FLOATS, dump_curation_bytes, dump_json_bytes
from curator.core.model import Curation, Duplicate, DuplicateRef, Segment

ROOT = Path(__file__).resolve().parent.parent
_REAL = [os.environ.get("CURATOR_REALPAGES", ""), str(ROOT.parent / "shared" / "realpages"), "/work/shared/realpages"]


def _reference(cur: Curation) -> bytes:
    return dump_json_bytes(cur.model_dump(mode="json"), floats=CURATION_FLOATS, newline=True)


def _texts(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.txt"))]


def _check_pages(texts: list[str]) -> int:
    from curator.core.parse import build_context, parse_text

    ctx = build_context(texts)
    n = 0
    for text in texts:
        for context in (None, ctx):
            cur = parse_text(text, context=context)
            assert dump_curation_bytes(cur) == _reference(cur)
            if cur.segments:  # with duplicate entries, as the parse writes them after detection
                seg = cur.segments[0]
                cur.duplicates = [
                    Duplicate(segment=seg.id, group="g1", kind="exact", score=1.0),
                    Duplicate(segment=seg.id, group="g2", of=DuplicateRef(document="x", segment="s1"), kind="near",
                              score=0.8734, start=seg.start, end=seg.end),
                ]
                assert dump_curation_bytes(cur) == _reference(cur)
            n += 1
    return n


def test_seeds_and_real_pages_dump_as_the_reference() -> None:
    assert _check_pages(_texts(ROOT / "seeds")) > 0
    real = next((Path(p) / "pages" for p in _REAL if p and (Path(p) / "pages").is_dir()), None)
    if real is not None:
        assert _check_pages(_texts(real)) > 0


def test_generated_pages_dump_as_the_reference(tmp_path: Path) -> None:
    from curator.bench._site import build_site

    site = build_site(tmp_path / "site", 120, seeds=ROOT / "seeds", seed=17)
    assert _check_pages(_texts(site)) == 120 * 2
    # and the segments did take the fast path
    from curator.core.jsonio import _plain_segments
    from curator.core.parse import parse_text

    cur = parse_text(_texts(site)[0])
    assert cur.segments and _plain_segments(cur.segments) == [s.model_dump(mode="json") for s in cur.segments]


def test_unusual_values_dump_as_the_reference() -> None:
    """What only an unvalidated assignment can put in a Curation still dumps as pydantic dumps it
    (a bool where an int belongs is ``1`` there, ``true`` to orjson), or through pydantic itself."""
    from curator.core.parse import parse_text

    text = "Title of the page\n\nTitle of the page\n01.02.2020\n\nBody text here “quoted”, café 😀.\n\nFooter"
    base = parse_text(text)
    assert len(base.segments) >= 3

    class Sub(Segment):
        pass

    changes = [
        lambda c: object.__setattr__(c.segments[0], "start", False),
        lambda c: object.__setattr__(c.segments[1], "end", True),
        lambda c: object.__setattr__(c.segments[0], "reviewed", 1),
        lambda c: object.__setattr__(c.segments[0], "start", 0.0),
        lambda c: object.__setattr__(c.segments[0], "article", 3),
        lambda c: c.segments.append(Sub(id="sx", start=1, end=2, label="x", text="i")),
        lambda c: c.segments.append(Segment.model_construct(id="sy", start=1, end=2, label="x", text="i")),
        lambda c: setattr(c, "segments", tuple(c.segments)),
        lambda c: setattr(c, "segments", []),
        lambda c: object.__setattr__(c.segments[0], "text", "line\u2028break \x00 \ud800"),
        lambda c: c.duplicates.append(Duplicate(segment="s1", group="g", kind="near", score=1e-05)),
        lambda c: c.articles and object.__setattr__(c.articles[0], "date", dt.date(2020, 2, 1)),
    ]
    for k, change in enumerate(changes):
        cur = base.model_copy(deep=True)
        change(cur)
        try:
            want = _reference(cur)
        except Exception as exc:  # noqa: BLE001 - then the fast path must fail the same way
            import pytest

            with pytest.raises(type(exc)):
                dump_curation_bytes(cur)
            continue
        assert dump_curation_bytes(cur) == want, k
