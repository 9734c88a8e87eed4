"""Where Curator's data files live: ``resources/`` in a checkout, ``curator/_resources`` in a wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]


def resources_dir() -> Path:
    """The folder holding taxonomy, gazetteers, schema and icons."""
    bundled = _PACKAGE / "_resources"
    if bundled.is_dir():
        return bundled
    checkout = _PACKAGE.parent / "resources"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"Curator's resources folder is missing (looked in {bundled} and {checkout})")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
