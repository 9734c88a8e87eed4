"""A Document's text edited in the corpus after it was imported (a typo fixed by hand), then the same crawl
imported again (round 21, A7): the crawl's page is as it was imported, so there is nothing to take from it.
`import` called it "changed since imported" and `--update` wrote the crawl's text over the hand edit, without
a copy and without a word."""

from __future__ import annotations

from pathlib import Path

from curator.bench._sitepages import WarcEntry, write_warc
from curator.cli import main
from curator.core.ingest import ImportOptions, import_sources
from curator.core.ingest.ids import document_id, url_key

URL = "https://en.example.org/news/one/"


def _crawl(path: Path, body: str) -> Path:
    return write_warc(path, [WarcEntry(url=URL, body=f"<html><body><p>{body}</p></body></html>".encode()),
                             WarcEntry(url="https://en.example.org/news/two/",
                                       body=b"<html><body><p>Another page \xf0\x9f\x98\x80.</p></body></html>")])


def test_update_never_writes_the_crawl_s_unchanged_page_over_a_hand_edit(tmp_path, capsys):
    crawl = _crawl(tmp_path / "c.warc.gz", "The CSTO met in Minsk 😀.")
    corpus = tmp_path / "corpus"
    import_sources(corpus, [crawl])
    txt = corpus / f"{document_id(url_key(URL))}.txt"
    txt.write_text("The C.S.T.O. met in Minsk 😀.", encoding="utf-8")  # fixed by hand
    assert main(["import", str(crawl), "--into", str(corpus), "--update"]) == 1
    err = capsys.readouterr().err
    assert txt.read_text(encoding="utf-8") == "The C.S.T.O. met in Minsk 😀."
    assert "edited in the corpus since it was imported" in err and txt.stem in err


def test_a_page_changed_in_the_crawl_is_still_updated(tmp_path):
    corpus = tmp_path / "corpus"
    import_sources(corpus, [_crawl(tmp_path / "a.warc.gz", "The CSTO met in Minsk 😀.")])
    result = import_sources(corpus, [_crawl(tmp_path / "b.warc.gz", "The CSTO met in Almaty 😀.")], ImportOptions(update=True))
    txt = corpus / f"{document_id(url_key(URL))}.txt"
    assert result.count("updated") == 1 and txt.read_text(encoding="utf-8") == "The CSTO met in Almaty 😀."
