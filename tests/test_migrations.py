"""The migration registry, exercised with a synthetic older schema version."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.core.jsonio import dump_curation, parse_curation
from curator.core.migrations import MigrationError, migrate
from curator.core.model import SCHEMA_VERSION

DATA = Path(__file__).parent / "data"


def _v0_to_v1(data: dict) -> dict:
    # Synthetic: pretend version 0 called segments "spans".
    data["segments"] = data.pop("spans")
    data["schema_version"] = 1
    return data


def _v1_to_v2(data: dict) -> dict:
    data["schema_version"] = 2
    data["added"] = True
    return data


def test_chain_of_migrations_runs_in_order():
    old = {"schema_version": 0, "spans": [1]}
    new = migrate(old, registry={0: _v0_to_v1, 1: _v1_to_v2}, target=2)
    assert new == {"schema_version": 2, "segments": [1], "added": True}
    assert old == {"schema_version": 0, "spans": [1]}, "the input dict is not modified"


def test_current_version_passes_through():
    data = {"schema_version": SCHEMA_VERSION, "x": 1}
    assert migrate(data) == data


def test_a_real_version_1_file_loads_as_version_2():
    """A gold file as version 1 wrote it (tests/data/v1) loads, gains no guessed values, and
    saves as version 2 with the same segments."""
    raw = (DATA / "v1" / "000_52543f1512a84840.json").read_bytes()
    assert json.loads(raw)["schema_version"] == 1
    cur = parse_curation(raw)
    assert cur.schema_version == 2 == SCHEMA_VERSION
    assert cur.document.source is None
    assert all(a.confidence is None and a.reasons == [] for a in cur.articles)
    again = json.loads(dump_curation(cur))
    old = json.loads(raw)
    assert again["schema_version"] == 2
    assert again["segments"] == old["segments"]
    assert [{k: a[k] for k in ("id", "title", "date", "kind")} for a in again["articles"]] == old["articles"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"schema_version": 0}, "no migration from schema_version 0"),
        ({"schema_version": 5}, "newer than this Curator"),
        ({"schema_version": "1"}, "must be an integer"),
        ({}, "must be an integer"),
    ],
)
def test_bad_versions_are_named(data, message):
    with pytest.raises(MigrationError, match=message):
        migrate(data)


def test_a_step_that_forgets_to_bump_is_caught():
    with pytest.raises(MigrationError, match="expected 1"):
        migrate({"schema_version": 0}, registry={0: lambda d: d})
