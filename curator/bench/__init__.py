"""Benchmarks that print figures: ``curator bench NAME [ARGS…]`` runs ``curator.bench.NAME.main(ARGS)``."""

from __future__ import annotations

from pathlib import Path

# The checkout's seed pages, which benchmarks recombine into synthetic corpora; found from this
# file, so a benchmark works from any working directory.
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
