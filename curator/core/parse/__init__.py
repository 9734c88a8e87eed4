"""The parser: a Document's text -> a Curation with status ``auto``.

Public API (the GUI, the CLI and the review all call these):

* ``parse_document(text, doc=..., context=None) -> Curation``
* ``parse_document_data(text, doc=..., context=None)``: its Curation's JSON data, or None (``curator parse --out``)
* ``build_context(texts) -> CorpusContext`` (cross-document evidence, optional)
* ``PARSER_NAME``, ``PARSER_VERSION``
* ``parser_build() -> str``: ``compiled (mypyc …)`` or ``pure Python (why)`` (``loader.py``)
"""

from curator.core.parse import loader

loader.select()  # before any parser module is imported: the compiled modules, or the .py sources
try:
    from curator.core.parse import api as _api
except Exception as _exc:  # noqa: BLE001 - a broken compiled build must never stop the parser
    if not loader.COMPILED:
        raise
    loader.give_up(_exc)
    from curator.core.parse import api as _api

PARSER_NAME = _api.PARSER_NAME
PARSER_VERSION = _api.PARSER_VERSION
CorpusContext = _api.CorpusContext
build_context = _api.build_context
parse_document = _api.parse_document
parse_document_data = _api.parse_document_data
parse_text = _api.parse_text
parser_build = loader.running

__all__ = ["PARSER_NAME", "PARSER_VERSION", "CorpusContext", "build_context", "parse_document", "parse_document_data", "parse_text",
           "parser_build"]
