"""One file stops everything: pathological JSON in every place Curator reads, paths outside the corpus."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from curator.bench.reliability.common import REPO, Ran, Row, copy_seeds, env, load_json, run_cli, seed_ids

DEEP = b"[" * 100_000
BIGINT = b'{"schema_version": 2, "document": {"id": "x", "length": ' + b"9" * 5000 + b"}}"


def _dupkeys(valid: bytes) -> bytes:
    """A valid file with one key given twice (the second value silently wins in ``json``)."""
    return valid.replace(b'"status": "curated"', b'"status": "auto", "status": "curated"', 1)


def _window_report(root: Path) -> Ran:
    p = subprocess.run([sys.executable, "-m", "curator.bench.reliability.window", str(root), "scan", "report"], cwd=REPO,
                       env=env(), capture_output=True, text=True, timeout=300, errors="replace")
    return Ran(p.returncode, p.stdout, p.stderr)


# command -> (argv with {S}, "rest processed" check on the output)
def _commands(other: str) -> dict[str, tuple[list[str], object]]:
    return {
        "validate": (["validate", "{S}"], lambda r: r.code == 1),
        "info": (["info", "{S}"], lambda r: "documents  5" in r.out),
        "export": (["export", "{S}", "--out", "{W}/out.jsonl"], lambda r: "wrote" in r.err),
        "review": (["review", "{S}", "--no-record"], lambda r: other in r.out),
        "dups": (["dups", "{S}"], lambda r: "groups" in r.err),
        "reparse": (["reparse", "{S}"], lambda r: other in r.out),
        "window": ([], lambda r: "REPORT" in r.out),
    }


def _places(doc: str) -> dict[str, tuple[str, list[str]]]:
    """place -> (file relative to the corpus, commands that read it)."""
    return {
        "curated": (f"curated/{doc}.json", ["validate", "info", "export", "review", "dups", "reparse", "window"]),
        "dups index": (".curator/dups/index.json", ["dups"]),
        "base": (f".curator/base/{doc}.json", ["reparse"]),
        "accepted snapshot": (f".curator/review/accepted/{doc}.json", ["review"]),
        "pending snapshot": (f".curator/review/pending/{doc}.json", ["review --pending"]),
        "journal entry": (f".curator/journal/{quote(doc, safe='')}.journal.json", ["window"]),
    }


def bad_json(work: Path, quick: bool) -> Row:
    """Deep nesting, a 5,000-digit integer, duplicate keys, in every JSON file Curator reads, through every command."""
    ids = seed_ids()
    doc, other = ids[0], ids[1]
    valid = (REPO / "seeds" / "curated" / f"{doc}.json").read_bytes()
    kinds = {"deep": DEEP, "bigint": BIGINT, "dupkeys": _dupkeys(valid)}
    commands = _commands(other)
    attempts = failures = lost = 0
    bad: list[str] = []
    template = copy_seeds(work / "template")
    # every place filled once with a valid file first, so the corpus has each kind of state
    run_cli("review", template)  # pending snapshots
    run_cli("review", template, "--accept", "--all")
    run_cli("review", template)
    run_cli("dups", template)  # index
    from curator.core.review.base import base_path  # noqa: F401 - the layout is the store's
    base_dir = template / ".curator" / "base"
    base_dir.mkdir(parents=True, exist_ok=True)
    for p in sorted((template / "curated").glob("*.json")):
        shutil.copy2(p, base_dir / p.name)
    for kind, content in kinds.items():
        for place, (rel, cmds) in _places(doc).items():
            if kind == "dupkeys" and place not in ("curated", "base", "journal entry"):
                continue
            for cmd in cmds:
                if quick and kind == "dupkeys" and cmd not in ("validate", "window"):
                    continue
                root = work / f"c{attempts}"
                shutil.copytree(template, root)
                target = root / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                data = content
                if kind == "dupkeys" and place == "journal entry":
                    data = (b'{"journal_version": 1, "document": "' + doc.encode() + b'", "base_stamp": null, '
                            b'"written_at": "", "curation": ' + valid + b', "curation": ' + valid + b"}")
                target.write_bytes(data)
                if cmd == "window":
                    ran = _window_report(root)
                    ok_rest = "REPORT" in ran.out
                else:
                    name = cmd.split()[0]
                    argv = commands[name][0] if cmd == name else ["review", "{S}", "--pending"]
                    ran = run_cli(*[a.replace("{S}", str(root)).replace("{W}", str(root.parent / f"o{attempts}"))
                                    for a in argv])
                    ok_rest = commands[name][1](ran) if cmd == name else ran.code in (0, 1)  # type: ignore[operator]
                text = ran.out + ran.err
                named = target.name in text or quote(target.name) in text
                # kept: the bytes are still there, in place or moved aside (a damaged cache is renamed, not lost)
                # (dups moves a damaged index folder aside whole: .curator/dups -> .curator/dups.damaged-<when>)
                kept = any(p.is_file() and p.stat().st_size == len(data) and p.read_bytes() == data
                           for folder in [target.parent, *target.parent.parent.glob(f"{target.parent.name}.damaged-*")]
                           for p in folder.rglob("*"))
                attempts += 1
                if ran.traceback or not named or not kept or not ok_rest:
                    failures += 1
                    why = ("traceback" if ran.traceback else "not named" if not named
                           else "changed" if not kept else "rest not processed")
                    bad.append(f"{kind}/{place}/{cmd}: {why}")
                lost += not kept
                shutil.rmtree(root, ignore_errors=True)
    shown = "; ".join(bad[:6]) + (f"; … {len(bad) - 6} more" if len(bad) > 6 else "")
    return Row("bad-json", attempts, failures, lost,
               "kind x place x command; failure = traceback, file not named, file changed or the rest not "
               f"processed; lost = bad files not left byte-identical. {shown}")


def huge_length(work: Path, quick: bool) -> Row:
    """``document.length`` of 10**11 (curated file and base): validated before allocating, no MemoryError."""
    ids = seed_ids()
    doc, other = ids[0], ids[1]
    attempts = failures = 0
    notes = []
    for place in ("curated", "base"):
        for cmd in ("reparse", "validate", "export", "info"):
            if place == "base" and cmd != "reparse":
                continue
            root = copy_seeds(work / f"{place}-{cmd}")
            data = load_json(REPO / "seeds" / "curated" / f"{doc}.json")
            data["document"]["length"] = 10**11
            data["document"]["sha256"] = "0" * 64  # "the source changed": reparse re-anchors
            target = root / ("curated" if place == "curated" else ".curator/base") / f"{doc}.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(data), encoding="utf-8")
            argv = [cmd, root] + (["--out", work / f"{place}.jsonl"] if cmd == "export" else [])
            ran = run_cli(*argv, limit_as=3 << 30, timeout=300)
            attempts += 1
            bad = ran.traceback or "MemoryError" in ran.err or (cmd == "reparse" and other not in ran.out)
            failures += bad
            if bad:
                notes.append(f"{place}/{cmd}: {'MemoryError' if 'MemoryError' in ran.err else 'exit ' + str(ran.code)}")
    return Row("huge-length", attempts, failures, 0,
               "document.length = 10**11 under a 3 GB address-space limit" + (f"; {'; '.join(notes)}" if notes else ""))


def validate_paths(work: Path, quick: bool) -> Row:
    """A curated file naming a source outside the corpus: refused, never opened."""
    doc = seed_ids()[0]
    outside = work / "outside-secret.txt"
    outside.write_text("secret text outside the corpus\n", encoding="utf-8")
    secret_sha = hashlib.sha256(outside.read_bytes()).hexdigest()[:12]
    cases = {
        "absolute path": str(outside),
        "/etc/hostname": "/etc/hostname",
        "../ traversal": "../" * 6 + str(outside).lstrip("/"),
    }
    attempts = failures = 0
    leaked = []
    for name, path in cases.items():
        root = copy_seeds(work / f"v{attempts}")
        target = root / "curated" / f"{doc}.json"
        data = load_json(target)
        data["document"]["path"] = path
        target.write_text(json.dumps(data), encoding="utf-8")
        ran = run_cli("validate", root)
        real = Path(path) if Path(path).is_absolute() else (root / path)
        try:
            content = real.read_text(encoding="utf-8")
            marks = [hashlib.sha256(content.encode()).hexdigest()[:12], f"source has {len(content)} code points"]
        except OSError:
            marks = [secret_sha]
        attempts += 1
        if ran.traceback or any(m in ran.out + ran.err for m in marks):
            failures += 1
            leaked.append(name)
    return Row("validate-paths", attempts, failures, 0,
               "document.path outside the corpus; failure = validate read it (length or hash printed)"
               + (f": {', '.join(leaked)}" if leaked else ""))


def long_messages(work: Path, quick: bool) -> Row:
    """A large invalid file: the error names it in a bounded message."""
    doc = seed_ids()[0]
    root = copy_seeds(work / "corpus")
    data = load_json(root / "curated" / f"{doc}.json")
    n = 20_000 if quick else 200_000
    data["document"]["length"] = n + 10
    data["segments"] = [{"id": f"s{i}", "start": 0, "end": 1, "label": "paragraph", "text": "x"} for i in range(n)]
    target = root / "curated" / f"{doc}.json"
    target.write_text(json.dumps(data), encoding="utf-8")
    size = target.stat().st_size
    attempts = failures = 0
    longest = {}
    for cmd in ("validate", "info", "export"):
        argv = [cmd, root] + (["--out", work / "o.jsonl"] if cmd == "export" else [])
        ran = run_cli(*argv)
        line = max((len(x) for x in (ran.out + ran.err).splitlines()), default=0)
        longest[cmd] = line
        attempts += 1
        failures += line > 4096 or ran.traceback
    return Row("long-messages", attempts, failures, 0,
               f"{size / 1e6:.0f} MB file with {n:,} overlapping segments; longest output line per command: "
               + ", ".join(f"{k} {v:,} chars" for k, v in longest.items()) + " (failure > 4,096)")


ITEMS = {
    "bad-json": bad_json,
    "huge-length": huge_length,
    "validate-paths": validate_paths,
    "long-messages": long_messages,
}
