"""Finding text: in one Document (``find``) and across a corpus from an index kept in ``.curator/`` (``index``)."""
