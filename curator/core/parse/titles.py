"""An undated page's title: the best-scored headline after the sidebar, or none.

When no date, repeated title, question or salutation anchors the Article (rules A-D in
``layout.py``), every unit that could be a headline is scored from what the page shows
around it, and the best one is the title if its score clears ``ACCEPT``:

* its form: no closing full stop (a headline) or one or two short sentences (a title
  written as a sentence); never a date, a list item, a section heading, a lead opening
  with its date (``On 27 May 2025, …``: a teaser is another page's lead);
* its link to the lead: the share of the title's words, weighted by how rare each is on
  the page, that the first prose unit under it repeats (a title announces its lead; a
  headline-only teaser in a sidebar announces nothing that follows it);
* the lead's form (opening with a date, or with the photo's file name glued to it);
* what follows the lead: more dated summaries are the rest of a sidebar;
* position: the page's first line (a static page, or an excerpt starting at the title),
  a wider blank gap after it than before it;
* corpus context: the units at the page's start that other pages share are its sidebar;
  a candidate among them is a teaser, the first unit after them is the likely title.

Weights are in log-odds units; ``confidence.py`` turns the score into the Article's
confidence with a logistic function (calibrated on annotated pages; see docs/parser.md).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from curator.core.parse.dates import MONTH_NAMES, MONTHS, prose_dates
from curator.core.parse.rules import Rules
from curator.core.parse.units import Unit

# a title written as sentences is short: longer sentence units are summaries
SENTENCE_TITLE_MAX = 220
TITLE_MAX = 300
LEAD_MIN = 40
# a clause ending in a comma or semicolon this long is text, not a heading
_CLAUSE_MIN = 60
# units compared when weighting words by rarity (the title sits near the page's start)
_DF_UNITS = 400
_CANDIDATE_UNITS = 200
_WORD = re.compile(r"[^\W_]{3,}")
_SENTENCE = re.compile(r"[.!?](?:\s|$)")
_CLOSERS = ".!?;,:"
_OPENERS = "«“\"'(„"
_BULLET = re.compile(r"[-–—•·*]\s")
_NUMBERED = re.compile(r"\d{1,2}[.)]\s*\S")

ACCEPT = 1.0
_SECTION_MAX = 24
# a contact line is short; a longer title may name a press service
_CONTACT_MAX = 60
# at most this many words in a heading between a title and its lead; a longer headline-like
# line is a listing's (or a sidebar's) next headline
_HEADING_WORDS = 5
# below this share of its words repeated under it, a line announces nothing that follows
_CUT_LEAD = 150
# list items open with the same words and are about as long as each other
_PARALLEL_WORDS = 3
_PARALLEL_LENGTH = 1.25
# a static page's heading is a short noun phrase ("Contacts", "Member states", "History")
_NOUN_PHRASE_WORDS = 4
_NOUN_PHRASE_CHARS = 40
# what a static page holds under such a heading when it holds no prose: a list
_STATIC_BODY_UNITS = 6
_STATIC_ITEMS_MIN = 3
_STATIC_ITEM_CHARS = 80
# "Address: 103012, Moscow …", "Phone: +7 …": a label and its value (a contacts page's text)
LABEL_VALUE = re.compile(r"[A-Z][\w-]*(?:[ -][\w-]+){0,2}:\s+\S")
# a lead opening with its date repeats at least this share of its title's words
_DATED_LEAD_LINK = 0.3
# this share of a sentence title's words retold by the lead under it supports it as a title
_RETOLD = 0.5
# the form score of a title written as a sentence; such a title needs support from the layout
SENTENCE = -1.0
# a sentence this short is rarely a teaser's summary
_SHORT_SENTENCE = 100
_FILE_LINE = 90
# a programme's entry opens with a time ("10:30 - 11:00 Opening of the conference")
_TIME_FIRST = re.compile(r"\d{1,2}[:.]\d{2}\b")
# a staff list's entry: "Chief of the Joint Staff - Sidorov Anatoly Alekseevich (Russian Federation)",
# a position, a spaced dash, then a name in "Surname Name Patronymic" order or a country in brackets
_STAFF_ENTRY = re.compile(r".{3,}?\s[-–—]\s(?:.*\)\s*$|.*\b[A-Z][a-z]+ [A-Z][a-z]+ [A-Z][a-z]+(?:vich|vna|ichna|ogly|kyzy|uly)\b)")
# a list's row: a name, a spaced dash, then a count of something ("Republic of Armenia – 5 representatives")
_COUNT_ROW = re.compile(r"[A-Z][^.!?:;]{2,60}?\s[-–—]\s\d{1,4}\s+[a-z][a-z-]+(?:\s+[a-z][a-z-]+){0,2}")


def count_row(text: str) -> bool:
    """A counted list's row: "Republic of Armenia – 5 representatives" (a spaced dash first, then the pattern)."""
    head = text[:70]
    return (" – " in head or " - " in head or " — " in head) and _COUNT_ROW.fullmatch(text) is not None


# "12 photos", "1 photo", "3 videos": a gallery album's count, never a title
MEDIA_COUNT = re.compile(r"\d{1,4}\s+(?:photos?|photographs?|images?|pictures?|videos?|files?|фото\w*|видео\w*)",
                         re.IGNORECASE)
_MEDIA_COUNT_END = re.compile(r"(?<![\w.,])" + MEDIA_COUNT.pattern + r"\s*$", re.IGNORECASE)


def media_count(text: str, rules: Rules) -> bool:
    """A gallery album's count line: "12 photos" alone, or closing the album's credit
    ("Photo: press service 12 photos"), never a title."""
    t = text.strip()
    if t[:1].isdigit():
        return MEDIA_COUNT.fullmatch(t) is not None
    return len(t) <= 120 and rules.caption.match(t) is not None and _MEDIA_COUNT_END.search(t) is not None


# the undated rule's weakest evidence: a line that merely looks like a headline
BARE_HEADLINE = "headline without a closing full stop"


_AFTER_EXCLAMATION = re.compile(r"(?<=!)\s+")


def salutation(text: str, rules: Rules) -> bool:
    """A whole short unit of address: ``Dear colleagues!``, also several in a row (``Dear
    Chairman! Dear colleagues!``)."""
    t = text.rstrip()
    if len(t) > 160:
        return False
    if rules.salutation.fullmatch(t):
        return True
    if "!" not in t:
        return False  # (one part: the fullmatch above said no)
    parts = _AFTER_EXCLAMATION.split(t)
    return len(parts) > 1 and all(rules.salutation.fullmatch(x) for x in parts)


def end_stop(text: str) -> bool:
    """Ends with a full stop, ``!`` or ``?`` (not an ellipsis): written as a sentence."""
    t = text.rstrip()
    return t.endswith((".", "!", "?")) and not t.endswith(("...", "…"))


@dataclass
class Candidate:
    index: int
    lead: int | None
    score: float
    reasons: list[str] = field(default_factory=list)


class PageWords:
    """Content words per unit and how many units of the page hold each (computed lazily)."""

    def __init__(self, units: list[Unit], rules: Rules) -> None:
        self.units = units
        self.stop = rules.stop_words
        self._words: dict[int, frozenset[str]] = {}
        self._df: dict[str, int] | None = None

    def words(self, i: int) -> frozenset[str]:
        w = self._words.get(i)
        if w is None:
            # a six-letter prefix folds "meeting"/"meetings", "Kazakh"/"Kazakhstan"
            w = frozenset(t[:6] for t in _WORD.findall(self.units[i].text.casefold()) if t not in self.stop)
            self._words[i] = w
        return w

    def df(self) -> dict[str, int]:
        if self._df is None:
            df: dict[str, int] = {}
            for i in range(min(len(self.units), _DF_UNITS)):
                for w in self.words(i):
                    df[w] = df.get(w, 0) + 1
            self._df = df
        return self._df

    def link(self, i: int, j: int) -> float:
        """Share of unit ``i``'s words (weighted by rarity on the page) that unit ``j`` repeats."""
        a, b = self.words(i), self.words(j)
        if not a:
            return 0.0
        df = self.df()
        total = sum(1.0 / df.get(w, 1) for w in a)
        shared = sum(1.0 / df.get(w, 1) for w in a & b)
        return shared / total if total else 0.0


def parallel(a: str, b: str) -> bool:
    """Two items of one list: the same first words and about the same length (``The Council of
    Ministers of Defense is …`` under ``The Council of Ministers of Foreign Affairs is …``)."""
    wa, wb = a.casefold().split()[:_PARALLEL_WORDS], b.casefold().split()[:_PARALLEL_WORDS]
    return len(wa) == _PARALLEL_WORDS and wa == wb and max(len(a), len(b)) <= _PARALLEL_LENGTH * min(len(a), len(b))


# "2026 - Russian Federation", "3.Republic of Kazakhstan", "12) …": a number and a separator opening a line
_ITEM_SHAPE = re.compile(r"(\d{1,4})\s*([-–—.):])")


def list_item_run(units: list[Unit], i: int) -> bool:
    """Unit ``i`` opens like the two lines above it, with a number and the same separator
    (``2025 - Kyrgyz Republic`` / ``2026 - Russian Federation``): the last item of a list."""
    if i < 2:
        return False
    shapes = []
    for k in (i - 2, i - 1, i):
        m = _ITEM_SHAPE.match(units[k].text)
        if m is None:
            return False
        shapes.append((len(m[1]), m[2]))
    return shapes[0] == shapes[1] == shapes[2]


_ROMAN = re.compile(r"([IVX]{1,5})\.\s+[A-Z]")


def roman_sections(units: list[Unit]) -> set[int]:
    """Units opening with a Roman numeral (``I. General provisions``, ``II. Main tasks …``) when the
    page holds two or more different numerals: the sections of a document (one ``I.`` alone may be
    an initial, ``I. Tasmagambetov``)."""
    found = {k: m[1] for k, u in enumerate(units[:_CANDIDATE_UNITS])
             if u.text[:1] in "IVX" and (m := _ROMAN.match(u.text)) is not None}
    return set(found) if len(set(found.values())) >= 2 else set()


def _echo(text: str, below: str) -> bool:
    """``below`` repeats ``text`` word for word (a teaser repeated as the next text, or cut from it)."""
    a = _norm(text).rstrip(".…")
    return len(a) >= 20 and _norm(below).startswith(a)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def starts_with_date(text: str, rules: Rules) -> bool:
    """Opens with a date the way a lead (or a sidebar's summary) does: ``On 27 May 2025, …``,
    ``15 May marks …``; a headline prefixed with its day and month (``12 March CSTO …``) does not."""
    return rules.lead_date_start.match(text) is not None and rules.headline_date_prefix.match(text) is None


def _sentences(text: str) -> int:
    return len(_SENTENCE.findall(text.rstrip() + " "))


Test = Callable[[str], bool]


_HEADER_MAX = 60
_OWN_KIND = "title names a page of its own kind (history, biography, contacts)"
# a heading naming a page of its own kind over a list: "Contact information of the CSTO Secretariat"
_OWN_KIND_HEADING = 80


def title_form(text: str, rules: Rules, *, is_nav: Test, is_date: Test, mostly_cyrillic: Test,
               place_date: Test) -> tuple[float, str] | None:
    """How much ``text`` looks like a title by its own form (None: it cannot be one)."""
    t = text.strip()
    if not 6 <= len(t) <= TITLE_MAX:
        return None
    # Every test down to the form's own is a refusal, so the cheap one that refuses most units of a
    # text comes first: a line ending in ";,:", or a sentence (not an ellipsis) longer than a title,
    # is refused below whatever else it is.
    if t[-1] in ";,:" or (len(t) > SENTENCE_TITLE_MAX and t[-1] in ".!?" and not t.endswith(("...", "…"))):
        return None
    if is_date(t) or is_nav(t):
        return None
    first = t.lstrip(_OPENERS)[:1]
    if not first or not (first.isupper() or first.isdigit()):
        return None
    if first.isdigit() and not any(c.isalpha() for c in t):
        return None  # "1992–1999": a history page's section, no words to title anything
    if media_count(t, rules):
        return None  # "12 photos", "Photo: … 12 photos": a photo album's count
    if _BULLET.match(t) or _NUMBERED.match(t) or rules.section_heading.fullmatch(t):
        return None
    if _TIME_FIRST.match(t) or _STAFF_ENTRY.match(t) or count_row(t):
        return None  # a programme's, a staff list's or a counted list's entry
    if section_name(t, rules, words=SECTION_NAME_MAX_WORDS):
        return None  # "CHAPTER VIII. FINAL PROVISIONS": a document's section, not the page's title
    if rules.caption.match(t) or rules.image_file.match(t) or (len(t) <= 90 and rules.file_name.fullmatch(t)):
        return None
    if salutation(t, rules):
        return None
    if mostly_cyrillic(t) or place_date(t):
        return None
    last = t.rstrip(".!?…”\"»)").rsplit(None, 1)[-1].casefold() if t.split() else ""
    if last in rules.stop_words and not end_stop(t):
        return None  # "Establishment of": the first line of a heading broken over two ("… took part in it." is whole)
    end = t[-1]
    dated = starts_with_date(t, rules)
    if end in ";,:":
        return None
    if end in ".!?" and not t.endswith(("...", "…")):
        if dated or len(t) > SENTENCE_TITLE_MAX or _sentences(t) > 2:
            return None
        if rules.other_title.search(t):
            return 0.5, _OWN_KIND
        if len(t) <= _SHORT_SENTENCE:
            return SENTENCE + 0.5, "title written as a short sentence"  # a summary is longer
        return SENTENCE, "title written as a sentence"
    if dated:
        return -1.0, "headline opening with a date"
    if len(t) <= _HEADER_MAX and rules.related_header.fullmatch(t):
        return None  # "Latest news": a sidebar's header, never the page's title
    if rules.other_title.search(t):
        return 1.0, _OWN_KIND
    if LABEL_VALUE.match(t) and rules.contact.match(t):
        return None  # "Address: 12 … Lane, Moscow": a contacts page's entry
    if len(t) <= _CONTACT_MAX and rules.contact.search(t):
        # "Press service of the Secretariat": a footer's contact line, or the heading of a contacts page
        return 0.0, "headline that reads like a contact line"
    letters = [c for c in t if c.isalpha()]
    if len(letters) >= 8 and all(c.isupper() for c in letters):
        return 1.5, _CAPITALS
    return 1.0, BARE_HEADLINE


def _prose(units: list[Unit], k: int, rules: Rules, is_nav: Test) -> bool:
    """A body unit under a title: prose, a list's header (``… the following areas:``) or a clause
    of a document's preamble (``guided by the Agreement of 6 October 2007,``)."""
    t = units[k].text
    if len(t) < LEAD_MIN or is_nav(t) or _BULLET.match(t):
        return False
    if quoted_headline(t) or _copyright_opening(t):
        return False
    # the excerpt's last unit may be cut mid-sentence
    return (t.rstrip()[-1] in ".!?…”\"»):" or k == len(units) - 1 or len(t) > 200
            or (t.rstrip()[-1] in ",;" and len(t) >= _CLAUSE_MIN))


def _copyright_opening(text: str) -> bool:
    """``© 2009-2026 … When using materials …``: the site footer's copyright, never a lead."""
    return text[:1] == "©" or text[:3].lower() == "(c)" or text[:9].lower() == "copyright"


def quoted_headline(text: str) -> bool:
    """A headline ending in a quotation (``X: "Our strength is in trust"``): a closing quotation
    mark with no sentence mark inside it, short as a title (prose ends its quoted last words with
    ``."`` or ``".``)."""
    t = text.rstrip()
    return len(t) <= SENTENCE_TITLE_MAX and t[-1:] in _CLOSING_QUOTES and t[-2:-1] not in ".!?…" and (
        t.count('"') % 2 == 0)


_CLOSING_QUOTES = "\"”»"
# what the text under a quotation headline repeats of it at least (its speaker's name, a word of the quote)
_QUOTE_LINK = 0.05
# a body this long under the lead (prose units, none a dated summary or a headline) is an
# article's text, not a sidebar item's summary
_BODY_RUN = 2
# the least share of a sentence title's words its dated lead repeats when the text runs on to the end
_WEAK_LINK = 0.15


def _body_item(t: str) -> bool:
    """A list's header (``The Permanent Council:``) or an entry (``- …``, ``1. …``) inside a text."""
    t = t.rstrip()
    return bool(t) and len(t) <= TITLE_MAX and (t.endswith(":") or bool(_BULLET.match(t)) or bool(_NUMBERED.match(t)))


def body_run(units: list[Unit], lead: int, rules: Rules, is_nav: Test) -> int:
    """How many prose units go on under the lead before anything else (a date, a dated summary,
    a headline, navigation): an article's text runs on, a teaser's summary is followed by the
    next teaser."""
    k = lead + 1
    while k < len(units) and (_prose(units, k, rules, is_nav) or _body_item(units[k].text)) and not starts_with_date(
            units[k].text, rules):
        t = units[k].text.rstrip()
        if _body_item(t):
            k += 1  # a list's header or entry goes on with the text: no teaser is like it
            continue
        if len(t) < _CUT_LEAD and t[-1] not in ".!?…”\"»)":
            # the excerpt's last line, short and open: a headline as likely as cut text - unless it
            # stops on a function word ("… in the zone of"), where no headline ends
            if k == len(units) - 1 and t.rsplit(None, 1)[-1].casefold() in rules.stop_words:
                k += 1
            break
        k += 1
    return k - lead - 1


_DATE_FIRST = re.compile(r"\d{1,2}\.\d{1,2}\.(?:19|20)\d\d(?!\d)")
_DATE_AT_END = re.compile(r"\d{1,2}\.\d{1,2}\.(?:19|20)\d\d(?:\s+\d{1,2}:\d{2})?\s*$")
# a sidebar item's summary is one sentence this long at most; its headline shorter
_ITEM_SUMMARY_MAX = 250
_ITEM_HEADLINE_MAX = 200
_ITEM_HEADLINE_WORDS = 5
_MONTH = "(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# a date alone on its line: "12.03.2025", "March 13, 2025", "13 March 2025"
_DATE_LINE = re.compile(rf"\d{{1,2}}\.\d{{1,2}}\.(?:19|20)\d\d|(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}},?)\s+(?:19|20)\d\d\.?")


def teaser_shape(text: str) -> str:
    """The sidebar item piece a unit is shaped like: ``date`` (a date line, a date glued to a one-sentence
    summary, a headline ending in its date), ``headline`` (no closing mark, no sentence inside),
    ``summary`` (one sentence), or ``""`` (a text's paragraph: two sentences or more, or longer)."""
    t = text.strip()
    m = _DATE_FIRST.match(t)
    if m is not None:
        rest = t[m.end():].strip()
        return "date" if not rest or (len(rest) <= _ITEM_SUMMARY_MAX and _sentence_count(rest) <= 1) else ""
    if len(t) > _ITEM_SUMMARY_MAX or t[-1:] in ";:" or _BULLET.match(t):
        return ""  # (a list's header and entries are a text's, no teaser is like them)
    end = _DATE_AT_END.search(t)
    if end is not None and end.start() > 0 and t[end.start() - 1].isspace():
        return "date"  # "Consultations … held in Minsk 11.03.2025"
    count = _sentence_count(t)
    if t[-1:] not in ".!?…”\"»":
        return "headline" if count == 0 and len(t) <= _ITEM_HEADLINE_MAX else ""
    return "summary" if count <= 1 else ""


def _list_piece(text: str) -> bool:
    """A list's header (``1. Information events:``) or entry (``- …``, ``… ;``)."""
    t = text.rstrip()
    return t[-1:] in ";:" or bool(_BULLET.match(t))


def _retold(headline: str, text: str, rules: Rules) -> bool:
    """``text`` repeats 30 % or more of the content words of ``headline``, a headline of more than five words."""
    if len(headline.split()) <= _ITEM_HEADLINE_WORDS:
        return False
    a = {t[:6] for t in _WORD.findall(headline.casefold()) if t not in rules.stop_words}
    b = {t[:6] for t in _WORD.findall(text.casefold()) if t not in rules.stop_words}
    return bool(a) and len(a & b) >= _DATED_LEAD_LINK * len(a)


def _sentence_count(t: str) -> int:
    return len(_SENTENCE.findall(t + " "))


def _runs_on(units: list[Unit], k: int, is_nav: Test) -> bool:
    """Unit ``k`` (two sentences or more) starts a text: under it, one-sentence paragraphs at most, then the
    page's end, its navigation, another such paragraph or the excerpt's cut last line (a teaser's summary
    is followed by the next teaser)."""
    n = len(units)
    for j in range(k + 1, n):
        below = units[j].text.rstrip()
        if is_nav(below):
            return True
        shape = teaser_shape(below)
        if not shape or (j + 1 == n and below[-1:].isalpha() and len(below) >= LEAD_MIN):
            return True
        if shape != "summary":
            return False  # a headline or a date: the next teaser
    return True  # (one-sentence paragraphs to the page's end go on with the text)


# a sidebar box's header ("Announcements", "Our events"): a few capitalised words, no mark, no figure
_BOX_HEADER = re.compile(r"[A-Z][a-z]+(?: [A-Za-z]+){0,2}")
BOX_HEADER_MAX = 30
# its items: "08.11.2018 Session of the Collective Security Council in Astana", a date glued to a headline
_BOX_ITEM = re.compile(r"\d{1,2}\.\d{1,2}\.(?:19|20)\d\d\s+[A-ZА-Я\"“«]\S*(?:\s+\S+){2,}")
_BOX_ITEMS_MIN = 2
_BOX_ITEM_MAX = 160


def box_over_dated_items(units: list[Unit], k: int) -> bool:
    """Unit ``k`` is a box's header over two or more items, each a date glued to a headline (three words or
    more, no sentence's end): a sidebar box of the site (its header the site's chrome, its items teasers)."""
    if not _BOX_HEADER.fullmatch(units[k].text):
        return False
    items = units[k + 1 : k + 1 + _BOX_ITEMS_MIN]
    return len(items) == _BOX_ITEMS_MIN and all(
        len(u.text) <= _BOX_ITEM_MAX and u.text[:1].isdigit() and not u.text.rstrip().endswith((".", "!", "?"))
        and _BOX_ITEM.match(u.text) is not None for u in items)


def sidebar_item_body(units: list[Unit], lead: int, rules: Rules, is_nav: Test, *,
                      sentence_title: bool = False) -> bool:
    """The unit ``lead`` is a sidebar item's one-sentence summary, not an Article's lead: it and every unit
    after it up to a text of the page's own (``_runs_on``, or a list, or a salutation) are shaped like
    sidebar items: two or more with a date or two headlines among them (a one-sentence lead over
    one-sentence paragraphs has no dated line, nor headline after headline), or three or more with a
    headline among them (a text's short paragraphs are sentences). Under a title that is itself one
    sentence (``sentence_title``: a summary alone) one headline among them is enough; so is a last one
    that is a headline of more than five words the text under it retells (30 % of its words) or a list's
    title (a date line or a photo credit may stand between that headline and its text)."""
    if lead >= len(units) or teaser_shape(units[lead].text) not in ("summary", "date"):
        return False
    if salutation(units[lead].text, rules):
        return False  # "Dear veterans!" under the title and its date: a speech opens, no teaser's summary
    dated = headlines = items = 0
    last = -1  # the last headline, and whether only a date line or a credit stands under it since
    for k in range(lead + 1, len(units)):
        t = units[k].text
        shape = teaser_shape(t)
        if len(t) <= _HEADER_MAX and (rules.related_header.fullmatch(t) or (
                len(t) <= BOX_HEADER_MAX and box_over_dated_items(units, k))):
            # "Most read" / "Related news" (or "Announcements" over dated headlines): the teasers under it are
            # its block's; above it, the text's own lines
            return (items >= 2 and (dated >= 1 or headlines >= 2)) or (headlines >= 1 and (items >= 3 or sentence_title))
        if shape and len(t) <= _CAPTION_MAX and rules.caption.match(t):
            continue  # a photo credit: under a title, never a teaser's piece
        if shape and salutation(t, rules):
            shape = ""  # "Excellencies, ladies and gentlemen,": a speech opens, no teaser is like it
        if not shape:
            listed = _list_piece(t)
            if len(t) < LEAD_MIN and not listed and not salutation(t, rules):
                return False
            if not listed and not _runs_on(units, k, is_nav):
                items += 1  # a long summary alone, the next item under it: a listing's, no text of the page's
                last = -1
                continue
            return (items >= 2 and (dated >= 1 or headlines >= 2)) or (
                headlines >= 1 and (items >= 3 or sentence_title)) or (last > 0 and (sentence_title or (
                len(units[last].text.split()) > _ITEM_HEADLINE_WORDS and (listed or _retold(units[last].text, t, rules)))))
        if _DATE_LINE.fullmatch(t.strip()):
            dated += 1
            continue  # (a date alone is the next item's, or the title's dateline)
        items += 1
        last = k if shape == "headline" else -1
        if shape == "date":
            dated += 1
        elif shape == "headline" and len(t.split()) > _ITEM_HEADLINE_WORDS:
            headlines += 1
    return False


_SECTION_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.\s+[A-Z]")


def mid_document(units: list[Unit]) -> bool:
    """The page opens mid-sentence (a lower-case word broken off) and a numbered section heading
    (``3. Main tasks``, no closing stop) stands under it: an excerpt from inside a long document, whose
    title the excerpt does not hold."""
    first = units[0].text.lstrip()
    if not first[:1].islower():
        return False
    return any(_SECTION_NUMBER.match(u.text) is not None and u.text.rstrip()[-1:] not in ".;:!?"
               and len(u.text) <= _SECTION_HEADING_MAX for u in units[1:])


_SECTION_HEADING_MAX = 120
_SENTENCE_RUN = 3


def sentence_run_to_end(units: list[Unit], first: int, is_nav: Test) -> int:
    """How many sentence lines (one sentence or more, closed by a stop; no headline, date, list piece or
    question among them: an interview's turns are no such text) run from unit ``first`` to the page's end
    or its navigation (the excerpt's cut last line counts as one); 0 when anything else stands among them.
    Three or more in a row are running text: a teaser has one summary, the next teaser's headline follows."""
    n = len(units)
    count = 0
    for k in range(first, n):
        t = units[k].text.rstrip()
        if is_nav(t):
            break
        if k == n - 1 and t[-1:].isalpha() and len(t) >= LEAD_MIN:
            count += 1  # the cut last line, a sentence broken off
            break
        if teaser_shape(t) not in ("summary", "") or _list_piece(t) or _NUMBERED.match(t) or t[-1:] not in ".!…”\"»":
            return 0
        count += 1
    return count


_LIST_ENTRIES = 3


def list_to_end(units: list[Unit], first: int, is_nav: Test) -> bool:
    """From unit ``first`` to the page's end or its navigation, only a list: headers ending in ``:``, ``- ``
    or numbered entries and entries ending in ``;`` (the last may close with ``.`` or be cut), three
    entries or more: a plan's or a schedule's text."""
    entries = 0
    n = len(units)
    for k in range(first, n):
        t = units[k].text.rstrip()
        if is_nav(t):
            break
        if _BULLET.match(t) or _NUMBERED.match(t) or t.endswith(";"):
            entries += 1
        elif t.endswith(":"):
            continue
        elif k == n - 1 or (k + 1 < n and is_nav(units[k + 1].text)):
            entries += 1  # the last entry, closed with "." or cut
        else:
            return False
    return entries >= _LIST_ENTRIES


def _asks(text: str, rules: Rules) -> bool:
    t = text.rstrip()
    return t.endswith("?") or (rules.question_request.match(t) is not None and t.endswith((".", "?")))


# where an interview's first questions are looked for under its title (a lead may come first)
_QA_REACH = 7


def asked_and_answered(units: list[Unit], lead: int, rules: Rules) -> bool:
    """Two or more of the units from ``lead`` on ask (``…?``, ``Tell us about ….``), each answered by
    the unit after it, which asks nothing: an interview's unnumbered questions and answers."""
    asked = 0
    for k in range(lead, min(len(units) - 1, lead + _QA_REACH)):
        if _asks(units[k].text, rules) and not _asks(units[k + 1].text, rules) and len(units[k + 1].text) >= LEAD_MIN:
            asked += 1
    return asked >= 2


_CAPS_HEADING_MAX = 100
# a sentence's end inside a line, more text after it
_INNER_STOP = re.compile(r"[a-z][.!?]\s+[A-Z]")


def capitals(text: str) -> bool:
    """A line in capitals, short as a heading, with no closing mark: ``GENERAL INFORMATION``."""
    t = text.rstrip()
    if not t or len(t) > _CAPS_HEADING_MAX or t[-1] in _CLOSERS:
        return False
    letters = [c for c in t if c.isalpha()]
    return len(letters) >= _CAPS_LETTERS and all(c.isupper() for c in letters)


_CAPS_LETTERS = 4


def _other_script(text: str) -> bool:
    """Mostly Cyrillic (a Russian subtitle under an English title)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum("\u0400" <= c <= "\u04ff" for c in letters) * 2 > len(letters)


_STAMP_CHARS = 12
_STAMP_TITLE_WORDS = 4  # a title over a stamp names its act in a few words


def approval_stamp(text: str, below: str) -> bool:
    """A document's approval stamp under its title: one word, in capitals (``APPROVED``,
    ``ADOPTED``), or capitalised over the lower-case line naming the act (``Draft`` / ``by the
    Decision of …``). A heading of the document, never its title."""
    t = text.strip()
    if not t or len(t) > _STAMP_CHARS or not t.isalpha():
        return False
    return t.isupper() or (t[:1].isupper() and below[:1].islower())


_STAMP_LINES = 3
# "Adopted at the plenary session of … on November 28, 2019" under a document's title
_ADOPTED = re.compile(r"(?:adopted|approved|signed|ratified|amended)\s+(?:at|by|in|on)\b", re.IGNORECASE)


def _stamp_line(text: str) -> bool:
    """A line of an approval stamp under ``APPROVED``: lower case, no closing mark (``by the Decision of
    the Council …``, ``of 14 October 2016``, ``No. 5``)."""
    t = text.strip()
    return (t[:1].islower() or t.startswith("No")) and len(t) <= _STAMP_LINE_MAX and not t.endswith((".", ";", ":", "!", "?"))


_STAMP_LINE_MAX = 150
_CAPTION_MAX = 120


def find_lead(units: list[Unit], i: int, rules: Rules, is_nav: Test) -> tuple[int | None, int]:
    """The first prose unit under unit ``i`` (after up to three short headings), and how many were skipped."""
    n = len(units)
    # a document's approval stamp under it ("APPROVED" / "by the Decision of …" / "of 14 October 2016"):
    # its lower-case lines count as one heading
    stamp = 0
    if i + 2 < n and approval_stamp(units[i + 1].text, units[i + 2].text):
        while i + 2 + stamp < n and stamp < _STAMP_LINES and _stamp_line(units[i + 2 + stamp].text):
            stamp += 1
    for k in range(i + 1, min(n, i + 5 + max(0, stamp - 1))):
        t = units[k].text
        if i + 2 <= k < i + 2 + stamp:
            continue
        if (k == i + 1 or (k == i + 2 and approval_stamp(units[i + 1].text, t))) and (
                t[:1].islower() or _ADOPTED.match(t)) and not t.rstrip().endswith(_CLOSERS):
            continue  # "approved by the Decision of … of 10 December 2024" under a document's title
        if _prose(units, k, rules, is_nav):
            return k, k - i - 1
        if t.rstrip().endswith(":") and k + 1 < n and _BULLET.match(units[k + 1].text):
            return k, k - i - 1  # a list's header over its "- " entries: a plan's text, no prose
        if k == i + 1 and len(t) <= _CAPTION_MAX and rules.caption.match(t):
            continue  # "Photo: press service of the Ministry of Defence" under the title: a credit, not a headline
        if section_name(t, rules, words=SECTION_NAME_MAX_WORDS):
            continue  # "CHAPTER 1. GENERAL PROVISIONS" / "Article 1. Subject of this Law": a document's sections open
        # only a short heading ("HISTORY", "The first."), a list header, a sub-heading in capitals
        # or a subtitle in another script stands between; another headline there makes this one a sidebar's
        if len(t.split()) > _HEADING_WORDS and not t.rstrip().endswith(":") and not _other_script(t) and not (
                k == i + 1 and capitals(t)):
            return None, 0
    return None, 0


_SECTION_NAME_WORDS = 6
# where a speech's first-person opening is looked for
_FIRST_SENTENCE = 120


def section_name(text: str, rules: Rules, *, words: int = 6) -> bool:
    """A document's numbered section with its name: ``CHAPTER VIII. FINAL PROVISIONS``,
    ``Article 5. Entry into force``, ``Section 2: Definitions`` (``words`` words or fewer after the number)."""
    m = rules.section_heading.match(text)
    if m is None:
        return False
    end = m.start() + len(m.group().rstrip())  # (the pattern takes the spaces after the number in)
    if end >= len(text) or (text[end - 1] not in ".:" and text[end:].lstrip()[:1] not in tuple(".:-–—")):
        return False
    return 0 < len(text[end:].strip(" .:-–—").split()) <= words


# "Article 2. Legislation of the member states on the protection of the state border": a section's
# long name is still a section's (never a title, a heading in the text)
SECTION_NAME_MAX_WORDS = 20


def short_heading(text: str) -> bool:
    """A short noun phrase: a static page's heading (``Contacts``, ``Member states``), no sentence."""
    t = text.strip()
    return (len(t) <= _NOUN_PHRASE_CHARS and len(t.split()) <= _NOUN_PHRASE_WORDS and t[:1].isupper()
            and t[-1] not in _CLOSERS and not any(c.isdigit() for c in t))


def static_body(units: list[Unit], i: int, is_nav: Test, is_date: Test) -> int | None:
    """The first unit of a list right under unit ``i`` (None: no list there): a list header
    (``Statutory bodies:``), ``- `` bullets or ``Label: value`` lines (``Address: …``,
    ``Phone: …``) first, then at least three such items or short names one a line, no date."""
    items = 0
    for k in range(i + 1, min(len(units), i + 1 + _STATIC_BODY_UNITS)):
        t = units[k].text
        if is_nav(t):
            break
        if items > _STATIC_ITEMS_MIN and t[-1:] in ".!?" and not LABEL_VALUE.match(t) and not _BULLET.match(t):
            break  # a note under the list ("Journalists are accredited by …"): the page's text goes on
        if is_date(t) or len(t) > 2 * _STATIC_ITEM_CHARS or (len(t) > _STATIC_ITEM_CHARS and not LABEL_VALUE.match(t)):
            return None  # (an "Address: …" entry may run to twice an item's length)
        marked = bool(_BULLET.match(t) or t.endswith(":") or LABEL_VALUE.match(t) or _NUMBERED.match(t))
        if k == i + 1 and not marked and not (
                t[-1] not in _CLOSERS and k + 1 < len(units) and (
                LABEL_VALUE.match(units[k + 1].text) or _NUMBERED.match(units[k + 1].text))):
            return None  # (a name line heading its "Address: …" or "1." entries, "Secretariat of the …", may open it)
        if not marked and t[-1] in ".!?":
            return None
        items += 1
    return i + 1 if items >= _STATIC_ITEMS_MIN else None


_CAPITALS = "headline in capitals"
_RUN_ON = " to the end of the page"
_STATIC = "a short heading over a list, no prose (a static page)"
_STATIC_SECTIONS_REACH = 12


def _broken_above(text: str, rules: Rules) -> bool:
    """A short line stopping on a function word (``Command and control of the``): a heading broken
    over two lines, whose second line is no title of its own."""
    t = text.rstrip()
    if len(t) > _BROKEN_HEADING_MAX or not t or t[-1] in _CLOSERS:
        return False
    words = t.split()
    return len(words) >= 2 and words[-1].casefold() in rules.stop_words


_BROKEN_HEADING_MAX = 100


def _sectioned_by_capitals(units: list[Unit], found: list[Candidate], sidebar_run: int) -> Candidate | None:
    """The page's opening heading (its first line, or the first after the shared sidebar), not in
    capitals, with a sub-heading in capitals right under it and another further on: the heading
    of a page whose sections are headed in capitals."""
    top = next((c for c in found if c.index in (0, sidebar_run) and c.score >= ACCEPT - _SECTIONED_SLACK), None)
    if top is None or capitals(units[top.index].text) or top.index + 1 >= len(units) or not capitals(
            units[top.index + 1].text):
        return None
    more = sum(1 for k in range(top.index + 2, min(len(units), top.index + _STATIC_SECTIONS_REACH))
               if capitals(units[k].text))
    return top if more >= 1 else None


_SECTIONED_SLACK = 0.5


def _teaser_above(units: list[Unit], i: int, rules: Rules) -> bool:
    """The unit above ``i`` is a sidebar's one-sentence teaser: a single short sentence (a title
    written as a sentence, not opening with a date) under a dated summary (``On 8 August 2024, …``)."""
    if i < 2:
        return False
    above = units[i - 1].text.rstrip()
    return (len(above) <= SENTENCE_TITLE_MAX and end_stop(above) and _sentences(above) == 1
            and not starts_with_date(above, rules) and starts_with_date(units[i - 2].text, rules)
            and end_stop(units[i - 2].text))


_RELATED_REACH = 12


def _under_related_header(units: list[Unit], i: int, rules: Rules) -> bool:
    """Unit ``i`` ends a run of headlines right under a related block's header (``Most read``, ``Related news``)."""
    lo = max(-1, i - 1 - _RELATED_REACH)
    if not any(len(units[k].text) <= _HEADER_MAX and rules.related_header.fullmatch(units[k].text)
               for k in range(i - 1, lo, -1)):
        return False  # (no header near: the cheap test first)
    for k in range(i - 1, lo, -1):
        t = units[k].text
        if len(t) <= _HEADER_MAX and rules.related_header.fullmatch(t):
            return True
        if teaser_shape(t) != "headline":
            return False
    return False


def _summary_above(units: list[Unit], i: int, rules: Rules) -> bool:
    """The unit above ``i`` is a sidebar teaser's summary: one sentence, not dated, under a headline
    without a closing mark (the headline + summary teasers of an undated sidebar)."""
    if i < 2:
        return False
    above, headline = units[i - 1].text.rstrip(), units[i - 2].text.rstrip()
    return (len(above) <= SENTENCE_TITLE_MAX and end_stop(above) and _sentences(above) == 1
            and not starts_with_date(above, rules) and 6 <= len(headline) <= SENTENCE_TITLE_MAX
            and headline[-1:].isalpha() and headline[:1].isupper() and len(headline.split()) > _HEADING_WORDS)


# ("Duration: 14:32", or the player's bare "04:37" / "1:03:52" alone on its line)
_DURATION = re.compile(r"(?:duration|длительность|продолжительность)\s*:?\s*\d{1,2}:\d{2}|\d{1,2}(?::\d{2}){1,2}\s*$",
                       re.IGNORECASE)
_VIDEO_TITLE_WORDS = 4


def _video_title(units: list[Unit], i: int, rules: Rules) -> bool:
    """``Video: <what it shows>`` over ``Duration 14:32``: a video page's title, not a credit line."""
    t = units[i].text.strip()
    return (i + 1 < len(units) and _DURATION.match(units[i + 1].text) is not None and t[-1:] not in _CLOSERS
            and len(t.split()) > _VIDEO_TITLE_WORDS and len(t) <= SENTENCE_TITLE_MAX and rules.caption.match(t) is not None)


# "10–16 November 2025", "17 – 21 March 2025", "from 17 to 21 March 2025": a span of days in a title
_DAY_SPAN = re.compile(r"(?:\b(\d{1,2})\s*[–—-]\s*|\bfrom (\d{1,2}) to )(\d{1,2})\s+([A-Z][a-z]+)\s+((?:19|20)\d\d)\b")
_WITHIN = "the dated lines under it fall within its title's dates"
# the dated text's own date is looked for this far into it ("On 12 November, …", "17 March, Moscow – …")
_SPAN_DATE_REACH = 40


def within_title_span(title: str, text: str) -> bool:
    """``title`` names a span of days (a week's digest or schedule) and ``text`` opens with a date in it."""
    m = _DAY_SPAN.search(title)
    if m is None or m[4].lower() not in MONTHS:
        return False
    try:
        month, year = MONTHS[m[4].lower()], int(m[5])
        first, last = dt.date(year, month, int(m[1] or m[2])), dt.date(year, month, int(m[3]))
    except ValueError:
        return False
    found = prose_dates(text[:_SPAN_DATE_REACH], reference=last, limit=1)
    return bool(found) and first <= found[0].date <= last


# "CSTO: results of August 2025", "Events of March 2024": a title naming a month
_MONTH_YEAR = re.compile(rf"\b({MONTH_NAMES})\s+((?:19|20)\d\d)\b")


def title_month(title: str) -> tuple[int, int] | None:
    """The month and year a title names (``… results of August 2025``: (8, 2025)), None when it names none."""
    m = _MONTH_YEAR.search(title)
    return None if m is None else (MONTHS[m[1].lower()], int(m[2]))


def within_title_month(title: str, text: str) -> bool:
    """``title`` names a month and its year (a month's summary) and ``text`` opens with a date in that month."""
    named = title_month(title)
    if named is None:
        return False
    month, year = named
    found = prose_dates(text[:_SPAN_DATE_REACH], reference=dt.date(year, month, 28), limit=1)
    return bool(found) and (found[0].date.year, found[0].date.month) == (year, month)


_DATED_SENTENCE = "title written as a sentence opening with a date, set apart under the sidebar"
_DATED_TITLE_MAX = 160
_LISTED_SENTENCE = "title written as one or two sentences under a dated list, set apart from its text"


def _dated_sentence_title(units: list[Unit], i: int, rules: Rules, blank_lines: Callable[[int], int]) -> bool:
    """Unit ``i``, the first line after the sidebar the corpus shares, is a title that reads like a lead (``On 15
    May, the member states celebrate …``): one sentence opening with a date, short, and set apart from the text
    under it by a wider gap than the text's own paragraphs (a lead runs on at the text's gap)."""
    t = units[i].text.strip()
    if (len(t) > _DATED_TITLE_MAX or not t.endswith(".") or _sentences(t) != 1 or not starts_with_date(t, rules)
            or i + 3 >= len(units)):
        return False
    below = blank_lines(i)
    return below >= 2 and below > blank_lines(i + 1) and below > blank_lines(i + 2)


YEAR_LINE = re.compile(r"(?:19|20)\d\d")
# a timeline: the year over the lead and this many more years alone on their lines within the next units
_TIMELINE_YEARS = 2
_TIMELINE_REACH = 6


def timeline_under(units: list[Unit], i: int, lead: int) -> bool:
    """Under unit ``i``, a timeline: a year alone on its line right over the text ``lead``, and more years alone on
    their lines, each over its own text (``1992`` / ``On 15 May, …`` / ``1999`` / ``…``): a history page's dated
    text, no sidebar's next item."""
    if lead != i + 2 or not YEAR_LINE.fullmatch(units[i + 1].text.strip()):
        return False
    return sum(1 for u in units[lead + 1 : lead + 1 + _TIMELINE_REACH]
               if YEAR_LINE.fullmatch(u.text.strip())) >= _TIMELINE_YEARS


def _sentence_title_under_dated_list(units: list[Unit], i: int, rules: Rules, blank_lines: Callable[[int], int],
                                     is_date: Test) -> bool:
    """Unit ``i``, right after a dated list's last item (a date line, then its teaser), is a title written as one
    or two short sentences (``The operation … has been completed. … were detained.``), set apart from the text under
    it by a wider gap than the text's own lines (a teaser's summary has no text of its own under it)."""
    t = units[i].text.strip()
    if (i < 2 or i + 3 >= len(units) or len(t) > _DATED_TITLE_MAX or not t.endswith(".") or not t[:1].isupper()
            or _sentences(t) > 2 or starts_with_date(t, rules) or not is_date(units[i - 2].text)
            or is_date(units[i - 1].text)):
        return False
    below = blank_lines(i)
    return below >= 1 and below > blank_lines(i + 1) and below > blank_lines(i + 2) and below < blank_lines(i - 1)


def undated_title(
    units: list[Unit], rules: Rules, *, sidebar_run: int, is_nav: Test, is_date: Test, mostly_cyrillic: Test,
    place_date: Test, blank_lines: Callable[[int], int], is_date_alone: Test | None = None,
    repeated: Callable[[int], bool] | None = None,
) -> tuple[Candidate | None, list[Candidate]]:
    """The best title candidate of a page no dated rule placed (None: no Article), and all candidates.

    The layout tests come from ``layout.py`` (which imports this module), as functions; ``repeated(k)``: with corpus
    context, other pages hold unit ``k`` right after unit ``k - 1`` (a block of the site repeated in the same order).
    """
    words = PageWords(units, rules)
    found: list[Candidate] = []
    n = len(units)
    if n and mid_document(units):
        return None, found  # an excerpt from inside a document's numbered sections: its title is cut off
    sections = roman_sections(units)
    for i in range(min(n - 1, _CANDIDATE_UNITS)):
        if i in sections:
            continue  # "II. Main tasks of the Centre": a document's section, not the page's title
        form = title_form(units[i].text, rules, is_nav=is_nav, is_date=is_date, mostly_cyrillic=mostly_cyrillic,
                          place_date=place_date)
        if form is None and _video_title(units, i, rules):
            form = (1.0, "a video's title over its duration")
        if form is None and i == sidebar_run > 0 and _dated_sentence_title(units, i, rules, blank_lines):
            form = (SENTENCE + 0.5, _DATED_SENTENCE)  # (the wider gap under it sets it apart from its text)
        if (form is None or form[0] <= SENTENCE + 0.5) and _sentence_title_under_dated_list(units, i, rules, blank_lines,
                                                                                           is_date):
            form = (SENTENCE + 2.0, _LISTED_SENTENCE)  # (the dated list above and the wider gap under it set it apart)
        if form is None:
            continue
        if i > 0 and is_date(units[i - 1].text) and (is_date_alone is None or is_date_alone(units[i - 1].text)):
            continue  # under a date line: a listing item's headline or summary
        if i > 0 and i + 1 < n and approval_stamp(units[i].text, units[i + 1].text) and (
                units[i + 1].text[:1].islower() or len(units[i - 1].text.split()) >= _STAMP_TITLE_WORDS):
            continue  # "APPROVED" under a document's title: its stamp, a heading
        if i > 0 and _broken_above(units[i - 1].text, rules) and not is_nav(units[i - 1].text):  # ("Show more")
            continue  # "Collective Forces" under "Command and control of the": a heading's second line
        if list_item_run(units, i):
            continue  # "2026 - Russian Federation" under "2025 - Kyrgyz Republic": a list's last item
        if i > 0 and _ADOPTED.match(units[i].text) and rules.document_title.search(units[i - 1].text):
            continue  # "Adopted at the plenary session … (Resolution No. …)" under a model law's title: its stamp
        if units[i].text.rstrip().endswith("?") and any(
                units[k].text.rstrip().endswith("?") for k in range(i + 2, min(n, i + 5))):
            continue  # a question answered, then the next question: an interview's turn, not its title
        if rules.question_request.match(units[i].text) and any(
                units[k].text.rstrip().endswith("?") for k in (*range(max(0, i - 4), i - 1), *range(i + 2, min(n, i + 5)))):
            continue  # "Tell us about …." between an interview's answered questions: a turn too
        if i > 0 and len(units[i - 1].text) <= _SECTION_MAX and rules.section_heading.fullmatch(units[i - 1].text):
            continue  # "GENERAL PROVISIONS" under "SECTION I": the name of a document's section
        lead, _skipped = find_lead(units, i, rules, is_nav)
        if lead is not None and not rules.document_title.search(units[i].text) and any(
                len(units[k].text) <= _SECTION_MAX and rules.section_heading.fullmatch(units[k].text)
                for k in range(i + 1, lead)):
            continue  # "Final provisions" over "Article 14": a section's name, the document's title is elsewhere
        opening = i == 0 or i == sidebar_run > 0
        if lead is None and opening and form[0] >= ACCEPT and (
                short_heading(units[i].text) or (form[1] == _OWN_KIND and len(units[i].text) <= _OWN_KIND_HEADING)):
            # ("Contact information of the CSTO Secretariat": a heading naming a page of its own kind)
            # a static page's heading over a list and no prose (contacts, member states, structure)
            body = static_body(units, i, is_nav, is_date)
            if body is not None:
                score, why = form
                reasons = [why, _STATIC]
                if i == 0:
                    score += 0.8
                    reasons.append("the page opens with it")
                else:
                    score += 1.5
                    reasons.append("first line after the sidebar other pages share")
                found.append(Candidate(i, body, score, reasons))
            continue
        if lead is None or any(is_date(units[k].text) for k in range(i + 1, lead + 1)):
            continue  # a date under it that rule B did not take: a listing's rhythm
        if parallel(units[i].text, units[lead].text):
            continue  # an item of a list over the next item
        score, why = form
        reasons = [why]
        link = 0.0 if _echo(units[i].text, units[lead].text) else words.link(i, lead)
        score += 3.0 * link
        if link >= 0.2:
            reasons.append(f"the lead under it repeats {link:.0%} of its words")
        elif i > 0 and quoted_headline(units[i].text) and link < _QUOTE_LINK:
            # 'X: "…"' over a text that names nothing of it (neither X nor the quote): a sidebar's quote teaser
            score -= 1.0
            reasons.append("a quotation headline its text retells nothing of")
        lead_text = units[lead].text
        # "Weekly digest: 10–16 November 2025" over "On 12 November, …": the dated text is its own items
        within = within_title_span(units[i].text, lead_text)
        if within:
            score += 3.0
            reasons.append(_WITHIN)
        dated_lead = False
        supported = False  # what lifts a title written as a sentence out of the prose
        if rules.document_title.search(units[i].text) and any(
                section_name(units[k].text, rules, words=SECTION_NAME_MAX_WORDS) for k in range(i + 1, lead)):
            # "Model Law …" over "CHAPTER 1. …" / "Article 1. …": a document's text opens under its title
            supported = True
            score += 1.5
            reasons.append("a document's chapters and articles open under it")
        run = body_run(units, lead, rules, is_nav)
        end = lead + 1 + run
        # (the excerpt's cut last line, short and open, which body_run leaves out, ends it too)
        to_end = run >= _BODY_RUN and (end == n or is_nav(units[end].text)
                                       or bool(rules.related_header.fullmatch(units[end].text))
                                       or (end == n - 1 and units[end].text.rstrip()[-1:].isalpha()))
        # the occasion's lead, then a speech's salutation and its text (a teaser's summary has none under it)
        speech_under = lead + 2 < n and salutation(units[lead + 1].text, rules) and not teaser_shape(units[lead + 2].text)
        # a photo's file name glued to the text under it, or alone between the two
        if rules.image_file.match(lead_text) or any(
                len(units[k].text) <= _FILE_LINE and rules.image_file.fullmatch(units[k].text) for k in range(i + 1, lead)):
            supported = True
            score += 1.5
            reasons.append("photo file name opens the text under it")
        elif starts_with_date(lead_text, rules) and not rules.first_person.search(lead_text, 0, _FIRST_SENTENCE):
            # ("Today we honour …": a speech opening in the first person, no sidebar's report)
            dated_lead = True
            # the excerpt may cut the lead after a few words: then what it shares says little
            cut_short = lead == n - 1 and len(lead_text) < _CUT_LEAD and not lead_text.rstrip().endswith(".")
            if link >= _DATED_LEAD_LINK:
                score += 0.5
                reasons.append("lead opens with a date")
            elif not within and not cut_short and not speech_under and not (to_end and i > 0 and link >= _WEAK_LINK) and not (
                    timeline_under(units, i, lead)) and not (
                    short_heading(units[i].text) and not any(
                    starts_with_date(units[k].text, rules) for k in range(lead + 1, min(n, lead + 3)))):
                # (a short noun phrase, "History", heads a static page's text, which retells nothing of
                # it; "Announcements" over dated items heads a listing)
                # a dated summary that retells little of the line above: the next sidebar item
                # (a dated lead retells its title: on the annotated pages it repeats 34-100 % of its
                # words, a sidebar's next summary 0-27 % of a headline-only teaser's)
                score -= 1.0
                reasons.append("the dated text under it is about something else")
        after = [k for k in range(lead + 1, min(n, lead + 4)) if k < n - 1 or len(units[k].text) >= 150]
        dated_after = sum(1 for k in after if starts_with_date(units[k].text, rules)
                          and units[k].text.rstrip().endswith("."))
        if after and dated_after and (within or all(within_title_month(units[i].text, units[k].text) for k in after
                                                    if starts_with_date(units[k].text, rules))):
            dated_after = 0  # the title's own dated items, not a sidebar's ("… results of August 2025")
        if after and dated_after:
            score -= 1.5 * dated_after / len(after)
            reasons.append("more dated summaries follow (a sidebar)")
        # (it starts the run: the unit above is a sidebar's item, a dated summary or a headline,
        # not a paragraph of the same text; a title that its lead hardly retells needs one above)
        # (a summary under a date line above it is a dated listing's item: its text ends there)
        starts_run = i == 0 or not (_prose(units, i - 1, rules, is_nav) and not starts_with_date(units[i - 1].text, rules)
                                    and not (i >= 2 and is_date(units[i - 2].text))
                                    and not _teaser_above(units, i, rules) and not _summary_above(units, i, rules))
        # (a title its dated lead retells little of needs the rest: written as a sentence, right
        # above the dated lead, the text running on to the page's end; a headline over a dated
        # summary it shares few words with is a sidebar's teaser - unless a wider gap under it than
        # above sets it apart from the lines above, as the site lays out a title over its text)
        gap_below = i > 0 and blank_lines(i) >= 2 and blank_lines(i) > blank_lines(i - 1)
        weak_link = to_end and i > 0 and dated_lead and ((end_stop(units[i].text) and link >= _WEAK_LINK) or gap_below)
        # (a whole short page: its first line over a dated lead that retells it and one more paragraph,
        # then the article's own footer, "Go back": a listing's item is followed by the next one or a pager)
        # (or the excerpt cut inside that paragraph, after a sentence of it: a headline has none)
        # (body_run leaves a short cut last line out)
        cut_end = (end >= n - 1 and lead < n - 1 and units[-1].text.rstrip()[-1:].isalpha()
                   and _INNER_STOP.search(units[-1].text) is not None)
        short_page = (i == 0 or starts_run) and dated_lead and link >= _DATED_LEAD_LINK and (
            (run >= 1 and end < n and rules.article_nav.fullmatch(units[end].text) is not None) or cut_end)
        if (run >= _BODY_RUN or short_page) and not dated_after and starts_run and (link >= _DATED_LEAD_LINK or weak_link):
            # the text goes on under the lead: an article, not a sidebar item's summary
            supported = True
            # (a short page's text ends at its own footer: it runs on to the end as much)
            score += 1.5 if to_end or short_page else 1.0
            reasons.append(f"the text goes on under the lead ({run} more paragraphs"
                           + (_RUN_ON + ")" if to_end or short_page else ")"))
        # an undated lead that retells it, and the text running from there to the page's end or its
        # navigation: a title written as a sentence under a sidebar of sentences (a sidebar's next
        # item retells 0-14 % of the one above it)
        if (not supported and not dated_lead and not dated_after and run >= 1 and link >= _DATED_LEAD_LINK
                and units[i].text.rstrip().endswith(".") and not rules.question_prefix.match(units[i].text)
                and (end == n or is_nav(units[end].text) or (end == n - 1 and units[end].text.rstrip()[-1:].isalpha()))):
            supported = True
            score += 1.0
            reasons.append("the undated text under it retells it and runs on to the page's end")
        if not supported and speech_under and not dated_after:
            supported = True
            score += 1.5
            reasons.append("a speech's salutation and text follow its lead")
        # a plan or a schedule under it, its entries running on to the page's end (a teaser has none)
        if not supported and list_to_end(units, lead, is_nav):
            supported = True
            score += 2.0
            reasons.append("a list under it runs on" + _RUN_ON)
        # a headline over three or more sentence lines in a row running to the page's end: a text's
        # paragraphs, not a sidebar's pairs (a teaser has one summary, the next headline under it); under
        # a dated sidebar a dated lead that retells little of it may be another page's summary
        if (not supported and not dated_after and i > 0 and lead == i + 1 and teaser_shape(units[i].text) == "headline"
                and sentence_run_to_end(units, lead, is_nav) >= _SENTENCE_RUN and not (dated_lead and any(
                    is_date(units[k].text) or starts_with_date(units[k].text, rules) for k in range(i)))):
            supported = True
            score += 2.0
            reasons.append("sentence paragraphs run under it" + _RUN_ON + ")")
        # an interview's title over its questions and answers (unnumbered), to the page's end: the
        # Article, not a sidebar's headline (a teaser's summary asks nothing)
        if (not supported and not dated_after and rules.interview_title.search(units[i].text) is not None
                and asked_and_answered(units, lead, rules)):
            supported = True
            score += 2.0
            reasons.append("questions and answers follow it (an interview" + _RUN_ON + ")")
        # the page's first line, or a wider gap: support for a sentence title, unless a dated
        # summary follows it (one-sentence teasers head sidebars of dated summaries)
        if i == 0:
            supported = supported or not dated_lead
            score += 0.8
            reasons.append("the page opens with it")
            if i + 3 < n and list_item_run(units, i + 3):
                # "1992 - …" / "1994 - …" / "1999 - …" right under it: a page of items under its heading
                score += 1.0
                reasons.append("numbered items follow it")
        else:
            before, below = blank_lines(i - 1), blank_lines(i)
            if below >= 2 and below > before:
                supported = supported or not dated_lead
                score += 0.5
                reasons.append("set off by a wider gap below")
        # a dated lead retells it, or it opens the text after the sidebar the corpus shares
        supported = supported or within or (dated_lead and link >= _RETOLD) or (
            i == sidebar_run > 0 and (not dated_lead or link >= _DATED_LEAD_LINK)) or form[1] == _LISTED_SENTENCE
        if form[0] < 0 and end_stop(units[i].text) and not supported:
            continue  # a sentence among sentences: nothing says it heads the text
        if sidebar_item_body(units, lead, rules, is_nav, sentence_title=teaser_shape(units[i].text) == "summary"):
            continue  # one summary, more sidebar items under it, then a text of the page's own: a teaser
        if link < _DATED_LEAD_LINK and _under_related_header(units, i, rules):
            continue  # "Most read" / headline / headline / this: the block's last item over a text it does not announce
        if repeated is not None and i > sidebar_run + 1 and all(repeated(k) for k in range(i - 2, i + 1)) and not repeated(lead):
            # the last of three or more lines other pages hold in the same order ("Most read" and its headlines),
            # the line under it not: an item of a block the site repeats, not a title (its own text goes with it)
            continue
        if sidebar_run:
            if i < sidebar_run:
                score -= 3.0
                reasons.append("shared with other pages (sidebar)")
            elif i == sidebar_run and not (dated_lead and dated_after and link < _DATED_LEAD_LINK):
                # (a headline over a dated summary about something else and more dated summaries: a second run
                # of teasers, the excerpt cut before the Article; what the corpus shares above says nothing of it)
                score += 1.5
                reasons.append("first line after the sidebar other pages share")
        found.append(Candidate(i, lead, score, reasons))
    if not found:
        return None, found
    best = max(found, key=lambda c: (c.score, -c.index))
    if best.score < ACCEPT:
        return None, found
    # "The CSTO today" opening a static page, its list under it, then "STATUTORY BODIES" over prose:
    # a section of the page in capitals, the page's heading is its title
    # "Joint Staff" over "On 12 November, …" inside "Weekly digest: 10–16 November 2025": a section of the digest
    if best.lead is not None:
        span = next((c for c in found if c.index < best.index and c.score >= ACCEPT and _WITHIN in c.reasons
                     and within_title_span(units[c.index].text, units[best.lead].text)), None)
        if span is not None:
            best = span
    if _CAPITALS in best.reasons[:1]:
        top = next((c for c in found if c.index == 0 and _STATIC in c.reasons and c.score >= ACCEPT), None)
        if top is not None and best.index - top.index <= _STATIC_SECTIONS_REACH:
            top.reasons.append("sections in capitals follow its list")
            best = top
    # "Scientific Council" / (a line of spaces) / "GENERAL INFORMATION" / text / "COMPOSITION" / text: the
    # sub-headings in capitals right under the page's opening heading are its Article's sections
    sectioned = _sectioned_by_capitals(units, found, sidebar_run)
    if sectioned is not None:
        if best is not sectioned and _CAPITALS in best.reasons[:1]:
            sectioned.reasons.append("sub-headings in capitals follow it")
            best = sectioned
        found = [c for c in found if c is best or _CAPITALS not in c.reasons[:1]]
    # "TREATY, dated May 15, 1992" then "TREATY" as the text's own heading: the first is the title
    for c in found:
        if c.index < best.index <= c.index + 3 and c.lead == best.lead and c.score >= ACCEPT - 0.5 and (
                _norm(units[c.index].text).startswith(_norm(units[best.index].text))):
            c.reasons.append("the heading under it repeats its start")
            best = c
            break
    # headline, summary, headline, summary …: a listing of items, not one Article
    # (a headline with no text after its dated summary, like the others, is one more item)
    pair = best.lead == best.index + 1 and starts_with_date(units[best.lead].text, rules) and body_run(
        units, best.lead, rules, is_nav) < _BODY_RUN
    # (items of the sidebar the corpus shares are no listing's; nor are the items above a title
    # whose text runs on under its lead to the page's end: a listing's item has one summary)
    run_on = any(r.endswith(_RUN_ON + ")") for r in best.reasons)
    # a photo credit between the title and its lead: a sidebar's or listing's items have none
    credited = best.lead is not None and any(
        len(units[k].text) <= _CAPTION_MAX and rules.caption.match(units[k].text) for k in range(best.index + 1, best.lead))
    items = [c for c in found if c is not best and (c.score >= ACCEPT or (
        pair and c.lead == c.index + 1 and starts_with_date(units[c.lead].text, rules)))
             and len(units[c.index].text.split()) > _HEADING_WORDS and not units[c.index].text.rstrip().endswith(".")
             and not (best.index >= sidebar_run and (c.index < sidebar_run or ((run_on or credited) and c.index < best.index)))]
    if len(items) >= 2:
        return None, found
    return best, found

