"""Red team 18 F13: import never follows a file symlink out of the source folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from curator.cli import main

PAGE = "<html><head><title>A page</title></head><body><p>Some text of a page, {}.</p></body></html>"


@pytest.mark.parametrize("kind", ["html", "jsonl", "warc.gz"])
def test_a_symlink_leaving_the_source_folder_is_named_and_not_imported(tmp_path: Path, kind: str,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "private" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("PRETTY_NAME=secret-content-of-this-machine\n", encoding="utf-8")
    src = tmp_path / "crawl"
    (src / "sub").mkdir(parents=True)
    (src / "a.html").write_text(PAGE.format("one"), encoding="utf-8")
    (src / "sub" / "b.html").write_text(PAGE.format("two"), encoding="utf-8")
    os.symlink(secret, src / f"os.{kind}")
    os.symlink(src / "sub" / "b.html", src / "inside.html")  # stays in the folder: read as before
    corpus = tmp_path / "c"
    assert main(["import", str(src), "--into", str(corpus)]) == 1
    err = capsys.readouterr().err
    assert f"os.{kind}" in err and "outside" in err
    texts = [p.read_text(encoding="utf-8") for p in corpus.glob("*.txt")]
    assert not any("secret-content" in t for t in texts)
    assert len(texts) >= 2
