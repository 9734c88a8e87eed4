"""The parse stream's payload spool: what waits for detection comes back equal, JSON bytes kept as they are."""

from __future__ import annotations

import os
from pathlib import Path

from curator.core import pipeline


def test_spooled_bytes_are_written_as_they_are_and_come_back_equal(tmp_path: Path) -> None:
    payload = b'{\n  "segments": []\n}\n'
    try:
        name, offset, length = pipeline._spool_put(str(tmp_path), payload)
        other = pipeline._spool_put(str(tmp_path), {"doc": ["a", 1]})
    finally:
        pipeline._spool_close(str(tmp_path))
    raw = (tmp_path / name).read_bytes()
    # the JSON itself sits in the spool (no pickle around it): nothing to unpickle when it is written out
    assert raw[offset : offset + length].endswith(payload)
    assert length == len(payload) + 1
    reader = pipeline._SpoolReader(str(tmp_path))
    try:
        assert reader.get((name, offset, length)) == payload
        assert type(reader.get((name, offset, length))) is bytes
        assert reader.get(other) == {"doc": ["a", 1]}
    finally:
        reader.close()
    assert os.path.getsize(tmp_path / name) == other[1] + other[2]
