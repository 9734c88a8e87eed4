"""Inside the Article: labels for each unit, the Article's kind, and who speaks where."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from curator.core.parse.dates import MONTH_NAMES
from curator.core.parse.layout import DASH_TURN, NUMBERED_QUESTION, is_date_unit, month_date, office_line, place_date_line
from curator.core.parse.layout import bar_cells, fact_line, is_nav, menu_items, menu_line
from curator.core.parse.layout import table_cells as _cells
from curator.core.parse.layout import table_row as _table_row
from curator.core.parse.people import INITIAL_I, PATRONYMIC_ENDINGS, SIGNED_NAME, Mention, People, RoleBindings
from curator.core.parse.rules import Rules
from curator.core.parse.titles import (
    LABEL_VALUE,
    SECTION_NAME_MAX_WORDS,
    YEAR_LINE,
    approval_stamp,
    count_row,
    salutation,
    section_name,
    short_heading,
    title_month,
)
from curator.core.parse.units import Unit

HEADING_MAX = 150
_BARE_QUESTION_MAX = 600
HEADING_MAX_WORDS = 20
_SENTENCE_END = (".", "!", "?", ";", ",", "”", '"', "»", "…")
_LETTER = re.compile(r"[^\W\d_]")
# "2024", "1992–1999", "2009-10": a year or a span of years over the text about it
_YEAR = re.compile(r"(?:19|20)\d\d(?:\s*[-–—]\s*(?:(?:19|20)\d\d|\d\d))?")
_LIST_ITEM = re.compile(r"[-•·*▪]\s")
_LIST_MARKS = "-•·*▪"
_FILE_NAME_MAX = 90
# "(17 November 2021, Moscow)" under a speech heading: the date and place of the event
PARENTHETICAL = re.compile(r"\([^()]{3,120}\)")
# first-person words per word of body text above which a page reads as a speech
_FIRST_PERSON_SHARE = 0.012


@dataclass
class Piece:
    """A unit (or merged block of units) inside the Article, with its label and speaker."""

    start: int
    end: int
    text: str
    block: int
    label: str = "paragraph"
    speaker: str | None = None
    turn: str | None = None  # "I. Tasmagambetov" in "I. Tasmagambetov: …" (an interview turn's prefix)
    entry: bool = False  # an entry of the list whose header (``Contacts:``) stands right above its block


# "Chief of the Joint Staff - Surname Name Patronymic (Country)": an entry of a staff list
_DASH_ENTRY = re.compile(r"[^\s.].{2,80}?\s[-–—]\s\S")


# "3.Republic of Kazakhstan", "4) Kyrgyz Republic": an item's number and separator (not "1.1.")
_ITEM_NUMBER = re.compile(r"(\d{1,2})([.)])(?!\d)")
# who asked the questions, credited after the answers ("Interviewed by …", "Interview conducted by …")
_INTERVIEWER_CREDIT = re.compile(r"(?:interviewed|(?:the )?interview (?:was )?(?:conducted|taken|recorded|prepared)|"
                                 r"questions (?:were )?asked|conversation (?:was )?conducted)\s+by\s+[A-ZА-Я]",
                                 re.IGNORECASE)
_CREDIT_MAX = 120
# a point's number alone on its line ("4.", "12)"), its text on the next
_BARE_NUMBER = re.compile(r"\d{1,2}[.)]")


def _counted(text: str, prev: Piece | None, after: Piece | None) -> bool:
    """``text`` is numbered one more than the piece before it or one less than the piece after it,
    with the same separator: an item of a numbered list, not a numbered heading over its text."""
    m = _ITEM_NUMBER.match(text)
    if m is None:
        return False
    n, sep = int(m[1]), m[2]
    for other, step in ((prev, -1), (after, 1)):
        o = _ITEM_NUMBER.match(other.text) if other is not None else None
        if o is not None and o[2] == sep and int(o[1]) == n + step:
            return True
    return False


def _dash_entry(text: str) -> bool:
    """``Deputy Chief - Name (Country)``: a label, a spaced dash, a value (substring tests first)."""
    head = text[:_DASH_ENTRY_REACH]
    return (" - " in head or " – " in head or " — " in head) and _DASH_ENTRY.match(text) is not None


_DASH_ENTRY_REACH = 90
# "The first.", "Second:", "3rd." heading the items of a list
ENUMERATOR = re.compile(
    r"(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|firstly|secondly|thirdly"
    r"|\d{1,2}(?:st|nd|rd|th))\s*[.:]?", re.IGNORECASE)


def heading_like(text: str) -> bool:
    """Short, unpunctuated at the end, or a parenthetical ``(17 November 2021, Moscow)``."""
    if PARENTHETICAL.fullmatch(text) or ENUMERATOR.fullmatch(text) or _YEAR.fullmatch(text):
        return True  # ("2024" over that year's items)
    if len(text) > HEADING_MAX or text.rstrip().endswith(_SENTENCE_END) or not _LETTER.search(text):
        return False
    if text.rstrip().endswith(")") and _ASKER.search(text.rstrip()):
        return False  # "What languages should one know? (Dmitry, Minsk)": a reader's question, signed
    if len(text.split()) > HEADING_MAX_WORDS:
        return False
    first = text.lstrip("«“\"'(")[:1]
    return first.isupper() or first.isdigit()


# "cooperation. Head of …": a sentence ends inside the line (initials such as "I.N." do not)
_INNER_SENTENCE = re.compile(r"[a-z]{3,}[.;] +[A-Z][a-z]")
# A line of the story that is none of its text: a media line or a photo credit (``Photo: CSTO press service``,
# ``Video: …``, ``Duration: 02:15``, ``Download document (PDF, 1.2 MB)``) or a view counter (``Views: 1234``,
# ``Просмотров: 45``): short, one line, no sentence in it. The Article's boilerplate (2.182.0)
_MEDIA_MAX = 120
_MEDIA_WORDS = 16
_MEDIA_LINE = re.compile(r"(?i:(?:download|скачать)\b|(?:views?|viewed|просмотр\w*)\s*:?\s*\d[\d\s.,]*(?:times)?$)")
_NOT_MEDIA = re.compile(r"(?i:source|источник)")  # "Source: TASS": whose report the text is, a line of it


# "Photo: Joint Staff press service.jpgOn 10 September, …": a photo's credit and file name glued to the text
_GLUED_FILE = re.compile(r"\.(?i:jpe?g|png|gif|webp)(?=[A-Z][a-z])")
_GLUED_REACH = 120
_FILES_HEADER_MAX = 30


def _file_line(t: str, rules: Rules) -> bool:
    t = t.split("\n", 1)[0].strip()
    return len(t) <= _FILE_NAME_MAX and "." in t[-6:] and rules.file_name.fullmatch(t) is not None
_GLUED_TEXT_MIN = 60


def _credit_glued_to_text(t: str) -> bool:
    """A credit line whose photo's file name runs into the text's first sentence: the text (the lead)."""
    m = _GLUED_FILE.search(t, 0, _GLUED_REACH)
    return m is not None and len(t) - m.end() >= _GLUED_TEXT_MIN


# "Plan_2020-2021.pdf (312 Kb)": an attached file's name and size; "1 / 6": a gallery's photo counter;
# "Photo gallery (14)": a media link with its count
_FILE_SIZED = re.compile(r"[^\s/\\][^/\\]{0,80}\.(?i:pdf|docx?|xlsx?|pptx?|rtf|odt|ods|zip|rar|7z|jpe?g|png|gif|tiff?|mp4|mov|avi)"
                         r"\s*[(\[]\s*\d[\d.,]*\s*(?i:[kmg]i?b|kbytes|bytes|кб|мб)\s*[)\]]")
_PHOTO_COUNTER = re.compile(r"\d{1,3}\s*/\s*\d{1,3}")
_MEDIA_COUNT_LINK = re.compile(r"(?i:photo ?gallery|photos?|videos?|gallery|фото(?:галерея)?|видео)\s*\(\d{1,4}\)")


def media_line(t: str, rules: Rules) -> bool:
    """A media line, a photo credit or a view counter (see ``_MEDIA_LINE``), never a sentence."""
    if len(t) > _MEDIA_MAX or "\n" in t or len(t.split()) > _MEDIA_WORDS or _INNER_SENTENCE.search(t):
        return False
    if t[-1:] in ")]" and (_FILE_SIZED.fullmatch(t) or _MEDIA_COUNT_LINK.fullmatch(t)):
        return True
    if t[:1].isdigit() and len(t) <= 9 and _PHOTO_COUNTER.fullmatch(t):
        return True
    if rules.caption.match(t):
        return _NOT_MEDIA.match(t) is None
    return _MEDIA_LINE.match(t) is not None


# a press contact signing the story (``Press Secretary of the CSTO X``, ``E-mail: …``, ``Tel.: …``), never the
# site's copyright or postal address
_PRESS_CONTACT = re.compile(r"(?i:press[- ]secretary|press[- ]service|press office|e-?mail\s*:|\btel\.?\s*:|phone\s*:"
                            r"|\bfax\s*:|пресс-секретарь|пресс-служба|эл\.?\s*почта|тел\.|телефон|[\w.+-]+@[\w-]+\.\w)")
_SITE_FOOTER = re.compile(r"(?i:©|\(c\)\s*(?:19|20)\d\d|all rights reserved|все права защищены|^(?:postal )?address\s*:|^адрес\s*:)")


def attached_tail(units: list[Unit], end: int, teasers: range, rules: Rules) -> int:
    """Where the Article's own boilerplate under its text ends: from ``end`` (the first unit the layout left
    to the footer), the run of a story's lines that are none of its text — a press contact, a media line or a
    counter, a file name — up to the footer's navigation, a teaser or anything else (``end`` when none)."""
    k = end
    while k < len(units) and k not in teasers:
        t = units[k].text
        if "\n" in t or len(t) > _MEDIA_MAX or len(t.split()) > _MEDIA_WORDS or is_nav(t, rules) or (
                menu_line(t, rules) or menu_items(t) or _SITE_FOOTER.search(t) or t.rstrip().endswith((".", "!", "?"))):
            break
        if not (media_line(t, rules) or _PRESS_CONTACT.search(t) or (
                len(t) <= _FILE_NAME_MAX and "." in t[-6:] and rules.file_name.fullmatch(t))):
            break
        k += 1
    return k
_HEADING_TAIL_WORDS = 6
_CLAUSE_WORDS = 4
_SECTION_HEADING_MAX = 24
# "The participants discussed the following issues:", "The Council calls on the parties:", "… decided:": a
# sentence (a verb in it) over its list, not a heading
_VERB_WORD = re.compile(r"\b(?:which|that|who|include|includes|provide|provides|cover|covers|contains?|are|is|was|were"
                        r"|has|have|had|will|shall|should|must|can|may|calls|call on|call upon|urge|urges|decide|decides|declare|declares"
                        r"|resolves|notes|agree|agrees|appeals|recommend|recommends|propose|proposes|consider|considers"
                        r"|discuss|adopt|adopts|express|expresses|stress|stresses|emphasize|emphasise|emphasizes|emphasises|reaffirm|reaffirms"
                        r"|recalls|underlines|welcomes|supports|condemns|confirms)\b")
_PAST_FORM = re.compile(r"[a-z]{3,}ed")
# before a participle that only describes a noun ("with interested countries", "the adopted documents")
_NOT_SUBJECT = frozenset({"the", "a", "an", "of", "and", "or", "for", "to", "with", "in", "on", "at", "by", "from",
                          "among", "between", "all", "other", "most", "its", "their", "newly", "jointly", "well"})


def _sentence_header(t: str) -> bool:
    """``The experts considered three questions:``, ``The Council decided:``, ``… calls on them:``: a line over
    its list that is a sentence - an auxiliary, a verb that opens a list or reports, a relative clause's
    pronoun, or a past form after a content word (``with interested countries`` describes a noun)."""
    body = t.rstrip(":").rstrip()
    words = body.split()
    if len(words) < 2 or words[-1] == "by":
        return False  # ("The meeting was attended by:" over its attendees heads them, as the held-out gold has it)
    if _VERB_WORD.search(body):  # (not the reporting verbs: "member states" holds one)
        return True
    return any(_PAST_FORM.fullmatch(w) and words[i - 1].lower().rstrip(",") not in _NOT_SUBJECT
               for i, w in enumerate(words) if i > 0)


# "… with the cadets (Photo gallery)": a link to the pictures of what the line tells closes body text
_MEDIA_LINK_END = re.compile(r"\S.{20,}\s\((?i:photo|video)(?:\s*(?:gallery|report|reportage))?\)$")


def _is_heading(text: str, prev: Piece | None, rules: Rules) -> bool:
    """A heading inside the Article, given the piece before it."""
    t = text.rstrip()
    if t.endswith(")") and _MEDIA_LINK_END.match(t):  # (the pattern walks every line otherwise)
        return False
    if len(t) <= _SECTION_HEADING_MAX and rules.section_heading.fullmatch(t):
        return True  # "Article 1", "Chapter I"
    if prev is not None and prev.text.rstrip().endswith(":") and not t.endswith(":"):
        return False  # the first entry under a list's header is content
    if t.endswith(":") and rules.list_intro_sentence.search(t):
        return False  # "The Secretariat includes the following units:" is a sentence
    if t.endswith(":") and _sentence_header(t):
        return False  # "The experts considered three questions:" is a sentence too
    if (prev is not None and prev.label == "heading" and t[:1].islower() and len(t.split()) <= _HEADING_TAIL_WORDS
            and not t.endswith(_SENTENCE_END + (":",))):
        return True  # "dated May 15, 1992" under "COLLECTIVE SECURITY TREATY": the heading goes on
    if not heading_like(t) or rules.caption.match(t) or _INNER_SENTENCE.search(t) or LABEL_VALUE.match(t):
        return False
    if not t.endswith(":") and len(t.split()) >= _CLAUSE_WORDS and rules.finite_verb.search(t):
        return False  # "The seminar took place in Minsk": a sentence without its full stop
    # "On January 9, 2022, under the general supervision …" cut short is a lead, not a heading
    return not (rules.lead_date_start.match(t) and len(t.split()) >= _HEADING_TAIL_WORDS)


# a bulleted entry is short and asks nothing; an interview's hyphen turn is a question or a long answer
_BULLET_ITEM_MAX = 100


_QUOTED = re.compile(r"“[^”“]*”|«[^»«]*»|\"[^\"]*\"")


def _closed_quote(text: str) -> bool:
    """A paragraph that is a quotation and nothing else: opens with a quote mark, ends with its close."""
    t = text.rstrip()
    return t[:1] in "“\"«„" and t.endswith(("”", '"', "»", "”.", '".', "».", "”,", '",', "»,")) and not _unclosed(t)


def _hyphen_turns(pieces: list[Piece]) -> set[int]:
    """Pieces of runs of ``- `` lines where a line asks something (``- How many …?``): an
    interview's turns written with hyphens, not a list."""
    out: set[int] = set()
    run: list[int] = []
    for k, p in enumerate([*pieces, None]):
        if p is not None and p.text[:1] in _LIST_MARKS and _LIST_ITEM.match(p.text):
            run.append(k)
            continue
        if len(run) >= 2 and any(pieces[j].text.rstrip().endswith("?") for j in run):
            out.update(run)
        run = []
    return out


def _bullet_item(text: str) -> bool:
    t = text.rstrip()
    return (t[:1] in _LIST_MARKS and _LIST_ITEM.match(t) is not None and "?" not in t
            and len(t) <= _BULLET_ITEM_MAX)


def _listy(group: list[Unit], rules: Rules | None) -> bool:
    """A list's header ("… the following:"), its "- " items or a file name: pieces of their own."""
    for u in group:
        t = u.text
        if t.endswith(":") or (t[:1] in _LIST_MARKS and _LIST_ITEM.match(t)) or LABEL_VALUE.match(t):
            return True
        if rules is not None and len(t) <= _FILE_NAME_MAX and "." in t[-6:] and rules.file_name.fullmatch(t):
            return True
    return False


def _list_header(text: str, rules: Rules | None) -> bool:
    """``Contacts:``, ``Leadership of the Joint Staff:`` (not a sentence such as ``… as follows:``)."""
    return text.endswith(":") and not (rules is not None and rules.list_intro_sentence.search(text))


_TABLE_ROWS_MIN = 3


def _row_shape(text: str) -> str | None:
    """``"table"`` for a table's row (``Armenia 1505 142``), ``"count"`` for a counted list row
    (``Republic of Armenia – 5 representatives``), else None."""
    cells = _cells(text)
    if cells:
        return f"cells{cells}"  # "Planning<TAB>1-5 May<TAB>Moscow" / "Stage   Dates   Place"
    bars = bar_cells(text) if "|" in text else None
    if bars is not None:
        return f"cells{len(bars)}"  # "State | Personnel | Units" / "Republic of Armenia | 450 | 3"
    if _table_row(text):
        return "table"
    return "count" if count_row(text) else None


def _table(group: list[Unit]) -> bool:
    """A block of table rows (a header line may stand over them): its lines are rows, not one heading."""
    rows = sum(1 for u in group if _table_row(u.text) or _cells(u.text) or ("|" in u.text and bar_cells(u.text)))
    return rows >= _TABLE_ROWS_MIN and rows >= len(group) - 1


def merge_heading_blocks(units: list[Unit], rules: Rules | None = None) -> list[Piece]:
    """Units of one blank-line block that are all short lines become one heading piece;
    a hard-wrapped paragraph becomes one piece (its ``text`` is left empty for the caller
    to fill from the source)."""
    pieces: list[Piece] = []
    i = 0
    n = len(units)
    while i < n:
        j = i
        while j + 1 < n and units[j + 1].block == units[i].block:
            j += 1
        group = units[i : j + 1]
        # the block right under a list's header ("Leadership of the Joint Staff:"), or the rest of
        # the header's own block, holds its entries: never merged into one heading
        listed = i > 0 and _list_header(units[i - 1].text, rules)
        if not listed and len(group) > 1 and not _listy(group, rules) and not _table(group) and all(
            len(u.text) <= HEADING_MAX and not u.text.rstrip().endswith((".", "!", "?", ";")) for u in group[:-1]
        ) and len(group[-1].text) <= HEADING_MAX and not group[-1].text.rstrip().endswith((".", "?", "!")):
            first, last = group[0], group[-1]
            pieces.append(Piece(first.start, last.end, "", first.block, "heading"))
        else:
            # a hard-wrapped paragraph: a line that stops mid-sentence and a next line that
            # goes on in lower case are one piece; other lines of the block stand alone
            k = 0
            while k < len(group):
                m = k
                while (
                    m + 1 < len(group)
                    and not group[m].text.endswith(_SENTENCE_END + (":",))
                    and group[m + 1].text[:1].islower()
                    and not (m == k and approval_stamp(group[m].text, group[m + 1].text))
                ):  # ("APPROVED" over "by the Decision of …": the stamp stands alone)
                    m += 1
                header = _list_header(group[k].text, rules)
                pieces.append(Piece(group[k].start, group[m].end, group[k].text if k == m else "", group[k].block,
                                    entry=listed and not header))
                listed = listed or header
                k = m + 1
        i = j + 1
    return pieces


# "TASS: …?" / "I. Tasmagambetov: …": a turn of an interview prefixed with who speaks
_NAMED_TURN = re.compile(r"([A-Z][\w’'.-]*(?:[ \u00a0][A-Z][\w’'.-]*){0,3}):\s+(?=\S)")
_NAMED_TURN_MAX = 40


def _turn_prefix(text: str, rules: Rules) -> str | None:
    if ":" not in text[: _NAMED_TURN_MAX + 2]:
        return None
    m = _NAMED_TURN.match(text)
    if m is None or len(m.group(1)) > _NAMED_TURN_MAX:
        return None
    t = text[: m.end()]
    if rules.caption.match(t) or rules.contact.search(t) or rules.question_prefix.match(text) or (
            rules.answer_prefix.match(text)):
        return None
    return m.group(1)


def _named_turns(pieces: list[Piece], rules: Rules) -> str | None:
    """Mark pieces that open with ``Name:``; return the interviewer's prefix when the page is
    an interview in that form (two voices or more, one of them asking)."""
    turns: dict[str, list[Piece]] = {}
    for p in pieces:
        if p.label == "heading":
            continue
        prefix = _turn_prefix(p.text, rules)
        if prefix is not None:
            turns.setdefault(prefix, []).append(p)
    if len(turns) < 2 or sum(len(v) for v in turns.values()) < 3:
        return None
    asking = max(turns, key=lambda k: sum(p.text.rstrip().endswith("?") for p in turns[k]) / len(turns[k]))
    if not any(p.text.rstrip().endswith("?") for p in turns[asking]):
        return None
    for prefix, ps in turns.items():
        for p in ps:
            p.turn = prefix
    for p in pieces:
        # a voice's name alone ("BelTA:"), its words on the next line or cut off by the excerpt: its turn
        if p.turn is None and p.label != "heading" and p.text.endswith(":") and p.text[:-1].rstrip() in turns:
            p.turn = p.text[:-1].rstrip()
    return asking


_REQUEST_MAX = 200
_TOPIC_MAX = 100


_ALTERNATING_MIN = 3
_ASK_MAX = 300


# a reader's question signed by its asker in brackets: "What languages should one know? (Dmitry, Minsk)"
_ASKER = re.compile(r"\?\s*\([^()]{2,60}\)$")


def asks_question(text: str) -> bool:
    """The line ends with a question (maybe followed by its asker in brackets)."""
    t = text.rstrip()
    return t.endswith("?") or (t.endswith(")") and _ASKER.search(t) is not None)


def _alternating_questions(pieces: list[Piece], rules: Rules) -> bool:
    """An interview nothing names as one: three or more short paragraphs ending in ``?`` (or two, and
    a request such as ``Tell us about …``), each followed by a paragraph that asks nothing (its answer)."""
    asks = requests = 0
    for p, q in zip(pieces, pieces[1:]):
        if asks_question(q.text) or len(q.text) <= len(p.text) // 2:
            continue
        if len(p.text) <= _ASK_MAX and asks_question(p.text):
            asks += 1
        elif len(p.text) <= _REQUEST_MAX and rules.question_request.match(p.text) and p.text.rstrip().endswith("."):
            requests += 1
    return asks >= _ALTERNATING_MIN or (asks >= _ALTERNATING_MIN - 1 and requests >= 1)


def _bare_questions(pieces: list[Piece], rules: Rules) -> bool:
    """An interview (the title says so) without markers: at least two short paragraphs that end with
    ``?``, or one and a request (``Tell us about ….``), or its text opening with a question answered
    under it (the excerpt may be cut after the first answer)."""
    asks = sum(1 for p in pieces if len(p.text) <= _BARE_QUESTION_MAX and asks_question(p.text))
    if asks >= 2:
        return True
    requests = sum(1 for p in pieces if len(p.text) <= _REQUEST_MAX and rules.question_request.match(p.text)
                   and p.text.rstrip().endswith("."))
    if asks and requests:
        return True
    first = next((k for k, p in enumerate(pieces) if p.label != "heading"), None)
    return (asks == 1 and first is not None and first + 1 < len(pieces) and len(pieces[first].text) <= _BARE_QUESTION_MAX
            and asks_question(pieces[first].text) and not asks_question(pieces[first + 1].text)
            and len(pieces[first + 1].text) > len(pieces[first].text) // 2)


# "4. The main tasks of the Council shall be:": a number, then a clause of five words or more
# introducing a list (a numbered heading, "2. Main tasks:", is shorter)
_NUMBERED_CLAUSE = re.compile(r"\d{1,2}[.)]\s+\S+(?:\s+\S+){4,}:$")


def _approval_line(text: str) -> bool:
    """The first line under a document's title, in lower case and with no closing mark, saying
    under which act it is approved (``by the Decision of … of 15 June 2023``): a header."""
    t = text.rstrip()
    return t[:1].islower() and len(t) <= HEADING_MAX and not t.endswith(_SENTENCE_END + (":",))


# how many pieces after a numbered question's first piece may hold its "?" (a preamble, then the question)
_QUESTION_PARTS = 2


def _split_questions(pieces: list[Piece]) -> set[int]:
    """Pieces of numbered questions cut in two: ``N. …`` asking nothing, then (within two pieces, none
    numbered or asking before it) a short piece ending in ``?`` - on a page whose other numbered
    pieces ask (``1. …?``): a numbered interview. The whole question, up to its answer, is a question."""
    asking = [k for k, p in enumerate(pieces) if NUMBERED_QUESTION.match(p.text) and "?" in p.text[:600]]
    if not asking:
        return set()
    out: set[int] = set()
    for k, p in enumerate(pieces):
        if not NUMBERED_QUESTION.match(p.text) or "?" in p.text[:600] or len(p.text) > _ASK_MAX:
            continue
        for j in range(k + 1, min(len(pieces), k + 1 + _QUESTION_PARTS)):
            t = pieces[j].text.rstrip()
            if NUMBERED_QUESTION.match(t) or DASH_TURN.match(t) or len(t) > _ASK_MAX:
                break
            if t.endswith("?"):
                if "?" not in t[:-1] and any(a != k for a in asking):
                    out.update(range(k, j + 1))
                break
            if "?" in t:
                break
    return out


_NUMBER = re.compile(r"(\d{1,2})[.)]\s+")


def _numbered_requests(pieces: list[Piece], rules: Rules) -> set[int]:
    """Numbered requests of a numbered interview (``2. Tell us about the plan …``, no ``?``): the
    number follows the numbered question above it, and the words after it ask (``question_request``)."""
    out: set[int] = set()
    last = 0  # the number of the last numbered question so far
    for k, p in enumerate(pieces):
        m = _NUMBER.match(p.text)
        if m is None:
            continue
        n = int(m[1])
        if "?" in p.text[:600]:
            last = n
        elif last and n == last + 1 and len(p.text) <= _REQUEST_MAX and rules.question_request.match(p.text[m.end() :]):
            out.add(k)
            last = n
    return out


_ROMAN_HEADING = re.compile(r"([IVXLC]{1,7})\.\s+\S")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(numeral: str) -> int:
    total = 0
    for a, b in zip(numeral, [*numeral[1:], ""], strict=True):
        v = _ROMAN_VALUES[a]
        total += -v if b and _ROMAN_VALUES[b] > v else v
    return total


# how the section words open (article, chapter, section, part, annex, appendix, статья, глава, раздел):
# section_name() runs on a piece only when it opens with one
_SECTION_STARTS = frozenset(("art", "cha", "sec", "par", "ann", "app", "ста", "гла", "раз"))
# an entry of a list, one a line: a name, a short phrase
_ENTRY_WORDS = 12


def _roman_sections(pieces: list[Piece]) -> set[int]:
    """Pieces opening with a Roman numeral (``I. General provisions``, ``II. Main tasks …``) when two
    or more different numerals open pieces: a document's section headings (one ``I.`` alone may be an
    initial, ``I. Tasmagambetov``)."""
    found = {k: m[1] for k, p in enumerate(pieces)
             if p.text[:1] in "IVX" and (m := _ROMAN_HEADING.match(p.text)) is not None}
    return set(found) if len(set(found.values())) >= 2 else set()


def _next_section(text: str, before: list[Piece], rules: Rules) -> bool:
    """``text`` heads the next section of a document: ``Article 5`` / ``Chapter IV``, or a Roman
    numeral one more than the last section heading above (``IV. Final provisions`` under ``III. …``)."""
    t = text.rstrip()
    if (len(t) <= _SECTION_HEADING_MAX and rules.section_heading.fullmatch(t)) or section_name(t, rules):
        return True
    m = _ROMAN_HEADING.match(t)
    if m is not None:
        above = [r for p in before if p.label == "heading" and (r := _ROMAN_HEADING.match(p.text)) is not None]
        return bool(above) and _roman(m[1]) == _roman(above[-1][1]) + 1
    m = _NUMBER.match(t)  # "4. Final provisions" under the headings "2. …", "3. …"
    if m is None:
        return False
    above = [r for p in before if p.label == "heading" and (r := _NUMBER.match(p.text)) is not None]
    return len(above) >= 2 and int(m[1]) == int(above[-1][1]) + 1


def _opening_request(text: str, after: Piece | None, rules: Rules) -> bool:
    """``Tell us about ….`` answered by the longer paragraph under it, which asks nothing."""
    t = text.rstrip()
    return (len(t) <= _REQUEST_MAX and t.endswith(".") and rules.question_request.match(t) is not None
            and after is not None and not after.text.rstrip().endswith("?") and len(after.text) > len(t))


# the interview forms whose unmarked paragraphs go on with the answer
_QA_MODES = ("numbered", "bare", "dash")


# the dash that closes a quotation before its attribution ("– …, – Volodin noted.", "– …! – said the Minister")
_DASH_ATTRIBUTED = re.compile(
    r"[,!?…]\s*[–—]\s+(?:[A-Z][\w.’'-]*\s+){0,4}?(?:[a-z]+\s+){0,2}?(?:said|noted|stressed|emphasi[sz]ed|added|stated"
    r"|pointed out|concluded|summed up|underlined|remarked|explained|recalled|continued|replied|assured)\b"
    r"|[,!?…]\s*[–—]\s+(?:said|noted|stressed|emphasi[sz]ed|added|stated|pointed out|concluded|summed up|underlined"
    r"|remarked|explained|recalled|continued|replied|assured)\s+[A-Za-z]")


_CAPS_HEADER_WORDS = 6
# "of the …", "on the …", "for the period …": a document header's line going on from the genre word above
_HEADER_GOES_ON = re.compile(r"(?:of|on|for|in|to|between|about|concerning|with|at|by)\s")
_HEADER_LINE_WORDS = 30


def _caps_header(text: str) -> bool:
    """A document's upper-case genre line heading it (``DECISION``, ``COLLECTIVE SECURITY STRATEGY``), maybe the
    first line of a block of its header's lines."""
    if not text.lstrip()[:2].isupper():
        return False  # (most pieces: a sentence's capital then lower case)
    first = text.lstrip().split("\n", 1)[0].strip()
    letters = [c for c in first if c.isalpha()]
    return len(letters) >= 4 and len(first.split()) <= _CAPS_HEADER_WORDS and all(c.isupper() for c in letters)


def _header_goes_on(text: str) -> bool:
    """A header's next line under its genre word: it opens in lower case with a preposition, no sentence's end
    closes it, thirty words or fewer a line."""
    t = text.strip()
    return (t[:1].islower() and _HEADER_GOES_ON.match(t) is not None and not t.endswith((".", ";", ":", "!", "?"))
            and all(len(line.split()) <= _HEADER_LINE_WORDS for line in t.splitlines()))


# "he spoke about the prospects" cut by the excerpt within a few words: the topic, his words, are gone
_SPOKE_ABOUT = re.compile(r"\bspoke about\b")
_CUT_TOPIC_WORDS = 5
_CUT_TOPIC_REACH = 80
# the interviewer's closing courtesy: "Thank you for the interview.", "— Thanks for the conversation!" (maybe cut)
_COURTESY = re.compile(r"(?:[—–-]\s*)?(?:thank you|thanks)\b(?! to\b)", re.IGNORECASE)
_COURTESY_MAX = 80


def label_body(pieces: list[Piece], rules: Rules, *, has_lead_slot: bool, interview: bool = False) -> None:
    """Label lead, headings, salutations, questions and answers in place.

    ``interview``: the title says so; then unmarked paragraphs ending in ``?`` are questions.
    """
    expect_question = True
    mode: str | None = None  # "dash", "numbered", "prefixed" or "bare" once an interview form is seen
    asking = _named_turns(pieces, rules)
    turn_label = "answer"
    # (with no word saying interview, only when the page has no marked turns of its own)
    bare = asking is None and ((interview and _bare_questions(pieces, rules)) or (_alternating_questions(pieces, rules) and not any(
        NUMBERED_QUESTION.match(p.text) or DASH_TURN.match(p.text) or rules.question_prefix.match(p.text)
        for p in pieces)))
    lead_open = has_lead_slot  # the lead is the first prose, after headings only
    split_questions = _split_questions(pieces) | _numbered_requests(pieces, rules)
    prev: Piece | None = None
    nxt = [*pieces[1:], None]
    turns = _hyphen_turns(pieces)
    sections = _roman_sections(pieces)
    listing = False  # inside the entries of a list whose header (a line ending in ":") stands above
    hyphen_asks = any(p.text[:2] == "- " and "?" in p.text for p in pieces)
    header = False  # under a document's upper-case header line ("DECISION", "STATEMENT") and its lines going on
    for n_, (p, prev) in enumerate(zip(pieces, [None, *pieces][: len(pieces)], strict=True)):
        if header and p.label != "heading" and _header_goes_on(p.text):
            p.label = "heading"  # "of the Collective Security Council …" / "on the Plan of …" under "DECISION"
            continue
        header = _caps_header(p.text)
        if p.label == "heading":  # merged multi-line heading
            continue
        k = 0 if lead_open else 1
        lead_open = False
        if p.label == "heading":  # merged multi-line heading
            continue
        t = p.text
        if p.turn is not None:
            p.label = turn_label = "question" if p.turn == asking else "answer"
            mode = "named"
            continue
        if (mode is not None and prev is not None and prev.label == "answer" and len(t) <= _COURTESY_MAX
                and _COURTESY.match(t)):
            # "Thank you for the interview." after an answer: the interviewer's closing turn (the reply answers it)
            p.label, expect_question = "question", False
            continue
        if mode == "named" and not heading_like(t):
            p.label = turn_label  # an unprefixed paragraph goes on with the turn before it
            continue
        if (t[:1].isdigit() and len(t) <= 3 and _BARE_NUMBER.fullmatch(t) and (point := nxt[n_]) is not None
                and _BARE_NUMBER.fullmatch(point.text.strip()) is None):
            p.label, lead_open = "heading", k == 0  # "4." alone on its line over its point's text
            continue
        if mode is not None and len(t) <= _CREDIT_MAX and _INTERVIEWER_CREDIT.match(t):
            p.label = "paragraph"  # "Interviewed by Elena Sokolova" after the answers: the report's credit
            continue
        if media_line(t, rules):  # "Photo: CSTO press service", "Views: 1234": the story's, not its text
            p.label, lead_open = "boilerplate", k == 0
            continue
        if t.endswith(":") and len(t) <= _FILES_HEADER_MAX and (below := nxt[n_]) is not None and (
                _file_line(below.text, rules) or media_line(below.text.split("\n", 1)[0], rules)) and not any(
                c.isdigit() for c in t):
            p.label, lead_open = "boilerplate", k == 0  # "Attached files:" over "Plan.pdf (312 Kb)": the downloads'
            continue
        if rules.caption.match(t) and not _credit_glued_to_text(t):
            p.label, lead_open = "paragraph", k == 0  # "Source: …" (and a long caption) above the lead is not the lead
            continue
        if (NUMBERED_QUESTION.match(t) and "?" in t[:600]) or n_ in split_questions:
            # ("2. In November the Council approved …" / "What is new in it?": one question in two pieces)
            # (an answer opening with a dash under it answers it: "— It has changed the form …")
            p.label, mode, expect_question = "question", "numbered", False
            continue
        if rules.question_prefix.match(t):  # "Question: …" / "Q: …"
            p.label, mode, expect_question = "question", "prefixed", False
            continue
        if rules.answer_prefix.match(t) or (mode == "prefixed" and not heading_like(t)):
            p.label, mode, expect_question = "answer", "prefixed", True
            continue
        if t[:1] in _LIST_MARKS and _LIST_ITEM.match(t) and n_ not in turns and prev is not None and (
                prev.text.rstrip().endswith(":") or _LIST_ITEM.match(prev.text)):
            # an item of a list under its header, not an interview's turn (under an answer, the answer's)
            p.label = "answer" if mode in _QA_MODES and prev.label == "answer" else "paragraph"
            continue
        after = nxt[n_]
        if t[:1] in _LIST_MARKS and n_ not in turns and _bullet_item(t) and ((prev is not None and _bullet_item(prev.text)) or (
                after is not None and _bullet_item(after.text))):
            p.label = "paragraph"  # "- Republic of Armenia" / "- Republic of Belarus": a list, not turns
            continue
        if t[:2] == "- " and not hyphen_asks:
            p.label = "paragraph"  # "- " lines on a page where no "- " line asks anything: a list's items
            continue
        if DASH_TURN.match(t) and _DASH_ATTRIBUTED.search(t):
            p.label = "paragraph"  # "– …, – Volodin noted.": a quotation with its speaker, no interview's turn
            continue
        if DASH_TURN.match(t):
            long_answer = "?" not in t and len(t) > 300
            if expect_question and not long_answer:
                p.label, expect_question = "question", False
            else:
                p.label, expect_question = "answer", True
            mode = "dash"
            continue
        if salutation(t, rules):
            p.label = "salutation"
            continue
        if len(t) <= _FILE_NAME_MAX and "." in t[-6:] and rules.file_name.fullmatch(t):
            p.label, lead_open = "boilerplate", k == 0  # "Annex 2.pdf": a download's name, not text
            continue
        if (n_ in sections or (t[:3].lower() in _SECTION_STARTS and section_name(t, rules, words=SECTION_NAME_MAX_WORDS))) and (
                heading_like(t)) and (
                not _INNER_SENTENCE.search(t)):
            # "I. General provisions", "Article 1. Terms", also under "… agreed as follows:"
            p.label, lead_open = "heading", k == 0
            continue
        if ((listing or (prev is not None and prev.text[-1:] == ":")) and len(t.split()) <= _ENTRY_WORDS
                and heading_like(t) and not t.endswith(":") and not ENUMERATOR.fullmatch(t)
                and not rules.section_heading.match(t) and not _YEAR.fullmatch(t)):
            # "Republic of Armenia (Республика Армения)" / "Republic of Belarus (…)" under "The member states
            # are:": the list's entries, one a line, never headings
            p.label, listing = "paragraph", True
            continue
        listing = False
        # (an answer ending in ":" heads its list; the next question and its answer are no entries of it)
        if p.entry and not t.endswith(":") and not ENUMERATOR.fullmatch(t) and not (
                len(t) <= _SECTION_HEADING_MAX and rules.section_heading.fullmatch(t)) and not (
                mode in _QA_MODES and prev is not None and prev.label in ("question", "answer")):
            p.label = "paragraph"  # "Address: …", "Chief of the Joint Staff - …" under their list's header
            continue
        if (mode == "bare" and prev is not None and prev.label == "answer" and after is not None
                and len(t) <= _TOPIC_MAX and heading_like(t) and not after.text.rstrip().endswith("?")
                and not rules.caption.match(t)):
            p.label = "question"  # "About the plans for the next year": a question set as a short line
            continue
        if t[:1].isdigit() and _counted(t, prev, after):
            # "2.Republic of Belarus" between "1.…" and "3.…": a numbered list's item (inside an answer, the answer's)
            p.label = "answer" if mode in ("numbered", "bare", "dash") else "paragraph"
            continue
        if t[-1:] not in ".!?:" and ":" in t and fact_line(t, rules) and any(
                q is not None and fact_line(q.text, rules) for q in (prev, after)):
            p.label = "paragraph"  # "Member of the Treaty since: 15 May 1992" by "Capital: Astana": a fact list's line
            continue
        row = _row_shape(t)
        if row is not None and any(q is not None and _row_shape(q.text) == row for q in (prev, after)):
            # "Armenia 1505 142" (a table's) or "Republic of Armenia – 5 representatives" (a list's) among
            # more rows of its shape: a row, never a heading
            p.label = "answer" if mode in _QA_MODES and prev is not None and prev.label == "answer" else "paragraph"
            continue
        if (prev is not None and prev.label == "paragraph" and _dash_entry(t) and _dash_entry(prev.text)
                and not prev.text.rstrip().endswith(".")):
            p.label = "paragraph"  # "Deputy Chief - Name (Country)" under another such entry
            continue
        if t[:1].isdigit() and t[-1:] == ":" and _NUMBERED_CLAUSE.match(t):
            p.label = "paragraph"  # "4. The main tasks of the Council shall be:": a numbered point of the text
            continue
        if n_ == 0 and after is not None and approval_stamp(t, after.text):
            p.label, lead_open = "heading", k == 0  # "APPROVED" over "by the Decision of …": the act's stamp
            continue
        if (n_ == 0 or (n_ == 1 and prev is not None and approval_stamp(prev.text, t))) and after is not None and (
                _approval_line(t)):
            p.label, lead_open = "heading", k == 0  # "by the Decision of the Council of 15 June 2023"
            continue
        if _is_heading(t, prev, rules) and not (
                after is not None and after.text[:1].islower() and after.text.rstrip().endswith(":")):
            # ("The Council of …" over "decides:": the subject of a sentence that goes on below)
            p.label, lead_open = "heading", k == 0  # a subtitle: the lead may still follow
            continue
        # ("Tell us about ….", answered under it, may open the questions too)
        opening_request = bare and mode is None and _opening_request(t, after, rules)
        if k == 0 and not (bare and asks_question(t)) and not opening_request:
            p.label = "lead"
            continue
        if (bare and len(t) <= _BARE_QUESTION_MAX and asks_question(t)) or opening_request:
            p.label, mode = "question", "bare"
            continue
        if mode == "bare" and prev is not None and prev.label == "answer" and len(t) <= _REQUEST_MAX and (
                rules.question_request.match(t)):
            p.label = "question"  # "Tell us about the plans for the next year.": a request, no "?"
            continue
        if mode in ("numbered", "bare"):
            p.label = "answer"
        elif mode == "dash":
            # an answer running over several paragraphs dashes only its first one
            p.label, expect_question = "answer", True
        else:
            p.label = "paragraph"
    # "The interview was published in …" / "The interview was prepared by …" after the last answer
    # (or after a closing "- Thank you for the interview."): the report's own words, not a turn
    if mode is not None:
        last_q = max((i for i, p in enumerate(pieces) if p.label == "question"), default=-1)
        for p in pieces[last_q + 1 :]:
            t = p.text
            if (p.label == "answer" and p.turn is None and len(t) <= _REQUEST_MAX and not DASH_TURN.match(t)
                    and not NUMBERED_QUESTION.match(t) and rules.interview_title.search(t)
                    and not rules.first_person.search(t)):
                p.label = "paragraph"
    # a heading heads something: a short closing line ("Yerevan, 14 October 2016") or the excerpt's
    # cut last line is text - an answer where the interview's answers run, else a paragraph
    last = pieces[-1] if pieces else None
    if (last is not None and last.label == "heading" and not any(c in last.text for c in "\r\n")
            and any(p.label in ("lead", "paragraph", "answer") for p in pieces[:-1])
            and not _next_section(last.text, pieces[:-1], rules)):
        before = next((p.label for p in reversed(pieces[:-1]) if p.label in ("question", "answer", "paragraph", "lead")),
                      None)
        last.label = "answer" if before in ("question", "answer") else "paragraph"
    _closing_block(pieces, rules)
    # the signatories closing a document ("Minister of Foreign Affairs of the Republic of Belarus M. Ryzhenkov",
    # the last one maybe cut mid-word): headings, two or more in a row at the end, or one under "Done in …"
    run = 0
    while run < len(pieces) and _SIGNATORY.fullmatch(pieces[-1 - run].text.strip()) is not None:
        run += 1
    if run >= 2 or (run == 1 and len(pieces) >= 2 and _DONE_IN.match(pieces[-2].text)):
        for p in pieces[len(pieces) - run :]:
            p.label = "heading"
    _party_lines(pieces)


# "For the Republic of Armenia", "For the Kyrgyz Republic" (the last maybe cut: "For the Repub"): a party's line of
# a document's signature block, each over the space its signatory signs in, maybe with the signatory's name
_FOR_PARTY = re.compile(r"For the [A-Z][\w’'-]*(?: (?:[A-Z][\w’'-]*|of|the|and))*")
_PARTY_WORDS = 8


def _party_lines(pieces: list[Piece]) -> None:
    """The closing lines naming the parties that sign a document (two or more ``For the <State>`` lines, maybe
    each over its signatory's name, or one under ``Done in …``) are the document's signature: headings (round 22
    gold decision 1'), however the closing-line rule labelled the last."""
    k = len(pieces)
    parties = 0
    while k > 0 and pieces[k - 1].label in ("heading", "paragraph"):
        texts = signature_lines(pieces[k - 1].text)  # (one block of such lines, or a line a piece)
        named = [t for t in texts if _FOR_PARTY.fullmatch(t) and len(t.split()) <= _PARTY_WORDS]
        if not texts or len(named) + sum(1 for t in texts if SIGNED_NAME.fullmatch(t)) < len(texts):
            break
        parties += len(named)
        k -= 1
    if parties >= 2 or (parties == 1 and k > 0 and _DONE_IN.match(pieces[k - 1].text)):
        for p in pieces[k:]:
            p.label = "heading"


_SIGN_BLOCK_LINES = 4


def sign_line(text: str) -> bool:
    """One line of a closing block: a place and date, or a name or an office (a few words, half or more
    capitalised, no closing punctuation)."""
    t = text.strip()
    if place_date_line(t) or is_date_unit(t):
        return True
    words = t.split()
    return (heading_like(t) and not t.endswith(":") and len(words) <= _CLOSING_SIGNATURE_WORDS
            and 2 * sum(1 for w in words if w[:1].isupper()) >= len(words))


def _signs(texts: list[str], rules: Rules) -> bool:
    """A closing block's lines say who or where it was signed: an office, an initialled name, a place and date."""
    return any(office_line(t, rules) or (rules.role_before.search(t) and not any(c.isdigit() for c in t))
               or SIGNED_NAME.fullmatch(t) or place_date_line(t) for t in texts)


def _closing_block(pieces: list[Piece], rules: Rules) -> None:
    """The block that signs a text under its last paragraph (``Secretary General of the CSTO`` over
    ``Imangali Tasmagambetov``, ``CSTO Secretariat`` over ``Moscow, 14 March 2026``): an office, a name, an
    organisation, a place and date, each its own line (the last already text by the closing-line rule above)
    or one block of such lines. The block is the text's signature: headings inside the Article, every line of
    it (round 22 gold decision 1'; paragraphs from 2.157.0 to 2.177.0)."""
    if len(pieces) < 2:
        return
    last = pieces[-1]
    if last.label == "heading" and "\n" in last.text.strip():
        texts = signature_lines(last.text)
        # ("Taalatbek Masadykov," over his office: the name's comma runs on into the office)
        if (len(texts) <= _SIGN_BLOCK_LINES and all(sign_line(t.rstrip(" ,")) for t in texts) and _signs(texts, rules)
                and pieces[-2].label in ("paragraph", "lead", "answer", "salutation")
                and not any(_next_section(t, pieces[:-1], rules) for t in texts)):
            last.label = "heading"  # (already one: the block signs the text)
        return
    if last.label not in ("paragraph", "answer") or "\n" in last.text.strip():
        return
    k = len(pieces) - 1
    run = [last]
    while (k - 1 > 0 and len(run) < _SIGN_BLOCK_LINES and (pieces[k - 1].label == "heading" or (
               # ("Taalatbek Masadykov," over his office: a name running on with its comma, read as text)
               pieces[k - 1].label == "paragraph" and pieces[k - 1].text.rstrip().endswith(",")))
           and "\n" not in pieces[k - 1].text.strip() and sign_line(pieces[k - 1].text.rstrip(" ,"))):
        k -= 1
        run.insert(0, pieces[k])
    if not sign_line(last.text) or (len(run) < 2 and not (
            # (one line holding the office and an initialled name signs it alone: "Secretary General of the CSTO S. Zas")
            _SIGNATORY.fullmatch(last.text.strip()) and rules.role_before.search(last.text)
            and pieces[k - 1].label in ("paragraph", "answer"))):
        return
    texts = [p.text.strip() for p in run]
    if not _signs(texts, rules) or any(_next_section(t, pieces[:k], rules) for t in texts):
        return  # no office, name or place in it: the headings of a section the excerpt cut, a list's last entries
    if pieces[k - 1].label not in ("paragraph", "lead", "answer", "salutation"):
        return
    for p in run:
        p.label = "heading"


# an office and an initialled name, no sentence: "Minister of … of the Republic of Belarus M. Ryzhenkov"
_SIGNATORY = re.compile(r"[A-Z][^.!?;:\n]{4,160}?\s(?:[A-Z]\.\s?){1,2}[A-Z][\w'’-]*")
_DONE_IN = re.compile(r"done (?:in|at)\b", re.IGNORECASE)


_THIRD_PERSON = re.compile(r"\b(?:he|she|his|her|He|She|His|Her)\b")


def _told_of(pieces: list[Piece], rules: Rules) -> bool:
    """The text tells of the speech in the third person: its first paragraph says "his"/"she", and no
    first person stands outside quotes anywhere (a report of a message, not the message)."""
    text = [_QUOTED.sub(" ", p.text) for p in pieces[:40] if p.label in ("lead", "paragraph")]
    return bool(text) and _THIRD_PERSON.search(text[0]) is not None and not any(
        rules.first_person.search(t) for t in text)


# "In Saint Petersburg, on May 6, 2023, …": a lead that opens with the place, then the date
_PLACE_THEN_DATE = re.compile(
    r"In\s+(?:the\s+)?[A-Z][\w’'-]*(?:[ \u00a0-][A-Z][\w’'-]*){0,3},?\s+on\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    rf"{MONTH_NAMES}\b")


# "… was held in Minsk", "… were signed", "… took place": a title that reports an event that happened
_REPORTED_EVENT = re.compile(r"\b(?:was|were|has been|have been)\s+(?:\w+ly\s+)?(?:held|met|\w+(?:ed|en))\b|\btook place\b",
                             re.IGNORECASE)


# a statement's title names its topic ("On the terrorist attack in …", "On the situation …") and its text
# opens with the body declaring, in the present tense ("The Organization strongly condemns …")
_ON_TOPIC_TITLE = re.compile(r"On\s+(?:the\s+)?[a-z]")
# "… for 16-22 March 2026": a title ending in a span of days of one month (a week's events, not a year's plan)
_DAYS_SPAN_END = re.compile(rf"\b\d{{1,2}}\s*[-–—]\s*\d{{1,2}}\s+{MONTH_NAMES}\s+(?:19|20)\d\d\s*$")
# the paragraphs a topic title's statement is judged by
_STATEMENT_PARAGRAPHS = 3
NUMERIC_DATE_START = re.compile(r"\s*\d{1,2}\.\d{1,2}\.(?:19|20)\d\d")
# what a report says someone did (a statement says what the Organisation does now)
_REPORTED = re.compile(r"\b(?:was|were)\s+(?:held|opened|signed\s+(?:today|yesterday))\b|\b(?:took place|took part|"
                       r"said|noted|stressed|met with|visited|held a)\b")
# a title opening with a person's name and a colon over a quotation ("Imangali Tasmagambetov: “…”", "V.V. Volodin: «…»")
_NAME_QUOTE_TITLE = re.compile(
    r"(?:(?:[A-Z]\.\s?){1,3}[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,2})"
    r":\s*[“«„\"]")
# a biography's lines: "Born on 3 March 1957 in …", then years of a career ("In 1978 he graduated …", "1990–1995 – …")
_BORN = re.compile(r"(?:He\s+was\s+|She\s+was\s+)?[Bb]orn\s+(?:on|in)\b")
_YEAR_IN = re.compile(r"\b(?:19|20)\d\d\b")
_CAREER_LINES = 2


def _biography_body(texts: list[str]) -> bool:
    """The text opens with when and where someone was born, and two lines or more after it give years."""
    at = next((k for k, t in enumerate(texts[:3]) if _BORN.match(t)), None)
    return at is not None and sum(1 for t in texts[at + 1 :] if _YEAR_IN.search(t)) >= _CAREER_LINES
# the press service or the Secretariat opening a text with what it states (not what it did: "… hosted a meeting")
_SERVICE_STATES = re.compile(
    r"(?:The\s+)?(?:[A-Z]{2,6}\s+)?(?:[Pp]ress [Ss]ervice|Secretariat|Information and Analytical Department)\b[^.]{0,60}?"
    r"\b(?:(?:officially\s+|categorically\s+|strongly\s+|resolutely\s+)?(?:states?|declares?|denies|refutes|condemns)"
    r"|draws attention|considers it necessary|is deeply concerned|notes with (?:concern|regret))\b")
_DECLARES = re.compile(
    r"(?:The\s+)?(?:[A-Z]{2,6}\s+)?(?:Organi[sz]ation|member states|Member States|Collective Security Council|"
    r"Council of (?:Foreign|Defen[cs]e) Ministers|Secretariat|Parliamentary Assembly)\b[^.]{0,60}?"
    r"\b(?:(?:condemn|express|declare|reaffirm|welcome|support|congratulate|honou?r)(?:s|es)?|calls? (?:on|upon)|is deeply|are deeply|"
    r"strongly|resolutely|firmly)\b")


# a written address on an occasion: "Address of X on the occasion of …", "… on the Day of …", "… on Victory Day",
# "… on the 35th anniversary of …" (an address "to the participants of" an event is spoken there)
_WRITTEN_ADDRESS = re.compile(r"(?:Address|Congratulations?)\s+(?:of|by|from)\s+(?:the\s+)?[^.:;]{0,80}?\s+on\s+(?:the\s+)?"
                              r"(?:occasion\s+of\b|[\w-]+\s+anniversary\b|Day\s+of\b|(?:[A-Z][\w'’-]*\s+(?:of\s+(?:the\s+)?)?){1,4}Day\b)")


_PRESS_SERVICE_TITLE = re.compile(r"(?i:comment|commentary|information|message|press release)\s+of\s+the\s+"
                                  r"(?:[A-Z]{2,6}\s+)?(?i:press\s+service)\b")


# a media page's title: "Video: …", "Photo gallery: …", "Photo report from …"
_MEDIA_TITLE = re.compile(r"(?i:photo|video)(?i:\s*(?:gallery|report|reportage|album|story))?\s*(?::|(?i:from)\s)")
_TIMELINE_HEADINGS = 3


def article_kind(title: str, pieces: list[Piece], rules: Rules, *, dated: bool, opens_page: bool = False) -> str:
    """speech, interview, statement, document, news or other, from the body's form, the title and
    where the title stands (``opens_page``: nothing before it, as on a static page)."""
    labels = {p.label for p in pieces}
    if "question" in labels or "answer" in labels:
        return "interview"
    if _WRITTEN_ADDRESS.match(title) and not any(rules.lead_date_start.match(p.text) for p in pieces[:1]):
        # "Address of the Secretary General on the occasion of …", "Congratulations of X on Victory Day": a signed
        # written address on an occasion (no event's audience, no reporter's dated lead)
        return "statement"
    if "salutation" in labels:
        return "speech"
    if _PRESS_SERVICE_TITLE.match(title):
        return "statement"  # "Message of the press service on …": the service's text, whoever it quotes
    if rules.speech_text_title.match(title) and not _told_of(pieces, rules):
        # (a title naming the page as the speech: "Speech by X at …"; but a report of the condolences
        # or message, "Secretary General X expressed …", "“We share …,” the message says", tells of it
        # in the third person: news - only first-person text outside quotes makes the speech)
        return "speech"
    if rules.statement_title.search(title):
        return "statement"
    texts = [p.text for p in pieces if p.label in ("lead", "paragraph")]
    first_text = texts[0] if texts else ""
    if _SERVICE_STATES.match(first_text):
        return "statement"  # "The CSTO Secretariat states that …", "The Press Service … officially declares …"
    if _ON_TOPIC_TITLE.match(title) and _DECLARES.match(first_text):
        return "statement"  # "On the terrorist attack in …" / "The Organisation strongly condemns …"
    if (_ON_TOPIC_TITLE.match(title) and not rules.lead_date_start.match(first_text)
            and any(_DECLARES.search(t) for t in texts[:_STATEMENT_PARAGRAPHS]) and not any(
                _REPORTED.search(t) for t in texts[:_STATEMENT_PARAGRAPHS])):
        # "On the 33rd anniversary of …" / "Thirty-three years ago, …" / "The Secretariat congratulates …":
        # the Organisation speaks of itself in the present, no report of who did what
        return "statement"
    if (rules.document_title.search(title) and not rules.finite_passive.search(title)
            and not _DAYS_SPAN_END.search(title)) or any(
            p.label == "heading" and (rules.section_heading.fullmatch(p.text)
                                      or section_name(p.text, rules, words=SECTION_NAME_MAX_WORDS)) for p in pieces):
        return "document"
    body = [p.text for p in pieces if p.label == "paragraph"]

    def first_share() -> float:
        words = sum(len(t.split()) for t in body[:40])
        # a report quotes a speaker's "we"; a speech says it in its own text
        first = sum(len(rules.first_person.findall(_QUOTED.sub(" ", t))) for t in body[:40])
        return first / words if words else 0.0

    if rules.speech_title.search(title) and first_share() >= _FIRST_PERSON_SHARE / 2:
        return "speech"
    if (_NAME_QUOTE_TITLE.match(title) and texts and not _REPORTED.search(texts[0])
            and not rules.lead_date_start.match(texts[0]) and not NUMERIC_DATE_START.match(texts[0])
            and not any(w.rstrip(".") in rules.non_name_words for w in title[: title.index(":")].split())
            and (first_share() >= _FIRST_PERSON_SHARE / 2 or rules.first_person.search(_QUOTED.sub(" ", texts[0])))):
        # "Imangali Tasmagambetov: “…”" over "I am glad to greet you …": his speech (a reporter's dated lead,
        # "On 12 January, a briefing … was held", makes it a report of his words)
        return "speech"
    if opens_page and not dated and sum(
            1 for p in pieces if p.label == "heading" and YEAR_LINE.fullmatch(p.text.strip())) >= _TIMELINE_HEADINGS:
        return "other"  # "1992" / "On 15 May, …" / "1999" / …: a history page's timeline, however dated its entries
    if _biography_body(texts):
        return "other"  # "Born on 3 March 1957 …" / "In 1978 he graduated …": a biography, however dated
    if rules.interview_title.search(title) and first_share() >= _FIRST_PERSON_SHARE:
        return "interview"
    if "lead" not in labels and first_share() >= _FIRST_PERSON_SHARE * 3:
        return "speech"
    if rules.other_title.search(title):
        return "other"
    if (title[:1] in "PVpv" and _MEDIA_TITLE.match(title) and not rules.lead_date_start.match(first_text)
            and not NUMERIC_DATE_START.match(first_text)):
        return "other"  # "Video: …" / "Photo gallery: …" over what the pictures show: a media page, no dated report
    if not dated and short_heading(title):
        return "other"  # "History", "Member states": a static page's heading names no news
    lead = next((p for p in pieces if p.label == "lead"), None)
    if opens_page and not dated and (lead is None or not (
            rules.lead_date_start.match(lead.text) or _PLACE_THEN_DATE.match(lead.text)
            or rules.lead_date_start.match(title) or _REPORTED_EVENT.search(title) or _REPORTED.search(title)
            or title_month(title) is not None or month_date(title) is not None)):
        # a page that opens with its heading and tells no dated news: a static page (a report says when,
        # "In Minsk, on 6 May 2023, …", or its title reports the event: "A meeting … was held in …",
        # "22 December 2022: meeting of …", or names its month: "CSTO: results of August 2025"; or tells who did
        # what, "X took part in …", "X met with …", or names its day: "Session of … March 4, 2019, Minsk")
        return "other"
    if dated or "lead" in labels:
        return "news"
    return "other" if not body else "news"


def principal(
    title_mentions: list[Mention], lead_mentions: list[Mention], *, lead: str = "", speech: re.Pattern[str] | None = None
) -> str | None:
    """The person a speech or interview belongs to: first named in the title, else the lead.

    In the lead, the person named right before a speech verb (``… X delivered a speech``)
    comes first: a lead often names the host before the speaker.
    """
    if title_mentions:
        return title_mentions[0].id
    if not lead_mentions:
        return None
    verb = speech.search(lead) if speech is not None else None
    if verb is not None:
        before = [m for m in lead_mentions if m.end <= verb.start()]
        if before:
            return before[-1].id
    return lead_mentions[0].id


# "1. Imangali Nurgalievich, what …?": the name a question opens with, before its first comma
_ADDRESS_MAX = 60
_QUESTION_NUMBER = re.compile(r"\d{1,2}[.)]\s*|[—–-]\s*")


# "Viktor Pavlovich": a first name and a patronymic (Russian, or the Turkic particles' forms)
_BY_PATRONYMIC = re.compile(rf"(?P<first>[A-Z][a-z]+)\s+[A-Z][a-z]+(?:{PATRONYMIC_ENDINGS}|ogly|kyzy|uly|uulu)")


def addressee(pieces: list[Piece], people: People, *, named_in: tuple[str, ...] = ()) -> str | None:
    """The person an interview's first question addresses by name (``Stanislav Vasilyevich, …``); a
    first name and patronymic the registry does not know is the person ``named_in`` (the title, the
    lead) names with that first name and a surname (``Viktor Kuznetsov`` for ``Viktor Pavlovich``)."""
    q = next((p for p in pieces if p.label == "question"), None)
    if q is None:
        return None
    m = _QUESTION_NUMBER.match(q.text)
    head = q.text[m.end() if m else 0 :]
    comma = head.find(",")
    if not 0 < comma <= _ADDRESS_MAX:
        return None
    found = people.mentions(head[:comma])
    if found:
        return found[0].id
    address = _BY_PATRONYMIC.fullmatch(head[:comma].strip())
    if address is None:
        return None
    full = re.compile(r"\b" + re.escape(address["first"]) + r"\s+(?P<surname>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b(?!\s+[A-Z])")
    for text in named_in:
        for f in full.finditer(text):
            if not _BY_PATRONYMIC.fullmatch(f[0]) and f["surname"] not in people.rules.non_name_words:
                return people.adopt(" ".join(f[0].split()))
    return None


_OPEN_QUOTES = "“«„\""


def _unclosed(text: str) -> bool:
    """More opening than closing quotation marks (or an odd number of straight ones): the quotation
    goes on in the next paragraph."""
    return text.count("“") + text.count("«") > text.count("”") + text.count("»") or text.count('"') % 2 == 1


_SIGNATURE_WORDS = 6


def _signature(text: str) -> bool:
    """A name or an office under a text (``Taalatbek Masadykov``, ``Chairman of the Council``): a few
    words, half of them or more capitalised, no closing punctuation - not a sentence the excerpt cut."""
    words = text.split()
    return (heading_like(text) and len(words) <= _SIGNATURE_WORDS
            and 2 * sum(1 for w in words if w[:1].isupper()) >= len(words))


_CLOSING_SIGNATURE_WORDS = 12


def closing_signature(pieces: list[Piece], rules: Rules, people: People) -> Piece | None:
    """The line that signs a speech under its text (``Imangali Tasmagambetov, Secretary General of
    the …``, ``Secretary General of the … S. Zas``, ``CSTO Secretary General``): the last piece, after
    paragraphs, without closing punctuation, twelve words or fewer, half of them or more
    capitalised, naming a role or a person. It heads nothing but gives nobody's words."""
    body = [p for p in pieces if p.label != "boilerplate" and not rules.caption.match(p.text)]
    if len(body) >= 3 and (place_date_line(body[-1].text) or is_date_unit(body[-1].text)):
        body = body[:-1]  # "V.V. Korotkevich" over "Minsk, September 14, 2023": the place and date it was signed
    if len(body) < 2 or not any(p.label == "paragraph" for p in body[:-1]):
        return None
    last = body[-1]
    if last.label not in ("paragraph", "heading"):
        return None
    # an office over the name in one block ("Secretary General of the CSTO" / "I. Tasmagambetov")
    lines = signature_lines(last.text)
    if not 0 < len(lines) <= _SIGNATURE_LINES:
        return None
    for t in lines:
        words = t.split()
        if (not heading_like(t) or len(words) > _CLOSING_SIGNATURE_WORDS
                or 2 * sum(1 for w in words if w[:1].isupper()) < len(words)):
            return None
    if not any(rules.role_before.search(t) or SIGNED_NAME.fullmatch(t) or people.mentions(t) for t in lines):
        return None
    return last


_SIGNATURE_LINES = 3


def signature_lines(text: str) -> list[str]:
    """The non-blank lines of a piece, trimmed."""
    return [t.strip() for t in text.splitlines() if t.strip()]


def signatory(signature: Piece, people: People) -> str | None:
    """Who signs: the name on the signature's lines, read from the last (``V.V. Korotkevich`` under
    ``Chairman of the Council …``, whose office becomes the new person's role), or None."""
    lines = signature_lines(signature.text)
    for k in range(len(lines) - 1, -1, -1):
        office = lines[k - 1] if k else None
        if office is not None and people.rules.role_before.search(office) is None:
            office = None
        pid = people.signed(lines[k], role=office)
        if pid is not None:
            return pid
    return None


def name_over_signature(pieces: list[Piece], signature: Piece, people: People) -> Piece | None:
    """``Taalatbek Masadykov,`` on the line above ``CSTO Secretary General``: the signature's first
    line (a name and a comma, nothing else), or None."""
    k = next((i for i, p in enumerate(pieces) if p is signature), 0)
    if k == 0:
        return None
    above = pieces[k - 1]
    t = above.text.rstrip()
    if above.label not in ("paragraph", "heading") or not t.endswith(",") or not _signature(t[:-1]):
        return None
    return above if people.mentions(t) else None


_CLOSES = (".", "!", "?", "…", "”", "»", "\"", "'", ")")
# "…,” then its attribution: a quotation closed on a comma goes on with who said it
_COMMA_CLOSED = (",”", ',"', ",»")
# "Col.", "Gen.", "S.": a rank's abbreviation or an initial, standing before a name, never a sentence's end
_ABBREVIATION_END = re.compile(r"(?:^|\s)[A-Z][a-z]{0,2}\.$")


def excerpt_cut(pieces: list[Piece], text: str) -> Piece | None:
    """The piece the crawler's excerpt cut off: the last one, running to the text's end and not
    ending a sentence (``… the rapid exchange of inf``, ``…,” Col``), or ending where no paragraph
    ends: a quotation closed on a comma (``…,”``, its attribution gone), a quotation still open
    (``“… our states.``), a rank or an initial (``…,” Col.``). None when the text ends there."""
    if not pieces:
        return None
    last = pieces[-1]
    t = last.text.rstrip()
    if not t or text[last.end :].strip():
        return None
    if not t.endswith(_CLOSES) or t.endswith(_COMMA_CLOSED) or _unclosed(t) or _ABBREVIATION_END.search(t):
        return last
    return None


def _opens_new_quote(text: str) -> bool:
    """The paragraph opens a quotation of its own after its first word (``The Council approved the
    “Programme …``): its first quotation mark past the start is an opening one - a paragraph going
    on with a quotation from the one before opens with its mark, or closes the quotation first."""
    for k, c in enumerate(text[1:], 1):
        if c in "“«„":
            return True
        if c in "”»":
            return False
        if c == '"':
            return not text[k - 1].isalnum() and text[k - 1] not in ".,!?;:"
    return False


_THIRD_PERSON_START = re.compile(r"(?:He|She)\s+[a-z]")


# a written statement's present tense of saying ("stresses", "recalls", "calls on"): its prose, no one's words
_WRITTEN_PRESENT = re.compile(r"\b(?:stresses|emphasi[sz]es|underlines|recalls|reiterates|reaffirms|notes|states|"
                              r"calls on|calls upon|expresses|points out|believes|hopes|urges|welcomes|condemns)\b")
_QUOTE_MARK = re.compile(r"[“”\"«»]")


def _third_person_statement(pieces: list[Piece], main: str, people: People) -> bool:
    """No paragraph says "I"/"we", and one names the author as its subject (by name, by the office the
    page binds to him, or ``He …``): a written statement about him, not his words."""
    body = [p for p in pieces if p.label == "paragraph"]
    if not body or any(people.rules.first_person.search(p.text) for p in body):
        return False
    return any(_about_author(p.text, main, people) for p in body)


def _about_author(text: str, main: str, people: People) -> bool:
    """The paragraph names the author as its subject near its start: his name, an office, ``He …``."""
    if _THIRD_PERSON_START.match(text):
        return True
    head = text[:160]
    if any(m.id == main and m.start < 80 for m in people.mentions(head)):
        return True
    roles = list(people.rules.role_before.finditer(head))
    return bool(roles) and roles[0].start() < 40


def _after_the_speech(pieces: list[Piece], main: str, people: People) -> list[Piece]:
    """The paragraphs of a reported speech's page after its last words (the last salutation or piece in
    the first person), when a reporter's lead opens the page and one of them names someone else: the
    report going on, not the speech (empty when there is none)."""
    last = max((k for k, p in enumerate(pieces) if p.label == "salutation" or (
        p.label == "paragraph" and people.rules.first_person.search(p.text))), default=-1)
    if last < 0:
        return []
    after = [p for p in pieces[last + 1 :] if p.label == "paragraph"]
    if not after or any(people.rules.first_person.search(p.text) for p in after):
        return []
    if _AFTER_SPEECH.match(after[0].text):
        return after  # "After the speech, the participants …": the reporter again, whoever it names
    if _office_opening(tuple(people.rules.role_words)).match(after[0].text):
        return after  # "The minister thanked the organisers and said …": an office told of, the report again
    if not any(p.label == "lead" for p in pieces):
        return []
    others = any(m.id != main for p in after for m in people.mentions(p.text))
    return after if others else []


@lru_cache(maxsize=4)
def _office_opening(roles: tuple[str, ...]) -> re.Pattern[str]:
    """``The minister thanked …``, ``The Secretary General of the CSTO said …``: a paragraph opening with a bare
    office as the subject of a verb in the past (the reporter's words about its holder)."""
    alternation = "|".join(re.escape(r.rstrip(".")) for r in sorted(roles, key=len, reverse=True) if len(r) > 3)
    return re.compile(r"The\s+(?:[A-Z]{2,}\s+)?(?i:(?:acting|deputy|first deputy)\s+)?(?i:" + alternation + r")\b"
                      r"[^.,;:“”\"]{0,60}?\s(?:also\s+)?(?:[a-z]{3,}ed|said|told|spoke|held|met|gave)\b")


# a reporter's narration taking up after the speech's last words
# ("After the solemn part, …", "At the end of the ceremony, …": the event's part the speech belonged to)
_AFTER_SPEECH = re.compile(r"(?:After|Following|Upon|At the end of)\s+(?:the|his|her|this)\s+(?:\w+\s+)?"
                           r"(?:speech|address|remarks|greeting|report|statement|presentation"
                           r"|part|ceremony|event)\b"
                           # "The address was received with applause.": the reporter tells of the speech
                           r"|(?:The|His|Her|This)\s+(?:\w+\s+)?(?:speech|address|message|greeting|appeal|remarks)"
                           r"\s+(?:was|were)\b")
# the site's editorial "we" announcing the text below ("We publish the text of his statement."): no first person
EDITORIAL_WE = re.compile(r"\b(?:[Bb]elow\s+)?[Ww]e\s+(?:publish|present|reproduce|bring\s+to\s+your\s+attention)\s+"
                          r"(?:below\s+)?the\s+(?:full\s+)?text\b")


# a fragment the crawler cut a page's last paragraph to ("Th", "In concl"): a few letters that say nothing
_FRAGMENT_WORDS = 3
_FRAGMENT_CHARS = 24


def _fragment_continues(pieces: list[Piece], cut: Piece | None) -> None:
    """A speech's cut fragment is the speaker's only where it goes on with the speaker's words: after
    narration with no speaker, a few letters are nobody's (a fragment naming someone keeps its speaker; an
    interview's cut answer stays the interviewee's)."""
    if cut is None or cut.speaker is None or len(cut.text) > _FRAGMENT_CHARS or len(cut.text.split()) > _FRAGMENT_WORDS:
        return
    if sum(1 for w in cut.text.split() if w[:1].isupper()) >= 2:
        return  # "Colonel Ivan Petr", "I. Surna": the fragment names someone itself
    at = next((k for k, p in enumerate(pieces) if p is cut), 0)
    before = next((p for p in reversed(pieces[:at]) if p.label != "heading"), None)
    if before is not None and before.speaker != cut.speaker:
        cut.speaker = None


# what stands before a paragraph's subject: a date, an office and its "of the …" tail, never a preposition
# that makes the name its object ("… met with Minister X", "handed over to X")
_BEFORE_OBJECT = re.compile(r"\b(?:with|to|by|from|and|for|between|at|in|on)\s", re.IGNORECASE)
_OPENING_PHRASE = re.compile(r"^\s*(?:On|In|At|During)\s[^,]{0,60},\s*")  # "On 5 June 2024, ", "In Yerevan, "
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)(?=[A-Z“«\"])")


def _subject_of(text: str, people: People) -> str | None:
    """The person a paragraph's first sentence that names two people or more has as its subject
    (``CSTO Secretary General X discussed with Minister Y …``): the first name, when no preposition stands
    before it in its sentence (``On 5 June 2024,`` may); None otherwise."""
    found = people.mentions(text)
    if len({m.id for m in found}) < 2:
        return None
    first = found[0]
    starts = [m.end() for m in _SENTENCE_START.finditer(text, 0, first.start)]
    before = text[starts[-1] if starts else 0 : first.start]
    before = _OPENING_PHRASE.sub("", before)
    if _BEFORE_OBJECT.search(before):
        return None
    return first.id


# a sentence's start, not after an initial ("I. Tasmagambetov")
_SENTENCE_BREAK = re.compile(r"(?<![A-Z])[.!?]\s+(?=[A-Z“«\"])")


def _subject_before_cue(text: str, at: int, before: list[Mention], people: People) -> str | None:
    """``X held meetings with A and B. At the meeting with the Minister, he stressed …``: the pronoun's
    sentence names nobody, and the sentence before it has a subject and objects: the subject (None when
    the cue's own sentence names someone, or that sentence has no clear subject: the last name then)."""
    if len({m.id for m in before}) < 2:
        return None
    starts = [0, *(m.end() for m in _SENTENCE_BREAK.finditer(text, 0, at))]
    own = starts[-1]
    if any(m.start >= own for m in before):
        return None
    last = before[-1]
    start = max(k for k in starts if k <= last.start)
    return _subject_of(text[start:own], people)


def assign_speakers(
    pieces: list[Piece], kind: str, main: str | None, people: People, *, named: list[str] | None = None,
    cut: Piece | None = None, bindings: RoleBindings | None = None, at_limit: bool = False,
) -> None:
    """Speech -> its speaker; interview answers -> the interviewee; reports -> who is quoted.

    In a report, ``cut`` (the paragraph the excerpt cut, ``excerpt_cut``) has a speaker only where
    its own words say who speaks (``X noted``, ``he stressed``, ``According to him``) or where it
    goes on with a quotation left open by a paragraph that named its speaker: a quotation, a "we"
    or an ``In his speech, X`` whose attribution was cut off with the paragraph's end is nobody's
    words on this page. In a speech, the paragraph the excerpt cut at its byte limit (``at_limit``) is the
    speaker's, however few its words (``We``, ``The Collective Security Treaty was signe``): no signature."""
    if kind == "statement" and main is not None and _third_person_statement(pieces, main, people):
        return  # a written statement that speaks of its author ("The Secretary General calls on …"): nobody's words
    if kind == "statement" and main is None:
        assign_speakers(pieces, "news", None, people, named=named, cut=cut, bindings=bindings, at_limit=at_limit)
        for p in pieces:
            if p.speaker is not None and not _QUOTE_MARK.search(p.text) and (
                    _WRITTEN_PRESENT.search(p.text) or (people.rules.first_person.search(p.text) is not None
                                                        and not people.has_pronoun_cue(p.text) and not people.mentions(p.text))):
                # "The Secretary General stresses …", "He recalls …": the statement's own prose; its "we" with no
                # one named as speaking ("We stress the need …" after a quoted paragraph) is the statement's voice
                p.speaker = None
        return
    if kind == "speech" or (kind == "statement" and main is not None):
        for p in pieces:
            # a signature under the text ("Taalatbek Masadykov", "Secretary General") says nothing
            if p.label in ("paragraph", "salutation") and not (p.label == "paragraph" and _signature(p.text) and not (
                    at_limit and p is cut and p is not pieces[0])):
                p.speaker = main
        if kind == "speech" and main is not None:
            # a report's narration around the speech ("After the solemn part, the Secretary General
            # presented awards …"): it speaks of the speaker, never in his first person: no words of his
            for p in pieces:
                if (p.label == "paragraph" and p.speaker == main
                        and not people.rules.first_person.search(EDITORIAL_WE.sub("", INITIAL_I.sub("", p.text)))
                        and _about_author(p.text, main, people)):
                    p.speaker = None
            after = _after_the_speech(pieces, main, people)
            if after:
                # the report goes on after the speech ("The programme of the conference includes …", "X also
                # spoke at the opening. He noted …"): attributed as a report is
                for p in after:
                    p.speaker = None
                assign_speakers(after, "news", main, people, named=named, cut=cut, bindings=bindings)
        _fragment_continues(pieces, cut)
        return
    if kind == "interview":
        by_turn: dict[str, str | None] = {}
        last_who = main
        for p in pieces:
            if p.label != "answer":
                continue
            who = last_who if by_turn else main  # an unprefixed paragraph goes on with its turn
            if p.turn is not None:
                # "I. Tasmagambetov: …" names who answers; an unknown prefix is the interviewee
                if p.turn not in by_turn:
                    found = people.mentions(p.turn)
                    by_turn[p.turn] = found[0].id if found else None
                who = by_turn[p.turn] or main
            p.speaker = last_who = who
        return
    last: str | None = None
    recent = list(named or [])  # people named so far, oldest first (title and lead to start)
    unscanned: list[Piece] = []  # earlier paragraphs whose names were not looked up (no cue in them)
    quote: list[Piece] = []  # paragraphs of a quotation still open (“… with no closing mark yet)

    def note(ids: list[str]) -> None:
        for pid in ids:
            if pid in recent:
                recent.remove(pid)
            recent.append(pid)

    def catch_up() -> None:
        """Look up the names of earlier paragraphs, only once a pronoun needs them."""
        while unscanned:
            note([m.id for m in people.mentions(unscanned.pop(0).text)])

    previous: Piece | None = None  # the paragraph before this one
    written = False  # the paragraph before reports a written message
    for p in pieces:
        if p.label not in ("paragraph", "lead"):
            continue
        t = p.text
        who = None
        if p is cut:
            t = people.object_cut(t)  # "… answered the qu": the verb's object, words or an act, is gone
            topic = _SPOKE_ABOUT.search(t, max(0, len(t) - _CUT_TOPIC_REACH))
            if topic is not None and len(t[topic.end() :].split()) < _CUT_TOPIC_WORDS:
                t = t[: topic.start()]  # "… in which he spoke about the pros": what he spoke of is cut away
        if p is cut and not (previous is not None and previous.speaker is not None and _unclosed(previous.text)
                             and not _opens_new_quote(t)):
            if not people.says_who_speaks(t):
                previous = p
                continue
            carry = False
        else:
            carry = True
        cue = people.has_pronoun_cue(t)
        misfit = False  # "she" where only men are named: the carried speaker is not hers either
        # names matter only where someone reports or is quoted; most paragraphs skip the search
        if cue or people.may_report(t) or people.has_quote(t):
            if unscanned and people.may_address(t):
                catch_up()  # "Alexander Alekseevich noted": the people named before say who that is
            mentions = people.mentions(t)
            who = people.subject_of_report(t, mentions)
            if who is None:
                # "the Belarusian leader said": a nationality and a role noun (it decides, whoever it names)
                described, who = people.by_descriptor(t, recent, on=bindings.on if bindings is not None else None,
                                                      last=last)
                if not described:
                    who = people.by_role(t, recent, bindings, last=last)
            if who is None and cue:
                # "…, he noted": the person named last before the cue, in this paragraph or earlier
                at = people.cue_start(t)
                before = [m.id for m in mentions if m.end <= at]
                woman = None
                if not before and people.cue_gender(t) == "f":
                    # "… coordinated by Gulnara Sadykova from Almaty. She noted …": a woman this paragraph
                    # names before the cue, whom the scan took for nobody, is the one just introduced
                    woman = people.woman_named_before(t, at)
                # "The Secretary General wished the Ambassador success. He noted …": the office opening the
                # sentence before the pronoun, bound to a name in the Article
                office = people.opening_role(t, at) if not before and woman is None and bindings is not None else None
                by_office = bindings.resolve(office, article_only=True) if office and bindings is not None else None
                if before:
                    who = _subject_before_cue(t, at, [m for m in mentions if m.end <= at], people) or before[-1]
                elif woman is not None:
                    who = woman
                elif by_office is not None:
                    who = by_office
                elif office is not None:
                    # "On the eve, the Chief of the Joint Staff held a meeting …. He drew attention …": the office
                    # the Article names nobody for, never the person named before it
                    misfit = True
                elif previous is not None and previous.speaker is not None:
                    who = previous.speaker  # "He also stressed …" goes on with the paragraph before
                else:
                    catch_up()
                    # "A discussed with Minister B …" / "He stressed": the subject of the paragraph before,
                    # not the person its object named last
                    who = (_subject_of(previous.text, people) if previous is not None else None) or (
                        recent[-1] if recent else None)
                # "She noted" after "Anna Petrosyan met with … Imangali Tasmagambetov": the woman named last
                # (and "he" never a woman), when the page names someone the pronoun fits
                gender = people.cue_gender(t) if who is not None else None
                if gender is not None and who is not None and people.feminine(who) != (gender == "f"):
                    catch_up()
                    chain = [*recent, *([previous.speaker] if previous is not None and previous.speaker else []), *before]
                    fits = [pid for pid in chain if people.feminine(pid) == (gender == "f")]
                    # (nobody it fits: a woman the scan does not know as a person - nobody, never the man)
                    who = fits[-1] if fits else None
                    misfit = not fits
            if unscanned and mentions:
                unscanned.clear()  # names named after them are the more recent ones anyway
            note([m.id for m in mentions])
        else:
            unscanned.append(p)
        if (who is None and carry and not misfit and p.label == "paragraph" and last is not None
                and people.has_reported_speech(t)):
            who = last
        # a written message's report: "sent a message …", "In his message, X noted …", then "X noted …"
        # about it until a spoken occasion comes up (what a message "notes" is nobody's spoken words)
        if people.rules.written_message.search(t) is not None or (
                written and people.rules.spoken_occasion.search(t) is None):
            written, who = True, None
        else:
            written = False
        # a quotation running over several paragraphs: “… (not closed) … ”, X summed up
        if quote or (t[:1] in _OPEN_QUOTES and _unclosed(t)):
            quote.append(p)
            closed = not _unclosed(" ".join(q.text for q in quote))
            if who is not None:
                for q in quote:
                    q.speaker = q.speaker or who
            if who is not None or closed:
                quote = []
        if who is not None:
            p.speaker = who
            last = who
            # “…,” in a paragraph of its own, then "he said." / "said X." opening the next one
            if previous is not None and _closed_quote(previous.text) and people.attributes_before(t):
                previous.speaker = who
        previous = p
