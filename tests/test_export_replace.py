"""File exports (jsonl, csv, parquet, labelstudio, one-file spacy) and the files beside them (the data card, Label
Studio's labelling config) replace only what an earlier Curator export wrote and nobody changed since (round 21,
L1), as the folder exports do (A2); ``force`` (``--force``) replaces them all the same."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from curator.cli import main as cli_main
from curator.core.export import ExportError, ExportOptions, card_path, export_corpus
from curator.core.export.interop import label_config_path

FORMATS = ["jsonl", "csv", "parquet", "labelstudio"] + (["spacy"] if importlib.util.find_spec("spacy") else [])
NAMES = {"jsonl": "x.jsonl", "csv": "x.csv", "parquet": "x.parquet", "labelstudio": "x.json", "spacy": "x.spacy"}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "page.txt").write_text("Talks in Minsk\n\nTalks in Minsk 08.11.2023\n\nOn 8 November talks were held.\n\n"
                                   "A second paragraph 👍.\n", encoding="utf-8")
    return root


def _export(corpus: Path, out: Path, fmt: str, **kw):
    return export_corpus(corpus, out, options=ExportOptions(format=fmt, include="all"), **kw)


def _beside(out: Path, fmt: str) -> list[Path]:
    return [out, card_path(out)] + ([label_config_path(out)] if fmt == "labelstudio" else [])


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_untouched_earlier_export_is_replaced_an_edited_one_is_not(corpus, tmp_path, fmt):
    out = tmp_path / NAMES[fmt]
    _export(corpus, out, fmt)
    _export(corpus, out, fmt)  # its own earlier export, unchanged: replaced
    for path in _beside(out, fmt):
        exported = path.read_bytes()
        path.write_bytes(exported + b"\n")  # someone's edit
        with pytest.raises(ExportError, match=rf"{path.name}: changed since Curator exported it.*--force"):
            _export(corpus, out, fmt)
        assert path.read_bytes() == exported + b"\n"
        path.write_bytes(exported)
    assert not [p for p in tmp_path.iterdir() if ".partial" in p.name]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_file_no_curator_export_wrote_is_not_replaced(corpus, tmp_path, fmt):
    out = tmp_path / NAMES[fmt]
    for path in _beside(out, fmt):
        path.write_text("someone's work", encoding="utf-8")
        with pytest.raises(ExportError, match=rf"{path.name}: exists and is not a Curator export.*--force"):
            _export(corpus, out, fmt)
        assert path.read_text(encoding="utf-8") == "someone's work"
        assert [p for p in _beside(out, fmt) if p.exists()] == [path]  # nothing written
        path.unlink()


def test_force_replaces_an_edited_export_and_someone_elses_file(corpus, tmp_path):
    out = tmp_path / "x.jsonl"
    out.write_text("someone's work", encoding="utf-8")
    _export(corpus, out, "jsonl", force=True)
    assert out.read_text(encoding="utf-8").startswith("{")
    card_path(out).write_text("my notes", encoding="utf-8")
    _export(corpus, out, "jsonl", force=True)
    assert card_path(out).read_text(encoding="utf-8") != "my notes"
    _export(corpus, out, "jsonl")  # what force wrote is an export like any other


def test_the_command_refuses_as_for_a_folder_and_force_replaces(corpus, tmp_path, capsys):
    out = tmp_path / "x.jsonl"
    assert cli_main(["export", str(corpus), "--include", "all", "--out", str(out)]) == 0
    assert cli_main(["export", str(corpus), "--include", "all", "--out", str(out)]) == 0
    out.write_text(out.read_text(encoding="utf-8") + "{}\n", encoding="utf-8")
    capsys.readouterr()
    assert cli_main(["export", str(corpus), "--include", "all", "--out", str(out)]) == 2  # as A2's folder refusal
    err = capsys.readouterr().err
    assert f"{out}: changed since Curator exported it" in err and "--force" in err and "nothing was written" in err
    assert out.read_text(encoding="utf-8").endswith("{}\n")
    assert cli_main(["export", str(corpus), "--include", "all", "--out", str(out), "--force"]) == 0
    assert not out.read_text(encoding="utf-8").endswith("{}\n")
