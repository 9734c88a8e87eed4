"""What a spawned process runs to parse one large page for the window (no Qt here: the child imports only this).

Parsing a 20 MB page takes seconds; in the window's process it would hold the GIL the UI
thread needs, so the window hands the page to a process of its own (``page_parse.PageParse``).
"""

from __future__ import annotations

import os
from multiprocessing.connection import Connection
from pathlib import Path

NICE = 10  # below the window, as the corpus parse's workers run (jobs.WORKER_NICE)


def parse_page(root: str, doc_id: str, context: object, conn: Connection) -> None:
    """Parse ``doc_id`` of the corpus at ``root``; send ``(True, Curation)`` or ``(False, why)`` back."""
    if hasattr(os, "nice"):
        try:
            os.nice(NICE)
        except OSError:  # refused: it runs at the window's priority
            pass
    try:
        from curator.core.parse import parse_document
        from curator.core.store import Corpus

        corpus = Corpus(Path(root))
        source = corpus.read_source(doc_id)
        cur = parse_document(source.text, doc=corpus.document_ref(doc_id, source), context=context)  # type: ignore[arg-type]
        conn.send((True, cur))
    except Exception as exc:  # noqa: BLE001 - named to the editor, the window carries on
        conn.send((False, f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()
