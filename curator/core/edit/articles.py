"""Article verbs: start a new article, move segments between articles, edit title/date/kind."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain, compress, count, islice, repeat
from operator import attrgetter, eq, ne

from pydantic import ValidationError

from curator.core.edit.changes import Changes
from curator.core.edit.lookup import articles_of, position, positions, replaced
from curator.core.edit.session import Command, EditError, rebuild, retagged, retagged_all
from curator.core.jsonio import format_validation_error
from curator.core.model import ARTICLE_KINDS, Article, Curation
from curator.core.taxonomy import NEVER_IN_ARTICLE_LABELS, NOT_ARTICLE_TEXT_LABELS, stands_apart

UNCHANGED: object = object()
_ARTICLE = attrgetter("article")
_LABEL = attrgetter("label")
_ID = attrgetter("id")


def _prune(articles: list[Article], segments_articles: set[str | None], emptied: set[str]) -> list[Article]:
    """Drop the articles this edit left without segments (others, even empty, stay as they were)."""
    return [a for a in articles if a.id in segments_articles or a.id not in emptied]


class StartArticle(Command):
    """A new article begins at a segment and takes the rest of that segment's article."""

    def __init__(self, segment_id: str, *, new_id: str, title: str | None = None) -> None:
        super().__init__()
        self.segment_id, self.new_id, self.title = segment_id, new_id, title
        self.name = f"New article at {segment_id}"

    def build(self, cur: Curation, text: str) -> tuple[Curation, Changes]:
        try:
            index = position(cur.segments, self.segment_id)
        except ValueError:
            raise EditError(f"no segment {self.segment_id!r} in this document") from None
        first = cur.segments[index]
        if stands_apart(first.label, first.article):
            raise EditError(f"a {first.label} segment outside every article stays outside articles; an article "
                            f"cannot start at {first.id}")
        old = first.article
        segs = cur.segments
        # The runs of segments that move, found in C (a new article at the top of a 4,000-segment Article
        # walked them one by one in Python): from the segment on, every one still in the old Article (its own
        # boilerplate too: a file name, a credit); a teaser, or boilerplate in no Article, among them stays
        # where it is.
        runs: list[range] = []
        apart = NOT_ARTICLE_TEXT_LABELS if old is None else NEVER_IN_ARTICLE_LABELS
        at = index
        while at < len(segs):
            end = next(compress(count(at), map(ne, map(_ARTICLE, islice(segs, at, None)), repeat(old))), len(segs))
            run = range(at, end)
            outside = list(map(apart.__contains__, map(_LABEL, islice(segs, at, end))))
            if True in outside:
                keep = [i for i, out in zip(run, outside) if not out]
                runs.extend(range(i, i + 1) for i in keep)
            elif run:
                runs.append(run)
            if end >= len(segs) or not stands_apart(segs[end].label, segs[end].article):
                break
            at = end + 1  # passed over, as the teaser or footer between two parts of the Article
        title = self.title
        if title is None:
            title = next((" ".join(segs[i].text.split()) for run in runs
                          for i in compress(run, map(eq, map(_LABEL, segs[run.start: run.stop]), repeat("title")))), "")
        segments = list(segs)
        # Only the article id changes: the span and text stay, so a copy needs no validation of its own
        # (``rebuild`` checks every new object); re-validating a long article's thousands of segments
        # was most of this verb's ~90 ms on a 40,000-segment page.
        for run in runs:
            segments[run.start: run.stop] = retagged_all(segs[run.start: run.stop], article=self.new_id)
        article = Article(id=self.new_id, title=title)
        articles = list(cur.articles)
        after = next((k + 1 for k, a in enumerate(articles) if a.id == old), len(articles))
        articles.insert(after, article)
        # Only the old Article can be left without segments (looked for in C, from the Document's start).
        # (at once when the segment before the new Article's start is still in the old one: the usual case)
        kept_old = old is not None and ((index > 0 and segs[index - 1].article == old)
                                        or old in articles_of(segments, base=segs))
        still_used = {self.new_id} | ({old} if kept_old else set())
        articles = _prune(articles, still_used, {old} if old else set())
        span = (segs[runs[0].start].start, segs[runs[-1].stop - 1].end)
        changes = Changes(segments=frozenset(chain.from_iterable(map(_ID, segs[r.start: r.stop]) for r in runs)),
                          articles=True, span=span)
        return rebuild(cur, segments=segments, articles=articles), changes


class MoveToArticle(Command):
    """Put segments into an existing article (or none)."""

    def __init__(self, segment_ids: Iterable[str], article_id: str | None) -> None:
        super().__init__()
        self.segment_ids, self.article_id = tuple(segment_ids), article_id
        self.name = f"Move {len(self.segment_ids)} segment(s) to {article_id or 'no article'}"

    def build(self, cur: Curation, text: str) -> tuple[Curation, Changes]:
        if not self.segment_ids:
            raise EditError("no segment selected")
        if self.article_id is not None and self.article_id not in {a.id for a in cur.articles}:
            raise EditError(f"no article {self.article_id!r} in this document")
        wanted = set(self.segment_ids)
        try:
            at = positions(cur.segments, wanted)
        except ValueError as exc:
            raise EditError(f"no segment {exc.args[0]!r} in this document") from None
        found = [cur.segments[i] for i in at]
        if self.article_id is not None:
            for seg in found:
                if seg.label in NEVER_IN_ARTICLE_LABELS:
                    raise EditError(f"segment {seg.id} is a {seg.label}: it stays outside articles")
        emptied = {s.article for s in found if s.article is not None}
        segments = replaced(cur.segments, at, lambda s: retagged(s, article=self.article_id))
        articles = _prune(list(cur.articles), set(map(_ARTICLE, segments)), emptied)
        changes = Changes(segments=frozenset(wanted), articles=True,
                          span=(found[0].start, found[-1].end))
        return rebuild(cur, segments=segments, articles=articles), changes


class EditArticle(Command):
    """Change an article's title, date (ISO YYYY-MM-DD or None) or kind."""

    def __init__(self, article_id: str, *, title: object = UNCHANGED, date: object = UNCHANGED,
                 kind: object = UNCHANGED) -> None:
        super().__init__()
        self.article_id = article_id
        self.updates = {k: v for k, v in (("title", title), ("date", date), ("kind", kind)) if v is not UNCHANGED}
        self.name = f"Edit {', '.join(self.updates) or 'nothing'} of article {article_id}"

    def build(self, cur: Curation, text: str) -> tuple[Curation, Changes]:
        if not self.updates:
            raise EditError("nothing to change")
        kind = self.updates.get("kind")
        if kind is not None and kind not in ARTICLE_KINDS:
            raise EditError(f"kind must be one of {', '.join(ARTICLE_KINDS)}, not {kind!r}")
        articles = list(cur.articles)
        for k, art in enumerate(articles):
            if art.id == self.article_id:
                data = art.model_dump()
                data.update(self.updates)
                if data.get("date") == "":
                    data["date"] = None
                try:
                    articles[k] = Article(**data)
                except ValidationError as exc:
                    raise EditError(format_validation_error(exc)) from None
                return rebuild(cur, articles=articles), Changes(articles=True)
        raise EditError(f"no article {self.article_id!r} in this document")
