"""Import pages into a corpus: one ``.txt`` per page, its provenance beside it, nothing overwritten silently.

For each page: key from the URL (or the file's path), Document id from the key, text (HTML
decoded and extracted, or the JSONL ``text`` as it is), then

* no Document with that id yet: written (``imported``), unless another Document already has
  exactly this text (``duplicate``: skipped, named; ``keep_duplicates`` imports it anyway);
* the same text as the Document already there: ``unchanged``;
* different text: ``changed`` and left alone, unless ``update``: then the new text is written
  (``updated``) and a Document with a curated file goes through :func:`reparse_document`,
  which re-anchors the editor's spans on the new text (spans it cannot place are kept aside,
  never dropped) and merges a fresh parse three-way.

Text files are written atomically (temp file + rename) without an fsync per file: an import can
always be run again from its input, and an fsync per page made it disk-bound.
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from curator.core.ingest.charset import decode_page, wide_codec
from curator.core.ingest.extract import extractor_name, html_to_text
from curator.core.ingest.ids import BadURL, document_id, file_key, url_key
from curator.core.ingest.readers import FieldNames, InputError, Item, Page, Skip, expand, read
from curator.core.jsonio import atomic_write_bytes
from curator.core.model import SourceInfo
from curator.core.provenance import (
    SOURCES_DIR,
    Provenance,
    ProvenanceError,
    parse_provenance,
    provenance_json,
    provenance_path,
    read_provenance,
)
from curator.core.store import Corpus, shown_path
from curator.core.textio import SourceError, looks_binary, read_source, sha256_text

log = logging.getLogger(__name__)

IMPORTED = "imported"
UNCHANGED = "unchanged"
CHANGED = "changed"
UPDATED = "updated"
DUPLICATE = "duplicate"


@dataclass(frozen=True)
class ImportOptions:
    update: bool = False
    keep_duplicates: bool = False
    dry_run: bool = False
    fields: FieldNames = field(default_factory=FieldNames)


@dataclass(frozen=True)
class PageResult:
    action: str
    id: str
    where: str
    url: str | None
    detail: str = ""
    repeat_of: str | None = None  # a changed page: the earlier record of this input that wrote the Document
    edited_here: bool = False  # a changed page: the corpus's file changed, the crawl's page is as imported

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"action": self.action, "id": self.id, "where": self.where, "url": self.url,
                                "detail": self.detail}
        if self.repeat_of is not None:
            data["repeat_of"] = self.repeat_of
        if self.edited_here:
            data["edited_here"] = True
        return data


LEFT_OUT_KEPT = 10_000


@dataclass
class ImportResult:
    pages: list[PageResult] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reanchored: list[dict[str, Any]] = field(default_factory=list)
    # "where: reason" of each input left out quietly (not HTML, a file by its name, a hidden file, an
    # HTTP status): `import -v` names them; the first LEFT_OUT_KEPT only (a crawl's images are millions)
    left_out: list[str] = field(default_factory=list)
    left_out_more: int = 0

    def leave_out(self, where: str, reason: str) -> None:
        if len(self.left_out) < LEFT_OUT_KEPT:
            self.left_out.append(f"{where}: {reason}")
        else:
            self.left_out_more += 1

    def count(self, action: str) -> int:
        return sum(1 for p in self.pages if p.action == action)

    def ids(self, action: str) -> list[str]:
        return [p.id for p in self.pages if p.action == action]

    @property
    def ok(self) -> bool:
        """No broken input, and no changed page left behind."""
        return not self.problems and not self.count(CHANGED)

    def to_json(self) -> dict[str, Any]:
        return {
            "imported": self.count(IMPORTED),
            "updated": self.count(UPDATED),
            "unchanged": self.count(UNCHANGED),
            "changed": [p.to_json() for p in self.pages if p.action == CHANGED],
            "duplicates": [p.to_json() for p in self.pages if p.action == DUPLICATE],
            "skipped": dict(sorted(self.skipped.items())),
            "left_out": self.left_out,
            "left_out_more": self.left_out_more,
            "problems": self.problems,
            "warnings": self.warnings,
            "reanchored": self.reanchored,
            "documents": [p.to_json() for p in self.pages if p.action in (IMPORTED, UPDATED)],
        }


def iter_items(sources: list[Path], fields: FieldNames) -> Iterator[Item]:
    """Every page and skip of the inputs, in a stable order; raises InputError for a missing path."""
    for entry in expand(sources):
        if isinstance(entry, Skip):
            yield entry
            continue
        path, root, kind = entry
        for item in read(path, root, kind, fields):
            if isinstance(item, Page) and item.file and kind == "html":
                rel = PurePosixPath(Path(os.path.relpath(path, root)).as_posix())
                item = replace(item, file=shown_path(rel.as_posix()))  # a name not UTF-8: escaped (lat\xe9.html)
            yield item


def _clean_text(text: str) -> str:
    """Lone surrogates (possible in JSON) cannot be stored as UTF-8: replaced, like undecodable bytes."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _write_text(path: Path, text: str) -> None:
    """Atomic, with the mode ``open`` would give a new file (the umask's), not mkstemp's 0600."""
    try:
        atomic_write_bytes(path, text.encode("utf-8"), durable=False, stamp=False)
    except OSError as exc:  # a full disk: the message names the file, not only the errno
        raise OSError(exc.errno, f"{path}: cannot be written ({exc.strerror or exc})") from None


class Importer:
    """Takes pages one at a time (:meth:`add`), then :meth:`finish` re-anchors what changed."""

    def __init__(self, corpus_root: Path, options: ImportOptions | None = None) -> None:
        self.options = options or ImportOptions()
        root = Path(corpus_root)
        if root.exists() and not root.is_dir():
            raise InputError(f"{root}: not a folder; --into names the corpus folder")
        if not self.options.dry_run:
            root.mkdir(parents=True, exist_ok=True)
        self.root = root
        self.result = ImportResult()
        self.extractor = extractor_name()
        self.now = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        self._by_text = self._text_index()
        self._updated: list[str] = []
        self._written: dict[str, str] = {}  # Document id -> the record of this input that wrote its text

    @property
    def state_dir(self) -> Path:
        return self.root / ".curator"

    def _text_index(self) -> dict[str, str]:
        """sha256 of each imported Document's text -> its id, from the provenance files."""
        index: dict[str, str] = {}
        base = self.state_dir / SOURCES_DIR
        if not base.is_dir():
            return index
        for folder, _dirs, files in os.walk(base):
            for name in files:
                if not name.endswith(".json"):
                    continue
                path = Path(folder, name)
                try:
                    record = parse_provenance(path.read_bytes(), path)
                except OSError as exc:
                    self.result.warnings.append(f"{path}: cannot be read ({exc.strerror or exc})")
                    continue
                except ProvenanceError as exc:
                    self.result.warnings.append(str(exc))
                    continue
                doc_id = PurePosixPath(path.relative_to(base).with_suffix("").as_posix()).as_posix()
                index.setdefault(record.text_sha256, doc_id)
        return index

    # -- one page -------------------------------------------------------------------------
    def add(self, item: Item) -> PageResult | None:
        if isinstance(item, Skip):
            if item.counted:
                self.result.skipped[item.reason] += 1
                if not (item.problem or item.note or item.reason.startswith("WARC ")):
                    self.result.leave_out(item.where, item.reason)  # (a WARC's request records are not pages)
            if item.problem:
                self.result.problems.append(f"{item.where}: {item.message}")
            elif item.note:
                self.result.warnings.append(f"{item.where}: {item.detail or item.reason}")
            return None
        self.result.warnings.extend(item.warnings)
        try:
            return self._add_page(item)
        except (OSError, ValueError) as exc:
            # One page that cannot be written or read never stops the import.
            why = str(exc)
            if isinstance(exc, OSError) and exc.strerror:  # "[Errno 28] …" reads as the OS's words, file first
                why = f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
            self.result.problems.append(f"{item.where}: {why}")
            self.result.skipped["error"] += 1
            return None

    def _key(self, page: Page) -> str:
        if page.url:
            return url_key(page.url)
        if page.file is None:  # a reader's bug, not the input's: named for this page, the import goes on
            raise ValueError("the page has neither an address nor a file name; not imported")
        return file_key(PurePosixPath(page.file))

    def _resolve_id(self, key: str) -> tuple[str, Provenance | None]:
        """The id for a key; on the (rare) clash with another key's id, a longer hash."""
        owners = []
        for digits in (10, 20):
            doc_id = document_id(key, digits=digits)
            record = read_provenance(self.state_dir, doc_id)
            if record is None or record.key == key:
                return doc_id, record
            owners.append(record.key)
        raise ValueError(f"document id {doc_id!r} is taken by another page ({owners[-1]}); not imported")

    def _text(self, page: Page) -> tuple[str, str | None, str | None]:
        """(text, <title>, declared charset) of a page."""
        if page.text is not None:
            text = _clean_text(page.text)
            if "\x00" in text:  # HTML parsers drop NULs from text, as browsers do; a JSONL text gets the same
                self.result.warnings.append(f"{page.where}: {text.count(chr(0))} NUL character(s) dropped from the text")
                text = text.replace("\x00", "")
            return text, page.title, None
        assert page.html is not None
        decoded = decode_page(page.html, http_charset=page.http_charset, where=page.where)
        self.result.warnings.extend(decoded.warnings)
        extracted = html_to_text(decoded.text)
        return _clean_text(extracted.text), page.title or extracted.title, decoded.declared

    def _add_page(self, page: Page) -> PageResult | None:
        try:
            key = self._key(page)
        except BadURL as exc:
            self.result.skipped["no usable URL"] += 1
            self.result.problems.append(f"{page.where}: {exc}")
            return None
        try:
            doc_id, record = self._resolve_id(key)
        except ProvenanceError as exc:
            self.result.problems.append(f"{page.where}: {exc}")
            self.result.skipped["error"] += 1
            return None
        if page.html is not None and looks_binary(page.html) and wide_codec(page.html) is None:
            self.result.skipped["binary, not a page"] += 1
            self.result.problems.append(f"{page.where}: looks like a binary file (many control bytes), not an HTML page")
            return None
        text, title, charset = self._text(page)
        if not text.strip():
            self.result.skipped["no text in the page"] += 1
            # README: `import -v` lists every page it skipped (counted in the summary line without -v)
            self.result.warnings.append(f"{page.where}: no text in the page (only markup, scripts or nothing); skipped")
            return None
        sha = sha256_text(text)
        source = SourceInfo(
            url=page.url, fetched_at=page.fetched_at, warc_file=page.warc_file,
            warc_record_id=page.warc_record_id, html_title=title, http_charset=charset,
            file=page.file if not page.warc_file else None,
            extractor=self.extractor if page.html is not None else None,
        )
        txt = self.root / f"{doc_id}.txt"
        if txt.exists():
            try:
                old = read_source(txt)
            except SourceError as exc:
                raise ValueError(str(exc)) from None
            if old.sha256 == sha:
                if record is None and not self.options.dry_run:
                    self._write_provenance(doc_id, key, sha, source)
                return self._done(UNCHANGED, doc_id, page)
            earlier = self._written.get(doc_id)
            if earlier is None and record is not None and record.text_sha256 == sha:
                # The crawl's page is the text imported before: the corpus's file was edited since (a typo fixed by
                # hand). Nothing to take from the crawl; --update wrote it over the edit, without a copy.
                return self._done(CHANGED, doc_id, page, "edited in the corpus since it was imported (the crawl's "
                                  "page is as it was imported); the corpus's text kept, --update too", edited_here=True)
            if not self.options.update:
                if earlier is not None:  # a crawl that fetched the page twice: nothing was imported before this run
                    return self._done(CHANGED, doc_id, page,
                                      f"the same address as {earlier} earlier in this input, with other text; "
                                      "kept the earlier text (--update takes the later)", repeat_of=earlier)
                return self._done(CHANGED, doc_id, page,
                                  "the page's text changed since it was imported; kept the old text (--update takes it)")
            if not self.options.dry_run:
                _write_text(txt, text)
                self._write_provenance(doc_id, key, sha, source)
                self._by_text.setdefault(sha, doc_id)
                self._updated.append(doc_id)
            self._written[doc_id] = page.where
            return self._done(UPDATED, doc_id, page, "new text written")
        other = self._by_text.get(sha)
        if other is not None and other != doc_id and not self.options.keep_duplicates:
            return self._done(DUPLICATE, doc_id, page, f"same text as {other}")
        if not self.options.dry_run:
            _write_text(txt, text)
            self._write_provenance(doc_id, key, sha, source)
        self._by_text.setdefault(sha, doc_id)
        self._written[doc_id] = page.where
        return self._done(IMPORTED, doc_id, page)

    def _write_provenance(self, doc_id: str, key: str, sha: str, source: SourceInfo) -> None:
        record = Provenance(key=key, text_sha256=sha, imported_at=self.now, source=source)
        _write_text(provenance_path(self.state_dir, doc_id), provenance_json(record))

    def _done(self, action: str, doc_id: str, page: Page, detail: str = "", repeat_of: str | None = None,
              edited_here: bool = False) -> PageResult:
        result = PageResult(action, doc_id, page.where, page.url, detail, repeat_of, edited_here)
        self.result.pages.append(result)
        if action == DUPLICATE:
            self.result.skipped["duplicate"] += 1
        return result

    # -- after the last page --------------------------------------------------------------
    def finish(self) -> ImportResult:
        """Re-anchor the curations of Documents whose text the import replaced."""
        if self._updated and not self.options.dry_run:
            self._reanchor(sorted(set(self._updated)))
        return self.result

    def _reanchor(self, doc_ids: list[str]) -> None:
        from curator.core.review import runner
        from curator.core.review.reparse import ERROR, reparse_document

        corpus = Corpus(self.root)
        curated = [d for d in doc_ids if corpus.curated_path(d).is_file()]
        if not curated:
            return
        sources = {d: corpus.read_source(d) for d in curated}
        parser = runner.current_parser()
        parses, errors = runner.parse_all(parser, corpus, sources)
        for doc_id in curated:
            if doc_id not in parses:
                self.result.problems.append(errors.get(doc_id, f"{doc_id}: not parsed; run `curator reparse`"))
                continue
            try:
                outcome = reparse_document(corpus, doc_id, sources[doc_id], new=parses[doc_id], dry_run=False)
            except Exception as exc:  # noqa: BLE001 - the text is written; reparse can redo this later
                self.result.problems.append(f"{doc_id}: re-anchoring failed ({type(exc).__name__}: {exc}); "
                                            "the new text is in place, run `curator reparse` to retry")
                continue
            if outcome.action == ERROR:
                self.result.problems.extend(f"{doc_id}: {n}" for n in outcome.notes)
            self.result.reanchored.append(outcome.to_json())
            if outcome.unplaced or outcome.conflicts:
                self.result.warnings.append(
                    f"{doc_id}: {len(outcome.unplaced)} span(s) could not be placed on the new text, "
                    f"{len(outcome.conflicts)} conflict(s); kept in .curator/ for review")


def import_sources(corpus_root: Path, sources: list[Path], options: ImportOptions | None = None) -> ImportResult:
    """Import every page under ``sources`` into the corpus (no progress reporting; see the CLI)."""
    importer = Importer(corpus_root, options)
    for item in iter_items(sources, importer.options.fields):
        importer.add(item)
    return importer.finish()
