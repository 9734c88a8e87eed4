"""The parser: a Document's text -> a Curation with status ``auto``.

Public API (the GUI, the CLI and the review all call these):

* ``parse_document(text, doc=..., context=None) -> Curation``
* ``build_context(texts) -> CorpusContext`` (cross-document evidence, optional)
* ``PARSER_NAME``, ``PARSER_VERSION``
"""

from curator.core.parse.api import (
    PARSER_NAME,
    PARSER_VERSION,
    CorpusContext,
    build_context,
    parse_document,
    parse_text,
)

__all__ = ["PARSER_NAME", "PARSER_VERSION", "CorpusContext", "build_context", "parse_document", "parse_text"]
