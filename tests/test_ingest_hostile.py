"""``curator import`` on what crawlers really produce (redteam11 H2-H6, H16): each input is named
with its record or line and the problem, the rest is imported, nothing is lost or silently garbled."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.bench._sitepages import WarcEntry, write_warc
from curator.cli import main
from curator.core.ingest import import_sources
from curator.core.ingest.charset import codec_for, decode_page
from curator.core.ingest.ids import document_id, url_key


def _doc(corpus: Path, url: str) -> Path:
    return corpus / f"{document_id(url_key(url))}.txt"


# -- H16: a folder given as a source ----------------------------------------------------------


def test_an_empty_folder_named_like_a_warc_is_named_not_passed_over(tmp_path, capsys):
    """``import dir.warc`` with dir.warc an empty folder said "imported 0", exit 0, and nothing about it."""
    folder = tmp_path / "dir.warc"
    folder.mkdir()
    result = import_sources(tmp_path / "c", [folder])
    assert result.count("imported") == 0 and result.ok
    assert len(result.warnings) == 1 and str(folder) in result.warnings[0]
    assert "a folder (named like a file) holding no WARC, HTML or JSONL files" in result.warnings[0]
    assert main(["import", str(folder), "--into", str(tmp_path / "c"), "-v"]) == 0
    assert str(folder) in capsys.readouterr().err


def test_a_folder_with_files_is_expanded_as_before_and_one_without_pages_is_named(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_text("<html><body><p>One page.</p></body></html>", encoding="utf-8")
    only_notes = tmp_path / "notes"
    only_notes.mkdir()
    (only_notes / "readme.txt").write_text("no page here", encoding="utf-8")
    result = import_sources(tmp_path / "c", [site, only_notes])
    assert result.count("imported") == 1 and result.ok
    assert [w.split(":")[0] for w in result.warnings] == [str(only_notes)]
    assert result.skipped["not a WARC, HTML or JSONL file (by its name)"] == 1


# -- H4, H6: JSONL lines ----------------------------------------------------------------------


def test_a_lone_surrogate_in_a_jsonl_line_becomes_u_fffd_with_a_warning_naming_the_line(tmp_path):
    """``\\ud800`` in the html field was re-encoded, and the page then read as cp874 (mojibake)."""
    path = tmp_path / "s.jsonl"
    path.write_text(
        '{"url": "https://en.example.org/s1/", "html": "<html><body><p>Before \\ud800 after, caf\\u00e9.</p></body></html>"}\n'
        '{"url": "https://en.example.org/s2/", "text": "Plain \\udfff text."}\n'
        '{"url": "https://en.example.org/s3/", "html": "<p>A clean caf\\u00e9 line.</p>"}\n', encoding="ascii")
    corpus = tmp_path / "c"
    result = import_sources(corpus, [path])
    assert result.count("imported") == 3 and result.ok
    assert _doc(corpus, "https://en.example.org/s1/").read_text(encoding="utf-8") == "Before \ufffd after, café."
    assert _doc(corpus, "https://en.example.org/s2/").read_text(encoding="utf-8") == "Plain \ufffd text."
    assert _doc(corpus, "https://en.example.org/s3/").read_text(encoding="utf-8") == "A clean café line."
    assert len(result.warnings) == 2
    assert result.warnings[0].startswith(f"{path} line 1: ") and "surrogate" in result.warnings[0]
    assert result.warnings[1].startswith(f"{path} line 2: ") and "U+FFFD" in result.warnings[1]


def test_a_jsonl_line_with_a_duplicate_key_is_named_and_skipped_the_rest_imported(tmp_path):
    """Every JSON Curator reads treats duplicate keys as errors (jsonio.loads_json), JSONL lines too."""
    path = tmp_path / "d.jsonl"
    path.write_text('{"url": "https://en.example.org/d1/", "html": "<p>first</p>", "html": "<p>second</p>"}\n'
                    '{"url": "https://en.example.org/d2/", "text": "A fine line."}\n', encoding="utf-8")
    corpus = tmp_path / "c"
    result = import_sources(corpus, [path])
    assert result.count("imported") == 1 and not result.ok
    assert not _doc(corpus, "https://en.example.org/d1/").exists()
    assert len(result.problems) == 1 and result.problems[0].startswith(f"{path} line 1: ")
    assert "'html' appears twice" in result.problems[0]


# -- H3, H5: what a page's bytes say against what it declares ---------------------------------

RU = "Заседание состоялось в Минске — «итоги»."


def _page(body: str, charset: str) -> str:
    return f'<html><head><meta charset="{charset}"><title>Новости</title></head><body><p>{body}</p></body></html>'


@pytest.mark.parametrize("charset", ["windows-1251", "koi8-r", "iso-8859-5", "mac-cyrillic"])
def test_utf8_bytes_declaring_a_single_byte_charset_are_read_as_utf8_with_a_warning(charset):
    """Every byte "fits" a single-byte charset, so the declaration was taken: mojibake, no warning."""
    got = decode_page(_page(RU, charset).encode("utf-8"), where="p.html")
    assert RU in got.text and got.encoding == "utf-8" and got.declared == charset
    assert got.warnings == (f"p.html: declares {charset!r} (meta), is UTF-8; read as UTF-8",)


@pytest.mark.parametrize("charset", ["windows-1251", "koi8-r"])
def test_pages_truly_in_a_single_byte_charset_are_read_in_it_as_before(charset):
    ru = "Заседание состоялось в Минске."
    got = decode_page(_page(ru, charset).encode(charset), where="p.html")
    assert ru in got.text and got.encoding == codec_for(charset) and got.how == "meta" and not got.warnings


def test_an_ascii_page_declaring_cp1251_is_not_warned_about():
    got = decode_page(b'<meta charset="windows-1251"><p>Plain English.</p>', where="p.html")
    assert got.how == "meta" and not got.warnings


def test_utf8_body_under_an_http_cp1251_header_in_a_warc(tmp_path):
    body = _page(RU, "windows-1251").encode("utf-8")
    warc = write_warc(tmp_path / "ru.warc", [WarcEntry(url="https://en.example.org/ru/", body=body,
                                                       content_type="text/html; charset=windows-1251")])
    corpus = tmp_path / "c"
    result = import_sources(corpus, [warc])
    assert _doc(corpus, "https://en.example.org/ru/").read_text(encoding="utf-8") == RU
    assert len(result.warnings) == 1 and "ru.warc record 1" in result.warnings[0]
    assert "declares 'windows-1251' (http), is UTF-8; read as UTF-8" in result.warnings[0]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_an_html_page_in_utf16_without_bom_is_read_by_its_zero_bytes(tmp_path, codec):
    """It was refused as "looks like a binary file (many control bytes)"."""
    page = tmp_path / "site" / "p.html"
    page.parent.mkdir()
    page.write_bytes(_page(RU, "utf-16").encode(codec))
    corpus = tmp_path / "c"
    result = import_sources(corpus, [page.parent])
    assert result.count("imported") == 1 and result.ok
    (doc,) = corpus.glob("*.txt")
    assert doc.read_text(encoding="utf-8") == RU
    assert result.warnings == [f"{page}: read as {codec.upper()} (no byte-order mark; told by its zero bytes)"]


def test_an_english_utf16_page_is_read_by_textio_s_rule():
    got = decode_page(_page("An English page, mostly ASCII.", "utf-16").encode("utf-16-be"), where="e.html")
    assert got.how == "zero bytes" and "An English page, mostly ASCII." in got.text


def test_a_binary_file_with_zero_bytes_is_still_refused(tmp_path):
    page = tmp_path / "b.html"
    page.write_bytes(bytes(range(256)) * 8)
    result = import_sources(tmp_path / "c", [page])
    assert result.count("imported") == 0 and "binary" in result.problems[0]


def test_an_html_file_s_meta_charset_is_told_as_meta_and_kept_in_the_provenance(tmp_path):
    from curator.core.provenance import read_provenance

    page = tmp_path / "p.html"
    page.write_bytes(_page(RU, "windows-1251").encode("utf-8"))
    corpus = tmp_path / "c"
    result = import_sources(corpus, [page])
    assert result.warnings == [f"{page}: declares 'windows-1251' (meta), is UTF-8; read as UTF-8"]
    (doc,) = corpus.glob("*.txt")
    assert read_provenance(corpus / ".curator", doc.stem).source.http_charset == "windows-1251"


# -- H2: a WARC record whose Content-Length runs into the next record ---------------------------


def _records(n: int, start: int = 0) -> list[bytes]:
    from curator.bench._sitepages import warc_record_bytes

    return [warc_record_bytes(WarcEntry(url=f"https://en.example.org/{i}/",
                                        body=f"<html><body><p>Page {i}, its own sentence.</p></body></html>".encode()), i)
            for i in range(start, start + n)]


def _overrun(record: bytes, by: int) -> bytes:
    import re

    m = re.search(rb"Content-Length: (\d+)\r\n\r\n", record)
    assert m is not None
    return record[:m.start(1)] + str(int(m.group(1)) + by).encode() + record[m.end(1):]


@pytest.mark.parametrize("by", [81, 30, 9, "past the end"])
@pytest.mark.parametrize("name", ["o.warc", "o.warc.gz"])
def test_a_record_running_into_the_next_is_read_up_to_it_and_the_next_imported(tmp_path, by, name):
    """The next, valid record was swallowed: "WARC cannot be read further", or "record cut short (…: is
    the file truncated?)" when the length ran past the end of a file that was not truncated."""
    import gzip

    records = _records(4)
    extra = len(records[2]) + len(records[3]) + 40 if by == "past the end" else by
    records[1] = _overrun(records[1], extra)
    warc = tmp_path / name
    warc.write_bytes(b"".join(gzip.compress(r, mtime=0) for r in records) if name.endswith(".gz") else b"".join(records))
    corpus = tmp_path / "c"
    result = import_sources(corpus, [warc])
    for i in range(4):
        assert _doc(corpus, f"https://en.example.org/{i}/").read_text(encoding="utf-8") == f"Page {i}, its own sentence."
    assert result.count("imported") == 4 and not result.skipped
    assert len(result.problems) == 1, result.problems
    assert result.problems[0].startswith(f"{warc} record 2 <urn:uuid:00000000-0000-4000-8000-000000000001>: ")
    assert "runs into the next record" in result.problems[0] and "truncated" not in result.problems[0]


def test_a_request_record_running_into_a_response_loses_nothing(tmp_path):
    from curator.bench._sitepages import warc_record_bytes

    request = warc_record_bytes(WarcEntry(url="https://en.example.org/0/", body=b"GET /0/ HTTP/1.1\r\n\r\n",
                                          record_type="request", content_type="application/http; msgtype=request"), 9)
    warc = tmp_path / "r.warc"
    warc.write_bytes(_records(1)[0] + _overrun(request, 50) + b"".join(_records(2, start=1)))
    result = import_sources(tmp_path / "c", [warc])
    assert result.count("imported") == 3 and result.skipped == {"WARC request record": 1}
    assert len(result.problems) == 1 and "r.warc record 2" in result.problems[0]


def test_a_page_quoting_a_warc_record_is_not_taken_for_an_overrun(tmp_path):
    quoted = _records(1, start=7)[0].decode()
    body = f"<html><body><p>A WARC record looks like this:</p><pre>\r\n{quoted}</pre><p>The end.</p></body></html>"
    warc = write_warc(tmp_path / "q.warc", [WarcEntry(url="https://en.example.org/q/", body=body.encode())])
    result = import_sources(tmp_path / "c", [warc])
    assert result.count("imported") == 1 and result.ok and not result.warnings
    assert "The end." in _doc(tmp_path / "c", "https://en.example.org/q/").read_text(encoding="utf-8")


@pytest.mark.parametrize("given", ["folder", "the fifo itself"])
def test_a_fifo_among_the_inputs_is_named_never_opened_and_the_rest_imported(given, tmp_path, capsys):
    # `import DIR` with DIR/pipe.html a FIFO hung for ever (open() waits for a writer); given by
    # name it was "a folder holding no pages", exit 0.
    import os

    src = tmp_path / "html"
    src.mkdir()
    (src / "a.html").write_text("<html><head><title>A page</title></head><body><p>Some text of a page.</p></body></html>",
                                encoding="utf-8")
    os.mkfifo(src / "pipe.html")
    args = [str(src)] if given == "folder" else [str(src / "pipe.html"), str(src / "a.html")]
    assert main(["import", *args, "--into", str(tmp_path / "c")]) == 1
    err = capsys.readouterr().err
    assert "pipe.html" in err and "FIFO" in err
    assert len(list((tmp_path / "c").glob("*.txt"))) == 1


@pytest.mark.parametrize("junk", [b"THIS IS NOT A WARC RECORD\r\n\r\n", b"\x00\x01garbage without a line end",
                                  b"WARC/1.0 looks like a header but is not one\r\n\r\n"])
def test_stray_bytes_between_records_are_named_and_the_records_after_them_imported(junk, tmp_path):
    # 8 records, stray bytes, 6 records: "WARC cannot be read further (Invalid WARC header)" and the 6
    # valid records after the bytes were lost.
    records = _records(14)
    warc = tmp_path / "odd.warc"
    warc.write_bytes(b"".join(records[:8]) + junk + b"".join(records[8:]))
    result = import_sources(tmp_path / "c", [warc])
    assert result.count("imported") == 14
    assert len(result.problems) == 1 and "odd.warc" in result.problems[0] and "after record 8" in result.problems[0]


def test_a_damaged_gzip_member_is_named_and_the_members_after_it_imported(tmp_path):
    # 4 records in one gzip member each, one byte flipped inside member 2: "WARC cannot be read
    # further (Gzip decompression error: data error)" and members 3-4 lost.
    import gzip as _gzip

    members = [_gzip.compress(r, compresslevel=6, mtime=0) for r in _records(4)]
    bad = bytearray(members[1])
    bad[len(bad) // 2] ^= 0xFF
    warc = tmp_path / "d.warc.gz"
    warc.write_bytes(members[0] + bytes(bad) + members[2] + members[3])
    result = import_sources(tmp_path / "c", [warc])
    assert result.count("imported") == 3
    assert len(result.problems) == 1 and "d.warc.gz" in result.problems[0] and "after record 1" in result.problems[0]


def test_import_v_names_a_page_with_no_text(tmp_path, capsys):
    # "skipped: 2 no text in the page" in the summary, but `-v` named neither file.
    src = tmp_path / "html"
    src.mkdir()
    (src / "empty.html").write_text("", encoding="utf-8")
    (src / "only-tags.html").write_text("<html><head><script>var x = 1;</script></head><body></body></html>",
                                        encoding="utf-8")
    (src / "a.html").write_text("<html><body><p>Some text of a page.</p></body></html>", encoding="utf-8")
    main(["import", str(src), "--into", str(tmp_path / "c"), "-v"])
    err = capsys.readouterr().err
    assert "empty.html" in err and "only-tags.html" in err


def test_an_html_file_named_in_latin1_is_imported_under_its_escaped_name(tmp_path):
    # `lat\xe9.html`: "'utf-8' codec can't encode character '\udce9' … surrogates not allowed", dropped.
    import os

    src = tmp_path / "html"
    src.mkdir()
    with open(os.fsencode(src) + b"/lat\xe9.html", "wb") as fh:
        fh.write(b"<html><body><p>A page named in Latin-1.</p></body></html>")
    result = import_sources(tmp_path / "c", [src])
    assert result.count("imported") == 1 and result.ok
    (doc,) = (tmp_path / "c").glob("*.txt")
    assert "Latin-1" in doc.read_text(encoding="utf-8") and doc.name.startswith("lat-xe9")


# -- redteam12: records FastWARC stops on, lower-case header names, LF-only lines ------------------


def _chunked_badly(record: bytes) -> bytes:
    """The record with its HTTP body declared chunked and a chunk header that is not hex (the WARC
    Content-Length stays right: the WARC framing is whole, only the body cannot be decoded)."""
    import re

    head, body = record.split(b"\r\n\r\n", 1)[0], record.split(b"\r\n\r\n", 1)[1]
    http_head, payload = body.split(b"\r\n\r\n", 1)
    payload = payload[:-4] if payload.endswith(b"\r\n\r\n") else payload
    new_payload = b"zz\r\n" + payload + b"\r\n0\r\n\r\n"
    http_head = re.sub(rb"Content-Length: \d+", b"Transfer-Encoding: chunked", http_head)
    block = http_head + b"\r\n\r\n" + new_payload
    head = re.sub(rb"Content-Length: \d+", b"Content-Length: " + str(len(block)).encode(), head)
    return head + b"\r\n\r\n" + block + b"\r\n\r\n"


@pytest.mark.parametrize("name", ["c.warc", "c.warc.gz"])
def test_a_record_whose_chunked_body_cannot_be_decoded_loses_only_itself(name, tmp_path):
    # "record 2: body cannot be decoded (Invalid chunk header: 'zz')", then "WARC cannot be read
    # further": the two valid records after it were never imported.
    import gzip

    records = _records(4)
    records[1] = _chunked_badly(records[1])
    warc = tmp_path / name
    warc.write_bytes(b"".join(gzip.compress(r, mtime=0) for r in records) if name.endswith(".gz") else b"".join(records))
    result = import_sources(tmp_path / "c", [warc])
    assert result.count("imported") == 3, result.problems
    assert [p for p in result.problems if "record 2" in p and "cannot be decoded" in p]
    assert not [p for p in result.problems if "cannot be read further" in p]


@pytest.mark.parametrize("value", [b"abc", b"-5"])
def test_a_record_with_a_content_length_that_is_not_a_number_is_named_and_the_rest_imported(value, tmp_path):
    # "skipped: 1 HTTP status None, 1 WARC cannot be read further": the record was not named for what
    # is wrong with it, and the valid record after it was lost.
    import re

    records = _records(3)
    records[1] = re.sub(rb"(?m)^Content-Length: \d+\r\n\r\nHTTP", b"Content-Length: " + value + b"\r\n\r\nHTTP", records[1])
    warc = tmp_path / "l.warc"
    warc.write_bytes(b"".join(records))
    result = import_sources(tmp_path / "c", [warc])
    assert result.count("imported") == 2, result.problems
    assert any("record 2" in p and "Content-Length" in p and value.decode() in p for p in result.problems)
    assert "HTTP status None" not in result.skipped


def test_a_record_with_lower_case_header_names_is_read(tmp_path):
    # WARC header names are case-insensitive; `warc-type: response` was "skipped: 1 WARC response record",
    # exit 0, not named even with -v.
    records = _records(2)
    records[1] = records[1].replace(b"WARC-Type:", b"warc-type:").replace(b"WARC-Target-URI:", b"warc-target-uri:")
    warc = tmp_path / "lc.warc"
    warc.write_bytes(b"".join(records))
    result = import_sources(tmp_path / "c", [warc])
    assert result.count("imported") == 2 and result.ok, (result.skipped, result.problems)


def test_lf_only_header_lines_are_named_in_a_bounded_reason(tmp_path, capsys):
    # The summary printed the whole raw record, HTML included, as the skip reason.
    records = _records(2)
    head, rest = records[1].split(b"\r\n\r\n", 1)
    records[1] = head.replace(b"\r\n", b"\n") + b"\n\n" + rest
    warc = tmp_path / "lf.warc"
    warc.write_bytes(b"".join(records))
    assert main(["import", str(warc), "--into", str(tmp_path / "c")]) == 1
    err = capsys.readouterr().err
    assert "LF" in err and "<html>" not in err and "WARC-Record-ID" not in err


def test_an_uncompressed_warc_named_gz_is_read_without_a_cut_reported(tmp_path):
    # "gzip stream cut short (the file ends inside a compressed record: is it truncated?)", exit 1,
    # though every record had been read.
    warc = tmp_path / "plain.warc.gz"
    warc.write_bytes(b"".join(_records(3)))
    result = import_sources(tmp_path / "c", [warc])
    assert result.count("imported") == 3 and result.ok, result.problems
    assert any("plain.warc.gz" in w and "not gzip-compressed" in w for w in result.warnings)


@pytest.mark.parametrize("name", ["e.warc.gz", "e.warc", "e.jsonl"])
def test_an_empty_input_file_is_named(name, tmp_path):
    # "imported 0 …", exit 0, nothing said about the 0-byte file (a crawler's failed write).
    empty = tmp_path / name
    empty.write_bytes(b"")
    result = import_sources(tmp_path / "c", [empty])
    assert result.skipped["empty file"] == 1
    assert any(w.endswith(f"{name}: an empty file (0 bytes): no records") for w in result.warnings)


def _encoded_body(record: bytes, encoding: bytes, payload: bytes) -> bytes:
    """The record with its HTTP body replaced by ``payload`` under ``Content-Encoding: encoding``
    (both Content-Lengths fixed: the WARC framing is whole, only the body cannot be decoded)."""
    import re

    head, block = record.split(b"\r\n\r\n", 1)
    http_head = block.split(b"\r\n\r\n", 1)[0]
    http_head = re.sub(rb"Content-Length: \d+", b"Content-Encoding: " + encoding + b"\r\nContent-Length: "
                       + str(len(payload)).encode(), http_head)
    block = http_head + b"\r\n\r\n" + payload
    head = re.sub(rb"Content-Length: \d+", b"Content-Length: " + str(len(block)).encode(), head)
    return head + b"\r\n\r\n" + block + b"\r\n\r\n"


def _bad_bodies() -> dict[str, tuple[bytes, bytes]]:
    import gzip

    whole = gzip.compress(b"<html><body><p>A page cut by the crawler's size limit.</p></body></html>" * 40, mtime=0)
    return {
        "gzip cut short": (b"gzip", whole[: len(whole) // 2]),  # EOFError from gzip
        "gzip that is not gzip": (b"gzip", b"<html>not compressed at all</html>"),  # BadGzipFile
        "gzip with a bad checksum": (b"gzip", whole[:-8] + b"\0" * 8),
        "brotli that is not brotli": (b"br", b"\x8b\x00 these bytes are no brotli stream at all"),
        "deflate that is not deflate": (b"deflate", b"not deflate"),
    }


@pytest.mark.parametrize("case", sorted(_bad_bodies()))
@pytest.mark.parametrize("name", ["e.warc", "e.warc.gz"])
def test_a_body_whose_content_encoding_cannot_be_undone_loses_only_itself(case, name, tmp_path):
    """A truncated gzip body (a fetch stopped at a size limit) or a corrupt brotli one raised EOFError /
    brotli.error out of the import: a traceback, and every record after it lost (redteam15 #0)."""
    import gzip

    encoding, payload = _bad_bodies()[case]
    records = _records(4)
    records[1] = _encoded_body(records[1], encoding, payload)
    warc = tmp_path / name
    warc.write_bytes(b"".join(gzip.compress(r, mtime=0) for r in records) if name.endswith(".gz") else b"".join(records))
    corpus = tmp_path / "c"
    result = import_sources(corpus, [warc])
    for i in (0, 2, 3):
        assert _doc(corpus, f"https://en.example.org/{i}/").read_text(encoding="utf-8") == f"Page {i}, its own sentence."
    assert result.count("imported") == 3, result.problems
    named = [p for p in result.problems if p.startswith(f"{warc} record 2 ") and "body cannot be decoded" in p]
    assert named and encoding.decode() in named[0], result.problems


def test_import_cli_exits_1_naming_a_cut_gzip_body_and_imports_the_rest(tmp_path, capsys):
    encoding, payload = _bad_bodies()["gzip cut short"]
    records = _records(3)
    records[0] = _encoded_body(records[0], encoding, payload)
    warc = tmp_path / "cut.warc"
    warc.write_bytes(b"".join(records))
    assert main(["import", str(warc), "--into", str(tmp_path / "c")]) == 1
    err = capsys.readouterr().err
    assert "record 1" in err and "body cannot be decoded" in err and "Traceback" not in err
    assert _doc(tmp_path / "c", "https://en.example.org/2/").is_file()


def test_import_v_names_each_input_left_out_quietly_and_counts_a_hidden_page_file(tmp_path, capsys):
    """Non-HTML records, files skipped by their name and page-like dot-files were only counted (or,
    for the dot-file, not even that): `import -v` names each (redteam15 #2)."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "visible.html").write_text("<html><body><p>A page that is seen.</p></body></html>", encoding="utf-8")
    (src / ".hidden.html").write_text("<html><body><p>A page in a dot-file.</p></body></html>", encoding="utf-8")
    (src / "notes.txt").write_text("not a page", encoding="utf-8")
    write_warc(src / "crawl.warc", [
        WarcEntry(url="https://en.example.org/a/", body=b"<html><body><p>Page a.</p></body></html>"),
        WarcEntry(url="https://en.example.org/logo.png", body=b"\x89PNG\r\n", content_type="image/png"),
    ])
    result = import_sources(tmp_path / "c", [src])
    assert result.skipped["hidden file (its name starts with a dot)"] == 1
    assert any(line.startswith(f"{src / '.hidden.html'}: hidden") for line in result.left_out)
    assert any("notes.txt: not a WARC, HTML or JSONL file" in line for line in result.left_out)
    assert any("not HTML (image/png)" in line and "crawl.warc record 2" in line for line in result.left_out), result.left_out
    assert main(["import", str(src), "--into", str(tmp_path / "c2"), "-v"]) == 0
    err = capsys.readouterr().err
    assert ".hidden.html: hidden file" in err and "notes.txt: not a WARC" in err and "not HTML (image/png)" in err


@pytest.mark.parametrize("flag", [[], ["-q"]])
def test_import_names_the_page_left_alone_and_each_warning_by_default_and_with_q(flag, tmp_path, capsys):
    """`import -q` exited 1 and said nothing: the later of one address twice (the cause of exit 1) and the
    sources read with a warning were named only without -q (the first) or with -v (the second). README:
    "-q … errors and the files a command left out or read with a warning are still named" (redteam16 F2)."""
    src = tmp_path / "crawl.jsonl"
    src.write_text("\n".join([
        '{"url": "https://en.example.org/a/", "html": "<p>The first text of page a.</p>"}',
        '{"url": "https://en.example.org/b/", "html": "<p>Page b with a lone \\ud800 surrogate.</p>"}',
        '{"url": "https://en.example.org/a/", "html": "<p>Another text at the address of page a.</p>"}',
    ]) + "\n", encoding="utf-8")
    assert main(["import", str(src), "--into", str(tmp_path / "c"), *flag]) == 1
    err = capsys.readouterr().err
    assert "left alone" in err and "line 3" in err, err
    assert "line 2" in err and "surrogate" in err, err
    if flag:
        assert "imported 2" not in err  # the informational summary stays quiet


# -- round 21 (A5): a charset label naming one of Python's text transforms, not a web charset -----


@pytest.mark.parametrize("label", ["unicode_escape", "raw-unicode-escape", "punycode", "idna", "utf-7", "undefined",
                                   "charmap"])
def test_a_meta_charset_naming_a_python_transform_is_ignored_and_the_rest_imported(tmp_path, label):
    """`<meta charset="unicode_escape">` decoded `\\ud800` into a lone surrogate: a TypeError traceback ended the
    import (the pages after it lost); raw-unicode-escape and utf-7 rewrote the text silently (`\\u00e9` became é,
    `+AKM-` £); punycode and idna failed as "error". A browser ignores a label it does not know: so does Curator."""
    site = tmp_path / "site"
    site.mkdir()
    body = "Path C:\\new\\table, \\ud800 and \\u00e9, price +AKM-5."
    (site / "a.html").write_bytes(_page(body, label).encode("utf-8"))
    (site / "b.html").write_text(_page("The page after it.", "utf-8"), encoding="utf-8")
    corpus = tmp_path / "c"
    result = import_sources(corpus, [site])
    assert result.count("imported") == 2 and not result.problems
    texts = sorted(p.read_text(encoding="utf-8") for p in corpus.rglob("*.txt"))
    assert texts == sorted([body, "The page after it."])
    assert any(f"charset {label!r} (meta)" in w and "ignored" in w for w in result.warnings)
    assert codec_for(label) is None
