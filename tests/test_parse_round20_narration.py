"""Round 20 (integrator): a speech page's reporter text is nobody's words.

- the narration after a speech's last words that opens with the end of the event's part (``After the
  solemn part, …``, ``At the end of the ceremony, …``, ``Following the official part, …``) has no speaker,
  as ``After the speech, …`` had none (2.135.0);
- the reporter's opening paragraph that announces the text (``We publish the text of his statement.``)
  is not in the speaker's first person: the editorial "we" of the site.
"""

from __future__ import annotations

import pytest

from curator.core.parse import parse_text
from tests.parse_lines import lines

_SPEECH = ["Comrades!",
           "The past year was full of events. We prepared and conducted four joint exercises, and the contingents "
           "confirmed their readiness to act together.",
           "I wish you good health, success in your service and peace. Happy holiday!"]


@pytest.mark.parametrize("opener", ["After the solemn part,", "At the end of the ceremony,",
                                    "Following the official part,", "After the solemn event,"])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_the_narration_after_the_events_part_is_nobodys(opener: str, gap: str) -> None:
    narration = [f"{opener} the best officers of the Joint Staff were presented with awards of the Organization.",
                 "A concert of the ensemble concluded the evening."]
    text = gap.join(["Speech by the Chief of the CSTO Joint Staff at the solemn meeting", "12.03.2026",
                     "Chief of the CSTO Joint Staff Andrei Serdyukov addressed the officers and veterans.",
                     *_SPEECH, *narration]) + "\n"
    got = {t: spk for _label, t, spk in lines(parse_text(text), text)}
    assert {got[t] for t in _SPEECH} == {"Andrei Serdyukov"}
    assert [got[t] for t in narration] == [None, None]


@pytest.mark.parametrize("announce", ["We publish the text of his statement.",
                                      "We present the full text of his speech below.",
                                      "Below we publish the text of the address."])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_the_reporters_announcement_of_the_text_is_nobodys(announce: str, gap: str) -> None:
    opening = (f"Deputy Secretary General of the CSTO Valeriy Semerikov took part in the meeting of the OSCE "
               f"Security Committee in Vienna. {announce}")
    speech = ["Mr. Chairman,", "Ladies and gentlemen,",
              "I would like to thank the Chairmanship for the invitation. We attach great importance to our "
              "dialogue with the OSCE on the situation in Central Asia.",
              "Our Organization is ready to share its experience in countering drug trafficking."]
    text = gap.join(["CSTO Deputy Secretary General addressed the OSCE Security Committee", "03.02.2026",
                     opening, *speech]) + "\n"
    got = {t: spk for _label, t, spk in lines(parse_text(text), text)}
    assert got[opening] is None
    assert got[speech[2]] == "Valeriy Semerikov"


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_speakers_own_we_after_the_opening_stays_his(gap: str) -> None:
    said = "We publish our reports every year, and I am proud of what the officers have achieved."
    text = gap.join(["Speech by the Chief of the CSTO Joint Staff at the solemn meeting", "12.03.2026",
                     "Chief of the CSTO Joint Staff Andrei Serdyukov addressed the officers and veterans.",
                     *_SPEECH[:2], said, _SPEECH[2]]) + "\n"
    got = {t: spk for _label, t, spk in lines(parse_text(text), text)}
    assert got[said] == "Andrei Serdyukov"
