"""The committed JSON Schema stays in sync with the models and describes real files."""

from __future__ import annotations

import json

import jsonschema

from curator.core.resources import resource_path
from curator.core.schema import curation_schema, schema_text
from tests.factories import sample_curation
from curator.core.jsonio import dump_curation


def test_committed_schema_matches_models():
    committed = resource_path("schema", "curation.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run `curator schema > resources/schema/curation.schema.json`"


def test_schema_accepts_a_real_file_and_rejects_a_broken_one():
    _, cur = sample_curation()
    data = json.loads(dump_curation(cur))
    jsonschema.validate(data, curation_schema())
    data["segments"][0].pop("start")
    try:
        jsonschema.validate(data, curation_schema())
    except jsonschema.ValidationError as exc:
        assert "start" in exc.message
    else:  # pragma: no cover
        raise AssertionError("schema accepted a segment without start")
