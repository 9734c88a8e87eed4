"""Code point <-> UTF-16 conversion, with emoji before, inside and after segments."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from curator.gui.offsets import OffsetMap, display_text


def test_emoji_shift_positions() -> None:
    text = "😀ab🚀c\r\nd👍"
    m = OffsetMap(text)
    # code points: 😀=0 a=1 b=2 🚀=3 c=4 \r=5 \n=6 d=7 👍=8 (len 9); UTF-16 adds one per emoji
    assert [m.to_qt(i) for i in range(10)] == [0, 2, 3, 4, 6, 7, 8, 9, 10, 12]
    assert m.from_qt(1) == 0  # inside the surrogate pair of 😀: its character
    assert m.from_qt(5) == 3
    assert m.qt_length == len(text.encode("utf-16-le")) // 2
    assert len(display_text(text)) == len(text)


@given(st.text(alphabet=st.sampled_from(["a", " ", "\n", "😀", "é", "🚀", "\r"]), max_size=40))
def test_round_trip(text: str) -> None:
    m = OffsetMap(text)
    for cp in range(len(text) + 1):
        qt = m.to_qt(cp)
        assert qt == len(text[:cp].encode("utf-16-le")) // 2
        assert m.from_qt(qt) == cp
