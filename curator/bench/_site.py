"""Synthetic corpora in the site's layout, for ``curator bench scale``: any number of pages, streamed.

A page is what the CSTO site serves: 0-6 sidebar teasers (the seeds' teasers, and titles
of other generated pages, as the site's "latest news" shows), a title, a dateline in one of
the site's variants, a lead and body paragraphs, an optional Russian press contact and the
footer links. Body text is pseudo-English from ``curator.bench.dups.Generator`` (unique
per page, as real news is) with a seed sentence mixed in now and then (names, dates and
reporting verbs the parser acts on). About one page in eight carries a near copy (5 % of
words edited) of a paragraph of a recent page, as reprints and teasers do.

Pages are generated one at a time from a seed (memory stays flat at any corpus size)
and written once per (size, seed) under a cache folder, reused by later runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
from collections import deque
from collections.abc import Iterator
from pathlib import Path

from curator.bench.dups import Generator
from curator.bench.parse import _pools

GENERATOR_VERSION = "1"
_NUM = re.compile(r"\d+")
_FOOTER = "Go back\n\nBack to the section\n\nBack to the all news"
_CONTACT = "Пресс-секретарь ОДКБ Владимир Зайнетдинов\n\nЭл.почта: odkb-pressa@gov.ru"


class SiteMaker:
    """Pages of the site's layout, deterministic for a seed."""

    def __init__(self, seeds: Path, seed: int = 7) -> None:
        self.pools = _pools(seeds)
        self.sentences = sorted({s for p in self.pools["body"] for s in re.split(r"(?<=[.!?])\s+", p) if len(s) > 30})
        self.words = Generator(seed)
        self.rng = self.words.rng
        self.recent: deque[str] = deque(maxlen=300)  # paragraphs of recent pages, for near copies
        self.titles: deque[str] = deque(maxlen=50)  # recent titles, shown as sidebar teasers

    def _date(self) -> str:
        rng = self.rng
        return f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(2015, 2025)}"

    def _numbers(self, s: str) -> str:
        return _NUM.sub(lambda m: str(self.rng.randint(1, 30)) if len(m.group()) < 4 else m.group(), s)

    def paragraph(self) -> str:
        rng = self.rng
        text = self.words.passage()
        if rng.random() < 0.3:
            sentences = re.split(r"(?<=\.)\s+", text)
            sentences.insert(rng.randrange(len(sentences) + 1), self._numbers(rng.choice(self.sentences)))
            text = " ".join(sentences)
        return text

    def title(self) -> str:
        words = self.words.sentence().rstrip(".").split()
        return " ".join(words[: self.rng.randint(6, 14)])

    def sidebar(self) -> list[str]:
        rng = self.rng
        items = []
        for _ in range(rng.randint(0, 6)):
            if self.titles and rng.random() < 0.4:
                item = rng.choice(self.titles)
            else:
                item = self._numbers(rng.choice(self.pools["teaser"]))
            items.append(f"{self._date()}\n\n{item}" if rng.random() < 0.4 else item)
        return items

    def page(self, *, body_chars: int | None = None) -> str:
        """One page; ``body_chars`` makes a long one (paragraphs until the body is that long)."""
        rng = self.rng
        sidebar = self.sidebar()
        sep = "\n" if rng.random() < 0.2 else "\n\n\n"
        title = self.title()
        body: list[str] = []
        if body_chars is None:
            body = [self.paragraph() for _ in range(rng.randint(3, 30))]
        else:
            size = 0
            while size < body_chars:
                # a long page repeats itself too: quotes, annexes, a table of contents
                if body and rng.random() < 0.05:
                    p = self.words.edit(rng.choice(body), 0.05)
                else:
                    p = self.paragraph()
                body.append(p)
                size += len(p) + 2
        if self.recent and rng.random() < 0.125:
            body.insert(rng.randint(1, len(body)), self.words.edit(rng.choice(self.recent), 0.05))
        variant = rng.random()
        if variant < 0.6:
            head = f"{title}\n\n{title} {self._date()}\n\n{body[0]}"
        elif variant < 0.75:
            head = f"{title}\n\n{self._date()}\n\n{body[0]}"
        elif variant < 0.9:
            head = f"{title}\n\n{title} {self._date()}{body[0]}"
        else:
            head = f"{title}\n\n{self._date()} Download document\n\n{body[0]}"
        parts = [sep.join(sidebar), head, "\n\n".join(body[1:])]
        if rng.random() < 0.2:
            parts.append(_CONTACT)
        parts.append(_FOOTER)
        if body_chars is None:
            self.recent.extend(body[1:3])
            self.titles.append(title)
        text = "\n\n".join(p for p in parts if p)
        return text.replace("\n", "\r\n") if rng.random() < 0.1 else text


def page_ids(n: int, seed: int) -> Iterator[str]:
    """Ids shaped like the crawl's: a running number and a hash."""
    for i in range(n):
        yield f"{i:06d}_{hashlib.sha1(f'{seed}:{i}'.encode()).hexdigest()[:16]}"


def build_site(root: Path, n: int, *, seeds: Path, seed: int = 7) -> Path:
    """A corpus of ``n`` pages under ``root`` (reused when already complete); returns it."""
    marker = root / ".curator-bench.json"
    want = {"generator": GENERATOR_VERSION, "pages": n, "seed": seed, "kind": "site"}
    if marker.is_file() and json.loads(marker.read_text()) == want:
        return root
    root.mkdir(parents=True, exist_ok=True)
    maker = SiteMaker(seeds, seed)
    for doc_id in page_ids(n, seed):
        (root / f"{doc_id}.txt").write_text(maker.page(), encoding="utf-8", newline="")
    marker.write_text(json.dumps(want))
    return root


def build_long_page(root: Path, chars: int, *, seeds: Path, seed: int = 7) -> Path:
    """A corpus of one page of about ``chars`` code points (reused when present); returns it."""
    marker = root / ".curator-bench.json"
    want = {"generator": GENERATOR_VERSION, "chars": chars, "seed": seed, "kind": "long"}
    if marker.is_file() and json.loads(marker.read_text()) == want:
        return root
    root.mkdir(parents=True, exist_ok=True)
    maker = SiteMaker(seeds, seed)
    text = maker.page(body_chars=max(0, chars - 600))
    (root / f"long_{chars}.txt").write_text(text, encoding="utf-8", newline="")
    marker.write_text(json.dumps(want))
    return root
