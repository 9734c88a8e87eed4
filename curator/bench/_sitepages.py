"""Synthetic HTML pages in the layout of the site Curator's corpora come from, with the text each should give.

The site (the CSTO's English pages, a Bitrix site) puts a header with the menu and a
language switch, a sidebar of dated news teasers, the article (``<h1>`` title, the title
repeated with its ``DD.MM.YYYY`` date, the body as ``<p>`` paragraphs or as text between
``<br><br>``, sometimes ``<div>``\\ s), the "Go back" links and a footer with contacts.
Each :class:`SitePage` carries the HTML and the text an import must produce from it: one
block a line, a blank line between blocks, a single ``<br>`` a line break inside its block.

The words are drawn from the seed pages' own text (reshuffled); nothing is taken from
evaluation data. Used by ``curator bench import`` (extraction fidelity and speed) and by the
import tests.
"""

from __future__ import annotations

import html as _html
import random
import re
from dataclasses import dataclass, replace
from pathlib import Path

_SENT = re.compile(r"(?<=[.!?])\s+")
_NUM = re.compile(r"\d+")

MENU = ["Home", "About the CSTO", "News", "Documents", "Secretariat", "Joint Staff", "Media", "Contacts"]
NAV = ["Go back", "Back to the section", "Back to the all news"]
FOOTER = [
    "Collective Security Treaty Organization",
    "Press service: +7 (495) 000-00-00",
    "E-mail: press@example.org",
    "© 2024 All rights reserved",
]
# A few lines of our own for Russian pages (cp1251 / UTF-8) and pages with emoji.
RUSSIAN = [
    "Заседание рабочей группы состоялось в Минске.",
    "Участники обсудили план совместных учений на следующий год.",
    "Пресс-служба Секретариата ОДКБ",
]
EMOJI = ["Photos from the meeting 📷 are in the gallery.", "Thank you 🙏 for the warm welcome!"]


@dataclass(frozen=True)
class SitePage:
    url: str
    html: str  # the page as markup (encode with ``charset`` for bytes)
    text: str  # the text an import must produce
    title: str  # the HTML <title>
    charset: str  # what the page is encoded in and declares (meta tag)
    layout: str  # how the body is written: p, br, div


def _esc(s: str) -> str:
    return _html.escape(s, quote=False)


def _pool(seeds: Path) -> list[str]:
    lines: list[str] = []
    for path in sorted(seeds.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(line) > 40:
                lines.append(line)
    if not lines:
        raise FileNotFoundError(f"{seeds}: no seed pages to draw words from")
    return sorted(set(lines))


class SitePageMaker:
    """Deterministic pages: ``SitePageMaker(seeds, seed=1).page(i)``."""

    def __init__(self, seeds: Path, seed: int = 0) -> None:
        self.lines = _pool(seeds)
        self.rng = random.Random(seed)

    # -- text --------------------------------------------------------------------------
    def _sentence_run(self, n: int) -> str:
        sentences = _SENT.split(self.rng.choice(self.lines))
        self.rng.shuffle(sentences)
        text = " ".join(sentences[: max(1, n)])
        return _NUM.sub(lambda m: str(self.rng.randint(1, 30)) if len(m.group()) < 4 else m.group(), text)

    def _title(self) -> str:
        words = self.rng.choice(self.lines).split()[: self.rng.randint(6, 16)]
        return " ".join(words).rstrip(",;:")

    def _date(self) -> str:
        return f"{self.rng.randint(1, 28):02d}.{self.rng.randint(1, 12):02d}.{self.rng.randint(2015, 2025)}"

    def _wrap(self, text: str) -> str:
        """Markup for one run of text: inline tags, source line wraps and indentation (all collapse)."""
        words = text.split(" ")
        out: list[str] = []
        for i, word in enumerate(words):
            piece = _esc(word)
            r = self.rng.random()
            if r < 0.04 and word:
                piece = f"<b>{piece}</b>"
            elif r < 0.07 and word:
                piece = f'<a href="/news/{i}/">{piece}</a>'
            elif r < 0.09 and word:
                piece = f"<span class=\"x\">{piece}</span>"
            out.append(piece)
            if i < len(words) - 1:
                out.append("\n        " if self.rng.random() < 0.05 else " ")
        return "".join(out)

    # -- page ----------------------------------------------------------------------------
    def page(self, index: int) -> SitePage:
        rng = self.rng
        blocks: list[str] = []
        parts: list[str] = []
        russian = rng.random() < 0.1
        charset = "windows-1251" if russian and rng.random() < 0.6 else "utf-8"
        title = self._title()
        date = self._date()
        head_title = f"{title} - CSTO"

        parts.append(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
            f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
            f"<title>{_esc(head_title)}</title>\n"
            '<link rel="stylesheet" href="/bitrix/templates/main/styles.css">\n'
            "<script>var BX = {message: '<p>not text</p>'}; if (a < b && c > d) {}</script>\n"
            "<style>.news-item p { margin: 0 }</style>\n</head>\n<body>\n"
            "<!-- header -->\n<div id=\"header\">\n"
            '  <a class="logo" href="/"><img src="/images/logo.png" alt="CSTO"></a>\n'
        )
        menu = MENU[: rng.randint(3, len(MENU))]
        parts.append('  <ul class="menu">\n')
        for item in menu:
            parts.append(f'    <li><a href="/{item.lower().replace(" ", "-")}/">{_esc(item)}</a></li>\n')
            blocks.append(item)
        parts.append("  </ul>\n")
        parts.append('  <form class="search" action="/search/"><input type="text" name="q" placeholder="Search">'
                     "<button type=\"submit\">Find</button></form>\n")
        parts.append('  <div class="lang"><a href="https://example.org/ru/">Русский</a></div>\n</div>\n')
        blocks.append("Русский")

        # sidebar: dated teasers, or headline-only teasers
        parts.append('<div id="sidebar">\n  <div class="news-list">\n')
        dated = rng.random() < 0.6
        for _ in range(rng.randint(0, 5)):
            teaser = self._sentence_run(rng.randint(1, 2))
            if dated:
                d = self._date()
                parts.append(f'    <div class="news-item">\n      <div class="news-date">{d}</div>\n'
                             f'      <a href="/news/{rng.randint(1, 9999)}/">{self._wrap(teaser)}</a>\n    </div>\n')
                blocks.extend([d, teaser])
            else:
                parts.append(f'    <p class="news-item"><a href="/news/{rng.randint(1, 9999)}/">{self._wrap(teaser)}</a></p>\n')
                blocks.append(teaser)
        parts.append("  </div>\n</div>\n")

        # the article
        layout = rng.choice(["p", "p", "br", "div"])
        parts.append('<div id="content">\n')
        two_line = rng.random() < 0.15 and len(title.split()) > 6
        if two_line:
            words = title.split()
            cut = len(words) // 2
            first, second = " ".join(words[:cut]), " ".join(words[cut:])
            parts.append(f"  <h1>{_esc(first)}<br>\n{_esc(second)}</h1>\n")
            blocks.append(f"{first}\n{second}")
        else:
            parts.append(f"  <h1>{self._wrap(title)}</h1>\n")
            blocks.append(title)
        parts.append('  <div class="news-detail">\n')
        parts.append(f'    <div class="news-title">{_esc(title)} <span class="news-date-time">{date}</span></div>\n')
        blocks.append(f"{title} {date}")
        if rng.random() < 0.5:
            parts.append(f'    <img class="detail_picture" src="/upload/iblock/{rng.randint(1, 999)}/IMG_{rng.randint(1000, 9999)}.jpg" alt="{_esc(title)}">\n')
        paragraphs = [self._sentence_run(rng.randint(1, 4)) for _ in range(rng.randint(2, 14))]
        if russian:
            paragraphs += RUSSIAN
        if rng.random() < 0.1:
            paragraphs.insert(rng.randrange(len(paragraphs)), rng.choice(EMOJI))
        if rng.random() < 0.2:
            paragraphs.insert(1, "Dear colleagues!")
        body: list[str] = []
        for i, para in enumerate(paragraphs):
            if layout == "p":
                body.append(f"    <p>{'&nbsp;' if rng.random() < 0.05 else ''}{self._wrap(para)}</p>\n")
            elif layout == "div":
                body.append(f"    <div>{self._wrap(para)}</div>\n")
            else:
                body.append(self._wrap(para) + ("<br>\n<br>\n" if i < len(paragraphs) - 1 else "\n"))
            blocks.append(para)
            if rng.random() < 0.08 and layout != "br":
                heading = self._title()
                body.append(f"    <h3>{_esc(heading)}</h3>\n")
                blocks.append(heading)
            if rng.random() < 0.05 and layout != "br":
                items = [self._sentence_run(1) for _ in range(rng.randint(2, 4))]
                body.append("    <ul>\n" + "".join(f"      <li>{self._wrap(it)}</li>\n" for it in items) + "    </ul>\n")
                blocks.extend(items)
        parts.extend(body)
        parts.append('    <div class="news-back">\n')
        for item in NAV:
            parts.append(f'      <p><a href="/news/">{_esc(item)}</a></p>\n')
            blocks.append(item)
        parts.append("    </div>\n  </div>\n</div>\n")

        # footer: lines split by single <br>, one block
        footer_lines = FOOTER[: rng.randint(2, len(FOOTER))]
        parts.append('<div id="footer">' + "<br>\n".join(_esc(x) for x in footer_lines) + "</div>\n")
        blocks.append("\n".join(footer_lines))
        parts.append("<script>window.dataLayer = [];</script>\n</body>\n</html>\n")
        slug = "-".join(re.findall(r"[a-z0-9]+", title.lower())[:8]) or "page"
        url = f"https://en.example.org/news/news_odkb/{slug}-{index}/"
        return SitePage(url=url, html="".join(parts), text="\n\n".join(blocks), title=head_title,
                        charset=charset, layout=layout)

    def pages(self, n: int) -> list[SitePage]:
        return [self.page(i) for i in range(n)]


# -- WARC files, written by hand (no WARC library), so reader tests do not test a library against itself --


@dataclass(frozen=True)
class WarcEntry:
    """One record to write: a response (HTML or not), or any other record type with a plain block."""

    url: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    record_type: str = "response"
    status: int = 200
    date: str = "2024-06-01T10:00:00Z"
    chunked: bool = False  # HTTP Transfer-Encoding: chunked, as some crawlers store it
    gzip_body: bool = False  # HTTP Content-Encoding: gzip
    record_id: str | None = None


def _chunk(data: bytes, size: int = 700) -> bytes:
    out = b"".join(f"{len(data[i:i + size]):x}\r\n".encode() + data[i:i + size] + b"\r\n"
                   for i in range(0, len(data), size))
    return out + b"0\r\n\r\n"


def warc_record_bytes(entry: WarcEntry, index: int) -> bytes:
    record_id = entry.record_id or f"<urn:uuid:00000000-0000-4000-8000-{index:012d}>"
    if entry.record_type in ("response", "revisit"):
        body = entry.body
        headers = [f"HTTP/1.1 {entry.status} {'OK' if entry.status == 200 else 'Other'}",
                   f"Content-Type: {entry.content_type}"]
        if entry.gzip_body:
            import gzip as _gzip

            body = _gzip.compress(body, mtime=0)
            headers.append("Content-Encoding: gzip")
        if entry.chunked:
            body = _chunk(body)
            headers.append("Transfer-Encoding: chunked")
        else:
            headers.append(f"Content-Length: {len(body)}")
        block = ("\r\n".join(headers) + "\r\n\r\n").encode("latin-1") + body
        ctype = "application/http; msgtype=response"
    else:
        block = entry.body
        ctype = entry.content_type
    head = (
        "WARC/1.0\r\n"
        f"WARC-Type: {entry.record_type}\r\n"
        f"WARC-Record-ID: {record_id}\r\n"
        f"WARC-Date: {entry.date}\r\n"
        + (f"WARC-Target-URI: {entry.url}\r\n" if entry.url else "")
        + f"Content-Type: {ctype}\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    ).encode("utf-8")
    return head + block + b"\r\n\r\n"


def write_warc(path: Path, entries: list[WarcEntry], *, compress: bool | None = None) -> Path:
    """A WARC file; ``.gz`` (or ``compress=True``) writes one gzip member per record, as crawlers do."""
    import gzip as _gzip

    compress = path.name.endswith(".gz") if compress is None else compress
    with open(path, "wb") as fh:
        for i, entry in enumerate(entries):
            data = warc_record_bytes(entry, i)
            fh.write(_gzip.compress(data, compresslevel=6, mtime=0) if compress else data)
    return path


def page_entry(page: SitePage, **kw: object) -> WarcEntry:
    return WarcEntry(url=page.url, body=page.html.encode(page.charset, "xmlcharrefreplace"),
                     content_type=f"text/html; charset={page.charset}", **kw)  # type: ignore[arg-type]


# -- the example crawl of the README's walk-through ---------------------------------------------


def seed_page_html(text: str, *, title: str, menu: list[str] = MENU[:5], charset: str = "utf-8") -> str:
    """A seed page's blocks inside the site's header and footer (one ``<p>`` a block, ``<br>`` inside)."""
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    body = "".join(f"    <p>{_esc(b).replace(chr(10), '<br>')}</p>\n" for b in blocks)
    items = "".join(f'<li><a href="/{m.lower().replace(" ", "-")}/">{_esc(m)}</a></li>' for m in menu)
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="{charset}">\n<title>{_esc(title)}</title>\n'
            f"</head>\n<body>\n<div id=\"header\"><ul class=\"menu\">{items}</ul></div>\n"
            f'<div id="content">\n{body}</div>\n<div id="footer">{_esc(FOOTER[0])}<br>{_esc(FOOTER[3])}</div>\n'
            "</body>\n</html>\n")


def example_crawl(path: Path, seeds: Path, *, pages: int = 20, seed: int = 11) -> Path:
    """A small WARC.gz like a crawler's: the seed pages and generated ones in the site's layout, a
    request record, a PDF, a redirect and one page crawled twice under two URLs."""
    entries: list[WarcEntry] = []
    for i, path_txt in enumerate(sorted(seeds.glob("*.txt"))):
        text = path_txt.read_text(encoding="utf-8")
        url = f"https://en.example.org/news/seed-{i}/"
        entries.append(WarcEntry(url=url, body=b"GET / HTTP/1.1\r\n\r\n", record_type="request",
                                 content_type="application/http; msgtype=request"))
        html = seed_page_html(text, title=f"Seed page {i} - CSTO")
        entries.append(WarcEntry(url=url, body=html.encode("utf-8"), date=f"2024-06-0{1 + i % 9}T10:00:00Z"))
    maker = SitePageMaker(seeds, seed=seed)
    made = maker.pages(pages)
    entries.extend(page_entry(p, gzip_body=i % 3 == 0, chunked=i % 4 == 0) for i, p in enumerate(made))
    entries.append(replace(page_entry(made[0]), url=made[0].url + "?print=1"))
    entries.append(WarcEntry(url="https://en.example.org/upload/charter.pdf", body=b"%PDF-1.4 ...",
                             content_type="application/pdf"))
    entries.append(WarcEntry(url="https://en.example.org/old-news/", body=b"", status=301))
    return write_warc(path, entries)


if __name__ == "__main__":  # python3 -m curator.bench._sitepages examples/crawl.warc.gz
    import sys

    from curator.bench import SEEDS

    out = example_crawl(Path(sys.argv[1] if len(sys.argv) > 1 else "crawl.warc.gz"), SEEDS)
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")
