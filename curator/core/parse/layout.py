"""Where the page's main Article starts and ends; everything else is teaser or boilerplate."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from curator.core.parse.dates import MONTH_NAMES, NUMERIC_DATE, numeric_date, prose_dates
from curator.core.parse.people import INITIALS, SURNAME
from curator.core.parse.rules import TABLE_ROWS, Rules
from curator.core.parse.titles import (
    BOX_HEADER_MAX,
    box_over_dated_items,
    LABEL_VALUE,
    MEDIA_COUNT,
    approval_stamp,
    count_row,
    media_count,
    salutation,
    short_heading,
    sidebar_item_body,
    starts_with_date,
    teaser_shape,
    undated_title,
    within_title_span,
)
from curator.core.parse.units import Unit, norm_key, pair_hash, passage_hash

DATE_ONLY = re.compile(r"\d{1,2}\.\d{1,2}\.(?:19|20)\d\d")
DATE_FIRST = re.compile(r"(\d{1,2}\.\d{1,2}\.(?:19|20)\d\d)(?!\d)")
DOWNLOAD = re.compile(r"\s*(?:download|скачать)\b", re.IGNORECASE)
NUMBERED_QUESTION = re.compile(r"\d{1,2}[.)]\s+\S")
DASH_TURN = re.compile(r"[—–―]\s*|-\s+")
_ELLIPSIS_TAIL = re.compile(r"[\s.…]+$")
_CUT_MARKS = ("...", "…")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")
_CLOCK = re.compile(r"\s*\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
_DATE_AT_END = re.compile(r"\d{1,2}\.\d{1,2}\.(?:19|20)\d\d(?:\s+\d{1,2}:\d{2})?\s*$")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
TITLE_MAX = 400
# a title written as sentences is short (longer sentence units are summaries); titles.py too
SENTENCE_TITLE_MAX = 220
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
# a shared passage this short, right before the footer, is taken for footer
_SHARED_FOOTER_MAX = 100
_SHARED_MIN_DOCS = 3
_PLACE_DATE_MAX = 60
_PLACE_DATE_EXTRA = re.compile(r"\([A-Z][\w-]{1,15}(?: [A-Z][\w-]{1,15})?\)|\b\d{1,2}:\d{2}\b")
_PLACE_SMALL_WORDS = frozenset({"city", "year"})
_REPUBLIC_OF = re.compile(r"\bRepublic of ")
# a subtitle between a title and its dated repeat is a line of at most this many characters
_SUBTITLE_MAX = 200
# a line of this many capitalised names, no punctuation and few function words is a flattened menu
_MENU_CHARS = 40
# the items every site menu has, capitalised as menu items are (a headline holds one at most)
_MENU_ITEM_NAMES = frozenset(("Home", "Main", "News", "Documents", "Contacts", "About", "Structure", "Photo", "Video",
                         "Multimedia", "Search", "Links", "Announcements", "Gallery", "Sitemap"))
_MENU_ITEM_NAMES_MIN = 3
_MENU_WORDS = 6
_MENU_STOP_SHARE = 0.1
_MENU_LONG = 200
# a menu laid out one item a line: at least this many lines of a few words each
_MENU_RUN = 3
_MENU_ITEM_WORDS = 3
_MENU_ITEM_CHARS = 30
# "Title 24.05.20": a repeat cut inside its date
_PARTIAL_DATE_TAIL = re.compile(r"\s+[\d.:]*$")
# an excerpt's last unit shorter than this, under a headline, is a lead cut off at once
_CUT_TAIL = 40
_CUT_TITLE_WORDS = 4
_PLACE_WORDS = 3
_MONTH_NAME = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b")
# month-day lines without a year are read against any year (only the line's form matters here)
_ANY_YEAR = dt.date(2000, 12, 31)


@dataclass
class Layout:
    """Unit indices of the Article: title, dateline units, first body unit, end (exclusive)."""

    title: int | None = None
    datelines: tuple[int, ...] = ()
    body: int = 0
    end: int = 0
    # a dateline glued to the lead: split the unit at this offset (absolute code point)
    split_at: int | None = None
    # which rule placed the Article, and the evidence it saw (Article.reasons)
    rule: str = ""
    reasons: list[str] = field(default_factory=list)
    # the undated rule's score (log-odds units); None for the dated rules
    score: float | None = None
    # units between the title and the dateline (a subtitle in another script): headings
    subtitles: tuple[int, ...] = ()


# "28.11.2024 | 46 photos": a dated album's line in a gallery's listing
_DATED_COUNT = re.compile(r"\d{1,2}\.\d{1,2}\.(?:19|20)\d\d\s*[|/,·•–-]?\s*" + MEDIA_COUNT.pattern + r"\s*",
                          re.IGNORECASE)


def _dated_count(text: str) -> bool:
    return text[:1].isdigit() and _DATED_COUNT.fullmatch(text) is not None


def is_date_unit(text: str) -> bool:
    """``DD.MM.YYYY`` alone, or followed by ``Download document …``."""
    m = DATE_FIRST.match(text)
    if m is None:
        return False
    rest = text[m.end() :]
    clock = _CLOCK.match(rest)
    if clock:
        rest = rest[clock.end() :]
    return not rest.strip() or bool(DOWNLOAD.match(rest))


_MONTHS = MONTH_NAMES  # an English month name (the alternation dates.py keeps)
# "June 5, 2024" / "5 June 2024" alone on a line: a dated sidebar's date in words
_MONTH_DATE_ALONE = re.compile(rf"(?:\d{{1,2}}\s+{_MONTHS}|{_MONTHS}\s+\d{{1,2}},?)\s+(?:19|20)\d\d\.?")


def month_date_alone(text: str) -> bool:
    """``June 5, 2024`` (or ``5 June 2024``) and nothing else: a sidebar item's date written in words."""
    return len(text) <= _MONTH_DATE_ALONE_MAX and _MONTH_DATE_ALONE.fullmatch(text.strip()) is not None


_MONTH_DATE_ALONE_MAX = 24


def date_line(text: str) -> bool:
    """A date alone on its line, in figures (``is_date_unit``) or in words (``month_date_alone``)."""
    return is_date_unit(text) or month_date_alone(text)


def glued_rest(text: str) -> int | None:
    """Offset (in ``text``) of a lead glued after a leading ``DD.MM.YYYY``, or None."""
    m = DATE_FIRST.match(text)
    if m is None or is_date_unit(text):
        return None
    end = m.end()
    clock = _CLOCK.match(text, end)
    if clock:
        end = clock.end()
    rest = text[end:]
    if _BAR_RUBRIC.fullmatch(rest):
        return None  # "03.07.2025 | News of the Secretariat": the date and the page's rubric, no lead glued on
    skip = len(rest) - len(rest.lstrip())
    return end + skip if len(rest.strip()) >= 20 else None


# "| News of the Secretariat" after a dateline's date: a rubric (a few words, no digits, no sentence's end)
_BAR_RUBRIC = re.compile(r"\s*\|\s*[A-Z][A-Za-z'’-]*(?:\s+[A-Za-z'’-]+){0,4}\s*")


# lines whose answers ``_LineMemo`` keeps (then it forgets them all and starts again)
LINE_MEMO_MAX = 4096


class _LineMemo:
    """A line predicate's answers for one Rules (``state``: the Rules and its answers, replaced together, so
    a thread never reads one Rules' answer for another's). A site's menus, footers and sidebars repeat on
    every page: on 800 generated pages 35 % of ``_title_like``'s calls and 76 % of ``is_boilerplate``'s
    asked about a line asked before. Measured, compiled, 1,500 generated pages with their context, best of 5,
    five alternated pairs: the parser proper 0.713 -> 0.680 CPU-s (median; per pair -6 %, median)."""

    __slots__ = ("state",)

    def __init__(self) -> None:
        self.state: tuple[Rules | None, dict[str, bool]] = (None, {})

    def get(self, text: str, rules: Rules) -> bool | None:
        state = self.state
        return state[1].get(text) if state[0] is rules else None

    def put(self, text: str, rules: Rules, answer: bool) -> None:
        state = self.state
        if state[0] is not rules or len(state[1]) >= LINE_MEMO_MAX:
            state = self.state = (rules, {})
        state[1][text] = answer


_TITLE_STRICT, _TITLE_LOOSE = _LineMemo(), _LineMemo()


def _title_like(text: str, rules: Rules, *, strict: bool) -> bool:
    if not 6 <= len(text) <= TITLE_MAX:
        return False
    memo = _TITLE_STRICT if strict else _TITLE_LOOSE
    known = memo.get(text, rules)
    if known is not None:
        return known
    answer = _title_like_of(text, rules, strict)
    memo.put(text, rules, answer)
    return answer


def _title_like_of(text: str, rules: Rules, strict: bool) -> bool:
    if not 6 <= len(text) <= TITLE_MAX:
        return False
    if strict:
        # (every test here only refuses: the cheap one that refuses most units of a text goes first)
        tail = text.rstrip()
        if tail.endswith((".", "!", ";", ",", ":")) and not tail.endswith(("...", "…")):
            return False
    if DATE_FIRST.match(text) or DASH_TURN.match(text):
        return False
    if rules.nav.fullmatch(text) or not _LETTER.search(text):
        return False
    if len(text) < _MENU_CHARS and menu_line(text, rules):
        return False  # "Home News Contacts"
    if len(text) <= 90 and "." in text[-6:] and rules.file_name.fullmatch(text):
        return False  # "Annex 2.pdf"
    if media_count(text, rules):
        return False  # "12 photos": a photo album's count in a gallery's listing
    if count_row(text):
        return False  # "Republic of Armenia – 5 representatives": a counted list's row
    if text[:1] in _CONTACT_FIRST and _CONTACT_LABEL.match(text):
        return False  # "E-mail: …", "Phone: …": a contacts page's entry, never a title over a date
    return not (strict and NUMBERED_QUESTION.match(text))


_CONTACT_FIRST = frozenset("aAPTFEWRHLM")


def _sentence_title(text: str, rules: Rules) -> bool:
    """A title written as one or two short sentences (``… in Dushanbe.``): not a summary, which
    is longer or opens with its date like a lead."""
    t = text.rstrip()
    return (_title_like(t, rules, strict=False) and t.endswith((".", "!")) and not t.endswith(("...", "…"))
            and len(t) <= SENTENCE_TITLE_MAX and len(_SENTENCE_END.findall(t + " ")) <= 2
            and t.lstrip("«“\"'(„")[:1].isupper() and not starts_with_date(t, rules)
            and not NUMBERED_QUESTION.match(t))


# a title written as a sentence right above a question or salutation is short (a lead there is longer)
_OPENING_SENTENCE_MAX = 100


def _opening_title(units: list[Unit], i: int, rules: Rules) -> bool:
    """Unit ``i`` may be the title of a text that opens right under it (a question, a salutation):
    a headline, or a short sentence that is not itself the lead under a title (the line above it
    is neither a headline nor such a sentence)."""
    t = units[i].text
    if _title_like(t, rules, strict=True):
        return True
    if len(t) > _OPENING_SENTENCE_MAX or not _sentence_title(t, rules) or (
            salutation(t, rules)):
        return False  # a lead above the first question is longer; "Dear Nikolai Platonovich!" is no title
    if i > 0 and _anchored_title(units[i - 1].text, rules):
        return False
    # a sentence after the dialogue has begun is an answer's paragraph ("In addition, …")
    return not any(DASH_TURN.match(units[k].text) or NUMBERED_QUESTION.match(units[k].text) for k in range(i))


def _prefixed_interview(units: list[Unit], rules: Rules) -> Layout | None:
    """D3: a title, at most one paragraph of lead, then a ``Question: …?`` turn answered by an ``Answer: …`` one (or
    ``Q:`` / ``A:``): the interview's Article, whatever sidebar stands above it (the turns' prefixes say what the
    page is; the first such turn's title is the line over the lead)."""
    n = len(units)
    q = next((k for k in range(1, n - 1) if "?" in units[k].text[:600] and rules.question_prefix.match(units[k].text)
              and rules.answer_prefix.match(units[k + 1].text)), None)
    if q is None:
        return None
    for i in (q - 1, q - 2):
        if i < 0 or (i == q - 2 and not _prose(units[q - 1].text, rules)):
            continue
        if rules.question_prefix.match(units[i].text) or rules.answer_prefix.match(units[i].text):
            return None  # (a turn over the question: the dialogue began higher up)
        if not _opening_title(units, i, rules) or (i > 0 and is_date_unit(units[i - 1].text)):
            continue
        return Layout(i, (), i + 1, n, rule="question", reasons=["title over an interview's prefixed question and answer"])
    return None


_CHROME_LINE_MAX = 160
_PHOTO_CREDIT = re.compile(r"(?:photos?|фото)\s*[:.]|photos? (?:by|courtesy of)\s", re.IGNORECASE)


def title_chrome(text: str, rules: Rules) -> bool:
    """A photo credit (``Photo: press service of …``, ``Photo by …``) or a download line (``Download (PDF, 220 KB)``):
    a line of the page's chrome that may stand between a title and its date, never the title."""
    t = text.strip()
    # ("Video: …" may title a video's page: only a photo's credit)
    return len(t) <= _CHROME_LINE_MAX and (_PHOTO_CREDIT.match(t) is not None or DOWNLOAD.match(t) is not None)


def _anchored_title(text: str, rules: Rules) -> bool:
    """A title a date, a question or a salutation under it may anchor: a headline or a short sentence."""
    if media_count(text, rules):
        return False  # "Photo: … 12 photos": a gallery album's credit and count
    return _title_like(text, rules, strict=True) or _sentence_title(text, rules)


def _same_title(title: str, head: str) -> bool:
    """``head`` (dateline text before its date) repeats ``title``, allowing ``...`` truncation."""
    t = norm_key(title)
    h = norm_key(head)
    if not t or not h:
        return False
    if t == h:
        return True
    t_cut = _ELLIPSIS_TAIL.sub("", t)
    h_cut = _ELLIPSIS_TAIL.sub("", h)
    prefix = len(t_cut) >= 8 and len(h_cut) >= 8 and (h_cut.startswith(t_cut) or t_cut.startswith(h_cut))
    # one side truncated ("…"; a full stop is no cut) or a trailing mark dropped; never a long extra tail
    if prefix and (t.endswith(_CUT_MARKS) or h.endswith(_CUT_MARKS) or abs(len(t_cut) - len(h_cut)) <= 3):
        return True
    if abs(len(t) - len(h)) <= max(3, len(t) // 10) and len(t) <= TITLE_MAX:
        return fuzz.ratio(t, h) >= 92
    return False


def _head(s: str) -> str:
    return " ".join(s[:24].split()).casefold()[:8]


def _dateline_split(u: Unit, date_end: int) -> int | None:
    """Absolute offset where a lead glued after the dateline's date starts, or None."""
    rest = u.text[date_end:]
    clock = _CLOCK.match(rest)
    if clock:  # "08.11.2023 12:30" keeps its time in the dateline
        date_end += clock.end()
        rest = rest[clock.end() :]
    if len(rest.strip()) < 20 or DOWNLOAD.match(rest):
        return None
    skip = len(rest) - len(rest.lstrip())
    return u.start + date_end + skip


def _items_before(units: list[Unit], i: int, rules: Rules) -> int:
    """How many headline, date, summary items run right before unit ``i``."""
    count = 0
    while i >= 3 and is_date_unit(units[i - 2].text) and _title_like(units[i - 3].text, rules, strict=True):
        count += 1
        i -= 3
    return count


def _dated_items_before(units: list[Unit], i: int, rules: Rules) -> list[int]:
    """The summaries of the dated items running right before unit ``i`` (a date line, then one
    unit; a headline may stand over the date), nearest first: a listing of dated news."""
    found: list[int] = []
    k = i
    while k >= 1:
        if glued_rest(units[k - 1].text) is not None:
            found.append(k - 1)  # "15.10.2025On 14 October, …": the date glued to its summary
            k -= 1
            continue
        if not (k >= 2 and is_date_unit(units[k - 2].text) and not is_date_unit(units[k - 1].text)):
            break
        found.append(k - 1)
        k -= 2
        if k >= 2 and not is_date_unit(units[k - 2].text) and _title_like(units[k - 1].text, rules, strict=True):
            k -= 1  # the item's headline over its date
    return found


# a listing's items are alike: the last item's summary is no longer than this many times its longest
_ITEM_LENGTH = 1.5
# this many dated items before a headline make a listing of it
_LISTING_ITEMS = 2


def last_listing_item(units: list[Unit], i: int, summary: int, rules: Rules) -> bool:
    """Unit ``i`` (a headline) with its summary ``summary`` is one more item of the dated listing
    right above it: two or more dated items before it, a summary no longer than theirs, and after
    it the page's end, navigation, the next dated item or the next headline over its date."""
    if len(units[i].text.split()) <= _SECTION_HEADING_WORDS:
        return False  # "Statements" over its introduction: a section's heading, not an item's headline
    summaries = _dated_items_before(units, i, rules)
    if len(summaries) < _LISTING_ITEMS:
        return False
    text = units[summary].text
    if len(text) > _ITEM_LENGTH * max(len(units[k].text) for k in summaries):
        return False
    if 2 * sum(starts_with_date(units[k].text, rules) for k in summaries) > len(summaries) and not (
            starts_with_date(text, rules)):
        return False  # the items' summaries open with their dates ("On 14 October, …"); this one does not
    k = summary + 1
    return k >= len(units) or is_nav(units[k].text, rules) or is_date_unit(units[k].text) or (
        _item_ends(units, k, rules))


def _item_ends(units: list[Unit], k: int, rules: Rules, *, items_before: int = 2) -> bool:
    """After a listing item's summary (unit ``k`` onwards) comes the end, navigation or another item."""
    if k >= len(units):
        return True
    if is_nav(units[k].text, rules):
        # "Go back" closes an article page, so after a single sidebar item the last one is
        # the article; a longer run of items is a listing whatever its footer says
        return items_before >= 2 or rules.article_nav.fullmatch(units[k].text) is None
    return k + 1 < len(units) and _title_like(units[k].text, rules, strict=True) and is_date_unit(units[k + 1].text)


def place_date_line(text: str) -> bool:
    """A short line that is a place and a month-name date: ``May 19, 2021, Dushanbe``, ``Moscow, 7 October 2020``,
    ``December 21``."""
    if len(text) > _PLACE_DATE_MAX:
        return False
    if _MONTH_NAME.search(text):
        found = prose_dates(text, reference=_ANY_YEAR, limit=1)
        if not found:
            return False
        start, end = found[0].start, found[0].end
    else:
        # "Yerevan, 23.11.2022": a place and the numeric date, the place first
        m = NUMERIC_DATE.search(text)
        if m is None or not text[:1].isalpha():
            return False
        start, end = m.start(), m.end()
    # a news agency in brackets ("(TASS)") and a time ("14:00") may go with it
    rest = _PLACE_DATE_EXTRA.sub(" ", text[:start] + " " + text[end:]).strip(" ,.()–-")
    # "Minsk, Republic of Belarus", "Astana city": a place's own small words are no sentence
    words = [w for w in _REPUBLIC_OF.sub("Republic ", rest).replace(",", " ").split() if w not in _PLACE_SMALL_WORDS]
    return len(words) <= _PLACE_WORDS and all(w[:1].isupper() for w in words)


def month_date(text: str) -> dt.date | None:
    """The year-bearing month-name date of a place/date line, or None."""
    found = prose_dates(text, reference=None, limit=1)
    return found[0].date if found and found[0].explicit_year else None


def _blank_lines(units: list[Unit], text: str):
    def blank_lines(k: int) -> int:
        if not text or k + 1 >= len(units):
            return 0
        return max(0, text.count("\n", units[k].end, units[k + 1].start) - 1)

    return blank_lines


def _english_title_above(units: list[Unit], layout: Layout, rules: Rules, cyrillic_page: bool) -> Layout:
    """A title in another script under an English one (a Russian subtitle): the English line is the title."""
    i = layout.title
    if (i is None or i == 0 or cyrillic_page or not mostly_cyrillic(units[i].text)
            or not _title_like(units[i - 1].text, rules, strict=True) or mostly_cyrillic(units[i - 1].text)):
        return layout
    layout.title, layout.subtitles = i - 1, (i,)
    layout.reasons.append("subtitle in another script under the title")
    return layout


def find_article(units: list[Unit], rules: Rules, shared: Shared | None = None, text: str = "") -> Layout | None:
    """Find the main Article's title and dateline by page structure (first matching rule wins)."""
    found = _find_article(units, rules, shared, text)
    if found is None or found.rule in ("undated", "cut-title"):
        # a document's heading over its own text, which the undated rule missed or took a sidebar's
        # headline over (a document has no lead to retell its title)
        doc = _document_page(units, rules)
        if doc is not None and doc.title is not None and (found is None or (
                found.title != doc.title and found.title is not None and (
                    not rules.document_title.search(units[found.title].text)
                    # (the preamble under "DECISION" / "of the … Council", which names the Charter: the header's text)
                    or doc.title < found.title <= doc.body + _DOC_EVIDENCE_REACH))):
            return doc
    if found is not None and found.title is not None and not found.datelines and found.rule not in (
            "biography", "static", "list"):
        return _titled_by_sentence(units, _speaker_header_above(units, found, rules), rules)
    if (found is not None and found.rule == "month-date" and found.title is not None and len(found.datelines) == 1
            and _header_line(units[found.title].text, rules)):
        # "Speech by the Secretary General …" / "Imangali Tasmagambetov" / "Moscow, 12 March 2026" under the
        # speech's title: the name over the place and date is the header's, the headline above it the title
        at = found.datelines[0]
        header = _speaker_header_above(units, Layout(at, (), found.body, found.end, rule=found.rule,
                                                     reasons=found.reasons, score=found.score), rules)
        if header.title != at:
            return header
    return found


# a date written with its month's name and a year ("on 14 March 2025", "on March 14, 2025")
_WORDED_DATE = re.compile(rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}|{_MONTHS}\s+\d{{1,2}},?)\s+(?:19|20)\d\d\b")


def _dated_sentence(text: str, rules: Rules) -> bool:
    """A title written as a sentence that dates its report in words (never opening with the date: a lead)."""
    return _sentence_title(text, rules) and _WORDED_DATE.search(text) is not None


def _titled_by_sentence(units: list[Unit], layout: Layout, rules: Rules) -> Layout:
    """A sentence with a date in words over a heading in capitals is the title (a title may end in a
    period): the capitals are the first heading of its text, and a headline above the sentence a teaser."""
    i = layout.title
    assert i is not None
    n = len(units)
    if (_CAPS_HEADING.fullmatch(units[i].text.strip()) and i > 0 and _dated_sentence(units[i - 1].text, rules)
            and i + 1 < n and _prose(units[i + 1].text, rules)):
        top = i - 1  # the capitals taken for the title, the sentence above them for a teaser
    elif (i > 0 and i + 3 <= n and layout.body == i + 1 and _dated_sentence(units[i + 1].text, rules)
          and _CAPS_HEADING.fullmatch(units[i + 2].text.strip()) and _prose(units[i + 3].text, rules)):
        top = i + 1  # a sidebar's headline over the sentence
    else:
        return layout
    return Layout(top, (), top + 1, max(layout.end, top + 1), rule=layout.rule,
                  reasons=[*layout.reasons, "a sentence dated in words over a heading in capitals"], score=layout.score)


# a speech's speaker header under its title: a name line ("Rustam Karimov", "KARIMOV Rustam Ilyasovich",
# "R.I. Karimov"), then an office line ("Deputy Secretary General of the …": a role word first, no stop)
_OFFICE_LINE_MAX = 200
_PERSON_LINE = re.compile(rf"{INITIALS}{SURNAME}")


def person_line(text: str, rules: Rules) -> bool:
    """A line that is a person's name alone (plainly written, surname in capitals, or initials)."""
    t = text.strip()
    if _CAPS_SURNAME_NAME.fullmatch(t) or _PERSON_LINE.fullmatch(t):
        return True
    return (_PLAIN_NAME.fullmatch(t) is not None and rules.role_before.search(t) is None
            and not any(w in rules.non_name_words for w in t.split()))


def office_line(text: str, rules: Rules) -> bool:
    """A line naming an office alone: a role word first, no closing stop, no date."""
    t = text.strip()
    return (len(t) <= _OFFICE_LINE_MAX and t[-1:] not in ".!?;:," and rules.role_before.match(t) is not None
            and not any(c.isdigit() for c in t))


def _speaker_header_above(units: list[Unit], layout: Layout, rules: Rules) -> Layout:
    """The title placed on a speech's speaker header (its name line or its office line): the headline
    above the header is the title, the header's two lines its headings."""
    i = layout.title
    assert i is not None
    n = len(units)
    if not _header_line(units[i].text, rules):
        return layout
    # the header's lines around the title taken: a name, an office and the occasion, in any order, three at most
    # (or with the place and date it was given: "Speech by X," / "Secretary General of …," / "Minsk, 12 March 2026")
    lo = hi = i
    while lo > 0 and hi - lo + 1 < _HEADER_LINES and _header_line(units[lo - 1].text, rules):
        lo -= 1
    while hi + 1 < n and hi - lo + 1 < _HEADER_LINES and _header_line(units[hi + 1].text, rules):
        hi += 1
    block = [units[k].text.strip().rstrip(",").rstrip() for k in range(lo, hi + 1)]
    named = any(person_line(t, rules) or SPEECH_BY.fullmatch(t) for t in block)
    placed = any(place_date_line(t) or _PLACE_MONTH.fullmatch(t) for t in block)
    if not (named and any(office_line(t, rules) for t in block)) and not (
            len(block) == _HEADER_LINES and named and any(_occasion_line(t) for t in block)) and not (
            len(block) >= 2 and placed and (named or any(_occasion_line(t) and _NAMED.search(t) for t in block))):
        return layout  # (a name over an office, or a full header of three lines)
    top = lo - 1
    if top < 0:
        return layout
    head = units[top].text
    if not _title_like(head, rules, strict=True) or (top > 0 and is_date_unit(units[top - 1].text)):
        return layout
    first = units[hi + 1].text if hi + 1 < n else ""
    if not (rules.speech_title.search(head) or salutation(first, rules) or rules.first_person.search(first)):
        return layout  # (a sidebar's headline over a name and an office: no speech's title)
    return Layout(top, (), max(layout.body, hi + 1), layout.end, rule=layout.rule, subtitles=tuple(range(lo, hi + 1)),
                  reasons=[*layout.reasons, "a speech's title over its speaker's name and office"],
                  score=layout.score)


_HEADER_LINES = 3
_OCCASION_MAX = 250


def _occasion_line(text: str) -> bool:
    """A speech header's occasion: ``at the meeting of …``, ``on the occasion of …`` (lower case, no stop)."""
    t = text.strip()
    return t[:1].islower() and len(t) <= _OCCASION_MAX and t[-1:] not in ".!?;:,"


# a speech header's line naming the genre, maybe its speaker: "Speech by Imangali Tasmagambetov,", "Report"
SPEECH_BY = re.compile(r"(?:Speech|Address|Report|Remarks|Statement|Lecture|Greeting|Welcoming (?:speech|address))"
                        r"(?:\s+(?:by|of)\s+[^.!?;:]{3,120})?")
# "Astana, March 2026": a place and a month with its year
_PLACE_MONTH = re.compile(r"[A-Z][\w'’ -]{2,40},\s+" + MONTH_NAMES + r"\s+(?:19|20)\d\d")
# a name in an occasion line: two capitalised words in a row, the second not a function word
_NAMED = re.compile(r"\b[A-Z][a-z]+\s+[A-Z][a-z]{2,}\b")
_HEADER_LINE_MAX = 160


def _header_line(text: str, rules: Rules) -> bool:
    if person_line(text, rules) or office_line(text, rules) or _occasion_line(text):
        return True
    t = text.strip()
    if len(t) > _HEADER_LINE_MAX:
        return False
    bare = t.rstrip(",").rstrip()
    return (bare != t and (office_line(bare, rules) or person_line(bare, rules))) or bool(
        SPEECH_BY.fullmatch(bare) or place_date_line(t) or _PLACE_MONTH.fullmatch(t))


def _find_article(units: list[Unit], rules: Rules, shared: Shared | None = None, text: str = "") -> Layout | None:
    def cyrillic_page() -> bool:  # asked only where a Cyrillic line could matter
        return sum(mostly_cyrillic(u.text) for u in units[:50]) * 2 > min(len(units), 50)

    # (a section page's dated items are no article's dateline: "BelTA, 14.11.2024" under the previous item)
    found = _headed_news_listing(units, rules) or _dated_article(units, rules)
    if found is not None and found.title is not None and found.title > 0 and units[found.title].text[:1].islower():
        # "on the Programme of …" over its date: the second line of a document's title ("DECISION of …")
        doc = _document_page(units, rules)
        if doc is not None and doc.title is not None and doc.title < found.title < doc.body:
            return doc
    if found is not None:
        if found.title and mostly_cyrillic(units[found.title].text):
            return _english_title_above(units, found, rules, cyrillic_page())
        return found
    n = len(units)
    above = _date_above_title(units, rules)
    if above is not None:
        return above
    headed = _headed_listing(units, rules)
    if headed is not None:
        return headed
    bio = (_biography(units, rules) or _biography_heading(units, rules)
           or _list_page(units, rules, bool(text) and not text.endswith("\n"))
           or _static_page(units, rules) or _table_page(units, rules))
    if bio is not None:
        return bio
    gallery = _gallery_intro(units, rules) or _photo_captions(units, rules) or _album_page(units, rules)
    if gallery is not None:
        return gallery
    # the excerpt cut inside the title's repeat: "Title" then a truncated "Tit" at the end
    if n >= 2 and _title_like(units[-2].text, rules, strict=True) and not (n >= 3 and is_date_unit(units[-3].text)):
        t = norm_key(units[-2].text)
        r = norm_key(_PARTIAL_DATE_TAIL.sub("", _ELLIPSIS_TAIL.sub("", units[-1].text)))
        # a list of lines that open alike ("Session …, 2006, Minsk" / "Session …, 2005, Moscow" / "Session …, 20")
        # or "For the Republic of Armenia" / "For the Kyrgyz Republic" / "For the Republic of Tajikistan" /
        # "For the Repub": two lines above open with the same two words (a document's signature block)
        opening = t.split()[:2]
        listed = n >= 3 and (norm_key(units[-3].text).startswith(r) or (
            n >= 4 and len(opening) == 2 and all(norm_key(units[k].text).split()[:2] == opening for k in (-3, -4))))
        if len(r) >= 8 and t.startswith(r) and not listed:
            return Layout(n - 2, (n - 1,), n, n, rule="cut-repeat",
                          reasons=["title repeated at the excerpt's end, cut before its date"])
    # the sidebar: the page's leading units that other pages hold in the same order (a
    # duplicated article under another sidebar starts a new run at its title)
    sidebar = 0
    if shared is not None:
        while sidebar < n and shared.pair_count(sidebar) >= 2:
            sidebar += 1
        if sidebar >= n:
            sidebar, shared = 0, None  # the whole page is shared: a duplicate, not a sidebar
        elif sidebar == 1 and short_heading(units[0].text):
            sidebar = 0  # "Contacts" opening the page is a menu's word elsewhere: a heading, no sidebar
    best, _ = undated_title(
        units, rules, sidebar_run=sidebar, is_nav=lambda t: is_nav(t, rules) or menu_line(t, rules) or menu_items(t),
        is_date=_date_like,
        mostly_cyrillic=(lambda t: False) if cyrillic_page() else mostly_cyrillic, place_date=place_date_line,
        blank_lines=_blank_lines(units, text), is_date_alone=date_line,
        repeated=None if shared is None else (lambda k: shared.pair_count(k) >= 2),
    )
    if best is None:
        if text and not excerpt_cut_off(text) and _notice_only(units, -1, rules):
            return Layout(None, rule="notice", reasons=["an error or notice page: a line, a sentence and a link"])
        return _title_at_cut(units, rules, shared, sidebar)
    if 0 < best.index and best.lead is not None and best.lead + 3 == n:
        # a sidebar's headline-only teaser over its summary, then a headline and a few words of its lead
        # cut by the excerpt: the Article starts at the last headline, the one with the page's own body
        cut = _title_at_cut(units, rules, shared, sidebar)
        if cut is not None and cut.title == best.lead + 1:
            return cut
    k = best.index
    if (k > 0 and _CAPS_HEADING.fullmatch(units[k - 1].text.strip())
            and all(is_nav(u.text, rules) or menu_line(u.text, rules) for u in units[: k - 1])):
        # "Home / About / Structure", "STRUCTURE OF THE ORGANIZATION", then its items: the heading in
        # capitals under the navigation is the title, never its first item
        return Layout(k - 1, (), k, n, rule="undated", reasons=["a heading in capitals under the navigation"],
                      score=best.score)
    if _headline_listing(units, best.index, rules):
        return None  # one more headline-only teaser of a long run, the excerpt cut before any text: no Article
    if best.lead is not None and _paged_items(units, best.lead, rules):
        return None
    if best.lead == best.index + 1 and last_listing_item(units, best.index, best.lead, rules):
        return None  # dated items, then a headline over a summary like theirs, then more items: a listing
    if text and not excerpt_cut_off(text) and _notice_only(units, best.index, rules):
        # "Page not found" / one sentence / "Go to the main page" / the footer: a notice, no Article
        return Layout(None, rule="notice", reasons=["an error or notice page: a line, a sentence and a link"])
    return Layout(best.index, (), best.index + 1, n, rule="undated", reasons=best.reasons, score=best.score)


_NOTICE_SENTENCE_WORDS = 25
_LINK_WORDS = 6
_NOTICE_LINES = 8
_NOTICE_HEADS = 2
_NOTICE_HEAD_WORDS = 8
_NOTICE_LINE_SENTENCES = 2


def _notice_only(units: list[Unit], k: int, rules: Rules) -> bool:
    """Under the undated line ``k`` (-1: the whole page), down to the page's footer (its copyright line) or end,
    eight lines at most, at most one short
    sentence and a short link line or more that is no article's own navigation (``Go to the main page``, ``Read
    the Russian version``; an article's is ``Go back``): an error or a notice page (the page moved, its
    translation not ready), whose line is no title of an Article."""
    sentences = links = lines = heads = 0
    for j in range(k + 1, len(units)):
        t = units[j].text.strip()
        if _FOOTER_MARK.search(t):
            break
        lines += 1
        if lines > _NOTICE_LINES:
            return False
        if is_nav(t, rules) or is_boilerplate(t, rules, cyrillic=False) or menu_line(t, rules) or menu_items(t):
            if is_nav(t, rules) and len(t.split()) <= _LINK_WORDS and rules.article_nav.fullmatch(t) is None:
                links += 1  # "Search", "Home" under the message: the site's way on, no article's "Go back"
            continue  # (an article's own footer, "Go back"; a line in Russian is text)
        words = len(t.split())
        # (one short sentence, or a message of two on one line: "It was moved or deleted. Go to the main page.")
        if t.endswith((".", "!")) and words <= _NOTICE_SENTENCE_WORDS and len(_SENTENCE_END.findall(t)) <= _NOTICE_LINE_SENTENCES:
            sentences += 1
            continue
        if words <= _LINK_WORDS and t[-1:] not in ".!?:;," and not any(c.isdigit() for c in t) and not mostly_cyrillic(t):
            links += 1
            continue
        if k < 0 and heads < _NOTICE_HEADS and words <= _NOTICE_HEAD_WORDS and t[-1:] not in ".!?:;,":
            heads += 1  # ("Error 404" over "The requested page does not exist": the notice's own heading)
            continue
        return False
    return sentences <= 1 and links >= 1 + heads


# a listing's item on one line: an album with its count ("Session of the Council in Bishkek – 36 photos") or a dated
# row of cells ("3–5 June 2025 | Minsk | Staff talks …")
_ALBUM_ITEM = re.compile(r".{6,200}?[\s–—-]" + MEDIA_COUNT.pattern + r"\s*\)?\s*$", re.IGNORECASE)
_DATED_CELL = re.compile(rf"\d{{1,2}}(?:\s*[–—-]\s*\d{{1,2}})?(?:\.\d{{1,2}}\.(?:19|20)\d\d|\s+{_MONTHS})|{_MONTHS}\s+\d{{1,2}}")
_LISTING_HEAD_REACH = 6
_LISTING_ITEMS = 3
_LISTED_HEADLINE_WORDS = 2


def _listing_item(text: str) -> bool:
    if _ALBUM_ITEM.match(text):
        return True
    cells = bar_cells(text)
    # "3–5 June 2025 | Minsk | …" rows; "10.02.2026 | Statement of …": a date and the item's headline
    return cells is not None and (len(cells) >= 3 or (len(cells) == 2 and is_date_unit(cells[0]) and len(
        cells[1].split()) > _LISTED_HEADLINE_WORDS)) and _DATED_CELL.match(cells[0]) is not None


def _dated_news_item(units: list[Unit], j: int, rules: Rules) -> int:
    """Where a listing's item opening at unit ``j`` ends: a date alone on its line, a headline, then a summary
    unless the next item's date or the pager comes first (``j``: no such item there)."""
    n = len(units)
    if not (j + 1 < n and date_line(units[j].text) and _title_like(units[j + 1].text, rules, strict=True)
            and not is_nav(units[j + 1].text, rules)):
        return j
    j += 2
    if j < n and not (date_line(units[j].text) or is_nav(units[j].text, rules) or is_boilerplate(units[j].text, rules)):
        j += 1
    return j


def _headed_listing(units: list[Unit], rules: Rules) -> Layout | None:
    """A listing page under its heading (``Photo archive`` over ``Album … – 42 photos`` lines, ``Announcements`` over
    ``3–5 June 2025 | Minsk | …`` rows): the heading, among the page's first lines, then three or more items one a
    line, down to the pager, the footer or the page's end, nothing else. The heading is the Article's title and
    all of it; the items are teasers (a table's rows have a header row and stand under a text's title)."""
    n = len(units)
    for k in range(min(n - _LISTING_ITEMS, _LISTING_HEAD_REACH)):
        t = units[k].text
        if not short_heading(t) or is_nav(t, rules) or menu_line(t, rules) or bar_cells(t) is not None or "\t" in t or (
                len(t) <= 60 and rules.related_header.fullmatch(t)):
            continue
        j = k + 1
        while j < n and _listing_item(units[j].text):
            j += 1
        if j - k - 1 < _LISTING_ITEMS:
            j, items = k + 1, 0
            while (nxt := _dated_news_item(units, j, rules)) > j:
                j, items = nxt, items + 1
            if items < _LISTING_ITEMS or j >= n:
                continue  # ("RUS | ENG" over the heading: chrome; a sidebar's items cut by the excerpt)
        if j < n and not (is_nav(units[j].text, rules) or is_boilerplate(units[j].text, rules) or copyright_line(
                units[j].text) or pager(units[j].text)):
            return None
        return Layout(k, (), k + 1, k + 1, rule="listing", reasons=["a heading over the items of its listing"])
    return None


# a section, tag or search page: its heading within the first lines, over dated items and the listing's navigation
_NEWS_LISTING_HEAD_REACH = 10
_NEWS_LISTING_HEAD_WORDS = 5  # (a section's name; an item's headline is longer)
_NEWS_LISTING_DATES = 3
_NEWS_LISTING_ITEM_LINES = 3  # lines of one item at most (headline, date, summary)
_NEWS_LISTING_LINE_MAX = 400
_COLUMN_GAP = re.compile(r"\S {2,}(?=\S)")  # "Decisions  Statements  Agreements": a menu's items, no heading
_FIELD_HEADING = re.compile(r"[A-Z][\w-]*:\s+\S.{0,40}")  # "Tag: CRRF": a field's name and value, one line
_SOURCE_DATE = re.compile(r"[^\W\d][^.!?]{0,60}?,?\s+" + r"\d{1,2}\.\d{1,2}\.(?:19|20)\d\d")  # "BelTA, 14.11.2024"


def _listing_date(text: str) -> bool:
    """A listing item's date line: the date alone (``14.11.2024``) or closing its source (``BelTA, 14.11.2024``)."""
    return is_date_unit(text) or (len(text) <= 80 and _SOURCE_DATE.fullmatch(text.strip()) is not None)


def _headed_news_listing(units: list[Unit], rules: Rules) -> Layout | None:
    """A section, tag or search page (``CSTO news``, ``Tag: CRRF``, ``Search results``): its heading, under nothing but
    the site's chrome, then (past a results counter, a navigation line) dated items, a date line every three lines
    at most and three or more of them, down to the listing's navigation (a pager, ``Show more``, ``Download all``).
    The heading is the Article's title and all of it (the counter its boilerplate); the items are teasers."""
    n = len(units)
    for k in range(min(n, _NEWS_LISTING_HEAD_REACH)):
        menu = menu_lines(units[:k]) if k >= _MENU_RUN else set()
        if all(j in menu or is_nav(units[j].text, rules) or is_boilerplate(units[j].text, rules)
               or menu_line(units[j].text, rules) or menu_items(units[j].text) for j in range(k)):
            found = _news_listing_under(units, k, rules)
            if found is not None:
                return found
    return None


def _news_listing_under(units: list[Unit], k: int, rules: Rules) -> Layout | None:
    """Unit ``k`` heads a listing of dated items down to its navigation (``_headed_news_listing``): the Layout, or None."""
    n = len(units)
    head = units[k].text.strip()
    if (not head[:1].isupper() or head[-1] in ".!?:;," or len(head.split()) > _NEWS_LISTING_HEAD_WORDS
            or _listing_date(head) or DATE_FIRST.match(head) or (len(head) <= 60 and rules.related_header.fullmatch(head))
            or (is_nav(head, rules) and not _FIELD_HEADING.fullmatch(head)) or len(_COLUMN_GAP.findall(head)) >= 2
            or menu_line(head, rules) or menu_items(head)):
        return None
    body = k + 1
    if body < n and is_nav(units[body].text, rules) and any(c.isdigit() for c in units[body].text) and not pager(
            units[body].text):
        body += 1  # "Found: 126 results for …": the search's counter under its heading
    dates: list[int] = []
    j = body
    while j < n and not (is_nav(units[j].text, rules) or is_boilerplate(units[j].text, rules)
                         or copyright_line(units[j].text)):
        if len(units[j].text) > _NEWS_LISTING_LINE_MAX:
            return None
        if _listing_date(units[j].text):
            if j - (dates[-1] if dates else body - 1) > _NEWS_LISTING_ITEM_LINES:
                return None  # (a text under the heading, a date somewhere in it: no listing)
            dates.append(j)
        elif j - (dates[-1] if dates else body - 1) > _NEWS_LISTING_ITEM_LINES or (
                not dates and len(units[j].text.split()) <= _MENU_ITEM_WORDS):
            return None  # ("Contacts" / "Statements" / the first date: the heading is the menu's last line)
        j += 1
    if (j >= n or len(dates) < _NEWS_LISTING_DATES or dates[0] - body >= _NEWS_LISTING_ITEM_LINES
            or j - dates[-1] > _NEWS_LISTING_ITEM_LINES or not is_nav(units[j].text, rules)):
        return None
    return Layout(k, (), k + 1, body, rule="listing", reasons=["a heading over the dated items of its listing"])


_DATE_ABOVE_REACH = 12
_DATE_ABOVE_PROSE = 2


def _date_above_title(units: list[Unit], rules: Rules) -> Layout | None:
    """A mobile layout: the page's one date line, under nothing but the site's chrome, stands over the title, and two
    paragraphs or more follow it. The title opens the Article; the date line stays outside it (the site's chrome) but
    dates it (rule ``date-above``). A date line among more dated items is a listing's (no Article)."""
    n = len(units)
    d = next((k for k in range(min(n, _DATE_ABOVE_REACH)) if is_date_unit(units[k].text)), None)
    if d is None or d + 1 + _DATE_ABOVE_PROSE >= n or not all(
            is_nav(u.text, rules) or is_boilerplate(u.text, rules) or menu_line(u.text, rules) or menu_items(u.text)
            for u in units[:d]):
        return None
    t = units[d + 1].text
    if (not _title_like(t, rules, strict=True) or len(t.split()) <= _TEASER_WORDS
            or not all(_prose(units[k].text, rules) for k in range(d + 2, d + 2 + _DATE_ABOVE_PROSE))):
        return None
    if any(is_date_unit(u.text) or glued_rest(u.text) is not None for u in units[d + 1 :]):
        return None  # (another dated item further down: a listing's rhythm)
    return Layout(d + 1, (), d + 2, n, rule="date-above", reasons=["the page's one date line over the title"])


# headline-only teasers over a title candidate that say the page is a sidebar's run cut before its Article
_HEADLINE_RUN = 8


def _headline_listing(units: list[Unit], k: int, rules: Rules) -> bool:
    """Unit ``k``, a title with no text, stands in a run of headlines: eight headline-like lines or more
    above it, and under it only more of them (the excerpt's cut came before any text; a list's items, a
    numbered point, a sentence are an Article's text)."""
    if k < _HEADLINE_RUN or not all(_title_like(u.text, rules, strict=True) for u in units[k + 1 :]):
        return False
    return sum(1 for u in units[:k] if _title_like(u.text, rules, strict=True)) >= _HEADLINE_RUN


# a biography's heading: the surname in capitals, then the given name(s) ("DOSMUKHAMEDOV Aidar Serikovich")
_CAPS_SURNAME_NAME = re.compile(r"[A-Z][A-Z'’-]+[A-Z](?:\s[A-Z][a-z'’-]+){1,2}")
# where a biography's heading is looked for (a sidebar may stand above it)
_BIO_REACH = 40
# a name written plainly (two to four capitalised words) and the line that says it heads a biography
_PLAIN_NAME = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,3}")
# a finite verb: a teaser's headline ("… visited the Centre", "… is out"), never a biography's heading
_PAST_WORD = re.compile(r"\b(?:[a-z]+ed|is|are|was|were|will|has|have|had)\b")
_BORN_LINE = re.compile(r"(?:(?:He|She)\s+was\s+)?[Bb]orn\s+(?:on|in)\b")


def _biography(units: list[Unit], rules: Rules) -> Layout | None:
    """A biography: a name with its surname in capitals, an office under it (a role word, no closing
    mark), then prose within three lines: the name is the title, the office its subtitle."""
    for i in range(min(len(units) - 2, _BIO_REACH)):
        t = units[i].text.strip()
        if not t[:1].isupper():
            continue
        if not (t[:2].isupper() and _CAPS_SURNAME_NAME.fullmatch(t) is not None) and not (
                _PLAIN_NAME.fullmatch(t) is not None and not any(w in rules.non_name_words for w in t.split())
                and any(_BORN_LINE.match(u.text) for u in units[i + 2 : i + 5])):
            continue  # (a name written plainly, "Anvar Karimov", only over "Born on …")
        if i > 0 and rules.speech_title.search(units[i - 1].text) and _title_like(units[i - 1].text, rules, strict=True):
            continue  # a speech's title over its speaker's name and office: no biography
        office = units[i + 1].text.strip()
        if (office[-1:] in ".!?;:," or len(office) > TITLE_MAX or not office[:1].isupper()
                or rules.role_before.search(office) is None
                or not any(_prose(u.text, rules) for u in units[i + 2 : i + 5])):
            continue
        return Layout(i, (), i + 2, len(units), rule="biography", subtitles=(i + 1,),
                      reasons=["a name with its surname in capitals over an office and text (a biography)"])
    return None


_BIOGRAPHY_HEAD = re.compile(r"(?:(?:Short|Brief)\s+)?(?:[Bb]iography|[Cc]urriculum [Vv]itae|[Bb]iographical (?:note|information))"
                             r"(?:\s+(?:of|:)\s.*)?")
_BIOGRAPHY_HEAD_WORDS = 12


def _biography_heading(units: list[Unit], rules: Rules) -> Layout | None:
    """``Biography`` (or ``Biography of the …``) over a person's name, then prose within three lines: the
    heading is the title and the name its subtitle (a name under a page's heading is no title)."""
    for i in range(min(len(units) - 2, _BIO_REACH)):
        t = units[i].text.strip()
        if not t[:1].isalpha() or len(t.split()) > _BIOGRAPHY_HEAD_WORDS or t[-1:] in ".!?;," or not _BIOGRAPHY_HEAD.fullmatch(t):
            continue
        name = units[i + 1].text.strip()
        if not (_PLAIN_NAME.fullmatch(name) or _CAPS_SURNAME_NAME.fullmatch(name)) or any(
                w in rules.non_name_words for w in name.split()):
            continue
        if any(_prose(u.text, rules) for u in units[i + 2 : i + 5]):
            return Layout(i, (), i + 2, len(units), rule="static", subtitles=(i + 1,),
                          reasons=["a biography's heading over the person's name and text"])
    return None


# a static page's own lines: "Born on … in …", "1995–2001 – post …", "Since 2021 – post", "Address: …",
# "Phone: …" (a biography's or a contacts page's text, never a report's or a teaser's)
_YEAR_SPAN_ENTRY = re.compile(r"(?:(?:Since|From|In)\s+)?(?:19|20)\d\d(?:\s*[–—-]\s*(?:(?:19|20)\d\d|present|now))?"
                              r"\s*(?:[–—-]|:)\s+\S")
_CONTACT_LABEL = re.compile(r"(?:(?:Postal|Legal|Mailing|Actual)\s+)?(?:[Aa]ddress|Phone|Telephone|Tel\.?|Fax|E-?mail|"
                            r"Website|Web-site|Reception|Hot\s?line)\s*(?:\([^)]{1,30}\))?\s*:")
# how far under its heading a static page's lines begin, and how many of them make one
_STATIC_REACH = 3
_STATIC_WINDOW = 8
_STATIC_LINES = 2
# a heading's first line over its second ("Major General" / "Ivan Petrov", "Contacts" / "Secretariat of …")
_STATIC_HEAD_WORDS = 10


def _static_line(text: str) -> bool:
    return bool(_BORN_LINE.match(text) or _YEAR_SPAN_ENTRY.match(text) or _CONTACT_LABEL.match(text))


def _static_head(text: str, rules: Rules) -> bool:
    """A static page's heading: a headline or a name (a Cyrillic spelling in brackets allowed), no date."""
    t = text.strip()
    return (_title_like(t, rules, strict=True) and not _static_line(t) and not t.endswith(("...", "…"))
            and len(t.split()) <= 16 and _DATE_AT_END.search(t) is None and not DATE_FIRST.search(t)
            and _FOOTER_MARK.search(t) is None and not is_nav(t, rules))


# a static page's fact: "Capital: Astana", "Party to the Treaty since: 15 May 1992" (a label of eight words at
# most, a colon, a short value with no sentence's end)
_FACT_LINE = re.compile(r"[A-Z][\w'’-]*(?:\s+[\w'’()-]+){0,7}:\s+\S[^:]{0,59}")
_FACT_LINE_MAX = 100
_FACTS_MIN = 2


def fact_line(text: str, rules: Rules) -> bool:
    """A fact of a static page's list (``Capital: Astana``), never a heading."""
    t = text.rstrip()
    return (len(t) <= _FACT_LINE_MAX and not t.endswith((".", "!", "?", ";")) and _FACT_LINE.fullmatch(t) is not None
            and not rules.caption.match(t) and not rules.question_prefix.match(t) and not rules.answer_prefix.match(t))


def _fact_list_page(units: list[Unit], rules: Rules) -> Layout | None:
    """A member state's (or a body's) page: its heading first under the site's chrome (navigation, a menu),
    then two or more fact lines (``Capital: …``, ``Member since: …``): the heading is the title."""
    k = next((j for j, u in enumerate(units[:_BIO_REACH]) if not (
        is_nav(u.text, rules) or menu_line(u.text, rules) or menu_items(u.text))), None)
    if k is None or k + _FACTS_MIN >= len(units) or not _static_head(units[k].text, rules):
        return None
    if _static_line(units[k + 1].text):
        return None  # "Address: …" / "Phone: …" under a contacts page's heading: the static page's own rule (its end)
    if not all(fact_line(u.text, rules) for u in units[k + 1 : k + 1 + _FACTS_MIN]):
        return None
    return Layout(k, (), k + 1, len(units), rule="static", reasons=["a heading over a static page's fact lines"])


def _static_page(units: list[Unit], rules: Rules) -> Layout | None:
    """A biography or a contacts page with no lead: a heading (one line, or a short line over a second one),
    then within three lines two lines or more of a static page's own (``Born on …``, year spans,
    ``Address:`` / ``Phone:``), and no site date under the heading: the heading is the title."""
    n = len(units)
    facts = _fact_list_page(units, rules)
    if facts is not None:
        return facts
    for j in range(1, min(n, _BIO_REACH + _STATIC_REACH)):
        if not _static_line(units[j].text):
            continue
        if sum(1 for u in units[j : j + _STATIC_WINDOW] if _static_line(u.text)) < _STATIC_LINES:
            return None
        # the heading: the nearest headline above, verbless headers ("Secretariat of …", "Career:") between
        k = j - 1
        while k >= 0 and j - k <= _STATIC_REACH and not _static_head(units[k].text, rules):
            t = units[k].text.strip()
            if not (t.endswith(":") and len(t.split()) <= _STATIC_HEAD_WORDS):
                return None
            k -= 1
        if k < 0 or j - k > _STATIC_REACH:
            return None
        top = units[k - 1].text.strip() if k > 0 else ""
        subtitles: tuple[int, ...] = ()
        head = units[k].text.strip()
        if k > 0 and is_date_unit(top):
            return None  # "19.02.2026" over "The Secretary General met …": a dated teaser's headline, no page's heading
        # "Biography of the Secretary General of …" (however long) over "SURNAME Firstname Patronymic"
        over_name = (k > 0 and bool(_PLAIN_NAME.fullmatch(head) or _CAPS_SURNAME_NAME.fullmatch(head))
                     and _static_head(top, rules) and not top.endswith(".") and not _PAST_WORD.search(top))
        top_nav = k > 0 and (menu_line(top, rules) or menu_items(top) or is_nav(top, rules))
        if top_nav:
            pass  # "About CSTO Structure … Contacts" over "Contacts": the site's menu, no first line of the heading
        elif over_name or (k > 0 and len(units[k].text.split()) <= _STATIC_HEAD_WORDS and len(top.split()) <= _STATIC_HEAD_WORDS
                and _static_head(top, rules) and not _PAST_WORD.search(top) and (
                    (short_heading(top) and (len(top.split()) <= 2 or rules.role_before.search(top)))
                    or ((_PLAIN_NAME.fullmatch(top) or _CAPS_SURNAME_NAME.fullmatch(top))
                        and rules.role_before.search(units[k].text))
                    or k < 2 or not (_static_head(units[k - 2].text, rules) or DATE_FIRST.match(units[k - 2].text)))):
            k, subtitles = k - 1, (k,)  # "Major General" over "Ivan Petrov": the first line heads the page
        # a dated item under it: a listing's, no static page (a dated sidebar after its lines is no part of it)
        run = static_end(units, j)
        if any(DATE_FIRST.match(u.text) or _DATE_AT_END.search(u.text) for u in units[k + 1 : run]):
            return None
        # under its lines a sidebar's item (a date, a headline with its verb): the page ends with its lines
        after = units[run].text.strip() if run < n else ""
        sidebar_after = bool(after) and bool(DATE_FIRST.match(after) or _DATE_AT_END.search(after) or (
            _title_like(after, rules, strict=True) and not _verbless(after) and not after.endswith(".")))
        body = k + 1 + len(subtitles)
        return Layout(k, (), body, run if sidebar_after else n, rule="static", subtitles=subtitles,
                      reasons=["a heading over a static page's lines (a biography's, a contacts page's)"])
    return None


def static_end(units: list[Unit], end: int) -> int:
    """A static page's end past a footer walk-back: its ``Phone: …`` lines and the short headers over
    them (``Press service``) are its own."""
    while end < len(units) and (_static_line(units[end].text) or (
            short_heading(units[end].text) and end + 1 < len(units) and _static_line(units[end + 1].text))):
        end += 1
    return end



# a list page's entries: one a line under a short heading (a member-state list, a chronology, a gallery's
# captions): a date or year led entry ("15 May 1992 – …", "2002 – …"), or a short verbless phrase
_DATED_ENTRY = re.compile(rf"(?:\d{{1,2}}\s+{_MONTHS}\s+|{_MONTHS}\s+)?(?:19|20)\d\d(?:\s*[–—-]\s*(?:19|20)\d\d)?"
                          r"(?:\s*(?:[–—-]|:)\s+)\S")
# an entry closed by its date ("…, Minsk, September 2025", "…, 9 September 2025", "… 2025")
_DATE_TAIL = re.compile(rf"(?:{_MONTHS}\s+)?(?:19|20)\d\d\.?\s*$")
_LIST_ENTRY_WORDS = 12
_LIST_ENTRY_CHARS = 90
_LIST_ENTRIES = 4
_LIST_HEAD_WORDS = 10
# a sidebar's paragraph is no longer than this: a longer line above the heading is some Article's text
_LIST_ABOVE_MAX = 250
# a participle before its agent ("deployed by"), no finite verb
_PASSIVE_BY = re.compile(r"\b[a-z]+ed\s+by\b")


# a word in -ed after one of these is an adjective ("of armoured vehicles", "the united forces"), no verb
_BEFORE_ADJECTIVE = frozenset(("a", "an", "the", "of", "with", "on", "in", "at", "for", "and", "by", "to", "from"))


def _verbless(text: str) -> bool:
    """No finite verb (``_PAST_WORD``), a participle before its agent or after an article or a preposition
    left out: a caption's or a list entry's phrase, never a teaser's headline."""
    t = _PASSIVE_BY.sub(" ", text)
    for m in _PAST_WORD.finditer(t):
        if m[0] == "dated":
            continue  # "Treaty …, dated May 15, 1992"
        if not m[0].endswith("ed") or m[0] in ("need", "seed", "speed", "feed"):
            return False
        before = t[: m.start()].split()[-1:]
        if not before or before[0].lower() not in _BEFORE_ADJECTIVE:
            return False
    return True


def _list_entry(text: str, rules: Rules) -> str | None:
    """What kind of list entry a line is: ``"dated"`` (a year or a date, a dash, the event), ``"item"``
    (a short verbless phrase, no stop), else None."""
    t = text.strip()
    if len(t) > 2 * _LIST_ENTRY_CHARS or t[-1:] in "!?:" or DATE_FIRST.match(t):
        return None
    if _DATED_ENTRY.match(t):
        return "dated"
    if (len(t) <= _LIST_ENTRY_CHARS and len(t.split()) <= _LIST_ENTRY_WORDS and t[:1].isupper() and t[-1] not in ".;"
            and _verbless(t) and not is_nav(t, rules) and not _CONTACT_LABEL.match(t)):
        return "item"
    return None


def _list_page(units: list[Unit], rules: Rules, cut: bool) -> Layout | None:
    """A static list page: a short verbless heading (no stop, no date) over four entries or more of one
    kind, one a line (``_list_entry``) to the end of the page, to the excerpt's cut or to a dated sidebar
    item; nothing above the heading longer than a sidebar's summary: the heading is the title."""
    n = len(units)
    for k in range(min(n - _LIST_ENTRIES, _BIO_REACH)):
        t = units[k].text.strip()
        if len(t) > _LIST_ABOVE_MAX:
            return None
        if t.endswith(".") or len(t.split()) > _LIST_HEAD_WORDS:
            continue  # (the cheap tests first: most lines of a page fail them)
        kind = _list_entry(units[k + 1].text, rules)
        if kind is None or t.casefold().split()[:2] == units[k + 1].text.casefold().split()[:2]:
            continue  # (a line opening as the next does is the list's first entry: "For the Republic of …")
        if (not _static_head(t, rules) or not _verbless(t) or _DATED_ENTRY.match(t) or menu_line(t, rules)
                or menu_items(t)):
            continue  # (a site menu's line is never a heading: integrator, 2.143.0 made one the title)
        above = units[k - 1].text.strip() if k > 0 else ""
        if above and (_list_entry(above, rules) == kind or (above.endswith(".") and not short_heading(t))):
            continue  # an entry over entries, or a summary's sentence over a caption: the list's heading is cut away
        j = k + 1
        while j < n and _list_entry(units[j].text, rules) == kind:
            j += 1
        # the excerpt's cut last line, an entry cut short (never a footer's "Show more")
        last = j == n - 1 and cut and not is_boilerplate(units[j].text, rules)
        if j < n and not (last or DATE_FIRST.match(units[j].text) or _DATE_AT_END.search(units[j].text)):
            continue
        if j - k - 1 < _LIST_ENTRIES:
            continue
        if kind == "item" and sum(1 for u in units[k + 1 : j] if _DATE_TAIL.search(u.text)) >= j - k - 2:
            return None  # "Event, City, September 2025" one a line: a listing of dated items (albums), no Article
        end = n if last else j
        return Layout(k, (), k + 1, end, rule="list", reasons=["a heading over a list, one entry a line (a static page)"])
    return None


# a document's heading ("DECISION of the Council …", "REGULATIONS on …", "Plan of … for 2026", "Procedure for …")
# over its own text: an approval stamp, a table's rows, a section or a numbered point, a preamble ending in a comma
_APPROVED = re.compile(r"(?:APPROVED|ADOPTED|Approved|Adopted)\b")
_DECIDES = re.compile(r"(?:has\s+|have\s+)?(?:decided|decides|resolved|resolves|agreed|agree)\s*:", re.IGNORECASE)
_NUMBERED_POINT = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.)\s+[A-Z\u0400-\u042f]")
_PREAMBLE_MIN = 60
_DOC_EVIDENCE_REACH = 3
_DOC_TITLE_LINES = 2
# a document's genre in capitals over its text ("DECISION", "JOINT STATEMENT", "PROTOCOL")
_GENRE_LINE = re.compile(r"[A-Z][A-Z'’-]{2,}(?: [A-Z][A-Z'’-]+){0,2}")


def _document_text(units: list[Unit], j: int, rules: Rules) -> bool:
    """Unit ``j`` opens a document's own text (see above), never a report's lead."""
    t = units[j].text.strip()
    below = units[j + 1].text if j + 1 < len(units) else ""
    return bool(approval_stamp(t, below) or _APPROVED.match(t) or table_cells(t) >= 3
                or rules.section_heading.match(t) or _NUMBERED_POINT.match(t) or _DECIDES.fullmatch(t)
                or (t.endswith(",") and len(t) >= _PREAMBLE_MIN and not DATE_FIRST.match(t)))


def _document_page(units: list[Unit], rules: Rules) -> Layout | None:
    """A document's page: a heading the rules name a document's (no stop, no finite verb), its lower-case
    second lines (``on the Programme of …``) and a date line, then within three lines the document's own
    text (``_document_text``); nothing above it longer than a sidebar's summary: the heading is the title."""
    n = len(units)
    for k in range(min(n - 1, _BIO_REACH)):
        t = units[k].text.strip()
        if rules.section_heading.match(t) or _NUMBERED_POINT.match(t):
            return None  # (a document's section or point above: an excerpt from its middle, its title cut off)
        if len(t) > _LIST_ABOVE_MAX:
            if t[:1].isupper() and t.endswith(".") and k + 1 < n and units[k + 1].text.strip()[:1].isupper():
                continue  # a sidebar's long summary, one whole sentence or more, above the heading
            return None
        if (not t[:1].isupper() or rules.document_title.search(t) is None or not _title_like(t, rules, strict=True)
                or not _verbless(t) or rules.finite_passive.search(t)):
            continue
        j, subs = k + 1, list[int]()
        while (j < n and len(subs) < _DOC_TITLE_LINES and units[j].text[:1].islower()
               and not units[j].text.rstrip().endswith((".", ",", ":", ";")) and not _document_text(units, j, rules)):
            subs.append(j)  # "on the Programme of cooperation …": the title's second line
            j += 1
        dates = (j,) if j < n and date_line(units[j].text) else ()
        j += len(dates)
        # "DECISION" / "of the Collective Security Council …" under the title: the document's own header, then its text
        h = j
        if h < n and _GENRE_LINE.fullmatch(units[h].text.strip()):
            h += 1
            while h < n and h - j <= _DOC_TITLE_LINES and units[h].text[:1].islower() and not units[h].text.rstrip().endswith(
                    (".", ",", ":", ";")) and not _document_text(units, h, rules):
                h += 1
        if any(_document_text(units, m, rules) for m in range(h, min(n, h + _DOC_EVIDENCE_REACH))):
            return Layout(k, dates, j, n, rule="document", subtitles=tuple(subs),
                          reasons=["a document's heading over its own text"])
    return None

# a row of a table flattened to a line: words, then one or more figures ("Armenia 1505 142", "Total 6409 849")
_TABLE_ROW = re.compile(r"[^\d\s][^\n]*?[ \t\u00a0]\d[\d \t\u00a0.,%]*")


def table_row(text: str) -> bool:
    """A table's row (``Armenia 1505 142``): ``_TABLE_ROW``, tried only on a line whose last
    character, past the trailing spaces, stops and percent signs, is a digit (every row's is; the
    lazy pattern walks the whole of every paragraph otherwise: 6 % of the parser's time)."""
    end = text.rstrip(" \t\u00a0.,%")[-1:]
    return end.isdecimal() and _TABLE_ROW.fullmatch(text) is not None


# a table flattened with its cells kept apart: a tab, or two spaces or more, between cells of up to 80 characters
_CELL_GAP = re.compile(r"[ \u00a0]*\t[ \t\u00a0]*|[ \u00a0]{2,}")
_CELLS_MIN = 2
_CELL_MAX = 80


def table_cells(text: str) -> int:
    """How many cells a table's row flattened with tabs or runs of spaces between them has (0: no such row)."""
    if "\t" not in text:
        # Without a tab, cells are apart by two spaces or more, no-break ones among them: a line whose first
        # ``_CELL_MAX + 1`` characters hold none has a longer first cell, no row; a paragraph is told so from
        # its head, not searched whole for two spaces (which stops at every space).
        head = text.lstrip()[: _CELL_MAX + 2]
        if len(head) > _CELL_MAX + 1 and "\u00a0" not in head and "  " not in head:
            return 0
        if "  " not in text:
            return 0
    cells = _CELL_GAP.split(text.strip())
    return len(cells) if len(cells) >= _CELLS_MIN and all(cells) and max(map(len, cells)) <= _CELL_MAX else 0


# a table page: a short heading under the navigation, then rows of cells ("Exercises" / "Name<TAB>Dates<TAB>Place")
_TABLE_HEAD_REACH = 6
_TABLE_ROWS = 2


def _table_line(text: str) -> bool:
    return bool(table_cells(text) or table_row(text))


_INTRO_WORDS = 4


def _table_page(units: list[Unit], rules: Rules) -> Layout | None:
    """A flattened table's page: a short heading, only navigation above it, two rows or more right under it
    (the heading is the title, never the table's last row)."""
    n = len(units)
    rows = sorted(k for k in range(n) if "|" in units[k].text and units[k].text in TABLE_ROWS.get())
    if len(rows) >= _BAR_TABLE_ROWS + 1:
        # a table written with " | " between its cells, under a sidebar: its heading (maybe over one sentence
        # introducing it) right above its first row, no dated item's headline
        r0 = rows[0]
        for k in (r0 - 1, r0 - 2):
            intro = units[r0 - 1].text.strip()
            if k < 0 or (k == r0 - 2 and not (intro.endswith((".", ":")) and len(intro.split()) >= _INTRO_WORDS)):
                continue
            t = units[k].text.strip()
            if (_title_like(t, rules, strict=True) and not is_date_unit(t) and not is_nav(t, rules)
                    and not (k > 0 and is_date_unit(units[k - 1].text))):
                return Layout(k, (), k + 1, n, rule="table", reasons=["a heading over a table's rows"])
    for k in range(min(n - _TABLE_ROWS, _TABLE_HEAD_REACH)):
        t = units[k].text.strip()
        if not (is_nav(t, rules) or menu_line(t, rules) or menu_items(t)):
            if (short_heading(t) and not _table_line(t)
                    and all(_table_line(u.text) for u in units[k + 1 : k + 1 + _TABLE_ROWS])):
                return Layout(k, (), k + 1, n, rule="table", reasons=["a heading under the navigation over a table"])
            return None
    return None


# a gallery written as its photos' file names, each over its caption: the pairs that make one
_PHOTO_PAIRS = 2


def _photo_file(text: str, rules: Rules) -> bool:
    t = text.strip()
    return len(t) <= _FILE_LINE_MAX and "." in t[-6:] and rules.image_file.fullmatch(t) is not None


def photo_files(text: str, rules: Rules) -> int:
    """How many of ``text``'s lines are a photo's file name alone (``DSC_4411.JPG``)."""
    return sum(_photo_file(line, rules) for line in text.splitlines())


def _photo_captions(units: list[Unit], rules: Rules) -> Layout | None:
    """A gallery page: a heading, then photos' file names each over its caption (``IMG_1234.jpg`` /
    ``Servicemen at the training ground``): the heading is the title, the pairs its text."""
    n = len(units)
    for j in range(1, min(n, _GALLERY_REACH)):
        if not _photo_file(units[j].text, rules):
            continue
        k, pairs = j, 0
        while k + 1 < n and _photo_file(units[k].text, rules) and not _photo_file(units[k + 1].text, rules):
            pairs += 1
            k += 2
        head = units[j - 1].text.strip()
        if (pairs >= _PHOTO_PAIRS and _title_like(head, rules, strict=True) and not _photo_file(head, rules)
                and not date_line(head)):
            return Layout(j - 1, (), j, n, rule="photos", reasons=["a heading over photos' file names and captions"])
        return None
    return None


_FILE_LINE_MAX = 90
# where a gallery's heading is looked for (a sidebar may stand above it)
_GALLERY_REACH = 40


def _gallery_intro(units: list[Unit], rules: Rules) -> Layout | None:
    """A gallery's listing: a heading, one paragraph introducing it, then albums (a dated name, a credit
    and count "Photo: … 12 photos"): the heading and its paragraph are the Article, the albums items."""
    n = len(units)
    counts = [k for k in range(n) if media_count(units[k].text, rules)]
    if len(counts) < 2:
        return None
    for i in range(min(counts[0] - 2, _GALLERY_REACH) + 1):
        head = units[i].text.strip()
        if (not 4 <= len(head) <= _SUBTITLE_MAX or head[-1] in ".!?;:," or not head[:1].isupper()
                or DATE_FIRST.match(head) or media_count(head, rules) or not _prose(units[i + 1].text, rules)):
            continue
        # the albums start right under the paragraph: their first count within three lines
        if counts[0] > i + 4 or any(_prose(units[k].text, rules) for k in range(i + 2, counts[0])):
            continue
        return Layout(i, (), i + 1, i + 2, rule="gallery",
                      reasons=["a heading and its paragraph over a gallery's albums"])
    return None


_ALBUM_LINES = 2


def _album_page(units: list[Unit], rules: Rules) -> Layout | None:
    """One album's page: its heading, the photos' count under it (``24 photos``), maybe a date line, then
    the captions or text: the heading is the title (the page's one count; a listing's albums count each)."""
    n = len(units)
    counts = [k for k in range(n) if units[k].text[:1].isdigit() and media_count(units[k].text, rules)]
    if len(counts) != 1 or not 0 < counts[0] <= _GALLERY_REACH:
        return None
    c = counts[0]
    head = units[c - 1].text.strip()
    if (not _title_like(head, rules, strict=True) or date_line(head) or is_nav(head, rules)
            or (c >= 2 and is_date_unit(units[c - 2].text))):
        return None  # (a dated album's name in a listing)
    dated = c + 1 < n and is_date_unit(units[c + 1].text)
    body = c + 1 + dated
    lines = 0
    for u in units[body:]:
        if is_nav(u.text, rules) or is_date_unit(u.text):
            break
        lines += 1
    if lines < _ALBUM_LINES:
        return None
    if dated:  # "24 photos" between the title and its date line
        return Layout(c - 1, (c + 1,), body, n, rule="photos", subtitles=(c,),
                      reasons=["a heading over its album's photo count, date and captions"])
    return Layout(c - 1, (), c + 1, n, rule="photos", subtitles=(c,),
                  reasons=["a heading over its album's photo count and captions"])


# a listing's pagination: page numbers, "Next", "Show more" (an article page ends in "Go back")
# (a pager's pieces in any order: "1 2 3 … Next", "« First 1 2 3 … Last »", "Page 1 of 12", "Pages: 1 2 3")
_PAGER_PIECE = r"(?:\d{1,4}(?!\d)|…|\.\.\.|[«‹<»›>]{1,2}|(?:next|previous)(?: page)?|prev|first|last|pages?:?|of)"
_PAGINATION = re.compile(rf"{_PAGER_PIECE}(?:\s*{_PAGER_PIECE})*"
                         r"|(?:show|load) more|показать ещ[её]|далее|следующая|предыдущая", re.IGNORECASE)


def _paged_items(units: list[Unit], lead: int, rules: Rules) -> bool:
    """Under an undated title's text, another headline with its summary, then pagination: the
    page is a listing of such items (its first one is no title)."""
    headlines = 0
    for k in range(lead + 1, len(units)):
        t = units[k].text
        if is_nav(t, rules):
            return headlines >= 1 and _PAGINATION.fullmatch(t) is not None
        if (k + 1 < len(units) and len(t.split()) > _CUT_TITLE_WORDS + 1 and _title_like(t, rules, strict=True)
                and _prose(units[k + 1].text, rules)):
            headlines += 1
    return False


def _title_at_cut(units: list[Unit], rules: Rules, shared: Shared | None, sidebar: int) -> Layout | None:
    """The excerpt cut right after the title: a headline after the sidebar's summaries, then
    nothing or a few characters of the lead."""
    n = len(units)
    # the title is whole (a line break follows it); what the cut left of the lead is short
    if n < 3 or len(units[-1].text) >= _CUT_TAIL or not (units[-1].text[:1].isupper() or units[-1].text[:1].isdigit()):
        return None
    k = n - 2
    t, before = units[k].text, units[k - 1].text
    if (not _title_like(t, rules, strict=True) or len(t.split()) <= _CUT_TITLE_WORDS or t[:1].islower()
            or mostly_cyrillic(t) or is_nav(t, rules) or place_date_line(t) or rules.section_heading.fullmatch(t)
            or starts_with_date(t, rules)):
        return None
    # right after a sidebar summary (never a date line: that is a listing), and not a passage
    # other pages share (a headline-only teaser)
    if DATE_FIRST.match(before) or not before.rstrip().endswith((".", "!", "”", '"', "»")) or len(before) < 80:
        return None
    if shared is not None and shared.pair_count(k) >= 2:
        return None
    why = ["headline after the sidebar, the excerpt cut right after it"]
    if sidebar and sidebar == k:
        why.append("first line after the sidebar other pages share")
    return Layout(k, (), k + 1, n, rule="cut-title", reasons=why)


_LEAD_MIN = 60


def _under_a_dated_headline(units: list[Unit], i: int, rules: Rules) -> bool:
    """Unit ``i``, a headline over its date and a lead, stands under a sidebar's headline over its own date
    (``Headline`` / ``03.03.2026`` / ``Title`` / ``12.03.2026`` / ``On 12 March …``): the date above is that
    teaser's, not ``i``'s summary's (a listing has its next headline, not a lead, under each date)."""
    if i < 2 or i + 2 >= len(units):
        return False
    above, t, lead = units[i - 2].text.rstrip(), units[i].text.rstrip(), units[i + 2].text.rstrip()
    return (_title_like(above, rules, strict=True) and _title_like(t, rules, strict=True)
            and is_date_unit(units[i + 1].text) and len(lead) >= _LEAD_MIN and lead.endswith(".")
            and not (i + 3 < len(units) and is_date_unit(units[i + 3].text)))


def _date_like(t: str) -> bool:
    return DATE_FIRST.match(t) is not None or month_date_alone(t)


def _dated_article(units: list[Unit], rules: Rules) -> Layout | None:
    """Rules A-D: the Article anchored by a repeated title, a date, a question or a salutation."""
    n = len(units)
    # A: title, then the title repeated with DD.MM.YYYY (or repeated, then the date alone)
    heads: dict[int, str] = {}  # a unit is compared as the title, then as the repeat

    def head(k: int) -> str:
        h = heads.get(k)
        if h is None:
            h = heads[k] = _head(units[k].text)
        return h

    repeated = "title repeated with its date"
    for i in range(n - 1):
        u, v = units[i], units[i + 1]
        if not _title_like(u.text, rules, strict=False):
            continue
        if head(i) != head(i + 1):  # cheap: a repeated title starts the same way
            if i + 2 < n and DATE_FIRST.match(units[i + 2].text) and _same_title(u.text, v.text):
                w = units[i + 2]
                glued = glued_rest(w.text)
                return Layout(i, (i + 1, i + 2), i + 3, n, w.start + glued if glued is not None else None,
                              rule="repeat", reasons=["title repeated, then its date"])
            # the repeat may differ at its start ("The CSTO …" under "CSTO …"): only a line
            # about as long as the title plus a date is worth the fuzzy comparison
            if abs(len(v.text) - len(u.text) - 11) <= max(3, len(u.text) // 10) + 6:
                m = _DATE_AT_END.search(v.text)
                if m is not None and m.start() > 0 and _same_title(u.text, v.text[: m.start()]):
                    return Layout(i, (i + 1,), i + 2, n, rule="repeat-variant",
                                  reasons=["title repeated with small differences, with its date"])
            # a subtitle between the title and its dated repeat: "Title" / "subtitle" / "Title 11.08.2023"
            if i + 2 < n and head(i) == head(i + 2) and len(v.text) <= _SUBTITLE_MAX and not DATE_FIRST.match(v.text):
                w = units[i + 2]
                for m in NUMERIC_DATE.finditer(w.text, 0, len(u.text) + 40):
                    if m.start() > 0 and _same_title(u.text, w.text[: m.start()]):
                        return Layout(i, (i + 2,), i + 3, n, _dateline_split(w, m.end()), rule="repeat",
                                      reasons=[repeated, "a subtitle between the title and its repeat"],
                                      subtitles=(i + 1,))
            continue
        # the dateline's date follows the repeated title (which may hold a date of its own)
        for m in NUMERIC_DATE.finditer(v.text, 0, len(u.text) + 40):
            if m.start() > 0 and _same_title(u.text, v.text[: m.start()]):
                return Layout(i, (i + 1,), i + 2, n, _dateline_split(v, m.end()), rule="repeat", reasons=[repeated])
        if i + 2 < n and DATE_FIRST.match(units[i + 2].text) and _same_title(u.text, v.text):
            w = units[i + 2]
            glued = glued_rest(w.text)
            return Layout(i, (i + 1, i + 2), i + 3, n, w.start + glued if glued is not None else None,
                          rule="repeat", reasons=["title repeated, then its date"])
        # the repeat wrapped over two lines: "Title" / "Title's first words" / "the rest 13.06.2024"
        if i + 2 < n and len(v.text) < len(u.text) and norm_key(u.text).startswith(norm_key(v.text)):
            w = units[i + 2]
            for m in NUMERIC_DATE.finditer(w.text, 0, len(u.text) - len(v.text) + 40):
                if m.start() > 0 and _same_title(u.text, v.text + " " + w.text[: m.start()]):
                    return Layout(i, (i + 1, i + 2), i + 3, n, _dateline_split(w, m.end()), rule="repeat",
                                  reasons=[repeated, "the repeat wraps over two lines"])
    # B: a title, then the date alone (or glued to the lead) - but not a news-list rhythm
    for i in range(n - 1):
        u, v = units[i], units[i + 1]
        if not DATE_FIRST.match(v.text) or not _anchored_title(u.text, rules):
            continue
        if i > 0 and is_date_unit(units[i - 1].text) and not _under_a_dated_headline(units, i, rules):
            continue  # u is the summary of a dated news-list item
        if any(units[k].text[:1].isdigit() and MEDIA_COUNT.fullmatch(units[k].text)
               for k in (i - 1, i + 2, i + 3) if 0 <= k < n):
            continue  # "12 photos" over the name or under the date (or the next line): a gallery's photo album
        if _dated_count(v.text) and any(_dated_count(w.text) for w in units[i + 2 :] + units[:i]):
            continue  # a name over "DD.MM.YYYY | 46 photos", more such albums on the page: a gallery's listing
        if (i >= 2 and u.text.rstrip().endswith(".") and is_date_unit(units[i - 2].text)
                and _title_like(units[i - 1].text, rules, strict=True) and not units[i - 1].text.rstrip().endswith(".")):
            continue  # date, headline, then u: the summary of a listing's item (the next item's date under it)
        if (i >= 1 and u.text.rstrip().endswith(".") and _DATE_AT_END.search(units[i - 1].text) is not None
                and not DATE_FIRST.match(units[i - 1].text)):
            continue  # "Headline 11.03.2025", then u: a dated teaser's summary (the next item's date under it)
        # a digest: its lead, then its days' items, each a date line over one sentence (no listing's rhythm)
        digest = (is_date_unit(v.text) and i + 3 < n and not is_date_unit(units[i + 2].text)
                  and is_date_unit(units[i + 3].text) and _digest_run(units, i + 3, numeric_date(v.text)[0]) > i + 3)
        if is_date_unit(v.text) and any(is_date_unit(w.text) for w in units[i + 2 : i + 6]) and not digest:
            continue  # more date lines right after: the rhythm of a news listing
        if not is_date_unit(v.text) and any(DATE_FIRST.match(w.text) for w in units[i + 2 : i + 4]):
            continue  # dates glued to their summaries, one after another: a listing
        if (i >= 3 and is_date_unit(units[i - 2].text) and _title_like(units[i - 3].text, rules, strict=True)
                and _item_ends(units, i + 3 if is_date_unit(v.text) else i + 2, rules, items_before=_items_before(
                    units, i, rules))):
            continue  # headline, date, summary before this one and nothing more after: a listing's last item
        if is_date_unit(v.text) and i + 2 >= n:
            continue
        if (is_date_unit(v.text) and not DOWNLOAD.search(v.text) and units[i + 2].text.rstrip().endswith(".")
                and not mostly_cyrillic(u.text) and not _shares_a_word(u.text, units[i + 2].text, rules)
                and (any(is_date_unit(w.text) for w in units[i + 3 : i + 5]) or (
                    sum(1 for k in range(i) if is_date_unit(units[k].text)) >= _LISTED_DATES
                    and all(is_nav(w.text, rules) or is_boilerplate(w.text, rules) for w in units[i + 3 :])))):
            # a sidebar's headline over the next item's date and summary (which tells of something else), more
            # items or the footer under it
            continue
        if (is_date_unit(v.text) and i > 0 and i + 3 < n and teaser_shape(u.text) == "summary"
                and teaser_shape(units[i - 1].text) == "headline" and teaser_shape(units[i + 2].text) == "headline"
                and teaser_shape(units[i + 3].text) in ("summary", "date") and not salutation(units[i + 3].text, rules)):
            continue  # headline, its one-sentence summary u, then a date over the next headline and summary: a sidebar
        if not DOWNLOAD.search(v.text) and not digest and last_listing_item(
                units, i, i + 2 if is_date_unit(v.text) else i + 1, rules):
            continue  # dated items, then a headline over its date and summary like theirs: the listing's next item
        if not DOWNLOAD.search(v.text) and not digest and sidebar_item_body(
                units, i + 2 if is_date_unit(v.text) else i + 1, rules, lambda t: is_nav(t, rules),
                sentence_title=teaser_shape(u.text) == "summary"):
            continue  # a one-sentence summary, more sidebar items under it, then the page's own text: a teaser
        glued = glued_rest(v.text)
        why = ("date glued to the lead under the title" if glued is not None
               else "title, then its date with a document to download" if DOWNLOAD.search(v.text)
               else "title, then its date alone")
        if i > 0 and title_chrome(u.text, rules) and _anchored_title(units[i - 1].text, rules) and not (
                i > 1 and is_date_unit(units[i - 2].text)):
            # "Title" / "Photo: press service of …" (or "Download (PDF, 220 KB)") / "12.05.2025": the credit or
            # the download line between the title and its date is the Article's chrome, the line above the title
            return Layout(i - 1, (i + 1,), i + 2, n, v.start + glued if glued is not None else None, rule="date",
                          reasons=[why, "a credit or download line between the title and its date"], subtitles=(i,))
        return Layout(i, (i + 1,), i + 2, n, v.start + glued if glued is not None else None, rule="date",
                      reasons=[why])
    # B': a title, then a place and month-name date line ("October 7, 2020, Moscow"), then prose
    for i in range(n - 2):
        u, v = units[i], units[i + 1]
        if (not (v.text[:1].isalpha() or (v.text[:1].isdigit() and _MONTH_NAME.match(v.text.lstrip("0123456789 "))))
                or not place_date_line(v.text)
                or not _anchored_title(u.text, rules) or place_date_line(u.text)):
            continue
        if i > 0 and date_line(units[i - 1].text):
            continue  # u is the summary of a dated sidebar's item
        if month_date_alone(v.text) and any(month_date_alone(w.text) for w in units[i + 2 : i + 6]):
            continue  # more dates in words right after: the rhythm of a dated sidebar
        if i > 0 and all(is_nav(w.text, rules) or is_boilerplate(w.text, rules) for w in units[i + 2 :]):
            continue  # "CSTO Secretariat" / "Moscow, 14 March 2026" over the footer only: a text's closing signature
        if not _prose(units[i + 2].text, rules) and not salutation(units[i + 2].text, rules) and not (
                i + 3 == n and len(units[i + 2].text) >= 40) and not _undated_rest(units, i + 2):
            continue  # (a speech's salutation may follow the place and date: "Esteemed heads of state!")
        return Layout(i, (i + 1,), i + 2, n, rule="month-date", reasons=["title, then a place and date line"])
    # D: a title straight before the first question of an interview
    for i in range(n - 1):
        u, v = units[i], units[i + 1]
        if "?" not in v.text[:600] or not _opening_title(units, i, rules):
            continue
        if i > 0 and is_date_unit(units[i - 1].text):
            continue
        if (v.text.startswith("1") and NUMBERED_QUESTION.match(v.text)) or DASH_TURN.match(v.text):
            return Layout(i, (), i + 1, n, rule="question", reasons=["title right above an interview's first question"])
    # D2: a title, a lead that says an interview follows ("X, a researcher at …, answers questions from …"),
    # then the first numbered or dash question
    for i in range(n - 2):
        w = units[i + 2]
        if "?" not in w.text[:600] or not (
                (w.text.startswith("1") and NUMBERED_QUESTION.match(w.text)) or DASH_TURN.match(w.text)):
            continue
        if not _prose(units[i + 1].text, rules) or not _opening_title(units, i, rules):
            continue
        if i > 0 and is_date_unit(units[i - 1].text):
            continue
        if rules.interview_title.search(units[i].text) or rules.interview_title.search(units[i + 1].text):
            return Layout(i, (), i + 1, n, rule="question",
                          reasons=["title over a lead announcing an interview, then its first question"])
    prefixed = _prefixed_interview(units, rules)
    if prefixed is not None:
        return prefixed
    # D': a title straight before a speech's salutation ("Dear colleagues!")
    for i in range(n - 1):
        u, v = units[i], units[i + 1]
        if salutation(v.text, rules) and _opening_title(units, i, rules):
            if i > 0 and is_date_unit(units[i - 1].text):
                continue
            above = _speech_title_above(units, i, rules)
            if above is not None:
                return Layout(above, (), above + 1, n, rule="salutation",
                              reasons=["speech title over its heading lines and the salutation"])
            return Layout(i, (), i + 1, n, rule="salutation", reasons=["title right above a speech's salutation"])
    return None


# a speech's heading under its title: "Speech" / "at the plenary session on …" / "(Astana, 12 June 2024)"
_SPEECH_HEADING_LINES = 3
_SPEECH_HEADING_MAX = 150
_BRACKETED = re.compile(r"\(.{4,80}\)")


def _speech_heading_line(text: str) -> bool:
    """A line of a speech's heading: bracketed (``(Astana, 12 June 2024)``), lower-case and unclosed
    (``at the plenary session on …``) or a word or two (``Speech``)."""
    t = text.strip()
    if INITIALS_THEN_OFFICE.fullmatch(t) and len(t) <= _SPEAKER_LINE_MAX:
        return True  # "V.V. Volodin, Chairman of the State Duma …, Chairman of the …": the speaker and his offices
    if not t or len(t) > _SPEECH_HEADING_MAX:
        return False
    if _BRACKETED.fullmatch(t):
        return True
    if t[-1] in "!?;:" or (t[-1] == "." and not _INITIALS_NAME_END.search(t)):
        return False
    if _INITIALS_NAME_END.search(t) or place_date_line(t):
        return True  # "Chairman of the …, V.V. Surname" (the speaker's office and name), "Minsk, 12 June 2024"
    if _CAPS_HEADING.fullmatch(t):
        return True  # "CSTO SECRETARY GENERAL TALATBEK MASADYKOV": the speaker's office and name in capitals
    words = t.split()
    if "," in t and len(words) <= _VENUE_WORDS and not any(c.isdigit() for c in t) and all(
            w[:1].isupper() or w in _VENUE_SMALL_WORDS for w in words):
        return True  # "St. Petersburg, Tauride Palace": the place and the hall
    return t[0].islower() or (len(words) <= 2 and t[0].isupper() and not any(c.isdigit() for c in t))


# initials, a surname, a comma and the offices, no closing stop: the speaker's line under a speech's title
INITIALS_THEN_OFFICE = re.compile(rf"(?P<name>{INITIALS}{SURNAME}),\s+(?P<office>[A-Z][^.!?;:]*[^.!?;:\s])")
_SPEAKER_LINE_MAX = 300
# a line in capitals of two to ten words, no figures ("CSTO SECRETARY GENERAL TALATBEK MASADYKOV")
_CAPS_HEADING = re.compile(r"[A-Z][A-Z.’'-]*(?:[ \u00a0]+[A-Z][A-Z.’'-]*){1,9}")
# "… V.V. Surname" / "… Surname V.V." at a line's end: a name written with its initials
_INITIALS_NAME_END = re.compile(rf"(?:\b{INITIALS}{SURNAME}|\b[A-Z][a-z]+\s(?:[A-Z]\.\s?){{1,2}})\s*$")
# a venue under a speech's title is a place and a hall: a few capitalised words
_VENUE_WORDS = 6
_VENUE_SMALL_WORDS = frozenset({"of", "the", "and", "de"})


# "Speech of the Deputy Secretary General" under the title: a short line naming the speech again (and
# maybe its speaker: "Speech of the Secretary General of the CSTO Taalatbek Masadykov")
_SPEECH_NAME_WORDS = 12


def _speech_title_above(units: list[Unit], i: int, rules: Rules) -> int | None:
    """Over the salutation, up to three heading lines under the title that names the speech: the
    title's index (None: unit ``i`` is the title)."""
    k = i
    addressed = False
    while k > 0 and i - k < _SPEECH_HEADING_LINES and (
            _speech_heading_line(units[k].text) or address_line(units[k].text, rules)):
        addressed = addressed or _ADDRESSEE.match(units[k].text) is not None
        k -= 1
    if k != i and (_speech_heading_line(units[k].text) or address_line(units[k].text, rules) or not (
            _speech_headline(units, k, rules) or (addressed and _title_like(units[k].text, rules, strict=True)))):
        return None  # (over "To His Excellency" / "Mr. …," a message's title need not name a speech)
    t = units[k].text
    # a short line naming the speech (``Speech of the …``) under a longer headline naming it: a heading
    if (k > 0 and len(t.split()) <= _SPEECH_NAME_WORDS and rules.speech_text_title.match(t) is not None
            and _speech_headline(units, k - 1, rules) and len(units[k - 1].text) > len(t)):
        return k - 1
    return k if k != i else None


# a letter's address block over its salutation: "To His Excellency", "Mr. Kassym-Jomart Tokayev,", and the
# addressee's office ("President of the Republic of Kazakhstan")
_ADDRESSEE = re.compile(r"(?:To\s+)?(?:(?:His|Her|Their|Your)\s+Excellenc(?:y|ies)|(?:Mr|Mrs|Ms|Madam|Dr)\.?\s+[A-Z][^.!?]*)[,.]?$")
_ADDRESS_LINE_MAX = 120


def address_line(text: str, rules: Rules) -> bool:
    """A line of a letter's address block (an addressee, an office alone), never a sentence."""
    t = text.strip()
    return len(t) <= _ADDRESS_LINE_MAX and (_ADDRESSEE.fullmatch(t) is not None or office_line(t, rules))


def _speech_headline(units: list[Unit], k: int, rules: Rules) -> bool:
    t = units[k].text
    return (_title_like(t, rules, strict=True) and rules.speech_title.search(t) is not None
            and not (k > 0 and is_date_unit(units[k - 1].text)))


# a short heading inside a biography ("Education") is not a listing's headline
_SECTION_HEADING_WORDS = 5


def _undated_rest(units: list[Unit], k: int) -> bool:
    """Two lines or more from unit ``k`` to the page's end, none of them a date or place-and-date line: what
    a title and its place and date line head when no lead follows (a gallery's captions, a law's chapters);
    under a dated sidebar's item, more dates follow."""
    return len(units) - k >= 2 and not any(date_line(u.text) or place_date_line(u.text) for u in units[k:])


def _prose(text: str, rules: Rules) -> bool:
    """A sentence or more of text (not a headline, date, question turn or navigation)."""
    return (len(text) >= 40 and text.rstrip().endswith((".", "!", "…", "”", '"', "»"))
            and not DATE_FIRST.match(text) and not DASH_TURN.match(text) and not is_nav(text, rules))


def _more_items(units: list[Unit], k: int, rules: Rules) -> bool:
    """Another headline with a summary after unit ``k``, before any navigation."""
    for j in range(k, len(units) - 1):
        t = units[j].text
        if is_nav(t, rules):
            return False
        if (len(t.split()) > _SECTION_HEADING_WORDS and _title_like(t, rules, strict=True)
                and _prose(units[j + 1].text, rules)):
            return True
    return False


def mostly_cyrillic(text: str) -> bool:
    if text.isascii() or _CYRILLIC.search(text) is None:  # isascii: no scan of an English line
        return False
    letters = len(_LETTER.findall(text))
    return letters > 0 and len(_CYRILLIC.findall(text)) / letters > 0.5


def is_boilerplate(text: str, rules: Rules, *, cyrillic: bool = True) -> bool:
    """Navigation, contact and e-mail lines, and (on an English page) short lines mostly in Cyrillic."""
    memo = _BOILERPLATE if cyrillic else _BOILERPLATE_LATIN
    known = memo.get(text, rules)
    if known is not None:
        return known
    answer = _is_boilerplate_of(text, rules, cyrillic)
    memo.put(text, rules, answer)
    return answer


_BOILERPLATE, _BOILERPLATE_LATIN = _LineMemo(), _LineMemo()


def _is_boilerplate_of(text: str, rules: Rules, cyrillic: bool) -> bool:
    if menu_line(text, rules) or menu_items(text):
        return True
    if len(text) > 300:
        return False
    if rules.nav.fullmatch(text) or ("@" in text and _EMAIL.search(text)) or pager(text):
        return True
    if rules.contact.search(text):
        # a dated summary that tells of press services ("On 14 October, a meeting of the press
        # services of … was held in Astana."): a teaser or the text, no contact line
        if starts_with_date(text, rules) and text.rstrip().endswith("."):
            return False
        # a press service in a headline or a summary sentence ("The heads of the press services of … met
        # in Minsk"): a teaser; only a short credit line ("Press service of the CSTO Secretariat") or a
        # contact entry is boilerplate
        words = len(text.split())
        return (words <= _CREDIT_WORDS or (words <= _CREDIT_MAX_WORDS and _verbless(text) and not text.rstrip().endswith("."))
                or _CONTACT_ENTRY.search(text) is not None)
    return cyrillic and mostly_cyrillic(text)


_CREDIT_WORDS = 8
_CREDIT_MAX_WORDS = 12
# what makes a line a contact entry whatever its length: an address, a phone, a copyright
_CONTACT_ENTRY = re.compile(r"(?i:e-?mail\s*:|\btel\.?\s*:|phone\s*:|\bfax\s*:|©|\(c\)\s*(?:19|20)\d\d|all rights reserved"
                            r"|^(?:postal )?address\s*:|эл\.?\s*почта|тел\.|телефон|все права защищены|^адрес\s*:)")


# A site's menu flattened into one line is a few hundred characters (the longest on every page of
# the seven evaluation sets and the seeds: 873; their longest line of any kind: 1,422): a longer
# line is text, and the checks below, linear in the line, stay bounded on a 20 MB line with no
# punctuation (9 s of a parse before this guard, none after)
_MENU_MAX = 5000


def menu_line(text: str, rules: Rules) -> bool:
    """A site menu flattened into one line: capitalised names one after another, no sentence
    punctuation and almost no function words (a headline in title case has its ``of the``)."""
    if len(text) > _MENU_MAX or any(c in text for c in ".,;:!?"):
        return False
    words = text.split()
    if len(text) < _MENU_CHARS:
        # "Home News Contacts": a short line only of capitalised words, three of them a menu's own
        return (all(w[:1].isupper() for w in words)
                and len({w for w in words if w in _MENU_ITEM_NAMES}) >= _MENU_ITEM_NAMES_MIN)
    if len(words) < _MENU_WORDS:
        return False
    content = [w for w in words if w.casefold() not in rules.stop_words]
    if text.upper() == text:
        return False  # a headline in capitals is no menu
    if len({w for w in words if w in _MENU_ITEM_NAMES}) >= _MENU_ITEM_NAMES_MIN:
        return True  # "Main About the CSTO Structure of the CSTO Documents Press center Contacts": a menu's own words
    # a short line needs to be names only; a long unpunctuated one may hold "Council of Ministers of …"
    # (a capitalised item such as "About CSTO" is a menu's word; a headline's "of the" is lower case)
    lower_stops = sum(1 for w in words if w.casefold() in rules.stop_words and not w[:1].isupper())
    if len(text) < _MENU_LONG and lower_stops > _MENU_STOP_SHARE * len(words):
        return False
    return sum(1 for w in content if w[:1].isupper()) >= 0.8 * len(content)


# a menu's items on one line, set apart by a bar, a bullet, a tab or two spaces (a headline's words
# are set apart by one space)
_ITEM_SEPARATOR = re.compile(r"\s*[|•·]\s*|\t\s*| {2,}")
_MENU_LINE_MAX = 200


def menu_items(text: str) -> bool:
    """A site menu on one line: three or more items set apart by a bar, a bullet, a tab or two
    spaces, each of at most three words and 30 characters, capitalised, with no sentence
    punctuation and no date (``News  Announcements  Interviews``, ``Photo • Video • Infographics``)."""
    # (the length first, then the substring tests, one-character ones before ``"  "``, whose search stops at
    # every space of a line: most lines hold no separator)
    if len(text) > _MENU_LINE_MAX or not ("|" in text or "\t" in text or "•" in text or "·" in text or "  " in text):
        return False
    if "|" in text and text in TABLE_ROWS.get():
        return False  # a table's header row on this page ("Exercise | Dates | Place")
    items = [x for x in _ITEM_SEPARATOR.split(text.strip()) if x]
    return len(items) >= _MENU_RUN and all(
        len(x) <= _MENU_ITEM_CHARS and len(x.split()) <= _MENU_ITEM_WORDS and x[:1].isupper()
        and not any(c in x for c in ".,;:!?") and not any(c.isdigit() for c in x) for x in items)


def menu_lines(units: list[Unit]) -> set[int]:
    """Units of a site menu laid out one item a line: a run of three or more lines of at most
    three words each, with no sentence punctuation and no date (``Home``, ``About CSTO``,
    ``Documents``); a headline-only teaser is longer, a heading inside an Article stands alone."""
    out: set[int] = set()
    run: list[int] = []
    for k, u in enumerate([*units, None]):
        t = u.text if u is not None else ""
        if u is not None and len(t) <= _MENU_ITEM_CHARS and len(t.split()) <= _MENU_ITEM_WORDS and (
                t[-1] not in ".!?:;,") and _LETTER.search(t) and not DATE_FIRST.match(t):
            run.append(k)
            continue
        # (a heading broken over short lines, "Article 7" / "Procedure for crossing" / "the state
        # border", goes on in lower case; a menu's items are capitalised)
        if len(run) >= _MENU_RUN and not any(units[j].text[:1].islower() for j in run):
            out.update(run)
        run = []
    return out


def is_nav(text: str, rules: Rules) -> bool:
    """A navigation line (``Go back``, ``Next``, a page number run). ``First.`` with its full stop
    heads the first item of a text's enumeration; pagination's ``First`` carries no stop."""
    if text[:1] in _PAGER_FIRST and pager(text):
        return True
    # a cookie notice ("We use cookies … you agree to this.") is the one long navigation line: the site's chrome
    return (len(text) <= 80 or (len(text) <= _NOTICE_MAX and "ookie" in text)) and rules.nav.fullmatch(text) is not None and not (
        text[-1:] in ".:" and text[:-1].rstrip().lower() in _ENUMERATION_WORDS)


_NOTICE_MAX = 300


_PAGE_NUMBER = re.compile(r"\d{1,4}")


def pager(text: str) -> bool:
    """``« Previous 1 2 3 … Next »``: a pager (two page numbers or more, never a lone list number)."""
    return (text[:1] in _PAGER_FIRST and len(text) <= 80 and _PAGINATION.fullmatch(text) is not None
            and len(_PAGE_NUMBER.findall(text)) >= 2)


# what a pager's first piece opens with (a cheap refusal of the other lines: pager() runs on every is_nav)
_PAGER_FIRST = frozenset("0123456789….«‹<»›>NnPpFfLlOo")


_ENUMERATION_WORDS = frozenset(("first", "last"))


@dataclass
class Tail:
    """Where the Article ends, and the related-news teasers between it and the footer."""

    end: int  # first unit after the Article
    teasers: range = range(0)  # units after the Article that are teasers, not boilerplate


def _related_start(units: list[Unit], k: int, body: int, rules: Rules) -> int | None:
    """Unit ``k`` opens a block of related news after the text: its first unit, or None."""
    t = units[k].text
    if len(t) <= 60 and rules.related_header.fullmatch(t):
        return k
    # a dated item ("15.05.2024" then its headline) after the lead and one more unit, or a run
    # of such items right after the lead (a section's listing under its introduction); the
    # headline may come first
    if (k + 1 < len(units) and t[:1].isdigit() and is_date_unit(t) and not is_nav(units[k + 1].text, rules)
            and (k > body + 1 or (k == body + 1 and _items_after(units, k, rules) >= 2))):
        prev = units[k - 1].text
        if k - 1 > body + 1 and _title_like(prev, rules, strict=True) and len(prev) <= 200:
            header = k - 2 >= body and rules.related_header.fullmatch(units[k - 2].text)
            return k - 2 if header else k - 1
        return k
    return None


_TEASER_WORDS = 5


# the footer lines looked past for news items after it ("Go back", "Print version", a share line)
_FOOTER_REACH = 4


def _item_after_footer(units: list[Unit], k: int, rules: Rules) -> bool:
    """Unit ``k`` opens a news item: a headline over a date line (a summary under it), a date line over a
    summary, a date glued to its summary, or a teaser pair."""
    n = len(units)
    t = units[k].text
    if is_date_unit(t) or glued_rest(t) is not None:
        return k + 1 < n or glued_rest(t) is not None
    return (k + 1 < n and _title_like(t, rules, strict=True) and is_date_unit(units[k + 1].text)) or (
        _teaser_pair(units, k, rules))


# an undated sidebar after the footer: at least two items, each a headline or a summary of six words or more
_UNDATED_ITEMS_MIN = 2
_UNDATED_ITEM_WORDS = 6
_UNDATED_ITEM_MAX = 300


def _undated_items_after_footer(units: list[Unit], k: int, rules: Rules) -> int | None:
    """Unit ``k`` (the first after the footer's navigation, "Go back" / "Tags: …" / "Other news") opens a
    sidebar of undated items, a headline or a one-sentence summary a line, down to the next footer line or
    the page's end (the last one may be the excerpt's cut fragment): its first unit, or None."""
    n = len(units)
    items = 0
    for j in range(k, n):
        t = units[j].text
        if is_boilerplate(t, rules) or copyright_line(t):
            break
        words = len(t.split())
        if j == n - 1 and items >= _UNDATED_ITEMS_MIN and words < _UNDATED_ITEM_WORDS:
            items += 1  # "A delegation of the": the excerpt cut inside the sidebar's next item
            break
        if (words < _UNDATED_ITEM_WORDS or len(t) > _UNDATED_ITEM_MAX or not t[:1].isupper()
                or is_date_unit(t) or _INNER_STOP.search(t)):
            return None
        items += 1
    return k if items >= _UNDATED_ITEMS_MIN else None


def _teaser_pair(units: list[Unit], k: int, rules: Rules) -> bool:
    """Units ``k`` and ``k + 1`` are a teaser after the text: a headline (more than five words, no
    closing mark) and a summary opening with its date, then the page's end, navigation or the
    next headline."""
    n = len(units)
    t = units[k].text
    if k + 1 >= n or not _teaser_headline(t, rules):
        return False
    summary = units[k + 1].text
    if not (starts_with_date(summary, rules) and summary.rstrip().endswith(".")):
        return False
    return k + 2 >= n or is_nav(units[k + 2].text, rules) or _title_like(units[k + 2].text, rules, strict=True)


_HEADLINE_RUN = 2
_TEASER_MAX = 160
_INNER_STOP = re.compile(r"\w[.!?]\s+[A-Z“\"«(]")


def _teaser_headline(t: str, rules: Rules) -> bool:
    """A teaser's headline: more than five words, at most 160 characters, one phrase with no closing
    mark and no sentence break inside."""
    if len(t) > _TEASER_MAX or t.rstrip()[-1:] in ".!?;,:)":
        return False  # (most units of a text end in a full stop: the cheap test first)
    return (len(t) <= _TEASER_MAX and len(t.split()) > _TEASER_WORDS and _title_like(t, rules, strict=True)
            and t.rstrip()[-1:] not in "?:)" and not _INNER_STOP.search(t))


def _headline_run(units: list[Unit], k: int, rules: Rules) -> bool:
    """From unit ``k`` to the page's end or its navigation, two or more headlines one a line (more
    than five words each, no closing mark): headline-only teasers after the text."""
    j = k
    while j < len(units) and not is_nav(units[j].text, rules):
        t = units[j].text
        if not _teaser_headline(t, rules):
            return False
        j += 1
    return j - k >= _HEADLINE_RUN


def _items_after(units: list[Unit], k: int, rules: Rules) -> int:
    """How many date line, headline items run from unit ``k``."""
    count = 0
    while k + 1 < len(units) and is_date_unit(units[k].text) and not is_nav(units[k + 1].text, rules) and (
            not is_date_unit(units[k + 1].text)):
        count += 1
        k += 2
    return count


# the crawler keeps a page's first 2,000 UTF-8 bytes, cut mid-word (a partial character dropped); the real
# pages' excerpts are 1,996 to 2,000 bytes long
_EXCERPT_BYTES = 2000
_PARTIAL_CHAR = 4
_FRAGMENT_CLOSERS = (".", "!", "?", "”", '"', "»", ":", ";", ")")


def excerpt_cut_off(text: str) -> bool:
    """The page is the crawler's excerpt, cut at its byte limit: its last line ran on beyond it."""
    n = len(text)
    if n > _EXCERPT_BYTES or 4 * n < _EXCERPT_BYTES - _PARTIAL_CHAR or text[-1:].isspace() and text[-1:] != " ":
        return False
    return _EXCERPT_BYTES - _PARTIAL_CHAR <= len(text.encode("utf-8", "surrogatepass")) <= _EXCERPT_BYTES


def _cut_fragment(units: list[Unit], body: int, rules: Rules, cyrillic_footer: bool) -> bool:
    """The page's last unit is the start of a paragraph the excerpt cut, right after the Article's
    text (a sentence ended above it; it closes none): text of the Article, whatever its words look
    like (``The press service of the``, capitalised names one after another: no footer, no menu)."""
    n = len(units)
    if n - 1 <= body:
        return False
    last, above = units[-1].text, units[-2].text.rstrip()
    return (not last.rstrip().endswith(_FRAGMENT_CLOSERS) and above.endswith(_FRAGMENT_CLOSERS)
            and not (cyrillic_footer and mostly_cyrillic(last)) and not menu_items(last)
            and not rules.caption.match(last))  # ("Photo: press service of …": a credit; the walk-back keeps it)


_NOTE_WORDS = 6
# what a footer's sentence holds and a contacts page's note does not: a copyright, an address to write to
_FOOTER_MARK = re.compile(r"©|\(c\)\s*\d|rights reserved|права защищены|@|https?://|www\.", re.IGNORECASE)


def _contacts_note(text: str, cyrillic_footer: bool) -> bool:
    """A sentence of text (six words or more, a closing stop) with no copyright or address in it."""
    t = text.rstrip()
    return (len(t.split()) >= _NOTE_WORDS and t.endswith((".", "!")) and not LABEL_VALUE.match(t)
            and _FOOTER_MARK.search(t) is None and not (cyrillic_footer and mostly_cyrillic(t)))


# the footer lines an article page ends with; a cut excerpt may keep only their first letters
_FOOTER_LINES = ("go back", "back to the section", "back to the all news", "back to all news", "back to the news",
                 "back to the list", "print version", "version for the visually impaired")


def _mentions_contact(text: str, rules: Rules, cyrillic_footer: bool) -> bool:
    """A sentence of the text that names a press service inside it (``Accreditation … through the press
    service of the Secretariat will open on 1 September.``): no contact line, which opens with its office."""
    if not _contacts_note(text, cyrillic_footer) or "@" in text or is_nav(text, rules):
        return False
    m = rules.contact.search(text)
    return m is not None and m.start() > 0


def _footer_fragment(text: str) -> bool:
    """``Go``, ``Go ba``, ``Back to the``: the start of a footer line, cut by the excerpt."""
    t = " ".join(text.split()).casefold()
    return 2 <= len(t) and any(line.startswith(t) and line != t for line in _FOOTER_LINES)


# a digest's items: a date line over one sentence, the dates within this many days before the Article's own
_DIGEST_DAYS = 14
_DIGEST_ITEMS = 2


def _digest_run(units: list[Unit], k: int, on: dt.date | None) -> int:
    """Where a digest's run of items from unit ``k`` ends (``k``: no run): date lines each over one sentence
    that opens with no date of its own, the dates running forward, none after the Article's day ``on`` nor more
    than two weeks before it, two items or more (a sidebar's items are headlines, dated summaries or other
    days; a listing's run backward)."""
    if on is None:
        return k
    j, items = k, 0
    before = on - dt.timedelta(days=_DIGEST_DAYS)
    while j + 1 < len(units) and is_date_unit(units[j].text):
        day, _ = numeric_date(units[j].text)
        item = units[j + 1].text.rstrip()
        # (a digest's days run forward; a listing's newest item comes first)
        if (day is None or not before <= day <= on
                or not item.endswith(".") or _INNER_STOP.search(item) or DATE_FIRST.match(item)
                or is_date_unit(item)):
            break
        before = day
        j, items = j + 2, items + 1
    return j if items >= _DIGEST_ITEMS else k


_ITEM_NUMBER = re.compile(r"(\d{1,2})([.)])(?:\s|$)")


def _next_item_number(above: str, text: str) -> bool:
    """``text`` opens with the number after the one ``above`` opens with, the same separator (``3. …`` / ``4.``)."""
    a, b = _ITEM_NUMBER.match(above), _ITEM_NUMBER.match(text.strip())
    return a is not None and b is not None and a[2] == b[2] and int(b[1]) == int(a[1]) + 1


_BAR = " | "


def has_bar(text: str) -> bool:
    """``" | " in text``, the bar looked for alone first: a search for ``" | "`` stops at every space of
    the text (a generated site's page: 9 us, where a bar alone is 0.4)."""
    return "|" in text and _BAR in text


_BAR_TABLE_ROWS = 2
_MENU_CELL_WORDS = 3


def bar_cells(text: str) -> list[str] | None:
    """The cells of a row written with ``|`` between them (two or more), or None."""
    if not has_bar(text):
        return None
    cells = [c.strip() for c in text.split("|")]
    return cells if len(cells) >= 2 and all(cells) else None


def bar_table(units: list[Unit], start: int = 0) -> set[int]:
    """Rows of a table written with ``|`` between its cells (``State | Personnel | Units`` over ``Republic of
    Armenia | 450 | 3``): two or more lines in a row with as many cells each, some cell holding a number or
    more words than a menu's item. A menu of links set apart by bars is one line of short words."""
    out: set[int] = set()
    run: list[int] = []
    width = 0
    for k in range(start, len(units) + 1):
        cells = bar_cells(units[k].text) if k < len(units) else None
        if cells is not None and (not run or len(cells) == width):
            run.append(k)
            width = len(cells)
            continue
        if len(run) >= _BAR_TABLE_ROWS and any(
                any(ch.isdigit() for ch in c) or len(c.split()) > _MENU_CELL_WORDS
                for j in run for c in bar_cells(units[j].text) or []):
            out.update(run)
        run = [k] if cells is not None else []
        width = len(cells) if cells is not None else 0
    return out


_WORD = re.compile(r"[^\W\d_]{4,}")
# a listing: two dated items or more above a headline (one dated sidebar item may stand over a real Article)
_LISTED_DATES = 2
_STEM = 5


def _shares_a_word(title: str, lead: str, rules: Rules) -> bool:
    """The lead names something the title names: a word of four letters or more, not a stop word, in both
    (compared on its first five letters: ``exercise`` / ``exercises``, ``Belarus`` / ``Belarusian``)."""
    words = {w.casefold()[:_STEM] for w in _WORD.findall(title) if w.casefold() not in rules.stop_words}
    return any(w.casefold()[:_STEM] in words for w in _WORD.findall(lead) if w.casefold() not in rules.stop_words)


# a media link line: "Video", "Photo gallery", "Watch on RUTUBE", "Watch the video", "Listen to the interview"
_MEDIA_LINK = re.compile(r"(?:videos?|photos?|photo ?gallery|gallery|audio|watch(?: the)?(?: video)?(?: on [\w .-]{2,20})?"
                         r"|listen(?: to [\w .-]{2,30})?|видео|фото(?:галерея)?|смотреть(?: на [\w .-]{2,20})?)\s*[:.»>→]*",
                         re.IGNORECASE)
_MEDIA_LINES = 3
# a video's duration and view counter: "02:14 | Views: 1,245", "Duration: 04:37", "Views: 87", "04:37"
_CLIP_META = r"(?:(?:duration\s*:?\s*)?\d{1,2}:\d\d(?::\d\d)?|views?\s*:?\s*\d[\d\s.,]*)"
_MEDIA_META = re.compile(rf"{_CLIP_META}(?:\s*[|·•,]\s*{_CLIP_META})*", re.IGNORECASE)
_MEDIA_LINK_MAX = 40


def media_lines_over_text(units: list[Unit], body: int) -> int:
    """Where the text starts under a run of media link lines opening the Article's body (``Video`` / ``Watch on
    RUTUBE`` over the lead; three at most, a paragraph of prose under them); ``body`` when there is none."""
    k = body
    while k < len(units) and k - body < _MEDIA_LINES and len(units[k].text) <= _MEDIA_LINK_MAX and (
            _MEDIA_LINK.fullmatch(units[k].text.strip()) or _MEDIA_META.fullmatch(units[k].text.strip())):
        k += 1
    if k == body or k >= len(units):
        return body
    t = units[k].text.rstrip()
    return k if len(t) >= _LEAD_MIN and t.endswith((".", "!", "?", "”", "»", '"')) and not is_date_unit(t) else body


def media_files_in_text(units: list[Unit], k: int, rules: Rules) -> int:
    """Where the text goes on under a media link inside the body that names its file (``Video`` /
    ``meeting_2024.mp4`` between two paragraphs: the story's embedded media, no footer): the first unit after
    the link and its file names (three lines at most, one file name at least) when it is a paragraph of
    prose; ``k`` when there is none."""
    j = k + 1
    while j < len(units) and j - k <= _MEDIA_LINES and _file_line(units[j].text, rules):
        j += 1
    if j == k + 1 or j >= len(units) or len(units[k].text) > _MEDIA_LINK_MAX or not _MEDIA_LINK.fullmatch(
            units[k].text.strip()):
        return k
    t = units[j].text.rstrip()
    return j if len(t) >= _LEAD_MIN and t.endswith((".", "!", "?", "”", "»", '"')) and not is_date_unit(t) else k


def media_link_over_file(link: str, below: str, rules: Rules) -> bool:
    """``Video`` over ``meeting_2024.mp4``: a media link line over its file's name (the story's media)."""
    return len(link) <= _MEDIA_LINK_MAX and _MEDIA_LINK.fullmatch(link.strip()) is not None and _file_line(
        below.split("\n", 1)[0], rules)


def _file_line(text: str, rules: Rules) -> bool:
    t = text.strip()
    return len(t) <= _FILE_LINE_MAX and "." in t[-6:] and rules.file_name.fullmatch(t) is not None


# the site footer's copyright line: "© 2009–2020 …", "(c) 2024 …", "Copyright 2015 …", "… All rights reserved."
_COPYRIGHT = re.compile(r"©|\(c\)\s*(?:19|20)\d\d|copyright\s+(?:©\s*)?(?:19|20)\d\d|.{0,120}\ball rights reserved\b",
                        re.IGNORECASE)
_COPYRIGHT_MAX = 200


def copyright_line(text: str) -> bool:
    """A line of the site's footer holding its copyright (opening with ``©`` or saying all rights are reserved)."""
    return len(text) <= _COPYRIGHT_MAX and ("©" in text[:3] or "(c)" in text[:3].lower() or text[:9].lower() == "copyright"
                                            or "rights reserved" in text.lower()) and _COPYRIGHT.match(text) is not None


def article_end(units: list[Unit], body: int, rules: Rules, shared: Shared | None, *, title: str = "",
                cut: bool = False, on: dt.date | None = None) -> Tail:
    """The first footer unit after the Article body (len(units) when none), and related teasers.
    ``cut``: the page is the crawler's excerpt cut at its byte limit (``excerpt_cut_off``); ``on``: the
    Article's date (a digest's dated items within the two weeks before it are its own)."""
    n = len(units)
    # Russian footer lines on an English page are boilerplate; on a Russian page they are text
    cyrillic_footer = not mostly_cyrillic(title)
    end = n
    related: int | None = None
    skip = body
    table = bar_table(units, body)
    # "Video" / "Watch on RUTUBE" right under the dateline, over the lead: the story's media links, no footer
    skip = media_lines_over_text(units, body)
    for k in range(body, n):
        if k < skip or k in table:
            continue  # (a digest's items; a table's rows between the text's paragraphs)
        t = units[k].text
        if on is not None and t[:1].isdigit():
            skip = _digest_run(units, k, on)
            if skip > k:
                continue
        if k > body and len(t) <= _MEDIA_LINK_MAX and t[-4:].isalpha():
            skip = media_files_in_text(units, k, rules)
            if skip > k:
                continue  # "Video" / "meeting_2024.mp4" between paragraphs: the story's media, its text goes on
        # a lone number is pagination only in a run of navigation, never a list number in the text
        # (nor the excerpt's cut last item of a numbered list: "3. …" then "4.")
        if is_nav(t, rules) and (not t[:1].isdigit() or k + 1 >= n or is_nav(units[k + 1].text, rules)) and not (
                k + 1 >= n and k > body and _next_item_number(units[k - 1].text, t)):
            end = k
            break
        if k > body and copyright_line(t):
            end = k  # "© 2009–2020 Collective Security Treaty Organization. All rights reserved.": the site's footer
            break
        if title and t[:1].isdigit() and within_title_span(title, t):
            continue  # "19 March, online – …" under "Schedule of events for the week of 17–21 March 2025": its own
        if k > body and len(t) <= BOX_HEADER_MAX and box_over_dated_items(units, k):
            end, related = k, k + 1  # "Announcements" over "08.11.2018 Session of …" lines: the header's chrome
            break
        if k > body and (len(t) <= 60 or t[:1].isdigit()):  # headers and date lines are short
            related = _related_start(units, k, body, rules)
            if related is not None:
                end = related
                break
        if k > body + 1 and not rules.caption.match(t) and (_teaser_pair(units, k, rules) or _headline_run(units, k, rules)):
            related = end = k
            break
    if end == n and cut and n > body + 1 and _footer_fragment(units[n - 1].text) and (
            units[n - 2].text.rstrip().endswith((".", "!", "?", "”", "»", '"'))):
        end = n - 1  # "Go" of "Go back": the excerpt cut inside the footer's first line, after the text
    teasers = range(0)
    if related is None and end < n:
        # after the footer's navigation, further items of the site (headline, date, summary): teasers
        after = next((j for j in range(end, min(n, end + _FOOTER_REACH)) if not is_boilerplate(units[j].text, rules)), n)
        if after < n and _item_after_footer(units, after, rules):
            related = after
        elif after + 1 < n and len(units[after].text) <= 60 and rules.related_header.fullmatch(units[after].text) and (
                not is_boilerplate(units[after + 1].text, rules)):
            related = after + 1  # "Go back", "Most read" (the footer's), then its headlines: teasers, not the footer
        elif end < after < n and len(units[after - 1].text) <= 60 and rules.related_header.fullmatch(
                units[after - 1].text) and _title_like(units[after].text, rules, strict=True):
            related = after  # "Go back", "Other news" (a navigation line too), then its headlines: teasers
        elif after < n:
            related = _undated_items_after_footer(units, after, rules)
    if related is not None:
        stop = next((j for j in range(related, n) if is_boilerplate(units[j].text, rules)), n)
        teasers = range(related, stop)
    text_end = end
    while end > body:
        if cut and end == n and _cut_fragment(units, body, rules, cyrillic_footer):
            break  # the excerpt's cut last paragraph, after the text: the Article's
        t = units[end - 1].text
        if end - 1 in table:
            break  # a table's last row (the excerpt cut after it): the text's
        if end == n and end - 2 >= body and t[:1].isdigit() and _next_item_number(units[end - 2].text, t):
            break  # "4." (or "4. The") cut by the excerpt under "3. …": the list's next item
        # ("Photo: press service of …" under the text: the Article's credit, though it names a press service)
        if (is_boilerplate(t, rules, cyrillic=cyrillic_footer) and not _mentions_contact(t, rules, cyrillic_footer)
                and not rules.caption.match(t)) or (
            shared is not None
            and shared[end - 1]
            and len(t) <= _SHARED_FOOTER_MAX
            and not t.rstrip().endswith((".", "!", "?", "”", '"'))
        ):
            end -= 1
        else:
            break
    if body < end < text_end and LABEL_VALUE.match(units[end].text) and (
            rules.other_title.search(title) or any(LABEL_VALUE.match(units[k].text) or units[k].text.endswith(":")
                                                   for k in range(body, end))):
        # "Address: …", "Telephone: …", "E-mail: …" under a contacts page's title or among such
        # lines (or their header) in its text: the page's own entries, not a footer
        while end < text_end and (LABEL_VALUE.match(units[end].text) or (
                units[end].text.endswith(":") and end + 1 < text_end and LABEL_VALUE.match(units[end + 1].text))):
            end += 1  # (and a header over more such entries: "Press service:" / "Phone: …")
        # a sentence of the page's own under its entries ("Journalists are accredited by the press service
        # of …."): the walk-back took it for a contact line for its "press service"
        while end < text_end and _contacts_note(units[end].text, cyrillic_footer):
            end += 1
    if end == body and body < n and is_boilerplate(units[body].text, rules) and not is_nav(units[body].text, rules):
        # a contacts page: its "Address: …" / "Phone: …" lines right under the title are its text;
        # only the menu and navigation after them are the footer
        end = next((k for k in range(body, n) if is_nav(units[k].text, rules) or menu_line(units[k].text, rules)), n)
        while end > body and mostly_cyrillic(units[end - 1].text) and cyrillic_footer:
            end -= 1
    return Tail(end, teasers)


class Shared:
    """Whether a unit's passage occurs on at least ``_SHARED_MIN_DOCS`` pages; hashed on demand,
    since only the few units around the article's edges are ever asked about."""

    def __init__(self, units: list[Unit], counts: dict[int, int]) -> None:
        self._units = units
        self._counts = counts
        self._known: dict[int, int] = {}

    def count(self, i: int) -> int:
        """How many pages of the corpus hold unit ``i``'s passage (1: only this one)."""
        known = self._known.get(i)
        if known is None:
            known = self._counts.get(passage_hash(self._units[i].text), 1)
            self._known[i] = known
        return known

    def pair_count(self, i: int) -> int:
        """How many pages hold unit ``i`` right after unit ``i - 1`` (unit 0: how many hold it)."""
        if i == 0:
            return self.count(0)
        return self._counts.get(pair_hash(passage_hash(self._units[i - 1].text), passage_hash(self._units[i].text)), 1)

    def __getitem__(self, i: int) -> bool:
        return self.count(i) >= _SHARED_MIN_DOCS


def shared_flags(units: list[Unit], counts: dict[int, int] | None) -> Shared | None:
    """Corpus evidence for ``units`` (None when there is no corpus context)."""
    return Shared(units, counts) if counts else None

