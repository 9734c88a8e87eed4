"""Thresholds for ``curator review --check``, read from ``resources/review.json`` (or a given file)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from curator.core.jsonio import JsonFileError, format_validation_error, load_json_file
from curator.core.resources import resource_path

CONFIG_NAME = "review.json"


class ReviewConfigError(Exception):
    """The thresholds file cannot be used; the message names file and problem."""


def known_metric_names() -> frozenset[str]:
    from curator.core.review.metrics import Metrics

    return frozenset(Metrics().flat())


class ReviewConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = 1
    comment: str = ""
    baseline_tolerance: float = Field(default=0.0, ge=0.0, le=1.0)
    overall: dict[str, float] = Field(default_factory=dict)
    document: dict[str, float] = Field(default_factory=dict)

    @field_validator("overall", "document")
    @classmethod
    def _known(cls, value: dict[str, float]) -> dict[str, float]:
        names = known_metric_names()
        for name, limit in value.items():
            if name not in names:
                raise ValueError(f"unknown metric {name!r} (known: {', '.join(sorted(names))})")
            if not 0.0 <= limit <= 1.0:
                raise ValueError(f"threshold for {name} must lie in [0, 1], not {limit}")
        return value


def default_config_path() -> Path:
    return resource_path(CONFIG_NAME)


def load_config(path: Path | None = None) -> ReviewConfig:
    """Read thresholds; a missing or malformed file is an error naming the file."""
    path = path or default_config_path()
    try:
        data = load_json_file(path, max_bytes=1 << 20)
    except FileNotFoundError:
        raise ReviewConfigError(f"{path}: cannot be read (No such file or directory)") from None
    except JsonFileError as exc:
        raise ReviewConfigError(str(exc)) from None
    try:
        return ReviewConfig.model_validate(data)
    except ValidationError as exc:
        raise ReviewConfigError(f"{path}: {format_validation_error(exc)}") from None
