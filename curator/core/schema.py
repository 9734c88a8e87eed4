"""The JSON Schema of the contract, generated from the models (committed under resources/)."""

from __future__ import annotations

import json

from curator.core.model import Curation
from curator.core.untouched import DIGEST, KEY

SCHEMA_FILE = ("schema", "curation.schema.json")


def curation_schema() -> dict:
    schema = Curation.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://curator.invalid/schema/curation-v2.json"
    # Not a field of the Curation (loading drops it, exports never carry it): the file's own proof that it is
    # the parser's output untouched (``curator.core.untouched``).
    schema["properties"][KEY] = {
        "description": "Written by `curator parse` into a corpus's curated/ (and `curator reparse` for a file "
        "still auto): the SHA-256 of this file without this line. While it matches, the file is the parser's "
        "output untouched and serves as its own re-parse base (no .curator/base/ copy); Curator's saves drop it.",
        "pattern": f"^{DIGEST.pattern}$",
        "title": "Untouched Sha256",
        "type": "string",
    }
    return schema


def schema_text() -> str:
    return json.dumps(curation_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
