"""Where a batch command's work runs: this machine's processes (``local``) or a Dask cluster (``dask``).

Both engines run the same stage functions (``curator.core.pipeline``,
``curator.core.dups.engine``) and give identical output; the Dask engine lives in
``curator.core.distributed`` and is imported only when asked for.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from curator.core.store import Corpus

ENGINES = ("local", "dask")


class EngineError(Exception):
    """The engine cannot run (Dask missing, scheduler unreachable); the message says what to do."""


class LocalEngine:
    """Worker processes on this machine (``jobs`` of them; 1 runs everything in this process)."""

    name = "local"

    def __init__(self, jobs: int = 1) -> None:
        self.jobs = jobs

    def parse_stream(self, corpus: Corpus, **kwargs: Any) -> Iterator[tuple[str, Any, list]]:
        from curator.core.pipeline import parse_stream

        return parse_stream(corpus, jobs=self.jobs, **kwargs)

    def find_in_corpus(self, corpus: Corpus, params: Any = None, **kwargs: Any) -> Any:
        from curator.core.dups.index import find_in_corpus

        return find_in_corpus(corpus, params, jobs=self.jobs, **kwargs)

    def export_corpus(self, root: Any, out: Any, **kwargs: Any) -> Any:
        from curator.core.export import export_corpus

        return export_corpus(root, out, jobs=self.jobs, **kwargs)

    def review_corpus(self, corpus: Corpus, **kwargs: Any) -> Any:
        from curator.core.review.runner import review_corpus

        return review_corpus(corpus, jobs=self.jobs, **kwargs)

    def reparse_corpus(self, corpus: Corpus, **kwargs: Any) -> Any:
        from curator.core.review.reparse import reparse_corpus

        return reparse_corpus(corpus, jobs=self.jobs, **kwargs)

    def close(self) -> None:
        pass


def make_engine(name: str, *, jobs: int = 1, scheduler: str | None = None) -> Any:
    """The engine called ``name``; raises EngineError when it cannot run."""
    if name == "local":
        if scheduler is not None:
            raise EngineError("--scheduler goes with --engine dask")
        return LocalEngine(jobs)
    if name == "dask":
        try:
            from curator.core.distributed import DaskEngine
        except ImportError as exc:
            raise EngineError(f"--engine dask needs Dask: pip install -e \".[dask]\" ({exc})") from None
        return DaskEngine(scheduler=scheduler, workers=jobs)
    raise EngineError(f"unknown engine {name!r} (choose from {', '.join(ENGINES)})")
