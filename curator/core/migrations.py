"""Schema migrations: each step takes a raw curated dict from version N to N+1."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from curator.core.model import SCHEMA_VERSION

Migration = Callable[[dict[str, Any]], dict[str, Any]]

def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 adds optional fields only: ``document.source`` (where the page came from),
    ``article.confidence`` / ``article.reasons`` (the parser's certainty) and the Article kind
    ``document``. A version-1 file is valid version 2 once it says so; nothing is guessed."""
    data["schema_version"] = 2
    return data


# version N -> function producing version N+1 (tests/test_migrations.py also drives the
# mechanism with a synthetic registry).
MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2}


class MigrationError(ValueError):
    pass


def migrate(
    data: dict[str, Any],
    *,
    registry: Mapping[int, Migration] | None = None,
    target: int = SCHEMA_VERSION,
) -> dict[str, Any]:
    """Apply registered steps until ``data['schema_version'] == target``."""
    steps = MIGRATIONS if registry is None else registry
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise MigrationError(f"schema_version must be an integer, found {version!r}")
    if version > target:
        raise MigrationError(
            f"schema_version {version} is newer than this Curator understands ({target}); upgrade Curator"
        )
    while version < target:
        step = steps.get(version)
        if step is None:
            raise MigrationError(f"no migration from schema_version {version} to {version + 1}")
        data = step(dict(data))
        new_version = data.get("schema_version")
        if new_version != version + 1:
            raise MigrationError(
                f"migration from {version} produced schema_version {new_version!r}, expected {version + 1}"
            )
        version = new_version
    return data
