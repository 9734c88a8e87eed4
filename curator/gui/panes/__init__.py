"""The panes of the Curate mode: corpus, document text, segments tree, inspector."""
