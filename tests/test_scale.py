"""Batch commands at scale: partitioned duplicate detection, streamed parse, batched writes, progress, engines."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from curator.bench._site import SiteMaker, page_ids
from curator.cli import main
from curator.core.dups import Params, find_in_texts
from curator.core.dups import engine as dups_engine
from curator.core.jsonio import dump_curation, dump_json, parse_curation
from curator.core.model import Curation, Duplicate
from curator.core.pipeline import parse_corpus, parse_stream, with_duplicates
from curator.core.store import Corpus

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _site(root: Path, n: int, seed: int = 3) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    maker = SiteMaker(SEEDS, seed)
    for doc_id in page_ids(n, seed):
        (root / f"{doc_id}.txt").write_text(maker.page(), encoding="utf-8", newline="")
    return root


def _groups(groups) -> list:
    return [(g.id, g.kind, g.score, g.canonical, [(m.document, m.start, m.end, m.segment) for m in g.members])
            for g in groups]


def test_partitions_spilled_to_disk_give_the_same_groups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(_site(tmp_path / "c", 60).glob("*.txt"))}
    whole = find_in_texts(texts)
    assert any(g.kind == "near" for g in whole) and any(g.kind == "exact" for g in whole)
    # Many small partitions, spilled to files at once: the counts are still exact.
    monkeypatch.setattr(dups_engine, "SHINGLES_PER_PARTITION", 500)
    monkeypatch.setattr(dups_engine, "MEMORY_BUDGET", 1)
    spilled = []
    real_flush = dups_engine.Spill.flush

    def flush(self) -> None:
        spilled.append(self.n)
        real_flush(self)

    monkeypatch.setattr(dups_engine.Spill, "flush", flush)
    parted = find_in_texts(texts)
    assert spilled and max(spilled) > 8, "the run was meant to use many partitions on disk"
    assert _groups(parted) == _groups(whole)


def test_with_duplicates_gives_the_bytes_of_dump_curation(seeds_copy: Path) -> None:
    parsed = parse_corpus(Corpus(seeds_copy))
    for cur in parsed.values():
        assert cur.duplicates
        bare = cur.model_copy(update={"duplicates": []})
        assert with_duplicates(dump_curation(bare), cur.duplicates) == dump_curation(cur)


def test_entries_as_dicts_are_the_models_dumped(tmp_path: Path) -> None:
    """``duplicates_json_at`` (the output stage's entries) equals ``duplicates_at``'s models dumped, and
    renders the same bytes, on a site corpus with exact and near groups, copies inside one segment,
    and a decision carried over."""
    from curator.core.dups.contract import GroupIndex, SegSpan

    corpus = Corpus(_site(tmp_path / "c", 40))
    parsed = parse_corpus(corpus)
    from curator.core.dups import find_in_curations

    items = [(cur, corpus.read_source(d).text) for d, cur in sorted(parsed.items())]
    groups = find_in_curations(items)
    assert {g.kind for g in groups} == {"exact", "near"}
    groups[0].decision = "rejected"
    index = GroupIndex(groups, parsed)  # the Curations name each canonical copy's Segment
    checked = 0
    for doc_id, cur in sorted(parsed.items()):
        segs = [SegSpan(s.id, s.start, s.end) for s in cur.segments]
        models = index.duplicates_at(doc_id, segs)
        dicts = index.duplicates_json_at(doc_id, segs)
        assert dicts == [d.model_dump(mode="json") for d in models]
        assert [type(d["score"]) for d in dicts] == [float] * len(dicts)
        bare = dump_curation(cur.model_copy(update={"duplicates": []}))
        assert with_duplicates(bare, dicts) == with_duplicates(bare, models)
        checked += len(dicts)
    assert checked > 50 and any(d["decision"] == "rejected" for cur in parsed
                               for d in index.duplicates_json_at(cur, [SegSpan(s.id, s.start, s.end)
                                                                       for s in parsed[cur].segments]))


def test_dump_json_is_json_dumps_byte_for_byte() -> None:
    data = {"b": [1.0, 0.5, 1e-05, 0.0001, 1e16, -0.0, 3], "a": {"z": "😀 \u2028 \x7f \"q\" \\", "y": None},
            "c": [], "d": {}, "e": [{"k": True}]}
    assert dump_json(data) == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    assert dump_json({"x": 0.25}) == json.dumps({"x": 0.25}, ensure_ascii=False, indent=2, sort_keys=True)
    for odd in (1e-05, -1e-7, 1e16, 1.5e300, 0.0001, 1e15, float("nan"), float("inf"), 0.0, -0.0, 7):
        from collections import OrderedDict

        for value in (odd, [odd, 1], {"k": [{"z": odd}]}, ("t", odd), OrderedDict(k=odd)):
            assert dump_json(value) == json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True), value


def test_stream_equals_in_memory_parse_and_keeps_only_what_is_asked(tmp_path: Path) -> None:
    corpus = Corpus(_site(tmp_path / "c", 40))
    expected = parse_corpus(corpus)
    wanted = set(sorted(expected)[::7])
    got = {}
    for doc_id, cur, entries in parse_stream(corpus, jobs=2, keep=wanted.__contains__):
        got[doc_id] = cur.model_copy(update={"duplicates": entries})
    assert set(got) == wanted
    for doc_id in wanted:
        assert got[doc_id].model_dump() == expected[doc_id].model_dump()


class _Where:
    """An output stage that says which process ran it and what it was given."""

    def __call__(self, items: list) -> list:
        import os

        # The output stage is given the entries as the dicts the JSON is rendered from.
        return [(os.getpid(), cur.model_copy(update={"duplicates": [Duplicate.model_validate(e) for e in entries]})
                 .model_dump()) for _d, cur, entries in items]


def test_output_stage_runs_in_the_workers_with_the_same_result(tmp_path: Path) -> None:
    import os

    corpus = Corpus(_site(tmp_path / "c", 30))
    plain = {d: cur.model_copy(update={"duplicates": entries}).model_dump()
             for d, cur, entries in parse_stream(corpus, jobs=1)}
    results = {}
    for jobs in (1, 2):
        got = list(parse_stream(corpus, jobs=jobs, output=_Where()))
        assert [d for d, _, _ in got] == sorted(plain) and all(entries == [] for _, _, entries in got)
        pids = {pid for _, (pid, _), _ in got}
        assert (pids == {os.getpid()}) if jobs == 1 else (os.getpid() not in pids)
        results[jobs] = {d: dumped for d, (_, dumped), _ in got}
    assert results[1] == results[2] == plain


def test_parse_jobs_write_the_same_files_and_bad_input_is_named(tmp_path: Path, capsys) -> None:
    root = _site(tmp_path / "c", 30)
    (root / "broken.txt").write_bytes(b"\x00\x01\x02" * 1000)
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        assert main(["parse", str(root), "--out", str(out), "--jobs", jobs, "--json"]) == 1
        report = json.loads(capsys.readouterr().out)
        assert report["written"] == 30 and any("broken.txt" in p for p in report["problems"])
        outs.append({p.name: p.read_bytes() for p in out.glob("*.json")})
    assert outs[0] == outs[1] and len(outs[0]) == 30
    for name, raw in outs[0].items():
        cur = parse_curation(raw, name)
        assert isinstance(cur, Curation) and cur.duplicates  # the footer repeats on every page


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("command", ["parse", "dups", "export", "review", "reparse"])
def test_progress_on_a_terminal_only_and_a_summary_line(command: str, seeds_copy: Path,
                                                        monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    args = {"parse": ["--out", str(seeds_copy / "out")], "export": ["--out", str(seeds_copy.parent / "x.jsonl")],
            "review": ["--no-record"], "dups": [], "reparse": ["--dry-run"]}[command]
    tty = _Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    main([command, str(seeds_copy), *args])
    drawn = tty.getvalue()
    assert "\r" in drawn or "it/s" in drawn or "doc/s" in drawn, f"{command}: no progress bar on a terminal"
    tty_q = _Tty()
    monkeypatch.setattr(sys, "stderr", tty_q)
    main([command, str(seeds_copy), *args, "-q"])
    assert "doc/s" not in tty_q.getvalue() and "\r" not in tty_q.getvalue()
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    main([command, str(seeds_copy), *args])
    text = piped.getvalue()
    assert "\r" not in text
    capsys.readouterr()


def test_parse_jobs_workers_write_the_shingle_partitions_themselves(tmp_path: Path, monkeypatch) -> None:
    """With workers, parse hands them batches of Documents and each worker appends the batch's routed
    shingles to the partition files: the main process routes and writes none (with 2 jobs it routed
    every shingle and wrote them all while both workers waited at candidate pairs), a crashed or
    unreadable Document in a batch shifts no passage, and the results are those of one process."""
    from curator.core import pipeline

    root = _site(tmp_path / "c", 30)
    (root / "broken.txt").write_bytes(b"\x00\x01\x02" * 1000)
    monkeypatch.setattr(pipeline, "PARSE_BATCH", 4, raising=False)
    routed: list[int] = []
    real_add_grouped = dups_engine.Spill.add_grouped

    def add_grouped(self, records, counts) -> None:
        if self.dtype == dups_engine.SHINGLE:
            routed.append(len(records))
        real_add_grouped(self, records, counts)

    monkeypatch.setattr(dups_engine.Spill, "add_grouped", add_grouped)
    corpus = Corpus(root)
    results = {}
    for jobs in (1, 2):
        routed.clear()
        stats = pipeline.StreamStats()
        results[jobs] = [(d, cur.model_dump(), [e.model_dump() for e in entries])
                         for d, cur, entries in parse_stream(corpus, jobs=jobs, stats=stats)]
        assert stats.groups > 20 and any("broken.txt" in p for p in stats.problems)
        assert bool(routed) == (jobs == 1), jobs
    assert results[1] == results[2] and len(results[1]) == 30


def test_batch_writer_is_atomic_and_reports_failures(tmp_path: Path) -> None:
    from curator.core.batchio import BatchWriter

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with BatchWriter(batch=3) as w:
        for i in range(7):
            w.write(tmp_path / "out" / f"{i}.json", f"{i} 😀")
        w.write(blocker / "cannot.json", "no")
    assert w.written == 7 and [p for p, _ in w.failed] == [blocker / "cannot.json"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"{i}.json" for i in range(7)]
    assert (tmp_path / "out" / "3.json").read_text(encoding="utf-8") == "3 😀"


def test_dask_engine_output_is_identical_to_local(tmp_path: Path, capsys) -> None:
    """On a LocalCluster (CI installs the dask extra: this test must run there, not be skipped)."""
    import dask  # noqa: F401 - fails loudly when the extra is missing

    root = _site(tmp_path / "c", 200, seed=11)
    local, dist = tmp_path / "local", tmp_path / "dask"
    assert main(["parse", str(root), "--out", str(local), "-q"]) == 0
    assert main(["parse", str(root), "--out", str(dist), "-q", "--engine", "dask", "--jobs", "2"]) == 0
    a = {p.name: p.read_bytes() for p in local.glob("*.json")}
    assert len(a) == 200 and a == {p.name: p.read_bytes() for p in dist.glob("*.json")}
    capsys.readouterr()
    assert main(["dups", str(root), "--json", "--no-index", "-q"]) == 0
    dups_local = capsys.readouterr().out
    assert main(["dups", str(root), "--json", "-q", "--engine", "dask", "--jobs", "2"]) == 0
    assert capsys.readouterr().out == dups_local and '"near"' in dups_local
    (root / "curated").mkdir()
    for p in local.glob("*.json"):
        (root / "curated" / p.name).write_bytes(p.read_bytes())
    ex_l, ex_d = tmp_path / "l.jsonl", tmp_path / "d.jsonl"
    assert main(["export", str(root), "--include", "all", "--out", str(ex_l), "-q"]) == 0
    assert main(["export", str(root), "--include", "all", "--out", str(ex_d), "-q", "--engine", "dask"]) == 0
    assert ex_l.read_bytes() == ex_d.read_bytes()


def test_streamed_corpus_context_counts_what_build_context_counts(tmp_path: Path) -> None:
    """The workers' context (pipeline.corpus_context) holds exactly build_context's counts:
    passages and neighbouring pairs. It once counted passages only, and pages whose Article
    is found by a pair shared with other pages lost their title in `curator parse`."""
    from curator.core.parallel import Workers
    from curator.core.parse import build_context
    from curator.core.pipeline import _init, _State, corpus_context

    heldout = Path(__file__).parent / "data" / "heldout" / "pages"
    corpus_dir = tmp_path / "c"
    corpus_dir.mkdir()
    for page in sorted(heldout.glob("*.txt"))[:20]:
        (corpus_dir / page.name).write_bytes(page.read_bytes())
    corpus = Corpus(corpus_dir)
    ids = list(corpus.document_ids())
    expected = build_context(corpus.read_source(d).text for d in ids)
    state = _State(str(corpus_dir), None, None, None, None, 5, False)
    _init(state)
    got = corpus_context(ids, Workers(1, _init, (state,)))
    assert got.n_docs == expected.n_docs == 20
    assert got.block_counts == expected.block_counts


def test_corpus_context_in_workers_takes_documents_in_batches_and_counts_what_build_context_counts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With workers, the context pass hands out batches of Documents (each counted in its worker), not one
    Document a task: 10k pages spent ~0.6 CPU-s more with two processes than with one, and the workers
    waited on the main process a third of the stage. The counts stay build_context's (an unreadable
    page inside a batch counts for nothing)."""
    from curator.core import parallel
    from curator.core.parse import build_context
    from curator.core.pipeline import CONTEXT_BATCH, _init, _State, corpus_context

    root = _site(tmp_path / "c", CONTEXT_BATCH * 2 + 5)
    ids = sorted(p.stem for p in root.glob("*.txt"))
    (root / f"{ids[3]}.txt").write_bytes(b"\x00\x01\x02" * 1000)  # binary: SourceError
    corpus = Corpus(root)
    readable = [corpus.read_source(d).text for d in ids if d != ids[3]]
    expected = build_context(readable)
    tasks: list[int] = []
    real = parallel.Workers.imap

    def imap(self, fn, items, **kwargs):  # noqa: ANN001, ANN202
        items = list(items)
        tasks.append(len(items))
        return real(self, fn, items, **kwargs)

    monkeypatch.setattr(parallel.Workers, "imap", imap)
    state = _State(str(root), None, None, None, None, 5, False)
    with parallel.Workers(2, _init, (state,)) as workers:
        got = corpus_context(ids, workers)
    assert tasks == [3]
    assert got.n_docs == expected.n_docs == len(readable)
    assert got.block_counts == expected.block_counts


def _reference_features(text: str, spans: list[tuple[int, int]], k: int) -> tuple[list[int], list[int], list[int]]:
    """The definition: each passage normalised, its \\w+ words hashed (xxh3-64 of UTF-8), k-word shingles."""
    import numpy as np
    import xxhash

    from curator.core.dups.features import shingles
    from curator.core.dups.text import WORD, normalise

    exact, words, kgrams = [], [], []
    for start, end in spans:
        norm = normalise(text[start:end])
        toks = WORD.findall(norm)
        words.append(len(toks))
        exact.append((xxhash.xxh3_64_intdigest(norm.encode()) or 1) if toks else 0)
        hashes = np.array([xxhash.xxh3_64_intdigest(t.encode()) for t in toks], dtype=np.uint64)
        kgrams.extend(shingles(hashes, k).tolist())
    return exact, words, kgrams


def test_document_features_follow_the_definition_on_ascii_and_unicode_passages() -> None:
    from curator.core.dups.features import document_features

    passages = [
        "The CSTO Secretary-General met_the delegation (2024); \"talks\" went on... ok?",
        "Tabs\tand\x1cseparators\x1fand  NBSP\u00a0here, and Ünïcode İstanbul ﬁnal 😀 emoji.",
        "-- ... !!",  # no word at all: exact 0
        "A_b c-d e.f 12,5 x",
        "Two words",
        "MOSCOW, 1 June. Нa встрече обсудили ΣΊΣΥΦΟΣ straße",
    ]
    text, spans = "", []
    for p in passages:
        spans.append((len(text), len(text) + len(p)))
        text += p + "\n\n"
    for k in (1, 3):
        got = document_features("d", "h", text, spans, k=k)
        exact, words, kgrams = _reference_features(text, spans, k)
        assert got.exact == exact and got.words == words
        assert got.kgrams.tolist() == kgrams
        assert got.offsets.tolist()[-1] == len(kgrams)


def test_passage_tokens_follow_the_regex_definition_on_ascii_text() -> None:
    import re

    from curator.core.dups.text import tokens

    text = "xx Hello, World_42! a-b  c\td\x1ce...  The CSTO (2024) met. Done?  yy"
    start, end = 3, len(text) - 4
    from curator.core.dups.text import word_ids

    got = tokens(text, start, end)
    matches = list(re.finditer(r"\w+", text[start:end]))
    assert got.ids == word_ids([m.group().lower().encode() for m in matches])
    assert list(got.starts) == [start + m.start() for m in matches]
    assert list(got.ends) == [start + m.end() for m in matches]
    assert tokens("Ünï 😀 x_y", 0, 9).ids == word_ids(["ünï".encode(), b"x_y"])


def test_passage_sentence_bounds_are_made_on_demand_and_equal_the_eager_ones() -> None:
    for text in ("ab. The CSTO met. Then: talks!  'Quoted.'  end? x", "ab. The CSTO met. \u201cÜnï.\u201d  end? x"):
        _check_sentences(text)


def _check_sentences(text: str) -> None:
    import re

    from curator.core.dups.text import tokens

    got = tokens(text, 4, len(text) - 2)
    assert got._bounds is None or not text.isascii()  # an ASCII passage: nothing but the words until asked
    ends = [4 + m.end() for m in re.finditer(r"[.!?\u2026]+[\"'\u201d\u2019\u00bb)\]]*(?=\s)", text[4:len(text) - 2])]
    assert list(got.sentence_ends) == [*ends, len(text) - 2]
    assert got.sentence_starts[0] == 4 and all(not text[s].isspace() for s in got.sentence_starts[1:])


def test_word_ids_are_the_same_in_every_process_and_give_the_opcodes_of_the_words() -> None:
    """Token ids are a hash of the word, not a per-process numbering: made in a worker (the span
    spool), they serve the process that aligns; the matching runs are those of the words themselves."""
    import random
    import subprocess

    from rapidfuzz.distance import Indel

    from curator.core.dups.align import _runs
    from curator.core.dups.text import tokens, word_ids

    text = "The CSTO Secretary General met the ministers; Ünï talks 😀 went on."
    other = subprocess.run([sys.executable, "-c", "import sys; from curator.core.dups.text import tokens; "
                            f"print(tokens({text!r}, 0, {len(text)}).ids)"],
                           capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[1])
    assert other.stdout.strip() == str(tokens(text, 0, len(text)).ids)
    assert all(0 <= i < 2**61 - 1 for i in word_ids([b"a", b"zz", "ünï".encode()]))
    rng = random.Random(5)
    vocab = [f"w{n}" for n in range(60)]
    for _ in range(300):
        a = [rng.choice(vocab) for _ in range(rng.randint(1, 80))]
        b = [rng.choice(vocab) if rng.random() < 0.3 else w for w in a] + [rng.choice(vocab) for _ in range(3)]
        ta, tb = tokens(" ".join(a), 0, len(" ".join(a))), tokens(" ".join(b), 0, len(" ".join(b)))
        want = [(o[1], o[2], o[3], o[4]) for o in Indel.opcodes(a, b).as_list() if o[0] == "equal"]
        assert _runs(ta.ids, tb.ids) == want


def test_id_characters_are_equal_exactly_for_equal_words_across_a_table_reset(monkeypatch) -> None:
    from curator.core.dups import text as dtext

    monkeypatch.setattr(dtext, "_CHARS_MAX", 6)
    monkeypatch.setattr(dtext, "_LOCAL", dtext.threading.local())
    dtext.pair_chars(dtext.tokens("x y z", 0, 5), dtext.tokens("x", 0, 1))  # the table now holds 3 of its 6
    a = dtext.tokens("one two three", 0, 13)
    b = dtext.tokens("three four one", 0, 14)  # numbering b's ids starts the table again
    ia, ib = dtext.pair_chars(a, b)
    assert ia[0] == ib[2] and ia[2] == ib[0]
    assert len({*ia, *ib}) == 4


def test_best_chain_is_the_first_chain_with_most_matched_words() -> None:
    import importlib
    import random

    align_mod = importlib.import_module("curator.core.dups.align")  # the package exports a function of that name
    rng = random.Random(5)
    for _ in range(3000):
        runs, a, b = [], 0, 0
        for _ in range(rng.randint(1, 12)):
            a += rng.choice((0, 1, 2, 3, 5, 9, 30, 45))
            b += rng.choice((0, 1, 2, 4, 6, 41))
            n = rng.choice((1, 1, 2, 3, 7))
            runs.append((a, a + n, b, b + n))
            a, b = a + n, b + n
        want = max(align_mod._chains(runs), key=align_mod._matched)
        assert align_mod._best_chain(runs) == want, runs


def test_candidate_pairs_made_in_workers_are_those_of_one_process(tmp_path: Path) -> None:
    from curator.core.dups.features import document_features
    from curator.core.dups.text import blocks
    from curator.core.parallel import Workers

    params = Params()
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(_site(tmp_path / "c", 80).glob("*.txt"))}

    def pairs(workers):
        collector = dups_engine.Collector(params)
        for doc_id, text in texts.items():
            collector.add(document_features(doc_id, "x", text, blocks(text), k=params.k))
        table = collector.table()
        nodes = dups_engine.exact_nodes(table)
        try:
            return dups_engine.candidate_pairs(collector, table, nodes, params, workers=workers)
        finally:
            collector.close()

    one_a, one_b = pairs(None)
    with Workers(2) as workers:
        two_a, two_b = pairs(workers)
    assert len(one_a) > 50
    assert one_a.tolist() == two_a.tolist() and one_b.tolist() == two_b.tolist()


def test_groups_built_while_links_come_in_are_those_built_at_once(tmp_path: Path) -> None:
    """``GroupBuilder``: links added in pieces, with the groups no link touches yet made ahead in
    between (as ``detect`` does while the workers align), give ``build_groups``' groups: a group made
    ahead for a node a later link touches is dropped."""
    from curator.core.dups.features import document_features
    from curator.core.dups.text import blocks

    params = Params()
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(_site(tmp_path / "c", 40).glob("*.txt"))}
    collector = dups_engine.Collector(params)
    for doc_id, text in texts.items():
        collector.add(document_features(doc_id, "x", text, blocks(text), k=params.k))
    try:
        found = dups_engine.detect(collector, texts.__getitem__, params)
    finally:
        collector.close()
    table = found.table
    nodes = dups_engine.exact_nodes(table)
    links = found.links
    at_once = dups_engine.build_groups(table, nodes, links)
    builder = dups_engine.GroupBuilder(table, nodes)
    builder.prepare()  # before any link: every node of two copies or more made ahead
    cut = len(links) // 3
    builder.add(links[:cut])
    builder.prepare()
    builder.add(links[cut:])
    ahead = set(builder._ahead)
    linked = {int(nodes.of[table.doc_first[table.doc_ids.index(lk.doc_a)] + lk.i_a]) for lk in links}
    assert ahead & linked, "some node made ahead was meant to be linked later"
    assert _groups(builder.groups()) == _groups(at_once) and len(at_once) > 20


def test_dups_jobs_build_the_groups_while_the_workers_align(tmp_path: Path, monkeypatch) -> None:
    """With workers, each alignment task's links go to the group builder as they come and the groups
    no link touches are made meanwhile; the groups are those of one process."""
    from curator.core.dups.index import find_in_corpus

    root = _site(tmp_path / "c", 40)
    monkeypatch.setattr(dups_engine, "ALIGN_CHUNK", 50)
    calls: list[str] = []
    real_add, real_prepare = dups_engine.GroupBuilder.add, dups_engine.GroupBuilder.prepare
    aligning = [False]
    real_align = dups_engine.align_candidates

    def align_candidates(*args, **kwargs):
        aligning[0] = True
        try:
            return real_align(*args, **kwargs)
        finally:
            aligning[0] = False

    def add(self, links) -> None:
        calls.append("add while aligning" if aligning[0] else "add")
        real_add(self, links)

    def prepare(self) -> None:
        calls.append("prepare while aligning" if aligning[0] else "prepare")
        real_prepare(self)

    monkeypatch.setattr(dups_engine, "align_candidates", align_candidates)
    monkeypatch.setattr(dups_engine.GroupBuilder, "add", add)
    monkeypatch.setattr(dups_engine.GroupBuilder, "prepare", prepare)
    two = find_in_corpus(Corpus(root), use_index=False, jobs=2)
    assert calls.count("add while aligning") > 3 and "prepare while aligning" in calls
    one = find_in_corpus(Corpus(root), use_index=False, jobs=1)
    assert _groups(two.groups) == _groups(one.groups) and len(one.groups) > 20


def test_dask_corpus_context_counts_what_build_context_counts(tmp_path: Path) -> None:
    """The Dask engine's context holds build_context's counts too (passages and neighbouring
    pairs), and counts only the Documents it could read."""
    from curator.core.distributed import DaskEngine
    from curator.core.parse import build_context

    heldout = Path(__file__).parent / "data" / "heldout" / "pages"
    corpus_dir = tmp_path / "c"
    corpus_dir.mkdir()
    for page in sorted(heldout.glob("*.txt"))[:20]:
        (corpus_dir / page.name).write_bytes(page.read_bytes())
    (corpus_dir / "zz_unreadable.txt").write_bytes(bytes(range(1, 32)) * 40)  # binary: SourceError
    corpus = Corpus(corpus_dir)
    ids = list(corpus.document_ids())
    readable = [d for d in ids if d != "zz_unreadable"]
    expected = build_context(corpus.read_source(d).text for d in readable)
    engine = DaskEngine(workers=1)
    try:
        got = engine.corpus_context(str(corpus_dir), [ids[:7], ids[7:]], None)
    finally:
        engine.close()
    assert got.n_docs == expected.n_docs == 20
    assert got.block_counts == expected.block_counts


def test_dask_engine_prints_how_sources_were_read_like_the_local_engine(
        seeds_copy: Path, tmp_path: Path, capsys) -> None:
    """A source read with a warning (an encoding guessed) is named by `parse` and `dups` on
    --engine dask too: the workers read the sources, and their warnings were dropped."""
    text = "Новости ОДКБ\n\n12.03.2024\n\nСекретарь провёл встречу с делегацией в Москве.\n" * 3
    (seeds_copy / "cp1251.txt").write_bytes(text.encode("cp1251"))
    for argv in (["parse", str(seeds_copy), "--out", str(tmp_path / "out"), "-q"],
                 ["dups", str(seeds_copy), "-q"]):
        main(argv)
        local = capsys.readouterr().err
        assert "cp1251.txt" in local, argv  # the local engine says it
        main([*argv, "--engine", "dask", "--jobs", "1"])
        dist = capsys.readouterr().err
        assert "cp1251.txt" in dist, (argv, dist)


def test_span_texts_read_in_workers_are_those_read_here(tmp_path: Path) -> None:
    import pickle

    from curator.core.dups.engine import SourceReader, SpanTexts
    from curator.core.parallel import Workers

    root = _site(tmp_path / "c", 12)
    (root / "emoji.txt").write_text("a 😀 b\n\nc 😀😀 d", encoding="utf-8")
    reader = SourceReader(str(root))
    ids = sorted(p.stem for p in root.glob("*.txt"))
    spans = [(d, s, s + 7) for d in reversed(ids) for s in (0, 3, 9)]
    serial = SpanTexts(spans, reader)
    with Workers(2) as workers:
        parallel = SpanTexts(spans, reader, workers=workers)
    try:
        assert len(set(parallel.files)) > 1, "the workers were meant to write their own spool files"
        assert [parallel[i] for i in range(len(spans))] == [serial[i] for i in range(len(spans))] \
            == [reader(d)[s:e] for d, s, e in spans]
        texts = pickle.loads(pickle.dumps(parallel.passages({7: (4, 100)})))
        assert texts[7] == (100, serial[4]) and list(texts) == [7]
    finally:
        serial.close()
        parallel.close()


def test_dups_jobs_print_the_same_groups_and_texts(tmp_path: Path, capsys) -> None:
    root = _site(tmp_path / "c", 40)
    outs = []
    for jobs in ("1", "2"):
        import shutil

        shutil.rmtree(root / ".curator", ignore_errors=True)
        assert main(["dups", str(root), "--json", "-q", "--jobs", jobs]) == 0
        outs.append(capsys.readouterr().out)
    groups = json.loads(outs[0])["groups"]
    assert sum(len(g["members"]) for g in groups) > 200, "the member texts were meant to be read in workers"
    assert all(m["text"] for g in groups for m in g["members"])
    assert outs[0] == outs[1]


def test_dups_jobs_route_shingles_in_workers_around_index_hits(tmp_path: Path, monkeypatch, capsys) -> None:
    """With workers, a batch's shingles are routed there and filed here under the passage ids the
    main process gives: Documents read from the index in between (their shingles added here) must
    not shift them. Batches of 6 so index hits and new Documents share batches."""
    import shutil

    from curator.core.dups import index as dups_index

    monkeypatch.setattr(dups_index, "BATCH", 6)
    root = _site(tmp_path / "c", 30)
    assert main(["dups", str(root), "--json", "-q", "--jobs", "2"]) == 0
    capsys.readouterr()
    extra = _site(tmp_path / "extra", 40, seed=9)
    names = sorted(p.name for p in extra.glob("*.txt"))
    for name in names[::2]:  # new Documents whose ids fall between the indexed ones
        shutil.copy(extra / name, root / f"{name[:-4]}x.txt")
    assert main(["dups", str(root), "--json", "-q", "--jobs", "2"]) == 0
    incremental = capsys.readouterr().out
    assert main(["dups", str(root), "--json", "-q", "--jobs", "1", "--no-index"]) == 0
    assert incremental == capsys.readouterr().out
    shutil.rmtree(root / ".curator")
    assert main(["dups", str(root), "--json", "-q", "--jobs", "2"]) == 0  # a new index, built in batches
    assert incremental == capsys.readouterr().out
    assert main(["dups", str(root), "--json", "-q", "--jobs", "2"]) == 0  # every Document an index hit
    assert incremental == capsys.readouterr().out


def test_dups_jobs_carry_stored_decisions_and_name_unreadable_entries_alike(tmp_path: Path, capsys) -> None:
    import shutil

    root = _site(tmp_path / "c", 40)
    assert main(["parse", str(root), "--out", str(root / "curated"), "-q"]) in (0, 1)
    capsys.readouterr()
    files = sorted((root / "curated").glob("*.json"))
    data = json.loads(files[3].read_text(encoding="utf-8"))
    assert data["duplicates"], "the page was meant to hold duplicate entries"
    decided = data["duplicates"][0]["group"]
    for d in data["duplicates"]:
        if d["group"] == decided:
            d["decision"] = "rejected"
    files[3].write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8")
    files[7].write_text(files[7].read_text(encoding="utf-8").replace('"duplicates": [', '"duplicates": [{', 1),
                        encoding="utf-8")  # entries that cannot be decoded: named, the rest carried
    outs = []
    for jobs in ("1", "2"):
        shutil.rmtree(root / ".curator", ignore_errors=True)
        assert main(["dups", str(root), "--json", "-q", "--jobs", jobs]) == 1
        got = capsys.readouterr()
        outs.append((got.out, [line for line in got.err.splitlines() if files[7].name in line]))
    assert outs[0] == outs[1]
    assert outs[0][1], "the damaged file is named"
    groups = {g["id"]: g for g in json.loads(outs[0][0])["groups"]}
    assert groups[decided]["decision"] == "rejected"


def _square(x: int) -> int:
    return x * x


def test_imap_window_keeps_order_and_pulls_only_a_window_ahead() -> None:
    """``Workers.imap_window`` (alignment and candidate-pair tasks): results in item order, and the
    items are made only as results are taken (a long stream of large tasks stays a window in memory)."""
    from curator.core.parallel import Workers

    pulled: list[int] = []

    def items():
        for i in range(40):
            pulled.append(i)
            yield i

    with Workers(2) as workers:
        out = workers.imap_window(_square, items(), window=3)
        first = next(out)
        assert first == 0 and len(pulled) == 3  # three tasks out, none made beyond them
        rest = list(out)
    assert [first, *rest] == [i * i for i in range(40)]
    one = Workers(1)
    assert list(one.imap_window(_square, range(5))) == [0, 1, 4, 9, 16]


def test_dask_map_keeps_order_and_only_a_window_of_tasks_in_flight() -> None:
    """The Dask engine's ordered map (export, review): results in Document order, and never more
    than two tasks per worker submitted and not yet taken — submitting every task at once let
    finished results pile up on the workers while the writer caught up (a 100k export)."""
    from curator.core.distributed import DaskEngine

    in_flight: list[int] = []
    peak = [0]

    class Future:
        def __init__(self, value: object) -> None:
            self.value = value
            in_flight.append(id(self))
            peak[0] = max(peak[0], len(in_flight))

        def result(self) -> object:
            return self.value

        def release(self) -> None:
            in_flight.remove(id(self))

    class Client:
        def submit(self, fn, *args, pure=True):  # noqa: ANN001, ANN202 - Dask's signature
            return Future(fn(*args))

    engine = object.__new__(DaskEngine)
    engine.client, engine.n_workers = Client(), 2
    engine._chunks = lambda ids: [ids[i:i + 3] for i in range(0, len(ids), 3)]  # type: ignore[method-assign]
    ids = [f"d{i:02d}" for i in range(40)]
    seen: list[str] = []
    got = list(engine._mapper()(str.upper, ids, seen.append, "state"))
    assert got == [d.upper() for d in ids]
    assert peak[0] == 4 and not in_flight  # 2 workers x 2 tasks ahead, all released
    assert seen and set(seen) == {"state"}  # every task set its state up


def test_dups_jobs_workers_write_the_shingle_partitions_themselves(tmp_path: Path, monkeypatch) -> None:
    """With workers and no index hits, each batch's routed shingles go from the worker straight to the
    partition files: the main process receives and writes none of them (at 10k pages it unpickled
    and wrote 124 MB, and its result thread held the workers up), and the groups are those of one
    process. Batches of 4 so many batches from both workers share every partition file."""
    from curator.core.dups import index as dups_index
    from curator.core.dups.index import find_in_corpus

    root = _site(tmp_path / "c", 40)
    monkeypatch.setattr(dups_index, "BATCH", 4)
    received: list[int] = []
    on_disk: list[int] = []
    real_add_grouped, real_detect = dups_engine.Spill.add_grouped, dups_index.detect

    def add_grouped(self, records, counts) -> None:
        received.append(len(records))
        real_add_grouped(self, records, counts)

    def detect(collector, *args, **kwargs):
        folder = collector.spill._dir
        on_disk.append(sum(p.stat().st_size for p in folder.iterdir()) if folder is not None else 0)
        on_disk.append(dups_engine.SHINGLE.itemsize * collector.spill.total())
        return real_detect(collector, *args, **kwargs)

    monkeypatch.setattr(dups_engine.Spill, "add_grouped", add_grouped)
    monkeypatch.setattr(dups_index, "detect", detect)
    two = find_in_corpus(Corpus(root), use_index=False, jobs=2)
    assert not received, "the main process was not meant to receive shingle records"
    assert on_disk[0] == on_disk[1] > 0
    one = find_in_corpus(Corpus(root), use_index=False, jobs=1)
    assert _groups(two.groups) == _groups(one.groups) and len(one.groups) > 20
    received.clear()
    built = find_in_corpus(Corpus(root), use_index=True, jobs=2)  # a new index: the same path
    assert not received and _groups(built.groups) == _groups(one.groups)


def test_dups_jobs_render_the_json_lines_in_the_workers(tmp_path: Path, monkeypatch, capsys) -> None:
    """With workers, the groups' JSON lines (member texts included) are made there, a slice of the
    groups a task, and written here in order: the same bytes as one process."""
    from curator.core.parallel import Workers

    root = _site(tmp_path / "c", 40)
    ran: list[str] = []
    real_imap_window = Workers.imap_window

    def imap_window(self, fn, items, **kwargs):
        ran.append(getattr(fn, "__name__", ""))
        return real_imap_window(self, fn, items, **kwargs)

    monkeypatch.setattr(Workers, "imap_window", imap_window)
    monkeypatch.setattr("curator.cli.dups.RENDER_GROUPS", 7, raising=False)
    outs = []
    for jobs in ("1", "2"):
        assert main(["dups", str(root), "--json", "-q", "--no-index", "--jobs", jobs]) == 0
        outs.append(capsys.readouterr().out)
    assert len(json.loads(outs[0])["groups"]) > 14
    assert "_render_groups" in ran
    assert outs[0] == outs[1]


def _candidates_of_a_site(tmp_path: Path, params: Params):
    """A 40-page site's texts, passage table, exact nodes and candidate pairs (as representatives) and the passages they need."""
    from curator.core.dups.features import document_features
    from curator.core.dups.text import blocks

    root = _site(tmp_path / "c", 40)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(root.glob("*.txt"))}
    collector = dups_engine.Collector(params)
    for doc_id, text in texts.items():
        collector.add(document_features(doc_id, "x", text, blocks(text), k=params.k))
    table = collector.table()
    nodes = dups_engine.exact_nodes(table)
    a, b = dups_engine.candidate_pairs(collector, table, nodes, params)
    collector.close()
    ra, rb = nodes.rep[a].tolist(), nodes.rep[b].tolist()
    return params, texts, table, nodes, a, b, ra, rb, sorted(set(ra) | set(rb))


def test_aligning_spooled_passages_reads_a_text_only_past_the_coverage_check(tmp_path: Path, monkeypatch) -> None:
    """A worker aligns passages from the spool (``StoredTexts``): it reads a passage's word ids, and
    its text only when a pair gets past the coverage check (most candidate pairs of a site do not).
    The links are those of texts read up front."""
    params, texts, table, nodes, a, b, ra, rb, needed = _candidates_of_a_site(tmp_path, Params())
    store = dups_engine.SpanTexts([(table.doc_ids[int(table.doc[g])], int(table.start[g]), int(table.end[g]))
                                   for g in needed], texts.__getitem__, ids=True)
    reads: list[int] = []
    real_read = dups_engine._SpanReader.read

    def read(self, f, offset, size):
        reads.append(offset)
        return real_read(self, f, offset, size)

    try:
        eager = {g: (int(table.start[g]), store[i], store.word_ids(i)) for i, g in enumerate(needed)}
        want = dups_engine.align_pairs(list(zip(ra, rb, strict=True)), eager, params)
        monkeypatch.setattr(dups_engine._SpanReader, "read", read)
        spooled = dups_engine.StoredTexts(store.files, {g: (int(table.start[g]), *store.location(i))
                                                        for i, g in enumerate(needed)})
        got = dups_engine.align_pairs(list(zip(ra, rb, strict=True)), spooled, params, "run-1")
    finally:
        store.close()
    assert len(want) > 20 and got == want
    assert 0 < len(reads) < 0.9 * len(needed), (len(reads), len(needed))


def test_one_process_alignment_reads_a_passage_once_and_its_text_only_when_needed(tmp_path: Path, monkeypatch) -> None:
    """``align_candidates`` in one process (batches of pairs) reads each passage's word ids once in the
    run and its text only past the coverage check, as the workers do (it read both for every passage
    of every batch: 124k reads for 39k passages at 10k pages). The links are those of texts read up front."""
    params, texts, table, nodes, a, b, ra, rb, needed = _candidates_of_a_site(tmp_path, Params())
    eager = {g: (int(table.start[g]), texts[table.doc_ids[int(table.doc[g])]][int(table.start[g]):int(table.end[g])])
             for g in needed}
    want = dups_engine.to_links(table, dups_engine.align_pairs(list(zip(ra, rb, strict=True)), eager, params))
    reads: list[int] = []
    id_reads: list[int] = []
    real_read, real_read_ids = dups_engine._SpanReader.read, dups_engine._SpanReader.read_ids

    def read(self, f, offset, size):
        reads.append(offset)
        return real_read(self, f, offset, size)

    def read_ids(self, f, first, count):
        id_reads.append(first)
        return real_read_ids(self, f, first, count)

    monkeypatch.setattr(dups_engine._SpanReader, "read", read)
    monkeypatch.setattr(dups_engine._SpanReader, "read_ids", read_ids)
    got = dups_engine.align_candidates(table, nodes, a, b, texts.__getitem__, params, batch=50)
    assert len(want) > 20 and got == want
    assert len(ra) > 150, "several batches were meant to share passages"
    assert len(id_reads) <= len(needed) and 0 < len(reads) < 0.9 * len(needed), (len(reads), len(id_reads), len(needed))


def test_candidate_components_label_each_pair_with_its_components_smallest_node() -> None:
    """``candidate_components``: every node labelled with the smallest node it is joined to by pairs
    (chains, a star, a node joined late to a smaller one, nodes in no pair)."""
    import numpy as np

    a = np.array([5, 1, 2, 7, 3, 0, 9], dtype=np.int64)
    b = np.array([6, 4, 4, 8, 6, 9, 10], dtype=np.int64)
    # 5-6, 3-6: {3, 5, 6}; 1-4, 2-4: {1, 2, 4}; 7-8; 0-9-10; 11 alone
    want = [0, 1, 1, 3, 1, 3, 3, 7, 7, 0, 0, 11]
    assert dups_engine.candidate_components(a, b, 12).tolist() == want
    assert dups_engine.candidate_components(a[:0], b[:0], 3).tolist() == [0, 1, 2]


def test_alignment_tasks_take_a_candidate_component_at_a_time_with_the_links_of_one_process(
        tmp_path: Path, monkeypatch) -> None:
    """With workers, the candidate pairs are handed out a component at a time (pairs joined through shared
    passages stay in one task or consecutive ones), so the two workers read and prepare far fewer of the
    same passages (in pair order, a teaser's pairs were spread over every task: 10k pages, 54k passages
    read in two workers for 39k). The links come back in the one-process order."""
    import numpy as np

    from curator.core.parallel import Workers

    params, texts, table, nodes, a, b, ra, rb, needed = _candidates_of_a_site(tmp_path, Params())
    text_of = dups_engine.SourceReader(str(tmp_path / "c"))
    want = dups_engine.align_candidates(table, nodes, a, b, text_of, params)
    monkeypatch.setattr(dups_engine, "ALIGN_CHUNK", 40)
    tasks: list = []
    from curator.core import parallel

    real = parallel.Workers.imap_window

    def imap_window(self, fn, items, **kwargs):  # noqa: ANN001, ANN202
        items = list(items)
        tasks.extend(items)
        return real(self, fn, items, **kwargs)

    monkeypatch.setattr(parallel.Workers, "imap_window", imap_window)
    with Workers(2) as workers:
        got = dups_engine.align_candidates(table, nodes, a, b, text_of, params, workers=workers)
    assert len(want) > 20 and got == want
    comp = dups_engine.candidate_components(a, b, nodes.n)
    labels = [comp[nodes.of[t[0]]] for t in tasks]  # each task's pairs' components, in task order
    seq = np.concatenate(labels)
    assert len(tasks) > 4 and np.all(np.diff(seq) >= 0)  # a component's pairs are consecutive


def test_linked_groups_made_as_their_candidate_components_complete_are_those_built_at_once(tmp_path: Path) -> None:
    """``GroupBuilder.finish``: once every pair of a candidate component is aligned no later link can touch
    its nodes, so their groups are made then (``detect`` with workers, while the workers align the rest:
    ~0.3 CPU-s the main process spent after the alignment, alone). Links added a component at a time with
    ``finish`` between give ``build_groups``' groups."""
    import numpy as np

    from curator.core.dups.features import document_features
    from curator.core.dups.text import blocks

    params = Params()
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(_site(tmp_path / "c", 40).glob("*.txt"))}
    collector = dups_engine.Collector(params)
    for doc_id, text in texts.items():
        collector.add(document_features(doc_id, "x", text, blocks(text), k=params.k))
    try:
        table = collector.table()
        nodes = dups_engine.exact_nodes(table)
        a, b = dups_engine.candidate_pairs(collector, table, nodes, params)
    finally:
        collector.close()
    links = dups_engine.align_candidates(table, nodes, a, b, texts.__getitem__, params)
    at_once = dups_engine.build_groups(table, nodes, links)
    comp = dups_engine.candidate_components(a, b, nodes.n)
    node_a = [int(nodes.of[table.doc_first[table.doc_ids.index(lk.doc_a)] + lk.i_a]) for lk in links]
    labels = sorted({int(comp[n]) for n in node_a})
    assert len(labels) > 3
    builder = dups_engine.GroupBuilder(table, nodes)
    builder.prepare()
    made = []
    for i, label in enumerate(labels):
        builder.add([lk for lk, n in zip(links, node_a, strict=True) if comp[n] == label])
        builder.finish(comp, labels[i + 1] if i + 1 < len(labels) else None)
        made.append(len(builder._made))
    assert made[0] > 0 and made[-2] < made[-1] == len({builder._sets.find(n) for n in builder._local.values()})
    assert _groups(builder.groups()) == _groups(at_once) and len(at_once) > 20
    assert np.all(np.diff(made) >= 0)


def test_dups_jobs_make_the_linked_groups_while_the_workers_align(tmp_path: Path, monkeypatch) -> None:
    """With workers, the groups of candidate components aligned to the end are made before the last
    task's links come in; the groups are those of one process."""
    from curator.core.dups.index import find_in_corpus

    root = _site(tmp_path / "c", 40)
    monkeypatch.setattr(dups_engine, "ALIGN_CHUNK", 50)
    made_while_aligning: list[int] = []
    real_finish = dups_engine.GroupBuilder.finish

    def finish(self, comp, below) -> None:
        real_finish(self, comp, below)
        if below is not None:
            made_while_aligning.append(len(self._made))

    monkeypatch.setattr(dups_engine.GroupBuilder, "finish", finish)
    two = find_in_corpus(Corpus(root), use_index=False, jobs=2)
    assert made_while_aligning and made_while_aligning[-1] > 5
    one = find_in_corpus(Corpus(root), use_index=False, jobs=1)
    assert _groups(two.groups) == _groups(one.groups) and len(one.groups) > 20
