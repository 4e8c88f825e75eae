"""One pass over a text: a master regex finds value cores (dates first, then numerals), and each core
is widened with its qualifier, range, unit or counted noun, then given its sentence and modality."""
from __future__ import annotations

import re
from dataclasses import replace

from checker.mentions import dates as D
from checker.mentions import quantities as Q
from checker.mentions.calendar_forms import ALTERNATIVES as CALENDAR_ALTERNATIVES
from checker.mentions.calendar_forms import DIGIT_FIRST as CALENDAR_DIGIT_FIRST
from checker.mentions.calendar_forms import CALENDAR_HEADS, GLUED_HEADS, CalendarForms
from checker.mentions.date_forms import DateForms, _rx
from checker.mentions import deictic_dates as DX
from checker.mentions.modality import modality
from checker.mentions.model import Mention
from checker.mentions.numbers import NUMERAL, format_value, parse_numeral
from checker.mentions.numbers import _WORDS as UNITS_WORDS
from checker.mentions.numeral_context import fraction_of_scale, ordinal_after_article, scale_letter
from checker.mentions.sentences import Sentences
from checker.mentions.spans import combine

GRAMMAR_VERSION = "g6"

# Spans that hold digits but are not values: consumed first so no numeral is read inside them.
_SKIP_URLS = r"https?://\S+|www\.\S+|"
_SKIP_DIGITS = (r"\S+@\S+\.\w+|"
        r"\b\d{1,3}(?:\.\d{1,3}){3}\b|"                                   # IP addresses
        r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?|"                  # clock times
        r"\b\d{1,2}(?:\.\d{2})?\s?[ap]\.m\.|\b\d{1,2}\s?[ap]m\b|"
        r"\+?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b|\+\d{1,3}[\s\d-]{8,}\d|"   # phone numbers
        r"\bv?\d+\.\d+\.\d+(?:\.\d+)*\b|\bv\d+(?:\.\d+)?\b|"               # versions
        r"\[\d+\]|"                                                       # footnote markers
        r"(?-i:\b\d[AC-JLN-Z]\b|\b\d+[AC-FH-JLN-Z]\b)")                   # 5G, 3D (10K, 10M, 10B, 10G are amounts)
_SKIP_LABELS = (r"\b(?:article|section|chapter|page|p\.|pp\.|no\.|number|resolution|rule|clause|paragraph|room|flight|"
        r"route|highway|bill|act|item|line|vol\.|volume|issue|level|phase|category|grade|class|form|model|"
        r"version|episode|season|gate|platform|exit)\s+\d+[a-z]?\b")
SKIP = f"(?P<skip>{_SKIP_URLS}{_SKIP_DIGITS}|{_SKIP_LABELS})"
# At a digit only the digit spans can match: without the URL and label words the digit master is much faster.
_SKIP_AT_DIGIT = f"(?P<skip>{_SKIP_DIGITS})"
_STRIP_GROUPS = re.compile(r"\(\?P<\w+>")
_ALTERNATIVES = (
    CALENDAR_ALTERNATIVES + [("skip", SKIP)] + [(name, f"(?P<{name}>{_STRIP_GROUPS.sub('(?:', pattern)})") for name, pattern in D.DATE_FORMS.items()
                        if name not in ("weekday", "month")]
    + [("ident", r"(?P<ident>\b[A-Za-z]+[-/]?\d+[A-Za-z\d]*\b)"),    # identifiers: A320, COVID-19 (after dates: mid-2019)
       ("vague", Q.VAGUE_PATTERN),
       # the few relative and part-of-year forms that begin with a digit, so the digit master stays small
       ("reldigit", r"(?P<reldigit>\d{1,2}\s+(?:days?|weeks?)\s+(?:after|from|before)\s+(?:today|tomorrow|yesterday))"),
       ("partdigit", rf"(?P<partdigit>[1-4](?:st|nd|rd|th)\s+quarter\s+of[\s-]*{D.YEAR})"),
       ("num", rf"(?P<num>(?<![\w.])(?<![^\d],)(?:(?:minus|negative)\s+|[-−]\s?)?{NUMERAL})"),
       ("weekday", f"(?P<weekday>{D.DATE_FORMS['weekday']})"),
       ("month", f"(?P<month>{_STRIP_GROUPS.sub('(?:', D.DATE_FORMS['month'])})")])
# The same alternatives in the same order, split by what a match can begin with: one master regex tries
# only the forms that can start at a digit (or sign, bracket, point), the other those that can start at a letter.
_DIGIT_FIRST = {"skip", "iso", "numeric", "dmy", "slashdate", "monthyear", "ym", "yearpart", "decade", "weekof", "nthwd",
                "reldigit", "partdigit", "num"}
_DIGIT_ONLY = {"iso", "numeric", "slashdate", "monthyear", "ym", "yearpart", "reldigit", "partdigit"}
_DIGIT_FIRST |= CALENDAR_DIGIT_FIRST
_DIGIT_ONLY |= CALENDAR_DIGIT_FIRST
DX.insert_after(_ALTERNATIVES, "skip", _STRIP_GROUPS); _DIGIT_FIRST |= DX.DIGIT_FIRST   # deictic dates
MASTER = re.compile("|".join(_SKIP_AT_DIGIT if name == "skip" else pattern for name, pattern in _ALTERNATIVES
                              if name in _DIGIT_FIRST), re.I)
MASTER_WORD = re.compile("|".join(pattern for name, pattern in _ALTERNATIVES if name not in _DIGIT_ONLY
                                   and name != "calword"), re.I)
# at a word that can begin a month or weekday ("mar", "dec31", "friday"): the word forms with calendar_forms' first
MASTER_CALENDAR = re.compile("|".join(pattern for name, pattern in _ALTERNATIVES if name not in _DIGIT_ONLY), re.I)
_NUM = re.compile(dict(_ALTERNATIVES)["num"], re.I)
_NUMBER_WORDS = frozenset(UNITS_WORDS)
_NAME_DASH = re.compile(r"(\w*[A-Za-z]\w*)[-\u2212]$")

_YEAR_CONTEXT = re.compile(r"\b(?:in|since|by|until|till|before|after|from|of|during|through|throughout|to|and|"
                           r"between|early|late|mid|around|circa|as\s+of|year|summer|spring|autumn|fall|winter)"
                           r"\s*[-\s]?$", re.I)
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|through|and|or)\s*", re.I)
_LEFT_WORD = re.compile(r"(\w+)\W*$")
_TOTAL_BEFORE = re.compile(r"\b(?:the|all|its|their|our|his|her|a\s+total\s+of|total\s+of|\w+['’]s|\w+s['’])\s+$", re.I)
_TOTAL_ENDS = ("the", "all", "its", "their", "our", "his", "her", "of", "'s", "’s", "s'", "s’")


def _total_before(left: str) -> bool:
    """_TOTAL_BEFORE, tried only when the last word can end one of its forms (a cheap test first)."""
    return left[-1:].isspace() and left.rstrip()[-5:].lower().endswith(_TOTAL_ENDS) and bool(_TOTAL_BEFORE.search(left))
_EACH_AFTER = re.compile(r"^(?:\s+\w+)?\s*(?:each|apiece|per\s+\w+|a\s+(?:day|week|month|year|piece|head))\b(?!\s+(?:ago|earlier|later|before|after)\b)", re.I)
_COMPARATIVE_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:more|less|fewer|longer|shorter|higher|lower|larger|smaller|"
                                r"bigger|greater|earlier|later|older|younger)\s+than\b|\s+times\b", re.I)
_NAME_AFTER_YEAR = re.compile(r"\s+(?!(?:and|or|to|was|were|is|are|has|had|in|on|at|of|for|by|with|as|when|after|"
                              r"before|until|from|than|that|which)\b)[A-Za-z]", re.I)
_CENTS_AFTER = re.compile(rf"\s+(?:and\s+)?({NUMERAL})\s+(?:cents?|pence|p)\b", re.I)
_SPOKEN_CENTS = re.compile(rf"\s+({NUMERAL})(?=\s*(?:$|[.,;:!?)]))", re.I)   # "thirteen dollars forty five."
_IN_FUTURE = re.compile(r"(?:'ll|\bwill|\bshall|\bgoing\s+to|\bback|\bbe)\b[^,.;]*\bin\s+$", re.I)


# Words that can begin a value (digits always can). A few common ones must be followed by a fitting word.
TRIGGERS = frozenset(
    [*UNITS_WORDS, *D.MONTHS, *D.WEEKDAYS, "tuesday", "thursday", "yesterday", "today", "tomorrow", "tonight", "earlier",
     "later", "last", "next", "this", "past", "previous", "coming", "current", "following", "same", "the", "a", "an",
     "early", "mid", "late", "end", "start", "beginning", "q1", "q2", "q3", "q4", "h1", "h2", "spring", "summer",
     "autumn", "fall", "winter", "tens", "hundreds", "thousands", "millions", "billions", "dozens", "scores", "several",
     "few", "couple", "minus", "negative", "http", "https", "www", "article", "section", "chapter", "page", "p", "pp",
     "no", "number", "resolution", "rule", "clause", "paragraph", "room", "flight", "route", "highway", "bill", "act",
     "item", "line", "vol", "volume", "issue", "level", "phase", "category", "grade", "class", "form", "model",
     "version", "episode", "season", "gate", "platform", "exit", "rest", "remaining", "remainder", "week"])
_AFTER_THE = re.compile(r"\s+(?:day|first|second|third|fourth|last|end|start|beginning|middle|following|previous|same|"
                        r"next|past|coming|current|early|mid|late|winter|summer|spring|autumn|fall|\d|'\d)", re.I)
_AFTER_A = re.compile(r"\s+(?:dozen|few|couple|half|third|quarter|fifth|hundred|thousand|million|billion|trillion|day|"
                      r"week|month|year|decade|century|fortnight|\w+-?\w*th\b|\w+-(?:first|second|third)\b|\d)", re.I)
_AFTER_NUMBERISH = re.compile(r"\s+(?:\d|[a-z])", re.I)
_PEEK = {"the": _AFTER_THE, "a": _AFTER_A, "an": _AFTER_A, "minus": _AFTER_NUMBERISH, "negative": _AFTER_NUMBERISH,
         "this": re.compile(r"\s+(?:week|month|year|quarter|decade|weekend|[mtwfs]\w+day|[a-z]+ber|spring|summer|"
                            r"autumn|fall|winter|january|february|march|april|june|july|august)\b", re.I),
         "no": re.compile(r"\.?\s*\d"), "week": re.compile(r"\s+\d"), "rest": re.compile(r"\s+of\b", re.I),
         "remaining": re.compile(r"\s+of\b", re.I), "remainder": re.compile(r"\s+of\b", re.I)}
TRIGGERS = DX.widen_peeks(_PEEK, TRIGGERS)      # deictic dates: their first words
_TOKENS = re.compile(r"[$€£¥₹]|[^\W_]+")
_SYMBOLS = "$€£¥₹"
_SIGN_BEFORE = re.compile(r"(?<![\w.,])(?:[-\u2212]\s?)$")




class Scanner(DateForms, CalendarForms, DX.DeicticForms):
    def __init__(self, text: str, published: str | None):
        self.text = text
        self.ref = D.reference_span(published)
        self.sentences = Sentences(text)
        self.out: list[Mention] = []

    # ---- helpers -------------------------------------------------------------------------------
    def left(self, start: int, width: int = 40) -> str:
        return self.text[max(0, start - width):start]

    def emit(self, kind, start, end, low, high, **extra) -> None:
        s_start, s_end = self.sentences.around(start)
        s_end = max(s_end, end)
        mood = modality(self.text, start, end, s_start, s_end)
        self.out.append(Mention(kind=kind, value_text=self.text[start:end], start=start, end=end, low=low, high=high,
                                modality=mood, sentence_start=s_start, sentence_end=s_end, **extra))

    def resolve(self, fn):
        """Apply a date function to the first and last possible reference day."""
        if not self.ref:
            return None
        first = fn(self.ref[0])
        last = first if self.ref[0] == self.ref[1] else fn(self.ref[1])
        if first is None or last is None:
            return None
        return first[0], last[1], first[2]

    def emit_date(self, start, end, span, precision, flags=(), qualifier="exact"):
        if span is None:
            low = high = None
        else:
            low, high = span[0].isoformat(), span[1].isoformat()
        self.emit("date", start, end, low, high, precision=precision, flags=tuple(flags), qualifier=qualifier)

    # ---- the pass ------------------------------------------------------------------------------
    def run(self) -> list[Mention]:
        """Try the master regex only where a value can begin (see TRIGGERS): one cheap word scan."""
        text = self.text
        pos = 0
        master_match, word_match, calendar_match = MASTER.match, MASTER_WORD.match, MASTER_CALENDAR.match
        for token in _TOKENS.finditer(text):
            start = token.start()
            if start < pos:
                continue
            word = token.group()
            if not word[0].isdigit() and word[0] not in _SYMBOLS:
                lower = word.lower()
                if lower not in TRIGGERS and not (lower[-1].isdigit() and lower[:3] in GLUED_HEADS):  # "Dec31"
                    continue
                peek = _PEEK.get(lower)
                if peek is not None and not peek.match(text, token.end()):
                    continue
            elif word[0].isdigit() and start and text[start - 1] in "[/":
                start -= 1 if text[start - 1] == "[" else 0
                if text[start - 1] == "/" and start > 1 and not text[start - 2].isspace():
                    continue          # the digits of a path or a fraction already read
            elif word[0].isdigit() and start and text[start - 1] == "." and (start == 1 or text[start - 2] in " \t\n("):
                start -= 1            # ".08": a decimal without its leading zero
            elif word[0].isdigit() and start and text[start - 1] in "-\u2212 ":
                sign = _SIGN_BEFORE.search(text, max(0, start - 10), start)
                if sign and self.out and self.out[-1].kind == "date" and not text[self.out[-1].end:sign.start()].strip():
                    sign = None       # "May 1, 2020 - 05/07/2020": a dash between two dates, no minus
                if sign and sign.start() >= pos:
                    start = sign.start()
            elif word[0] in _SYMBOLS:
                continue
            if text[start].isalpha():
                match = (calendar_match if lower[:3] in CALENDAR_HEADS else word_match)(text, start)
            else:
                match = master_match(text, start)
            if not match:
                continue
            kind = match.lastgroup
            end = match.end()
            try:
                handled = getattr(self, "on_" + kind)(match, start, end)
            except (ValueError, OverflowError, KeyError, ZeroDivisionError):
                handled = None
            pos = handled if handled and handled > start else end
        self.out.sort(key=lambda m: (m.start, m.end))
        return combine(text, self.out, self.ref)

    def on_skip(self, match, start, end):
        return end

    on_ident = on_skip

    # ---- numbers -------------------------------------------------------------------------------
    def on_vague(self, match, start, end):
        phrase = re.sub(r"\s+", " ", self.text[start:end].lower())
        if phrase in Q.VAGUE:
            low, high = Q.VAGUE[phrase]
        else:
            head, scale = phrase.rsplit(" ", 1)
            low, high = Q.VAGUE[head]
            factor = {"hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9, "dozen": 12}[scale]
            low, high = low * factor, high * factor
        noun_from = end
        of = _rx(r"\s+of\b").match(self.text[end:end + 5])
        if of:
            noun_from = end + of.end()
        self.finish_number(start, end, float(low), float(high), qualifier="vague", noun_from=noun_from,
                           singular_ok=False, value_text_end=end)
        return end

    def on_num(self, match, start, end):
        text = self.text
        raw = text[start:end]
        sign = 1
        if start > 1 and text[start - 1] in "-\u2212" and text[start - 2].isalnum() and (
                name := _NAME_DASH.search(text, max(0, start - 16), start)) and not (
                raw[0].isalpha() and name.group(1).lower() in _NUMBER_WORDS):
            return _rx(r"\W?\w*").match(text, start).end()   # "F-35", "A320-200": names (only that word);
                                                            # "three-nought-four" is three numbers
        if match.lastgroup != "num":  # a date form that gave up ("twenty twenty fifths"): the longest numeral
            match = _NUM.match(text, start) or match
            end = match.end()
            raw = text[start:end]
        sign_match = _rx(r"(?:minus|negative)\s+|[-−]\s?", re.I).match(raw)
        if sign_match:
            if start and (text[start - 1].isalnum()):
                return start + 1
            sign, start, raw = -1, start + sign_match.end(), raw[sign_match.end():]
        numeral = parse_numeral(raw)
        if numeral is None:
            return None
        over = "ver" in raw and _rx(r"\s+over\s", re.I).search(raw, 0, numeral.end)
        if over and not _rx(r"\s*(?:$|[.,;:!?)])").match(text, start + numeral.end):
            numeral = parse_numeral(raw[:over.start()])      # "20 over 10 years": two numbers, no ratio
        end = start + numeral.end
        raw = text[start:end]
        article = _rx(r"an?\s+(?=\d|\w+-\w)", re.I).match(text, start, end + 20)
        if article:
            start, raw = article.end(), text[article.end():end]
        if raw.lower() in ("a", "an"):
            return end
        if sign < 0:
            start = match.start()
        if numeral.ordinal and article and numeral.words and _rx(r"\s*(?:$|[.,;:!?)]|of\b)", re.I).match(text, end):
            start, numeral = article.start(), replace(numeral, value=1 / numeral.value, ordinal=False, fraction=True)
        if numeral.fraction and numeral.words and _rx(r"[\s-]+centur", re.I).match(text, end):
            return end                # "one twenty-first-century idea": not a fraction
        if numeral.fraction and sign > 0 and (place := ordinal_after_article(raw, text, end)):
            self.emit("ordinal", start + place[0], end, float(place[1]), float(place[1]))
            return end                # "a third term": an ordinal
        value = sign * numeral.value            # (above: "a twenty-first" of something is a fraction)
        scaled = scale_letter(text, end, numeral, raw) or fraction_of_scale(text, end, numeral)
        if scaled:                              # "2.33 k", "1,674.5 G", "10G", "two thirds of a million"
            value, end = value * scaled[0], scaled[1]
            numeral = replace(numeral, suffix=numeral.suffix or "x")
        # glued letters after digits: "5G" is an identifier, "94,000REF" is page furniture
        glued = _rx(r"[A-Za-z]+").match(text[end:end + 6])
        if glued and raw[-1].isdigit():
            g = glued.group(0)
            if len(g) == 1 and g.isupper() and not _rx(r"[A-Za-z]").match(text[end + 1:end + 2]) and g not in "KMB":
                return end + 1        # "5G", "3D": names, not values
            if not (g.isupper() and len(g) >= 3) and not Q.UNIT_AFTER.match(text, end) and not \
                    Q.PERCENT_AFTER.match(text, end) and not Q.CURRENCY_AFTER.match(text, end):
                return end + len(g)
        if sign > 0 and (day_end := self.day_of_month(start, end, numeral)) is not None:
            return day_end            # "for the 27", "the 20th of next month" (calendar_forms)
        if numeral.ordinal:
            if _rx(r"\s*(?:century)\b|-class\b", re.I).match(text[end:end + 10]) or (
                    _rx(r"\s+class\b", re.I).match(text, end) and not _rx(r"\bthe\s+$", re.I).search(self.left(start, 5))):
                return end            # "a first class seat", "second-class": grades; "the first class of" counts
            if 1 <= value <= 31 and raw[0].isdigit() and _rx(r"(?:^|\b(?:on|by|until|till|from|since|before|after)\s+)the\s+$", re.I).search(
                    self.left(start, 12)) and _rx(r"\s*(?:$|[.,;!?)]|of\s+(?:the\s+)?(?:next|this|last)\s+month)").match(
                    text, end):
                return self.emit_day_of_month(start, end, int(value))
            self.emit("ordinal", start, end, float(value), float(value))
            return end
        # "a" alone before a word numeral shows as "a dozen": fine; "one" in "one of" is a number still
        low = high = format_value(value)
        # year reading
        plain = len(raw) == 4 and raw.isdigit()
        if plain and 1000 <= value <= 2100 and self.year_context(start, end):
            return self.emit_year(start, end, int(value))
        if numeral.words and value == int(value) and 2000 < value <= 2100 and not numeral.fraction \
                and _rx(r"two thousand\b", re.I).match(raw) and _YEAR_CONTEXT.search(self.left(start, 12)) \
                and self.year_context(start, end):
            return self.emit_year(start, end, int(value))          # "two thousand and fifteen"
        return self.finish_number(start, end, low, high, numeral=numeral)

    def year_context(self, start, end) -> bool:
        after = self.text[end:end + 30]
        if _rx(r"\s*(?:%|per\s?cent|percent|[a-z]+s\b(?<!ago)(?<!ss)(?<!us)(?<!is))", re.I).match(after) and not re.match(
                r"\s*(?:and|or|to|was|is|has|had|as|its|this|his|saw|marks)\b", after, re.I):
            return False
        if Q.UNIT_AFTER.match(self.text, end) or Q.CURRENCY_BEFORE.search(self.left(start, 5)):
            return False
        return True

    def emit_year(self, start, end, year):
        text = self.text
        # "between 2016 and 2019", "from 2011 to 2018", "2016-2019"
        join = _RANGE_JOIN.match(text, end)
        if join:
            second = re.match(r"(\d{4}|\d{2})(?!\d|,\d)", text[join.end():join.end() + 5])
            word = join.group(0).strip().lower()
            before = self.left(start, 12).lower()
            if second and (word in ("-", "–", "—", "to", "through") or (word == "and" and "between" in before)):
                other = int(second.group(1))
                if other < 100:
                    other += year // 100 * 100
                if year < other <= 2100:
                    range_start = start
                    lead = _rx(r"\b(?:between|from)\s+$", re.I).search(self.left(start, 10))
                    if lead:
                        range_start = start - len(lead.group(0))
                    span = (D.year_span(year)[0], D.year_span(other)[1])
                    self.emit_date(range_start, join.end() + len(second.group(1)), span, "year", ("range",),
                                   qualifier="range")
                    return join.end() + len(second.group(1))
        flags = []
        if _rx(r"\bthe\s+$", re.I).search(self.left(start, 5)) and _NAME_AFTER_YEAR.match(text, end):
            flags.append("name")
        self.emit_date(start, end, D.year_span(year), "year", flags)
        return end

    def finish_number(self, start, end, low, high, *, numeral=None, qualifier="exact", noun_from=None,
                      singular_ok=True, value_text_end=None):
        text = self.text
        flags: list[str] = []
        tolerance = 0.0
        # qualifier words and "between/from" before the value
        value_start = start
        symbol = Q.CURRENCY_BEFORE.search(self.left(start, 5))
        if symbol:
            start -= len(symbol.group(0))
        left = self.left(start, 30)
        bound = Q.qualifier_before(left)
        if bound and bound.group(1).lower() == "over" and self.out and self.out[-1].kind != "date" and \
                Q.TIME_AFTER.match(text, end) and \
                not text[max(self.out[-1].end, self.out[-1].noun_end):start - len(left) + bound.start(1)].strip():
            bound = None      # "$2000 over 3 years", "1,500 jobs over four years": spread across, not more than
        if bound and qualifier == "exact":
            word = re.sub(r"\s+", " ", bound.group(1).lower())
            if word in Q.APPROX:
                qualifier, tolerance = "approx", Q.APPROX[word]
            else:
                qualifier = Q.BOUNDS[word]
            start = start - len(left) + bound.start(1)
        # ranges: "40-50", "40 to 50", "between 40 and 50", "two or three"
        if numeral is not None and qualifier in ("exact", "approx"):
            join = _RANGE_JOIN.match(text, end)
            if join:
                word = join.group(0).strip().lower()
                lead = _rx(r"\b(?:between|from)\s+$", re.I).search(left)
                allowed = word in ("-", "–", "—", "to", "through", "or") or (word == "and" and lead)
                if word == "-" and text[value_start - 1:value_start] == "-":
                    allowed = False   # "three-nought-four", "3-2-1": a chain of digits said one by one
                second_match = re.match(rf"[$€£]?\s?({NUMERAL})", text[join.end():join.end() + 80], re.I) if allowed else None
                second = parse_numeral(second_match.group(1)) if second_match else None
                if second and (numeral.fraction and numeral.value < 1 or (
                        numeral.suffix and second.suffix and numeral.suffix != second.suffix)):
                    second = None     # "a quarter to $254 million", "10 bln or 10 tln": two values, no range
                if second and not second.ordinal:
                    other_end = join.end() + second_match.start(1) + second.end
                    other = second.value
                    # "40 to 50 million": the scale of the second applies to the first
                    if other >= 1000 and low < 1000 and numeral.value == low and not numeral.suffix:
                        for scale in (1e12, 1e9, 1e6, 1e3):
                            if other >= scale and low * scale <= other:
                                low = low * scale
                                break
                    if other > low:
                        high = other
                        qualifier, tolerance = "range", 0.0
                        flags.append("range")
                        if lead:
                            start = start - len(lead.group(0))
                        end = other_end
                        numeral = second
        elif noun_from is None:
            pass
        if qualifier in ("more_than", "at_least"):
            high = None
        elif qualifier in ("less_than", "at_most"):
            low = None
        pos = noun_from if noun_from is not None else end
        after = text[pos:pos + 60]
        # money
        currency = symbol                     # the symbol before the value, read above
        unit = None
        kind = "number"
        noun_start = noun_end = -1
        end_text = end
        if currency and not _rx(r"\s*(?:%|percent)").match(after):
            symbol = (currency.group(1) or currency.group(2) or "").lower()
            unit = Q.CURRENCY_SYMBOLS.get(symbol) or symbol.upper() or "INR"
            kind = "money"
            start = min(start, value_start - len(currency.group(0)))  # (already widened above)
            if numeral is not None and numeral.suffix == "m":
                pass
            more = Q.CURRENCY_AFTER.match(text, end)
            if more and more.group(1) and more.group(1).lower() in ("cents", "cent"):
                pass
        elif (pct := Q.PERCENT_AFTER.match(text, pos)):
            kind, unit = "percent", "percent"
            end_text = pct.end()
            noun_start, noun_end = pct.start() + (len(pct.group(0)) - len(pct.group(0).lstrip())), pct.end()
        elif (cur := Q.CURRENCY_AFTER.match(text, pos)):
            word = (cur.group(1) or cur.group(2)).lower()
            unit = Q.CURRENCY_WORDS.get(word) or word.upper()
            kind = "money"
            end_text = cur.end()
            cents = unit not in ("cent", "pence") and low == high and (
                _CENTS_AFTER.match(text, end_text) or _SPOKEN_CENTS.match(text, end_text))
            if cents and (small := parse_numeral(cents.group(1))) and small.end == len(cents.group(1)) \
                    and small.value < 100 and not small.ordinal and (cents.re is _CENTS_AFTER or small.words):
                low = high = format_value(low + small.value / 100)   # "3 dollars 50 cents"
                end_text = cents.end()
            noun_start, noun_end = cur.start(1) if cur.group(1) else cur.start(2), cur.end()
        elif numeral is not None and numeral.suffix in ("m", "mm") and not currency and text[end - 1] in "m":
            kind, unit = "quantity", numeral.suffix                 # "5m", "7.62mm": metres, millimetres
            low, high = _scale(low, 1e-6), _scale(high, 1e-6)
        elif (ago := _rx(Q.TIME_AFTER.pattern + Q.AGO_AFTER.pattern, re.I).match(text[pos:pos + 60])):
            return self.emit_ago(start, pos + ago.end(), value_start, low, high, ago, qualifier)
        elif (time := Q.TIME_AFTER.match(text, pos)):
            word = time.group(1).lower()
            unit = Q.TIME_UNITS[word]
            factor = Q.TIME_FACTOR.get(word, 1)
            low, high = _scale(low, factor), _scale(high, factor)
            kind = "duration"
            end_text = time.end()
            noun_start, noun_end = time.start(1), time.end(1)
            if "-" in text[pos:time.start(1)]:
                flags.append("compound")
            if _rx(r"\bin\s+$").search(self.left(value_start, 4)) and _IN_FUTURE.search(self.left(start, 60)) \
                    and not _rx(r"\b(?:time|first|ever|years?)\s+in\s+$", re.I).search(self.left(start, 20)):
                return self.emit_in(start, end_text, value_start, low, unit)
        elif (measure := Q.UNIT_AFTER.match(text, pos)):
            unit_word = (measure.group(1) or measure.group(2)).lower().replace(" ", "")
            unit = Q.UNITS.get(unit_word) or Q.UNITS.get((measure.group(1) or measure.group(2)).lower()) or unit_word.upper()
            kind = "quantity"
            end_text = measure.end()
            noun_start, noun_end = measure.start(measure.lastindex), measure.end()
        else:
            compound = _rx(r"-([a-z]+)\b").match(text[pos:pos + 30])
            if compound and compound.group(1).lower() in Q.UNITS:
                kind, unit = "quantity", Q.UNITS[compound.group(1).lower()]
                noun_start, noun_end = pos + 1, pos + compound.end()
                end_text = noun_end
                flags.append("compound")
            elif compound and not Q.lemma(compound.group(1)) and compound.group(1).lower() not in _NUMBER_WORDS:
                kind, unit = "count", compound.group(1).lower()
                noun_start, noun_end = pos + 1, pos + compound.end()
                end_text = noun_end
                flags += ["compound", "total"]
            else:
                limit = min(len(text), pos + 80)
                found = Q.head_noun(text, pos, limit, singular_ok and low == 1)
                if found:
                    kind, unit = "count", found[2]
                    noun_start, noun_end = found[0], found[1]
                    flags += found[3]
        if kind in ("count",) and qualifier == "vague" and unit is None:
            return None
        if kind == "number" and qualifier == "exact" and text[start:end].lower() in ("one", "a", "an") and \
                _rx(r"\b(?:the|this|that|which|each|any|every|no|another|only|a|one)\s+$", re.I).search(self.left(start, 10)):
            return end            # "the one you mentioned": a pronoun
        if kind == "number" and qualifier == "vague":
            pass
        # flags from the words around
        if kind in ("count", "number") and "total" not in flags and _total_before(self.left(start, 25)):
            flags.append("total")
        tail = noun_end if noun_end > 0 else end_text
        if kind in ("count", "money", "quantity") and _EACH_AFTER.match(text[tail:tail + 25]):
            flags.append("each")
        if _COMPARATIVE_AFTER.match(text, tail) or _rx(r"\s+(?:more|less|fewer)\b", re.I).match(text[end:end + 8]):
            if "comparative" not in flags:
                flags.append("comparative")
        if kind in ("duration",) and _rx(r"\s+(?:\w+\s+)?(?:longer|shorter|more|less)\b").match(text[end_text:end_text + 20]):
            if "comparative" not in flags:
                flags.append("comparative")
        # the value text: qualifier .. number (.. unit when glued into the value, e.g. %, money words)
        final_end = end
        if kind in ("percent", "money", "quantity", "duration"):
            final_end = end_text
        if value_text_end is not None and final_end < value_text_end:
            final_end = value_text_end
        if kind == "count" and "compound" in flags:
            final_end = noun_end
        self.emit(kind, start, final_end, low, high, unit=unit, qualifier=qualifier, tolerance=tolerance,
                  noun_start=noun_start, noun_end=noun_end, flags=tuple(dict.fromkeys(flags)))
        return final_end

    def emit_ago(self, start, end, value_start, low, high, match, qualifier="exact"):
        word = match.group(1).lower()
        amount = low if low is not None else high
        unit = Q.TIME_UNITS[word]
        amount = amount * Q.TIME_FACTOR.get(word, 1)
        direction = match.group(2).lower()
        sign = 1 if direction in ("from now", "hence", "later") else -1
        if unit in ("hour", "minute", "second"):
            unit, amount = "day", 0
        if qualifier in ("more_than", "at_least", "less_than", "at_most") and sign < 0:
            # "more than 60 years ago": before the day 60 years back; "less than ...": since that day
            span = self.resolve(lambda ref: (D.same_day_shift(ref, -int(amount), unit),) * 2 + ("day",))
            if span:
                open_low = qualifier in ("more_than", "at_least")
                span = (None, span[1]) if open_low else (span[0], self.ref[1])
                self.emit("date", start, end, None if open_low else span[0].isoformat(),
                          span[1].isoformat(), precision="day", flags=("relative",), qualifier=qualifier)
                return end
        if unit in ("day", "week", "month") and amount == int(amount):
            # "two months ago", "three weeks from now": that day
            span = self.resolve(lambda ref: (D.same_day_shift(ref, int(sign * amount), unit),) * 2 + ("day",))
        else:
            span = self.resolve(lambda ref: D.shift(ref, int(sign * amount), unit))
        precision = span[2] if span else unit
        self.emit_date(start, end, span, precision if precision in ("month", "year") else "day", ("relative",))
        return end

    def emit_in(self, start, end, value_start, amount, unit):
        """ "in two weeks" said of the future: the day that far from the reference."""
        from datetime import timedelta
        days = {"day": 1, "week": 7}.get(unit)

        def later(ref):
            if days:
                target = ref + timedelta(days=int(amount * days))
                return target, target, "day"
            if unit == "month":
                target = D.same_day_shift(ref, int(amount), unit)     # "in two months": that day
                return target, target, "day"
            return D.shift(ref, int(amount), unit)
        span = self.resolve(later) if unit in ("day", "week", "month", "year") else None
        self.emit_date(start, end, span, span[2] if span else "day", ("relative",))
        return end


def _scale(value, factor):
    return None if value is None else format_value(value * factor)


def extract(text: str, published: str | None = None) -> list[Mention]:
    """Every stated value in `text`, sorted by start offset."""
    return Scanner(text, published).run()
