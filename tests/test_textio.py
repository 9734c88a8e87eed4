"""Loading source texts: encodings, BOM, binary refusal, newline policy."""

from __future__ import annotations

import pytest

from curator.core.textio import SourceError, decode_bytes, read_source, sha256_text


def test_utf8_bom_is_dropped_and_hash_is_of_the_text():
    src = decode_bytes("Hello 😀".encode("utf-8-sig"))
    assert src.text == "Hello 😀"
    assert src.encoding == "utf-8"
    assert src.sha256 == sha256_text("Hello 😀")
    assert src.warnings == ()


def test_crlf_is_kept_so_offsets_index_the_raw_text():
    src = decode_bytes(b"one\r\n\r\ntwo")
    assert src.text == "one\r\n\r\ntwo"
    assert src.text[src.text.index("two"):] == "two"


def test_cp1251_russian_is_detected_with_a_warning(tmp_path):
    text = "Пресс-секретарь ОДКБ Владимир Зайнетдинов. Организация Договора о коллективной безопасности."
    path = tmp_path / "ru.txt"
    path.write_bytes(text.encode("cp1251"))
    src = read_source(path)
    assert src.text == text
    assert src.encoding.replace("_", "").lower() in {"cp1251", "windows1251"}
    assert src.warnings and "ru.txt" in src.warnings[0] and "not UTF-8" in src.warnings[0]


def test_short_undeclared_cp1251_is_read_as_cp1251_not_mac_cyrillic(tmp_path):
    """charset-normalizer ranks mac_cyrillic first (chaos 0.0 for both) on short Russian text: read
    that way, З, С, М became «, —, ћ. The import's choice (ingest.charset.detect) is used here too."""
    text = "Заседание Совета коллективной безопасности в Минске."
    path = tmp_path / "ru.txt"
    path.write_bytes(text.encode("cp1251"))
    src = read_source(path)
    assert src.text == text
    assert src.encoding.replace("_", "").lower() in {"cp1251", "windows1251"}
    assert "read as cp1251" in src.warnings[0]


def test_binary_file_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(SourceError) as info:
        read_source(path)
    assert "image.txt" in str(info.value) and "binary" in str(info.value)


def test_empty_file_is_fine(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    src = read_source(path)
    assert src.text == "" and src.sha256 == sha256_text("")


def test_text_with_a_stray_nul_is_still_text():
    assert decode_bytes(b"a\x00b" + b" plain words" * 20).text.startswith("a\x00b")


def test_lone_surrogate_is_refused_cleanly():
    with pytest.raises(ValueError, match="lone surrogate"):
        sha256_text("a\ud800b")


def test_missing_file_names_the_file(tmp_path):
    with pytest.raises(SourceError, match="nope.txt"):
        read_source(tmp_path / "nope.txt")


@pytest.mark.parametrize("text", ["plain ASCII\n\nnews", "Привет, мир 😀\r\n", "", "a\x00b" + "x" * 50])
def test_utf8_sources_hash_their_text_and_wide_ones_are_still_told(text):
    """The sha256 of a UTF-8 source is that of its text (taken from the bytes read, which are its UTF-8);
    UTF-16/32 without a byte-order mark is still told by its zero bytes."""
    src = decode_bytes(text.encode("utf-8"))
    assert (src.text, src.sha256, src.encoding) == (text, sha256_text(text), "utf-8")
    wide = "Wide text without a mark, long enough to be told. " * 4
    for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        got = decode_bytes(wide.encode(codec))
        assert (got.text, got.encoding, got.sha256) == (wide, codec, sha256_text(wide))
