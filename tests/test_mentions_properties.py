"""Properties of the grammar: spelled-out integers read back, any text is safe, offsets are exact."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.mentions import extract

SMALL = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
         "seventeen eighteen nineteen").split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
SCALES = ((10**9, "billion"), (10**6, "million"), (1000, "thousand"))


def below_thousand(n: int) -> str:
    words = []
    if n >= 100:
        words.append(f"{SMALL[n // 100]} hundred")
        n %= 100
        if n:
            words.append("and")
    if n >= 20:
        words.append(TENS[n // 10] + (f"-{SMALL[n % 10]}" if n % 10 else ""))
    elif n or not words:
        words.append(SMALL[n])
    return " ".join(words)


def num2words(n: int) -> str:
    if n < 1000:
        return below_thousand(n)
    parts = []
    for scale, name in SCALES:
        if n >= scale:
            parts.append(f"{num2words(n // scale)} {name}")
            n %= scale
    if n:
        parts.append(("and " if n < 100 else "") + below_thousand(n))
    return " ".join(parts)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_mentions_spelled_integer_reads_back(n):
    text = f"The ledger shows {num2words(n)}."
    found = [m for m in extract(text) if m.kind != "ordinal"]
    assert len(found) == 1, (text, found)
    assert found[0].low == found[0].high == n, (text, found[0])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-/:%$€abcdefmnorstuyADJMNS\n'")), max_size=120) | st.text(),
       st.sampled_from([None, "2021", "2022-01", "2022-01-12"]))
def test_mentions_random_text_never_raises_and_offsets_hold(text, published):
    for mention in extract(text, published):
        assert text[mention.start:mention.end] == mention.value_text
        assert mention.start < mention.end


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["about 40 ships", "July 2019", "two and a half years", "more than 94,000",
                                 "the 1990s", "3.5%", "$2 billion", "12 km", "last week", "at 10:07", "and", "the"]),
                min_size=1, max_size=12))
def test_mentions_offsets_hold_in_composed_text(parts):
    text = " ".join(parts) + "."
    for mention in extract(text, "2022-01-12"):
        assert text[mention.start:mention.end] == mention.value_text
