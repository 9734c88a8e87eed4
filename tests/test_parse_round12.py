"""Round 12 of the parser on unseen layouts: classes a red team's pages in the site's style showed
(reported as structure only; the pages are sealed). Each class gets small pages of its own, written for
these tests in the site's manner (people invented unless the registry knows them), checked line by
line: who speaks, which label, whether there is an Article at all.
"""

from __future__ import annotations

from curator.core.model import Curation
from curator.core.parse import parse_text


def _lines(cur: Curation, text: str) -> list[tuple[str, str, str | None]]:
    """(label, text, speaker's name) per segment."""
    names = {s.id: s.name for s in cur.speakers}
    return [(s.label, text[s.start : s.end], names.get(s.speaker) if s.speaker else None) for s in cur.segments]


# -- 1. a speech signed under its text -------------------------------------------------------------

_GREETING_SIGNED = """\
Greeting of the CSTO Secretary General to the participants of the conference on security in Central Asia

Greeting of the CSTO Secretary General to the participants of the conference on security in Central Asia 21.04.2024

I am glad to welcome the organizers and the participants of the conference on behalf of the Organization.

The situation in the region needs our close attention. We see new threats on the southern borders and in the information space.

I am sure that your discussions will help to find common answers to these challenges.

I wish you fruitful work and all the best!

Secretary General of the CSTO
I. Tasmagambetov

Back to the all news
"""

_WELCOME_SIGNED = """\
Welcoming speech by the Chairman of the Council of Defence Ministers to the participants of the joint exercise
I welcome the servicemen of the collective forces who have arrived at the training ground for the joint exercise.
The exercise will test how our staffs plan and conduct a joint operation. We have prepared for it for a whole year.
I am confident that you will show high professional skills.
I wish you success and good health!
Chairman of the Council of Defence Ministers
V.V. Korotkevich
Back to the all news
"""


def _speech_lines(text: str) -> list[tuple[str, str, str | None]]:
    cur = parse_text(text)
    assert cur.articles and cur.articles[0].kind == "speech", _lines(cur, text)
    return _lines(cur, text)


def test_a_speech_titled_by_an_office_is_the_signatorys() -> None:
    """The title names only an office; the text closes with a wish, then the office and ``I. Surname``:
    the first-person paragraphs are the signatory's (the registry's person with that surname); the
    signature lines are a heading (docs/parser.md: a signature is a ``heading``) and say nothing."""
    lines = _speech_lines(_GREETING_SIGNED)
    body = [(t, spk) for label, t, spk in lines if label == "paragraph"]
    assert len(body) == 4 and {spk for _, spk in body} == {"Imangali Tasmagambetov"}, lines
    signature = [(label, spk) for label, t, spk in lines if "Tasmagambetov" in t or t.startswith("Secretary General")]
    assert signature and all(label == "heading" and spk is None for label, spk in signature), lines


def test_an_unknown_signatory_is_named_as_signed() -> None:
    """``V.V. Korotkevich``, whom the registry does not know, signs the welcome: the paragraphs are his,
    named as the page writes him (as an unknown speaker is)."""
    for text in (_WELCOME_SIGNED, _WELCOME_SIGNED.replace("Chairman of the Council of Defence Ministers\nV.V.", "V.V.")):
        lines = _speech_lines(text)
        body = [spk for label, _, spk in lines if label == "paragraph"]
        assert len(body) == 4 and set(body) == {"V.V. Korotkevich"}, lines
        signed = [(label, spk) for label, t, spk in lines if t.startswith(("V.V.", "Chairman"))]
        assert signed and all(label == "heading" and spk is None for label, spk in signed), lines
