"""Search across a corpus from an SQLite FTS5 index kept in ``<corpus>/.curator/search.sqlite``.

One row per Segment of each curated Document (its text, label, speaker's name,
the Document's status, its Article's confidence) and, for a Document never
curated, one row per paragraph of its source. A query is answered from the
index alone — never by reading the corpus's files — and stops at ``limit`` hits,
so a common word costs no more than a rare one.

* Text queries are phrases of words, the last one a prefix (search as you
  type), case- and accent-insensitive (``unicode61 remove_diacritics 2``).
* Regular expressions are narrowed by the words they require (read off the
  parsed pattern: ``Lavrov|Shoigu`` needs either word, ``secur\\w+`` a word
  starting "secur"), then checked with Python's ``re`` on those rows only. A
  pattern that requires no word at all (``\\d{2}\\.\\d{4}``) has to look at every
  row the filters leave: it runs under a time budget and says when it stopped.
* Filters (label, speaker, status, confidence) are indexed columns too, so
  they narrow the search inside the index instead of after it.

The index follows the corpus: ``refresh`` re-reads only Documents whose source
or curated file changed (size and mtime, recorded per Document), and the window
updates a Document's rows when it saves it. Each thread opens its own
connection; the database is in WAL mode, so queries go on while a refresh writes.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curator.core.model import Curation
from curator.core.search.find import context

INDEX_FILE = "search.sqlite"
SCHEMA_VERSION = "1"
DEFAULT_LIMIT = 500
SCAN_BUDGET_S = 3.0  # a regex that requires no word stops looking after this long
_TOKEN = re.compile(r"[^\W_]+")
_PARAGRAPH = re.compile(r"\S(?:.*\S)?(?:\n[ \t]*\S.*)*")  # lines up to a blank line, trimmed


@dataclass(frozen=True)
class SearchQuery:
    """What to find and where: text (words, or a regex), narrowed by label, speaker, status and confidence."""

    text: str
    regex: bool = False
    case: bool = False
    label: str = ""
    speaker: str = ""
    status: str = ""  # auto | in_progress | curated | new (never curated)
    max_confidence: float | None = None  # only Articles the parser was at most this sure of (unknown excluded)
    unknown_confidence: bool = False  # only segments whose Article's confidence is unknown (or no Article)
    limit: int = DEFAULT_LIMIT


@dataclass(frozen=True)
class Hit:
    doc_id: str
    segment: str | None  # None: a paragraph of a Document never curated
    start: int  # the match, code points in the Document's text
    end: int
    label: str
    speaker: str
    status: str
    confidence: float | None
    before: str
    match: str
    after: str


@dataclass
class SearchResult:
    hits: list[Hit] = field(default_factory=list)
    complete: bool = True  # False: stopped at the limit or the scan budget
    rows_checked: int = 0
    note: str = ""
    seconds: float = 0.0


@dataclass(frozen=True)
class Row:
    text: str
    start: int
    segment: str | None = None
    label: str = ""
    speaker: str = ""
    confidence: float | None = None


def rows_of(curation: Curation | None, text: str) -> list[Row]:
    """What the index holds for one Document: its Segments, or the paragraphs of a text never curated."""
    if curation is None:
        return [Row(m.group(), m.start()) for m in _PARAGRAPH.finditer(text)]
    speakers = {s.id: s.name for s in curation.speakers}
    confidence = {a.id: a.confidence for a in curation.articles}
    return [Row(s.text, s.start, s.id, s.label, speakers.get(s.speaker or "", ""),
                confidence.get(s.article) if s.article else None) for s in curation.segments]


def _bucket(confidence: float | None) -> str:
    return "cu" if confidence is None else f"c{min(9, max(0, int(confidence * 10)))}"


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _stat(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (0, -1)
    return (st.st_mtime_ns, st.st_size)


class SearchIndex:
    """The corpus's search index (one SQLite file); one instance per thread."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self._create()

    @classmethod
    def for_corpus(cls, corpus: Any) -> SearchIndex:
        return cls(Path(corpus.state_dir) / INDEX_FILE)

    def close(self) -> None:
        self.db.close()

    def _create(self) -> None:
        db = self.db
        db.execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT)")
        version = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if version is not None and version[0] != SCHEMA_VERSION:
            db.executescript("DROP TABLE IF EXISTS rows; DROP TABLE IF EXISTS docs;")
        db.executescript(
            """
            CREATE VIRTUAL TABLE IF NOT EXISTS rows USING fts5(
                text, label, speaker, status, conf,
                doc UNINDEXED, seg UNINDEXED, start UNINDEXED, confidence UNINDEXED,
                tokenize = 'unicode61 remove_diacritics 2');
            CREATE TABLE IF NOT EXISTS docs(
                doc TEXT PRIMARY KEY, first INTEGER, last INTEGER,
                src_mtime INTEGER, src_size INTEGER, cur_mtime INTEGER, cur_size INTEGER);
            """
        )
        db.execute("INSERT OR REPLACE INTO meta VALUES('schema', ?)", (SCHEMA_VERSION,))
        db.commit()

    # -- writing ---------------------------------------------------------------------------
    def _next_rowid(self) -> int:
        row = self.db.execute("SELECT max(rowid) FROM rows").fetchone()
        return (row[0] or 0) + 1

    def put(self, doc_id: str, curation: Curation | None, text: str, *,
            stamp: tuple[int, int, int, int] = (0, -1, 0, -1), commit: bool = True) -> int:
        """Index one Document afresh (its old rows go); ``stamp`` is (source mtime, size, curated mtime, size)."""
        status = curation.status if curation is not None else "new"
        rows = rows_of(curation, text)
        self._delete(doc_id)
        first = self._next_rowid()
        self.db.executemany(
            "INSERT INTO rows(rowid, text, label, speaker, status, conf, doc, seg, start, confidence) "
            "VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(first + k, r.text, r.label, r.speaker, status, _bucket(r.confidence), doc_id, r.segment, r.start,
              r.confidence) for k, r in enumerate(rows)])
        self.db.execute("INSERT OR REPLACE INTO docs VALUES (?,?,?,?,?,?,?)",
                        (doc_id, first, first + len(rows) - 1, *stamp))
        if commit:
            self.db.commit()
        return len(rows)

    def _delete(self, doc_id: str) -> None:
        span = self.db.execute("SELECT first, last FROM docs WHERE doc=?", (doc_id,)).fetchone()
        if span is not None:
            if span[1] >= span[0]:
                self.db.execute("DELETE FROM rows WHERE rowid BETWEEN ? AND ?", span)
            self.db.execute("DELETE FROM docs WHERE doc=?", (doc_id,))

    def remove(self, doc_id: str) -> None:
        self._delete(doc_id)
        self.db.commit()

    def indexed(self) -> dict[str, tuple[int, int, int, int]]:
        return {r[0]: tuple(r[1:]) for r in self.db.execute(  # type: ignore[misc]
            "SELECT doc, src_mtime, src_size, cur_mtime, cur_size FROM docs")}

    def refresh(self, corpus: Any, *, progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> tuple[int, int]:
        """Re-index the Documents whose source or curated file changed, drop those gone; (updated, removed).

        Only file sizes and times are compared; a changed Document is read once. One unreadable
        file is skipped (it shows in the window when opened), the rest go on.
        """
        from curator.core.jsonio import CurationFileError
        from curator.core.textio import SourceError

        known = self.indexed()
        ids = corpus.document_ids()
        gone = set(known) - set(ids)
        for doc_id in gone:
            self._delete(doc_id)
        updated = 0
        for n, doc_id in enumerate(ids, start=1):
            if cancelled is not None and cancelled():
                break
            stamp = (*_stat(corpus.source_path(doc_id)), *_stat(corpus.curated_path(doc_id)))
            if known.get(doc_id) != stamp:
                try:
                    loaded = corpus.load(doc_id)
                    text = corpus.read_source(doc_id).text
                except (CurationFileError, SourceError, OSError):
                    loaded, text = None, None
                if text is not None:
                    self.put(doc_id, loaded.curation if loaded else None, text, stamp=stamp, commit=False)
                    updated += 1
            if n % 500 == 0:
                self.db.commit()
                if progress is not None:
                    progress(n, len(ids))
        self.db.commit()
        if progress is not None:
            progress(len(ids), len(ids))
        return updated, len(gone)

    def stamp_of(self, corpus: Any, doc_id: str) -> tuple[int, int, int, int]:
        return (*_stat(corpus.source_path(doc_id)), *_stat(corpus.curated_path(doc_id)))

    def counts(self) -> tuple[int, int]:
        """(documents, rows) indexed."""
        docs = self.db.execute("SELECT count(*) FROM docs").fetchone()[0]
        rows = self.db.execute("SELECT coalesce(sum(last - first + 1), 0) FROM docs").fetchone()[0]
        return docs, rows

    # -- reading ---------------------------------------------------------------------------
    def search(self, query: SearchQuery, *, budget: float = SCAN_BUDGET_S) -> SearchResult:
        """The first ``query.limit`` hits, in index order; raises ValueError for a bad regular expression."""
        t0 = time.perf_counter()
        result = SearchResult()
        flags = 0 if query.case else re.IGNORECASE
        if query.regex:
            try:
                pattern = re.compile(query.text, flags)
            except re.error as exc:
                raise ValueError(f"not a valid regular expression: {exc}") from None
            words = _required_words(query.text, flags) if query.text else None
            text_part = _fts_expr(words) if words is not None else None
            if words is None and query.text:
                result.note = "this pattern requires no whole word, so every row the filters leave is checked"
        else:
            tokens = _TOKEN.findall(query.text)
            if not tokens:
                return result
            phrase = " + ".join([*(_quote(t) for t in tokens[:-1]), _quote(tokens[-1]) + "*"])
            text_part = f"text : ({phrase})"
            # Words in order, separated by anything that is not a letter or digit; the last one a prefix.
            gap = r"[\W_]+"
            pattern = re.compile(gap.join(re.escape(t) for t in tokens[:-1])
                                 + (gap if len(tokens) > 1 else "") + re.escape(tokens[-1]) + r"\w*", flags)
        parts = [p for p in (text_part, *self._filters(query)) if p]
        scanning = query.regex and text_part is None
        if not parts and not (scanning and query.text):
            return result
        sql = "SELECT text, doc, seg, start, label, speaker, status, confidence FROM rows"
        where: list[str] = []
        args: list[str | float] = []
        if parts:
            where.append("rows MATCH ?")
            args.append(" AND ".join(parts))
        if query.max_confidence is not None and not query.unknown_confidence:
            where.append("confidence IS NOT NULL AND confidence <= ?")
            args.append(query.max_confidence)
        if where:
            sql += " WHERE " + " AND ".join(where)
        cursor = self.db.execute(sql, args)
        for row in _fetch(cursor):
            result.rows_checked += 1
            text, doc, seg, start, label, speaker, status, confidence = row
            for m in pattern.finditer(text):
                if m.end() == m.start():
                    continue
                before, match, after = context(text, m.start(), m.end())
                result.hits.append(Hit(doc, seg, start + m.start(), start + m.end(), label, speaker, status,
                                       confidence, before, match, after))
                if len(result.hits) >= query.limit:
                    result.complete = False
                    break
            if not result.complete:
                break
            if scanning and result.rows_checked % 64 == 1 and time.perf_counter() - t0 > budget:
                result.complete = False
                result.note = (f"stopped after {budget:.0f} s ({result.rows_checked:,} rows checked): this pattern "
                               "requires no whole word; add one, or a filter, to search everything")
                break
        cursor.close()
        result.seconds = time.perf_counter() - t0
        return result

    @staticmethod
    def _filters(query: SearchQuery) -> list[str]:
        parts = []
        if query.label:
            parts.append(f"label : {_quote(query.label)}")
        if query.status:
            parts.append("status : " + _quote(" ".join(_TOKEN.findall(query.status))))
        words = _TOKEN.findall(query.speaker)
        if words:
            parts.append("speaker : (" + " AND ".join(_quote(w) + "*" for w in words) + ")")
        if query.unknown_confidence:
            parts.append("conf : cu")
        elif query.max_confidence is not None:
            top = min(9, max(0, int(query.max_confidence * 10)))
            parts.append("conf : (" + " OR ".join(f"c{k}" for k in range(top + 1)) + ")")
        return parts


def _fetch(cursor: sqlite3.Cursor) -> Iterator[tuple[Any, ...]]:
    while True:
        batch = cursor.fetchmany(200)
        if not batch:
            return
        yield from batch


# -- what a regular expression requires ------------------------------------------------------
# A requirement is None (nothing), ("phrase", [tokens], last_is_prefix), ("and", [..]) or ("or", [..]).
Req = Any


def _required_words(pattern: str, flags: int) -> Req:
    """The words every match of ``pattern`` must contain, as an and/or tree of (possibly prefix) tokens."""
    try:
        from re import _parser as sre_parse  # type: ignore[attr-defined]
    except ImportError:  # Python < 3.11
        import sre_parse  # type: ignore[no-redef]
    try:
        parsed = sre_parse.parse(pattern, flags)
    except re.error:
        return None
    return _simplify(_seq(list(parsed), sre_parse, start_boundary=True))


MAX_VARIANTS = 16  # spellings a run of literals may take (colou?r, Secretar(y|iat)) before it is cut


def _literals(op: Any, av: Any, c: Any) -> list[str] | None:
    """The few literal strings a pattern item can match (``[sz]``, ``(y|iat)``, ``u?``), or None."""
    if op == c.LITERAL:
        return [chr(av)]
    if op == c.IN:
        if all(o == c.LITERAL for o, _a in av) and len(av) <= MAX_VARIANTS:
            return [chr(a) for _o, a in av]
        return None
    if op == c.SUBPATTERN:
        return _literal_seq(list(av[-1]), c)
    if op == c.BRANCH:
        out: list[str] = []
        for alt in av[1]:
            seq = _literal_seq(list(alt), c)
            if seq is None:
                return None
            out.extend(seq)
        return out if len(out) <= MAX_VARIANTS else None
    if op in (c.MAX_REPEAT, c.MIN_REPEAT) and (av[0], av[1]) == (0, 1):
        seq = _literal_seq(list(av[2]), c)
        return None if seq is None or len(seq) + 1 > MAX_VARIANTS else ["", *seq]
    return None


def _literal_seq(items: list[Any], c: Any) -> list[str] | None:
    out = [""]
    for op, av in items:
        alts = _literals(op, av, c)
        if alts is None or len(out) * len(alts) > MAX_VARIANTS:
            return None
        out = [v + a for v in out for a in alts]
    return out


def _seq(items: list[Any], sp: Any, *, start_boundary: bool) -> Req:
    r"""Requirements of a sequence of pattern items.

    Literals, and small alternations of them (``Secretar(y|iat)``, ``colou?r``), make a run
    with a few spellings: each spelling's words form a phrase, and the run needs one of them.
    A literal at the very start of the pattern (or of an alternative or a group there) is
    taken to start a word, as someone searching for ``Lavrov`` means; after anything that may
    match letters (``\w*``, ``.``) it is not, and only whole words inside it count.
    """
    c = sp.constants if hasattr(sp, "constants") else sp
    reqs: list[Req] = []
    variants: list[str] = []  # the current run, in its spellings ([]: no run)
    at_start = start_boundary  # nothing matched yet, at a word start
    boundary_before = start_boundary  # the run starts where a word must start

    def flush(end_boundary: bool) -> None:
        nonlocal variants
        if variants:
            alts = [_run_words(v, boundary_before, end_boundary) for v in variants]
            reqs.append(None if any(a is None for a in alts) else alts[0] if len(alts) == 1 else ("or", alts))
        variants = []

    for op, av in items:
        alts = _literals(op, av, c)
        if alts is not None and len(variants or [""]) * len(alts) <= MAX_VARIANTS:
            if not variants:
                boundary_before = at_start
            variants = [v + a for v in (variants or [""]) for a in alts]
            at_start = False
            continue
        at_boundary = op == c.AT and av in (c.AT_BOUNDARY, c.AT_BEGINNING, c.AT_BEGINNING_STRING, c.AT_END,
                                             c.AT_END_STRING)
        flush(at_boundary)
        inner = at_boundary or at_start
        if op == c.SUBPATTERN:
            reqs.append(_seq(list(av[-1]), sp, start_boundary=inner))
        elif op == c.BRANCH:
            branch = [_seq(list(alt), sp, start_boundary=inner) for alt in av[1]]
            reqs.append(None if any(a is None for a in branch) else ("or", branch))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            reqs.append(_seq(list(av[2]), sp, start_boundary=False))
        at_start = at_boundary
    flush(False)
    reqs = [r for r in reqs if r is not None]
    return ("and", reqs) if reqs else None


def _run_words(run: str, boundary_before: bool, boundary_after: bool) -> Req:
    """The phrase a literal run of a pattern pins down: its words in order, the last one maybe a prefix.

    Words inside one run follow each other in the text (only non-letters between them), so
    they make an FTS5 phrase: far fewer rows to check than the same words anywhere in a row.
    """
    pieces = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(run)]
    if pieces and not (pieces[0][0] > 0 or boundary_before):
        pieces = pieces[1:]  # may be the tail of a longer word: the index cannot look inside words
    if not pieces:
        return None
    return ("phrase", [tok for _a, _b, tok in pieces], not (pieces[-1][1] < len(run) or boundary_after))


def _simplify(req: Req) -> Req:
    if req is None or req[0] == "phrase":
        return req
    kids = [k for k in (_simplify(k) for k in req[1]) if k is not None]
    if req[0] == "or" and len(kids) < len(req[1]):
        return None  # one alternative needs nothing: the whole needs nothing
    if not kids:
        return None
    return kids[0] if len(kids) == 1 else (req[0], kids)


def _fts_expr(req: Req) -> str:
    def walk(r: Req) -> str:
        if r[0] == "phrase":
            phrase = " + ".join(_quote(t) for t in r[1])
            return phrase + "*" if r[2] else phrase
        joiner = " AND " if r[0] == "and" else " OR "
        return "(" + joiner.join(walk(k) for k in r[1]) + ")"

    return "text : " + walk(req)


def build_index(path: Path, documents: Iterable[tuple[str, Curation | None, str]]) -> SearchIndex:
    """An index at ``path`` holding ``documents`` (id, curation or None, text) — for benchmarks and tests."""
    index = SearchIndex(path)
    for n, (doc_id, cur, text) in enumerate(documents, start=1):
        index.put(doc_id, cur, text, commit=False)
        if n % 1000 == 0:
            index.db.commit()
    index.db.commit()
    return index


def index_path(corpus_root: Path) -> Path:
    return Path(corpus_root) / ".curator" / INDEX_FILE

