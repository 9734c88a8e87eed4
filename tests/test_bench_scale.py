"""``curator bench scale`` alternates checkouts and --jobs values and prints their ratios in one run."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.bench import scale
from curator.bench.scale import Run, comparisons, settings

ROOT = Path(__file__).resolve().parents[1]


def test_settings_put_checkouts_back_to_back_inside_each_jobs_value(tmp_path: Path) -> None:
    a, b = tmp_path / "base", tmp_path / "main"
    plan = settings([a, b], [1, 2])
    assert [(s.label, s.jobs) for s in plan] == [("base", 1), ("main", 1), ("base", 2), ("main", 2)]
    assert [s.code for s in plan] == [a, b, a, b]
    same = settings([tmp_path / "x" / "main", tmp_path / "y" / "main"], [0])
    assert [s.label for s in same] == ["main#1", "main#2"]


def _run(command: str, code: str, jobs: int, round_no: int, cpu: float, wall: float, rc: int = 0,
         main_cpu: float = 0.0) -> Run:
    return Run("docs-10", 10, 1.0, command, cpu, wall, 1, 1, 1, rc, code=code, jobs=jobs, round=round_no,
               main_cpu=main_cpu)


def test_comparisons_give_each_rounds_ratio_and_the_median() -> None:
    runs = [
        _run("parse", "base", 1, 1, 30, 30), _run("parse", "main", 1, 1, 24, 24),
        _run("parse", "base", 2, 1, 31, 20), _run("parse", "main", 2, 1, 25, 15),
        _run("parse", "base", 1, 2, 33, 33), _run("parse", "main", 1, 2, 22, 22),
        _run("parse", "base", 2, 2, 33, 22), _run("parse", "main", 2, 2, 23, 11),
        _run("parse", "base", 1, 3, 36, 36), _run("parse", "main", 1, 3, 27, 27),
        _run("parse", "base", 2, 3, 36, 18), _run("parse", "main", 2, 3, 28, 18),
    ]
    lines = comparisons(runs)
    assert any(line.startswith("  docs-10 parse base: wall --jobs 1 / --jobs 2: 1.50, 1.50, 2.00 (median 1.50x)")
               for line in lines)
    assert any(line.startswith("  docs-10 parse main: wall --jobs 1 / --jobs 2: 1.60, 2.00, 1.50 (median 1.60x)")
               for line in lines)
    assert ("  docs-10 parse --jobs 1: main / base: CPU 0.80, 0.67, 0.75 (median 0.75x), "
            "wall 0.80, 0.67, 0.75 (median 0.75x)") in lines
    assert any(line.startswith("  docs-10 parse --jobs 2: main / base: CPU 0.81, 0.70, 0.78") for line in lines)


def test_the_jobs_ratios_give_wall_and_the_cpu_of_main_and_children_and_of_main_alone() -> None:
    runs = [
        _run("dups", "main", 1, 1, 10, 10, main_cpu=9), _run("dups", "main", 2, 1, 12, 6, main_cpu=2),
        _run("dups", "main", 1, 2, 10, 8, main_cpu=9.5), _run("dups", "main", 2, 2, 11, 5, main_cpu=1.5),
        _run("dups", "main", 1, 3, 10, 9, main_cpu=9), _run("dups", "main", 2, 3, 13, 6, main_cpu=1),
    ]
    assert comparisons(runs) == [
        "  docs-10 dups main: wall --jobs 1 / --jobs 2: 1.67, 1.60, 1.50 (median 1.60x); "
        "CPU (main + children) --jobs 2 / --jobs 1: 1.20, 1.10, 1.30 (median 1.20x); "
        "main process CPU s --jobs 1 9.00, 9.50, 9.00 (median 9.00), --jobs 2 2.00, 1.50, 1.00 (median 1.50)"]


def test_a_failed_run_leaves_its_round_out_of_the_ratios() -> None:
    runs = [
        _run("dups", "main", 1, 1, 10, 10), _run("dups", "main", 2, 1, 10, 5, rc=-9),
        _run("dups", "main", 1, 2, 10, 10), _run("dups", "main", 2, 2, 10, 8),
    ]
    lines = comparisons(runs)
    assert len(lines) == 1 and lines[0].startswith("  docs-10 dups main: wall --jobs 1 / --jobs 2: 1.25 (median 1.25x);")


def test_alternated_run_takes_every_combination_once_a_round_on_a_fresh_corpus(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other"
    (other / "curator").mkdir(parents=True)
    calls: list[tuple[str, str, list[str], bool]] = []
    walls = iter(range(10, 1000))
    outputs: list[Path] = []  # where each parse's curated files went

    def fake_run(argv: list[str], *, cwd: Path, max_rss: int, stdout: Path):
        command = argv[3]
        corpus = Path(argv[4])
        calls.append((cwd.name, command, argv[5:], any((corpus / "curated").iterdir())))
        # no earlier run's outputs are deleted while the series runs
        assert all((out / "x.json").is_file() for out in outputs)
        if command == "parse":  # the parse writes the curated files the next commands use
            assert (corpus / "curated").is_symlink() and (corpus / ".curator").is_symlink()
            target = (corpus / "curated").resolve()
            assert target not in outputs and not corpus.resolve() in target.parents
            outputs.append(target)
            (corpus / "curated" / "x.json").write_text('{"status": "auto"}', encoding="utf-8")
        wall = float(next(walls))
        return wall, wall, 100.0, 90.0, 120.0, 0, "", wall / 4

    monkeypatch.setattr(scale, "run_command", fake_run)
    rc = scale.main(["--sizes", "6", "--pages", "", "--commands", "parse,dups", "--jobs", "1,2", "--rounds", "2",
                     "--code", f"{ROOT},{other}", "--work", str(tmp_path / "work"), "--seeds", str(ROOT / "seeds"),
                     "--no-reference"])
    assert rc == 0
    code_a = ROOT.name
    expected_order = [(code, jobs) for _ in range(2) for jobs in ("1", "2") for code in (code_a, "other")]
    parses = [(cwd, argv[argv.index("--jobs") + 1]) for cwd, command, argv, _ in calls if command == "parse"]
    assert parses == expected_order
    # every parse starts without the curated files of the run before it; dups sees the parse's own
    assert [fresh for _, command, _, fresh in calls if command == "parse"] == [False] * 8
    assert [fresh for _, command, _, fresh in calls if command == "dups"] == [True] * 8
    # every parse's outputs went to a folder of its own, and all were deleted after the series
    assert len(outputs) == 8 and not any(out.exists() for out in outputs)
    corpus = tmp_path / "work" / "site-6"
    assert not (corpus / "curated").exists() and not (corpus / ".curator").exists()
    assert not (tmp_path / "work" / "runs").exists()
    out = capsys.readouterr().out
    assert "fresh folder" in out and "deleted the outputs of 8 runs after the series" in out
    assert "2 rounds alternated" in out
    assert f"docs-6 parse {code_a}: wall --jobs 1 / --jobs 2:" in out
    assert f"docs-6 dups --jobs 2: other / {code_a}: CPU" in out


def test_bad_jobs_or_code_are_refused_with_the_value(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        scale.main(["--jobs", "1,two", "--work", str(tmp_path)])
    assert "'1,two'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        scale.main(["--code", str(tmp_path / "nowhere"), "--work", str(tmp_path)])
    assert "no curator package in" in capsys.readouterr().err


def test_a_real_alternated_run_of_parse_prints_the_jobs_ratio(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    rc = scale.main(["--sizes", "8", "--pages", "", "--commands", "parse", "--jobs", "1,2", "--code", str(ROOT),
                     "--work", str(tmp_path / "work"), "--seeds", str(ROOT / "seeds"), "--no-reference"])
    out = capsys.readouterr().out
    assert rc == 0, out
    rows = [line for line in out.splitlines() if " docs-8 " in line and " parse " in line and "wall" not in line]
    assert len(rows) == 2 and all(line.rstrip().endswith(" 0") for line in rows), out
    # CPU s (main + children), then the main process alone: some, and no more than the whole
    for row in rows:
        cpu, main_cpu = (float(x) for x in row.split(" parse ")[1].split()[:2])
        assert 0 < main_cpu <= cpu, row
    assert f"docs-8 parse {ROOT.name}: wall --jobs 1 / --jobs 2:" in out
    assert "deleted the outputs of 2 runs after the series" in out


def test_outputs_left_by_an_older_bench_or_a_killed_series_are_moved_aside_not_measured(tmp_path: Path) -> None:
    corpus = tmp_path / "site"
    (corpus / "curated").mkdir(parents=True)
    (corpus / "curated" / "a.json").write_text("{}", encoding="utf-8")
    (tmp_path / "runs" / "docs-1.r1.x.j1" / "curated").mkdir(parents=True)
    folders = scale.RunFolders(tmp_path / "runs")
    assert not (tmp_path / "runs" / "docs-1.r1.x.j1").exists()  # the killed series' folder: aside
    first = folders.fresh(corpus, "docs-1.r1.x.j1")
    assert (corpus / "curated").resolve() == (first / "curated").resolve()
    assert not any((corpus / "curated").iterdir())  # fresh, the old real folder moved aside
    second = folders.fresh(corpus, "docs-1.r1.x.j1")  # the same key again: a folder of its own
    assert second != first and (corpus / "curated").resolve() == (second / "curated").resolve()
    n, _ = folders.cleanup([corpus])
    assert n == 2 and not (tmp_path / "runs").exists() and not (corpus / "curated").exists()
