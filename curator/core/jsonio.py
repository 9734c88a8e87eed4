"""JSON files: the one loader every file Curator reads goes through, stable serialisation, atomic writes.

Reading (:func:`load_json_file`, :func:`loads_json`): a size limit checked before reading, UTF-8,
duplicate keys refused, and every way ``json`` can fail on hostile input (deep nesting raises
``RecursionError``, a 5,000-digit number ``ValueError``) turned into one :class:`JsonFileError`
that names the file and the reason in a bounded message. The file is never touched.

Writing (:func:`atomic_write_text`): a temp file in the same folder, fsync, ``os.replace``; the
file keeps its mode (a new one gets the umask's), the folder is fsynced.
"""

from __future__ import annotations

import errno
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

# A curated file holds its text twice (segments) plus structure: a 10 MB page is ~30 MB of JSON.
MAX_JSON_BYTES = 256 << 20
# A message longer than this is cut: a 143 MB invalid file once made a 38 MB one-line error.
MESSAGE_LIMIT = 600
TEMP_SUFFIX = ".tmp"


def bounded(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """``text`` cut to about ``limit`` characters, saying how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


class JsonFileError(Exception):
    """A JSON file cannot be used; the message names it and says why. The file itself is left untouched."""

    def __init__(self, path: Path | str, reason: str) -> None:
        reason = bounded(reason)
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason


def _odd_float(data: Any) -> bool:
    """Does ``data`` hold a float that orjson spells differently from ``json`` (1e-05 as 0.00001,
    1e+16 as 1e16; NaN and infinities, which orjson writes as null)?

    A walk over the values: 0.08 ms for a page's Curation, where a regular expression over the
    output took 0.75 ms (~8 CPU-s of a 10k-page parse; measured).
    """
    stack = [data]
    while stack:
        v = stack.pop()
        t = type(v)
        if t is str or t is int:
            continue
        if t is dict:
            stack.extend(v.values())
        elif t is list or t is tuple:
            stack.extend(v)
        elif isinstance(v, float):
            if v != 0.0 and not 1e-4 <= abs(v) < 1e16:
                return True
        elif isinstance(v, dict):  # subclasses, which orjson writes as their base
            stack.extend(v.values())
        elif isinstance(v, (list, tuple)):
            stack.extend(v)
    return False


def dump_json(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)``, byte for byte, 5x faster.

    orjson does the work (``json`` with ``indent`` runs its pure-Python encoder: a fifth of a
    parse run went there); the rare float that orjson spells differently falls back to ``json``.
    """
    if _odd_float(data):
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode("utf-8")
    except (TypeError, orjson.JSONEncodeError):
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)


class CurationFileError(JsonFileError):
    """A curated JSON file (or a Curation kept elsewhere: base, snapshot, journal) cannot be used."""


class DuplicateKeyError(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKeyError(f"key {key!r} appears twice in one object")
            seen.add(key)
    return data


def loads_json(raw: bytes | str, path: Path | str = "<json>", *, error: type[JsonFileError] = JsonFileError) -> Any:
    """Parse JSON text strictly; any failure is ``error(path, reason)``."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as exc:
        raise error(path, f"is not UTF-8 ({exc.reason} at byte {exc.start})") from None
    if text.startswith("\ufeff"):  # a byte-order mark, as Windows editors write UTF-8 (RFC 8259 allows ignoring it)
        text = text[1:]
    try:
        # object_pairs_hook costs ~35% of parse time (12.5 -> 17 ms for a 2 MB file); silently
        # taking the last of two "status" keys is worse.
        return json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise error(path, f"is not valid JSON: line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except DuplicateKeyError as exc:
        raise error(path, f"is not valid JSON for Curator: {exc}") from None
    except RecursionError:
        raise error(path, "is not usable JSON: nested too deeply") from None
    except MemoryError:
        raise error(path, "is not usable JSON: too large to hold in memory") from None
    except ValueError as exc:  # e.g. "Exceeds the limit (4300 digits) for integer string conversion"
        raise error(path, f"is not usable JSON: {exc}") from None


def read_json_bytes(path: Path, *, max_bytes: int | None = None,
                    error: type[JsonFileError] = JsonFileError) -> bytes:
    """A JSON file's bytes, refusing files over ``max_bytes`` (default MAX_JSON_BYTES) before reading them;
    raises FileNotFoundError."""
    if max_bytes is None:
        max_bytes = MAX_JSON_BYTES
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise error(path, f"is {size:,} bytes, more than the {max_bytes:,} Curator reads; left as it is")
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise
    except IsADirectoryError:
        raise error(path, "is a folder, not a file") from None
    except OSError as exc:
        raise error(path, f"cannot be read ({exc.strerror or exc})") from None
    if len(raw) > max_bytes:
        raise error(path, f"is more than the {max_bytes:,} bytes Curator reads; left as it is")
    return raw


def load_json_file(path: Path, *, max_bytes: int = MAX_JSON_BYTES, error: type[JsonFileError] = JsonFileError) -> Any:
    """The parsed content of a JSON file; raises FileNotFoundError, or ``error`` naming the file."""
    return loads_json(read_json_bytes(path, max_bytes=max_bytes, error=error), path, error=error)


def move_aside(path: Path, *, label: str = "damaged") -> Path | None:
    """Rename a file Curator cannot use to ``<name>.<label>-<time>`` beside it (bytes unchanged), so that
    whatever is written in its place does not destroy it; None when it cannot be moved."""
    import time

    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{label}-{stamp}.{n}")
        n += 1
    try:
        path.rename(target)
    except OSError:
        return None
    return target


def dump_curation(cur: Curation) -> str:
    """Serialise with sorted keys and fixed indentation so git diffs stay small."""
    return dump_json(cur.model_dump(mode="json")) + "\n"


MAX_LISTED_ERRORS = 8


def format_validation_error(exc: ValidationError) -> str:
    """One readable line per pydantic error: ``segments.3.end: message`` (the first few)."""
    parts = []
    errors = exc.errors()
    for err in errors[:MAX_LISTED_ERRORS]:
        where = ".".join(str(p) for p in err["loc"]) or "(file)"
        msg = bounded(str(err["msg"]).removeprefix("Value error, "), 300)
        parts.append(f"{where}: {msg}")
    if len(errors) > MAX_LISTED_ERRORS:
        parts.append(f"and {len(errors) - MAX_LISTED_ERRORS} more")
    return "; ".join(parts)


def curation_from_data(data: Any, path: Path | str = "<json>") -> Curation:
    """Migrate and validate parsed JSON into a Curation."""
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
    except RecursionError:
        raise CurationFileError(path, "does not follow the contract: nested too deeply") from None


def parse_curation(raw: bytes | str, path: Path | str = "<json>") -> Curation:
    """Decode, migrate and validate a curated file's content."""
    return curation_from_data(loads_json(raw, path, error=CurationFileError), path)


def load_curation_file(path: Path, *, max_bytes: int = MAX_JSON_BYTES) -> tuple[Curation, bytes]:
    """A Curation file and its bytes; raises FileNotFoundError or CurationFileError naming it."""
    raw = read_json_bytes(path, max_bytes=max_bytes, error=CurationFileError)
    return parse_curation(raw, path), raw


def file_stamp(path: Path) -> str | None:
    """Identity of a file's current content (None when it does not exist)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def current_umask() -> int:
    """The process umask, read without changing it where the OS says it (Linux), else by setting it back."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    old = os.umask(0o022)
    os.umask(old)
    return old


# mkstemp names: ".<target name>.<8 random characters>.tmp"
_TEMP_NAME = re.compile(r"^\.(?P<target>.+)\.[A-Za-z0-9_]{8}\.tmp$")


def temp_target(name: str) -> str | None:
    """The file a temp file of :func:`atomic_write_text` was going to replace, or None if it is not one."""
    m = _TEMP_NAME.match(name)
    return m.group("target") if m else None


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True, stamp: bool = True) -> str:
    """Write via a temp file in the same folder, fsync, then ``os.replace``; returns the stamp
    (``""`` with ``stamp=False``: the journal, which never compares its files, spares a hash of each).

    The file keeps the permission bits it had; a new file gets ``0666 & ~umask`` as ``open`` would
    give it (``mkstemp`` alone would make every saved file 0600). ``durable=False`` skips the
    fsyncs: still atomic, and it survives the process being killed, not a power cut.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder; give a file name", str(path))
    if path.exists() and not path.is_file():  # os.replace would swap a device or pipe for a file
        raise OSError(errno.EINVAL, "is not a regular file (a device or pipe); give the name of a file", str(path))
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~current_umask()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    if not durable:
        return hashlib.sha256(data).hexdigest() if stamp else ""
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


def atomic_write_text(path: Path, text: str) -> str:
    """:func:`atomic_write_bytes` of ``text`` as UTF-8."""
    return atomic_write_bytes(path, text.encode("utf-8"))
