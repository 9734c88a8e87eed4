"""Work lost: racing saves, the crash journal, reparse killed mid-write, CLI paths into a corpus's state."""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from curator.bench.reliability.common import REPO, Row, copy_seeds, env, load_json, run_cli, seed_ids, snapshot_tree

# -- 1. racing saves -------------------------------------------------------------------------------


def _racer(root: str, doc_id: str, seg: int, label: str, barrier: Any, q: Any) -> None:
    from curator.core.model import Curation
    from curator.core.store import ConflictError, Corpus

    corpus = Corpus(root)
    loaded = corpus.load(doc_id)
    data = loaded.curation.model_dump()
    data["segments"][seg]["label"] = label
    cur = Curation.model_validate(data)
    barrier.wait()
    try:
        corpus.save(cur, expected_stamp=loaded.stamp)
        q.put((label, "ok"))
    except ConflictError:
        q.put((label, "conflict"))
    except Exception as exc:  # noqa: BLE001
        q.put((label, f"error {type(exc).__name__}: {exc}"))


def save_race(work: Path, quick: bool) -> Row:
    """Two processes load, edit and save one file at the same moment: exactly one may win."""
    root = copy_seeds(work / "corpus")
    doc_id = seed_ids()[0]
    path = root / "curated" / f"{doc_id}.json"
    original = path.read_bytes()
    ctx = mp.get_context("fork")
    trials = 20 if quick else 200
    doubles = lost = errors = 0
    for _ in range(trials):
        path.write_bytes(original)
        barrier, q = ctx.Barrier(2), ctx.Queue()
        procs = [ctx.Process(target=_racer, args=(str(root), doc_id, i, lab, barrier, q))
                 for i, lab in ((1, "heading"), (2, "boilerplate"))]
        for p in procs:
            p.start()
        results = [q.get(timeout=60) for _ in procs]
        for p in procs:
            p.join()
        won = [lab for lab, how in results if how == "ok"]
        errors += sum(how.startswith("error") for _, how in results)
        doubles += len(won) > 1
        final = load_json(path)
        labels = {s["label"] for s in final["segments"][1:3]}
        lost += sum(lab not in labels for lab in won)
    return Row("save-race", trials, doubles + errors, lost,
               f"racing pairs; failures = both saves returned success ({doubles}) or an error ({errors})")


# -- 2. the crash journal ----------------------------------------------------------------------------


def _window(root: Path, *steps: str, wait: bool = True) -> subprocess.Popen[str] | tuple[int, str]:
    cmd = [sys.executable, "-m", "curator.bench.reliability.window", str(root), *steps]
    p = subprocess.Popen(cmd, cwd=REPO, env=env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if not wait:
        return p
    out, _ = p.communicate(timeout=120)
    return p.returncode, out


def _report(out: str) -> list[dict[str, Any]]:
    for line in out.splitlines():
        if line.startswith("REPORT "):
            return json.loads(line[len("REPORT "):])
    return []


def _recovered(out: str, doc: str, seg: str, label: str) -> bool:
    return any(e["doc"] == doc and e["labels"].get(seg) == label for e in _report(out))


def _paragraphs(doc_id: str) -> list[str]:
    gold = load_json(REPO / "seeds" / "curated" / f"{doc_id}.json")
    return [s["id"] for s in gold["segments"] if s["label"] == "paragraph"]


def journal(work: Path, quick: bool) -> Row:
    """Four ways the shared journal lost edits, each one attempt per round."""
    doc = seed_ids()[0]
    sa, sb = _paragraphs(doc)[:2]
    rounds = 1 if quick else 3
    attempts = failures = lost = 0
    notes: dict[str, int] = {}

    def fresh(name: str) -> Path:
        d = work / name
        shutil.rmtree(d, ignore_errors=True)
        return copy_seeds(d)

    for r in range(rounds):
        # a. two windows on one corpus, both crash: both windows' edits must come back.
        root = fresh(f"a{r}")
        f = root / ".."
        pa = _window(root, f"open:{doc}", f"label:{doc}:{sa}:heading", f"journal:{doc}:{sa}:heading",
                     f"signal:{f}/a{r}.a", f"await:{f}/a{r}.b", "crash", wait=False)
        pb = _window(root, f"open:{doc}", f"label:{doc}:{sb}:boilerplate", f"journal:{doc}:{sb}:boilerplate",
                     f"signal:{f}/a{r}.b", f"await:{f}/a{r}.a", "crash", wait=False)
        pa.communicate(timeout=120), pb.communicate(timeout=120)  # type: ignore[union-attr]
        _, out = _window(root, "report")  # type: ignore[misc]
        gone = (not _recovered(out, doc, sa, "heading")) + (not _recovered(out, doc, sb, "boilerplate"))
        attempts += 1
        failures += gone > 0
        lost += gone
        notes["two crashed windows"] = notes.get("two crashed windows", 0) + gone

        # b. window 1 saves while window 2 has journaled edits; then window 2 crashes.
        root = fresh(f"b{r}")
        pa = _window(root, f"open:{doc}", f"label:{doc}:{sa}:heading", f"journal:{doc}:{sa}:heading",
                     f"signal:{f}/b{r}.a", f"await:{f}/b{r}.b", f"save:{doc}", f"signal:{f}/b{r}.saved", "quit",
                     wait=False)
        pb = _window(root, f"await:{f}/b{r}.a", f"open:{doc}", f"label:{doc}:{sb}:boilerplate",
                     f"journal:{doc}:{sb}:boilerplate", f"signal:{f}/b{r}.b", f"await:{f}/b{r}.saved", "crash",
                     wait=False)
        pa.communicate(timeout=120), pb.communicate(timeout=120)  # type: ignore[union-attr]
        _, out = _window(root, "report")  # type: ignore[misc]
        saved = {s["id"]: s["label"] for s in load_json(root / "curated" / f"{doc}.json")["segments"]}
        gone = (saved.get(sa) != "heading") + (not _recovered(out, doc, sb, "boilerplate"))
        attempts += 1
        failures += gone > 0
        lost += gone
        notes["save in the other window"] = notes.get("save in the other window", 0) + gone

        # c. crash; restart; "Later"; an edit and a save there; restart again.
        root = fresh(f"c{r}")
        _window(root, f"open:{doc}", f"label:{doc}:{sa}:heading", f"journal:{doc}:{sa}:heading", "crash")
        _window(root, "report", f"open:{doc}", f"label:{doc}:{sb}:boilerplate", f"journal:{doc}:{sb}:boilerplate",
                f"save:{doc}", "quit")
        _, out = _window(root, "report")  # type: ignore[misc]
        gone = int(not _recovered(out, doc, sa, "heading"))
        attempts += 1
        failures += gone
        lost += gone
        notes["later, edit, save"] = notes.get("later, edit, save", 0) + gone

        # d. a damaged entry: reported, then kept byte-identical through the next edit.
        root = fresh(f"d{r}")
        jdir = root / ".curator" / "journal"
        jdir.mkdir(parents=True)
        damaged = b'{"journal_version": 1, "document": "' + doc.encode() + b'", "curation": {"trunc'
        (jdir / f"{doc}.journal.json").write_bytes(damaged)
        _, out1 = _window(root, "report", f"open:{doc}", f"label:{doc}:{sb}:boilerplate",
                          f"journal:{doc}:{sb}:boilerplate", "quit")  # type: ignore[misc]
        reported = any(e["problem"] for e in _report(out1))
        kept = any(p.read_bytes() == damaged for p in jdir.rglob("*") if p.is_file())
        attempts += 1
        failures += (not reported) + (not kept) > 0
        lost += not kept
        notes["damaged entry overwritten"] = notes.get("damaged entry overwritten", 0) + (not kept)
    detail = ", ".join(f"{k}: {v} lost" for k, v in notes.items())
    return Row("journal", attempts, failures, lost, f"scenarios ({detail})")


def journal_latency(work: Path, quick: bool) -> Row:
    """Edit -> journal entry on disk, and the longest stall of the UI thread meanwhile (1 MB page)."""
    edits = 8 if quick else 25
    out = subprocess.run([sys.executable, "-m", "curator.bench.reliability.latency", str(work), str(edits)],
                         cwd=REPO, env=env(), capture_output=True, text=True, timeout=900)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("LATENCY ")), None)
    if line is None:
        return Row("journal-latency", edits, edits, 0, f"could not run: {out.stderr[-300:]}")
    lat, stall, pushed = json.loads(line[len("LATENCY "):])
    late = sum(1 for x in lat if x is None or x > 100)
    ok = [x for x in lat if x is not None]
    return Row("journal-latency", edits, late, 0,
               f"edits journaled later than 100 ms; median {statistics.median(ok) if ok else float('nan'):.0f} ms, "
               f"max {max(ok) if ok else float('nan'):.0f} ms (of which the edit itself: median "
               f"{statistics.median(pushed):.0f} ms); UI thread longest stall median "
               f"{statistics.median(stall):.0f} ms, max {max(stall):.0f} ms (1 MB page, 5,000 segments)")


# -- 3. reparse killed mid-write -------------------------------------------------------------------


def _reparse_corpus(root: Path, copies: int) -> dict[str, dict[str, tuple[str, bool, str | None]]]:
    """Curated copies of the seeds, each with a recorded base, then a paragraph cut out of each source.

    Returns, per document, the editor's segments (id -> label, reviewed, speaker) before the re-parse.
    """
    from curator.core.jsonio import dump_curation
    from curator.core.model import Curation
    from curator.core.parse import parse_document
    from curator.core.store import Corpus
    from curator.core.textio import read_source

    root.mkdir(parents=True)
    (root / "curated").mkdir()
    (root / ".curator" / "base").mkdir(parents=True)
    editors = {}
    for k in range(copies):
        for sid in seed_ids():
            doc = f"c{k:02d}_{sid}"
            shutil.copy2(REPO / "seeds" / f"{sid}.txt", root / f"{doc}.txt")
            gold = load_json(REPO / "seeds" / "curated" / f"{sid}.json")
            gold["document"]["id"], gold["document"]["path"] = doc, f"{doc}.txt"
            cur = Curation.model_validate(gold)
            src = read_source(root / f"{doc}.txt")
            base = parse_document(src.text, doc=Corpus(root).document_ref(doc, src))
            (root / ".curator" / "base" / f"{doc}.json").write_text(dump_curation(base), encoding="utf-8")
            (root / "curated" / f"{doc}.json").write_text(dump_curation(cur), encoding="utf-8")
            editors[doc] = {s.id: (s.label, s.reviewed, s.speaker) for s in cur.segments}
            # cut the k-th paragraph out of the source: its segment cannot be placed any more
            paras = [s for s in cur.segments if s.label in ("paragraph", "answer", "question") and s.end - s.start > 40]
            cut = paras[k % len(paras)]
            text = src.text
            (root / f"{doc}.txt").write_text(text[: cut.start] + text[cut.end :].lstrip("\n"), encoding="utf-8",
                                             newline="")
    return editors


def _lost_segments(root: Path, editors: dict, reference: dict) -> int:
    """Editor segments found neither in the curated file nor kept aside (nor anywhere Curator keeps them)."""
    lost = 0
    for doc, segs in editors.items():
        have: set[tuple[str, str, bool, str | None]] = set()
        try:
            cur = load_json(root / "curated" / f"{doc}.json")
            have |= {(s["id"], s["label"], s["reviewed"], s["speaker"]) for s in cur["segments"]}
        except (OSError, ValueError):
            pass
        for side in (root / ".curator").rglob(f"{doc}*.json"):
            if "reanchor" not in side.parts and "journal" not in side.parts:
                continue
            try:
                data = json.loads(side.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            for e in data.get("entries", []):
                item = e.get("item", {})
                if e.get("kind") == "segment" and "id" in item:
                    have.add((item["id"], item.get("label"), item.get("reviewed"), item.get("speaker")))
        for sid, (label, reviewed, speaker) in segs.items():
            ok = (sid, label, reviewed, speaker) in have or any(
                (sid, *ref) in have for ref in reference.get(doc, {}).get(sid, []))
            lost += not ok
    return lost


def reparse_kill(work: Path, quick: bool) -> Row:
    """kill -9 ``curator reparse`` at a random moment of its writing phase; count editor segments lost."""
    copies = 2 if quick else 4
    template = work / "template"
    editors = _reparse_corpus(template, copies)
    # One undisturbed run: what a complete re-parse leaves, and how long it takes.
    ref_root = work / "ref"
    shutil.copytree(template, ref_root)
    t0 = time.monotonic()
    run_cli("reparse", ref_root)
    full = time.monotonic() - t0
    reference: dict[str, dict[str, list[tuple[str, bool, str | None]]]] = {}
    for doc in editors:
        cur = load_json(ref_root / "curated" / f"{doc}.json")
        reference[doc] = {s["id"]: [(s["label"], s["reviewed"], s["speaker"])] for s in cur["segments"]}
    ref_lost = _lost_segments(ref_root, editors, {})
    rng = random.Random(11)
    runs = 6 if quick else 60
    lost_total = failures = 0
    for n in range(runs):
        root = work / f"run{n}"
        shutil.copytree(template, root)
        p = subprocess.Popen([sys.executable, "-m", "curator", "reparse", str(root)], cwd=REPO, env=env(),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.45, 1.0) * full)
        p.send_signal(signal.SIGKILL)
        p.wait()
        lost = _lost_segments(root, editors, reference)
        lost_total += lost
        failures += lost > 0
        shutil.rmtree(root, ignore_errors=True)
    return Row("reparse-kill", runs, failures, lost_total,
               f"kill -9 at 45-100% of a full run ({full:.1f} s, {len(editors)} curated docs, one paragraph cut from "
               f"each); lost = editor segments in neither curated/ nor .curator/reanchor/ "
               f"(undisturbed run: {ref_lost})")


def reparse_sidecar(work: Path, quick: bool) -> Row:
    """The reanchor sidecar cannot be written: nothing lost, and the report says what was written."""
    template = work / "template"
    editors = _reparse_corpus(template, 1)
    attempts = failures = lost = 0
    for doc in sorted(editors)[: 2 if quick else None]:
        root = work / f"r-{doc}"
        shutil.copytree(template, root)
        side = root / ".curator" / "reanchor" / f"{doc}.json"
        side.parent.mkdir(parents=True, exist_ok=True)
        side.write_text("{damaged", encoding="utf-8")  # unreadable: reparse must not overwrite it
        before = (root / "curated" / f"{doc}.json").read_bytes()
        ran = run_cli("reparse", root, "--json")
        after = (root / "curated" / f"{doc}.json").read_bytes()
        try:
            outcome = next(o for o in json.loads(ran.out) if o["id"] == doc)
            says_nothing = any("nothing written" in n for n in outcome["notes"])
        except (ValueError, StopIteration):
            outcome, says_nothing = None, False
        n_lost = _lost_segments(root, {doc: editors[doc]}, {})
        attempts += 1
        wrong_report = says_nothing and after != before
        failures += wrong_report or n_lost > 0 or ran.traceback or outcome is None
        lost += n_lost
    return Row("reparse-sidecar", attempts, failures, lost,
               "unreadable .curator/reanchor/<id>.json; failure = segment lost, traceback or "
               "'nothing written' printed after the curation was written")


# -- 4. CLI paths into a corpus's own state ---------------------------------------------------------


def cli_paths(work: Path, quick: bool) -> Row:
    """Commands pointed at a corpus's curated/ or .curator/: refused, and nothing there changes."""
    doc = seed_ids()[0]
    # parse --out S/curated goes through the store: over existing curated files it is a no-op that
    # says so (exit 0, "left as they are"), not a refusal; nothing may change either way.
    no_op = {"parse --out S/curated": "left as they are"}
    cases: list[tuple[str, list[str]]] = [
        ("parse --out S/curated", ["parse", "{S}", "--out", "{S}/curated"]),
        ("parse --out S/curated/sub", ["parse", "{S}", "--out", "{S}/curated/sub"]),
        ("parse --out S/.curator/base", ["parse", "{S}", "--out", "{S}/.curator/base"]),
        ("export --out S/curated/X.json", ["export", "{S}", "--out", f"{{S}}/curated/{doc}.json"]),
        ("export --out S/.curator/x.jsonl", ["export", "{S}", "--out", "{S}/.curator/x.jsonl"]),
        ("review --html S/curated/X.json", ["review", "{S}", "--no-record", "--html", f"{{S}}/curated/{doc}.json"]),
        ("review --reject ../../../curated/X", ["review", "{S}", "--reject", f"../../../curated/{doc}"]),
        ("review --accept ../../../curated/X", ["review", "{S}", "--accept", f"../../../curated/{doc}"]),
        ("review --reject /abs/curated/X", ["review", "{S}", "--reject", f"{{S}}/curated/{doc}"]),
    ]
    attempts = failures = lost = 0
    bad = []
    template = copy_seeds(work / "template")
    run_cli("review", template)  # pending snapshots exist, as after any `curator review`
    for name, argv in cases:
        root = work / f"case{attempts}"
        shutil.copytree(template, root)
        before = snapshot_tree(root / "curated")
        state_before = snapshot_tree(root / ".curator")
        ran = run_cli(*[a.replace("{S}", str(root)) for a in argv])
        after = snapshot_tree(root / "curated")
        state_after = snapshot_tree(root / ".curator")
        changed = sum(1 for k in before if after.get(k) != before[k]) + len(set(after) - set(before))
        new_state = {k for k in set(state_after) - set(state_before) if not k.startswith("locks/")}
        state_changed = any(state_after.get(k) != v for k, v in state_before.items()) or new_state
        attempts += 1
        left_alone = name in no_op and ran.code == 0 and no_op[name] in ran.err
        refused = (ran.code != 0 or left_alone) and not ran.traceback
        if changed or state_changed or not refused:
            failures += 1
            bad.append(name)
        lost += sum(1 for k in before if after.get(k) != before[k])
    return Row("cli-paths", attempts, failures, lost,
               "commands aimed at curated/ or .curator/; lost = curated files replaced or deleted"
               + (f"; not refused: {'; '.join(bad)}" if bad else ""))


ITEMS = {
    "save-race": save_race,
    "journal": journal,
    "journal-latency": journal_latency,
    "reparse-kill": reparse_kill,
    "reparse-sidecar": reparse_sidecar,
    "cli-paths": cli_paths,
}
