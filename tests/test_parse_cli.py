"""``curator parse``: contract files that ``curator validate`` accepts, or a summary table."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from curator.cli import main
from curator.core.jsonio import parse_curation
from curator.core.model import text_problems


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_parse_writes_one_valid_file_per_document(seeds_copy: Path, jobs: str, capsys) -> None:
    out = seeds_copy / "curated"
    shutil.rmtree(out, ignore_errors=True)  # the copy may carry curated gold; write fresh files
    assert main(["parse", str(seeds_copy), "--out", str(out), "--jobs", jobs]) == 0
    sources = sorted(seeds_copy.glob("*.txt"))
    files = sorted(out.glob("*.json"))
    assert [f.stem for f in files] == [s.stem for s in sources]
    for src, f in zip(sources, files, strict=True):
        cur = parse_curation(f.read_bytes(), f)
        assert cur.status == "auto"
        assert text_problems(cur, src.read_text(encoding="utf-8")) == []
    capsys.readouterr()
    assert main(["validate", str(seeds_copy)]) == 0


def test_parse_prints_a_summary_without_out(seeds_copy: Path, capsys) -> None:
    before = sorted(p.relative_to(seeds_copy) for p in seeds_copy.rglob("*"))
    assert main(["parse", str(seeds_copy)]) == 0
    out = capsys.readouterr().out
    assert "004_a7b9a83599aa6619: 47 segments" in out
    assert "article: news, 2020-01-14: On November 28, 2019" in out
    assert "event: session, 2019-11-28, Bishkek" in out
    assert sorted(p.relative_to(seeds_copy) for p in seeds_copy.rglob("*")) == before  # nothing written


def test_parse_reports_unreadable_documents_and_goes_on(seeds_copy: Path, capsys) -> None:
    (seeds_copy / "broken.txt").write_bytes(b"\x00\x01\x02" * 1000)
    out = seeds_copy / "parsed"
    assert main(["parse", str(seeds_copy), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "broken.txt" in err
    assert len(list(out.glob("*.json"))) == 5


def test_parse_missing_corpus(tmp_path: Path, capsys) -> None:
    assert main(["parse", str(tmp_path / "nope")]) == 2
    assert "nope" in capsys.readouterr().err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_parse_proposes_duplicates_like_the_pipeline(seeds_copy: Path, jobs: str, capsys) -> None:
    from curator.core.pipeline import parse_corpus
    from curator.core.store import Corpus

    out = seeds_copy / "parsed"
    assert main(["parse", str(seeds_copy), "--out", str(out), "--jobs", jobs]) == 0
    expected = parse_corpus(Corpus(seeds_copy))
    written = {f.stem: parse_curation(f.read_bytes(), f) for f in out.glob("*.json")}
    assert set(written) == set(expected)
    # the seeds share their sidebars and footers: every page has proposals, and they are the app's
    assert all(cur.duplicates for cur in written.values())
    for doc_id, cur in written.items():
        assert [d.model_dump() for d in cur.duplicates] == [d.model_dump() for d in expected[doc_id].duplicates]
    capsys.readouterr()
    assert main(["parse", str(seeds_copy), "--jobs", jobs]) == 0
    summary = capsys.readouterr().out
    for doc_id, cur in expected.items():
        groups = len({d.group for d in cur.duplicates})
        lines = summary.split(f"{doc_id}: ", 1)[1].splitlines()[1:]
        own = [line for line in lines[: next(i for i, x in enumerate([*lines, ""]) if not x.startswith("  "))]]
        assert f"  duplicates: {len(cur.duplicates)} segment(s) in {groups} group(s)" in own


def test_parsing_again_into_the_store_leaves_curated_files_quietly(seeds_copy: Path, capsys) -> None:
    """`parse --out CORPUS/curated` never writes over a curated file. Running it again is not an
    error (exit 0): -q prints nothing, the default one line with the count, -v each file."""
    store = seeds_copy / "curated"
    before = {p.name: p.read_bytes() for p in store.glob("*.json")}
    assert len(before) == 5
    assert main(["parse", str(seeds_copy), "--out", str(store), "-q"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["parse", str(seeds_copy), "--out", str(store)]) == 0
    err = capsys.readouterr().err
    assert err.count("left as it is") + err.count("left as they are") == 1 and "5 existing" in err
    assert main(["parse", str(seeds_copy), "--out", str(store), "-v"]) == 0
    assert capsys.readouterr().err.count("exists already") == 5
    assert {p.name: p.read_bytes() for p in store.glob("*.json")} == before


@pytest.mark.parametrize("where", ["afile", "afile/sub"])
def test_an_out_that_cannot_be_a_folder_is_refused_before_parsing(seeds_copy: Path, tmp_path: Path, capsys, where) -> None:
    """--out naming a file (or a folder under one) parsed the whole corpus, then printed one 'cannot
    write: Not a directory' per Document and never said why (redteam10 H9)."""
    (tmp_path / "afile").write_text("keep me", encoding="utf-8")
    code = main(["parse", str(seeds_copy), "--out", str(tmp_path / where)])
    out, err = capsys.readouterr()
    assert code == 2
    assert err.count("\n") == 1 and "afile" in err and "not a folder" in err
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("out_name", ["curated", "parsed"])
def test_parse_with_jobs_lists_the_corpus_for_its_notices_while_the_workers_write(
        seeds_copy: Path, out_name: str, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """The corpus listed again for the notices (orphaned curated files, listing problems: ~0.5 CPU-s at
    10k pages, alone at the end) is listed in a thread during the output stage, with the same notices."""
    import threading

    from curator.core.store import Corpus

    shutil.rmtree(seeds_copy / "curated", ignore_errors=True)
    (seeds_copy / "curated").mkdir()
    (seeds_copy / "curated" / "zz_orphan.json").write_bytes(
        next(iter(sorted((Path(__file__).parents[1] / "seeds" / "curated").glob("*.json")))).read_bytes())
    (seeds_copy / "zz_gone.txt").symlink_to("nowhere")
    errs = {}
    real = Corpus.scan_problems
    for jobs in ("1", "2"):
        out = seeds_copy / out_name
        for path in list(out.glob("*.json")):
            if path.name != "zz_orphan.json":
                path.unlink()
        threads: list[str] = []

        def spy(self: Corpus) -> list[str]:
            threads.append(threading.current_thread().name)
            return real(self)

        monkeypatch.setattr(Corpus, "scan_problems", spy)
        assert main(["parse", str(seeds_copy), "--out", str(out), "--jobs", jobs, "-q"]) == 1
        errs[jobs] = capsys.readouterr().err
        assert threads == (["MainThread"] if jobs == "1" else ["curator-scan"])
    assert "zz_orphan.json: its source document is gone" in errs["1"]
    assert "zz_gone.txt: a dangling symlink" in errs["1"]
    assert errs["1"] == errs["2"]
