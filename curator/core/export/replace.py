"""What an export may replace beside its output: the file it writes (jsonl, csv, parquet, labelstudio, one-file
spacy), the data card and Label Studio's labelling config.

Each export records the sha256 of those files in a hidden ``.<name>.curator-export`` file beside ``out``, in the
folder marker's form (``<format>`` line, then ``<sha256> <file name>`` lines). A later export replaces a file only
when that record lists it with the bytes it has now: an earlier Curator export nobody changed since. A file
the record does not list (someone else's, or an export from before the record existed) or one changed since is
refused, named, before anything is written, unless ``force``. Folders (xmi, brat, spaCy shards) keep their own
marker inside (curator.core.export.interop).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from curator.core.export.card import card_path
from curator.core.export.options import ExportError, ExportWriteError, os_reason

MAX_NAMED = 5


def record_path(out: Path) -> Path:
    """``x.jsonl`` -> ``.x.jsonl.curator-export`` beside it."""
    return out.with_name(f".{out.name}.curator-export")


def files_beside(out: Path, format_name: str) -> list[Path]:
    """The files an export of ``format_name`` to ``out`` writes beside it (``out`` itself when it is a file)."""
    from curator.core.export.interop import label_config_path

    return [out, card_path(out)] + ([label_config_path(out)] if format_name == "labelstudio" else [])


def _sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _recorded(out: Path) -> dict[str, str]:
    """File name -> sha256 as the last export to ``out`` wrote them; empty when there is no readable record."""
    try:
        lines = record_path(out).read_text(encoding="utf-8").splitlines()[1:]
    except (OSError, UnicodeDecodeError):
        return {}
    return {line[65:]: line[:64] for line in lines if len(line) > 65 and line[64] == " "}


def check_replaceable(out: Path, format_name: str) -> None:
    """Raise ExportError naming every existing file beside ``out`` the export would replace that is not an
    earlier Curator export as it wrote it."""
    recorded = _recorded(out)
    problems = []
    for path in files_beside(out, format_name):
        if path.is_dir() or not os.path.lexists(path):  # a folder: the folder writers' own check
            continue
        digest = recorded.get(path.name)
        try:
            now = _sha256(path) if path.is_file() else "missing"
        except OSError as exc:
            raise ExportError(f"{path}: cannot be read to check it before replacing it ({os_reason(exc)}); "
                              "nothing was written") from None
        if digest is None:
            problems.append(f"{path}: exists and is not a Curator export (no record of one beside it)")
        elif now != digest:
            problems.append(f"{path}: changed since Curator exported it")
    if problems:
        more = f"; … and {len(problems) - MAX_NAMED} more" if len(problems) > MAX_NAMED else ""
        them = "it" if len(problems) == 1 else "them"
        raise ExportError("; ".join(problems[:MAX_NAMED]) + more + f"; export to another --out, move {them} away, "
                          f"or give --force to replace {them} (nothing was written)")


def write_record(out: Path, format_name: str) -> None:
    """Record what this export wrote beside ``out`` (written last, through a temporary file and a rename)."""
    record = record_path(out)
    lines = [format_name] + [f"{_sha256(path)} {path.name}" for path in files_beside(out, format_name)
                             if path.is_file() and not path.is_symlink()]
    tmp = record.with_name(record.name + ".partial")
    try:
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        os.replace(tmp, record)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportWriteError(f"{record}: cannot record what the export wrote ({os_reason(exc)}); {out} is "
                               "written, but the next export to it will need --force") from None
