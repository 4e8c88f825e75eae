"""Numerals: digits with separators and scale suffixes, English number words, fractions, ordinals.

`NUMERAL` is a regex source for one numeral phrase ("94,000", "1.5 billion", "one hundred and
twenty-three", "two and a half", "half a million", "a dozen", "3rd", "twenty-first").
`parse_numeral(text)` turns the matched text into a `Numeral` (value, ordinal?, fraction?),
consuming the longest prefix that reads as one number; the caller trims the match to it.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from checker.mentions.wordtrie import word_trie

UNITS = {"nought": 0, "naught": 0, "oh": 0}
UNITS.update({w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())})
del UNITS["oh"]
TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i >= 2}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 10**6, "billion": 10**9, "trillion": 10**12,
          "lakh": 10**5, "crore": 10**7}
ORDINAL_UNITS = {w: i for i, w in enumerate(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split())}
ORDINAL_TENS = {w: 10 * i for i, w in enumerate(
    "_ _ twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split()) if i >= 2}
ORDINAL_SCALES = {"hundredth": 100, "thousandth": 1000, "millionth": 10**6, "billionth": 10**9,
                  "trillionth": 10**12}
_ALL_ORDINALS = {**ORDINAL_UNITS, **ORDINAL_TENS, **ORDINAL_SCALES}
# Denominator words used in fractions ("three quarters", "a fifth"); "second" is never a fraction.
FRACTION_WORDS = {"half": 2, "halves": 2, "quarter": 4, "quarters": 4, "third": 3, "thirds": 3}
for _word, _value in {**ORDINAL_UNITS, **ORDINAL_TENS, **ORDINAL_SCALES}.items():
    if _value > 3:
        FRACTION_WORDS[_word] = _value
        FRACTION_WORDS[_word + "s"] = _value
MULTIPLIERS = {"dozen": 12, "dozens": 12, "score": 20, "couple": 2, "pair": 2, "doz": 12, "dozs": 12, "dz": 12,
               "dzs": 12}
_DOZENS = ("dozen", "dozens", "doz", "dozs", "dz", "dzs")
SCALE_SUFFIX = {"k": 1e3, "m": 1e6, "mm": 1e6, "bln": 1e9, "tln": 1e12, "mn": 1e6, "mln": 1e6, "mil": 1e6, "million": 1e6, "bn": 1e9, "b": 1e9,
                "billion": 1e9, "trn": 1e12, "tn": 1e12, "trillion": 1e12, "thousand": 1e3, "hundred": 100,
                "lakh": 1e5, "crore": 1e7}

_WORDS = sorted({*UNITS, *TENS, *SCALES, *ORDINAL_UNITS, *ORDINAL_TENS, *ORDINAL_SCALES, *FRACTION_WORDS,
                 *_DOZENS, "couple", "firsts"}, key=len, reverse=True)

WORD = word_trie(_WORDS)     # one letter trie: several times faster than a flat case-insensitive alternation
VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125, "⅜": 0.375, "⅝": 0.625, "⅞": 0.875}
DIGITS = (r"(?:\d+[½¼¾⅓⅔⅛⅜⅝⅞]"                           # 3½
          r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!,?\d)"      # 94,000  1,234,567.5
          r"|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:\.\d+)?(?![\d,.]?\d)"   # 1 234 567.89 with spaces
          r"|\d+/\d+(?!/?\d)"                                   # 3/4
          r"|(?<!\d,)\d{1,3},\d{1,2}(?![\d,])"                   # 1,3 (a decimal comma; not in a list 22,24,26)
          r"|\d+\.\d+|\.\d+|\d+)"
          r"(?:[eE][-+]?\d+|\^[-+]?\d+(?:\.\d+)?)?")
ORDINAL_DIGITS = r"\d+(?:st|nd|rd|th)\b"
SUFFIX_WORDS = ("k", "mm", "mn", "mln", "mil", "m", "bn", "bln", "b", "trn", "tn", "tln")
SUFFIX = rf"(?:{'|'.join(SUFFIX_WORDS)})\b"
_ATOM = rf"(?:{ORDINAL_DIGITS}|{DIGITS}(?:\s?{SUFFIX})?|{WORD}\b)"
_JOIN = r"(?:\s*-\s*|\s+(?:and\s+|point\s+|over\s+)?(?:an?\s+)?)"
# One numeral phrase; the leading article covers "a dozen", "a half", "a million", "a twenty-first".
NUMERAL = rf"(?:(?:an?\s+)?{_ATOM}(?:{_JOIN}{_ATOM})*)"

_TOKEN = re.compile(rf"{ORDINAL_DIGITS}|{DIGITS}|[a-z]+|-", re.I)
_SPACES = re.compile(r"[ \u00a0\u202f\u2009,]")


@dataclass(frozen=True, slots=True)
class Numeral:
    value: float
    end: int            # characters of the input the number uses
    ordinal: bool = False
    fraction: bool = False
    words: bool = False  # spelled out (a year reading needs digits or the teen-tens pattern)
    multiplier: bool = False  # "dozens", "a couple"
    suffix: str = ""  # glued scale suffix ("m", "bn"): "5m" may be metres without a currency


_DECIMAL_COMMA = re.compile(r"\d{1,3},\d{1,2}")


def digits_value(token: str) -> float:
    if token[-1] in VULGAR:
        return int(token[:-1]) + VULGAR[token[-1]]
    if _DECIMAL_COMMA.fullmatch(token):
        return float(token.replace(",", "."))
    token = _SPACES.sub("", token)
    if "/" in token:
        numerator, denominator = token.split("/")
        return int(numerator) / int(denominator)
    if "^" in token:
        base, exponent = token.split("^")
        return float(base) ** float(exponent)
    return float(token)


@functools.lru_cache(maxsize=8192)     # a pure function of the text, and a Numeral is frozen
def parse_numeral(text: str) -> Numeral | None:
    """Read the longest prefix of `text` that is one number. Returns None when nothing reads."""
    first = _TOKEN.match(text)
    if first is not None and first.end() == len(text) and (text[0].isdigit() or text[0] == "."):
        # the common case, one token of digits ("94,000", "3rd"): what the loop below gives for it
        if text[-1].isalpha():
            return Numeral(0.0 + float(text[:-2]), len(text), True)
        return Numeral(0.0 + digits_value(text), len(text))
    tokens = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    total = current = 0.0   # completed scale groups / the group being built
    last_scale = 1.0
    hundreds = 0.0          # the group's value when "hundred" was read: "three hundred and two dozen" = 300 + 24
    and_part = None         # (fraction, on_scale) read after "and": a scale word may still follow it
    seen = ordinal = fraction = words = multiplier = False
    end, last, suffix = 0, None, ""
    pending_and = pending_article = False
    i = -1
    while i + 1 < len(tokens):
        i += 1
        raw, t_start, t_end = tokens[i]
        word = raw.lower()
        if t_start > (tokens[i - 1][2] if i else 0) + 3 or (i and text[tokens[i - 1][2]:t_start].strip(" -\u00a0")):
            break                                   # only spaces and hyphens join a numeral
        if word == "-":
            continue
        if seen and last in ("unit", "teen", "tens", "hundred") and not (ordinal or fraction or pending_and
                                                                         or pending_article) \
                and (word in TENS or word in UNITS and (last != "tens" or UNITS[word] >= 10)):
            below = _compound_ordinal(text, tokens, i)
            if below and (total + current == 1) != below[2]:   # "one twenty-fifth", "three twenty-firsts"
                current, total = (total + current) / below[0], 0.0
                fraction, end = True, tokens[below[1]][2]
                break
        if word == "point" and seen and last in ("unit", "teen", "tens", "hundred", "scale") and not pending_and:
            decimals = _spoken_decimals(tokens, i + 1)
            if decimals:                            # "two hundred point zero three"
                current += float("0." + decimals[0])
                end = decimals[1]
                break
            break
        if word == "over" and seen and last in ("unit", "teen", "tens", "digits") and not total and not pending_and:
            below = parse_numeral(text[t_end:])     # "one over three"; "20 over 10 years" stays two numbers
            rest = text[t_end + below.end:] if below else ""
            if below and below.value and not below.ordinal and re.match(r"\s*(?:$|[.,;:!?)])", rest):
                current, fraction, end = current / below.value, True, t_end + below.end
            break
        if word == "and" and seen and not pending_and and _counted_fraction(tokens, i + 1):
            numerator = UNITS[tokens[i + 1][0].lower()]
            denominator = FRACTION_WORDS[tokens[i + 2][0].lower()]
            part, on_scale = numerator / denominator, last == "scale" and current == 0
            if on_scale:
                total += last_scale * part                     # "two million and three fifths"
            else:
                current += part                                # "twenty and three fifths"
            fraction, end = True, tokens[i + 2][2]
            scaled = _scaled_part(text, tokens, i + 3, total, current, part, on_scale, last_scale)
            if scaled:                                         # "one billion and three quarters million"
                total, current, end = scaled
            break
        if word == "and":
            if not seen or pending_and or (last not in ("hundred", "scale") and not _fraction_follows(tokens, i + 1)):
                break
            pending_and = True
            continue
        if word in ("a", "an"):
            if pending_article:
                break
            pending_article = True
            continue
        if last == "fraction" and and_part:
            scaled = _scaled_part(text, tokens, i, total, current, *and_part, last_scale)
            if scaled:                              # "two and a half million", "one billion and a half million"
                total, current, end = scaled
            break
        if ordinal or last == "fraction":
            break
        if raw[0].isdigit() or raw[0] == ".":
            if seen and "/" in raw and last == "digits" and current == int(current) and not total:
                current += digits_value(raw)     # "2 1/4"
                seen, end = True, t_end
                continue
            if seen and last in ("hundred", "scale") and not suffix and raw.isdigit() and \
                    int(raw) < (100 if last == "hundred" else last_scale) and (pending_and or last == "scale"):
                current += int(raw)                 # "3 hundred and 21", "4 thousand 3 hundred"
                seen, end = True, t_end
                pending_and = pending_article = False
                last = "digits"
                continue
            if seen:
                break
            if raw[-1].isalpha():
                current, ordinal = float(raw[:-2]), True
            else:
                current = digits_value(raw)
            last = "digits"
        elif word in UNITS:
            value = UNITS[word]
            if seen and (last in ("unit", "teen", "digits", "ordinal") or (last == "tens" and value >= 10)):
                break
            current += value
            last, words = ("teen" if value >= 10 else "unit"), True
        elif word in TENS:
            if seen and last not in ("hundred", "scale"):
                break
            current += TENS[word]
            last, words = "tens", True
        elif word == "hundred":
            if not seen and not pending_article:
                break
            if last == "hundred":
                break
            current = (current or 1) * 100
            hundreds, last, words = current, "hundred", True
        elif word in SCALES or (last == "digits" and word in SCALE_SUFFIX and (t_start == tokens[i - 1][2]
                                                                             or len(word) > 1 and word != "mil")):
            scale = SCALES.get(word) or SCALE_SUFFIX[word]
            if not seen and not pending_article:
                break
            if last == "scale" and current == 0 and scale > last_scale:
                total *= scale                      # "a thousand million"
            else:
                total += (current or 1) * scale
            current, last_scale, last, hundreds = 0.0, scale, "scale", 0.0
            suffix = word if word not in SCALES else suffix
        elif word in _DOZENS or word == "couple":
            factor = MULTIPLIERS[word]
            if seen and last in ("unit", "teen", "tens") and current > hundreds > 0:
                current = hundreds + (current - hundreds) * factor     # "three hundred and two dozen"
            else:
                current = current * factor if seen and last != "scale" else factor
            multiplier = multiplier or word in ("dozens", "couple")
            last, words = "unit", True
        elif word in FRACTION_WORDS and (seen or word not in ORDINAL_UNITS or pending_article
                                         or word in ("half", "quarter", "third")):
            denominator = FRACTION_WORDS[word]
            plural = word.endswith("s")
            if not seen:
                nxt = _next_scale(tokens, i + 1)
                if nxt:                             # "half a million"
                    total, last_scale, last = _HALVABLE[nxt[0]] / denominator, _HALVABLE[nxt[0]], "scale"
                    seen, words, end, i = True, True, nxt[1], nxt[2] - 1
                    continue
                current, fraction, last = 1 / denominator, True, "fraction"
            elif pending_and:                       # "two and a half", "one million and a half"
                on_scale = last == "scale" and current == 0
                if on_scale:
                    total += last_scale / denominator
                else:
                    current += 1 / denominator
                fraction, last, and_part = True, "fraction", (1 / denominator, on_scale)
            elif last == "tens" and not plural and word in ORDINAL_UNITS:
                current += ORDINAL_UNITS[word]      # "twenty-first"
                ordinal, last = True, "ordinal"
            elif not pending_article and (last in ("unit", "teen", "tens", "digits", "hundred")
                                          and (plural or word in ("half", "quarter"))
                                          or last == "scale" and plural and word not in ("halves", "quarters", "thirds")):
                # "three quarters", "one half"; not "five a quarter-point" (five of something, then a quarter)
                current = (total + current) / denominator   # "three fifths", "ninety-five hundred fifths"
                total, fraction, last = 0.0, True, "fraction"
            elif last == "unit" and current == 1 and total == 0 and not plural:
                current, fraction, last = 1 / denominator, True, "fraction"     # "one fifth"
            elif last == "hundred" and word in ORDINAL_UNITS:
                current += ORDINAL_UNITS[word]
                ordinal, last = True, "ordinal"
            else:
                break
            words = True
        elif word in ORDINAL_UNITS or word in ORDINAL_TENS or word in ORDINAL_SCALES:
            value = _ALL_ORDINALS[word]             # ("zeroth" is 0: no `or` chain)
            if not seen:
                current = value
            elif last == "tens" and word in ORDINAL_UNITS or last in ("hundred", "scale"):
                current += value
            elif word in ORDINAL_SCALES:
                current = (current or 1) * value
            else:
                break
            ordinal, last, words = True, "ordinal", True
        else:
            break
        seen, end = True, t_end
        pending_and = pending_article = False
    if not seen:
        return None
    return Numeral(total + current, end, ordinal, fraction, words, multiplier, suffix)


def _counted_fraction(tokens, i) -> bool:
    """ "and three fifths": a unit word then a fraction word that fits it (plural after two or more)."""
    if i + 1 >= len(tokens):
        return False
    count, word = tokens[i][0].lower(), tokens[i + 1][0].lower()
    if count not in UNITS or not UNITS[count] or word not in FRACTION_WORDS or word in ("second", "seconds"):
        return False
    return word.endswith("s") if UNITS[count] > 1 else not word.endswith("s") or word == "halves"


def _spoken_decimals(tokens, i):
    """The digits after "point": one per unit word, two for a tens word ("point seventy-one")."""
    digits, end = "", None
    while i < len(tokens):
        word = tokens[i][0].lower()
        if word == "-":
            i += 1
            continue
        if word in UNITS and UNITS[word] < 10:
            if digits and end is not None and digits[-1:] == "#":
                digits = digits[:-2] + digits[-2] + str(UNITS[word])
            else:
                digits += str(UNITS[word])
        elif word in UNITS:
            digits += str(UNITS[word])
        elif word in TENS:
            digits += str(TENS[word] // 10) + "#"
        else:
            break
        end = tokens[i][2]
        i += 1
    digits = digits.replace("#", "0")
    return (digits, end) if digits else None


_HALVABLE = {**{word: value for word, value in SCALES.items() if word != "hundred"}, "dozen": 12}


def _scaled_part(text, tokens, i, total, current, part, on_scale, last_scale):
    """A scale word right after a fraction read with "and": "two and a half million" scales the whole
    group, "one billion and a half million" only the fraction. Returns (total, current, end) or None."""
    if i >= len(tokens) or tokens[i][0].lower() not in _HALVABLE or not _adjacent(text, tokens, i):
        return None
    scale = _HALVABLE[tokens[i][0].lower()]
    if on_scale and scale < last_scale:
        return total + part * (scale - last_scale), current, tokens[i][2]
    if not on_scale and (total == 0 or scale < last_scale):
        return total + current * scale, 0.0, tokens[i][2]
    return None


def _adjacent(text, tokens, i) -> bool:
    """Token i follows token i-1 with only spaces or hyphens between."""
    gap = text[tokens[i - 1][2]:tokens[i][1]]
    return len(gap) <= 3 and not gap.strip(" -\u00a0")


_ORDINAL_TAIL = {**ORDINAL_UNITS, **ORDINAL_TENS}
del _ORDINAL_TAIL["zeroth"]


def _compound_ordinal(text, tokens, i):
    """A spelled ordinal of two or more words from token i, the denominator of a fraction: "twenty-fifth(s)",
    "thirty fifths", "one hundred (and) fifth". Returns (value, index of its last token, plural) or None."""
    value, state, j = 0, None, i
    while j < len(tokens):
        word = tokens[j][0].lower()
        if j > i and not _adjacent(text, tokens, j):
            return None
        if word == "-":
            j += 1
            continue
        single = word[:-1] if word.endswith("s") and word != "seconds" and word[:-1] in _ORDINAL_TAIL else word
        if single in _ORDINAL_TAIL and state is not None and state != "unit":
            tail = _ORDINAL_TAIL[single]
            if state == "tens" and tail >= 10:
                return None
            return value + tail, j, single != word
        if word in UNITS and state is None and 0 < UNITS[word] < 10:
            value, state = UNITS[word], "unit"
        elif word == "hundred" and state in (None, "unit"):
            value, state = (value or 1) * 100, "hundred"
        elif word == "and" and state == "hundred":
            state = "and"
        elif word in TENS and state in (None, "hundred", "and"):
            value, state = value + TENS[word], "tens"
        else:
            return None
        j += 1
    return None


def _fraction_follows(tokens, i) -> bool:
    """ "two and a half": an article then a fraction word."""
    return (i + 1 < len(tokens) and tokens[i][0].lower() in ("a", "an")
            and tokens[i + 1][0].lower() in FRACTION_WORDS)


def _next_scale(tokens, i):
    """After "half": an optional article then a scale word ("half a million")."""
    if i < len(tokens) and tokens[i][0].lower() in ("a", "an"):
        i += 1
    if i < len(tokens) and tokens[i][0].lower() in _HALVABLE:
        return tokens[i][0].lower(), tokens[i][2], i + 1
    return None


def format_value(value: float) -> float:
    """Round away binary noise (1/3 * 3) so intervals compare as the text meant them; a whole number a float
    holds exactly (up to 15 digits: "123456789101231") is kept as it is."""
    if float(value).is_integer() and abs(value) < 1e15:
        return float(value)
    return float(f"{value:.12g}")
