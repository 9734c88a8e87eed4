"""``curator bench probes DIR[:odd|:even] …``: the parser on annotated pages changed the ways real
pages differ from each other, to see whether a rule holds beyond the pages it was written on.

Each DIR is laid out like ``../shared/realpages`` (``index.tsv``, ``pages/``, ``blocks/``) and is
read in place; ``:odd`` / ``:even`` keeps only the pages of that half (the other half stays
unread: tune on one half, measure on the other). From every page with a title, new pages are
built in memory, never stored:

* ``dot`` its title line given a closing full stop (a title written as a sentence);
* ``nodate`` its datelines removed (a date glued to the lead loses only the date);
  ``repeatnodate`` only the date removed from each dateline (the repeated title stays);
* ``swap`` its Article (from the title on) under two other pages' sidebars, cut at 2,000
  UTF-8 bytes like the crawler; ``swapdot`` / ``swapnodate`` the same with the changes above;
* ``top`` / ``topdot`` / ``topnodate`` its Article alone, the excerpt starting at the title (a
  page without a sidebar: static and old pages), as it is and with the changes above;
* ``single`` / ``double`` its blank lines collapsed to single newlines / every line break doubled;

and pages that hold no Article start, where the parser must invent none:

* ``side`` every sidebar (and every page without a title) cut at every other line break and
  once mid-line;
* ``headless`` the Article's text without its title and datelines (an excerpt that starts
  inside the text), and the same from its second line; ``sidehead`` that text under two
  other pages' sidebars.

Each family is parsed as one corpus (its own: sidebars repeat within it) and every page
alone. A page is right when its first Article has the expected title (or when it has none
where none is expected). Printed per family: right / pages, Articles at confidence 0.9 or
more and how many of them are wrong. ``--misses`` lists the wrong pages.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

FAMILIES = ("dot", "nodate", "repeatnodate", "swap", "swapdot", "swapnodate", "top", "topdot", "topnodate",
            "single", "double", "side", "headless", "sidehead")
_CUT_BYTES = 2000
_MIN_ARTICLE = 150  # an Article cut shorter than its title and this much text is not probed
_SIDEBAR_MIN = 300  # a page's text before its title this long is a sidebar worth reusing
_NUMERIC = re.compile(r"\d{1,2}\.\d{1,2}\.(?:19|20)\d\d")
_CLOSED = (".", "?", "!", "”", '"', "»", "…")


@dataclass
class Page:
    id: str
    text: str
    title: str
    start: int | None  # where the Article starts (its title line)
    body: int | None  # first unit after the title and datelines
    datelines: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Probe:
    name: str
    family: str
    text: str
    title: str | None  # None: no Article expected


def read_pages(spec: str) -> list[Page]:
    """Pages of ``DIR`` or ``DIR:odd`` / ``DIR:even`` with what their blocks say of the Article."""
    from curator.core.review.pages import halves, read_index

    folder, _, half = spec.partition(":")
    root = Path(folder)
    rows = read_index(root)
    keep = {r.id for r in rows} if not half else set(halves([r.id for r in rows])[half])
    tag = root.name
    out = []
    for r in rows:
        if r.id not in keep:
            continue
        text = (root / "pages" / f"{r.id}.txt").read_text(encoding="utf-8")
        gold = json.loads((root / "blocks" / f"{r.id}.json").read_text(encoding="utf-8"))
        head = [b for b in gold["blocks"] if b["main"] and b["label"] in ("title", "dateline")]
        body = None
        if head:
            last = max(b["end"] for b in head)
            after = [b["start"] for b in gold["blocks"] if b["start"] >= last]
            body = min(after) if after else None
        datelines = [(b["start"], b["end"]) for b in gold["blocks"] if b["main"] and b["label"] == "dateline"]
        out.append(Page(f"{tag}/{r.id}", text, r.title.strip(), gold.get("main_start") if r.title else None,
                        body, datelines))
    return out


def _cut(text: str) -> str:
    data = text.encode("utf-8")
    return text if len(data) <= _CUT_BYTES else data[:_CUT_BYTES].decode("utf-8", "ignore")


def _dot(p: Page) -> tuple[str, str] | None:
    assert p.start is not None
    eol = p.text.find("\n", p.start)
    eol = len(p.text) if eol < 0 else eol
    line = p.text[p.start : eol].rstrip()
    if line.endswith(_CLOSED):
        return None
    return p.text[: p.start] + line + "." + p.text[p.start + len(line) :], p.title + "."


def _nodate(p: Page) -> tuple[str, str] | None:
    if not p.datelines:
        return None
    out, last = [], 0
    for s, e in p.datelines:
        line = p.text[s:e]
        m = _NUMERIC.match(line)
        if m and len(line.strip()) > m.end() + 20:  # a date glued to the lead: drop the date only
            out.append(p.text[last:s])
            last = s + m.end()
            continue
        out.append(p.text[last:s])
        last = e + (1 if p.text[e : e + 1] == "\n" else 0)
    out.append(p.text[last:])
    return "".join(out), p.title


def _repeat_nodate(p: Page) -> tuple[str, str] | None:
    if not p.datelines:
        return None
    out, last = [], 0
    for s, e in p.datelines:
        line = p.text[s:e]
        found = list(_NUMERIC.finditer(line))
        if not found or found[-1].start() == 0:
            return None  # a date-only dateline: nothing of the title stays
        out.append(p.text[last:s] + line[: found[-1].start()].rstrip() + line[found[-1].end() :])
        last = e
    out.append(p.text[last:])
    return "".join(out), p.title


def _same(p: Page) -> tuple[str, str]:
    return p.text, p.title


def build(pages: list[Page], families: tuple[str, ...] = FAMILIES) -> list[Probe]:
    """The probe pages of ``families`` built from ``pages``."""
    titled = [p for p in pages if p.title and p.start is not None]
    sided = [p for p in titled if p.start and p.start >= _SIDEBAR_MIN]
    probes: list[Probe] = []

    def add(family: str, name: str, text: str, title: str | None) -> None:
        if family in families:
            probes.append(Probe(f"{family}:{name}", family, text, title))

    changes: dict[str, Callable[[Page], tuple[str, str] | None]] = {
        "dot": _dot, "nodate": _nodate, "repeatnodate": _repeat_nodate}
    for p in titled:
        for family, change in changes.items():
            got = change(p) if family in families else None
            if got:
                add(family, p.id, *got)
        if "\n\n" in p.text:
            add("single", p.id, re.sub(r"\n\s*\n", "\n", p.text), p.title)
        add("double", p.id, re.sub(r"\n+", "\n\n", p.text), p.title)
    others = {"swap": _same, "swapdot": _dot, "swapnodate": _nodate}
    for k, p in enumerate(titled):
        assert p.start is not None
        for family, change in zip(("top", "topdot", "topnodate"), others.values(), strict=True):
            got = change(p) if family in families else None
            if got:
                add(family, p.id, got[0][p.start :], got[1])
        for j in (1, 2):
            if not sided:
                break
            q = sided[(k * 3 + j) % len(sided)]
            if q.id == p.id:
                continue
            assert q.start is not None
            side = q.text[: q.start]
            side += "" if side.endswith("\n") else "\n"
            for family, change in others.items():
                got = change(p) if family in families else None
                if not got:
                    continue
                text = _cut(side + got[0][p.start :])
                if len(text) - len(side) >= len(got[1]) + _MIN_ARTICLE:
                    add(family, f"{p.id}<{q.id}", text, got[1])
            if p.body is not None:
                text = _cut(side + p.text[p.body :])
                if len(text) - len(side) >= _MIN_ARTICLE:
                    add("sidehead", f"{p.id}<{q.id}", text, None)
        if p.body is not None and len(p.text) - p.body > _MIN_ARTICLE:
            body = p.text[p.body :]
            add("headless", p.id, body, None)
            nl = body.find("\n", 40)
            if 0 < nl < len(body) - _MIN_ARTICLE:
                add("headless", p.id + "+1", body[nl + 1 :], None)
    for q in [*sided, *(p for p in pages if not p.title)]:
        side = q.text[: q.start] if q.title and q.start is not None else q.text
        breaks = [m.end() for m in re.finditer(r"\n", side)]
        for at in breaks[2::2]:
            add("side", f"{q.id}@{at}", side[:at], None)
        if len(side) > _SIDEBAR_MIN // 2:
            add("side", f"{q.id}@mid", side[: len(side) - 37], None)
    return probes


@dataclass
class Tally:
    n: int = 0
    right: int = 0
    high: int = 0
    high_wrong: int = 0
    misses: list[str] = field(default_factory=list)


def run(probes: list[Probe]) -> dict[tuple[str, str], Tally]:
    """Parse every probe with its family as corpus and alone; tally right pages and confident Articles."""
    from curator.core.parse import build_context, parse_text
    from curator.core.parse.units import norm_key

    by_family: dict[str, list[Probe]] = {}
    for pr in probes:
        by_family.setdefault(pr.family, []).append(pr)
    out: dict[tuple[str, str], Tally] = {}
    for family, group in by_family.items():
        context = build_context(pr.text for pr in group)
        for mode, ctx in (("corpus", context), ("alone", None)):
            t = out.setdefault((family, mode), Tally())
            for pr in group:
                cur = parse_text(pr.text, "probe", ctx)
                art = cur.articles[0] if cur.articles else None
                ok = art is None if pr.title is None else art is not None and norm_key(art.title) == norm_key(pr.title)
                t.n += 1
                t.right += ok
                if art is not None and art.confidence is not None and art.confidence >= 0.9:
                    t.high += 1
                    t.high_wrong += not ok
                if not ok:
                    t.misses.append(f"{pr.name}: got {(art.title[:60] if art else None)!r}"
                                    f"{f' ({art.confidence})' if art else ''}")
    return out


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="curator bench probes", description=__doc__.split("\n\n")[0])
    p.add_argument("folders", nargs="+", metavar="DIR[:odd|:even]",
                   help="folders with index.tsv, pages/ and blocks/ (a half only, with :odd or :even)")
    p.add_argument("--family", action="append", choices=FAMILIES, help="only these families (repeatable)")
    p.add_argument("--misses", action="store_true", help="list the wrong probe pages")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = p.parse_args(argv)
    pages: list[Page] = []
    for spec in args.folders:
        folder, _, half = spec.partition(":")
        if not (Path(folder) / "index.tsv").is_file() or half not in ("", "odd", "even"):
            print(f"curator bench probes: {spec}: no index.tsv there, or a half other than odd/even", flush=True)
            return 2
        pages += read_pages(spec)
    tallies = run(build(pages, tuple(args.family or FAMILIES)))
    if args.json:
        print(json.dumps({f"{f} {m}": {"pages": t.n, "right": t.right, "high": t.high, "high_wrong": t.high_wrong}
                          for (f, m), t in sorted(tallies.items())}, indent=2))
        return 0
    total = Tally()
    print(f"{'family':<13} {'parsed':<7} {'right':>11}  {'>= 0.9':>6}  wrong")
    for (family, mode), t in sorted(tallies.items()):
        print(f"{family:<13} {mode:<7} {t.right:>4}/{t.n:<4} {t.right / t.n:.3f}  {t.high:>6}  {t.high_wrong:>5}")
        for field_ in ("n", "right", "high", "high_wrong"):
            setattr(total, field_, getattr(total, field_) + getattr(t, field_))
        if args.misses:
            for miss in t.misses:
                print(f"    {miss}")
    print(f"{'all':<21} {total.right:>4}/{total.n:<4} {total.right / max(1, total.n):.3f}  {total.high:>6}  "
          f"{total.high_wrong:>5}")
    return 0
