"""People: the speaker registry, finding names in text, and telling who speaks in a paragraph."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process
from text_unidecode import unidecode

from curator.core.parse.prefilter import any_of, any_of_at, fold_text, literal_trie
from curator.core.parse.rules import Rules, load_gazetteer
from curator.core.resources import resource_path

# Capital and small letters of the Latin, Latin-1, Latin Extended-A/B and Cyrillic blocks
# (Łukasz, Émile, Сергей). Extended-A/B and the Cyrillic supplement mix both cases in one
# range, so a run's first letter is checked with str.isupper() in Python.
_UP = "A-ZÀ-ÖØ-ÞĀ-ɏЀ-ЯѠ-ӿ"
_LOW = "a-zß-öø-ÿĀ-ɏа-џѠ-ӿ’'"
# initials may be glued ("N.N. Bordyuzha"); a Kyrgyz or Kazakh patronymic particle written in
# lower case ends a name ("Nurlanbek Turgunbek uulu", "Aigerim Nurlan kyzy")
# a middle initial of two letters ("Dmitry Yu. Morozov", "Sh.", "Zh."), never a title ("Mr.", "Dr.", "St.")
_TOKEN = (rf"(?:[{_UP}]\.(?:[{_UP}]\.)?|(?!Mr|Ms|Dr|St|Mt|Jr|Sr)[{_UP}][a-z]\.(?=[ \t\u00a0]+[{_UP}][{_LOW}])"
          rf"|[{_UP}][{_LOW}]+(?:-[{_UP}]?[{_LOW}]+)*)")
_PARTICLE = r"(?:[ \t\u00a0]+(?:uulu|kyzy|kyzi|uly|ogly|oglu|qizi))?"
# No lookbehind: it would cost the scan its fast first-character skip; the character
# before a match is checked in Python instead.
_RUN = re.compile(
    rf"[{_UP}](?:\.(?:[{_UP}]\.)?|[{_LOW}]+(?:-[{_UP}]?[{_LOW}]+)*)(?:[ \t\u00a0]+{_TOKEN})*{_PARTICLE}(?![\w-])"
)
_POSSESSIVE = ("’s", "'s")
# how a Russian patronymic ends ("Nikolaevich", "Sergeyevna", "Ilyich", "Ilyinichna"), as an alternation
PATRONYMIC_ENDINGS = "vich|vna|ichna|ich"
_PATRONYMIC = re.compile(rf"[A-Z][a-z]+(?:{PATRONYMIC_ENDINGS})")
# "Alexander Alekseevich noted": a first name and a patronymic alone (no surname after them)
_ADDRESS = re.compile(rf"\b[A-Z][a-z]+\s+[A-Z][a-z]+(?:{PATRONYMIC_ENDINGS})\b(?![ \u00a0]+[A-Z])")
_CUE_WORDS = ("to him", "to her", "the speaker", "his words", "her words", "his opinion", "her opinion", "his view", "her view",
              "his speech", "her speech", "his address", "her address", "his remarks", "her remarks", "his report",
              "her report", "his statement", "her statement", "his welcoming", "her welcoming", "his opening",
              "her opening",
              " he ", "He ", " she ", "She ")
MAX_FORM_WORDS = 4
_NONSPACE = re.compile(r"\S+")
_LAST_WORD = re.compile(r"\S+$")
_OPEN_QUOTES = "“\"«„"
_QUOTE_CHARS = "“”\"«»„"
# one scan for any of a word list (``prefilter.any_of``), not one ``in`` a word (but the six
# quote characters are found faster by ``in`` than by a regular expression)
_Scan = Callable[[str], "re.Match[str] | None"]
# (anchored on "h", which every cue word but "He " holds: ``prefilter.any_of_at``)
_any_cue_word = any_of_at(_CUE_WORDS, "h")
# A quoted run long enough to be speech, not a name in quotes (“Thunder”, “combat duty”, an
# exercise's or a law's name: "Indestructible Brotherhood-2019"): 30 characters and six words.
_QUOTE_WORDS = 5  # gaps between words
_DIRECT_QUOTE = re.compile(
    r"“(?=(?:[^”“\s]*\s+){%d})[^”“]{30,}|«(?=(?:[^»«\s]*\s+){%d})[^»«]{30,}|„(?=(?:[^“”\s]*\s+){%d})[^“”]{30,}"
    r"|\"(?=(?:[^\"\s]*\s+){%d})[^\"]{30,}\"" % ((_QUOTE_WORDS,) * 4)
)
_QUOTE_CLOSERS = "”»\""
_SPOKEN_END = ".,!?…;:"


def _spoken_quote(s: str) -> bool:
    """A quotation of someone's words inside the paragraph: it ends on a sentence's punctuation
    (``…,”``, ``….”``) or runs on to the next paragraph. A name in quotation marks ends on a word
    (``the programme “On joint measures … for 2026-2028” and …``): a title, nobody's words."""
    for m in _DIRECT_QUOTE.finditer(s):
        end = m.end()
        if s[end - 1 : end] == '"':  # the straight-quote form takes its closing mark in
            end -= 1
        if end >= len(s) or s[end] not in _QUOTE_CLOSERS or s[end - 1] in _SPOKEN_END:
            return True
    return False


FUZZY_CUTOFF = 90.0
_SAME_WORD = 80.0
_STEM = 4
_SPELLING_PARAGRAPHS = 4
# what stands right before the name of someone whose words follow
# a quotation closed with its comma, then its reporting verb and the speaker's description: "…,” explained the
# instructor of the training centre " (before the name)
_QUOTE_THEN_VERB = re.compile(r"[,!?][”\"»]\s+(?P<verb>[a-z]+(?: (?:up|out))?)\s+(?:the\s+[^,.;:!?“”\"«»]{0,80}?\s+)?$")
_ATTRIBUTION = re.compile(r"\b(?i:according to|in the words of|as (?:stated|noted|said|explained|emphasized|stressed) by)\s+$")
# "As noted by the expert of the Institute for Strategic Studies X, …": who the name is stands between;
# "According to the head of the Operations Centre, X, …": the role may be set off by commas (an
# appositive; the name then ends with a comma too, which the caller checks)
_ATTRIBUTION_GAP = re.compile(
    r"\b(?i:according to|in the words of|as (?:stated|noted|said|explained|emphasized|stressed) by)\s+the\s+"
    r"[^.,;:“”\"]{0,120}(?:,\s*)?$")
# how far after a name its reporting verb may stand (four appositives of up to 120 characters)
_ACTS_REACH = 600
_SUBJECT_REACH = 600
# "A, …, and B, …, noted", "Members of the group, including B, …, noted": B is not the verb's only subject
_AND_BEFORE = re.compile(r"\b(?:and|or|including|such as|as well as|among them|with|by)\s+$")
_APPOSITION_BEFORE = re.compile(r",\s*$")
_APPOSITION_REACH = 8
_NAME_TO_APPOSITIVE = re.compile(r"\s*(?:\([^()]{1,60}\)\s*)?,\s*")
# "X, chairing the meeting, said"; "X (Данияр Осмонбеков), Chairman of the Council, noted": the name
# in its own script in brackets, then up to four appositives ("X, head of the department, CSTO
# Secretariat, who moderated the session, noted")
_AFTER_NAME_CLAUSE = re.compile(r"\s*(?:\([^()]{1,60}\)\s*)?(?:(?:,[^,.;:“”\"]{0,120}){1,4},\s*|,\s*)?")
_AFTER_NAME_COMMA = re.compile(r"\s*,?\s*")
# a military rank alone before a name: the office before its comma says what the person is
_RANK = re.compile(r"(?i:(?:army\s+|colonel\s+|lieutenant\s+|major\s+)?general|colonel|major|lieutenant|admiral)")
_NON_SLUG = re.compile(r"[^a-z0-9]+")
# how far before a name "said" / "According to" may stand ("According to the Deputy Head of the
# Secretariat of the Parliamentary Assembly X, …")
_SAID_BEFORE_REACH = 150
_ORG_BEFORE = re.compile(r"(?:\b[A-Z]{2,}\s+)+$")
# how far before a name its role may start: "Ambassador Extraordinary and Plenipotentiary of the
# Republic of … to the Russian Federation Milan Petrović" puts 100 characters between them
_ROLE_REACH = 160
# what may stand between a role word and the name it introduces
# an interview given "to"/"for" a newspaper, agency or channel: the words after it name the medium
_GIVEN_TO_MEDIUM = re.compile(
    r"\b(?i:interview)\b[^.;:?!]*\s(?:to|for)\s+(?:the\s+)?(?:(?i:newspaper|magazine|journal|weekly|daily|"
    r"(?:news\s+|information\s+)?agency|(?:TV|television|radio)(?:\s+channel)?|portal|website|edition)\s+)?[“\"«]?$")
_ROLE_GAP = re.compile(
    r"(?:[\s,\u00a0]+|(?:of|the|for|to|and|on|in|at|de)\b|[A-Z][\w’'-]*|\((?:[^()]{0,40})\))*"
)


# Words that make another office of a role ("Deputy", "Acting", "First Deputy"): a role's key keeps
# them, so "Deputy Secretary General" is never "Secretary General"
_ROLE_MODIFIERS = frozenset(("acting", "deputy", "first", "vice", "executive", "assistant"))
_ROLE_OF_TAIL = re.compile(r"\s+of\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4}")
# a rank after an office's "of the …" tail ("Chief of the Joint Staff Colonel General X") is no part of the office
_RANK_WORDS = frozenset(("army", "colonel", "general", "lieutenant", "major", "admiral"))


def role_key(phrase: str) -> str:
    """A role phrase in one form for comparing roles whole: lower case, hyphens as spaces, without
    ``the``, organisations in capitals (``CSTO``) and a rank after an ``of …`` tail:
    ``the CSTO Deputy Secretary General`` -> ``deputy secretary general``."""
    words = [w for w in phrase.replace("-", " ").split()
             if not (len(w) >= 2 and w.isupper() and w.isalpha())]
    while words and words[0].casefold() in ("the", "of"):
        words = words[1:]
    key = [w.casefold().strip(",") for w in words]
    if "of" in key:
        while key and key[-1] in _RANK_WORDS:
            key.pop()
    out = " ".join(key)
    # "Ambassador Extraordinary and Plenipotentiary of …", "Permanent and Plenipotentiary Representative": the
    # diplomat's full style; "the Ambassador", "the Permanent Representative" name the same office
    if "plenipotentiary" in out:
        out = _PLENIPOTENTIARY.sub("", out)
    return _SAME_OFFICE.get(out, out)


# another name of one office: the Secretariat is headed by the Secretary General
_SAME_OFFICE = {"head of the secretariat": "secretary general", "head of secretariat": "secretary general"}


_PLENIPOTENTIARY = re.compile(r" (?:extraordinary and plenipotentiary|and plenipotentiary)\b")


# "X, Deputy Secretary General of the CSTO, …" / "X (Данияр Осмонбеков), Chairman of the Council, …":
# an office set off by commas right after a name (the name in its own script may stand between)
_APPOSITIVE = re.compile(r"\s*(?:\([^()]{1,60}\)\s*)?,\s*(?P<role>[^,.;:()“”\"]{3,120}?)\s*(?=[,.;]|$)")
_APPOSITIVE_HEAD = re.compile(r"(?:the\s+)?(?:[A-Z]{2,}\s+)?(?:(?i:acting|first|vice|executive|assistant"
                             r"|permanent\s+and\s+plenipotentiary|permanent|plenipotentiary)\s+)*")
_APPOSITIVE_REACH = 200
_TRAILING_OF = re.compile(r"(?:\s+(?:of|the))+$")


_GLOSS = re.compile(r"\s*\((?P<name>[Ѐ-Я][а-яё’'-]+(?:\s+[Ѐ-Я][а-яё’'-]+){1,2})\)")
_GLOSS_RATIO = 75.0


def _glossed(s: str, start: int, end: int) -> bool:
    """The name ``s[start:end]`` is followed by the same name in Cyrillic in brackets
    (``Yevgeny Shcherbakov (Евгений Щербаков)``): its surname transliterated is a near spelling."""
    m = _GLOSS.match(s, end)
    if m is None:
        return False
    mine, theirs = s[start:end].split(), m["name"].split()
    return len(mine) == len(theirs) and fuzz.ratio(_fold(mine[-1]), _fold(unidecode(theirs[-1]))) >= _GLOSS_RATIO


# "The representatives of the Red Cross Society also proposed …": a capitalised run after "of", "for",
# "on", "against", "from" is the object of the preposition, never the subject of the verb after it
_PREPOSITION_BEFORE = re.compile(r"\b(?:of|for|on|against|from)\s+(?:the\s+)?$")


# "the Commission", "the Standing Commission": a capitalised common noun after the article names no person
_AFTER_THE = re.compile(r"(?i:\bthe)\s+$")
# "… the Secretary General in New York", "… at San Francisco": a capitalised run right after a
# preposition of place is where something happened, never who (a role before it names nobody)
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near)\s+$")


def _place_after_preposition(s: str, start: int) -> bool:
    """The run starting at ``start`` follows ``in``/``at``/``near`` directly (``in New York``)."""
    # (a slice's end test first: the pattern runs on one name in a hundred)
    return s[max(0, start - 3) : start].endswith(("n ", "t ", "r ")) and _PLACE_BEFORE.search(
        s, max(0, start - 6), start) is not None


# a name right after a verb in the past or a preposition: the object of a clause, not its subject
_OBJECT_BEFORE = re.compile(r"\b(?:[a-z]{3,}ed|with|by|to|for)\s+(?:the\s+)?$")
_OBJECT_BEFORE_REACH = 24


def _object_of_preposition(s: str, start: int) -> bool:
    """The name starting at ``start`` follows a preposition (``… of the Red Cross Society``)."""
    return _PREPOSITION_BEFORE.search(s, max(0, start - 12), start) is not None


def _role_after(rules: Rules, s: str, end: int) -> str | None:
    """The office set off by commas right after the name ending at ``end`` (``, Deputy Secretary
    General of the CSTO,``): a role word first, then only the office's own words (capitalised
    words, ``of the``); None when there is none."""
    m = _APPOSITIVE.match(s[end : end + _APPOSITIVE_REACH])
    if m is None:
        return None
    phrase = m["role"]
    head = _APPOSITIVE_HEAD.match(phrase)
    at = head.end() if head else 0
    r = rules.role_before.match(phrase, at)
    if r is None and phrase[at : at + 1].islower():
        # ", head of the information department of the CSTO Secretariat,": an office written in lower
        # case, set off by commas all the same (its own words may be lower case too)
        r = rules.role_before.match(phrase[:at] + phrase[at].upper() + phrase[at + 1 :], at)
        return phrase if r is not None and len(phrase.split()) <= _LOWER_OFFICE_WORDS else None
    if r is None or not _ROLE_GAP.fullmatch(phrase, r.end()):
        return None
    return phrase


_LOWER_OFFICE_WORDS = 12


def slugify(name: str) -> str:
    """Stable speaker id from a name, the same in every process and on every machine.

    Letters outside ASCII are transliterated with text-unidecode (the table python-slugify
    uses; called directly, 3-9 µs a name against python-slugify's 20 µs, same output on
    Latin, Cyrillic and CJK names): ``Łukasz Nowak`` -> ``lukasz-nowak``, ``Сергей Лавров``
    -> ``sergei-lavrov``; the Speaker keeps the name as written. A name with nothing to
    transliterate gets ``person-`` and the first hex digits of its SHA-1 (never ``hash()``,
    which is salted per process).
    """
    text = unicodedata.normalize("NFC", name)
    latin = text if text.isascii() else unidecode(text)
    slug = _NON_SLUG.sub("-", latin.lower()).strip("-")
    if slug:
        return slug
    return "person-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    role: str | None


@dataclass
class Registry:
    """Known people and every written form that names them."""

    people: dict[str, Person]
    forms: dict[str, str]  # exact written form -> id
    full_forms: list[str]  # forms with first name and surname, for near-miss matching
    patronymics: dict[str, str] = field(default_factory=dict)  # id -> patronymic (forms of address)
    # id -> (first day, last day) in office of its role, either end open (None): the registry's "term"
    terms: dict[str, tuple[dt.date | None, dt.date | None]] = field(default_factory=dict)
    _fuzzy_cache: dict[str, str | None] = field(default_factory=dict)
    _folded_surnames: dict[str, str] | None = None  # folded surname -> id, built on first use
    _first_words: tuple[int, frozenset[str]] = (-1, frozenset())  # (len(forms), first word of every form)

    def first_words(self) -> frozenset[str]:
        """The first word of every known form: a run's word that is none of them starts no form."""
        if self._first_words[0] != len(self.forms):
            self._first_words = (len(self.forms), frozenset(f.split(" ", 1)[0] for f in self.forms))
        return self._first_words[1]

    def near_miss(self, candidate: str) -> str | None:
        """The id of a known person whose full name is a near-miss spelling of ``candidate``."""
        if candidate in self._fuzzy_cache:
            return self._fuzzy_cache[candidate]
        found = None
        if self.full_forms and len(self._fuzzy_cache) < 100_000:
            hit = process.extractOne(candidate, self.full_forms, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if hit is not None:
                found = self.forms[hit[0]]
            self._fuzzy_cache[candidate] = found
        return found


def build_registry(entries: list[dict]) -> Registry:
    """Index registry entries: full names, aliases, patronymic and initial forms."""
    people: dict[str, Person] = {}
    forms: dict[str, str] = {}
    full: list[str] = []
    for entry in entries:
        name = entry["name"].strip()
        pid = entry.get("id") or slugify(name)
        people[pid] = Person(pid, name, entry.get("role"))
        parts = name.split()
        first, surname = parts[0], parts[-1]
        generated = [name, *entry.get("aliases", [])]
        if len(parts) >= 2:
            generated.append(f"{first[0]}. {surname}")
            if len(surname) >= 4:
                generated.append(surname)
        patronymic = entry.get("patronymic")
        if patronymic and len(parts) >= 2:
            generated += [f"{first} {patronymic}", f"{first} {patronymic} {surname}",
                          f"{first[0]}. {patronymic[0]}. {surname}", f"{first[0]}.{patronymic[0]}. {surname}"]
        for form in generated:
            form = " ".join(form.split())
            forms.setdefault(form, pid)
            if " " in form and "." not in form:
                full.append(form)
    patronymics = {pid: e["patronymic"] for e in entries if e.get("patronymic")
                   for pid in [e.get("id") or slugify(e["name"].strip())]}
    terms = {e.get("id") or slugify(e["name"].strip()): (_day(e["term"].get("from")), _day(e["term"].get("to")))
             for e in entries if isinstance(e.get("term"), dict)}
    return Registry(people, forms, sorted(set(full)), patronymics, terms)


def _day(value: object) -> dt.date | None:
    """``YYYY-MM-DD`` (None: an open end)."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    """The registry in ``resources/speakers.json``."""
    path = resource_path("speakers.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return build_registry(list(data["speakers"]))
    except (OSError, json.JSONDecodeError, KeyError, TypeError, IndexError) as exc:
        raise ValueError(f"{path}: invalid speaker registry: {exc}") from None


# "the parties", "they", "both sides": words after a name that open a subject of their own
_NEW_SUBJECT = r"(?!(?i:the|they|both|all|these|those|its|their|a|an)\b)"
_PASSIVE_AUX = r"(?:was|were|is|are|been|being)\b"
_NOT_PASSIVE = r"(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bbeing )(?<!\bis )(?<!\bare )"
# "has informed", "also noted", "further stressed": between a subject and its reporting verb
_AUX = r"(?:(?:has|have|had|also|further|then|again|once again|in particular|particularly)\s+){0,2}"
_AUX_WORDS = re.compile(_AUX)
# "…, who noted", "…, who also drew attention": the reporting verb of the name's relative clause
_RELATIVE_VERB = re.compile(r",\s*who\s+" + _AUX + r"(?:[a-z]+\s+){0,2}[a-z]+$")
_Patterns = tuple[re.Pattern[str], re.Pattern[str], "_RoleSubject", re.Pattern[str], "_RoleSubject"]
_BY_RULES: dict[int, tuple[_Scan, "WordGate | None", _Patterns]] = {}


def _for_rules(rules: Rules) -> tuple[_Scan, "WordGate | None", _Patterns]:
    """Patterns derived from ``rules``, built once (keyed by identity: hashing Rules is costly)."""
    key = id(rules)
    cached = _BY_RULES.get(key)
    if cached is None or len(_BY_RULES) > 8:
        first = _verb_first_words(rules)
        cached = (_verb_scan(rules), WordGate(first) if first is not None else None, _report_patterns(rules))
        _BY_RULES.clear()
        _BY_RULES[key] = cached
    return cached


# The role words are looked for in ``prefilter.fold_text(text)``: the characters other than ASCII
# letters that a case-insensitive pattern matches with an ASCII letter (``İ`` and ``ı`` with i,
# ``ſ`` with s, the Kelvin sign with k) folded to it, then lower-cased, so that it has the text's
# length and holds a lower-case ASCII word exactly where ``(?i:word)`` matches in the text (İ is
# the one character whose lower() is longer than one).


class _RoleSubject:
    """``the CSTO Secretary General noted``: the role-subject pattern's ``search``, tried only
    where a match can start. Scanning every position of a paragraph with the case-insensitive
    role alternation cost 11 % of a parse of real pages; the role words are found first with a
    case-sensitive scan of the folded, lower-cased text, and the pattern is matched only from
    the (at most three) words before each: what may stand before the role in a match (``the``,
    an organisation in capitals, ``acting``/``deputy``) is letters and white space. Same
    matches as ``pattern.search`` (3-5x faster on the bench and real pages' lines). The folded
    text is ``prefilter.fold_text`` (``str.translate`` with the fold table cost 6-16 us a line, ten
    times the four ``replace`` calls, none at all on an ASCII line), the role words a trie
    (``literal_trie``: only where the first one starts counts, the same place as the alternation's;
    1.7-2x faster)."""

    __slots__ = ("pattern", "_words")

    def __init__(self, pattern: re.Pattern[str], roles: list[str]) -> None:
        self.pattern = pattern
        self._words = re.compile(literal_trie(sorted({r.lower() for r in roles}, key=len, reverse=True))) if roles else None

    def search(self, s: str) -> re.Match[str] | None:
        if self._words is None:
            return self.pattern.search(s)
        low = fold_text(s)
        find, match = self._words.search, self.pattern.match
        tried = -1  # positions up to here were tried
        r = find(low)
        while r is not None:
            at = p = r.start()
            for _ in range(3):  # back over "the", "CSTO", "Acting" and the spaces after each
                k = p
                while k > 0 and s[k - 1].isspace():
                    k -= 1
                if k == p:
                    break
                j = k
                while j > 0 and s[j - 1].isalpha():
                    j -= 1
                if j == k:
                    break
                p = j
            for q in range(max(p, tried + 1), at + 1):
                m = match(s, q)
                if m is not None:
                    return m
            tried = at
            r = find(low, at + 1)
        return None


# a nationality for its country, and the offices a role noun after it may stand for ("the Belarusian leader")
_NATIONALITY = {"Armenian": "Armenia", "Belarusian": "Belarus", "Belorussian": "Belarus", "Kazakh": "Kazakhstan",
                "Kazakhstani": "Kazakhstan", "Kyrgyz": "Kyrgyzstan", "Russian": "Russia", "Tajik": "Tajikistan",
                "Uzbek": "Uzbekistan", "Azerbaijani": "Azerbaijan", "Chinese": "China", "Serbian": "Serbia",
                "Afghan": "Afghanistan"}
_COUNTRY_FORMS = {"Kyrgyzstan": ("Kyrgyzstan", "Kyrgyz Republic"), "Russia": ("Russia", "Russian Federation"),
                  "Belarus": ("Belarus", "Belorussia")}
_PRESIDENCY = ("president",)
_DESCRIPTOR_OFFICES = {
    "leader": _PRESIDENCY, "president": _PRESIDENCY, "head of state": _PRESIDENCY,
    "diplomat": ("ambassador", "minister of foreign affairs", "foreign minister", "envoy", "consul", "diplomat"),
    "minister": ("minister",), "foreign minister": ("minister of foreign affairs", "foreign minister"),
    "defence minister": ("minister of defence", "minister of defense", "defence minister"),
    "general": ("general",), "spokesman": ("spokesman", "spokesperson", "press secretary", "official representative"),
    "ambassador": ("ambassador",), "chairman": ("chairman",)}


# what every such subject holds, looked for before the whole pattern: a nationality before a role noun
_DESCRIPTOR_CUE = re.compile(
    r"\b(?:" + "|".join(sorted(_NATIONALITY, key=len, reverse=True)) + r")\s+(?i:"
    + "|".join(sorted(_DESCRIPTOR_OFFICES, key=len, reverse=True)) + r"|state)\b")


# a bare role noun and the offices it stands for ("the spokeswoman noted" after "Official Representative … X")
_SPOKESPERSON = ("spokesman", "spokeswoman", "spokesperson", "press secretary", "official representative",
                 "representative of the ministry of foreign affairs", "representative of the foreign ministry")
_ROLE_ALIASES = {"spokesman": _SPOKESPERSON, "spokeswoman": _SPOKESPERSON, "spokesperson": _SPOKESPERSON}


@lru_cache(maxsize=8)
def _descriptor_pattern(verbs: str) -> re.Pattern[str]:
    """``the Belarusian leader (…,) said``, ``the head of the Belarusian state noted``, ``,” said the Chinese diplomat``."""
    nats = "|".join(sorted(_NATIONALITY, key=len, reverse=True))
    nouns = "|".join(sorted(_DESCRIPTOR_OFFICES, key=len, reverse=True))
    return re.compile(
        rf"\b(?i:the)\s+(?:(?P<nat>{nats})\s+(?P<noun>(?i:{nouns}))|head\s+of\s+the\s+(?P<nat2>{nats})\s+state)\b"
        rf"(?:\s*,[^,.“”]{{0,80}},)?\s+(?:also\s+|further\s+)?(?:{verbs})"
        rf"|[”\"»],?\s*(?:{verbs})\s+the\s+(?P<nat3>{nats})\s+(?P<noun3>(?i:{nouns}))\b")


def _roles_alternation(roles: tuple[str, ...]) -> str:
    """The roles as one alternation, longest first (``Deputy Secretary General`` before ``Secretary General``)."""
    return "|".join(re.escape(r) for r in sorted(roles, key=len, reverse=True))


@lru_cache(maxsize=8)
def _opening_role_pattern(roles: tuple[str, ...]) -> re.Pattern[str]:
    """A sentence opening with a bare office as its subject, a verb after it: ``The Secretary General wished
    …``, ``The Chief of the CSTO Joint Staff noted …`` (no name between the office and the verb)."""
    alternation = _roles_alternation(roles)
    return re.compile(
        # ("On the same day, the Secretary General visited …": an adverbial may open the sentence before it)
        r"(?:^|(?<=[.!?]\s))\s*(?:(?:On|In|At|During|Later|Then|After|Afterwards|Also|Subsequently)\b[^.,;:]{0,40},\s+)?"
        r"(?P<who>(?:[Tt]he\s+)?(?:[A-Z]{2,}\s+)?(?:(?:Acting|Deputy|First Deputy)\s+)?"
        rf"(?:{alternation})\b(?:\s+of\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){{0,4}})?)"
        r"\s+(?:also\s+)?(?:[a-z]+(?:ed|s)|held|met|made|took|gave|paid|sent|spoke|went|led|told|had)\b")


@lru_cache(maxsize=8)
def _according_role_pattern(roles: tuple[str, ...]) -> re.Pattern[str]:
    """``According to the CSTO Deputy Secretary General,``, ``in the words of the Commander of the
    Collective Rapid Reaction Forces,``: a role (no name) whose words the paragraph gives."""
    alternation = _roles_alternation(roles)
    return re.compile(
        r"\b(?i:according to|in the words of)\s+(?P<who>the\s+(?:(?P<org>[A-Z]{2,})\s+)?(?:(?i:acting|deputy|first deputy)\s+)?"
        rf"(?P<role>(?i:{alternation})))\b(?:\s+of\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+){{0,5}})?\s*,")


def _report_patterns(rules: Rules) -> _Patterns:
    """subject, said_before, role_subject, then subject and role_subject for a paragraph holding a
    quotation: there a subject's verb gives words even when its object names an act (``“…,” X
    summed up the results of the training``); elsewhere that object makes it none."""
    verbs = rules.reporting_verb.pattern
    says = verbs + "(?!(?i:" + rules.non_speech_object.pattern + "))"
    subject, role_subject = _subject_patterns(rules, says)
    subject_quoted, role_subject_quoted = _subject_patterns(rules, verbs)
    # "…,” said X" / "…,” noted the Secretary General X" / "…”, - emphasized X" / "…, – stressed X" / "According to X,"
    # a paragraph opening with the verb ("said the Chief of the Joint Staff X.") or "This was
    # stated by X" attributes the quotation the paragraph before it holds
    said_before = re.compile(
        r"(?:(?:[”\"»]|^|[,!?…](?=\s*[–—]))\s*[,.]?\s*[-–—]?\s*" + _AUX + "(?:" + verbs + r")\s+(?:by\s+)?(?:the\s+)?[^.“”]{0,120}"
        r"|\b(?i:according to|in the words of|as (?:" + verbs + r") by)\s+(?:the\s+)?(?:(?!\b(?:by|between)\s)[^.“”;]){0,130}"
        r"|^(?i:this|that|it)\s+(?:was|has been|had been)\s+(?:" + verbs + r")\s+by\s+(?:the\s+)?[^.“”;]{0,60})$"
    )
    return subject, said_before, role_subject, subject_quoted, role_subject_quoted


def _subject_patterns(rules: Rules, says: str) -> tuple[re.Pattern[str], _RoleSubject]:
    roles = "|".join(re.escape(r.rstrip(".")) for r in rules.role_words if len(r) > 3)
    # "the CSTO Acting Secretary General noted", "the President of Kyrgyzstan, chairing …, said"
    role_subject = _RoleSubject(re.compile(
        rf"(?i:\bthe\s+)?(?:(?P<org>[A-Z]{{2,}})\s+)?(?:(?i:acting|deputy)\s+)?(?P<role>(?i:{roles}))\b"
        r"(?:\s+of\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4})?\s*(?:,[^,.“”]{0,80},\s*)?"
        # ("the Secretary General met with the Permanent Representative …, who …, and informed him about …": a
        # second verb of the same subject after a meeting's verb, telling its guest something)
        r"(?:(?:also\s+)?(?:met|received|visited|held)\b[^.;:“”\"]{0,160}?\band\s+(?:also\s+)?"
        r"(?=(?:informed|told|briefed)\s+(?:him|her|them|the)\b))?"
        rf"{_AUX}(?:{says})"
    ), [r.rstrip(".") for r in rules.role_words if len(r) > 3])
    # "X said", "X, chairing the meeting, said", "X in his speech expressed", and a second verb of
    # the same subject: "X congratulated his interlocutor on … and expressed the hope that …"
    # ("X was informed of …", "X had been told": a passive verb reports words said to X, not by X)
    # ("X (Дмитрий Шугаев) emphasized": the name in its own script in brackets)
    # (the words between may not open another subject - "With X, the parties noted": the parties
    # speak - nor hold a passive's auxiliary: "X was also informed" is told, not telling)
    # ("X, head of the department, CSTO Secretariat, who moderated the session, noted": up to four
    # appositives; the caller makes sure no other person is named among them)
    subject = re.compile(r"(?:\s*\([^()]{1,60}\))?\s*(?:(?:,[^,.“”\"]{0,120}){1,4},\s*|,\s*)?(?:" + _NEW_SUBJECT
                         + r"(?:(?!" + _PASSIVE_AUX + r")[\w’']+\s+){0,3}?|[^.;:“”\"]{0,100}?\band\s+"
                         r"(?:also\s+)?)" + _NOT_PASSIVE + "(?:" + says + ")")
    return subject, role_subject


@lru_cache(maxsize=8)
def _opens_attribution_pattern(verbs: str) -> re.Pattern[str]:
    return re.compile(
        r"\s*[-–—]?\s*(?:(?:he|she|they)\s+" + _AUX + "(?:" + verbs + r")\b"
        r"|" + _AUX + "(?:" + verbs + r")\s+(?:the\s+)?[A-Z]"
        r"|(?:[A-Z][\w’'-]+\s+){1,3}" + _AUX + "(?:" + verbs + r")\s*[.,]"
        r"|(?:This|That|It)\s+(?:was|has been|had been)\s+(?:" + verbs + r")\s+by\b)"
    )


@lru_cache(maxsize=8)
def _object_verbs_pattern(objects: str) -> re.Pattern[str]:
    verbs = re.findall(r"\(\?<=([^()]+)\)", objects)
    return re.compile(r"\b(?P<verb>" + "|".join(re.escape(v) for v in verbs) + r")(?:\s+(?!that\b)[\w-]+){1,3}\s*$")


@lru_cache(maxsize=8)
def _object_words(objects: str) -> dict[str, tuple[str, ...]]:
    """The words of ``non_speech_object`` by first letter (what a cut last word may have been)."""
    words: dict[str, set[str]] = {}
    for w in re.findall(r"\b[a-z]{2,}\b", re.sub(r"\(\?<=[^()]+\)", " ", objects)):
        words.setdefault(w[0], set()).add(w)
    return {k: tuple(sorted(v)) for k, v in words.items()}


def _object_verbs(rules: Rules) -> re.Pattern[str]:
    """The verbs ``non_speech_object`` tells apart by their object, ending the text within three
    words (their object cut off)."""
    return _object_verbs_pattern(rules.non_speech_object.pattern)


def _opens_attribution(rules: Rules) -> re.Pattern[str]:
    return _opens_attribution_pattern(rules.reporting_verb.pattern)


_SURNAME_MIN = 5
# a pronoun cue's gender: "She noted", "In her opinion" / "he stressed", "According to him"
_GENDERED = re.compile(r"\b(?i:she|her|he|his|him)\b")
_FEMININE_SURNAME = re.compile(r"(?:[oe]va|ina|[sc]kaya|aya|yna)$")
# first names ending in -a that are men's
_MASCULINE_IN_A = frozenset((
    "nikita", "ilya", "ilia", "musa", "isa", "danila", "foma", "kuzma", "luka", "savva", "mustafa", "kosta",
    "joshua", "andrea", "luca", "yahya", "mirza", "akka", "moussa", "issa", "sasha", "misha",
))
# "Andrei Petrovsky: “…”": an interview's title opening with its interviewee's name
_TITLE_NAME_PREFIX = re.compile(r"(?P<name>[A-Z][a-z'’-]+(?:\s(?:[A-Z]\.\s)?[A-Z][a-z'’-]+){1,2}):\s")
# a signature's name: initials (``V.V.``, ``Yu.``) and a surname, nothing else
# a name written with its initials: "V.V. Korotkevich", "Yu. Morozov", "K.-Yu. Mironenko" (shared by the
# signature, the speech heading and the speech-heading line tests)
INITIALS = r"(?:(?:[A-Z]|Yu|Ya|Ye|Yo|Zh|Ch|Sh|Kh)\.(?:-|\s?)){1,3}"
SURNAME = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
SIGNED_NAME = re.compile(rf"{INITIALS}(?P<surname>{SURNAME})")
# initials and a surname in running text, the surname not followed by another capitalised word ("V.V. Volodin")
_INITIALLED = re.compile(rf"{INITIALS}(?P<surname>{SURNAME})(?![\w-])(?!\s+[A-Z][a-z])")
_TITLE_INITIALS_PREFIX = re.compile(rf"(?P<name>{INITIALS}{SURNAME}):\s")
_FOLDS = (("kh", "h"), ("zh", "j"), ("yu", "iu"), ("ya", "ia"), ("ye", "e"), ("y", "i"), ("w", "v"))
_DOUBLE = re.compile(r"(\w)\1")
# "Tokayev"/"Tokaev": a y between vowels is only the transliteration's glide
_GLIDE = re.compile(r"(?<=[aeiou])y(?=[aeiou])")


@lru_cache(maxsize=4096)
def _fold(word: str) -> str:
    """A surname with the usual variation of Russian transliteration folded away."""
    w = _GLIDE.sub("", unidecode(word).casefold() if not word.isascii() else word.casefold())
    for a, b in _FOLDS:
        w = w.replace(a, b)
    w = _DOUBLE.sub(r"\1", w)
    # "Iskakoff"/"Iskakov", "Petroff"/"Petrov": the old French spelling of a final -ov
    return w[:-1] + "v" if w.endswith(("of", "ef")) else w


# "Alexander"/"Aleksandr": two spellings of a first name are this close once folded
_FIRST_NAME_RATIO = 85.0


def _same_first_name(a: str, b: str) -> bool:
    """``a`` and ``b`` spell one first name (``Sergei``/``Sergey``, ``Alexander``/``Aleksandr``): the same
    initial, and the same or nearly the same once transliteration is folded away (``x`` read ``ks``)."""
    if a == b:
        return True
    if a[:1] != b[:1] or not b[:1].isupper():
        return False
    fa, fb = _fold(a).replace("x", "ks"), _fold(b).replace("x", "ks")
    return fa == fb or fuzz.ratio(fa, fb) >= _FIRST_NAME_RATIO


_FOLDED_BY_NAMES: dict[tuple[tuple[str, str], ...], dict[str, str]] = {}


def _registry_surnames(reg: Registry) -> dict[str, str]:
    """Folded surname -> id for the registry's people (a surname two people share is left out);
    built once per registry content (a parse builds its registry anew)."""
    got = reg._folded_surnames
    if got is None:
        key = tuple((pid, person.name) for pid, person in reg.people.items())
        got = _FOLDED_BY_NAMES.get(key)
        if got is not None:
            reg._folded_surnames = got
            return got
        got, twice = {}, set()
        for pid, person in reg.people.items():
            last = person.name.split()[-1] if person.name.split() else ""
            if len(last) < _SURNAME_MIN:
                continue
            folded = _fold(last)
            if got.get(folded, pid) != pid:
                twice.add(folded)
            got[folded] = pid
        for folded in twice:
            del got[folded]
        reg._folded_surnames = _FOLDED_BY_NAMES[key] = got
        if len(_FOLDED_BY_NAMES) > 8:  # a few registries at most (tests build their own)
            _FOLDED_BY_NAMES.pop(next(iter(_FOLDED_BY_NAMES)))
    return got


def _verb_words(rules: Rules) -> tuple[str, ...]:
    words = {m.group() for m in re.finditer(r"[a-z]+", rules.reporting_verb.pattern)}
    return tuple(sorted(w for w in words if len(w) > 2))


_WORD_ALTERNATION = re.compile(r"\\b\(\?:(.*)\)\\b", re.DOTALL)
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)


def _verb_scan(rules: Rules) -> _Scan:
    """Whether ``rules.reporting_verb`` matches in a text (``may_report``), in one scan.

    The pattern is ``\\b(?:said|says|…)\\b``, 84 words: sre tries the word boundary and then every
    word at each position (30 us on a paragraph). The same words as a trie (``literal_trie``)
    between the same boundaries match at the same place (at one position the words that match
    are prefixes of one another; both forms take the longest) and scan 2.5-3x faster than the
    former substring test of the verbs' words followed by the pattern ("the", "for", "out" of
    "drew the attention", "called for", "pointed out" let most paragraphs through to it). A
    pattern of another form keeps that test."""
    pattern = rules.reporting_verb
    m = _WORD_ALTERNATION.fullmatch(pattern.pattern)
    if m is not None:
        words = [_ESCAPED.sub(r"\1", w) for w in m[1].split("|")]
        if all(words) and r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b" == pattern.pattern:
            trie = literal_trie(sorted(words, key=len, reverse=True))
            return re.compile(r"\b(?:" + trie + r")\b", pattern.flags).search
    any_verb_word = any_of(_verb_words(rules))

    def scan(s: str) -> re.Match[str] | None:
        return pattern.search(s) if any_verb_word(s) is not None else None

    return scan


_WORD_RUN = re.compile(r"\w+")
# characters that are never word characters, stripped from a space-separated token's ends before it is
# looked up (``said,`` ``“said”``): most tokens then need no regular expression
_WORD_EDGE_PUNCT = ".,;:!?\"'“”«»()[]…—–-/’‘"


def _verb_first_words(rules: Rules) -> frozenset[str] | None:
    """The first word of every reporting verb (``said``, ``summed`` of ``summed up``) when
    ``rules.reporting_verb`` is ``\\b(?:said|…)\\b``, case-sensitive, each verb starting with a word
    character: then a paragraph none of whose words (maximal runs of word characters) is one of them
    holds no match, since the ``\\b`` before a verb and the verb's own next character bound its first
    word. None for a pattern of another form (no gate)."""
    pattern = rules.reporting_verb
    if pattern.flags & (re.IGNORECASE | re.ASCII | re.LOCALE):
        return None
    m = _WORD_ALTERNATION.fullmatch(pattern.pattern)
    if m is None:
        return None
    words = [_ESCAPED.sub(r"\1", w) for w in m[1].split("|")]
    if r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b" != pattern.pattern:
        return None
    first: set[str] = set()
    for w in words:
        run = _WORD_RUN.match(w)
        if run is None:
            return None
        first.add(run.group())
    return frozenset(first)


# an ASCII text's bytes with every byte that is not a word character (``[A-Za-z0-9_]``) made a space
_ASCII_WORD_BYTES = bytes(c if c < 128 and (chr(c).isalnum() or c == 95) else 32 for c in range(256))


class WordGate:
    """Whether a maximal run of word characters (``\\w+``) of a text is one of ``words``: the reporting
    verbs' first words, which gate their scan (``may_report``); ``words`` that are no run of word
    characters are never found.

    An ASCII text (98 % of the generated site's paragraphs): its bytes with every other character a
    space, reversed, are searched for a space then a word reversed, then a space or the end (the
    verbs end in few letters, ``d`` ``s`` ``w`` ``e``, where they start in 17: the trie leaves most of
    the text's words at their first letter; sre jumps from space to space). 3.3 -> 1.8 us a generated
    paragraph, where splitting the bytes into words and looking them up in a set allocated one bytes
    object a word. Any other text, when the words are all ASCII: its UTF-8 bytes the same way, every
    byte of a character outside ASCII a space, find every ASCII run the text has and some that are
    none (``said`` of ``saidé``), so only a find goes on to the exact pass over ``s.split()`` (a token
    of word characters only, ``str.isalnum`` being ``\\w`` but ``_``, is one run; any other is
    stripped of punctuation at its ends, then split into runs by the pattern)."""

    __slots__ = ("words", "_scan", "_all_ascii")

    def __init__(self, words: frozenset[str]) -> None:
        self.words = frozenset(w for w in words if _WORD_RUN.fullmatch(w))
        ascii_words = {w[::-1] for w in self.words if w.isascii()}
        self._all_ascii = len(ascii_words) == len(self.words)
        trie = literal_trie(sorted(ascii_words, key=len, reverse=True))
        self._scan = re.compile((" (?:" + trie + ")(?![^ ])").encode("ascii")).search

    def holds(self, s: str) -> bool:
        if s.isascii():
            return self._scan(b" " + s.encode("ascii").translate(_ASCII_WORD_BYTES)[::-1]) is not None
        if self._all_ascii and self._scan(
                b" " + s.encode("utf-8", "surrogatepass").translate(_ASCII_WORD_BYTES)[::-1]) is None:
            return False
        words = self.words
        for tok in s.split():
            if tok in words:
                return True
            if not tok.isalnum():
                core = tok.strip(_WORD_EDGE_PUNCT)
                if core in words:
                    return True
                if core and not core.isalnum():
                    for run in _WORD_RUN.findall(core):
                        if run in words:
                            return True
        return False


@dataclass(frozen=True)
class Mention:
    start: int  # relative to the string searched
    end: int
    id: str


def _first_name_first(name: str) -> str:
    """``Sultanov Alymbay Alymbekovich`` (surname, first name, patronymic: the order of official Russian
    and Central Asian documents) as ``Alymbay Sultanov``, the order the page's Speakers are named in;
    any other name as it is."""
    words = name.split()
    if (len(words) == 3 and _PATRONYMIC.fullmatch(words[2]) and not _PATRONYMIC.fullmatch(words[1])
            and not _PATRONYMIC.fullmatch(words[0])):
        return f"{words[1]} {words[0]}"
    return name


# nouns that close a body's name: the capitalised words right before one are that name's, never a person's
_INSTITUTION_NOUNS = frozenset(("Department", "Directorate", "Committee", "Council", "Service", "Ministry", "Agency",
                                "Office", "Commission", "Bureau", "Division", "Centre", "Center", "Institute",
                                "Academy", "University", "Secretariat", "Assembly", "Group"))

class People:
    """Per-document finder: known people, near-misses and newly seen people, with their ids."""

    def __init__(self, registry: Registry, rules: Rules) -> None:
        self.registry = registry
        self.rules = rules
        self.seen: dict[str, Person] = {}
        # the first full name (two words or more, no initials) each person is written with here:
        # the Speaker keeps the page's spelling ("Bordiuzha"), the id stays the registry's
        self.spelled: dict[str, str] = {}
        self._verb_scan, self._verb_gate, (self._subject, self._said_before, self._role_subject, self._subject_quoted,
                           self._role_subject_quoted) = _for_rules(rules)
        self._opens_attribution = _opens_attribution(rules)
        self._surnames: dict[str, list[tuple[str, str, str]]] = {}  # first two letters -> (folded, surname, id)
        self._surnames_of = -1  # len(self.seen) when _surnames was built
        self._surname_initials: frozenset[str] = frozenset()  # their first letters (a cheap test before folding)
        # surname -> a first name and surname the page wrote where nothing said it was a person
        # ("Vyacheslav Volodin and the Secretary General met"): "Volodin said" later makes it one
        self._named: dict[str, str] = {}
    def person(self, pid: str) -> Person:
        return self.seen.get(pid) or self.registry.people[pid]

    def written(self, pid: str, speaking: Sequence[str] = ()) -> str:
        """The person's name as this page writes it: the full name most used in the paragraphs
        that give their words (``speaking``), else the first on the page, else the registry's."""
        forms: dict[str, int] = {}
        # only paragraphs that hold the start of the surname are scanned (a speech's paragraphs
        # rarely name their speaker); four such paragraphs are enough to see the page's spelling
        stem = self.person(pid).name.split()[-1][:_STEM]
        named = [t for t in speaking if stem in t][:_SPELLING_PARAGRAPHS]
        for text in named:
            for m in self.mentions(text):
                form = _first_name_first(" ".join(text[m.start : m.end].split()))
                if m.id == pid and self._full_form(pid, form):
                    forms[form] = forms.get(form, 0) + 1
        if forms:
            return max(forms, key=lambda f: forms[f])  # ties: the first written
        name = self.spelled.get(pid) or self.person(pid).name
        # the speaking paragraphs name the person by surname only, spelled another way than the
        # full name ("Bordiuzha stressed" under "Nikolai Bordyuzha"): the Speaker keeps their spelling
        words = name.split()
        if len(words) >= 2:
            folded = _fold(words[-1])
            alone = [w for t in speaking[: _SPELLING_PARAGRAPHS * 4] if words[-1][:2] in t
                     for w in re.findall(r"\b" + re.escape(words[-1][:2]) + r"[\w’'-]+", t)
                     if w != words[-1] and _fold(w) == folded]
            if alone:
                return " ".join([*words[:-1], max(alone, key=alone.count)])
        return name

    def _full_form(self, pid: str, form: str) -> bool:
        """A first name and a surname (no initials, not ``Imangali Nurgalievich``, a form of address)."""
        if " " not in form or "." in form:
            return False
        patronymic = self.registry.patronymics.get(pid)
        return not (patronymic and fuzz.ratio(form.split()[-1].casefold(), patronymic.casefold()) >= _SAME_WORD)

    def _spelled(self, pid: str, form: str) -> None:
        form = " ".join(form.split())
        if pid not in self.spelled and self._full_form(pid, form):
            self.spelled[pid] = form

    def mentions(self, s: str) -> list[Mention]:
        """Names of people in ``s``, in order of appearance."""
        found: list[Mention] = []
        reg = self.registry
        for m in _RUN.finditer(s):
            if m.start() and (s[m.start() - 1].isalnum() or s[m.start() - 1] in "._-"):
                continue
            if not s[m.start()].isupper():
                continue
            run = m.group()
            if " " not in run and "\t" not in run and "\u00a0" not in run:
                # one word: only a known surname can name someone, or the surname of someone
                # this page already named, spelled another way ("Bordiuzha" after "Nikolai Bordyuzha")
                form = run[:-2] if run.endswith(_POSSESSIVE) else run
                pid = reg.forms.get(form) or self._seen_surname(form) or self._known_surname(form)
                if (pid is None and self._named and form in self._named and not _AFTER_THE.search(s, max(0, m.start() - 4), m.start())
                        and self._acts_after(s, m.start() + len(form))):
                    pid = self.adopt(self._named[form])  # "Volodin said" after "Vyacheslav Volodin and …"
                if pid is not None:
                    found.append(Mention(m.start(), m.start() + len(form), pid))
                    if pid in reg.people:  # (a person new to the registry is in self.seen already)
                        self.seen.setdefault(pid, reg.people[pid])
                continue
            words = [(w.start() + m.start(), w.end() + m.start()) for w in _NONSPACE.finditer(run)]
            if all(s[a:b] in self.rules.non_name_words for a, b in words):
                continue
            i = 0
            rest_from = 0
            first_words = reg.first_words()
            while i < len(words):
                # (a word that starts no known form, possessive or not, needs no look-up: 1.3x fewer
                # instructions for a mention search on the bench's pages)
                head = s[words[i][0] : words[i][1]]
                if head not in first_words and not (head.endswith(_POSSESSIVE) and head[:-2] in first_words):
                    i += 1
                    continue
                # the longest known form starting at word i
                hit = None
                for j in range(min(len(words), i + MAX_FORM_WORDS), i, -1):
                    a, b = words[i][0], words[j - 1][1]
                    form = s[a:b]
                    if form.endswith(_POSSESSIVE):
                        form, b = form[:-2], b - 2
                    pid = reg.forms.get(" ".join(form.split()))
                    if pid is None and j - i == 3 and _PATRONYMIC.fullmatch(s[words[i + 1][0] : words[i + 1][1]]):
                        # "Andrei Nikolaevich Serdyukov": a full name with the patronymic the registry
                        # does not hold is the person its first name and surname name
                        first_last = form.split()
                        pid = reg.forms.get(f"{first_last[0]} {first_last[-1]}")
                    if pid is not None:
                        hit = (a, b, pid, j)
                        break
                if hit is None:
                    i += 1
                    continue
                a, b, pid, j = hit
                if i > rest_from:
                    self._unknown(s, words[rest_from][0], words[i - 1][1], found)
                found.append(Mention(a, b, pid))
                self._spelled(pid, s[a:b])
                self.seen.setdefault(pid, reg.people[pid])
                i = rest_from = j
            if rest_from < len(words):
                self._unknown(s, words[rest_from][0], words[-1][1], found)
            if "." in run:
                self._initialled(s, found, m.start(), m.end())
        found.sort(key=lambda x: x.start)
        return found

    def _initialled(self, s: str, found: list[Mention], start: int, end: int) -> None:
        """``V.V. Volodin`` in the run ``s[start:end]``: initials and a surname name a person wherever they
        stand (the registry's or the page's person with that surname, else a new one as written), so
        ``Volodin said`` later on the page is that person."""
        for m in _INITIALLED.finditer(s, start, end):
            a, b = m.start(), m.end()
            if a and (s[a - 1].isalnum() or s[a - 1] in "._-"):
                continue
            if any(x.start < b and a < x.end for x in found):
                continue
            surname = m["surname"]
            if surname in self.rules.non_name_words or surname in load_gazetteer().by_form:
                continue
            pid = self.registry.forms.get(surname) or self._seen_surname(surname) or self._known_surname(surname)
            if pid is None:
                pid = self.adopt(" ".join(m[0].split()))
            elif pid in self.registry.people:
                self.seen.setdefault(pid, self.registry.people[pid])
            found.append(Mention(a, b, pid))

    def _unknown(self, s: str, start: int, end: int, found: list[Mention]) -> None:
        """Names in a capitalised run that the registry does not know by this spelling."""
        reg = self.registry
        parts = self._name_parts(start, s[start:end])
        if not parts and self.seen:
            # "Minister Mukambetayev": an office's words, then the surname of someone the page named
            # ("Ruslan Mukambetaev"), in this spelling or another
            words = [(w.start() + start, w.end() + start) for w in _NONSPACE.finditer(s, start, end)]
            a, b = words[-1]
            if s[b - 2 : b] in _POSSESSIVE:
                b -= 2
            if len(words) >= 2 and all(s[x:y].rstrip(".") in self.rules.non_name_words for x, y in words[:-1]):
                pid = self._seen_surname(s[a:b])
                if pid is not None:
                    found.append(Mention(a, b, pid))
            return
        for a, b, name, tail in parts:
            # a name in another script is matched by its transliteration ("Сергей Лавров")
            latin = name if name.isascii() else unidecode(name)
            pid = reg.forms.get(latin) or reg.near_miss(latin) or self._seen_near(latin) or self._seen_initialled(latin)
            addressed = self._addressed(latin) if pid is None else None
            if addressed is not None:  # a form of address: the person, never a spelling of the name
                found.append(Mention(a, b, addressed))
                continue
            if pid is None and name in load_gazetteer().by_form:
                continue  # "Saint Petersburg", "Nizhny Novgorod": a place the gazetteer knows is no person
            if pid is None:
                # (the tail of a longer run is a name only where it speaks or acts as a person)
                if not ((self._acts_after(s, b) and not _object_of_preposition(s, a)) if tail
                        else self._looks_like_person(s, a, b)):
                    if not tail and " " in name and not _AFTER_THE.search(s, max(0, a - 4), a):
                        # ("the Standing Commission": a common noun's phrase, never a person's name)
                        self._named.setdefault(name[name.rindex(" ") + 1 :], name)
                    continue
                name = _first_name_first(name)
                pid = reg.forms.get(name) or slugify(name)
                if pid not in self.seen and pid not in reg.people:
                    self.seen[pid] = Person(pid, name, self._role_before(s, a))
                elif pid in reg.people:
                    self.seen.setdefault(pid, reg.people[pid])
            elif pid in reg.people:
                self.seen.setdefault(pid, reg.people[pid])
            found.append(Mention(a, b, pid))
            self._spelled(pid, name)

    def signed(self, line: str, *, role: str | None = None) -> str | None:
        """The person a signature's name line names (``I. Tasmagambetov``, ``V.V. Korotkevich``): a
        name the page's scan finds, else the registry's or the page's person with that surname, else a
        new person named as signed (the id the same spelling gets where a report names him)."""
        found = self.mentions(line)
        if found:
            return found[0].id
        m = SIGNED_NAME.fullmatch(line.strip())
        if m is None:
            return None
        surname = m["surname"]
        pid = self.registry.forms.get(surname) or self._seen_surname(surname) or self._known_surname(surname)
        if pid is not None:
            if pid in self.registry.people:
                self.seen.setdefault(pid, self.registry.people[pid])
            return pid
        return self.adopt(" ".join(line.split()), role=role)

    def title_prefix(self, title: str) -> str | None:
        """The person an interview's title opens with, before a colon (``Andrei Petrovsky: “…”``): two or
        three capitalised words, none a vocabulary word (``Collective Security: …`` names nobody), or
        initials and a surname (``V.V. Volodin: “…”``)."""
        m = _TITLE_NAME_PREFIX.match(title)
        if m is None and (signed := _TITLE_INITIALS_PREFIX.match(title)) is not None:
            return self.signed(signed["name"])  # "V.V. Volodin: “…”": initials and a surname
        if m is None or any(w.rstrip(".") in self.rules.non_name_words for w in m["name"].split()):
            return None
        found = self.mentions(m["name"])
        return found[0].id if found else self.adopt(" ".join(m["name"].split()))

    def adopt(self, name: str, *, role: str | None = None) -> str:
        """The id of ``name``, a person the page names in a way the scan does not take for one (a
        signature, the name an interview's form of address points to): known, seen, or new."""
        pid = self.registry.forms.get(name) or self._seen_near(name) or slugify(name)
        if pid in self.registry.people:
            self.seen.setdefault(pid, self.registry.people[pid])
        else:
            self.seen.setdefault(pid, Person(pid, name, role))
        return pid

    def _seen_surname(self, word: str) -> str | None:
        """The person named on this page whose surname ``word`` spells, the same way or another (the
        same after folding y/i, yu/iu, ya/ia, kh/h and double letters), or None."""
        if len(word) < _SURNAME_MIN or not self.seen:
            return None
        if self._surnames_of != len(self.seen):
            self._surnames = {}
            for pid, person in self.seen.items():
                last = person.name.split()[-1] if person.name.split() else ""
                if len(last) >= _SURNAME_MIN:
                    folded = _fold(last)  # (by the folded surname's first letters: "Sydykov"/"Sidykov")
                    self._surnames.setdefault(folded[:2], []).append((folded, last, pid))
            self._surname_initials = frozenset(last[:1] for _, last, _ in
                                               (e for b in self._surnames.values() for e in b))
            self._surnames_of = len(self.seen)
        if word[:1] not in self._surname_initials:
            return None
        mine = _fold(word)
        bucket = self._surnames.get(mine[:2])
        if not bucket:
            return None
        for folded, _last, pid in bucket:
            if mine == folded:  # (the same spelling too: a person new to the registry has no forms)
                return pid
        return None


    def _known_surname(self, word: str) -> str | None:
        """The registry's person whose surname ``word`` spells another way (``Bordiuzha``,
        ``Tokaev``, ``Jovanovic``: the same after folding), when only one has that surname."""
        if len(word) < _SURNAME_MIN:
            return None
        return _registry_surnames(self.registry).get(_fold(word))

    def _addressed(self, name: str) -> str | None:
        """``Vyacheslav Viktorovich noted``: a first name and a patronymic (the Russian form of address) is
        the person this page already named with that first name (``Vyacheslav Volodin``, ``Sultanov Alymbay
        Alymbekovich``): the one whose name holds the patronymic too, else the only one with the first name;
        nobody when two people share it."""
        words = name.split()
        if len(words) != 2 or not _PATRONYMIC.fullmatch(words[1]):
            return None
        first, patronymic = words
        same = [pid for pid, p in self.seen.items()
                if p.name != name and any(_same_first_name(first, w) for w in p.name.split())]
        full = [pid for pid in same if patronymic in self.seen[pid].name.split()]
        pick = full or same
        return pick[0] if len(pick) == 1 else None

    def may_address(self, s: str) -> bool:
        """``s`` may name someone by first name and patronymic (``Alexander Alekseevich noted``), whom only
        the people named before it can identify."""
        return _ADDRESS.search(s) is not None

    def _seen_initialled(self, name: str) -> str | None:
        """A person the page named by initials and a surname (``B. Kasymaliev``, a title's) whose surname this
        full name spells the same or another way (``Bakyt Kasymaliyev``) and whose first initial it opens with."""
        words = name.split()
        if len(words) < 2 or not self.seen:
            return None
        folded = _fold(words[-1])
        for pid, person in self.seen.items():
            m = SIGNED_NAME.fullmatch(person.name)
            if (m is not None and pid not in self.registry.people and person.name[:1] == name[:1]
                    and _fold(m["surname"]) == folded):
                return pid
        return None

    def _seen_near(self, name: str) -> str | None:
        """A person new to the registry but already named on this page in another spelling
        (``Talatbek``/``Taalatbek Masadykov``): one id for both."""
        for pid, person in self.seen.items():
            if pid not in self.registry.people and fuzz.ratio(name, person.name) >= FUZZY_CUTOFF:
                return pid
        return None

    def _name_parts(self, offset: int, run: str) -> list[tuple[int, int, str, bool]]:
        """Cut a capitalised run at words that are never names; keep pieces of 2-3 words, and the
        last two words of a longer piece (flagged: an office's name may run into the person's)."""
        pieces: list[tuple[int, int, str, bool]] = []
        current: list[tuple[int, int]] = []
        words = [(m.start(), m.end()) for m in _NONSPACE.finditer(run)]
        for a, b in [*words, (-1, -1)]:
            possessive = a >= 0 and run[a:b].endswith(_POSSESSIVE)
            if possessive:
                b -= 2  # "Karimov's" ends a name; "Secretariat's Analytical …" is none
            if a >= 0 and run[a:b].rstrip(".") not in self.rules.non_name_words:
                current.append((a, b))
                if not possessive:
                    continue
            if a >= 0 and not possessive and run[a:b] in _INSTITUTION_NOUNS:
                current = []  # "Transnational Threats Department", "Border Guard Service": the body's name, no person's
                continue
            if 2 <= len(current) and not run[current[-1][0] : current[-1][1]].endswith("."):
                # four words or more: an office's name runs into the person's ("… Consumer Rights
                # Protection and Human Welfare Olga Bessonova"): the last two words are the name
                first = current[0] if len(current) <= 3 else current[-2]
                s0, e0 = first[0], current[-1][1]
                pieces.append((offset + s0, offset + e0, run[s0:e0], len(current) > 3))
            current = []
        return pieces

    def _looks_like_person(self, s: str, start: int, end: int) -> bool:
        if _place_after_preposition(s, start):
            return False  # "the Secretary General in New York": a place, whatever role stands before it
        before = s[max(0, start - _ROLE_REACH) : start]
        cut = max(before.rfind(". "), before.rfind(";"), before.rfind("\n"))
        if cut >= 0:
            before = before[cut + 1 :]
        if _GIVEN_TO_MEDIUM.search(before):
            return False  # "Interview of the CSTO Secretary General to Rossiyskaya Gazeta": a medium, no person
        roles = list(self.rules.role_before.finditer(before))
        # the role must describe this name: only its "of the …" tail between them, never
        # other lowercase words ("Head of … Dmitry Orlov to the newspaper “Voennyi Vestnik”")
        if roles and _ROLE_GAP.fullmatch(before, roles[-1].end()):
            return True
        if _ATTRIBUTION.search(before) or (_ATTRIBUTION_GAP.search(before) and s[end : end + 1] == ","):
            return True  # "According to Aleksandr Volfovich, …": only a person is quoted so
        if "”" in before or '"' in before or "»" in before:
            m = _QUOTE_THEN_VERB.search(before)
            if m is not None and self.rules.reporting_verb.fullmatch(m["verb"]):
                return True  # "“…,” explained the instructor of the training centre Bakhtiyor Ergashev.": the quoted
        if _role_after(self.rules, s, end) is not None:
            return True  # "X, Deputy Secretary General of the CSTO, …": an office set off after the name
        if s[end : end + 2].lstrip().startswith("(") and _glossed(s, start, end):
            return True  # "Yevgeny Shcherbakov (Евгений Щербаков)": the name in its own script
        return self._acts_after(s, end) and not _object_of_preposition(s, start)

    def _acts_after(self, s: str, end: int) -> bool:
        after = s[end : end + _ACTS_REACH]
        # "X said", or "X was appointed" / "X was born": only a person is ("X, chairing …, said";
        # "As the head of …, X, explained, …": the verb right after the comma; "X, …, also noted")
        for lead in (_AFTER_NAME_CLAUSE, _AFTER_NAME_COMMA):
            m = lead.match(after)
            at = m.end() if m else 0
            if self.rules.reporting_verb.match(after, at) or self.rules.person_predicate.match(after, at):
                return True
            aux = _AUX_WORDS.match(after, at)
            if aux is not None and aux.end() > at and self.rules.reporting_verb.match(after, aux.end()):
                return True
        # "X, head of …, who presented the report, in his speech pointed out …": the subject of a
        # reporting verb the way a report's subject is found (a few words may stand before the verb)
        return s.count(",", end, end + _ACTS_REACH) >= 2 and self._subject.match(s, end, end + _ACTS_REACH) is not None

    def _role_before(self, s: str, start: int) -> str | None:
        role = self._role_in(s, start)
        if role is not None and _RANK.fullmatch(role):
            # "the Minister of Defense of …, Lieutenant General X": the rank after a comma, the office before it
            at = s.rfind(",", max(0, start - _ROLE_REACH), start)
            office = self._role_in(s, at) if at > 0 else None
            if office is not None and not _RANK.fullmatch(office):
                return f"{office}, {role}"
        return role

    def _role_in(self, s: str, start: int) -> str | None:
        before = s[max(0, start - _ROLE_REACH) : start]
        cut = max(before.rfind(". "), before.rfind(";"), before.rfind(","), before.rfind("\n"))
        if cut >= 0 and cut < len(before) - 3:
            before = before[cut + 1 :]
        # "Minister … Suren Papikyan and Head of the … Department Arman Sargsyan": the second name's role
        # starts after "and" when a role word opens it (never the first name and its office)
        conj = before.rfind(" and ")
        if conj >= 0 and self.rules.role_before.match(before, conj + 5) is not None:
            before = before[conj + 5 :]
        # the first role word from which only the role's own words run on to the name ("Secretary
        # General X met with the State Secretary of … Y": Y's role starts at "Secretary of")
        m = next((r for r in self.rules.role_before.finditer(before) if _ROLE_GAP.fullmatch(before, r.end())), None)
        if m is None:
            m = self.rules.role_before.search(before)
        if m is None:
            return None
        org = _ORG_BEFORE.search(before, 0, m.start())  # "the OSCE Secretary General": the role keeps its organisation
        role = before[org.start() if org else m.start() :].strip(" ,")
        role = re.sub(r"^(?:the|of)\s+", "", role)
        return role or None

    # -- who speaks ------------------------------------------------------------
    def subject_of_report(self, s: str, mentions: list[Mention]) -> str | None:
        """The person a paragraph quotes or reports: ``“…,” X said``, ``X noted that``."""
        subject = self._subject_quoted if self.has_quote(s) else self._subject
        for m in mentions:
            found = subject.match(s, m.end, m.end + _SUBJECT_REACH)
            if found is not None and " and " in (span := s[m.end : found.end()]) and "who " not in span and (
                    _OBJECT_BEFORE.search(s, max(0, m.start - _OBJECT_BEFORE_REACH), m.start)):
                # "The heads of state thanked X for his work … and noted …": X is the first verb's object, the
                # second verb is its subject's, not X's
                found = None
            if found is not None and (_RELATIVE_VERB.search(s, m.end, found.end()) or not (
                    s.count(",", m.end, found.end()) >= 2 and (any(
                        m.end <= o.start < found.end() and o.id != m.id for o in mentions)
                        or _AND_BEFORE.search(s, max(0, m.start - 16), m.start)))):
                # ("A, Head of …, and B, Adviser of …, who …, noted": two people say it, neither alone;
                # "chaired by X, Head of …, who noted": the verb of X's own clause, X's words)
                return m.id
            # "…,” said X" / "…,” noted the Secretary General X"
            if self._said_before.search(s, max(0, m.start - _SAID_BEFORE_REACH), m.start):
                return m.id
        return None

    def by_descriptor(self, s: str, recent: list[str], *, on: dt.date | None = None,
                      last: str | None = None) -> tuple[bool, str | None]:
        """``the Belarusian leader said``, ``The Chinese diplomat noted``, ``said the Armenian minister``: a
        nationality and a role noun as the subject of a reporting verb name the one person named before
        whose office fits both (the one who spoke last when two fit, else nobody); a country's leader, president
        or head of state no one fits is the registry's holder of the country's presidency on the day ``on``.
        Whether such a subject stands in ``s``, and who it is."""
        if _DESCRIPTOR_CUE.search(s) is None:
            return False, None
        m = _descriptor_pattern(self.rules.reporting_verb.pattern).search(s)
        if m is None:
            return False, None
        nat = m["nat"] or m["nat2"] or m["nat3"]
        noun = (m["noun"] or m["noun3"] or "head of state").casefold()
        country = _NATIONALITY[nat]
        forms = tuple(f.casefold() for f in _COUNTRY_FORMS.get(country, (country,)))
        offices = _DESCRIPTOR_OFFICES[noun]
        fits = []
        for pid in dict.fromkeys(reversed(recent)):
            role = (self.person(pid).role or "").casefold()
            if any(o in role for o in offices) and any(f in role for f in forms):
                fits.append(pid)
        if len(fits) == 1:
            return True, fits[0]
        if fits:
            return True, (last if last in fits else None)
        if offices == _PRESIDENCY:
            return True, self.holder(role_key(f"President of {country}"), on)
        return True, None

    def by_role(self, s: str, recent: list[str], bindings: RoleBindings | None = None, *,
                last: str | None = None) -> str | None:
        """``the Secretary General noted …`` with no name: the person the Article binds to that
        role (``… the CSTO Secretary General X …``), else the person last named with it, else the
        one the page's other text binds to it. The role is matched whole: ``the Deputy Secretary
        General`` is not the ``Secretary General``."""
        m = (self._role_subject_quoted if self.has_quote(s) else self._role_subject).search(s)
        if m is None:
            m = self._according_to_role(s)
        if m is None:
            return None
        if _APPOSITION_BEFORE.search(s, max(0, m.start() - _APPOSITION_REACH), m.start()) and any(
                _NAME_TO_APPOSITIVE.fullmatch(s, x.end, m.start()) for x in self.mentions(s[: m.start()])):
            return None  # "X, Adviser of the Ministry, who …, noted": the office of a name, no bare role
        tail = _ROLE_OF_TAIL.match(s, m.end("role"))
        key = role_key(s[m.start("who") if "who" in m.re.groupindex else m.start() : tail.end() if tail else m.end("role")])
        if bindings is not None:
            bound = bindings.resolve(key, article_only=True)
            if bound is not None:
                return bound
        org = (m["org"] or "").casefold()
        # "the CSTO Secretary General": the one of that organisation first, then anyone with the role
        # (two people the role fits, "Ministers A and B met …" / "The minister added": the one who spoke last,
        # else nobody: never a guess)
        # (the role as a whole word: "the minister" is no "Head of … of the Ministry of Defence")
        noun = m["role"].casefold()
        role = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in _ROLE_ALIASES.get(noun, (noun,))) + r")\b")
        for need_org in ((True, False) if org else (False,)):
            fits = [pid for pid in dict.fromkeys(reversed(recent))
                    if role.search(known := (self.person(pid).role or "").casefold())
                    and (not need_org or org in known.split())]
            if len(fits) == 1:
                return fits[0]
            if fits:
                return last if last in fits else None
        return bindings.resolve(key) if bindings is not None else None

    def _according_to_role(self, s: str) -> re.Match[str] | None:
        """``According to the Commander of the … Forces, …``: a role with no name as the source."""
        if "ccording to the " not in s and "words of the " not in s:
            return None
        return _according_role_pattern(tuple(r.rstrip(".") for r in self.rules.role_words if len(r) > 3)).search(s)

    def opening_role(self, s: str, end: int) -> str | None:
        """The office (its ``role_key``) that opens the last sentence of ``s[:end]`` with a bare office as its
        subject (``The Secretary General wished the Ambassador success.`` before ``He noted …``), or None."""
        found = None
        for m in _opening_role_pattern(tuple(r.rstrip(".") for r in self.rules.role_words if len(r) > 3)).finditer(
                s, 0, end):
            found = m
        return role_key(found["who"]) if found is not None else None

    def holder(self, key: str, on: dt.date | None) -> str | None:
        """The one person the registry has in the role ``key`` (``secretary general``) on the day ``on``:
        the only holder whose ``term`` holds the day. A holder with no term says nothing about the day
        (an office may have several holders at once, the registry lists some: the deputies), and an
        undated page names nobody. Never a guess: None when not exactly one."""
        if on is None:
            return None
        key = _TRAILING_OF.sub("", key)
        holders = [p.id for p in self.registry.people.values() if p.role and _TRAILING_OF.sub("", role_key(p.role)) == key]
        fits = []
        for pid in holders:
            inside = self.in_term(pid, on)
            if inside is None:
                return None  # someone in the office the registry cannot place in time: it may be them
            if inside:
                fits.append(pid)
        return fits[0] if len(fits) == 1 else None

    def in_term(self, pid: str, on: dt.date) -> bool | None:
        """Whether the registry has ``pid`` in office on the day ``on`` (None: it cannot place them in time)."""
        term = self.registry.terms.get(pid)
        if term is None:
            return None
        return (term[0] is None or term[0] <= on) and (term[1] is None or on <= term[1])

    def role_of_title(self, title: str) -> str | None:
        """The key of the first role a title names (``Address of the CSTO Secretary General to …``)."""
        r = self.rules.role_before.search(title)
        if r is None:
            return None
        start = r.start()
        for w in reversed(list(_WORD_BEFORE.finditer(title, 0, start))):
            if w.end() != start or not (w["w"].casefold() in _ROLE_MODIFIERS or (w["w"].isupper() and len(w["w"]) >= 2)):
                break
            start = w.start()
        tail = _ROLE_OF_TAIL.match(title, r.end())
        return role_key(title[start : tail.end() if tail else r.end()]) or None

    def bound_roles(self, s: str) -> list[tuple[str, str]]:
        """``(role key, person id)`` for every name ``s`` gives right after its role
        (``the CSTO Deputy Secretary General X``, ``Chief of the Joint Staff Colonel General Y``)."""
        out: list[tuple[str, str]] = []
        for m in self.mentions(s):
            after = _role_after(self.rules, s, m.end)
            if after is not None:  # "X, Deputy Secretary General of the CSTO, …"
                key = _TRAILING_OF.sub("", role_key(after))  # (the organisation dropped, its "of the" too)
                if key:
                    out.append((key, m.id))
                    continue
            before = s[max(0, m.start - _ROLE_REACH) : m.start]
            cut = max(before.rfind(". "), before.rfind(";"), before.rfind(","), before.rfind("\n"))
            if cut >= 0:
                before = before[cut + 1 :]
            r = next((r for r in self.rules.role_before.finditer(before) if _ROLE_GAP.fullmatch(before, r.end())), None)
            if r is None:
                continue
            start = r.start()
            for w in reversed(list(_WORD_BEFORE.finditer(before, 0, start))):
                if w.end() != start or not (w["w"].casefold() in _ROLE_MODIFIERS or (w["w"].isupper() and len(w["w"]) >= 2)):
                    break
                start = w.start()
            if _FORMER.search(before, 0, start):
                continue  # "Former CSTO Secretary General X": no holder of the office now
            key = role_key(before[start:])
            if key:
                out.append((key, m.id))
        return out

    def attributes_before(self, s: str) -> bool:
        """The paragraph opens by naming who spoke the quotation above it: ``he said. …``,
        ``said the Secretary General X.``, ``— X stressed.``, ``This was stated by X …``."""
        return self._opens_attribution.match(s) is not None

    def may_report(self, s: str) -> bool:
        """A reporting verb (``rules.reporting_verb``), or ``According to``."""
        if "ccording to " in s or "words of " in s:
            return True  # "According to X, …", "in the words of X"
        if self._verb_gate is not None and not self._verb_gate.holds(s):
            return False  # no verb's first word: the scan cannot match
        return self._verb_scan(s) is not None

    def has_quote(self, s: str) -> bool:
        """A quotation long enough to be someone's words (a name in quotes is not)."""
        return any(q in s for q in _QUOTE_CHARS) and _DIRECT_QUOTE.search(s) is not None

    def cue_start(self, s: str) -> int:
        """Where the first pronoun cue starts (len(s) when there is none)."""
        m = self.rules.reported_cue.search(s)
        return m.start() if m else len(s)

    def cue_gender(self, s: str) -> str | None:
        """``f`` for the first pronoun cue's ``she``/``her``, ``m`` for ``he``/``his``/``him``, else None."""
        m = self.rules.reported_cue.search(s)
        if m is None:
            return None
        g = _GENDERED.search(m.group())
        return None if g is None else ("f" if g.group().casefold() in ("she", "her") else "m")

    def feminine(self, pid: str) -> bool:
        """The person's name is a woman's: a Slavic or Central Asian surname's feminine ending
        (``-ova``, ``-eva``, ``-ina``, ``-skaya``), or a first name in ``-a``/``-ya`` that is no man's
        (``Anna Petrosyan``, not ``Nikita``, ``Ilya``, ``Musa``)."""
        words = [w for w in self.person(pid).name.replace(".", ". ").split() if len(w) > 2]
        if not words:
            return False
        if _FEMININE_SURNAME.search(words[-1]):
            return True
        first = words[0]
        return len(words) >= 2 and first[-1:] == "a" and first.casefold() not in _MASCULINE_IN_A

    def woman_named_before(self, s: str, at: int) -> str | None:
        """The last woman's name in ``s`` before ``at`` that the scan took for nobody (``… coordinated by
        Gulnara Sadykova from Almaty. She noted …``): two or three capitalised words, no vocabulary word,
        a feminine surname ending (``-ova``, ``-eva``, ``-ina``, ``-skaya``). A new person, as written."""
        found = None
        for m in _RUN.finditer(s, 0, at):
            words = m.group().split()
            if not 2 <= len(words) <= 3 or any(w in self.rules.non_name_words or "." in w for w in words):
                continue
            if m.start() and (s[m.start() - 1].isalnum() or s[m.start() - 1] in "._-"):
                continue
            if _FEMININE_SURNAME.search(words[-1]) and not m.group().isupper():
                found = " ".join(words)
        if found is None:
            return None
        pid = self.registry.forms.get(found) or slugify(found)
        if pid in self.registry.people:
            self.seen.setdefault(pid, self.registry.people[pid])
        elif pid not in self.seen:
            self.seen[pid] = Person(pid, found, None)
        return pid

    def has_pronoun_cue(self, s: str) -> bool:
        """``According to him``, ``he noted``: reported speech of someone named before."""
        return _any_cue_word(s) and self.rules.reported_cue.search(s) is not None

    def object_cut(self, s: str) -> str:
        """``s`` up to a reporting verb the excerpt cut within the object that makes it an act
        (``… answered the qu`` may go on ``questions``, ``… spoke a`` may go on ``at``): the verb
        says nothing there; ``s`` itself when no such verb ends it (``… expressed confidence t``,
        ``… answered that``)."""
        m = _object_verbs(self.rules).search(s)
        if m is None:
            return s
        verb = self.rules.reporting_verb.match(s, m.start())
        if verb is None or verb.end() > m.end() or not verb.group().startswith(m["verb"]):
            return s
        objects = self.rules.non_speech_object
        head, _, part = s.rstrip().rpartition(" ")
        # the cut last word, or any object word it may be the start of
        for word in [part, *_object_words(objects.pattern).get(part[:1].lower(), ())]:
            if word.startswith(part.lower()) or word == part:
                trial = f"{head} {word}" if head else word
                if objects.match(trial, verb.end()) is not None:
                    return s[: m.start()]
        return s

    def says_who_speaks(self, s: str) -> bool:
        """The paragraph's own words attribute it: a reporting verb, ``According to X``, or a
        pronoun cue (``he noted``, ``in his opinion``) - a speech's occasion (``In his speech,``)
        alone names nobody's words."""
        if self.may_report(s):
            return True
        frame = self.rules.speech_frame
        return self.has_pronoun_cue(frame.sub(lambda m: " " * len(m[0]), s) if frame.search(s) else s)

    def has_reported_speech(self, s: str) -> bool:
        """A quote or a reporting cue with no named speaker: it continues the last one."""
        if s[:1] in _OPEN_QUOTES:
            return True
        if any(q in s for q in _QUOTE_CHARS) and _spoken_quote(s):
            return True
        # every cue names a pronoun: a substring test spares most paragraphs the regex
        if _any_cue_word(s) and self.rules.reported_cue.search(s):
            return True
        # a report speaks of the organisation in the third person; "we", "us", "our" outside
        # any named quote are the last speaker's words carried on - but not the excerpt's cut
        # last word ("The talks we", "at its next me": "were", "meeting")
        if s[-1:].isalpha():
            s = _LAST_WORD.sub("", s)
        if "I." in s:  # "I.N. Tasmagambetov", "I. Surname": an initial, not the first person
            s = INITIAL_I.sub("", s)
        return self.rules.first_person.search(s) is not None


# "I.N. Tasmagambetov", "I. Surname": an initial, not the first person "I"
INITIAL_I = re.compile(r"\bI\.(?=[ \u00a0]?[A-Z][.a-z])")
_WORD_BEFORE = re.compile(r"(?P<w>[\w-]+)\s+")


class RoleBindings:
    """Which name a page binds to each role, the Article's text first, then the page's other text
    (a sidebar's teaser: ``…, the CSTO Secretary General X took part in …``); looked up only when a
    bare role needs a name. A role bound to two different names in the same text names nobody.

    The page's other text shows each office's holder when the page was crawled; an Article that tells
    of a day (``on``) the registry places outside that holder's term names the holder on that day."""

    def __init__(self, people: People, article: Sequence[str], page: str, on: dt.date | None = None) -> None:
        self._people = people
        self._article_texts = article
        self._page = page
        self._on = on
        self._article: dict[str, list[str]] | None = None
        self._other: dict[str, list[str]] | None = None

    def _scan(self, texts: Sequence[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for t in texts:
            for key, pid in self._people.bound_roles(t):
                ids = found.setdefault(key, [])
                if pid not in ids:
                    ids.append(pid)
        return found

    @property
    def on(self) -> dt.date | None:
        """The day the Article tells of (None: undated)."""
        return self._on

    def resolve(self, key: str, *, article_only: bool = False) -> str | None:
        """The one person bound to the role ``key`` (None: not bound, or bound to two names)."""
        if self._article is None:
            self._article = self._scan(self._article_texts)
        ids = _bound(self._article, key)
        if ids is not None or article_only:
            return ids[0] if ids is not None and len(ids) == 1 else None
        if self._other is None:
            self._other = self._scan([self._page])
        ids = _bound(self._other, key)
        on = self._on
        if ids is not None and on is not None:
            # a sidebar's "Secretary General X" over an Article of a year before X took the office
            current = [pid for pid in ids if self._people.in_term(pid, on) is not False]
            if not current:
                return self._people.holder(key, on)
            ids = current
        return ids[0] if ids is not None and len(ids) == 1 else None


# a word before an office that says its holder no longer holds it
_FORMER = re.compile(r"\b(?i:former|ex-|then|late)\s*$")


def _bound(found: dict[str, list[str]], key: str) -> list[str] | None:
    """The ids bound to the role ``key``; a bare office with no ``of …`` (``deputy chairman``) is also
    every office it heads (``deputy chairman of the border service``): ``the Deputy Chairman`` after
    ``X, Deputy Chairman of the Border Service,``. Its modifiers still count: ``secretary general``
    heads no ``deputy secretary general``."""
    ids = found.get(key)
    if ids is not None or " of " in f" {key} ":
        return ids
    head = key + " of "
    out = [pid for k, v in found.items() if k.startswith(head) or _styled(k, head) for pid in v]
    return list(dict.fromkeys(out)) or None


# words of a diplomat's style before the office ("the Permanent Representative of …"): "the Representative"
# is the same office ("Deputy" makes another one)
_OFFICE_STYLE = frozenset(("permanent", "special"))


def _styled(key: str, head: str) -> bool:
    at = key.find(" " + head)
    return at > 0 and all(w in _OFFICE_STYLE for w in key[:at].split())
