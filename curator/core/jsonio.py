"""Curation files: stable serialisation, readable errors, atomic writes."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from curator.core.migrations import MigrationError, migrate
from curator.core.model import Curation


class CurationFileError(Exception):
    """A curated JSON file cannot be used; the file itself is left untouched."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason


# Numbers orjson writes differently from ``json``: 1e-05 as 0.00001, 1e+16 as 1e16.
_OTHER_FLOAT_FORM = re.compile(rb'(?m)^ *(?:"(?:[^"\\\n]|\\.)*": )?-?(?:0\.0000|\d+(?:\.\d+)?e)')


def dump_json(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)``, byte for byte, 5x faster.

    orjson does the work (``json`` with ``indent`` runs its pure-Python encoder: a fifth of a
    parse run went there); the rare float that orjson spells differently falls back to ``json``.
    """
    try:
        raw = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)
    except (TypeError, orjson.JSONEncodeError):
        raw = b""
    if not raw or _OTHER_FLOAT_FORM.search(raw):
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    return raw.decode("utf-8")


def dump_curation(cur: Curation) -> str:
    """Serialise with sorted keys and fixed indentation so git diffs stay small."""
    return dump_json(cur.model_dump(mode="json")) + "\n"


def format_validation_error(exc: ValidationError) -> str:
    """One readable line per pydantic error: ``segments.3.end: message``."""
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "(file)"
        msg = err["msg"].removeprefix("Value error, ")
        parts.append(f"{where}: {msg}")
    return "; ".join(parts)


def parse_curation(raw: bytes | str, path: Path | str = "<json>") -> Curation:
    """Decode, migrate and validate a curated file's content."""
    try:
        data: Any = json.loads(raw)
    except UnicodeDecodeError as exc:
        raise CurationFileError(path, f"is not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise CurationFileError(path, f"is not valid JSON: line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    if not isinstance(data, dict):
        raise CurationFileError(path, f"must hold a JSON object, found {type(data).__name__}")
    try:
        data = migrate(data)
    except MigrationError as exc:
        raise CurationFileError(path, str(exc)) from None
    try:
        return Curation.model_validate(data)
    except ValidationError as exc:
        raise CurationFileError(path, f"does not follow the contract: {format_validation_error(exc)}") from None


def file_stamp(path: Path) -> str | None:
    """Identity of a file's current content (None when it does not exist)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def atomic_write_text(path: Path, text: str) -> str:
    """Write via a temp file in the same folder, fsync, then ``os.replace``; returns the stamp."""
    data = text.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        pass
    else:
        try:
            os.fsync(dir_fd)
        except OSError:
            pass
        finally:
            os.close(dir_fd)
    return hashlib.sha256(data).hexdigest()
