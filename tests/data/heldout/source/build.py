"""Builds the held-out evaluation set (pages/, blocks/, index.tsv) from the hand-written sources.

usage: python3 tests/data/heldout/source/build.py      (from the project root; rewrites the set)
(tests/data/round3/source/build.py runs this builder on its own folder.)

A source ``NNN.page`` is a header (``key: value`` lines: url, kind, date DD.MM.YYYY, cut in UTF-8
bytes or ``none``, event ``type YYYY-MM-DD Place``, same_as, variants, notes) then ``---`` and the
page line by line: an empty line is an empty line of the page; ``@sidebar NAME`` pastes
``sidebars/NAME.txt``; every other line is ``TAG|text`` or ``TAG@Speaker Name|text`` where TAG is
the gold of that line (t teaser, b boilerplate outside the Article; T title, D dateline, L lead,
P paragraph, H heading, S salutation, Q question, A answer, M boilerplate inside the Article;
``~`` a whitespace-only line, which is no block). The page is the lines joined by ``\\n``, cut at
``cut`` bytes like the crawler's excerpts (a partial character dropped); every non-blank line left
is one gold block, in the format of /work/shared/realpages/blocks.
"""
from __future__ import annotations

import hashlib
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent
TAGS = {"t": ("teaser", False), "b": ("boilerplate", False), "T": ("title", True),
        "D": ("dateline", True), "L": ("lead", True), "P": ("paragraph", True),
        "H": ("heading", True), "S": ("salutation", True), "Q": ("question", True),
        "A": ("answer", True), "M": ("boilerplate", True)}
KINDS = {"news", "speech", "interview", "statement", "document", "other"}
LINE = re.compile(r"^(?P<tag>[tbTDLPHSQAM~])(?:@(?P<spk>[^|]+))?\|(?P<text>.*)$")


def expand(lines: list[str], where: str) -> list[str]:
    out = []
    for ln in lines:
        if ln.startswith("@sidebar "):
            name = ln.split(None, 1)[1].strip()
            out += expand((HERE / "sidebars" / f"{name}.txt").read_text(encoding="utf-8").removesuffix("\n").split("\n"),
                          f"sidebar {name}")
        else:
            out.append(ln)
    return out


def build_one(src: pathlib.Path) -> tuple[list[str], dict, str]:
    raw = src.read_text(encoding="utf-8")
    head, body = raw.split("\n---\n", 1)
    meta: dict[str, list[str]] = {}
    for h in head.split("\n"):
        if h.strip():
            k, v = h.split(":", 1)
            meta.setdefault(k.strip(), []).append(v.strip())
    body = body[:-1] if body.endswith("\n") else body
    src_lines = expand(body.split("\n"), src.name)
    tags, texts = [], []
    for n, ln in enumerate(src_lines):
        if ln == "":
            tags.append(None); texts.append(""); continue
        m = LINE.match(ln)
        if not m:
            sys.exit(f"{src.name}: line {n + 1} has no tag: {ln[:60]!r}")
        if m["tag"] == "~":
            assert not m["text"].strip(), f"{src.name}: '~' line holds text"
            tags.append(None)
        else:
            tags.append((m["tag"], m["spk"]))
        texts.append(m["text"])
    full = "\n".join(texts)
    cut = meta.get("cut", ["2000"])[0]
    data = full.encode("utf-8")
    if cut != "none":
        data = data[: int(cut)]
    text = data.decode("utf-8", errors="ignore")
    doc = src.stem
    blocks, pos = [], 0
    for tag, line in zip(tags, texts):
        if pos > len(text):
            break
        seg = text[pos: pos + len(line)]
        if seg.strip():
            assert tag is not None, f"{src.name}: untagged text line {seg[:40]!r}"
            label, main = TAGS[tag[0]]
            assert tag[1] is None or main, f"{src.name}: speaker outside the Article"
            blocks.append(dict(i=len(blocks), start=pos, end=pos + len(seg), label=label, main=main,
                               speaker=tag[1], text=seg[:60], _full=len(seg) == len(line)))
        pos += len(line) + 1
    titles = [b for b in blocks if b["label"] == "title"]
    assert len(titles) <= 1, f"{src.name}: several title lines"
    kind = meta["kind"][0]
    assert kind in KINDS, f"{src.name}: kind {kind}"
    date = meta.get("date", [""])[0]
    title = None
    main = [b for b in blocks if b["main"]]
    if titles:
        tb = titles[0]
        assert tb["_full"], f"{src.name}: title line cut"
        title = text[tb["start"]: tb["end"]]
        assert main[0] is tb, f"{src.name}: main blocks before the title"
        # the score looks the title up as the first line standing alone: it must be this one
        m = re.search(r"(?m)^" + re.escape(title.strip()) + r"\s*$", text)
        assert m and m.start() == tb["start"], f"{src.name}: title stands alone earlier in the page"
    else:
        assert not main, f"{src.name}: main blocks without a title"
        assert not date, f"{src.name}: a date without a title"
    if date:
        dd_, mm_, yy_ = date.split(".")
        month = ("January February March April May June July August September October November "
                 "December").split()[int(mm_) - 1]
        # as DD.MM.YYYY, or as a place/date line's month-name date (realpages' gold dates those)
        named = re.search(rf"\b0?{int(dd_)} {month},? {yy_}\b|\b{month} 0?{int(dd_)}, {yy_}\b", text[main[0]["start"]:])
        assert re.fullmatch(r"\d\d\.\d\d\.\d{4}", date) and (date in text[main[0]["start"]:] or named), \
            f"{src.name}: date {date} not visible in the Article"
    events = []
    for ev in meta.get("event", []):
        typ, d, place = ev.split(None, 2)
        events.append(dict(type=typ, date=d, place=place))
    iso = None
    if date:
        dd, mm, yy = date.split(".")
        iso = f"{yy}-{mm}-{dd}"
    for b in blocks:
        del b["_full"]
    gold = dict(doc=doc, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), length=len(text),
                title=title, date=iso, kind=kind,
                main_start=main[0]["start"] if main else None, main_end=main[-1]["end"] if main else None,
                events=events, blocks=blocks)
    url = meta["url"][0]
    row = [f"pages/{doc}.txt", url, str(len(text)), (title or "").strip(), date, kind,
           meta.get("same_as", [""])[0], meta.get("variants", [""])[0], meta.get("notes", [""])[0]]
    for cell in row:
        assert "\t" not in cell and "\n" not in cell, f"{src.name}: tab or newline in index cell"
    return row, gold, text


def main() -> None:
    srcs = sorted(HERE.glob("*.page"))
    (OUT / "pages").mkdir(exist_ok=True)
    (OUT / "blocks").mkdir(exist_ok=True)
    for old in list((OUT / "pages").glob("*.txt")) + list((OUT / "blocks").glob("*.json")):
        old.unlink()
    rows = [["file", "url", "chars", "main_title", "main_date", "kind", "same_as", "variants", "notes"]]
    for src in srcs:
        row, gold, text = build_one(src)
        (OUT / "pages" / f"{src.stem}.txt").write_bytes(text.encode("utf-8"))
        (OUT / "blocks" / f"{src.stem}.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        rows.append(row)
        print(f"{src.stem} {len(text.encode('utf-8')):5d} B {len(gold['blocks']):3d} blocks "
              f"{gold['kind']:9s} {gold['date'] or '-':10s} {(gold['title'] or '-')[:60]}")
    (OUT / "index.tsv").write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")


if __name__ == "__main__":
    main()
