"""Benchmarks that print figures: ``curator bench NAME [ARGS…]`` runs ``curator.bench.NAME.main(ARGS)``."""
