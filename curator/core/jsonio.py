"""JSON files: the one loader every file Curator reads goes through, stable serialisation, atomic writes.

Reading (:func:`load_json_file`, :func:`loads_json`): a size limit checked before reading, UTF-8,
duplicate keys refused, and every way ``json`` can fail on hostile input (deep nesting raises
``RecursionError``, a 5,000-digit number ``ValueError``) turned into one :class:`JsonFileError`
that names the file and the reason in a bounded message. The file is never touched.

Writing (:func:`atomic_write_text`): a temp file in the same folder, fsync, ``os.replace``; the
file keeps its mode (a new one gets the umask's), the folder is fsynced.
"""

from __future__ import annotations

import datetime as _dt
import errno
import hashlib
import json
import os
import re
import tempfile
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError

from curator.core.filenames import fit_name
from curator.core.migrations import MigrationError, migrate
from curator.core.model import Curation, Duplicate, Segment

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


def _odd(v: float) -> bool:
    """Does orjson spell this float differently from ``json`` (1e-05 as 0.00001, 1e+16 as 1e16; NaN and
    infinities, which orjson writes as null)?"""
    return v != 0.0 and not 1e-4 <= abs(v) < 1e16


def _odd_float(data: Any) -> bool:
    """Does ``data`` hold a float that orjson spells differently from ``json`` (:func:`_odd`)?

    A walk over the values: 0.08 ms for a page's Curation, where a regular expression over the
    output took 0.75 ms (~8 CPU-s of a 10k-page parse; measured). A Curation's own dump checks only
    its float fields (:data:`CURATION_FLOATS`).
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
            if _odd(v):
                return True
        elif isinstance(v, dict):  # subclasses, which orjson writes as their base
            stack.extend(v.values())
        elif isinstance(v, (list, tuple)):
            stack.extend(v)
    return False


Path_ = tuple[str, ...]  # keys into a model's JSON dump, "*" for every item of a list


def float_paths(model: type[BaseModel]) -> list[Path_] | None:
    """Where a model's JSON dump can hold a float: one key path per ``float`` field (``*`` for list items),
    from the field annotations; None when a field's type is one this does not know (then every value
    is walked)."""
    try:
        return sorted(set(_paths_of_model(model, ())))
    except TypeError:
        return None


def _paths_of_model(model: type[BaseModel], path: Path_) -> list[Path_]:
    out: list[Path_] = []
    for name, field in model.model_fields.items():
        out += _paths_of_type(field.annotation, (*path, field.alias or name))
    return out


def _paths_of_type(tp: Any, path: Path_) -> list[Path_]:
    origin = typing.get_origin(tp)
    if tp is float:
        return [path]
    if origin in (typing.Union, types.UnionType):
        return [p for arg in typing.get_args(tp) for p in _paths_of_type(arg, path)]
    if origin is list:
        return _paths_of_type(typing.get_args(tp)[0], (*path, "*"))
    if origin is typing.Literal or tp in (str, int, bool, type(None), _dt.date):
        return []
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return _paths_of_model(tp, path)
    raise TypeError(f"{path}: {tp!r}")


def _odd_at(data: Any, path: Path_) -> bool:
    """Is there an odd float (:func:`_odd`) at ``path`` in ``data``?"""
    level = [data]
    for key in path:
        if key == "*":
            level = [item for v in level if type(v) is list for item in v]
        else:
            level = [v[key] for v in level if type(v) is dict and key in v]
    return any(type(v) is float and _odd(v) for v in level)


_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS


def _json_dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)


def dump_json(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)``, byte for byte, 5x faster.

    orjson does the work (``json`` with ``indent`` runs its pure-Python encoder: a fifth of a
    parse run went there); the rare float that orjson spells differently falls back to ``json``.
    """
    return dump_json_bytes(data).decode("utf-8")


def dump_json_bytes(data: Any, *, floats: list[Path_] | None = None, newline: bool = False) -> bytes:
    """:func:`dump_json` as UTF-8 bytes (orjson's own output: no decode and encode again).

    ``floats``: where ``data`` can hold floats (:func:`float_paths`); only those are checked for
    floats orjson spells differently, instead of every value. ``newline``: one ``\n`` appended.
    """
    odd = any(_odd_at(data, p) for p in floats) if floats is not None else _odd_float(data)
    if not odd:
        try:
            return orjson.dumps(data, option=_OPTIONS | orjson.OPT_APPEND_NEWLINE if newline else _OPTIONS)
        except (TypeError, orjson.JSONEncodeError):
            pass
    return (_json_dumps(data) + ("\n" if newline else "")).encode("utf-8")


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


def loads_fast(raw: bytes) -> Any:
    """orjson's parse of JSON bytes, a leading UTF-8 byte-order mark dropped as ``loads_json`` drops it
    (orjson refuses one). For readers that want a few keys fast; raises ``orjson.JSONDecodeError``."""
    return orjson.loads(raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw)


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
    target = path.with_name(fit_name(path.name, f".{label}-{stamp}"))  # a long name: cut, with its hash
    n = 1
    while target.exists():
        target = path.with_name(fit_name(path.name, f".{label}-{stamp}.{n}"))
        n += 1
    try:
        path.rename(target)
    except OSError:
        return None
    return target


def dump_curation(cur: Curation) -> str:
    """Serialise with sorted keys and fixed indentation so git diffs stay small."""
    return dump_curation_bytes(cur).decode("utf-8")


def dump_curation_bytes(cur: Curation, *, pause: Callable[[], None] | None = None, piece: int = 2000) -> bytes:
    """:func:`dump_curation` as UTF-8 bytes, what a curated file holds (written without a str round trip).

    Only the contract's float fields (:data:`CURATION_FLOATS`) are checked for floats orjson spells
    differently from ``json``: walking every value was a third of the rendering (measured). The
    segments go to orjson as their field dicts (:func:`_plain_segments`; pydantic's ``model_dump`` of
    them was half of the rendering, 0.043 -> 0.026 ms a generated page): same bytes.

    ``pause``: the segments are rendered ``piece`` at a time and ``pause`` is called between pieces (the window's
    saver thread passes ``time.sleep(0)``: one ``orjson.dumps`` holds the GIL, 23-115 ms of the UI thread's time
    for 40,000 segments at load 8); the same bytes.
    """
    floats = CURATION_FLOATS
    segments = _plain_segments(cur.segments) if floats is not None else None
    if segments is not None and floats is not None:
        data = cur.model_dump(mode="json", exclude=_SEGMENTS)
        data["segments"] = segments
        if not any(_odd_at(data, p) for p in floats):
            try:
                if pause is not None and len(segments) > piece:
                    return _dump_in_pieces(data, segments, pause, piece)
                return orjson.dumps(data, option=_OPTIONS | orjson.OPT_APPEND_NEWLINE)
            except (TypeError, orjson.JSONEncodeError):
                pass
    return dump_json_bytes(cur.model_dump(mode="json"), floats=CURATION_FLOATS, newline=True)


_EMPTY_SEGMENTS = b'\n  "segments": []'  # the top-level key: nested keys sit deeper, a string holds no raw newline


def _dump_in_pieces(data: dict[str, Any], segments: list[dict[str, Any]], pause: Callable[[], None],
                    piece: int) -> bytes:
    """``orjson.dumps(data)`` with its segments rendered ``piece`` at a time: each piece as a list of its own,
    its lines indented one level deeper (an indented JSON string holds no raw newline), spliced where the
    Curation rendered without them shows an empty list."""
    data["segments"] = []
    head = orjson.dumps(data, option=_OPTIONS | orjson.OPT_APPEND_NEWLINE)
    at = head.index(_EMPTY_SEGMENTS) + len(_EMPTY_SEGMENTS) - 1  # the "]" of the empty list
    parts = [head[:at - 1], b"[\n"]
    for start in range(0, len(segments), piece):
        if start:
            pause()
            parts.append(b",\n")
        rendered = orjson.dumps(segments[start:start + piece], option=_OPTIONS)  # b"[\n  {...},\n  {...}\n]"
        parts.append(b"  " + rendered[2:-2].replace(b"\n", b"\n  "))
    parts.append(b"\n  ]")
    parts.append(head[at + 1:])
    return b"".join(parts)


def dump_curation_data_bytes(data: dict[str, Any]) -> bytes:
    """A Curation's JSON data (``model_dump(mode="json")``, as ``parse.parse_document_data`` makes it without the
    models) as :func:`dump_curation_bytes` renders the Curation: the same bytes."""
    return dump_json_bytes(data, floats=CURATION_FLOATS, newline=True)


_SEGMENTS = {"segments"}


def _plain_segments(segments: Any) -> list[dict[str, Any]] | None:
    """The segments' JSON as ``model_dump(mode="json")`` gives it: each Segment's own field dict, or None
    when that cannot be told cheaply (then pydantic dumps them).

    A Segment's fields are strings, ints, a bool and None, which orjson writes as pydantic does; what an
    unvalidated assignment may leave there is also written alike (an int or None for a string, a float
    for an int) but for a bool in ``start`` or ``end`` (pydantic writes ``1``, orjson ``true``): such a
    segment, a subclass, or a list that is not one, goes to pydantic. orjson refuses what it cannot
    write (the caller then falls back)."""
    if not _SEGMENT_DICT_IS_ITS_JSON or type(segments) is not list:
        return None
    out = []
    for seg in segments:
        if type(seg) is not Segment:
            return None
        fields = seg.__dict__
        if type(fields["start"]) is bool or type(fields["end"]) is bool:
            return None
        out.append(fields)
    return out


def _dict_is_its_json(model: type[BaseModel]) -> bool:
    """A model's ``__dict__`` is what pydantic dumps: no serializer, alias or computed field, no extra."""
    decorators = model.__pydantic_decorators__
    return (not decorators.field_serializers and not decorators.model_serializers and not model.model_computed_fields
            and model.model_config.get("extra") == "forbid"
            and all(f.alias is None and f.serialization_alias is None and not f.exclude
                    for f in model.model_fields.values()))


_SEGMENT_DICT_IS_ITS_JSON = _dict_is_its_json(Segment)


# Where a Curation's JSON can hold a float (articles' confidence, duplicates' score); a test holds it to
# the contract's JSON schema.
CURATION_FLOATS = float_paths(Curation)
DUPLICATE_FLOATS = float_paths(Duplicate)


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
        # strict: a JSON string is not an offset ("0"), as the JSON Schema says; lax mode took it
        return Curation.model_validate(data, strict=True)
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
        return bytes_stamp(path.read_bytes())
    except FileNotFoundError:
        return None


def bytes_stamp(data: bytes | None) -> str | None:
    """:func:`file_stamp` of a file whose bytes were read already (None: there was no file)."""
    return None if data is None else hashlib.sha256(data).hexdigest()


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


def temp_prefix(name: str) -> str:
    """``mkstemp``'s prefix for a temp file beside ``name``: ``.<name>.``, the name cut to fit when it is
    long (a 240-character id is a legal file name; its temp name, 14 bytes longer, would not be)."""
    raw = name.encode("utf-8", "surrogateescape")
    if len(raw) <= 200:
        return f".{name}."
    return f".{raw[:200].decode('utf-8', 'ignore')}~."


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
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(path.name), suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as exc:  # a read-only or full folder: name the file asked for, not the hidden temp file
        raise OSError(exc.errno, exc.strerror, str(path)) from None
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
    return hashlib.sha256(data).hexdigest() if stamp else ""


def atomic_write_text(path: Path, text: str) -> str:
    """:func:`atomic_write_bytes` of ``text`` as UTF-8."""
    return atomic_write_bytes(path, text.encode("utf-8"))
