"""What the reliability loops share: the result row, scratch corpora, running the CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import curator

REPO = Path(curator.__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


@dataclass
class Row:
    item: str
    attempts: int
    failures: int
    lost: int
    note: str = ""
    seconds: float = 0.0

    def line(self) -> str:
        return (f"{self.item:<16} attempts {self.attempts:>5}  failures {self.failures:>5}  lost {self.lost:>5}"
                f"  ({self.seconds:.0f} s)  {self.note}")


def copy_seeds(dst: Path, *, curated: bool = True) -> Path:
    """A scratch copy of the seeds corpus (sources, and the curated gold unless told not to)."""
    dst.mkdir(parents=True, exist_ok=True)
    for src in sorted(SEEDS.glob("*.txt")):
        shutil.copy2(src, dst / src.name)
    if curated:
        (dst / "curated").mkdir(exist_ok=True)
        for src in sorted((SEEDS / "curated").glob("*.json")):
            shutil.copy2(src, dst / "curated" / src.name)
    return dst


def seed_ids() -> list[str]:
    return sorted(p.stem for p in SEEDS.glob("*.txt"))


def env() -> dict[str, str]:
    """The environment for child processes: this checkout's code first, offscreen Qt, no tty."""
    e = dict(os.environ)
    e["PYTHONPATH"] = str(REPO) + (os.pathsep + e["PYTHONPATH"] if e.get("PYTHONPATH") else "")
    e["QT_QPA_PLATFORM"] = "offscreen"
    e.setdefault("XDG_CONFIG_HOME", str(Path(os.environ.get("TMPDIR", "/tmp")) / "curator-bench-rel-config"))
    return e


@dataclass
class Ran:
    code: int
    out: str
    err: str

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.err or self.code < 0 or self.code > 2


def run_cli(*args: str | Path, cwd: Path | None = None, timeout: float = 300, limit_as: int | None = None) -> Ran:
    """``python -m curator ARGS`` with this checkout's code; ``limit_as`` caps the address space (bytes)."""
    preexec = None
    if limit_as is not None:
        import resource

        def preexec() -> None:
            resource.setrlimit(resource.RLIMIT_AS, (limit_as, limit_as))

    try:
        p = subprocess.run([sys.executable, "-m", "curator", *map(str, args)], cwd=cwd or REPO, env=env(),
                           capture_output=True, text=True, timeout=timeout, preexec_fn=preexec,
                           stdin=subprocess.DEVNULL, errors="replace")
    except subprocess.TimeoutExpired as exc:
        return Ran(-9, str(exc.stdout or ""), f"timed out after {timeout} s")
    return Ran(p.returncode, p.stdout, p.stderr)


def snapshot_tree(root: Path) -> dict[str, bytes]:
    """Every regular file under ``root`` (relative path -> bytes)."""
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            out[path.relative_to(root).as_posix()] = path.read_bytes()
    return out


def load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
