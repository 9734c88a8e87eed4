"""Review: score parser output against the curated gold, diff it, keep snapshots, merge re-parses.

Modules: ``metrics`` (scores), ``diff`` (segment changes), ``runner`` (a whole
corpus), ``check`` (thresholds and baseline), ``render`` (text/JSON/HTML),
``snapshots`` (pending/accepted outputs), ``merge`` (three-way merge of a new
parse into a curation), ``reanchor`` (carry spans over to a changed text),
``reparse`` (the corpus-wide re-parse that keeps editors' work).
"""
