"""Review mode: the parser's changes against the curations, taken change by change."""
