"""What a number counts or measures, and how its wording bounds it.

Qualifiers before a number (the interval a value v becomes):

| wording                                                   | qualifier | interval      | tolerance |
| --------------------------------------------------------- | --------- | ------------- | --------- |
| about, around, roughly, approximately, some, circa, ~, closer to | approx | [v, v]     | 0.10      |
| nearly, almost, close to, just under/short of             | approx    | [v, v]        | 0.05 (*)  |
| more than, over, above, in excess of, upwards of, exceeding | more_than | [v, None]   | 0         |
| at least, no fewer/less than, a minimum of                | at_least  | [v, None]     | 0         |
| fewer than, less than, under, below                       | less_than | [None, v]     | 0         |
| up to, no more than, at most, as many as, a maximum of    | at_most   | [None, v]     | 0         |
| between X and Y, from X to Y, X-Y, X to Y, X or Y         | range     | [X, Y]        | 0         |

(*) A figure the wording falls short of ("nearly", "almost", "just under") reads 10% below it and 5% above
(checker.reconcile.tolerance_below): "nearly four hours" is 3.6 to 4.2 hours.

Vague quantities (qualifier vague):

| wording                       | interval              |
| ----------------------------- | --------------------- |
| a few                         | [2, 5]                |
| a couple (of)                 | [2, 3]                |
| several                       | [3, 9]                |
| dozens (of)                   | [24, 99]              |
| scores of                     | [40, 199]             |
| hundreds (of)                 | [200, 999]            |
| thousands (of)                | [2000, 9999]          |
| tens of thousands             | [20000, 99999]        |
| hundreds of thousands         | [200000, 999999]      |
| millions / tens of millions   | [2e6, 9.99e6] / [2e7, 9.99e7] |
| several thousand (etc.)       | [3, 9] x the scale    |
"""
from __future__ import annotations

import re

from checker.mentions.wordtrie import word_trie

APPROX = {"about": 0.1, "around": 0.1, "roughly": 0.1, "approximately": 0.1, "some": 0.1, "circa": 0.1, "c.": 0.1,
          "~": 0.1, "an estimated": 0.1, "estimated": 0.1, "nearly": 0.05, "almost": 0.05, "close to": 0.05,
          "just under": 0.05, "just short of": 0.05, "approx.": 0.1, "more or less": 0.1, "around about": 0.1,
          "closer to": 0.1}
BOUNDS = {"more than": "more_than", "over": "more_than", "above": "more_than", "in excess of": "more_than",
          "upwards of": "more_than", "exceeding": "more_than", "greater than": "more_than", "well over": "more_than",
          "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least", "a minimum of": "at_least",
          "not less than": "at_least",
          "fewer than": "less_than", "less than": "less_than", "under": "less_than", "below": "less_than",
          "up to": "at_most", "no more than": "at_most", "at most": "at_most", "as many as": "at_most",
          "as much as": "at_most", "a maximum of": "at_most", "not more than": "at_most",
          # verbs of passing a mark: "deaths passed 1,400", "revenue topped $75m" (PASSING_VERBS: only before a mark)
          "past": "more_than", "topped": "more_than", "tops": "more_than", "topping": "more_than",
          "passed": "more_than", "passes": "more_than", "passing": "more_than", "surpassed": "more_than",
          "surpasses": "more_than", "surpassing": "more_than", "exceeded": "more_than", "exceeds": "more_than"}
PASSING_VERBS = frozenset(["past", "topped", "tops", "topping", "passed", "passes", "passing", "surpassed", "surpasses",
                           "surpassing", "exceeded", "exceeds"])
_QUALIFIER_WORDS = sorted([*APPROX, *BOUNDS], key=len, reverse=True)
QUALIFIER_BEFORE = re.compile(r"(?:^|(?<=[\s(\"'“‘]))(" + "|".join(re.escape(w) for w in _QUALIFIER_WORDS)
                              + r")\s*[\"“‘]?$", re.I)     # '"Roughly 800 families', 'roughly "800'
_QUALIFIER_LAST = frozenset(w.split()[-1] for w in _QUALIFIER_WORDS)    # the words a qualifier can end with
_QUALIFIER_OPENERS = "(\"'“‘"       # what QUALIFIER_BEFORE's lookbehind allows before it, beside a space
_QUALIFIER_LONGEST = len(_QUALIFIER_WORDS[0])


def qualifier_before(left: str):
    """QUALIFIER_BEFORE.search(left), skipped when the last word cannot end a qualifier (most numbers):
    a cheap string test before a regex that would try every position of `left`."""
    words = left.rstrip(" \t\n\"“‘").rsplit(None, 1)     # (the last word is all it needs)
    if not words:
        return None
    last = words[-1].lower()
    if last not in _QUALIFIER_LAST:
        # A qualifier's last word opens the token or follows a mark its lookbehind allows ('"about', "(over")
        if last.isalnum() or last[max(map(last.rfind, _QUALIFIER_OPENERS)) + 1:] not in _QUALIFIER_LAST:
            return None
    # A match ends where the spaces and the one quote mark before the value begin, so it starts at most the
    # longest qualifier before that: the search need not try the positions before (the same first match).
    word_end = len(left.rstrip().rstrip("\"“‘").rstrip())
    return QUALIFIER_BEFORE.search(left, max(0, word_end - _QUALIFIER_LONGEST))

VAGUE = {"a few": (2, 5), "few": (2, 5), "a couple of": (2, 3), "a couple": (2, 3), "several": (3, 9),
         "dozens": (24, 99), "scores": (40, 199), "hundreds": (200, 999), "thousands": (2000, 9999),
         "millions": (2e6, 9.99e6), "billions": (2e9, 9.99e9), "tens of thousands": (20000, 99999),
         "hundreds of thousands": (200000, 999999), "tens of millions": (2e7, 9.99e7),
         "hundreds of millions": (2e8, 9.99e8), "tens of billions": (2e10, 9.99e10)}
VAGUE_PATTERN = (r"(?P<vague>(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)|"
                 r"(?:several|a\s+few)\s+(?:hundred|thousand|million|billion|dozen)\b|"
                 r"(?:hundreds|thousands|millions|billions|dozens|scores)(?=\s+of\b)|dozens\b|a\s+couple\s+of|"
                 r"(?:several|a\s+few)(?=\s+(?:[a-z-]+\s+){0,2}?[a-z]+s\b))")

CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "c$": "CAD",
                    "a$": "AUD", "₽": "RUB", "chf": "CHF"}
CURRENCY_CODES = {"usd", "eur", "gbp", "jpy", "cny", "rmb", "inr", "cad", "aud", "chf", "rub", "sek", "nok", "dkk",
                  "pln", "brl", "krw", "hkd", "sgd", "zar", "mxn", "try", "uah"}
CURRENCY_WORDS = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
                  "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "rupees": "INR",
                  "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "francs": "CHF",
                  "franc": "CHF", "cents": "cent", "cent": "cent", "pence": "pence", "penny": "pence",
                  "kronor": "SEK", "krona": "SEK", "hryvnias": "UAH", "won": "KRW", "pesos": "MXN", "reais": "BRL"}
# (a sign and its value share a line: "officers.\n\nNine" is no "Rs. Nine"; and the window a caller passes may cut a
# word, so a code must not start it: "officers." ends in "rs." only inside a word)
CURRENCY_BEFORE = re.compile(r"(?:(us\$|c\$|a\$|[$€£¥₹₽])|(?<=[^\w])(usd|eur|gbp|jpy|cny|inr|cad|aud|chf|rub|sek|uah)|"
                             r"(?<=[^\w])(rs\.?))[ \t\u00a0]?\Z", re.I)
_CURRENCY_ENDS = "drpyfbkhs$."        # the last characters of CURRENCY_BEFORE's ASCII forms, lowercased


def currency_before(left: str):
    """CURRENCY_BEFORE.search(left), skipped when the last character before the trailing space cannot end a
    currency form (most numbers follow a word: "the 5", "about 40"). Beyond ASCII the regex always runs."""
    last = left.rstrip()[-1:]
    if not last or last.isascii() and last.lower() not in _CURRENCY_ENDS:
        return None
    return CURRENCY_BEFORE.search(left)


CURRENCY_AFTER = re.compile(r"[\s-]?(?:(?:us\s+|u\.s\.\s+|canadian\s+|australian\s+)?(" + word_trie(CURRENCY_WORDS)
                            + r")\b|(" + word_trie(CURRENCY_CODES) + r")\b)", re.I)
PERCENT_AFTER = re.compile(r"\s?(?:%|(?:per\s?cent|percent|pct)\b)(?:\s+(?:of\b))?", re.I)
PERCENT_AFTER = re.compile(r"\s?(?:%|(?:per\s?cent|percent|pct)\b)", re.I)

UNITS = {
    "km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "m": "m", "metre": "m", "metres": "m", "meter": "m", "meters": "m", "cm": "cm", "centimetres": "cm",
    "centimeters": "cm", "mm": "mm", "millimetres": "mm", "millimeters": "mm", "mile": "mile", "miles": "mile",
    "mi": "mile", "foot": "ft", "feet": "ft", "ft": "ft", "inch": "in", "inches": "in", "yard": "yd", "yards": "yd",
    "kg": "kg", "kilogram": "kg", "kilograms": "kg", "kilo": "kg", "kilos": "kg", "g": "g", "gram": "g",
    "grams": "g", "mg": "mg", "tonne": "t", "tonnes": "t", "ton": "t", "tons": "t", "lb": "lb", "lbs": "lb",
    "ounce": "oz", "ounces": "oz", "oz": "oz", "litre": "l", "litres": "l", "liter": "l", "liters": "l",
    "l": "l", "ml": "ml", "gallon": "gal", "gallons": "gal", "barrel": "barrel", "barrels": "barrel", "bpd": "barrel/day",
    "mw": "MW", "gw": "GW", "kw": "kW", "kwh": "kWh", "mwh": "MWh", "gwh": "GWh", "twh": "TWh", "megawatts": "MW",
    "gigawatts": "GW", "kilowatts": "kW", "watts": "W", "megawatt": "MW", "gigawatt": "GW", "kilowatt": "kW",
    "watt": "W", "gigawatt-hours": "GWh", "megawatt-hours": "MWh", "kilowatt-hours": "kWh", "terawatt-hours": "TWh",
    "gigawatt-hour": "GWh", "megawatt-hour": "MWh", "kilowatt-hour": "kWh", "terawatt-hour": "TWh", "hectare": "ha", "hectares": "ha", "ha": "ha",
    "acre": "acre", "acres": "acre", "km2": "km2", "sq km": "km2", "square kilometres": "km2",
    "square kilometers": "km2", "square miles": "mi2", "square mile": "mi2", "square metres": "m2",
    "square meters": "m2", "m2": "m2", "sq m": "m2", "square feet": "ft2", "°c": "C", "°f": "F", "degrees celsius": "C",
    "degrees fahrenheit": "F", "celsius": "C", "centigrade": "C", "celcius": "C", "fahrenheit": "F", "degrees": "degree",
    "km/h": "km/h", "kph": "km/h", "kmph": "km/h", "km/hr": "km/h", "mph": "mph", "knots": "knot",
    "miles an hour": "mph", "kilometres an hour": "km/h", "kilometers an hour": "km/h", "kilometres per hour": "km/h", "kilometers per hour": "km/h", "miles per hour": "mph",
    "gb": "GB", "mb": "MB", "tb": "TB", "kb": "KB", "gigabytes": "GB", "megabytes": "MB", "terabytes": "TB",
    "gigabyte": "GB", "megabyte": "MB", "terabyte": "TB", "knot": "knot", "centimetre": "cm", "centimeter": "cm",
    "millimetre": "mm", "millimeter": "mm", "milligram": "mg", "milligrams": "mg", "millilitre": "ml",
    "millilitres": "ml", "milliliter": "ml", "milliliters": "ml", "cubic metre": "m3", "cubic meter": "m3",
    "square kilometre": "km2", "square kilometer": "km2", "square metre": "m2", "square meter": "m2",
    "square foot": "ft2",
    "bytes": "byte", "gbps": "Gbit/s", "mbps": "Mbit/s", "ghz": "GHz", "mhz": "MHz", "hz": "Hz",
    "cubic metres": "m3", "cubic meters": "m3", "bcm": "bcm", "dozen": "dozen",
    # a change in a rate: "50 basis points" is half a percentage point
    "basis points": "bp", "basis point": "bp", "bps": "bp", "percentage points": "pp", "percentage point": "pp",
}
UNIT_AFTER = re.compile(r"(?:\s?(°\s?[cf])\b|\s?(" + word_trie(u for u in UNITS if not u.startswith("°"))
                        + r")(?![\w/°]|(?<![A-Za-z]{2})-\d))", re.I)   # "24703 L-202": a part number

# Degrees glued to the figure, as British papers write them ("46.4C", "115.5F"): a capital C or F and no letter,
# digit or mark after it. After a label ("Flat 4C", "Form 1F", "Gate 2C") the letter names a place or a form.
_GLUED_DEGREES = re.compile(r"([CF])(?![\w°/'’-])")
_LABEL_BEFORE = re.compile(r"\b(?:flat|apartment|apt|room|suite|unit|floor|level|gate|terminal|platform|bay|berth|stand|"
                           r"block|building|section|article|clause|paragraph|schedule|annex|appendix|figure|fig|table|"
                           r"chapter|part|grade|class|type|form|category|vitamin|seat|row|pier|exit|route|bus|channel|"
                           r"studio|lot|plot|box|ward|bed|zone|phase|stage|series|model|version|no|number)\.?\s*$", re.I)


def glued_degrees(text: str, end: int, left: str):
    """The match of a C or F glued to the digits ending at `end` when it reads as degrees, else None. An F only
    with a decimal or beside words of heat ("13F filing" is a form's name, "115.5F" and "a high of 104F" degrees)."""
    if not text.startswith(("C", "F"), end) or not text[end - 1:end].isdigit():
        return None
    match = _GLUED_DEGREES.match(text, end)
    if match is None or _LABEL_BEFORE.search(left):
        return None
    if text[end] == "F" and not _DECIMAL_BEFORE.search(text, max(0, end - 8), end) \
            and not _HEAT_WORDS.search(text, max(0, end - 80), end):
        return None
    return match


_DECIMAL_BEFORE = re.compile(r"\d\.\d+$")
_HEAT_WORDS = re.compile(r"temperatur|degree|heat|\bhot|\bcold|\bwarm|\bcool|\bhigh\s+of|\blow\s+of|°|celsius|"
                         r"fahrenheit|thermometer|mercury|\d(?-i:C)\b", re.I)


TIME_UNITS = {"second": "second", "seconds": "second", "secs": "second", "minute": "minute", "minutes": "minute",
              "mins": "minute", "hour": "hour", "hours": "hour", "hrs": "hour", "day": "day", "days": "day",
              "week": "week", "weeks": "week", "fortnight": "week", "fortnights": "week", "month": "month",
              "months": "month", "year": "year", "years": "year", "decade": "year", "decades": "year",
              "century": "year", "centuries": "year"}
TIME_FACTOR = {"decade": 10, "decades": 10, "century": 100, "centuries": 100, "fortnight": 2, "fortnights": 2}
TIME_AFTER = re.compile(r"(?:\s+|\s*-\s*)(?:long\s+|more\s+|full\s+|consecutive\s+|straight\s+|additional\s+)?("
                        + "|".join(TIME_UNITS) + r")\b(?:-(?:long|old))?", re.I)
AGO_AFTER = re.compile(r"\s+(ago|from\s+now|hence)", re.I)

IRREGULAR = {"people": "person", "men": "man", "women": "woman", "children": "child", "police": "police",
             "personnel": "personnel", "staff": "staff", "feet": "foot", "teeth": "tooth", "mice": "mouse",
             "geese": "goose", "data": "data", "cattle": "cattle", "crises": "crisis", "analyses": "analysis",
             "aircraft": "aircraft", "sheep": "sheep", "fish": "fish", "livestock": "livestock", "series": "series",
             "species": "species", "lives": "life", "wives": "wife", "knives": "knife", "halves": "half",
             "thieves": "thief", "leaves": "leaf", "wolves": "wolf", "shelves": "shelf",
             # plurals like their singulars: "Eighteen lynx", "40 deer", "12 bison"
             "lynx": "lynx", "deer": "deer", "moose": "moose", "bison": "bison", "elk": "elk", "reindeer": "reindeer",
             "salmon": "salmon", "trout": "trout", "swine": "swine", "offspring": "offspring",
             # a body counted by its members: "331 passengers and 57 crew"
             "crew": "crew"}
NOT_NOUNS = frozenset("""
a an the of in on at by for to from with without into onto over under about above below between among and or nor but
as than that which who whom whose this these those there here it its their his her our your my is are was were be been
being am has have had do does did will would could should may might must can shall not no yes so thus plus across
always perhaps us less unless whereas besides news lens series since until till before after during while when where
whereas whether if then also only just even still yet ago each per every other more most fewer less many much
some any all both either neither such own same very too again further once upon via vs according said says say told
tells reported reports according including included include includes mainly mostly nearly almost about around
earlier later ahead away back down up out off percent per cent pct respectively alike overall
you i we he she they me him them what how why is
""".split())
_WORD = re.compile(r"\s*(?:-\s*)?([A-Za-z][A-Za-z'’.-]*)")
_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,5}['’]?s")


def lemma(word: str) -> str | None:
    """Singular lowercase form of a plural-looking noun, else None."""
    w = word.lower().strip("'’.")
    if w in IRREGULAR:
        return IRREGULAR[w]
    if len(w) < 3 or not w.endswith("s") or w.endswith(("ss", "us", "is", "'s", "’s")) or w in NOT_NOUNS:
        return None
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes", "zes")):
        return w[:-2]
    return w[:-1]


# Words in -ly that qualify a noun (time adjectives, and a few others): modifiers of the counted noun, where another
# word in -ly is an adverb and ends the search ("12 rapidly").
LY_ADJECTIVES = frozenset("""daily weekly monthly yearly quarterly hourly nightly fortnightly elderly""".split())


def head_noun(text: str, pos: int, limit: int, singular_ok: bool) -> tuple[int, int, str, tuple[str, ...]] | None:
    """The counted noun after a number at `pos`: skip modifiers, take the first plural-looking noun.

    Returns (start, end, lemma, flags) where flags may hold "other" or "comparative" from skipped words."""
    flags: list[str] = []
    first = None
    named = False      # the word before was a capitalised adjective ("Danish", "British")
    for step in range(7):
        match = _WORD.match(text, pos + 1 if named and text.startswith(",", pos) else pos, limit)
        if not match:
            break
        gap = text[pos:match.start(1)]
        if any(c in gap for c in ";:()\n") or (step and "." in gap) or "," in gap and not named:
            break
        raw = match.group(1).rstrip(".'’")
        word = raw.lower()
        if named and word in ("and", "or") or "," in gap and named and raw[:1].isupper():
            # "31 Danish and Swedish anglers", "British, French and German engineers": adjectives of origin joined
            # before the noun they all qualify
            following = _WORD.match(text, match.end(1), limit) if word in ("and", "or") else match
            if following is None or not following.group(1)[:1].isupper():
                break
            if word in ("and", "or"):
                pos = match.end(1)
                continue
        named = raw[:1].isupper() and not raw.isupper() and step < 6 and lemma(raw) is None
        if word.endswith("ly") and word not in NOT_NOUNS:
            # "14 heavily armed smugglers", "12 newly built homes": an adverb of the participle after it
            participle = _WORD.match(text, match.end(1), limit)
            if participle is not None and text[match.end(1):participle.start(1)] == " " \
                    and participle.group(1).endswith(("ed", "en")) and participle.group(1)[:1].islower():
                pos = participle.end(1)
                continue
        if word in ("other", "others"):
            flags.append("other")
            pos = match.end(1)
            continue
        if word in ("more", "fewer", "additional", "extra", "further", "less"):
            flags.append("comparative")
            pos = match.end(1)
            continue
        if word == "reports" and text.startswith(" of ", match.end(1)):
            # "200 reports of heaters overheating": the verb ("the ministry reports 40") takes no "of"
            return match.start(1), match.start(1) + len(raw), "report", tuple(flags)
        if word in LY_ADJECTIVES and step < 5:
            pos = match.end(1)    # "131 million monthly active users", "40 elderly residents": an adjective, no adverb
            continue
        if word in NOT_NOUNS or word.endswith("ly"):
            break
        noun = lemma(raw) if not raw.isupper() or len(raw) <= 2 else None
        if noun is None and _ACRONYM_PLURAL.fullmatch(raw):
            noun = raw.rstrip("s").rstrip("'’").lower()     # "36 KO's", "12 MPs"
        if noun and "-" not in raw:
            after = match.end(1)
            second = _WORD.match(text, after, limit) if text[after:after + 1] == " " and \
                text[after + 1:after + 2].islower() else None
            if second and text[after:second.start(1)] == " ":
                other = second.group(1).rstrip(".'’")
                if other.lower() not in NOT_NOUNS and (more := lemma(other)) and "-" not in other:
                    return second.start(1), second.start(1) + len(other), more, tuple(flags)   # "police officers"
            return match.start(1), match.start(1) + len(raw), noun, tuple(flags)
        if first is None and raw[:1].islower() and "-" not in raw and (not step or not raw.endswith(("ing", "ed"))):
            first = (match.start(1), match.start(1) + len(raw), word)
        if raw[:1].islower() and "-" not in raw and raw.endswith(("ing", "ed")) and step:
            # a participle after a modifier is a verb ("nine new arrested by police"), unless a noun it qualifies
            # follows ("1,150 vacant registered nurse posts", "unfilled nursing posts")
            after = _WORD.match(text, match.end(1), limit)
            if after is None or text[match.end(1):after.start(1)] != " " or not after.group(1)[:1].islower() \
                    or after.group(1).lower().rstrip(".'’") in NOT_NOUNS:
                break
        token = match.group(1)
        if token.endswith(".") and "." not in token[:-1] and len(raw) > 3:
            break     # "included 11 Nepalis. Officials checked": the word's stop ends the sentence
        pos = match.end(1)
    if singular_ok and first:
        return first[0], first[1], first[2], tuple(flags)
    return None
