"""One pass over a text: a master regex finds value cores (dates first, then numerals), and each core
is widened with its qualifier, range, unit or counted noun, then given its sentence and modality.
The handlers live in mixins, one module per idea: numbers (number_forms.py, number_phrase.py, counted.py),
dates (date_forms.py, calendar_forms.py, deictic_dates.py); number_forms.py asks ordinals.py, names.py and
numeral_context.py what the words around a numeral make of it. A text with no published date is dated by the
dateline printed in its first lines (dateline.py)."""
from __future__ import annotations

import re
from itertools import accumulate, compress

from checker.mentions import dates as D
from checker.mentions import quantities as Q
from checker.mentions.calendar_forms import ALTERNATIVES as CALENDAR_ALTERNATIVES
from checker.mentions.calendar_forms import DIGIT_FIRST as CALENDAR_DIGIT_FIRST
from checker.mentions.calendar_forms import _CARD_DAY as CALENDAR_CARD_DAY
from checker.mentions.calendar_forms import CALENDAR_HEADS, GLUED_HEADS, CalendarForms
from checker.mentions.date_forms import DateForms
from checker.mentions.dateline import dateline_span
from checker.mentions import deictic_dates as DX
from checker.mentions.modality import Clauses
from checker.mentions.model import Mention
from checker.mentions.number_forms import NUM_PATTERN, NumberForms
from checker.mentions.number_phrase import NumberPhrase
from checker.mentions.numbers import _WORDS as UNITS_WORDS
from checker.mentions.numbers import SUFFIX_WORDS as NUMERAL_SUFFIXES, format_value
from checker.mentions.edges import representable
from checker.mentions.firstword import FirstWord
from checker.mentions.sentences import Sentences
from checker.mentions.spans import combine
from checker.mentions.breakdown import mark_breakdowns
from checker.mentions.compound_duration import join_compound_durations
from checker.mentions.period_part import join_period_parts
from checker.mentions.ratio import join_ratios
from checker.mentions.restated import mark_restated
from checker.mentions.shared_unit import share_units
from checker.mentions.version import GRAMMAR_VERSION  # noqa: F401  (kept in a module of its own: keys need no grammar)

# Spans that hold digits but are not values: consumed first so no numeral is read inside them.
_SKIP_URLS = r"https?://\S+|www\.\S+|"
_SKIP_DIGITS = (r"\S+@\S+\.\w+|"
        r"\b\d{1,3}(?:\.\d{1,3}){3}\b|"                                   # IP addresses
        r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?|"                  # clock times
        r"\b\d{1,2}:\s\d{2}(?:\s?[ap]\.?m?\.?(?![a-z]))?|"                  # scraped "11: 55p", "(GMT+05: 00)"
        r"\b[0-2]\d[0-5]\d\s?(?:GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|PST|PDT|IST|hrs)\b|"   # "0915 GMT"
        r"\b\d(?:-\d){2,}\b|"                                              # digits said one by one: 9-1-1
        r"\.?\b\d+(?:\.\d+)?[-\s]?(?:caliber|calibre|gauge)\b|"            # a .32-caliber, a 20-gauge
        r"\b\d+\s(?:freeway|expressway|motorway|turnpike|tollway)\b|"       # the 605 Freeway
        r"\b\d+(?:\.\d+)?\s?%\s?(?:CI|confidence\s+interval)\b|"            # a 95% CI
        r"\b\d{1,2}(?:\.\d{2})?\s?[ap]\.m\.|\b\d{1,2}\s?[ap]m\b|"
        r"\+?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b|\+\d{1,3}[\s\d-]{8,}\d|"   # phone numbers
        # a local number after a word that asks to call it: "call 555-0199", "phone: 555 0142", "reach us at"
        r"(?:(?<=call )|(?<=dial )|(?<=phone )|(?<=phone: )|(?<=tel )|(?<=tel: )|(?<=tel. )|(?<=fax )|(?<=fax: )|"
        r"(?<=text )|(?<=hotline )|(?<=us at )|(?<=us on )|(?<=number )|(?<=number: ))\d{3}[\s.-]\d{4}\b(?![.-]\d)|"
        r"\bv?\d+\.\d+\.\d+(?:\.\d+)*\b|\bv\d+(?:\.\d+)?\b|"               # versions
        r"\[\d+\]|"                                                       # footnote markers
        # 5G, 3D (10K, 10M, 10B, 10G are amounts; 38C and 100F degrees, unless a label names them: quantities.py)
        r"(?-i:\b\d[ABDEG-JLN-Z]\b|\b\d+[ADEH-JLN-Z]\b)")
_SKIP_LABELS = (r"\b(?:article|section|chapter|page|p\.|pp\.|no\.|number|resolution|rule|clause|paragraph|room|flight|"
        r"route|highway|bill|act|item|line|vol\.|volume|issue|level|phase|category|grade|class|form|model|"
        r"version|episode|season|gate|platform|exit|interstate|freeway|motorway)\s+\d+[a-z]?\b|"
        r"\b(?:gmt|utc)\s?[+\u2212-]\s?\d{1,2}(?::\s?\d{2})?")
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
       ("num", NUM_PATTERN),
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
# At a word, the master of the word forms (all but the digit-only ones) and, at a word that can begin a month or
# weekday ("mar", "dec31", "friday"), the same with calendar_forms' first; each tries only the alternatives that
# can begin with that word (firstword.py), and is compiled whole only for a word beyond ASCII letters.
# There the skip form is three alternatives in its own order, each its own group (the scan skips them alike):
# its URLs, its e-mail address (which firstword.py cannot bound: it may begin with any word) and the rest (which
# can begin with a letter only in a label word), so that only the e-mail form, which fails fast, is tried at
# every word. The identifier form (which may begin with any letters too) is tried only where letters, perhaps a
# hyphen or slash, and a digit begin (its own beginning, its guard).
_SKIP_MAIL = r"\S+@\S+\.\w+"
assert _SKIP_DIGITS.startswith(_SKIP_MAIL + "|")
_WORD_SKIP = [("skip", f"(?P<skip>{_SKIP_URLS[:-1]})"), ("skipmail", f"(?P<skipmail>{_SKIP_MAIL})"),
              ("skiplabel", f"(?P<skiplabel>{_SKIP_DIGITS[len(_SKIP_MAIL) + 1:]}|{_SKIP_LABELS})")]
# The calendar word forms (calendar_forms._WORD_FORMS) need their month or weekday word to be the whole word, and
# after it a digit, a point, comma, dash or stop, or a space and a spelled day, a two-digit year above 31 or after
# an apostrophe, "between", "from", "the" or a pronoun ("May I"): not "May 2019", "July 4, 2020", "in June to".
_CALWORD_GUARD = (r"[a-z]+(?:\.?\d|\s*(?:$|[-\u2013.,;:!?)\]])|"
                  rf"\s+(?:['\u2019]\d|3[2-9]|[4-9]\d|between|from|the\b|(?:i|we|you|he|she|it|they)\b|{CALENDAR_CARD_DAY}))")
_GUARDS = {"ident": r"[A-Za-z]+[-/]?\d", "calword": _CALWORD_GUARD}
_AT_WORD = [alternative for name, pattern in _ALTERNATIVES if name not in _DIGIT_ONLY
            for alternative in (_WORD_SKIP if name == "skip" else [(name, pattern)])]
WORD_FIRST = FirstWord([alternative for alternative in _AT_WORD if alternative[0] != "calword"], guards=_GUARDS)
CALENDAR_FIRST = FirstWord(_AT_WORD, guards=_GUARDS)

# A plain number then a word ("250 workers", "1,200 people", "4.5 million", "in 2017, a", "a 15-year-old"): there
# MASTER runs some fifteen date and skip forms to their failure before its numeral form, most of its time at a
# digit. After such a number and a gap (whitespace, after a comma or full stop or not, or a hyphen) each of those
# forms needs a digit, "/", ":", "%" or a glued letter, which the gap is not, or one of the words below (exactly,
# a month name's beginning, as no \b follows it there, or with the word that form needs next). Which words
# depends on the number: a day (1-2 digits) or a year (4 digits); one with thousands or a decimal is held to
# all of them. Nor can they use a longer number here: 1-7 digits, a decimal only after 1-3 digits or thousands
# ("2019.5" may be iso, "20240105" calnum). After "95%" only "95% CI" is one of them. So where this matches and
# the word is none of its number's, MASTER's match is its numeral form's, which NUM finds alone.
# tests/test_mentions_shortcuts.py compares the two at every digit of the case texts and after every word the
# master spells: a date or skip form that may follow a number with a new word must add that word here.
_PLAIN_NUMBER = re.compile(r"((?:[0-9]{1,3}(?:,[0-9]{3})*(?:\.[0-9]+)?|[0-9]{4,7}))"
                           r"(?:%(?!\s?(?i:ci|confidence))|([,.]?\s+|-)([A-Za-z]+)(?![^\W\d_]))")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_AFTER_ANY = frozenset(["gmt", "utc", "bst", "cet", "cest", "est", "edt", "cst", "cdt", "pst", "pdt", "ist", "hrs",
                        "caliber", "calibre", "gauge", "freeway", "expressway", "motorway", "turnpike", "tollway"])
_JOINS = frozenset(["to", "till", "until", "through", "thru", "and"])    # calnum: "12 to 14 March" (a day next)
_AFTER_YEAR = frozenset(["q", "h", "first", "second", "third", "fourth", "s"])   # yearpart "2019 Q1", decade "1990 s"
_CLOCK = frozenset(["a", "p", "am", "pm"])                                 # skip: "3 p.m.", "3.30 pm" (one space)
_DIGIT_NEXT = re.compile(r"\s*\d")
_MONTH_NEXT = re.compile(r"[\s/-]*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)   # dmy: "12 of March"
_RELATIVE_NEXT = re.compile(r"\s+(?:after|from|before)", re.I)            # reldigit: "2 weeks after today"
_YEARPART_NEXT = re.compile(r"\s+(?:q|h|first|second|third|fourth)", re.I)   # yearpart: "2019, the first quarter"
NUM = re.compile(NUM_PATTERN, re.I)
# Where _PLAIN_NUMBER matched and the word after the gap can continue no numeral (no number word, scale suffix,
# "and", "point", "over" or article: NUMERAL's joins and atoms; a suffix or join needs no comma or full stop in
# the gap, and an atom after a hyphen is a number word), NUM's match is the plain number itself, if its
# lookbehinds pass: this reads just that (endpos at the number's end), without NUM's numeral alternatives.
_NUMERAL_GOES_ON = frozenset([*UNITS_WORDS, *NUMERAL_SUFFIXES, "and", "point", "over", "a", "an"])
_NUM_ALONE = re.compile(r"(?P<num>(?<![\w.])(?<![^\d],)[0-9,.]+)")


def _may_begin_form(number: str, gap: str, word: str, text: str, after: int) -> bool:
    """Whether a date or skip form of MASTER may match at a number that a gap and a word follow (see above);
    `after` is where the word ends, for the few words a form needs another word after."""
    if word in _AFTER_ANY:
        return True
    digits = len(number) if number.isdigit() else 0     # 0: thousands or a decimal, held to every form
    if digits <= 2:
        if word.startswith(_MONTHS) or word == "day" or word in _CLOCK and len(gap) == 1:
            return True
        if word in _JOINS and _DIGIT_NEXT.match(text, after) or word == "of" and _MONTH_NEXT.match(text, after):
            return True
        if word in ("days", "week", "weeks") and _RELATIVE_NEXT.match(text, after):
            return True
        if word[:3] == "day" and word[3:].startswith(_MONTHS) or word[:2] == "of" and word[2:].startswith(_MONTHS):
            return True       # dmy: "12 dayjan", "12 ofmarch" (nothing stands between)
    if digits in (0, 4):
        return word.startswith(_MONTHS) or word in _AFTER_YEAR or word == "the" and _YEARPART_NEXT.match(text, after)
    return False


def master_at_digit(text: str, start: int):
    """MASTER.match(text, start), without the forms that cannot match after a plain number and a word (and, where
    no numeral goes on after the number either, without NUM's numeral alternatives: _NUM_ALONE)."""
    plain = _PLAIN_NUMBER.match(text, start)
    if plain is not None:
        number, gap, word = plain.groups()
        lower = word and word.lower()
        if word is None or not _may_begin_form(number, gap, lower, text, plain.end()):
            if word is None or lower not in _NUMERAL_GOES_ON:
                return _NUM_ALONE.match(text, start, start + len(number))     # ("45%": no word)
            return NUM.match(text, start)
    return MASTER.match(text, start)


# Words that can begin a value (digits always can). A few common ones must be followed by a fitting word.
TRIGGERS = frozenset(
    [*UNITS_WORDS, *D.MONTHS, *D.WEEKDAYS, "tuesday", "thursday", "yesterday", "today", "tomorrow", "tonight", "earlier",
     "later", "last", "next", "this", "past", "previous", "coming", "current", "following", "same", "the", "a", "an",
     "early", "mid", "late", "end", "start", "beginning", "q1", "q2", "q3", "q4", "h1", "h2", "spring", "summer",
     "autumn", "fall", "winter", "tens", "hundreds", "thousands", "millions", "billions", "dozens", "scores", "several",
     "few", "couple", "minus", "negative", "http", "https", "www", "article", "section", "chapter", "page", "p", "pp",
     "no", "number", "resolution", "rule", "clause", "paragraph", "room", "flight", "route", "highway", "bill", "act",
     "item", "line", "vol", "volume", "issue", "level", "phase", "category", "grade", "class", "form", "model",
     "version", "episode", "season", "gate", "platform", "exit", "rest", "remaining", "remainder", "week",
     "interstate", "freeway", "motorway", "gmt", "utc"])
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
_TOKENS = re.compile(r"([$€£¥₹]|[^\W_]+)")         # one group: split() keeps the tokens between the gaps
_SYMBOLS = "$€£¥₹"
_SIGN_BEFORE = re.compile(r"(?<![\w.,])(?:[-\u2212]\s?)$")
_FULL_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}\b|\d{1,2}/\d{1,2}/\d{4}\b")


class Scanner(NumberForms, NumberPhrase, DateForms, CalendarForms, DX.DeicticForms):
    def __init__(self, text: str, published: str | None):
        self.text = text
        # no published date: the date printed under the headline, if any, dates the text
        self.ref = D.reference_span(published) or dateline_span(text)
        self.sentences = Sentences(text)
        self.clauses = Clauses(text)
        self.out: list[Mention] = []
        self.currency: str | None = None     # the currency the text writes with a sign (counted.text_currency)

    # ---- helpers -------------------------------------------------------------------------------
    def left(self, start: int, width: int = 40) -> str:
        return self.text[max(0, start - width):start]

    def left_word(self, start: int, width: int = 6) -> str:
        """left(), with a space before it when it reaches the text's start: a word there is whole."""
        return self.text[max(0, start - width):start] if start > width else " " + self.text[:start]

    def emit(self, kind, start, end, low, high, **extra) -> None:
        s_start, s_end = self.sentences.around(start)
        s_end = max(s_end, end)
        mood = self.clauses.modality(start, end, s_start, s_end, kind)
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
        word_match, calendar_match = WORD_FIRST.match, CALENDAR_FIRST.match
        for start, word, lower in _candidates(text):
            if start < pos:
                continue
            if not word[0].isdigit() and word[0] not in _SYMBOLS:
                if lower not in TRIGGERS and not (lower[-1].isdigit() and lower[:3] in GLUED_HEADS):  # "Dec31"
                    continue
                peek = _PEEK.get(lower)
                if peek is not None and not peek.match(text, start + len(word)):
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
                if sign and _FULL_DATE.match(text, start):
                    sign = None       # "## [5.0.0] - 2025-04-08": a dash before a date (no date is negative)
                if sign and sign.start() >= pos:
                    start = sign.start()
            elif word[0] in _SYMBOLS:
                continue
            if text[start].isalpha():
                match = (calendar_match if lower[:3] in CALENDAR_HEADS else word_match)(text, start, lower)
            else:
                match = master_at_digit(text, start)
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
        return mark_breakdowns(text, mark_restated(text, share_units(text, join_ratios(text, join_period_parts(
            text, join_compound_durations(text, combine(text, self.out, self.ref)), self.ref)))))

    def on_skip(self, match, start, end):
        elapsed = _ELAPSED.fullmatch(self.text, start, end) if self.text[start:start + 1].isdigit() else None
        if elapsed and not _AT_CLOCK_BEFORE.search(self.left(start, 12)) and not _CLOCK_AFTER.match(self.text, end):
            # "won in 2:14:37", "the course record of 2:08:41": hours, minutes and seconds run, not a time of day
            hours, minutes, seconds = (float(part) for part in elapsed.groups())
            value = format_value(hours + minutes / 60 + seconds / 3600)
            self.emit("duration", start, end, value, value, unit="hour")
        elif (rating := _RATING.fullmatch(self.text, start, end)) and (
                _RATING_CUE_BEFORE.search(self.text, max(0, start - 40), start)
                or _RATING_AFTER.match(self.text, end)):
            # "rated the danger at level 3", "a Category 4 hurricane", "alert level 4": a rating on a scale, a
            # quantity in the scale's word (a flight or a room numbered so stays a label)
            value = format_value(float(rating.group(2)))
            self.emit("quantity", start, end, value, value, unit=rating.group(1).lower())
        return end

    on_ident = on_skipmail = on_skiplabel = on_skip


# A time run, hours:minutes:seconds ("2:08:41"), and what makes it a time of day instead ("at 2:08:41", "2:08:41 GMT")
_ELAPSED = re.compile(r"(\d{1,2}):([0-5]\d):([0-5]\d(?:\.\d+)?)")
_AT_CLOCK_BEFORE = re.compile(r"\b(?:at|from|until|till|since|by|before|after|around|about)\s+$", re.I)
_CLOCK_AFTER = re.compile(r"\s*(?:[ap]\.?m\b|gmt|utc|bst|cet|est|edt|pst|pdt|local|hours?\b|hrs|h\b|o['’]clock)", re.I)

# A rating: a scale's word and its step ("level 3", "Category 4", "grade 2"), and what makes the number a step of a
# scale rather than a label: a word of rating, danger or alert just before it, or a storm or an alert after it
_RATING = re.compile(r"(level|category|grade)\s+(\d{1,2})", re.I)
_RATING_CUE_BEFORE = re.compile(r"\b(?:rated|rates|rate|rating|ratings|danger|alert|threat|warning|risk|raised|raises|"
                                r"lowered|lowers|upgraded|downgraded|strengthened|weakened|intensified)\b[^.;!?\n]{0,30}$",
                                re.I)
_RATING_AFTER = re.compile(r"\s+(?:hurricane|storm|cyclone|typhoon|alert|warning|threat|danger)\b|\s*\((?:[\"'“]?\w+)",
                           re.I)

SEGMENT = 1 << 20   # characters split into tokens at a time
_SPACE = re.compile(r"\s")


def _candidates(text: str):
    """(start, token, lowercased token) of each token that may begin a value (a digit first or last, or a
    trigger word), in order. The tokens are split and tested at C level (a look-up in _MAY_BEGIN each), so
    the scan's Python loop visits only the candidates; the text is split a segment at a time, cut at a
    whitespace (which no token holds), so a long document's token lists stay small (a 100 MB text split
    whole held about 4 GB of them) and the candidates are the same."""
    base = 0
    while base < len(text):
        found = _SPACE.search(text, base + SEGMENT) if len(text) - base > SEGMENT else None
        cut = found.start() if found else len(text)
        parts = _TOKENS.split(text[base:cut])     # [gap, token, gap, token, ..., gap]
        words = parts[1::2]
        offsets = list(accumulate(map(len, parts)))   # offsets[2 * k]: where words[k] starts in the segment
        if len(_MAY_BEGIN) > _MAY_BEGIN_SIZE:
            _MAY_BEGIN.clear()
        for index in compress(range(len(words)), map(_MAY_BEGIN.__getitem__, words)):
            word = words[index]
            yield base + offsets[2 * index], word, word.lower()
        base = cut


class _MayBegin(dict):
    """token -> whether a value may begin there (a digit first or last, or a trigger word), worked out once per
    distinct token: a text's tokens repeat, so the test over all of them is one C-level dict look-up each
    instead of a lowercased copy and five maps."""

    def __missing__(self, word: str) -> bool:
        flag = self[word] = word[0].isdigit() or word[-1].isdigit() or word.lower() in TRIGGERS
        return flag


_MAY_BEGIN = _MayBegin()
_MAY_BEGIN_SIZE = 1 << 17     # distinct tokens kept at most (cleared beyond: a corpus's vocabulary is unbounded)


def extract(text: str, published: str | None = None) -> list[Mention]:
    """Every stated value in `text`, sorted by start offset (a figure no float holds as stated is none:
    checker.mentions.edges)."""
    return [mention for mention in Scanner(text, published).run() if representable(mention)]
