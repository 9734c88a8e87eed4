"""``curator import``: WARC, HTML and JSONL in; one file per page, provenance kept, nothing overwritten silently."""

from __future__ import annotations

import gzip
import os
import json
import shutil
from pathlib import Path

import pytest

from curator.bench._sitepages import SitePageMaker, WarcEntry, page_entry, write_warc
from curator.cli import main
from curator.core.ingest import ImportOptions, import_sources
from curator.core.ingest.ids import document_id, url_key
from curator.core.ingest.readers import FieldNames
from curator.core.provenance import read_provenance
from curator.core.store import Corpus
from tests.conftest import SEEDS

HTML = "<html><head><title>{title}</title></head><body><h1>{title}</h1><p>{body}</p><p>Go back</p></body></html>"


def _html(title: str, body: str) -> bytes:
    return HTML.format(title=title, body=body).encode()


@pytest.fixture(scope="module")
def site_pages():
    return SitePageMaker(SEEDS, seed=7).pages(12)


def _doc(corpus: Path, url: str) -> Path:
    return corpus / f"{document_id(url_key(url))}.txt"


# -- WARC -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_response_records_become_documents_others_are_counted(tmp_path, site_pages, name):
    entries = [
        WarcEntry(url="", body=b"software: test-crawler\r\n", record_type="warcinfo",
                  content_type="application/warc-fields"),
        WarcEntry(url=site_pages[0].url, body=b"GET / HTTP/1.1\r\n\r\n", record_type="request",
                  content_type="application/http; msgtype=request"),
        page_entry(site_pages[0]),
        page_entry(site_pages[1], chunked=True, gzip_body=True),  # FastWARC's auto_decode="all" stopped here
        page_entry(site_pages[2], gzip_body=True),
        WarcEntry(url="https://en.example.org/doc.pdf", body=b"%PDF-1.4", content_type="application/pdf"),
        WarcEntry(url="https://en.example.org/gone/", body=b"<html>Not found</html>", status=404),
        WarcEntry(url=site_pages[0].url, body=b"{}", record_type="metadata", content_type="application/json"),
        page_entry(site_pages[3], chunked=True),
        WarcEntry(url="https://en.example.org/res/", body=_html("Resource", "A resource record."),
                  record_type="resource", content_type="text/html"),
    ]
    warc = write_warc(tmp_path / name, entries)
    corpus = tmp_path / "corpus"
    result = import_sources(corpus, [warc])
    assert result.count("imported") == 5 and result.ok
    assert dict(result.skipped) == {"WARC warcinfo record": 1, "WARC request record": 1, "WARC metadata record": 1,
                                    "not HTML (application/pdf)": 1, "HTTP status 404": 1}
    for page in site_pages[:4]:
        assert _doc(corpus, page.url).read_text(encoding="utf-8") == page.text
    prov = read_provenance(corpus / ".curator", document_id(url_key(site_pages[1].url)))
    assert prov is not None
    assert prov.source.url == site_pages[1].url
    assert prov.source.warc_file == name
    assert prov.source.warc_record_id == "<urn:uuid:00000000-0000-4000-8000-000000000003>"
    assert prov.source.fetched_at == "2024-06-01T10:00:00Z"
    assert prov.source.html_title == site_pages[1].title
    assert prov.source.http_charset == site_pages[1].charset
    assert prov.source.extractor.startswith("resiliparse ")


def test_a_corrupt_warc_keeps_what_came_before_and_says_so(tmp_path, site_pages):
    warc = write_warc(tmp_path / "a.warc", [page_entry(p) for p in site_pages[:3]])
    with open(warc, "ab") as fh:
        fh.write(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\n<html>cut")
    result = import_sources(tmp_path / "c", [warc])
    assert result.count("imported") == 3
    assert not result.ok and len(result.problems) == 1 and "a.warc" in result.problems[0]


@pytest.mark.parametrize("name", ["cut.warc.gz", "cut.warc"])
def test_a_warc_cut_inside_a_record_imports_the_whole_pages_and_names_the_cut_one(tmp_path, site_pages, name):
    """A crawl copied half-way: the last record's body ends early. Its partial HTML is not a page
    (it was imported as a Document with half its text, and the import said nothing and exited 0)."""
    whole = write_warc(tmp_path / name, [page_entry(p) for p in site_pages[:3]])
    data = whole.read_bytes()
    if name.endswith(".gz"):  # one gzip member a record: cut inside the last member
        last = len(gzip.compress(_warc_bytes_of(site_pages[2]), compresslevel=6, mtime=0))
        cut = len(data) - last // 2
    else:
        cut = len(data) - len(site_pages[2].html) // 2
    whole.write_bytes(data[:cut])
    corpus = tmp_path / "c"
    result = import_sources(corpus, [whole])
    assert result.count("imported") == 2
    assert not _doc(corpus, site_pages[2].url).exists()
    assert not result.ok and len(result.problems) == 1
    assert name in result.problems[0] and "cut short" in result.problems[0]


def _warc_bytes_of(page):
    from curator.bench._sitepages import warc_record_bytes

    return warc_record_bytes(page_entry(page), 2)


def test_cp1251_page_in_a_warc(tmp_path):
    body = "<html><head><title>Новости</title></head><body><p>Заседание состоялось в Минске.</p></body></html>"
    warc = write_warc(tmp_path / "ru.warc.gz", [WarcEntry(url="https://en.example.org/ru/", body=body.encode("cp1251"),
                                                          content_type="text/html; charset=windows-1251")])
    corpus = tmp_path / "c"
    import_sources(corpus, [warc])
    assert _doc(corpus, "https://en.example.org/ru/").read_text(encoding="utf-8") == "Заседание состоялось в Минске."


# -- JSONL and HTML files ---------------------------------------------------------------------


def test_jsonl_with_html_text_and_custom_field_names(tmp_path):
    lines = [
        {"link": "https://en.example.org/a/", "page": "<p>First page 🙂</p>", "crawled": "2024-05-01T00:00:00Z"},
        {"link": "https://en.example.org/b/", "plain": "Already\r\nextracted text"},
        "not json at all",
        {"page": "<p>no url</p>"},
        {"link": "https://en.example.org/c/"},
        {"link": "https://en.example.org/d/", "plain": "   "},
    ]
    path = tmp_path / "pages.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for line in lines:
            fh.write((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n")
    corpus = tmp_path / "c"
    fields = FieldNames(url="link", html="page", text="plain", fetched_at="crawled")
    result = import_sources(corpus, [path], ImportOptions(fields=fields))
    assert result.count("imported") == 2
    assert _doc(corpus, "https://en.example.org/a/").read_text(encoding="utf-8") == "First page 🙂"
    # text fields are taken exactly as written: CRLF stays
    assert _doc(corpus, "https://en.example.org/b/").read_bytes() == "Already\r\nextracted text".encode()
    assert len(result.problems) == 3  # bad JSON (line 3), no url (line 4), neither field (line 5)
    assert [p.split(": ")[0].rsplit(" ", 1)[-1] for p in result.problems] == ["3", "4", "5"]
    assert result.skipped["empty page"] == 1
    prov = read_provenance(corpus / ".curator", document_id(url_key("https://en.example.org/a/")))
    assert prov.source.fetched_at == "2024-05-01T00:00:00Z" and prov.source.file == str(path)


def test_html_folder_canonical_url_or_file_path(tmp_path):
    site = tmp_path / "site"
    (site / "news").mkdir(parents=True)
    (site / "news" / "one.html").write_bytes(
        b'<html><head><link rel="canonical" href="https://en.example.org/news/one/"></head><body><p>One</p></body></html>')
    (site / "news" / "two.htm").write_bytes(_html("Two", "Second page"))
    (site / "notes.txt").write_text("not a page")
    corpus = tmp_path / "c"
    result = import_sources(corpus, [site])
    assert result.count("imported") == 2
    assert result.skipped["not a WARC, HTML or JSONL file (by its name)"] == 1 and result.ok
    assert _doc(corpus, "https://en.example.org/news/one/").read_text() == "One"
    ids = Corpus(corpus).document_ids()
    two = [i for i in ids if i.startswith("news/two-")]
    assert len(two) == 1
    assert read_provenance(corpus / ".curator", two[0]).source.file == "news/two.htm"


def test_a_binary_file_named_html_is_skipped_and_named_not_imported_as_replacement_characters(tmp_path):
    # The corpus refuses a binary .txt; import used to turn a binary .html into a Document of U+FFFD
    # with only a warning behind -v, exit 0.
    site = tmp_path / "site"
    site.mkdir()
    (site / "logo.html").write_bytes(bytes(range(256)) * 10)
    (site / "page.html").write_bytes(_html("Page", "A real page"))
    corpus = tmp_path / "c"
    result = import_sources(corpus, [site])
    assert result.count("imported") == 1 and not result.ok
    assert any("logo.html" in p and "binary" in p for p in result.problems)
    assert [p.name for p in corpus.rglob("*.txt")] != [] and not any(p.name.startswith("logo") for p in corpus.rglob("*.txt"))


# -- ids --------------------------------------------------------------------------------------


def test_ids_are_readable_stable_and_collision_safe():
    a = document_id(url_key("https://www.en.example.org/news/news_odkb/itogi2019/#top"))
    assert a.startswith("en.example.org/news/news_odkb/itogi2019-") and len(a.rsplit("-", 1)[1]) == 10
    assert a == document_id(url_key("http://en.example.org/news/news_odkb/itogi2019/"))  # scheme, www, fragment
    assert document_id(url_key("https://en.example.org/News/")) != document_id(url_key("https://en.example.org/news/"))
    q1 = document_id(url_key("https://en.example.org/chairmanship/?ELEMENT_ID=22782"))
    q2 = document_id(url_key("https://en.example.org/chairmanship/?ELEMENT_ID=22783"))
    assert q1 != q2 and q1.startswith("en.example.org/chairmanship_element_id-22782-")
    ru = document_id(url_key("https://example.org/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/"))
    assert ru.startswith("example.org/новости-")
    deep = document_id(url_key("https://example.org/" + "/".join(["x" * 100] * 12)))
    assert all(len(part) <= 71 for part in deep.split("/")) and deep.count("/") <= 7
    assert document_id(url_key("https://example.org:8080/")).startswith("example.org_8080/index-")
    with pytest.raises(ValueError):
        url_key("mailto:someone@example.org")


def test_an_id_clash_gets_a_longer_hash_instead_of_overwriting(tmp_path):
    url = "https://en.example.org/a/"
    corpus = tmp_path / "c"
    import_sources(corpus, [_jsonl(tmp_path, [{"url": url, "text": "first"}])])
    # pretend another page's key had produced the same id
    prov = corpus / ".curator" / "sources" / f"{document_id(url_key(url))}.json"
    data = json.loads(prov.read_text())
    data["key"] = "en.example.org/other/"
    prov.write_text(json.dumps(data))
    result = import_sources(corpus, [_jsonl(tmp_path, [{"url": url, "text": "second"}])])
    assert result.count("imported") == 1
    assert result.pages[0].id == document_id(url_key(url), digits=20)
    assert _doc(corpus, url).read_text() == "first"


# -- re-import --------------------------------------------------------------------------------


def _jsonl(tmp_path: Path, rows: list[dict], name: str = "p.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_same_page_twice_is_skipped_changed_one_is_reported_not_overwritten(tmp_path):
    corpus = tmp_path / "c"
    url = "https://en.example.org/a/"
    first = import_sources(corpus, [_jsonl(tmp_path, [{"url": url, "html": "<p>Version one</p>"}])])
    assert first.count("imported") == 1
    again = import_sources(corpus, [_jsonl(tmp_path, [{"url": url, "html": "<div>Version   one</div>"}])])
    assert again.count("unchanged") == 1 and again.ok
    changed = import_sources(corpus, [_jsonl(tmp_path, [{"url": url, "html": "<p>Version two</p>"}])])
    assert changed.count("changed") == 1 and not changed.ok
    assert _doc(corpus, url).read_text() == "Version one"
    updated = import_sources(corpus, [_jsonl(tmp_path, [{"url": url, "html": "<p>Version two</p>"}])],
                             ImportOptions(update=True))
    assert updated.count("updated") == 1 and updated.ok
    assert _doc(corpus, url).read_text() == "Version two"


def test_one_address_twice_in_one_input_with_other_text_is_named_as_such(tmp_path, capsys):
    """A crawl that fetched a page twice: the second record was reported as "changed since imported",
    though nothing had been imported before this run. It names the earlier record instead; the
    first text is kept (--update takes the later one, as for any changed page)."""
    corpus = tmp_path / "c"
    url = "https://en.example.org/a/"
    src = _jsonl(tmp_path, [{"url": url, "text": "Version one"}, {"url": "https://en.example.org/b/", "text": "B"},
                            {"url": url, "text": "Version two"}])
    result = import_sources(corpus, [src])
    assert result.count("imported") == 2 and result.count("changed") == 1 and not result.ok
    repeat = result.pages[-1]
    assert repeat.repeat_of == result.pages[0].where and repeat.where != repeat.repeat_of
    assert "earlier in this input" in repeat.detail and "since it was imported" not in repeat.detail
    assert _doc(corpus, url).read_text() == "Version one"
    assert main(["import", str(src), "--into", str(tmp_path / "d")]) == 1
    err = capsys.readouterr().err
    assert "changed since imported" not in err
    assert "twice in this input" in err and f"{repeat.where}" in err and f"{result.pages[0].where}" in err
    updated = import_sources(tmp_path / "e", [src], ImportOptions(update=True))
    assert updated.ok and _doc(tmp_path / "e", url).read_text() == "Version two"


def test_nul_characters_are_dropped_from_pages_and_named(tmp_path):
    """A JSONL `text` holding NUL characters was imported with them in the .txt, without a word (HTML
    parsers drop NULs from text, as browsers do; validate and other tools choke on them)."""
    src = _jsonl(tmp_path, [{"url": "https://en.example.org/a/", "text": "Title\u0000 here\n\nBody\u0000\u0000 text."},
                            {"url": "https://en.example.org/b/", "html": "<h1>Other\u0000 page</h1>"}])
    result = import_sources(tmp_path / "c", [src])
    assert result.count("imported") == 2
    texts = {p.read_text(encoding="utf-8") for p in (tmp_path / "c").rglob("*.txt")}
    assert texts == {"Title here\n\nBody text.", "Other page"}
    assert any(w.endswith("line 1: 3 NUL character(s) dropped from the text") for w in result.warnings)


def test_a_page_that_cannot_be_written_names_the_file(tmp_path, monkeypatch):
    # On a full disk each page said "[Errno 28] No space left on device": no file named.
    import errno

    from curator.core.ingest import run

    def full(path, data, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(run, "atomic_write_bytes", full)
    src = _jsonl(tmp_path, [{"url": "https://en.example.org/a/", "text": "A page"}])
    result = import_sources(tmp_path / "c", [src])
    assert result.skipped["error"] == 1
    [problem] = result.problems
    assert problem.endswith(".txt: cannot be written (No space left on device)") and str(tmp_path / "c") in problem


def test_same_text_under_another_url_is_a_duplicate(tmp_path):
    corpus = tmp_path / "c"
    rows = [{"url": "https://en.example.org/a/", "text": "Same text"},
            {"url": "https://en.example.org/a/?print=1", "text": "Same text"}]
    result = import_sources(corpus, [_jsonl(tmp_path, rows)])
    assert result.count("imported") == 1 and result.count("duplicate") == 1 and result.ok
    assert "same text as en.example.org/a-" in result.pages[1].detail
    # and across runs, from the provenance files
    again = import_sources(corpus, [_jsonl(tmp_path, [{"url": "https://en.example.org/b/", "text": "Same text"}])])
    assert again.count("duplicate") == 1
    kept = import_sources(corpus, [_jsonl(tmp_path, rows)], ImportOptions(keep_duplicates=True))
    assert kept.count("imported") == 1 and kept.count("unchanged") == 1


def test_changed_source_of_a_curated_document_is_reanchored_not_overwritten(tmp_path, seeds_copy):
    """A curated seed, imported from a crawl, re-crawled with a sentence changed: the editor's work moves."""
    from curator.core.jsonio import dump_curation
    from curator.core.review.base import record_base

    corpus = tmp_path / "c"
    seed_id = "000_52543f1512a84840"
    text = (seeds_copy / f"{seed_id}.txt").read_text(encoding="utf-8")
    url = "https://en.example.org/news/speech/"
    import_sources(corpus, [_jsonl(tmp_path, [{"url": url, "text": text}])])
    doc_id = document_id(url_key(url))
    gold = json.loads((seeds_copy / "curated" / f"{seed_id}.json").read_text(encoding="utf-8"))
    store = Corpus(corpus)
    ref = store.document_ref(doc_id, store.read_source(doc_id))
    assert ref.source is not None and ref.source.url == url
    gold["document"] = ref.model_dump(mode="json")
    from curator.core.model import Curation

    cur = Curation.model_validate(gold)
    store.save(cur, expected_stamp=None)
    record_base(store, cur)
    new_text = "A new teaser at the top.\n\n" + text.replace("Dear Colleagues!", "Dear friends and colleagues!", 1)
    result = import_sources(corpus, [_jsonl(tmp_path, [{"url": url, "text": new_text}])], ImportOptions(update=True))
    assert result.count("updated") == 1, result.problems
    assert [r["id"] for r in result.reanchored] == [doc_id]
    loaded = store.load(doc_id).curation
    assert loaded.status == "in_progress"  # text moved under the editor's work: back to them for a look
    assert loaded.document.sha256 == store.read_source(doc_id).sha256
    assert all(new_text[s.start:s.end] == s.text for s in loaded.segments)
    titles = [s.text for s in loaded.segments if s.label == "title"]
    assert titles == [s["text"] for s in gold["segments"] if s["label"] == "title"]
    assert loaded.document.source.url == url
    assert dump_curation(loaded)  # still a valid contract file


# -- the command ------------------------------------------------------------------------------


def test_cli_exit_codes_json_on_stdout_messages_on_stderr(tmp_path, site_pages, capsys):
    warc = write_warc(tmp_path / "a.warc.gz", [page_entry(p) for p in site_pages[:3]])
    corpus = tmp_path / "c"
    assert main(["import", str(warc), "--into", str(corpus), "--json"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert data["imported"] == 3 and len(data["documents"]) == 3 and err == ""
    assert main(["import", str(warc), "--into", str(corpus)]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "unchanged 3" in err
    assert main(["import", str(tmp_path / "missing.warc"), "--into", str(corpus)]) == 2
    assert "missing.warc" in capsys.readouterr().err
    assert main(["import", "--into", str(corpus)]) == 2
    bad = _jsonl(tmp_path, [{"url": "https://en.example.org/x/", "text": "x"}])
    bad.write_text(bad.read_text() + "{broken\n")
    assert main(["import", str(bad), "--into", str(corpus), "-q"]) == 1
    out, err = capsys.readouterr()
    assert "line 2" in err and out == ""


def test_dry_run_writes_nothing(tmp_path, site_pages):
    warc = write_warc(tmp_path / "a.warc", [page_entry(p) for p in site_pages[:2]])
    corpus = tmp_path / "c"
    result = import_sources(corpus, [warc], ImportOptions(dry_run=True))
    assert result.count("imported") == 2 and not corpus.exists()


def test_seed_page_as_html_imports_and_parses_to_the_same_article(tmp_path):
    """A seed's blocks as a page of the site: the import gives the seed's text back (blank-line layout) and
    the parser finds the same Article title and date as in the curated gold."""
    seed_id = "004_a7b9a83599aa6619"
    text = (SEEDS / f"{seed_id}.txt").read_text(encoding="utf-8")
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    import html as h

    body = "".join(f"<p>{h.escape(b).replace(chr(10), '<br>')}</p>\n" for b in blocks)
    page = f"<html><head><meta charset='utf-8'><title>CSTO</title></head><body>{body}</body></html>"
    src = tmp_path / "page.html"
    src.write_text(page, encoding="utf-8")
    corpus = tmp_path / "c"
    import_sources(corpus, [src])
    (doc_id,) = Corpus(corpus).document_ids()
    got = (corpus / f"{doc_id}.txt").read_text(encoding="utf-8")
    assert got == "\n\n".join(blocks)
    from curator.core.parse import parse_document

    store = Corpus(corpus)
    cur = parse_document(got, doc=store.document_ref(doc_id, store.read_source(doc_id)))
    gold = json.loads((SEEDS / "curated" / f"{seed_id}.json").read_text(encoding="utf-8"))
    assert [(a.title, a.date.isoformat() if a.date else None) for a in cur.articles][:1] == \
        [(a["title"], a["date"]) for a in gold["articles"]][:1]
    assert cur.document.source.file == "page.html"
    shutil.rmtree(corpus)


def test_the_readme_example_crawl_imports_as_the_walk_through_says(tmp_path):
    from tests.conftest import REPO

    result = import_sources(tmp_path / "crawl", [REPO / "examples" / "crawl.warc.gz"])
    assert result.count("imported") == 25 and result.ok
    assert dict(result.skipped) == {"WARC request record": 5, "duplicate": 1, "not HTML (application/pdf)": 1,
                                    "HTTP status 301": 1}
    # the five seed pages come back block for block, inside the site's header and footer
    seed = (SEEDS / "000_52543f1512a84840.txt").read_text(encoding="utf-8")
    blocks = "\n\n".join(b.strip() for b in seed.split("\n\n") if b.strip())
    texts = [p.read_text(encoding="utf-8") for p in (tmp_path / "crawl").rglob("seed-0-*.txt")]
    assert len(texts) == 1 and blocks in texts[0]


def test_an_undeclared_cp1251_page_is_read_as_cp1251_not_mac_cyrillic(tmp_path):
    """charset-normalizer ranks mac_cyrillic first (chaos 0.0 for both) on a short Russian page with
    no charset declared: its capitals З, С, М were imported as «, —, ћ — the text itself wrong."""
    text = "Заседание Совета коллективной безопасности в Минске."
    page = tmp_path / "ru.html"
    page.write_bytes(f"<html><body><h1>Заседание Совета</h1><p>{text}</p></body></html>".encode("cp1251"))
    corpus = tmp_path / "c"
    result = import_sources(corpus, [page])
    assert result.count("imported") == 1
    (doc,) = corpus.glob("*.txt")
    assert doc.read_text(encoding="utf-8") == f"Заседание Совета\n\n{text}"
    assert any("cp1251" in w for w in result.warnings)


def test_skipped_reasons_are_counted_by_kind_the_detail_goes_with_each_problem(tmp_path):
    # Two broken JSONL lines were summed up as "1 not usable JSON (… line 2 column 1 …), 1 not
    # usable JSON (… line 1 column 2 …)": the count was of messages, not of reasons.
    path = tmp_path / "pages.jsonl"
    path.write_text('{"url": "https://en.example.org/a/", "text": "a"}\n{"url":\n{broken\n[1]\n"s"\n', encoding="utf-8")
    result = import_sources(tmp_path / "c", [path], ImportOptions())
    assert result.skipped["not usable JSON"] == 2
    assert result.skipped["not a JSON object"] == 2
    assert [p.split(": ", 1)[0] for p in result.problems] == [f"{path} line {n}" for n in (2, 3, 4, 5)]
    assert "Expecting" in result.problems[0] and "(list)" in result.problems[2]


@pytest.mark.parametrize("name", ["head.warc.gz", "head.warc"])
def test_a_warc_cut_inside_the_http_headers_of_its_last_record_names_the_cut(tmp_path, site_pages, name):
    """A crawl copied half-way whose cut lands inside the last record's HTTP headers: in a .warc.gz
    the reader saw no third record at all, and the import said nothing (2 imported, exit 0)."""
    import zlib

    from curator.bench._sitepages import warc_record_bytes

    whole = write_warc(tmp_path / name, [page_entry(p) for p in site_pages[:3]])
    data = whole.read_bytes()
    record = warc_record_bytes(page_entry(site_pages[2]), 2)
    inside_http = record.index(b"\r\n\r\n") + 4 + 20  # past the WARC headers, inside the HTTP ones
    if name.endswith(".gz"):
        start = len(data) - len(gzip.compress(record, compresslevel=6, mtime=0))
        cut = next(c for c in range(start + 20, len(data))
                   if len(zlib.decompressobj(31).decompress(data[start:c])) >= inside_http)
    else:
        cut = len(data) - len(record) + inside_http
    whole.write_bytes(data[:cut])
    result = import_sources(tmp_path / "c", [whole])
    assert result.count("imported") == 2
    assert not result.ok and len(result.problems) == 1
    assert name in result.problems[0] and "cut short" in result.problems[0]


def test_a_whole_warc_gz_has_no_cut_reported(tmp_path, site_pages):
    whole = write_warc(tmp_path / "ok.warc.gz", [page_entry(p) for p in site_pages[:3]])
    result = import_sources(tmp_path / "c", [whole])
    assert result.count("imported") == 3 and result.ok and not result.problems


def test_a_response_without_target_uri_is_named_and_the_rest_imported(tmp_path, site_pages):
    """A response record with no WARC-Target-URI stopped the import with an AssertionError: the
    records after it were never imported (redteam10 H1)."""
    entries = [page_entry(p) for p in site_pages[:3]]
    entries[1] = WarcEntry(url="", body=site_pages[1].html.encode("utf-8"))
    warc = write_warc(tmp_path / "nouri.warc", entries)
    result = import_sources(tmp_path / "c", [warc])
    assert result.count("imported") == 2
    assert _doc(tmp_path / "c", site_pages[2].url).exists()
    assert len(result.problems) == 1 and "nouri.warc record 2" in result.problems[0]
    assert "WARC-Target-URI" in result.problems[0]


def test_imported_documents_get_the_umask_mode_not_0600(tmp_path, site_pages):
    """Every imported .txt was 0600 whatever the umask (mkstemp's mode), while curated JSON got the
    umask's bits: a corpus on a shared folder was unreadable to the team (redteam10 H7)."""
    old = os.umask(0o022)
    try:
        warc = write_warc(tmp_path / "a.warc", [page_entry(p) for p in site_pages[:1]])
        import_sources(tmp_path / "c", [warc])
    finally:
        os.umask(old)
    doc = _doc(tmp_path / "c", site_pages[0].url)
    assert doc.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_broken_jsonl_line_is_named_by_its_column_in_that_line(tmp_path, newline):
    """redteam12 #14: a CRLF JSONL line cut short was reported at "line 2 column 1" — a position
    after the line's own CR LF, not in the file. One record is one line: the column is in it."""
    path = tmp_path / "crawl.jsonl"
    rows = ['{"url": "https://en.example.org/a/", "text": "A page."}', '{"url": "https://en.example.org/b/",',
            '{"url": "https://en.example.org/c/", "text": "Another page."}']
    path.write_bytes(newline.join(rows).encode() + newline.encode())
    result = import_sources(tmp_path / "c", [path], ImportOptions())
    assert result.count("imported") == 2
    (problem,) = result.problems
    assert problem.startswith(f"{path} line 2: ")
    assert f"column {len(rows[1]) + 1}:" in problem and "line 2 column" not in problem and "line 1 column" not in problem


@pytest.mark.parametrize("name", ["head.warc.gz", "head.warc"])
@pytest.mark.parametrize("into", [30, 60, 120])
def test_a_warc_cut_inside_the_warc_headers_of_its_last_record_names_that_record_cut_short(tmp_path, site_pages, name, into):
    """redteam12 #11: a crawl cut inside the last record's WARC headers was reported as a record
    "without WARC-Target-URI" or "with a bad Content-Length" (the headers it has were cut off),
    and in a .warc.gz also as "gzip stream cut short": one cut, said as two wrong things."""
    import zlib

    from curator.bench._sitepages import warc_record_bytes

    whole = write_warc(tmp_path / name, [page_entry(p) for p in site_pages[:3]])
    data = whole.read_bytes()
    record = warc_record_bytes(page_entry(site_pages[2]), 2)
    assert into < record.index(b"\r\n\r\n")
    if name.endswith(".gz"):
        start = len(data) - len(gzip.compress(record, compresslevel=6, mtime=0))
        cut = next(c for c in range(start + 10, len(data))
                   if len(zlib.decompressobj(31).decompress(data[start:c])) >= into)
    else:
        cut = len(data) - len(record) + into
    whole.write_bytes(data[:cut])
    result = import_sources(tmp_path / "c", [whole])
    assert result.count("imported") == 2
    assert not result.ok
    assert len(result.problems) == 1, result.problems
    assert "record 3" in result.problems[0] and "cut short" in result.problems[0]
    assert "Content-Length" not in result.problems[0] and "Target-URI" not in result.problems[0]
