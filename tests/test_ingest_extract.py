"""HTML to text in the seeds' block layout, and how a page's bytes are decoded."""

from __future__ import annotations

import pytest

from curator.bench._sitepages import SitePageMaker
from curator.core.ingest.charset import codec_for, decode_page, meta_charset
from curator.core.ingest.extract import html_to_text
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def pages():
    return SitePageMaker(SEEDS, seed=3).pages(60)


def test_site_layout_pages_come_out_block_for_block(pages):
    layouts = {p.layout for p in pages}
    assert layouts == {"p", "br", "div"}  # every way the site writes an article body is covered
    for page in pages:
        got = html_to_text(page.html)
        assert got.text == page.text, page.url
        assert got.title == page.title


def test_blocks_lines_and_whitespace():
    html = (
        "<html><head><title> A  page </title><style>p{}</style><script>var s='<p>x</p>';</script></head><body>"
        "<ul><li><a href='/'>Home</a></li><li>News</li></ul>"
        "<div>Sidebar   item\n   wrapped</div><div><span>12.03.2024</span> <a>teaser</a></div>"
        "<h1>Title<br>second line</h1>"
        "First paragraph&nbsp;here.<br><br>\n<br>Second &amp; “quoted” 🙂<br>"
        "<p>Dear colleagues!</p><pre>  kept\n  as is</pre>"
        "<form><input value='x'><button>Find</button><select><option>o</option></select></form>"
        "<img src='a.jpg' alt='not text'><noscript>no script</noscript><!-- comment -->"
        "<table><tr><td>cell a</td><td>cell b</td></tr></table>"
        "<div>Go back</div></body></html>"
    )
    got = html_to_text(html)
    assert got.title == "A page"  # whitespace collapsed, as a browser shows it
    assert got.text.split("\n\n") == [
        "Home", "News", "Sidebar item wrapped", "12.03.2024 teaser", "Title\nsecond line",
        "First paragraph\xa0here.", "Second & “quoted” 🙂", "Dear colleagues!", "kept\nas is",
        "cell a\tcell b", "Go back",
    ]


def test_page_without_body_text():
    assert html_to_text("<html><head><title>t</title></head><body> <br> </body></html>").text == ""
    assert html_to_text("").text == ""


def test_the_marker_character_in_a_page_does_not_become_a_line_break():
    assert html_to_text("<p>a\ufdd0b</p>").text == "ab"


# -- charsets ---------------------------------------------------------------------------------

RU = "Заседание состоялось в Минске — “итоги”."


def _page(body: str, meta: str | None = None) -> str:
    head = f'<meta charset="{meta}">' if meta else ""
    return f"<html><head>{head}</head><body><p>{body}</p></body></html>"


def test_http_charset_wins_over_meta():
    data = _page(RU, meta="utf-8").encode("cp1251")
    got = decode_page(data, http_charset="windows-1251")
    assert (got.encoding, got.how, got.declared) == ("cp1251", "http", "windows-1251")
    assert RU in got.text


def test_meta_charset_when_the_header_names_none():
    data = _page(RU, meta="windows-1251").encode("cp1251")
    assert meta_charset(data) == "windows-1251"
    got = decode_page(data)
    assert got.how == "meta" and RU in got.text


def test_http_equiv_meta_tag():
    ru = "Заседание состоялось в Минске."
    data = ('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">' + _page(ru)).encode("koi8-r")
    got = decode_page(data)
    assert got.encoding == "koi8-r" and ru in got.text


def test_undeclared_cp1251_is_detected_with_a_warning():
    data = _page(RU * 20).encode("cp1251")
    got = decode_page(data, where="page.html")
    assert got.how == "detected" and RU in got.text
    assert any("page.html" in w and "detected" in w for w in got.warnings)


def test_a_declaration_that_does_not_fit_is_not_trusted():
    data = _page(RU * 20, meta="utf-8").encode("cp1251")
    got = decode_page(data, where="p")
    assert RU in got.text and got.how == "detected"
    assert any("does not fit" in w for w in got.warnings)


def test_bom_wins_and_latin1_means_windows_1252():
    assert decode_page(b"\xef\xbb\xbf" + _page("caf\u00e9").encode(), http_charset="cp1251").how == "bom"
    assert codec_for("ISO-8859-1") == "cp1252"
    got = decode_page(b"<p>\x93quoted\x94</p>", http_charset="iso-8859-1")
    assert "“quoted”" in got.text


def test_unknown_charset_label_is_ignored_with_a_warning():
    got = decode_page(_page("plain").encode(), http_charset="x-no-such-charset", where="w")
    assert got.how == "utf-8" and any("unknown charset" in w for w in got.warnings)
