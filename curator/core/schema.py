"""The JSON Schema of the contract, generated from the models (committed under resources/)."""

from __future__ import annotations

import json

from curator.core.model import Curation

SCHEMA_FILE = ("schema", "curation.schema.json")


def curation_schema() -> dict:
    schema = Curation.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://curator.invalid/schema/curation-v2.json"
    return schema


def schema_text() -> str:
    return json.dumps(curation_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
