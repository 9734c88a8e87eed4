"""Quieter faults: CSV line ends, the data card, file modes and temp files, silent skips, decoding, re-anchoring."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import shutil
from collections import Counter
import stat
import subprocess
import sys
from pathlib import Path

from curator.bench.reliability.common import REPO, Ran, Row, copy_seeds, env, load_json, run_cli, seed_ids


def _curated_corpus(root: Path, docs: dict[str, list[tuple[str, str]]], *, speaker: str | None = None,
                    event_type: str | None = None) -> None:
    """A corpus of curated Documents made of (label, paragraph) blocks joined by blank lines."""
    from curator.core.jsonio import dump_curation
    from curator.core.model import Article, Curation, DocumentRef, Event, ParserInfo, Segment, Speaker
    from curator.core.textio import sha256_text

    (root / "curated").mkdir(parents=True, exist_ok=True)
    for doc_id, blocks in docs.items():
        text = "\n\n".join(b for _, b in blocks)
        segs, pos = [], 0
        for n, (label, block) in enumerate(blocks, start=1):
            segs.append(Segment(id=f"s{n}", start=pos, end=pos + len(block), label=label, text=block, article="a1",
                                speaker="p1" if speaker else None, reviewed=True))
            pos += len(block) + 2
        (root / f"{doc_id}.txt").write_bytes(text.encode("utf-8"))
        cur = Curation(
            document=DocumentRef(id=doc_id, path=f"{doc_id}.txt", sha256=sha256_text(text), length=len(text)),
            parser=ParserInfo(name="bench", version="0"), status="curated", segments=segs,
            articles=[Article(id="a1", title=blocks[0][1][:40], kind="news")],
            speakers=[Speaker(id="p1", name=speaker)] if speaker else [],
            events=[Event(id="e1", type=event_type)] if event_type else [],
        )
        (root / "curated" / f"{doc_id}.json").write_text(dump_curation(cur), encoding="utf-8")


def csv_cr(work: Path, quick: bool) -> Row:
    """Segments holding a lone CR, CRLF and U+2028: CSV read back by csv and pandas gives the same records."""
    import pandas as pd

    blocks = []
    for i in range(200):
        body = ["plain text", "a lone\rcarriage return", "a CRLF\r\ninside", "a line\u2028separator", "a \u2029 too",
                "ends with CR\r", 'quote " and, comma'][i % 7]
        blocks.append(("paragraph", f"{i}: {body} 😀"))
    root = work / "corpus"
    _curated_corpus(root, {"doc": blocks})
    attempts = failures = lost = 0
    notes = []
    for level in ("segment", "article"):
        jsonl, out = work / f"{level}.jsonl", work / f"{level}.csv"
        run_cli("export", root, "--format", "jsonl", "--level", level, "--out", jsonl)
        run_cli("export", root, "--format", "csv", "--level", level, "--out", out)
        expected = [json.loads(x)["text"] for x in jsonl.read_text(encoding="utf-8").split("\n") if x]
        with open(out, encoding="utf-8", newline="") as fh:
            via_csv = [r["text"] for r in csv.DictReader(fh)]
        via_pandas = pd.read_csv(out, keep_default_na=False)["text"].tolist()
        for reader, got in (("csv", via_csv), ("pandas", via_pandas)):
            attempts += 1
            bad = len(got) != len(expected) or got != expected
            failures += bad
            missing = sum((Counter(expected) - Counter(got)).values())
            lost += missing
            notes.append(f"{level}/{reader}: {len(expected)} records -> {len(got)} rows")
    return Row("csv-cr", attempts, failures, lost, "; ".join(notes) + "; lost = records read back wrong or missing")


def card_escape(work: Path, quick: bool) -> Row:
    """Ids, labels, speakers and event types carrying HTML/Markdown: nothing live in the card."""
    hostile = '<img src=x onerror="alert(1)">'
    root = work / "corpus"
    _curated_corpus(root, {
        "doc<script>alert(1)<\u2215script>": [(f"lbl{hostile}", "First paragraph."), ("paragraph", "Second.")],
        f"doc{hostile}": [("paragraph", "Hello [x](javascript:alert(1)) there.")],
    }, speaker=f"Mr <script>alert(2)</script>{hostile}", event_type=f"meet<script>x</script>{hostile}")
    out = work / "out.jsonl"
    ran = run_cli("export", root, "--out", out)
    card = (work / "out.jsonl.card.md").read_text(encoding="utf-8") if (work / "out.jsonl.card.md").exists() else ""
    live = card.count("<script") + card.count("<img") + card.count("](javascript:")
    return Row("card-escape", 1, int(live > 0 or ran.traceback), 0,
               f"raw <script>/<img>/javascript: links in the card: {live}")


def file_mode(work: Path, quick: bool) -> Row:
    """Saves keep a file's mode; new files follow the umask; temp files a crash left are cleaned at the next start."""
    from curator.core.store import Corpus

    root = copy_seeds(work / "corpus")
    doc = seed_ids()[0]
    corpus = Corpus(root)
    attempts = failures = 0
    notes = []
    for mode in (0o644, 0o664, 0o600):
        path = corpus.curated_path(doc)
        os.chmod(path, mode)
        loaded = corpus.load(doc)
        corpus.save(loaded.curation.model_copy(update={"status": "in_progress" if loaded.curation.status == "curated"
                                                       else "curated"}), expected_stamp=loaded.stamp)
        got = stat.S_IMODE(path.stat().st_mode)
        attempts += 1
        failures += got != mode
        notes.append(f"{mode:o}->{got:o}")
    old = os.umask(0o022)
    try:
        new_id = seed_ids()[1]
        corpus.curated_path(new_id).unlink()
        loaded = Corpus(REPO / "seeds").load(new_id)
        corpus.save(loaded.curation, expected_stamp=None)
        got = stat.S_IMODE(corpus.curated_path(new_id).stat().st_mode)
    finally:
        os.umask(old)
    attempts += 1
    failures += got != 0o644
    notes.append(f"new file (umask 022) {got:o}")
    # a temp file left by a save that was killed, then the next start of the window
    stale = root / "curated" / f".{doc}.json.k3j9x2qa.tmp"  # named as mkstemp names them
    stale.write_text("{half a file", encoding="utf-8")
    os.utime(stale, (1, 1))
    subprocess.run([sys.executable, "-m", "curator.bench.reliability.window", str(root), "report"], cwd=REPO,
                   env=env(), capture_output=True, timeout=300)
    attempts += 1
    failures += stale.exists()
    notes.append(f"stale temp file {'still there' if stale.exists() else 'cleaned'} after the next start")
    return Row("file-mode", attempts, failures, 0, "; ".join(notes))


def _without_root_powers(argv: list[str], home: Path) -> Ran:
    """Run as root without the capabilities that bypass file permissions, so mode 000 really locks a folder."""
    e = env()
    e["HOME"] = str(home)
    e["XDG_CONFIG_HOME"] = str(home / ".config")
    cmd = [sys.executable, *argv]
    if os.geteuid() == 0 and shutil.which("setpriv"):
        drop = "-dac_override,-dac_read_search"
        cmd = ["setpriv", f"--bounding-set={drop}", f"--inh-caps={drop}", *cmd]
    p = subprocess.run(cmd, cwd=REPO, env=e, capture_output=True, text=True, timeout=300, errors="replace",
                       stdin=subprocess.DEVNULL)
    return Ran(p.returncode, p.stdout, p.stderr)


def silent_skips(work: Path, quick: bool) -> Row:
    """An unreadable folder, a symlink loop, a dangling symlink, a FIFO, a binary source, a curated file whose source
    is gone: every command names each of them (run without root's file-permission powers, so the folder is unreadable)."""
    root = copy_seeds(work / "corpus")
    (root / "locked").mkdir()
    (root / "locked" / "inside.txt").write_text("hidden page\n", encoding="utf-8")
    os.symlink("loop.txt", root / "loop.txt")
    os.symlink("nowhere/missing.txt", root / "dangling.txt")
    os.mkfifo(root / "fifo.txt")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 64)
    shutil.copy2(root / "curated" / f"{seed_ids()[0]}.json", root / "curated" / "gone_source.json")
    gone = load_json(root / "curated" / "gone_source.json")
    gone["document"]["id"], gone["document"]["path"] = "gone_source", "gone_source.txt"
    (root / "curated" / "gone_source.json").write_text(json.dumps(gone), encoding="utf-8")
    home = work / "home"
    home.mkdir()
    os.chmod(root / "locked", 0)
    faults = {"unreadable folder": "locked", "symlink loop": "loop.txt", "dangling symlink": "dangling.txt",
              "FIFO": "fifo.txt", "binary source": "binary.txt", "source gone": "gone_source"}
    commands = {
        "validate": ["-m", "curator", "validate", str(root)],
        "info": ["-m", "curator", "info", str(root)],
        "export": ["-m", "curator", "export", str(root), "--include", "all", "--out", str(work / "o.jsonl")],
        "review": ["-m", "curator", "review", str(root), "--no-record"],
        "dups": ["-m", "curator", "dups", str(root), "--no-index"],
        "parse": ["-m", "curator", "parse", str(root)],
        "reparse": ["-m", "curator", "reparse", str(root), "--dry-run"],
        "window": ["-m", "curator.bench.reliability.window", str(root), "scan"],
    }
    attempts = failures = 0
    missed: list[str] = []
    info_code = None
    for cmd, argv in commands.items():
        ran = _without_root_powers(argv, home)
        if cmd == "info":
            info_code = ran.code
        text = ran.out + ran.err
        for fault, name in faults.items():
            attempts += 1
            if ran.traceback or name not in text:
                failures += 1
                missed.append(f"{cmd}/{fault}")
    attempts += 1
    failures += not info_code
    os.chmod(root / "locked", 0o755)
    return Row("silent-skips", attempts, failures, 0,
               f"command x fault named; info exit code {info_code}"
               + (f"; unnamed: {', '.join(missed[:12])}{' …' if len(missed) > 12 else ''}" if missed else ""))


def decoding(work: Path, quick: bool) -> Row:
    """Mostly-UTF-8 with three bad bytes -> UTF-8 with U+FFFD and a warning in every command; UTF-32 detected."""
    from curator.core.textio import decode_bytes

    page = ("CSTO Secretary General met the delegation in Minsk. " * 60 + "Café — “quoted” 😀\n") * 5
    damaged = bytearray(page.encode("utf-8"))
    for at in (100, 1500, 9000):
        damaged[at] = 0xFF
    attempts = failures = 0
    notes = []
    expected = bytes(damaged).decode("utf-8", errors="replace")
    for name, data, want in (
        ("mostly UTF-8", bytes(damaged), expected),
        ("UTF-32-LE BOM", "\ufeff".encode("utf-32-le") + page.encode("utf-32-le"), page),
        ("UTF-32-BE BOM", "\ufeff".encode("utf-32-be") + page.encode("utf-32-be"), page),
        ("UTF-16-LE BOM", "\ufeff".encode("utf-16-le") + page.encode("utf-16-le"), page),
    ):
        attempts += 1
        try:
            got = decode_bytes(data, name)
            ok = got.text == want and (name != "mostly UTF-8" or bool(got.warnings))
            how = got.encoding
        except Exception as exc:  # noqa: BLE001
            ok, how = False, f"{type(exc).__name__}"
        failures += not ok
        notes.append(f"{name}: {how}{'' if ok else ' (wrong)'}")
    root = copy_seeds(work / "corpus")
    (root / "mostly_utf8.txt").write_bytes(bytes(damaged))
    silent = []
    for cmd in ("validate", "info", "export", "review", "dups", "parse", "reparse"):
        argv = [cmd, root] + (["--include", "all", "--out", work / "o.jsonl"] if cmd == "export" else [])
        argv += ["--dry-run"] if cmd == "reparse" else ["--no-record"] if cmd == "review" else []
        ran = run_cli(*argv)
        attempts += 1
        warned = "mostly_utf8" in ran.out + ran.err and not ran.traceback
        failures += not warned
        if not warned:
            silent.append(cmd)
    return Row("decoding", attempts, failures, 0,
               "; ".join(notes) + (f"; no warning from: {', '.join(silent)}" if silent else "; every command warns"))


def reanchor_short(work: Path, quick: bool) -> Row:
    """Fuzz: an unchanged text with very short repeated segments; every segment must stay where it was."""
    from curator.core.model import Curation, DocumentRef, ParserInfo, Segment
    from curator.core.review.reanchor import reanchor
    from curator.core.textio import sha256_text

    rng = random.Random(5)
    trials = 100 if quick else 1000
    failures = moved = shifted_wrong = 0
    prefix = "Breaking news added on top of the page.\n\n"
    pieces = ["1.", "—", "a", "•", "2.", "ok", "Minsk", "The CSTO met today.", "Q:", "A:", "12", "—", "x"]
    for _ in range(trials):
        parts = [rng.choice(pieces) for _ in range(rng.randint(3, 30))]
        seps = [rng.choice([" ", "\n", "\n\n", " - "]) for _ in parts]
        text, spans, pos = "", [], 0
        for part, sep in zip(parts, seps, strict=True):
            text += part + sep
            if rng.random() < 0.8:
                spans.append((pos, pos + len(part)))
            pos = len(text)
        if not spans:
            continue
        segs = [Segment(id=f"s{i}", start=s, end=e, label="paragraph", text=text[s:e]) for i, (s, e) in enumerate(spans)]
        doc = DocumentRef(id="d", path="d.txt", sha256=sha256_text(text), length=len(text))
        cur = Curation(document=doc, parser=ParserInfo(name="t", version="0"), segments=segs)
        res = reanchor(cur, text, new_doc=doc)
        got = {s.id: (s.start, s.end) for s in res.curation.segments}
        wrong = sum(got.get(s.id) != (s.start, s.end) for s in segs)
        failures += wrong > 0
        moved += wrong
        new = prefix + text
        res = reanchor(cur, new, new_doc=DocumentRef(id="d", path="d.txt", sha256=sha256_text(new), length=len(new)))
        got = {s.id: (s.start, s.end) for s in res.curation.segments}
        shifted_wrong += any(got.get(s.id) != (s.start + len(prefix), s.end + len(prefix)) for s in segs)
    return Row("reanchor-short", trials, failures, moved,
               "unchanged text, short repeated segments; lost = segments put on another copy or unplaced "
               f"(not counted: with a paragraph added on top, {shifted_wrong} of {trials} texts misplace one)")


ITEMS = {
    "csv-cr": csv_cr,
    "card-escape": card_escape,
    "file-mode": file_mode,
    "silent-skips": silent_skips,
    "decoding": decoding,
    "reanchor-short": reanchor_short,
}
