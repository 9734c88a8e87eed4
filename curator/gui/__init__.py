"""The curation window: a thin PySide6 layer over ``curator.core``."""
