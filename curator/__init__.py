"""Curator: parse, curate, export and review scraped news pages."""

__version__ = "0.1.0"
