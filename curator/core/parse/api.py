"""Parser entry points: a Document's text -> a Curation with status ``auto``.

Stages (see docs/parser.md): split into units (trimmed non-blank lines) -> find the
Article by page structure (title, repeated title + ``DD.MM.YYYY``, variants) -> footer
boundary -> labels inside the Article -> kind -> speakers -> main Event.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar, get_args

from pydantic import BaseModel

from curator.core.model import (
    SCHEMA_VERSION,
    Article,
    ArticleKind,
    Curation,
    DocumentRef,
    Event,
    ParserInfo,
    Segment,
    Span,
    Speaker,
    check_invariants,
)
from curator.core.parse.article import (
    PARENTHETICAL,
    Piece,
    addressee,
    attached_tail,
    article_kind,
    assign_speakers,
    closing_signature,
    sign_line,
    excerpt_cut,
    label_body,
    merge_heading_blocks,
    name_over_signature,
    principal,
    signatory,
    signature_lines,
)
from curator.core.parse.dates import NUMERIC_DATE, make_date, numeric_date, prose_dates
from curator.core.parse.errors import ParserFallbackWarning
from curator.core.parse.events import Source, main_event
from curator.core.parse.confidence import article_confidence
from curator.core.parse.layout import (
    SPEECH_BY,
    bar_cells,
    bar_table,
    copyright_line,
    INITIALS_THEN_OFFICE,
    Layout,
    Tail,
    address_line,
    article_end,
    excerpt_cut_off,
    find_article,
    has_bar,
    is_boilerplate,
    is_nav,
    menu_items,
    menu_line,
    menu_lines,
    month_date,
    office_line,
    person_line,
    photo_files,
    place_date_line,
    shared_flags,
    static_end,
    media_lines_over_text,
    media_link_over_file,
    table_cells,
    title_chrome,
)
from curator.core.parse.people import INITIALS, SURNAME, People, RoleBindings, default_registry
from curator.core.parse.rules import TABLE_ROWS, Rules, load_gazetteer, load_rules
from curator.core.parse.titles import BARE_HEADLINE, starts_with_date
from curator.core.parse.units import Unit, pair_hash, passage_hashes, split_units
from curator.core.taxonomy import NEVER_IN_ARTICLE_LABELS
from curator.core.textio import sha256_text

PARSER_NAME = "curator-rules"
PARSER_VERSION = "2.249.0"
# a lead this short may say the page is an interview
_LEAD_SAYS_MAX = 400
# longest closing line read as the place and date a text was signed at
CLOSING_MAX = 80


_M = TypeVar("_M", bound=BaseModel)


@dataclass
class CorpusContext:
    """Evidence gathered over the whole corpus (empty: parse one document alone).

    ``block_counts`` maps a passage hash (``units.passage_hash``) to the number of
    documents the passage occurs in, and the key of two passages one after the other
    (``units.pair_hash``) to the number of documents holding them in that order; repeated
    passages are teasers or footers, a repeated run of them a sidebar.
    """

    block_counts: dict[int, int] = field(default_factory=dict)
    n_docs: int = 0


def build_context(texts: Iterable[str]) -> CorpusContext:
    """Count, for every passage, how many of ``texts`` contain it."""
    counts: Counter[int] = Counter()
    n = 0
    for text in texts:
        n += 1
        counts.update(context_keys(text))
    return CorpusContext({h: c for h, c in counts.items() if c > 1}, n)


def context_keys(text: str) -> set[int]:
    """What one Document adds to the corpus context: its distinct passage hashes and those of
    its neighbouring passage pairs (``curator.core.pipeline`` counts them across workers)."""
    hashes = passage_hashes(text)
    keys = set(hashes)
    keys.update(pair_hash(a, b) for a, b in zip(hashes, hashes[1:]))
    return keys


# the fields a Segment built from the parser's dict has set (its other fields keep defaults)
_SEGMENT_FIELDS_SET = frozenset(("id", "start", "end", "label", "text", "article", "speaker"))
_new_segment = Segment.__new__
_set = object.__setattr__


def _segment(idx: int, start: int, end: int, label: str, text: str, *, article: str | None = None,
             speaker: str | None = None) -> Segment:
    """A Segment without pydantic's per-field validation (a fifth of a parse's time): the parser
    makes ids, labels and offsets itself, and the span checks below are exactly what
    ``Segment`` would refuse. The Curation that holds them checks the contract's invariants
    over them (``_curation``).
    Built the way unpickling builds a model (``BaseModel.__setstate__``, its four attribute
    sets inlined); ``model_construct`` costs more than validating."""
    seg = _new_segment(Segment)
    _set(seg, "__dict__", _segment_dict(idx, start, end, label, text, article=article, speaker=speaker))
    _set(seg, "__pydantic_fields_set__", set(_SEGMENT_FIELDS_SET))
    _set(seg, "__pydantic_extra__", None)
    _set(seg, "__pydantic_private__", None)
    return seg


def _segment_dict(idx: int, start: int, end: int, label: str, text: str, *, article: str | None = None,
                  speaker: str | None = None) -> dict[str, Any]:
    """A Segment's fields as its model holds them (``_segment``'s ``__dict__``), which is also their JSON
    (``jsonio._plain_segments``); raises ValueError for a span the model refuses."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"segment s{idx}: span [{start}, {end}) is empty or outside the text ({len(text)})")
    return {"id": f"s{idx}", "start": start, "end": end, "label": label, "text": text[start:end],
            "article": article, "speaker": speaker, "origin": "parser", "reviewed": False}


_ARTICLE_KINDS = frozenset(get_args(ArticleKind))
_SPAN_FIELDS = frozenset(("start", "end"))
# the keys of the parser's dicts (``_parse``); another dict goes through ``model_validate``
_ARTICLE_KEYS = frozenset(("id", "title", "date", "kind", "confidence", "reasons"))
_SPEAKER_KEYS = frozenset(("id", "name", "role"))
_EVENT_KEYS = frozenset(("id", "type", "date", "place", "participants", "evidence"))


def _built(cls: type[_M], values: dict[str, Any], fields_set: Iterable[str]) -> _M:
    """A model of ``values`` (every field, in declaration order) as ``model_validate`` leaves it,
    the caller having checked what validation would refuse (see ``_curation``)."""
    obj: _M = object.__new__(cls)  # BaseModel has no __new__ of its own (type-checks with pydantic unseen too)
    _set(obj, "__dict__", values)
    _set(obj, "__pydantic_fields_set__", set(fields_set))
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


def _article_fits(a: dict[str, Any]) -> bool:
    """The parser's own Article dict (its keys, id a1, a date or None, a known kind, a confidence in [0, 1]):
    its model is built without validation; any other goes through ``model_validate``."""
    if a.keys() != _ARTICLE_KEYS:
        return False
    conf = a["confidence"]
    return bool(a["id"] and type(a["id"]) is str and type(a["title"]) is str and (a["date"] is None or type(a["date"]) is date)
                and a["kind"] in _ARTICLE_KINDS and (conf is None or (type(conf) is float and 0.0 <= conf <= 1.0))
                and all(type(r) is str for r in a["reasons"]))


def _article(a: dict[str, Any]) -> Article:
    """``Article.model_validate(a)`` for the parser's own dict (``_article_fits``)."""
    if not _article_fits(a):
        return Article.model_validate(a)  # (says what is wrong)
    return _built(Article, {"id": a["id"], "title": a["title"], "date": a["date"], "kind": a["kind"],
                            "confidence": a["confidence"], "reasons": list(a["reasons"])}, a)


def _speaker_fits(s: dict[str, Any]) -> bool:
    return bool(s.keys() == _SPEAKER_KEYS and s["id"] and type(s["id"]) is str and s["name"] and type(s["name"]) is str
                and (s["role"] is None or type(s["role"]) is str))


def _speaker(s: dict[str, Any]) -> Speaker:
    if not _speaker_fits(s):
        return Speaker.model_validate(s)
    return _built(Speaker, {"id": s["id"], "name": s["name"], "role": s["role"]}, s)


def _event_fits(e: dict[str, Any]) -> bool:
    if e.keys() != _EVENT_KEYS:
        return False
    return bool(e["id"] and type(e["id"]) is str and e["type"] and type(e["type"]) is str
                and (e["date"] is None or type(e["date"]) is date)
                and (e["place"] is None or type(e["place"]) is str) and all(type(p) is str for p in e["participants"])
                and all(x.keys() == _SPAN_FIELDS and type(x["start"]) is int and type(x["end"]) is int
                        and 0 <= x["start"] <= x["end"] for x in e["evidence"]))


def _event(e: dict[str, Any]) -> Event:
    if not _event_fits(e):
        return Event.model_validate(e)
    return _built(Event, {"id": e["id"], "type": e["type"], "date": e["date"], "place": e["place"],
                          "participants": list(e["participants"]),
                          "evidence": [_built(Span, {"start": x["start"], "end": x["end"]}, _SPAN_FIELDS)
                                       for x in e["evidence"]],
                          "origin": "parser", "decision": "proposed"}, e)


_CURATION_FIELDS = frozenset(Curation.model_fields)
_PARSER_INFO = {"name": PARSER_NAME, "version": PARSER_VERSION}


def _curation(doc: DocumentRef, data: dict[str, Any]) -> Curation:
    """The Curation of the parser's ``data`` without a dict round trip through ``model_validate``:
    its Segments are already built and checked (``_segment``), its Articles, Speakers and Events
    built from their dicts after checking what validation would refuse (``_article``, ``_speaker``,
    ``_event``: ``model_validate`` each cost 6-12 us, a tenth of a small page's parse; a dict the
    checks refuse goes through ``model_validate``, which says what is wrong), the DocumentRef is
    the caller's (validated when it was made) copied, and the contract's invariants
    (``check_invariants``) run once on the whole. ``tests/test_parse_fast_paths.py`` holds these
    to ``Curation.model_validate`` of their dump."""
    fields = {
        "schema_version": SCHEMA_VERSION,
        "document": _copied(doc),
        "parser": _built(ParserInfo, dict(_PARSER_INFO), _PARSER_INFO),
        "status": "auto",
        "segments": data["segments"],
        "articles": [_article(a) for a in data.get("articles", ())],
        "speakers": [_speaker(s) for s in data.get("speakers", ())],
        "events": [_event(e) for e in data.get("events", ())],
        "duplicates": [],
    }
    return _checked(_built(Curation, fields, _CURATION_FIELDS))


def _copied(doc: DocumentRef) -> DocumentRef:
    """``doc.model_copy()`` (shallow), made here for a plain DocumentRef (pydantic's ``__copy__`` is
    Python: a few us a page); anything else through ``model_copy``."""
    if type(doc) is not DocumentRef or doc.__pydantic_extra__ is not None or doc.__pydantic_private__ is not None:
        return doc.model_copy()
    return _built(DocumentRef, dict(doc.__dict__), doc.__pydantic_fields_set__)


def _checked(cur: Curation) -> Curation:
    """``check_invariants(cur)`` for a Curation ``_parse`` built: one pass over the Segments for
    what construction does not guarantee (order, overlap, the text's end, the ids they name, their
    own ids unique); a parse lists no duplicates. Any doubt goes to ``check_invariants``, which says what is wrong. (``invariant_problems`` was
    3.4 % of a bench page's parse: a dozen list and set builds for what one loop sees.)"""
    length = cur.document.length
    articles = {a.id for a in cur.articles}
    speakers = {s.id for s in cur.speakers}
    segments = cur.segments
    if (len(articles) != len(cur.articles) or len(speakers) != len(cur.speakers) or cur.duplicates
            or len({e.id for e in cur.events}) != len(cur.events) or len({s.id for s in segments}) != len(segments)):
        return check_invariants(cur)
    prev_end = 0
    for seg in segments:
        if seg.start < prev_end or seg.end > length or (seg.article is not None and seg.article not in articles) or (
                seg.speaker is not None and seg.speaker not in speakers):
            return check_invariants(cur)
        prev_end = seg.end
    for ev in cur.events:
        if any(pid not in speakers for pid in ev.participants) or any(span.end > length for span in ev.evidence):
            return check_invariants(cur)
    return cur


# how a lead opens, enough of it to know a cut one: "On 20 Dece", "From 3 to", "In Minsk, on"
_CUT_LEAD_START = re.compile(r"(?:On|From|In|During|At)\s+(?:\d|[A-Z])")
# "Latest news" over a sidebar: a header of the site's chrome
_HEADER_MAX = 60
# "← Previous news", "Next article →": a link to the story before or after, its headline on the next line
_PREV_NEXT = re.compile(r"[←«‹<\s]*(?i:previous|prev|next)(?:\s+(?i:news|article|material|publication|item|story|post|entry))?"
                        r"[\s→»›>:]*")
_LINKED_HEADLINE_WORDS = 3


# a rubric over the title ("PRESS RELEASE"): the site's label of the page, boilerplate outside the Article (under
# the title it is the Article's heading, and it never ends the Article: no navigation)
_RUBRIC = re.compile(r"(?i:press[- ]releases?|(?:CSTO\s+|the\s+CSTO\s+)?news(?:\s+of\s+the\s+CSTO)?)")


# the name of a speech's occasion over its salutation: a few words, capitalised, no sentence's end
_OCCASION_WORDS = 14


def _occasion_line(text: str) -> bool:
    t = text.strip()
    return (t[:1].isupper() and not t.endswith((".", "!", "?", ":", ";", ",")) and len(t.split()) <= _OCCASION_WORDS)


# a sidebar box's own header over its items ("Announcements", "Our news"): a few capitalised words, no mark, no figure
_BOX_HEADER = re.compile(r"[A-Z][a-z]+(?: [A-Za-z]+){0,2}")
_BOX_ITEM_WORDS = 6
# a calendar widget's month over its weekday row ("March 2015" / "Mo Tu We Th Fr Sa Su")
_MONTH_YEAR = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+"
                         r"(?:19|20)\d\d")


_GALLERY_PHOTOS = 2
# a video player's duration alone on its line: "04:37", "1:03:52"
_BARE_DURATION = re.compile(r"\d{1,2}(?::\d{2}){1,2}")


def _undated_caption_over_photos(pieces: list[Piece], rules: Rules) -> bool:
    """The body is one text that opens with no date (a caption, no reporter's dated lead) and two photos' file
    names or more, or a video's bare duration: a photo gallery's or a video's page."""
    texts = [p for p in pieces if p.label in ("lead", "paragraph")]
    boxed = [p for p in pieces if p.label == "boilerplate"]
    return (len(texts) == 1 and not starts_with_date(texts[0].text, rules)
            and (sum(photo_files(p.text, rules) for p in boxed) >= _GALLERY_PHOTOS
                 or any(_BARE_DURATION.fullmatch(p.text.strip()) for p in boxed)))


def _box_header(units: list[Unit], k: int, rules: Rules) -> bool:
    """Unit ``k`` (before the title) heads a sidebar box: a short header at the page's top or under the site's chrome,
    over an item of six words or more (a calendar's month: between its `Calendar` line and its weekday row)."""
    t = units[k].text
    if k + 1 >= len(units):
        return False
    if _MONTH_YEAR.fullmatch(t):
        return is_nav(units[k + 1].text, rules) and (k == 0 or is_nav(units[k - 1].text, rules))
    return (len(t) <= _BOX_HEADER_MAX and _BOX_HEADER.fullmatch(t) is not None
            and len(units[k + 1].text.split()) >= _BOX_ITEM_WORDS and (k == 0 or is_nav(units[k - 1].text, rules)
                                                                       or menu_line(units[k - 1].text, rules)))


_BOX_HEADER_MAX = 30


def _outside(units: list[Unit], label: str, *, boxes: bool = True) -> list[tuple[int, int, str]]:
    """Units before the Article: teasers, but navigation and a menu (one item a line, or flattened into
    one line) are boilerplate, and a sidebar box's header."""
    rules = load_rules()
    menu = menu_lines(units)
    return [(u.start, u.end, "boilerplate" if (label == "boilerplate" or k in menu or is_nav(u.text, rules)
                                               or menu_items(u.text) or menu_line(u.text, rules) or _RUBRIC.fullmatch(u.text)
                                               or (len(u.text) <= _HEADER_MAX and rules.related_header.fullmatch(u.text))
                                               or (boxes and _box_header(units, k, rules)))
                                  else label)
            for k, u in enumerate(units)]


def _parse(text: str, doc: DocumentRef, context: CorpusContext | None, plain: bool = False) -> dict[str, Any]:
    """The parser's findings as dicts, its Segments built (``plain``: as their field dicts, ``_segment_dict``)."""
    rules = load_rules()
    units = split_units(text)
    shared = None
    if context is not None and context.block_counts:
        shared = shared_flags(units, context.block_counts)
    layout = find_article(units, rules, shared, text)
    data: dict[str, Any] = {}
    if layout is not None and layout.rule == "notice":
        return _notice_page(units, text, plain)
    if layout is None or layout.title is None:
        return _without_article(units, rules, text, plain)

    title_unit = units[layout.title]
    # the albums under the gallery's paragraph are its items; a list's or a static page's sidebar under it
    if layout.rule in ("gallery", "list") or (layout.rule == "static" and layout.end < len(units)):
        tail = Tail(layout.end, range(layout.end, len(units)))
    elif layout.rule == "listing":  # a heading over its listing's items: teasers, down to the pager or the footer
        stop = next((k for k in range(layout.end, len(units)) if is_nav(units[k].text, rules)
                     or is_boilerplate(units[k].text, rules) or copyright_line(units[k].text)), len(units))
        tail = Tail(layout.end, range(layout.end, stop))
    else:
        stamp = numeric_date(units[layout.datelines[-1]].text)[0] if layout.datelines else None
        tail = article_end(units, layout.body, rules, shared, title=title_unit.text, cut=excerpt_cut_off(text),
                           on=stamp)
    end = max(tail.end, layout.body)
    if layout.rule == "static":
        end = static_end(units, end)
    head: list[Piece] = [Piece(title_unit.start, title_unit.end, title_unit.text, title_unit.block, "title")]
    # (a photo credit or a download line between the title and its date: the Article's chrome, boilerplate)
    head += [Piece(units[k].start, units[k].end, units[k].text, units[k].block,
                   "boilerplate" if title_chrome(units[k].text, rules) else "heading") for k in layout.subtitles]
    body_pieces: list[Piece] = []
    for k in layout.datelines:
        u = units[k]
        if k == layout.datelines[-1] and layout.split_at is not None:
            cut = text[u.start : layout.split_at].rstrip()
            head.append(Piece(u.start, u.start + len(cut), cut, u.block, "dateline"))
            body_pieces.append(Piece(layout.split_at, u.end, text[layout.split_at : u.end], u.block))
        else:
            head.append(Piece(u.start, u.end, u.text, u.block, "dateline"))
    # (a gallery's file names and captions are lines of their own, never one merged heading)
    merged = ([Piece(u.start, u.end, u.text, u.block) for u in units[layout.body : end]] if layout.rule in ("photos", "list")
              else merge_heading_blocks(units[layout.body : end], rules))
    for p in merged:
        if not p.text:
            p.text = text[p.start : p.end]
        body_pieces.append(p)
    # the title says interview, or the lead does ("In an interview with …, the Secretary General …")
    first = next((p.text for p in body_pieces if len(p.text) >= 40), "")
    label_body(body_pieces, rules, has_lead_slot=True,
               interview=rules.interview_title.search(title_unit.text) is not None or (
                   len(first) <= _LEAD_SAYS_MAX and rules.interview_title.search(first) is not None))

    media_at = media_lines_over_text(units, layout.body) if layout.body < len(units) else layout.body
    media_end = units[media_at].start if layout.body < len(units) else 0
    for i, p in enumerate(body_pieces):
        if p.start < media_end and (p.label == "heading" or (media_at > layout.body and p.label in ("paragraph", "lead")
                                                     and p.start >= units[layout.body].start)):
            if p.label == "lead":  # ("04:37", a clip's duration alone, took the lead's slot: the text under it has it)
                after = next((q for q in body_pieces[i + 1 :] if q.start >= media_end), None)
                if after is not None and after.label == "paragraph":
                    after.label = "lead"
            p.label = "boilerplate"  # "Video" / "Watch on RUTUBE" / "02:14 | Views: 1,245" over the lead: the story's media
        elif p.label == "heading" and i + 1 < len(body_pieces) and body_pieces[i + 1].label == "boilerplate" and (
                media_link_over_file(p.text, body_pieces[i + 1].text, rules)):
            p.label = "boilerplate"  # "Video" over "meeting_2024.mp4" between paragraphs: the story's media
    if (len(body_pieces) >= 2 and _BARE_DURATION.fullmatch(body_pieces[0].text.strip())
            and rules.caption.match(title_unit.text)):
        body_pieces[0].label = "boilerplate"  # "04:37" under "Video: …": the player's duration, no lead
        if body_pieces[1].label == "paragraph" and not any(p.label == "lead" for p in body_pieces):
            body_pieces[1].label = "lead"
    if layout.rule == "cut-title" and body_pieces and body_pieces[0].label == "heading":
        body_pieces[0].label = "lead"  # "On 28 May": what the excerpt's cut left of the lead, no heading
    cut_lead = excerpt_cut(body_pieces, text)
    if (cut_lead is not None and cut_lead.label == "heading" and _CUT_LEAD_START.match(cut_lead.text)
            and not any(p.label in ("lead", "paragraph", "question", "answer") for p in body_pieces if p is not cut_lead)):
        cut_lead.label = "lead"  # "On 20 Dece": the lead the excerpt cut after a few letters, no heading
    if _captions_under_a_bare_headline(layout, body_pieces):
        return _without_article(units, rules, text, plain)

    # the dateline's own date is its last one: a title may carry a date of its own
    article_date = None
    if layout.rule == "date-above":  # a mobile layout's date line over the title: outside the Article, its date
        article_date = numeric_date(units[layout.title - 1].text)[0]
    for piece in reversed([p for p in head if p.label == "dateline"]):
        found = list(NUMERIC_DATE.finditer(piece.text))
        if found:
            m = found[-1]
            article_date = make_date(int(m["y"]), int(m["m"]), int(m["d"]))
            break
    # A place-and-month-name line ("Moscow, April 2, 2019") is the dateline, but the Article's date is
    # the site's DD.MM.YYYY stamp only (the realpages gold: "main_date: the Article's DD.MM.YYYY when
    # visible"); the month-name date still dates the main Event (sources below).
    # ... and it dates the report all the same: its lead stays the lead and the page is news, not a
    # static page (round 11: "Month D, YYYY, City" under the title gave a paragraph and kind other)
    dated = article_date is not None or any(p.label == "dateline" and month_date(p.text) for p in head)
    # ("<title> 19.0": the excerpt cut inside the title's dated repeat: a dated page all the same)
    dated = dated or layout.rule == "cut-repeat"
    title = title_unit.text
    # (a page that opens with a site menu, then its heading, opens with its heading all the same)
    before_title = _outside(units[: layout.title], "teaser")
    if layout.rule == "date-above" and before_title:
        s_, e_, _ = before_title[-1]
        before_title[-1] = (s_, e_, "boilerplate")  # the date over the title: the layout's chrome, no teaser's
    # (a box's header or a calendar over teasers is chrome, but the page does not open with its heading)
    opens_page = all(label == "boilerplate" for _, _, label in before_title) and all(
        label == "boilerplate" for _, _, label in _outside(units[: layout.title], "teaser", boxes=False))
    kind = article_kind(title, body_pieces, rules, dated=dated, opens_page=opens_page)
    if layout.rule in ("static", "table"):
        kind = "other"  # a biography's, a contacts page's lines, a table's rows: no report, no lead
    if kind == "news" and _undated_caption_over_photos(body_pieces, rules):
        kind = "other"  # "15.05.2022" / "Pictures from the reception …" / "DSC_4411.JPG" …: a gallery, no report
    if layout.rule in ("photos", "list", "listing"):
        kind = "other"  # a gallery's photos and captions, a list's entries: no report, no lead
        for p in body_pieces:
            if p.label == "heading" or (p.label == "lead" and layout.rule == "list"):
                p.label = "paragraph"  # a photo's caption under its file name, a list's entry
            if layout.rule == "listing" and is_nav(p.text, rules):
                p.label = "boilerplate"  # "Found: 126 results for …" under a search page's heading: its counter
    saluted = next((j for j, p in enumerate(body_pieces) if p.label == "salutation"), 0)
    for j, p in enumerate(body_pieces[:saluted]):
        if p.label in ("paragraph", "lead") and "\n" not in p.text and (
                address_line(p.text, rules) or (j == saluted - 1 and j > 0 and _occasion_line(p.text))):
            # "Mr. Kassym-Jomart Tokayev," over "Dear Mr. President,": the address block; 'Plenary session "…"'
            # right over the salutation: the occasion's name, no words of the speech
            p.label = "heading"
    lead = next((p for p in body_pieces if p.label == "lead"), None)
    people = People(default_registry(), rules)
    title_mentions = people.mentions(title)
    if kind == "speech" and lead is not None and (rules.first_person.search(lead.text) or (
            rules.speech_text_title.match(title) and not starts_with_date(lead.text, rules)
            and not any(m.id in {n.id for n in people.mentions(lead.text)} for m in title_mentions)
            # (a narration that says the day and year the meeting was held reports it: the lead)
            and not prose_dates(lead.text, reference=None, limit=1))):
        # the speech itself opens the text ("we …", or the title names the page as the speech,
        # "Speech by X at …", and no reporter's lead dates it or names X): no lead
        lead.label = "paragraph"
    elif kind in ("statement", "document", "other") and lead is not None:
        lead.label = "paragraph"  # only a report has a lead; these open with their own text

    _table_header(body_pieces)
    lead = next((p for p in body_pieces if p.label == "lead"), None)
    lead_mentions = people.mentions(lead.text) if lead is not None else []
    main = principal(title_mentions, lead_mentions, lead=lead.text if lead is not None else "",
                     speech=rules.speech_title)
    if kind == "speech":
        opening = next((p for p in body_pieces if p.label != "heading"), None)
        if (opening is not None and opening.label in ("lead", "paragraph") and "\n" not in opening.text
                and INITIALS_THEN_OFFICE.fullmatch(opening.text.strip())):
            opening.label = "heading"  # "V.V. Volodin, Chairman of …" under the title: who speaks, no lead
        # "Speech of the Deputy Secretary General <Name>" heading the text under the title: the speaker
        main = _speech_heading_speaker(body_pieces, rules, people) or main
        if main is None:  # "Rustam Karimov" / "Deputy Secretary General of …" under the title
            main = _header_speaker(_header_lines(head, body_pieces), rules, people)
    signature = closing_signature(body_pieces, rules, people) if kind == "speech" else None
    # the lines signing a speech are its headings, nobody's words (round 22 gold decision 1')
    signed: list[Piece] = []
    if signature is not None:
        signed.append(signature)  # signs the speech: no text of it
        name_line = name_over_signature(body_pieces, signature, people)
        if name_line is not None:
            signed.append(name_line)  # "Taalatbek Masadykov," over "CSTO Secretary General"
        # the block's other office lines above ("Chairman of the Council …," over "Minister of Defence …")
        j = min(body_pieces.index(x) for x in (signature, name_line) if x is not None) - 1
        # (or the name over the office, "Imangali Tasmagambetov" over "Secretary General of the CSTO": the block's)
        top = j - _SIGN_LINES_ABOVE
        block: list[Piece] = []
        while j > 1 and body_pieces[j].text[:1].islower() and "\n" not in body_pieces[j].text + body_pieces[j - 1].text \
                and office_line(f"{body_pieces[j - 1].text.strip()} {body_pieces[j].text.strip()}".rstrip(" ,"), rules):
            block += body_pieces[j - 1 : j + 1]  # "Secretary General" over "of the Collective Security …": one office
            j -= 2
        while j > 0 and ("\n" not in body_pieces[j].text or body_pieces[j].label == "heading") and (
                # (an office over two lines, "Secretary General" / "of the …", is one block of short lines)
                office_line(" ".join(signature_lines(body_pieces[j].text)).rstrip(" ,"), rules) or (
                    j > top and body_pieces[j].label in ("paragraph", "heading")
                    and sign_line(body_pieces[j].text.rstrip(" ,"))
                    and body_pieces[j - 1].label in ("paragraph", "salutation", "heading"))):
            block.append(body_pieces[j])
            j -= 1
        signed.extend(block)
        for sig in signed:
            sig.label = "heading"
        if main is None:  # "Address of the CSTO Secretary General …" signed "Imangali Tasmagambetov, …"
            main = signatory(signature, people)  # (or "V.V. Korotkevich" under his office)
        if main is None:  # "Imangali Tasmagambetov" (or "Imangali Tasmagambetov,") over "Secretary General of the CSTO"
            main = next((pid for p in signed[1:] if (pid := signatory(p, people)) is not None), None)
    if main is None and kind == "interview":
        main = addressee(body_pieces, people, named_in=(title, *(p.text for p in body_pieces if p.label == "lead")))
    if main is None and kind == "interview":
        main = people.title_prefix(title)  # "Andrei Petrovsky: “…”. Interview to …"
    # a bare role ("the Deputy Secretary General informed …", a speech titled by its speaker's role
    # only) names the person the page binds to that whole role: the Article's text, then the page's
    # (the day the Article tells of decides which holder a sidebar's binding can name)
    bindings = RoleBindings(people, [title, *(p.text for p in body_pieces)], text,
                            on=article_date or _told_day(title, head, body_pieces))
    if main is None and kind in ("speech", "interview"):
        role = people.role_of_title(title)
        main = bindings.resolve(role) if role is not None else None
        if main is None and role is not None:
            # nobody on the page holds it: the registry's one holder at the page's date, if one
            main = people.holder(role, article_date)
    if main is None and kind == "speech":
        # an office line alone under the title ("Secretary General of the …"): its one holder
        office = next((t for t in _header_lines(head, body_pieces) if office_line(t, rules)), None)
        role = people.role_of_title(office) if office is not None else None
        if role is not None:
            role = _OWN_ORGANISATION.sub("", role)  # "… of the Collective Security Treaty Organization"
            main = bindings.resolve(role) or people.holder(role, article_date)
    cut_piece = excerpt_cut(body_pieces, text)
    if (kind == "interview" and cut_piece is not None and cut_piece.label == "answer" and len(body_pieces) >= 2
            and body_pieces[-1] is cut_piece and body_pieces[-2].label == "answer" and "\n" not in cut_piece.text
            and _CUT_QUESTION.match(cut_piece.text)):
        cut_piece.label = "question"  # "3. What will the session adopt, and which documents are being prepa"
    assign_speakers(body_pieces, kind, main, people, named=[m.id for m in [*title_mentions, *lead_mentions]],
                    cut=cut_piece, bindings=bindings, at_limit=excerpt_cut_off(text))
    if kind != "interview":
        _transcript_speakers(body_pieces, rules, people)
    for sig in signed:
        sig.speaker = None
    for p in body_pieces:
        if p.label == "lead":
            p.speaker = None  # the report's opening, whoever it quotes: nobody's words (no gold lead has a speaker)

    sources: list[Source] = []
    if kind in ("statement", "document"):
        # "Adopted at the session of the … Council in Astana on 28 November 2024": where and when the text was
        # adopted is its event, wherever the page says it; "In Minsk, the Ministers … adopted …" opening it
        adopted = next((p for p in body_pieces if _ADOPTED_AT.search(p.text)), None)
        if adopted is not None:
            sources.append(Source(adopted.text, adopted.start))
        opening = next((p for p in body_pieces if p.label in ("paragraph", "lead")), None)
        if opening is not None and opening is not adopted and (
                _PLACE_OPENING.match(opening.text) or _MET_IN.search(opening.text)
                # "On 1 March 2024, the Secretary General received …": a press service's text opening as a report does
                or rules.lead_date_start.match(opening.text)):
            sources.append(Source(opening.text, opening.start))
    if lead is not None:
        sources.append(Source(lead.text, lead.start))
    elif kind == "speech":
        # "On 12 June 2021, X addressed the participants of the meeting held in Bishkek.": a speech page's
        # narration before the speech's first words says when and where, as a lead would
        opening = next((p for p in body_pieces if p.label != "heading"), None)
        if opening is not None and opening.label == "paragraph" and opening.speaker is None:
            sources.append(Source(opening.text, opening.start))
    # "X and Y exchanged views on …" / "The meeting took place on 8 April 2025 in Moscow.": an opening that
    # says no date leaves when and where to the paragraph after it that says the event was held
    opener = lead if lead is not None else next((p for p in body_pieces if p.label == "paragraph"), None)
    if (opener is not None and kind in ("news", "other")
            and not prose_dates(opener.text, reference=article_date, limit=1)):
        k = body_pieces.index(opener)
        held = next((p for p in body_pieces[k + 1 : k + 3] if p.label == "paragraph" and _HELD_ON.search(p.text)
                     and prose_dates(p.text, reference=article_date, limit=1)), None)
        if held is not None:
            sources.append(Source(held.text, held.start))
    # (the title's subtitles too: a speech's header, "Speech by X," / "<office>," / "Moscow, 16 August 2022")
    for p in [*(q for q in head if q.label == "heading"), *body_pieces[:4]]:
        # "(17 November 2021, Moscow)" under a speech, "Moscow, April 2, 2019" under a statement
        if p.label != "heading":
            continue
        if PARENTHETICAL.fullmatch(p.text) or place_date_line(p.text):
            sources.append(Source(p.text, p.start))
        elif "\n" in p.text:  # a speech's heading block, "Speech" / "at the …" / "(Astana, 12 June 2024)"
            at = p.start
            for line in p.text.split("\n"):
                if PARENTHETICAL.fullmatch(line) or place_date_line(line):
                    sources.append(Source(line, at))
                at += len(line) + 1
    if layout.rule == "month-date":  # the dateline itself is a place and date ("October 7, 2020, Moscow")
        sources += [Source(units[k].text, units[k].start) for k in layout.datelines]
    # a statement signed off with its place and date ("Yerevan, 14 October 2016")
    if body_pieces and len(body_pieces[-1].text) <= CLOSING_MAX and body_pieces[-1] is not lead:
        closing = body_pieces[-1]
        if (closing.label in ("paragraph", "heading") and not closing.text.rstrip().endswith((".", "!", "?"))
                and not rules.caption.match(closing.text)):
            sources.append(Source(closing.text, closing.start))
    sources.append(Source(title, title_unit.start))
    participants: list[str] = []
    for pid in [*(m.id for m in title_mentions), *(m.id for m in lead_mentions)]:
        if pid not in participants:
            participants.append(pid)
    if main is not None and main not in participants:
        participants.insert(0, main)
    draft = main_event(sources, kind=kind, article_date=article_date, participants=participants,
                       rules=rules, gazetteer=load_gazetteer())
    if kind in ("statement", "document") and _COUNCIL_ACT.match(title):
        draft.type = "session"  # a council's declaration or decision is adopted at its session

    # a press contact, a counter or a media line under the text, over the footer: the Article's boilerplate
    owned = attached_tail(units, end, tail.teasers, rules)
    body_pieces += [Piece(u.start, u.end, u.text, u.block, "boilerplate") for u in units[end:owned]]
    end = owned
    spans: list[tuple[int, int, str, str | None, str | None]] = []
    spans += [(s, e, lab, None, None) for s, e, lab in before_title]
    # a file name inside the Article (between its paragraphs, or under them over the footer) is its
    # boilerplate: labelled so, and the Article's (the gold's "boilerplate, main"; no part of its text)
    spans += [(p.start, p.end, p.label, None if p.label in NEVER_IN_ARTICLE_LABELS else "a1", p.speaker)
              for p in head + body_pieces]
    for k in range(end, len(units)):
        u = units[k]
        # ("Related news", "Most read" over the items: the block's header, the site's, no teaser)
        lab = "teaser" if k in tail.teasers and not is_nav(u.text, rules) and not (
            len(u.text) <= _HEADER_MAX and rules.related_header.fullmatch(u.text)) else "boilerplate"
        if lab == "boilerplate" and k > end and len(units[k - 1].text) <= _HEADER_MAX and _PREV_NEXT.fullmatch(
                units[k - 1].text) and len(u.text.split()) > _LINKED_HEADLINE_WORDS and not is_boilerplate(u.text, rules):
            lab = "teaser"  # "← Previous news" / its headline: the linked story's headline
        spans.append((u.start, u.end, lab, None, None))
    if spans:
        s0, e0, lab0, art0, spk0 = spans[-1]
        spans[-1] = (s0, _to_the_cut(e0, text), lab0, art0, spk0)
    if plain:
        data["segments"] = [_segment_dict(i, s, e, lab, text, article=art, speaker=spk)
                            for i, (s, e, lab, art, spk) in enumerate(spans, 1)]
    else:
        data["segments"] = [_segment(i, s, e, lab, text, article=art, speaker=spk)
                            for i, (s, e, lab, art, spk) in enumerate(spans, 1)]
    data["articles"] = [{"id": "a1", "title": title, "date": article_date, "kind": kind,
                         "confidence": article_confidence(layout), "reasons": _reasons(layout, article_date)}]
    # a biography or a history page reports no event
    has_event = not (kind == "other" and draft.type == "other") and layout.rule not in ("static", "table", "list",
                                                                                          "listing")
    speaker_ids: list[str] = []
    for pid in [*(p.speaker for p in body_pieces if p.speaker), *(draft.participants if has_event else [])]:
        if pid not in speaker_ids:
            speaker_ids.append(pid)
    data["speakers"] = [
        {"id": pid, "name": people.written(pid, [p.text for p in body_pieces if p.speaker == pid]),
         "role": people.person(pid).role} for pid in speaker_ids
    ]
    if not has_event:
        return data
    data["events"] = [{
        "id": "e1", "type": draft.type, "date": draft.date, "place": draft.place,
        "participants": draft.participants, "evidence": [{"start": s, "end": e} for s, e in draft.evidence],
    }]
    return data


_SPOKEN_LABELS = ("salutation", "paragraph", "answer")
_NAME_LINE_MAX = 160
# a name written plainly: "Ivan Petrov", "Kassym-Jomart Tokayev" (two or three capitalised words, no capitals run)
_PLAIN_NAME_LINE = re.compile(r"[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?(?:\s+[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?){1,2}")


def _transcript_speakers(pieces: list[Piece], rules: Rules, people: People) -> None:
    """A transcript's speaker named alone on a line (``Vladimir Putin:``, a heading): the salutations and
    paragraphs under it, down to the next such line, are that person's words."""
    who: str | None = None
    for p in pieces:
        t = p.text.strip()
        if p.label == "heading" and "\n" not in t and t.endswith(":") and len(t) <= _NAME_LINE_MAX:
            # ("Vladimir Putin:", "V. Putin:", "Alexander Lukashenko, President of the Republic of Belarus:")
            name, _, office = t[:-1].partition(",")
            name = name.strip()
            if person_line(name, rules) and not any(w in rules.non_name_words for w in name.split()) and (
                    not office.strip() or office_line(office.strip(), rules)):
                found = [m for m in people.mentions(name) if m.start == 0 and m.end == len(name)]
                if found:
                    who = found[0].id
                elif _PLAIN_NAME_LINE.fullmatch(name):  # (a name the registry lacks; "CSTO Secretariat:" is none)
                    who = people.adopt(" ".join(name.split()))
                else:
                    who = people.signed(name) or who  # "V. Putin": initials and a surname
                continue
        if who is not None and p.label in _SPOKEN_LABELS:
            p.speaker = who


# how a question opens: its number, then a question word or an auxiliary ("3. What …", "How …", "Do you …")
_CUT_QUESTION = re.compile(r"(?:\d{1,2}[.)]\s*)?(?:What|How|Which|When|Where|Why|Who|Whom|Whose|Is|Are|Do|Does|Did|"
                           r"Will|Would|Can|Could|Should|Has|Have|In your (?:opinion|view))\b")


# "(The Declaration was) adopted at the session of …": the occasion a statement or a document was adopted at
_ADOPTED_AT = re.compile(r"\b[Aa]dopted\s+(?:at|during)\s+the\b"
                         # a treaty's closing formula: "Done in Astana on 2 December 2026 in one original copy"
                         r"|^(?:Done|Signed)\s+(?:in|at)\s+(?:the\s+city\s+of\s+)?[A-Z]")
# "The meeting took place on 8 April 2025 in Moscow.": the paragraph after a dateless lead saying when it was
_HELD_ON = re.compile(r"\b(?:took\s+place|(?:was|were)\s+held)\b")
# "In Minsk, the Ministers …": a text opening with its place
_PLACE_OPENING = re.compile(r"(?:On\s+[^.]{4,24}?\d{4},\s+)?[Ii]n\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?,\s")
# "Minsk Declaration of the Collective Security Council …", "DECISION of the Council of Defence Ministers …"
_COUNCIL_ACT = re.compile(r"(?:[A-Z][\w-]+\s+)?(?:Declaration|DECLARATION|Decision|DECISION|Resolution|RESOLUTION)"
                          r"\s+of\s+the\s+(?:[\w-]+\s+){0,4}?(?:Council|COUNCIL)\b")
# "We, the Ministers …, meeting on 24 May 2022 in Moscow," / "The heads of state, having met in Astana on …":
# where a joint text's signatories met
_MET_IN = re.compile(r"\b(?:having\s+(?:met|gathered)|meeting|gathered)\s+(?:in|at|on)\s")


def _without_article(units: list[Unit], rules: Rules, text: str, plain: bool = False) -> dict[str, Any]:
    """A page with no Article: its menus and footers boilerplate, every other unit a teaser."""
    menu = menu_lines(units)
    alone = [(u.start, u.end, "boilerplate" if k in menu or is_boilerplate(u.text, rules) or (
        len(u.text) <= _HEADER_MAX and rules.related_header.fullmatch(u.text)) else "teaser") for k, u in enumerate(units)]
    if alone:
        alone[-1] = (alone[-1][0], _to_the_cut(alone[-1][1], text), alone[-1][2])
    if plain:
        return {"segments": [_segment_dict(i, s, e, lab, text) for i, (s, e, lab) in enumerate(alone, start=1)]}
    return {"segments": [_segment(i, s, e, lab, text) for i, (s, e, lab) in enumerate(alone, start=1)]}


def _notice_page(units: list[Unit], text: str, plain: bool = False) -> dict[str, Any]:
    """An error or notice page (``Page not found``, a translation not ready): no Article, every line the site's."""
    spans = [(u.start, u.end) for u in units]
    if spans:
        spans[-1] = (spans[-1][0], _to_the_cut(spans[-1][1], text))
    if plain:
        return {"segments": [_segment_dict(i, s, e, "boilerplate", text) for i, (s, e) in enumerate(spans, start=1)]}
    return {"segments": [_segment(i, s, e, "boilerplate", text) for i, (s, e) in enumerate(spans, start=1)]}


# a table's header row stands over two rows or more of as many cells
_TABLE_HEADER_ROWS = 2


def _row_cells(text: str) -> int:
    """How many cells a one-line table row has (``Name | Dates | Place``, tab- or space-separated), 0 for other
    text."""
    if "\n" in text:
        return 0
    if "|" in text:
        bars = bar_cells(text)
        if bars is not None:
            return len(bars)
    return table_cells(text)  # (tabs or runs of spaces between the cells)


def _table_header(pieces: list[Piece]) -> None:
    """The header row of a table (``Member state | Personnel | Units`` or tab-separated ``No. Name Dates``
    over rows of as many cells) is a heading, its rows paragraphs (gold decision, round 22): the first line
    of such a run, no figure in it (a table of figures with no header row keeps its first row a row)."""
    k = 0
    while k < len(pieces):
        width = _row_cells(pieces[k].text)
        if width == 0:
            k += 1
            continue
        m = k + 1
        while m < len(pieces) and _row_cells(pieces[m].text) == width:
            m += 1
        head = pieces[k]
        if m - k > _TABLE_HEADER_ROWS and head.label in ("paragraph", "lead") and not any(
                ch.isdigit() for ch in head.text):
            head.label = "heading"
        k = m


def _to_the_cut(end: int, text: str) -> int:
    """Where the page's last Segment ends: at the end of the text when only spaces follow it there, with
    no line break (the crawler cut the page inside that line: its fragment runs to the cut, trailing
    space included, as the gold of real pages marks it); else at ``end``."""
    rest = text[end:]
    if rest and not rest.strip() and "\n" not in rest and "\r" not in rest:
        return len(text)
    return end


_CAPTIONS_MIN = 8


def _speech_heading_speaker(pieces: list[Piece], rules: Rules, people: People) -> str | None:
    """The person a heading above the speech's first words names as its speaker (``Speech of the Deputy
    Secretary General <Name>``, a heading naming a speech, before any salutation or paragraph)."""
    for p in pieces:
        if p.label != "heading":
            return None
        if rules.speech_text_title.match(p.text):
            found = people.mentions(p.text)
            return found[0].id if found else None
        named = _OFFICE_THEN_INITIALS.fullmatch(p.text.strip()) or INITIALS_THEN_OFFICE.fullmatch(p.text.strip())
        if named is not None:  # "Chairman of the Parliamentary Assembly, Chairman of the State Duma V.V. Volodin"
            return people.signed(named["name"], role=named["office"].strip(" ,"))
        if "\n" not in p.text and p.text.isupper():
            # "CSTO SECRETARY GENERAL TALATBEK MASADYKOV": the office and the name in capitals; only a person
            # the registry knows is taken (a name in capitals is read as the registry writes it)
            found = [m for m in people.mentions(p.text.title()) if m.id in people.registry.people]
            if found:
                return found[0].id
    return None


# the Organisation's own name after an office ("Secretary General of the CSTO"): the office alone
_OWN_ORGANISATION = re.compile(r"\s+of\s+the\s+(?:csto|collective\s+security\s+treaty\s+organi[sz]ation|organi[sz]ation)$")


def _header_lines(head: list[Piece], body: list[Piece]) -> list[str]:
    """The lines of the headings between a title and its text (its subtitles, then the body's first headings)."""
    out = [p.text for p in head if p.label == "heading"]
    for p in body:
        if p.label != "heading":
            break
        out += [line.strip() for line in p.text.split("\n") if line.strip()]
    return out


def _header_speaker(lines: list[str], rules: Rules, people: People) -> str | None:
    """The person a speech's header names: a name line over an office line (``Rustam Karimov`` /
    ``Deputy Secretary General of the …``), read as the office and the name together."""
    lines = [t.rstrip(" ,") for t in lines]  # ("Imangali Tasmagambetov," over "Secretary General of the CSTO,")
    pairs = [*zip(lines, lines[1:]), *((b, a) for a, b in zip(lines, lines[1:]))]  # (or an office over the name)
    for name, office in pairs:
        if person_line(name, rules) and office_line(office, rules):
            first, _, rest = name.partition(" ")
            if len(first) > 1 and first.isupper() and rest:
                name = f"{first.title()} {rest}"  # "KARIMOV Rustam Ilyasovich": the surname in capitals first
            found = people.mentions(f"{office} {name}")
            return found[-1].id if found else people.signed(name, role=office)
    # "Speech by Imangali Tasmagambetov," / "Report" over "of the CSTO Secretary General …" / "Speech by the
    # Secretary General of the CSTO" over "Imangali Tasmagambetov": the one person the genre's line names (an
    # address block's "To His Excellency" / "Mr. …," names the addressee, no speaker)
    named: set[str] = set()
    for k, t in enumerate(lines):
        if not SPEECH_BY.fullmatch(t):
            continue
        for s in (t, *lines[k + 1 : k + 2]):
            if s is t or person_line(s, rules) or s.startswith(("of ", "by ")):
                named.update(m.id for m in people.mentions(s))
    return named.pop() if len(named) == 1 else None


# a speech's heading line naming its speaker by office, then by initials and surname
_OFFICE_THEN_INITIALS = re.compile(
    r"(?P<office>(?:[A-Z][\w’'-]*|of|the|and|for|on)(?:[\s,]+(?:[A-Z][\w’'-]*|of|the|and|for|on))*)\s+"
    rf"(?P<name>{INITIALS}{SURNAME})")


def _captions_under_a_bare_headline(layout: Layout, pieces: list[Piece]) -> bool:
    """An undated headline with nothing else for it (no lead retelling it, not opening the page, no
    date) over eight or more one-line headings, more than twice its prose: a photo gallery's
    captions under a sidebar whose headline-only item was read as a title - the page's own heading
    is not in the excerpt (with a dated title above them, the captions are the Article's)."""
    if layout.rule != "undated" or layout.datelines or set(layout.reasons) - {BARE_HEADLINE}:
        return False
    heads = sum(1 for p in pieces if p.label == "heading")
    return heads >= _CAPTIONS_MIN and heads > 2 * sum(1 for p in pieces if p.label in ("lead", "paragraph"))


def _told_day(title: str, head: list[Piece], body: list[Piece]) -> date | None:
    """The first date with its year in the title, a dateline or the lead: the day an Article with no
    ``DD.MM.YYYY`` stamp tells of."""
    texts = [title, *(p.text for p in head if p.label == "dateline"),
             *[p.text for p in body if p.label == "lead"][:1]]
    for t in texts:
        found = prose_dates(t, reference=None, limit=1)
        if found:
            return found[0].date
    return None


def _reasons(layout: Layout, date: object) -> list[str]:
    """What the parser saw, in words an editor reads (Article.reasons)."""
    out = list(dict.fromkeys(layout.reasons))
    if date is None and layout.rule not in ("undated", "cut-title"):
        out.append("no date could be read")
    elif date is None:
        out.append("no date")
    return out


def _fallback(text: str, doc: DocumentRef) -> dict[str, Any]:
    units = split_units(text)
    return {"segments": [_segment(i, u.start, u.end, "paragraph", text) for i, u in enumerate(units, 1)]}


# how many lines above a speech's signature its block may hold (a name, an office, a place and date)
_SIGN_LINES_ABOVE = 2


def parse_document(text: str, *, doc: DocumentRef, context: CorpusContext | None = None) -> Curation:
    """Parse one Document; ``context`` (from ``build_context``) adds cross-page evidence."""
    try:
        # a table written with " | " between its cells: its rows are the text's, not a breadcrumb or a menu
        units = split_units(text) if has_bar(text) else []
        rows = bar_table(units) if units else set()
        if not rows:
            return _curation(doc, _parse(text, doc, context))
        token = TABLE_ROWS.set(frozenset(units[k].text for k in rows))
        try:
            return _curation(doc, _parse(text, doc, context))
        finally:
            TABLE_ROWS.reset(token)
    except Exception as exc:  # noqa: BLE001 - the GUI and batch runs must get a Curation for any text
        warnings.warn(f"{doc.id}: rule parser failed ({type(exc).__name__}: {exc}); plain segmentation used",
                      ParserFallbackWarning, stacklevel=2)
        return _curation(doc, _fallback(text, doc))


def parse_document_data(text: str, *, doc: DocumentRef, context: CorpusContext | None = None) -> dict[str, Any] | None:
    """What ``parse_document`` finds, as the JSON data of its Curation (its ``model_dump(mode="json")``, which
    ``jsonio.dump_curation_data_bytes`` renders as ``dump_curation_bytes`` renders the Curation), made without
    the models: ``curator parse --out`` built each Segment, Article, Speaker and Event only to dump it.
    None where that is not the whole story: a table page (its rows are parsed with ``TABLE_ROWS`` set), a
    parse that fails (``parse_document`` falls back and warns), or findings the models' fast paths would not
    take as they are (``_plain_curation``); the caller then parses with ``parse_document``, which decides."""
    try:
        if has_bar(text):
            units = split_units(text)
            if units and bar_table(units):
                return None
        data = _parse(text, doc, context, True)
    except Exception:  # noqa: BLE001 - parse_document parses it again and says what failed
        return None
    return _plain_curation(doc, data)


def _plain_curation(doc: DocumentRef, data: dict[str, Any]) -> dict[str, Any] | None:
    """``_curation(doc, data)``'s ``model_dump(mode="json")`` for ``data`` with plain Segments
    (``_segment_dict``), when each of its fast paths applies: every Article, Speaker and Event as the parser
    makes them (``_article_fits``, ...) and the whole as ``_checked`` takes it; None otherwise (the models
    decide: they may refuse it, or ``check_invariants`` may take it)."""
    segments = data["segments"]
    articles = data.get("articles", [])
    speakers = data.get("speakers", [])
    events = data.get("events", [])
    if not (all(_article_fits(a) for a in articles) and all(_speaker_fits(s) for s in speakers)
            and all(_event_fits(e) for e in events)):
        return None
    # ``_checked``'s pass, on the dicts
    length = doc.length
    article_ids = {a["id"] for a in articles}
    speaker_ids = {s["id"] for s in speakers}
    if (len(article_ids) != len(articles) or len(speaker_ids) != len(speakers)
            or len({e["id"] for e in events}) != len(events) or len({s["id"] for s in segments}) != len(segments)):
        return None
    prev_end = 0
    for seg in segments:
        if seg["start"] < prev_end or seg["end"] > length or (
                seg["article"] is not None and seg["article"] not in article_ids) or (
                seg["speaker"] is not None and seg["speaker"] not in speaker_ids):
            return None
        prev_end = seg["end"]
    for ev in events:
        if any(pid not in speaker_ids for pid in ev["participants"]) or any(x["end"] > length for x in ev["evidence"]):
            return None
    return {
        "schema_version": SCHEMA_VERSION,
        "document": doc.model_dump(mode="json"),
        "parser": dict(_PARSER_INFO),
        "status": "auto",
        "segments": segments,
        "articles": [{"id": a["id"], "title": a["title"], "date": None if a["date"] is None else a["date"].isoformat(),
                      "kind": a["kind"], "confidence": a["confidence"], "reasons": list(a["reasons"])}
                     for a in articles],
        "speakers": [{"id": s["id"], "name": s["name"], "role": s["role"]} for s in speakers],
        "events": [{"id": e["id"], "type": e["type"], "date": None if e["date"] is None else e["date"].isoformat(),
                    "place": e["place"], "participants": list(e["participants"]),
                    "evidence": [{"start": x["start"], "end": x["end"]} for x in e["evidence"]],
                    "origin": "parser", "decision": "proposed"} for e in events],
        "duplicates": [],
    }


def parse_text(text: str, doc_id: str = "doc", context: CorpusContext | None = None) -> Curation:
    """Parse a bare string (tests, benchmarks): the DocumentRef is made up from it."""
    doc = DocumentRef(id=doc_id, path=f"{doc_id}.txt", sha256=sha256_text(text), length=len(text))
    return parse_document(text, doc=doc, context=context)
