"""The parser's JSON of a DocumentRef (``api._document_json``, what ``parse_document_data`` writes as the
Curation's ``document``) is ``model_dump(mode="json")``: made by hand for a plain DocumentRef, whose
fields are then its JSON; anything else (a subclass, an extra, a value no validation would have left
there) through pydantic."""

from __future__ import annotations

import json

from curator.core.model import DocumentRef, SourceInfo
from curator.core.parse.api import _document_json
from curator.core.textio import sha256_text

_SHA = sha256_text("Title\n\nBody")


def _refs() -> list[DocumentRef]:
    refs = [DocumentRef(id="d", path="d.txt", sha256=_SHA, length=11),
            DocumentRef(id="a/b", path="a/b.txt", sha256=_SHA, length=0, encoding="cp1251"),
            DocumentRef(id="d", path="d.txt", sha256=_SHA, length=11, source=SourceInfo()),
            DocumentRef(id="d", path="d.txt", sha256=_SHA, length=11,
                        source=SourceInfo(url="https://example.org/é", fetched_at="2024-01-02T03:04:05Z",
                                          warc_file="x.warc.gz", warc_record_id="<urn:uuid:1>", html_title="Page",
                                          http_charset="utf-8", file="x.html", extractor="trafilatura 1.12")),
            DocumentRef.model_construct(id="d", path="d.txt", sha256=_SHA, length=11)]

    class Sub(DocumentRef):
        pass

    class SubSource(SourceInfo):
        pass

    refs.append(Sub(id="d", path="d.txt", sha256=_SHA, length=11))
    refs.append(DocumentRef(id="d", path="d.txt", sha256=_SHA, length=11, source=SubSource(url="u")))
    odd = DocumentRef(id="d", path="d.txt", sha256=_SHA, length=11, source=SourceInfo(url="u"))
    odd.length = True  # type: ignore[assignment]  # (unvalidated assignments: pydantic says what it writes)
    refs.append(odd)
    odd2 = DocumentRef(id="d", path="d.txt", sha256=_SHA, length=11, source=SourceInfo(url="u"))
    odd2.source.url = 5  # type: ignore[assignment,union-attr]
    refs.append(odd2)
    return refs


def test_document_json_is_its_model_dump() -> None:
    import warnings

    for doc in _refs():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pydantic warns of the odd values it serialises
            want = doc.model_dump(mode="json")
            got = _document_json(doc)
        assert got == want and list(got) == list(want), (got, want)
        assert json.dumps(got) == json.dumps(want)  # same types too (True is no 1 in JSON)
        if isinstance(want.get("source"), dict):
            assert list(got["source"]) == list(want["source"])
        got["id"] = "changed"  # its own dict, never the model's
        assert doc.id != "changed"
