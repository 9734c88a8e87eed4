"""Export: records, honesty rules (status, sha256, duplicates), formats as data tools read them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from curator.cli import main as cli_main
from curator.core.export import (
    ExportCancelled,
    ExportError,
    ExportOptions,
    card_path,
    export_corpus,
)
from curator.core.export.writers import ParquetWriter, partial_path
from curator.core.model import (
    Article,
    Curation,
    DocumentRef,
    Duplicate,
    DuplicateRef,
    Event,
    ParserInfo,
    Segment,
    Span,
    Speaker,
)
from curator.core.store import Corpus
from curator.core.textio import sha256_text

SPEECH = (
    "Related 😀 teaser 01.02.2024\n\n"
    "Title of the speech\n\n"
    "Title of the speech 08.11.2023\n\n"
    "Dear colleagues!\n\n"
    "We met 😀 today in Minsk.\n\n"
    "Second 👍🏽 paragraph.\n\n"
    "Contacts: press office"
)
NEWS = (
    "News title\n\n"
    "News title 09.11.2023\n\n"
    "We met 😀 today in Minsk.\n\n"
    "A new fact 🇦🇲 here.\n\n"
    "Second 👍🏽 paragraph."
)
COPY = "Copied title\n\nWe met 😀 today in Minsk."
DRAFT = "Draft title\n\nA draft paragraph."
FRESH = "Fresh page never opened.\n\nIt has two blocks 😀."
STALE = "Stale title\n\nOriginal text."

SPEECH_BODY = "Dear colleagues!\n\nWe met 😀 today in Minsk.\n\nSecond 👍🏽 paragraph."


def _blocks(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for block in text.split("\n\n"):
        start = text.index(block, pos)
        spans.append((start, start + len(block)))
        pos = start + len(block)
    return spans


def _curation(
    doc_id: str,
    text: str,
    labels: list[str],
    *,
    article: str | None,
    speaker: dict[int, str] | None = None,
    status: str = "curated",
    **extra: object,
) -> Curation:
    speaker = speaker or {}
    segments = []
    for i, ((s, e), label) in enumerate(zip(_blocks(text), labels, strict=True), start=1):
        outside = label in ("teaser", "boilerplate")
        segments.append(
            Segment(id=f"s{i}", start=s, end=e, label=label, text=text[s:e],
                    article=None if outside else article, speaker=speaker.get(i))
        )
    return Curation(
        document=DocumentRef(id=doc_id, path=f"{doc_id}.txt", sha256=sha256_text(text), length=len(text)),
        parser=ParserInfo(name="test-parser", version="9.9"),
        status=status,
        segments=segments,
        **extra,
    )


def make_corpus(root: Path) -> Path:
    """Six Documents covering every export rule; curations made by hand, no parser involved."""
    root.mkdir(parents=True, exist_ok=True)
    for doc_id, text in {"pages/speech": SPEECH, "news": NEWS, "copy": COPY, "draft": DRAFT,
                         "fresh": FRESH, "stale": STALE}.items():
        path = root / f"{doc_id}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    corpus = Corpus(root)
    jane = Speaker(id="jane", name="Jane Doe 😀", role="Secretary General")
    minsk = SPEECH.index("We met")
    speech = _curation(
        "pages/speech", SPEECH,
        ["teaser", "title", "dateline", "salutation", "paragraph", "paragraph", "boilerplate"],
        article="a1", speaker={4: "jane", 5: "jane", 6: "jane"},
        articles=[Article(id="a1", title="Title of the speech", date="2023-11-08", kind="speech")],
        speakers=[jane],
        events=[
            Event(id="e1", type="meeting", date="2023-11-08", place="Minsk", participants=["jane"],
                  evidence=[Span(start=minsk, end=minsk + len("We met 😀 today in Minsk."))], decision="confirmed"),
            Event(id="e2", type="summit", evidence=[Span(start=minsk, end=minsk + 6)], decision="rejected"),
        ],
        duplicates=[Duplicate(segment="s5", group="g1", of=None, kind="exact", score=1.0)],
    )
    news = _curation(
        "news", NEWS, ["title", "dateline", "lead", "paragraph", "paragraph"], article="b1",
        articles=[Article(id="b1", title="News title", date=None, kind="news")],
        duplicates=[
            Duplicate(segment="s3", group="g1", of=DuplicateRef(document="pages/speech", segment="s5"),
                      kind="exact", score=1.0, decision="confirmed"),
            Duplicate(segment="s5", group="g2", of=DuplicateRef(document="pages/speech", segment="s6"),
                      kind="near", score=0.9, decision="rejected"),
        ],
    )
    copy = _curation(
        "copy", COPY, ["title", "paragraph"], article="c1",
        articles=[Article(id="c1", title="Copied title", date="2024-01-02", kind="news")],
        duplicates=[Duplicate(segment="s2", group="g1", of=DuplicateRef(document="pages/speech", segment="s5"),
                              kind="near", score=0.97, start=0, end=len("We met 😀 today"))],
    )
    draft = _curation("draft", DRAFT, ["title", "paragraph"], article="d1", status="in_progress",
                      articles=[Article(id="d1", title="Draft title", kind="other")])
    stale = _curation("stale", STALE, ["title", "paragraph"], article="x1",
                      articles=[Article(id="x1", title="Stale title", kind="news")])
    for cur in (speech, news, copy, draft, stale):
        corpus.save(cur, expected_stamp=None)
    # The source changes after curation: its curated file must never be exported.
    (root / "stale.txt").write_bytes(b"Stale title\n\nOriginal text, edited later.")
    return root


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "corpus")


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _export(corpus: Path, out: Path, **kw: object):
    return export_corpus(corpus, out, options=ExportOptions(**kw))


# -- article records -----------------------------------------------------------------------------


def test_article_record_holds_the_articles_own_text_and_its_annotations(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "articles.jsonl"
    result = _export(corpus, out)
    records = {r["article"]: r for r in _jsonl(out)}
    assert set(records) == {"a1", "b1", "c1"}  # curated only: no draft, no fresh, not the stale one
    a1 = records["a1"]
    assert a1["text"] == SPEECH_BODY  # no teaser, boilerplate, title or dateline
    assert (a1["document"], a1["title"], a1["date"], a1["kind"]) == ("pages/speech", "Title of the speech",
                                                                     "2023-11-08", "speech")
    assert records["b1"]["date"] is None
    assert a1["status"] == "curated"
    assert a1["source_sha256"] == sha256_text(SPEECH)
    assert (a1["parser_name"], a1["parser_version"]) == ("test-parser", "9.9")
    assert [s["label"] for s in a1["segments"]] == ["title", "dateline", "salutation", "paragraph", "paragraph"]
    for seg in a1["segments"]:
        assert SPEECH[seg["start"]:seg["end"]] == seg["text"]  # code points into the source
        if seg["label"] in ("title", "dateline"):
            assert seg["text_start"] is None
        else:
            assert a1["text"][seg["text_start"]:seg["text_end"]] == seg["text"]  # code points into `text`
    assert a1["segments"][3]["speaker"] == "Jane Doe 😀"
    assert a1["speakers"] == [{"id": "jane", "name": "Jane Doe 😀", "role": "Secretary General"}]
    assert a1["events"] == [{
        "id": "e1", "type": "meeting", "date": "2023-11-08", "place": "Minsk", "participants": ["Jane Doe 😀"],
        "evidence": [{"start": SPEECH.index("We met"), "end": SPEECH.index("We met") + 24,
                      "text": "We met 😀 today in Minsk."}],
        "decision": "confirmed",
    }]  # the rejected summit is not there
    assert result.documents == 3 and result.records == 3


def test_default_is_curated_only_and_include_all_adds_others_with_their_status(corpus: Path, tmp_path: Path) -> None:
    curated = _export(corpus, tmp_path / "c.jsonl", level="segment")
    assert {r["status"] for r in _jsonl(tmp_path / "c.jsonl")} == {"curated"}
    assert curated.excluded == 2  # draft (in_progress) and fresh (no curated file)
    _export(corpus, tmp_path / "all.jsonl", level="segment", include="all")
    rows = _jsonl(tmp_path / "all.jsonl")
    status = {r["document"]: r["status"] for r in rows}
    assert status["draft"] == "in_progress"
    assert status["fresh"] == "auto"  # parsed on the fly
    assert status["pages/speech"] == "curated"
    fresh = [r for r in rows if r["document"] == "fresh"]
    assert fresh and all(FRESH[r["start"]:r["end"]] == r["text"] for r in fresh)
    assert "stale" not in status


def test_curated_file_that_no_longer_matches_its_source_is_skipped_and_named(corpus: Path, tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "a.jsonl"
    result = _export(corpus, out, include="all")
    assert [s.document for s in result.skipped] == ["stale"]
    message = str(result.skipped[0])
    assert str(corpus / "curated" / "stale.json") in message and "sha256" in message
    assert "Original text" not in out.read_text(encoding="utf-8")
    assert "curated/stale.json" in card_path(out).read_text(encoding="utf-8")
    code = cli_main(["export", str(corpus), "--out", str(tmp_path / "cli.jsonl"), "-q"])
    err = capsys.readouterr().err
    assert code == 1
    assert "stale.json" in err and "does not match its source" in err
    assert (tmp_path / "cli.jsonl").is_file()


def test_unreadable_curated_file_is_skipped_with_its_path(corpus: Path, tmp_path: Path) -> None:
    (corpus / "curated" / "news.json").write_text("{ not json", encoding="utf-8")
    result = _export(corpus, tmp_path / "a.jsonl")
    assert [s.document for s in result.skipped] == ["news", "stale"]
    assert "news.json" in str(result.skipped[0]) and "not valid JSON" in str(result.skipped[0])


# -- segment records -----------------------------------------------------------------------------


def test_segment_records_carry_neighbouring_labels_and_offsets(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "seg.jsonl"
    _export(corpus, out, level="segment")
    rows = [r for r in _jsonl(out) if r["document"] == "pages/speech"]
    assert [r["label"] for r in rows] == ["teaser", "title", "dateline", "salutation", "paragraph", "paragraph",
                                          "boilerplate"]
    assert [r["prev_label"] for r in rows] == [None, "teaser", "title", "dateline", "salutation", "paragraph",
                                               "paragraph"]
    assert rows[-1]["next_label"] is None and rows[0]["next_label"] == "title"
    assert rows[0]["article"] is None and rows[1]["article"] == "a1"
    assert rows[4]["speaker"] == "Jane Doe 😀" and rows[1]["speaker"] is None
    for r in rows:
        assert SPEECH[r["start"]:r["end"]] == r["text"]


def test_labels_filter_keeps_only_those_labels_but_neighbours_stay_true(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.jsonl"
    _export(corpus, out, level="segment", labels=frozenset({"paragraph"}))
    rows = _jsonl(out)
    assert rows and {r["label"] for r in rows} == {"paragraph"}
    first = next(r for r in rows if r["document"] == "pages/speech")
    assert first["prev_label"] == "salutation"
    art = tmp_path / "pa.jsonl"
    _export(corpus, art, labels=frozenset({"paragraph"}))
    a1 = next(r for r in _jsonl(art) if r["article"] == "a1")
    assert a1["text"] == "We met 😀 today in Minsk.\n\nSecond 👍🏽 paragraph."


def test_cli_rejects_unknown_label_naming_it(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    code = cli_main(["export", str(corpus), "--out", str(tmp_path / "x.jsonl"), "--labels", "paragraph,parragraph"])
    assert code == 2
    assert "parragraph" in capsys.readouterr().err
    assert not (tmp_path / "x.jsonl").exists()


# -- duplicates ----------------------------------------------------------------------------------


def test_drop_duplicates_keeps_canonical_copies_and_rejected_ones(corpus: Path, tmp_path: Path) -> None:
    kept = tmp_path / "kept.jsonl"
    _export(corpus, kept, level="segment")
    assert sum(r["text"] == "We met 😀 today in Minsk." for r in _jsonl(kept)) == 3
    out = tmp_path / "dedup.jsonl"
    result = _export(corpus, out, level="segment", drop_duplicates=True)
    rows = _jsonl(out)
    copies = [r for r in rows if r["text"] == "We met 😀 today in Minsk."]
    assert [(r["document"], r["segment"]) for r in copies] == [("pages/speech", "s5")]  # the canonical one
    # news s5 is marked a near copy but the editor rejected that: it stays.
    assert any(r["document"] == "news" and r["segment"] == "s5" for r in rows)
    assert result.dropped_segments == 2
    card = card_path(out).read_text(encoding="utf-8")
    assert "Dropped: 2 segments that copy a canonical passage" in card
    assert "| news | s3 | lead | pages/speech/s5 | exact | 1.00 |" in card
    assert "| copy | s2 | paragraph | pages/speech/s5 | near (partial) | 0.97 |" in card


def test_article_whose_text_is_all_duplicate_is_dropped_and_counted(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.jsonl"
    _export(corpus, out, drop_duplicates=True)
    records = {r["article"]: r for r in _jsonl(out)}
    assert set(records) == {"a1", "b1"}
    assert records["b1"]["text"] == "A new fact 🇦🇲 here.\n\nSecond 👍🏽 paragraph."
    assert records["b1"]["duplicates_dropped"] == 1
    assert "1 article lost every text segment this way and is not in the data" in card_path(out).read_text(encoding="utf-8")


# -- the data card -------------------------------------------------------------------------------


def test_card_counts_labels_kinds_speakers_events_dates_parsers_and_statuses(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.parquet"
    _export(corpus, out, format="parquet")
    card = card_path(out).read_text(encoding="utf-8")
    assert card_path(out).name == "a.parquet.card.md"
    assert "| paragraph | 5 |" in card and "| lead | 1 |" in card  # speech 2, news 2, copy 1
    assert "| speech | 1 |" in card and "| news | 2 |" in card
    assert "| Jane Doe 😀 | 3 |" in card
    assert "| meeting | 1 |" in card and "summit" not in card  # the rejected event is not counted
    assert "From 2023-11-08 to 2024-01-02; 1 article without a date." in card
    assert "| curated | 3 |" in card and "| test-parser 9.9 | 3 |" in card
    assert "1 in_progress, 1 without a curated file" in card  # what --include curated left out
    assert "stale.json" in card
    mixed = tmp_path / "all.parquet"
    _export(corpus, mixed, format="parquet", include="all")
    card = card_path(mixed).read_text(encoding="utf-8")
    assert "| curated | 3 |" in card and "| in_progress | 1 |" in card and "| auto | 1 |" in card
    assert "| test-parser 9.9 | 4 |" in card  # the fifth document's parser is whatever parsed it


# -- formats as the libraries read them ----------------------------------------------------------


def test_parquet_has_typed_nested_columns_and_matches_jsonl(corpus: Path, tmp_path: Path) -> None:
    import pandas as pd

    _export(corpus, tmp_path / "a.jsonl")
    _export(corpus, tmp_path / "a.parquet", format="parquet")
    table = pq.read_table(tmp_path / "a.parquet")
    assert table.schema.field("date").type == pa.date32()
    seg_type = table.schema.field("segments").type
    assert pa.types.is_list(seg_type) and pa.types.is_struct(seg_type.value_type)
    assert seg_type.value_type.field("start").type == pa.int64()
    assert table.schema.field("events").type.value_type.field("participants").type == pa.list_(pa.string())
    rows = table.to_pylist()
    expected = _jsonl(tmp_path / "a.jsonl")
    for row, exp in zip(rows, expected, strict=True):
        row["date"] = row["date"].isoformat() if row["date"] else None
        for ev in row["events"]:
            ev["date"] = ev["date"].isoformat() if ev["date"] else None
        assert row == exp
    df = pd.read_parquet(tmp_path / "a.parquet")
    a1 = df[df["article"] == "a1"].iloc[0]
    assert a1["text"] == SPEECH_BODY
    assert a1["date"] == dt.date(2023, 11, 8)
    assert [s["text"] for s in a1["segments"]][3] == "We met 😀 today in Minsk."


def test_pandas_reads_jsonl_and_csv_as_they_are(corpus: Path, tmp_path: Path) -> None:
    import pandas as pd

    _export(corpus, tmp_path / "s.jsonl", level="segment")
    _export(corpus, tmp_path / "s.csv", format="csv", level="segment")
    _export(corpus, tmp_path / "a.csv", format="csv")
    js = pd.read_json(tmp_path / "s.jsonl", lines=True)
    cs = pd.read_csv(tmp_path / "s.csv", keep_default_na=False)
    assert len(js) == len(cs) > 0
    assert list(js["text"]) == list(cs["text"])
    assert list(js["start"]) == list(cs["start"]) and list(js["end"]) == list(cs["end"])
    emoji = js[js["text"] == "Second 👍🏽 paragraph."].iloc[0]
    assert emoji["end"] - emoji["start"] == len("Second 👍🏽 paragraph.")
    arts = pd.read_csv(tmp_path / "a.csv", keep_default_na=False)
    a1 = arts[arts["article"] == "a1"].iloc[0]
    assert a1["text"] == SPEECH_BODY  # blank lines inside a quoted cell survive
    segments = json.loads(a1["segments"])  # nested fields are JSON strings in CSV
    assert segments[4]["text"] == "Second 👍🏽 paragraph."
    assert a1["date"] == "2023-11-08"


def test_hugging_face_datasets_loads_json_and_parquet(corpus: Path, tmp_path: Path) -> None:
    from datasets import load_dataset

    _export(corpus, tmp_path / "s.jsonl", level="segment")
    _export(corpus, tmp_path / "a.parquet", format="parquet")
    seg = load_dataset("json", data_files=str(tmp_path / "s.jsonl"), split="train", cache_dir=str(tmp_path / "hf"))
    row = next(r for r in seg if r["text"] == "Second 👍🏽 paragraph." and r["document"] == "pages/speech")
    assert SPEECH[row["start"]:row["end"]] == row["text"]
    art = load_dataset("parquet", data_files=str(tmp_path / "a.parquet"), split="train",
                       cache_dir=str(tmp_path / "hf"))
    a1 = next(r for r in art if r["article"] == "a1")
    assert a1["text"] == SPEECH_BODY
    assert a1["date"] == dt.date(2023, 11, 8)
    assert a1["segments"][3]["text_start"] == len("Dear colleagues!\n\n")
    assert a1["events"][0]["evidence"][0]["text"] == "We met 😀 today in Minsk."
    _export(corpus, tmp_path / "a.jsonl")
    art_json = load_dataset("json", data_files=str(tmp_path / "a.jsonl"), split="train",
                            cache_dir=str(tmp_path / "hf"))
    a1_json = next(r for r in art_json if r["article"] == "a1")
    assert a1_json["text"] == SPEECH_BODY
    assert a1_json["date"] == dt.datetime(2023, 11, 8)  # pyarrow's JSON reader makes ISO dates timestamps
    assert [s["text_start"] for s in a1_json["segments"]] == [s["text_start"] for s in a1["segments"]]


# -- streaming and safety ------------------------------------------------------------------------


def test_parquet_is_written_in_row_groups_as_records_arrive(corpus: Path, tmp_path: Path) -> None:
    from curator.core.export.records import build_records

    out = tmp_path / "rg.parquet"
    writer = ParquetWriter(out, level="segment", rows_per_group=3)
    store = Corpus(corpus)
    total = 0
    for doc_id in ("pages/speech", "news"):
        loaded = store.load(doc_id)
        assert loaded is not None
        recs = build_records(loaded.curation, store.read_source(doc_id).text, options=ExportOptions(level="segment"))
        writer.write(recs)
        total += len(recs.records)
    writer.finish()
    meta = pq.ParquetFile(out).metadata
    assert meta.num_rows == total == 12
    assert meta.num_row_groups == 2  # flushed after each document once 3 rows were waiting


def test_cancelled_export_leaves_the_previous_output_untouched(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.jsonl"
    export_corpus(corpus, out, options=ExportOptions(level="segment"))  # an earlier export, replaceable
    previous = out.read_bytes()
    calls = []
    with pytest.raises(ExportCancelled):
        export_corpus(corpus, out, options=ExportOptions(), progress=lambda d, t: calls.append((d, t)),
                      should_stop=lambda: len(calls) >= 2)
    assert out.read_bytes() == previous
    assert not partial_path(out).exists()
    assert calls == [(1, 6), (2, 6)]


def test_missing_corpus_and_folder_output_are_clear_errors(corpus: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture) -> None:
    assert cli_main(["export", str(tmp_path / "nope"), "--out", str(tmp_path / "x.jsonl")]) == 2
    assert "nope" in capsys.readouterr().err
    with pytest.raises(ExportError, match="is a folder"):
        _export(corpus, tmp_path)


def test_export_jobs_give_the_same_file(corpus: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert cli_main(["export", str(corpus), "--out", str(one), "--level", "segment", "-q"]) == 1
    assert cli_main(["export", str(corpus), "--out", str(two), "--level", "segment", "-q", "--jobs", "2"]) == 1
    assert one.read_bytes() == two.read_bytes()


def test_cli_writes_every_format(corpus: Path, tmp_path: Path) -> None:
    for fmt in ("jsonl", "parquet", "csv", "spacy"):
        out = tmp_path / f"x.{fmt}"
        assert cli_main(["export", str(corpus), "--format", fmt, "--out", str(out), "--level", "segment", "-q",
                         "--drop-duplicates"]) == 1  # 1: the stale document was skipped
        assert out.stat().st_size > 0 and card_path(out).is_file()


def test_bench_builds_valid_curated_corpora_and_prints_its_figures(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture) -> None:
    from curator.bench.export import build_corpus, main
    from curator.core.validate import validate_paths

    root = build_corpus(tmp_path / "synthetic", 30)
    assert validate_paths([root]) == []  # the synthetic curated files follow the contract
    assert main(["--sizes", "30", "--formats", "jsonl"]) == 0
    out = capsys.readouterr().out
    row = next(line.split() for line in out.splitlines() if line.split()[:2] == ["30", "jsonl"])
    assert row[2] == "30"  # one article record per synthetic document
    assert float(row[4]) > 0  # docs/s


@pytest.mark.parametrize("kind", ["fifo", "symlink to a fifo"])
def test_output_that_is_not_a_regular_file_is_refused_and_left_as_it_was(corpus: Path, tmp_path: Path, kind: str,
                                                                          capsys: pytest.CaptureFixture) -> None:
    # `--out /dev/stdout` (a link to the terminal or a pipe) or `/dev/full` as root: the export's
    # os.replace swapped the device or link for a regular file and reported success.
    import os

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    out = fifo
    if kind.startswith("symlink"):
        out = tmp_path / "link.jsonl"
        out.symlink_to(fifo)
    assert cli_main(["export", str(corpus), "--include", "all", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(out) in err and "not a regular file" in err
    assert fifo.is_fifo() and (kind == "fifo" or out.is_symlink())
    assert not (tmp_path / "link.jsonl.card.md").exists() and not (tmp_path / "pipe.card.md").exists()


@pytest.mark.parametrize("name", ["", "-"])
def test_an_empty_or_dash_output_name_is_a_usage_error(corpus: Path, tmp_path: Path, name: str, monkeypatch,
                                                       capsys: pytest.CaptureFixture) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli_main(["export", str(corpus), "--out", name]) == 2
    assert "give a file name" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == []


def test_card_names_curated_documents_without_an_article_which_give_no_article_record(corpus: Path,
                                                                                      tmp_path: Path) -> None:
    text = "Menu 😀 item\n\nAnother teaser"
    (corpus / "listing.txt").write_bytes(text.encode("utf-8"))
    Corpus(corpus).save(_curation("listing", text, ["boilerplate", "teaser"], article=None), expected_stamp=None)
    out = tmp_path / "a.jsonl"
    _export(corpus, out)
    assert "listing" not in {r["document"] for r in _jsonl(out)}
    card = card_path(out).read_text(encoding="utf-8")
    assert "## Documents without an Article" in card
    assert "1 document has no Article, so it gives no article record (use `--level segment` to export its " \
           "segments):" in card
    assert "- listing" in card
    segments = tmp_path / "s.jsonl"
    _export(corpus, segments, level="segment")
    assert "listing" in {r["document"] for r in _jsonl(segments)}
    assert "Documents without an Article" not in card_path(segments).read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "labelstudio"])
def test_a_full_disk_names_the_export_exits_1_and_leaves_no_partial_file(fmt, seeds_copy, tmp_path, monkeypatch, capsys):
    # On a full disk: "curator export: error: No space left on device", exit 2 (the usage code), and
    # the JSONL writer's `.partial` file left behind (its close() raised before the unlink).
    import errno

    from curator.core.export import interop, writers

    class Full:
        def __init__(self, real):
            self.real = real

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        def close(self):
            self.real.close()
            raise OSError(errno.ENOSPC, "No space left on device")

    for cls in (writers.JsonlWriter, writers.CsvWriter, interop.LabelStudioWriter):
        orig = cls.__init__

        def init(self, *a, _orig=orig, **k):
            _orig(self, *a, **k)
            self._fh = Full(self._fh)
        monkeypatch.setattr(cls, "__init__", init)
    out = tmp_path / "out" / f"x.{fmt}"
    assert cli_main(["export", str(seeds_copy), "--format", fmt, "--out", str(out), "-q"]) == 1
    err = capsys.readouterr().err
    assert str(out) in err and "No space left on device" in err
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.parametrize("fmt", ["jsonl", "parquet", "brat"])
def test_a_read_only_output_folder_names_the_export_not_its_hidden_temp_file(fmt, seeds_copy, tmp_path, monkeypatch,
                                                                             capsys):
    """On a read-only file system the errors named `.x.jsonl.partial` (the cleanup's own unlink
    failed with a traceback-free but wrong message, exit 2), pyarrow's `Failed to open local file
    '….partial'`, or `.x.brat.partial: cannot create the output folder`."""
    import errno
    import pathlib

    import pyarrow.parquet as pq

    def refuse(path):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    real_open, real_unlink, real_mkdir = pathlib.Path.open, pathlib.Path.unlink, pathlib.Path.mkdir
    monkeypatch.setattr(pathlib.Path, "open",
                        lambda self, *a, **k: refuse(self) if ".partial" in self.name else real_open(self, *a, **k))
    monkeypatch.setattr(pathlib.Path, "unlink",
                        lambda self, *a, **k: refuse(self) if ".partial" in self.name else real_unlink(self, *a, **k))
    monkeypatch.setattr(pathlib.Path, "mkdir",
                        lambda self, *a, **k: refuse(self) if ".partial" in self.name else real_mkdir(self, *a, **k))

    from curator.core.export import writers
    monkeypatch.setattr(writers, "open", lambda path, *a, **k: refuse(path) if ".partial" in str(path) else open(path, *a, **k),
                        raising=False)

    class ArrowRefuses:  # pyarrow's own file open: its strerror names the file
        def __init__(self, where, *a, **k):
            raise OSError(errno.EROFS, f"Failed to open local file '{where}'. Detail: [errno 30] Read-only file system")
    monkeypatch.setattr(pq, "ParquetWriter", ArrowRefuses)
    out = tmp_path / ("x" if fmt == "brat" else f"x.{fmt}")
    assert cli_main(["export", str(seeds_copy), "--format", fmt, "--out", str(out), "-q"]) == 1
    err = capsys.readouterr().err
    assert f"{out}:" in err and "Read-only file system" in err and ".partial" not in err
