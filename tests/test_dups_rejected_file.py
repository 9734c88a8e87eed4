"""Red team 18 F11: dups names a curated file whose segments validate rejects, and does not use its decisions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from curator.cli import main
from tests.conftest import SEEDS

DOC = "004_a7b9a83599aa6619"
ONLY_HERE = "dup-cf29697bbf6999dc"  # confirmed in this file alone


def test_dups_names_a_file_with_a_reversed_segment_and_ignores_its_decisions(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "c"
    shutil.copytree(SEEDS, root, ignore=shutil.ignore_patterns(".curator"))
    path = root / "curated" / f"{DOC}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    seg = data["segments"][2]
    seg["start"], seg["end"] = seg["end"], seg["start"]
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    assert main(["dups", str(root), "--json", "--no-index"]) == 1
    captured = capsys.readouterr()
    assert f"{DOC}.json" in captured.err and f"segment {seg['id']}" in captured.err
    decisions = {g["id"]: g["decision"] for g in json.loads(captured.out)["groups"]}
    assert decisions.get(ONLY_HERE, "proposed") != "confirmed"
