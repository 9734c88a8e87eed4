"""Red team 18 F7: a lone surrogate in a curated file is named by validate and left out by export."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from curator.cli import main
from tests.conftest import SEEDS

DOC = "003_fec15abcf43ad61a"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(SEEDS, root, ignore=shutil.ignore_patterns(".curator"))
    path = root / "curated" / f"{DOC}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["articles"][0]["title"] += "\ud800"  # a title cut mid-emoji by some tool
    path.write_text(json.dumps(data, ensure_ascii=True, indent=2), encoding="utf-8")
    return root


def test_validate_names_the_file_and_field_of_a_lone_surrogate(corpus: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = corpus / "curated" / f"{DOC}.json"
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr()
    text = out.out + out.err
    assert f"{DOC}.json" in text and "articles[0].title" in text and "lone surrogate" in text


@pytest.mark.parametrize("fmt", ["jsonl", "parquet", "csv", "spacy", "labelstudio", "brat", "xmi"])
def test_export_leaves_out_and_names_a_file_with_a_lone_surrogate(corpus: Path, tmp_path: Path, fmt: str,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    if fmt == "spacy":
        pytest.importorskip("spacy")
    out = tmp_path / f"out.{fmt}"
    assert main(["export", str(corpus), "--format", fmt, "--json", "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert f"{DOC}.json" in captured.err and "lone surrogate" in captured.err
    result = json.loads(captured.out)
    assert out.exists() and result["documents"] >= 1
    assert [DOC] == [s.split("/")[-1].split(".")[0] for s in result["skipped"]]
