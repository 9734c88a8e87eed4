"""The Label taxonomy and Event types, read from ``resources/taxonomy.json``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from curator.core.jsonio import JsonFileError, load_json_file
from curator.core.resources import resource_path

# Labels whose segments never belong to an Article: a teaser is a sidebar's or a listing's item, another
# page's headline or summary, whatever an editor or a tool says (edits refuse to put one in an Article).
NEVER_IN_ARTICLE_LABELS = frozenset({"teaser"})
# Labels whose segments are never an Article's text (its body). A ``boilerplate`` segment belongs to an
# Article only where an editor or the parser put it there (an attachment's file name, a media line, a photo
# credit, a view counter or a press contact inside the story: the evaluation gold's "boilerplate, main");
# without an Article id it stands apart with the teasers (navigation, footers), as curated files always had it.
NOT_ARTICLE_TEXT_LABELS = frozenset({"teaser", "boilerplate"})


def article_of(label: str, article: str | None) -> str | None:
    """The Article a segment with ``label`` and ``article`` id belongs to: none for a teaser, else its own."""
    return None if label in NEVER_IN_ARTICLE_LABELS else article


def stands_apart(label: str, article: str | None) -> bool:
    """Whether a segment is one of the page's teasers and boilerplate outside every Article (not a body
    segment that merely has no Article yet)."""
    return label in NEVER_IN_ARTICLE_LABELS or (label in NOT_ARTICLE_TEXT_LABELS and article is None)


class Category(BaseModel):
    """A Label or an Event type as editors see it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    description: str = ""
    colour: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")
    shortcut: str = Field(default="", max_length=1)


class Taxonomy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    labels: tuple[Category, ...]
    event_types: tuple[Category, ...]

    @model_validator(mode="after")
    def _unique(self) -> Taxonomy:
        for kind, items in (("label", self.labels), ("event type", self.event_types)):
            names = [c.name for c in items]
            if len(set(names)) != len(names):
                raise ValueError(f"{kind} names must be unique")
            keys = [c.shortcut.upper() for c in items if c.shortcut]
            if len(set(keys)) != len(keys):
                raise ValueError(f"{kind} shortcut keys must be unique")
        return self

    @property
    def label_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.labels)

    @property
    def event_type_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.event_types)

    def label(self, name: str) -> Category:
        for c in self.labels:
            if c.name == name:
                return c
        raise KeyError(name)


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """Read and validate a taxonomy file; errors name the file."""
    path = path or resource_path("taxonomy.json")
    try:
        return Taxonomy.model_validate(load_json_file(path, max_bytes=1 << 20))
    except (OSError, JsonFileError, ValidationError) as exc:
        raise ValueError(f"{path}: invalid taxonomy: {exc}") from None


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    return load_taxonomy()
