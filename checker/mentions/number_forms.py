"""The number handlers of the scanner: a numeral core found by the master regex ("num") or a vague
quantity ("vague") is read here, told apart from names, ordinals, days of the month and years, and handed
to finish_number (number_phrase.py) for its qualifier, range, unit or counted noun. A mixin of
checker.mentions.scan.Scanner, which supplies emit, emit_date, left and the date mixins' day_of_month."""
from __future__ import annotations

import re
from dataclasses import replace

from checker.mentions import dates as D
from checker.mentions import names as N
from checker.mentions import ordinals as O
from checker.mentions import quantities as Q
from checker.mentions.date_forms import _rx
from checker.mentions.number_phrase import RANGE_JOIN
from checker.mentions.numbers import NUMERAL, format_value, parse_numeral
from checker.mentions.numbers import _WORDS as UNITS_WORDS
from checker.mentions.tense import occurrence, tense
from checker.mentions.numeral_context import age, age_bar, fraction_of_scale, ordinal_after_article, scale_letter

# The master regex's numeral alternative (scan.py puts it last among the digit-first forms).
NUM_PATTERN = rf"(?P<num>(?<![\w.])(?<![^\d],)(?:(?:minus|negative)\s+|[-−]\s?)?{NUMERAL})"
_NUM = re.compile(NUM_PATTERN, re.I)
_NUMBER_WORDS = frozenset(UNITS_WORDS)
_NAME_DASH = re.compile(r"(\w*[A-Za-z]\w*)[-\u2212]$")
_YEAR_CONTEXT = re.compile(r"\b(?:in|since|by|until|till|before|after|from|of|during|through|throughout|to|and|"
                           r"between|early|late|mid|around|circa|as\s+of|year|summer|spring|autumn|fall|winter)"
                           r"\s*[-\s]?$", re.I)
_FRACTION_OF_TIME = re.compile(r"\s+(?:of\s+)?an?(?=\s+(?:century|decade|year|month|fortnight|week|day|hour|minute)\b)",
                               re.I)
_MARKER = re.compile(r"(?:ref|refs|note|cite)\b|\[\d{1,3}\]|\*{1,3}(?!\w)", re.I)
_DIMENSION = re.compile(r"\d\s?[x×]\s?$")
_DIMENSION_AFTER = re.compile(r"\s?[x×]\s?\d")
_BORE_STARTS = tuple(f"{gap}{word}" for gap in ("", " ", "-") for word in ("gauge", "Gauge", "calib", "Calib"))
_BORE = re.compile(r"[-\s]?(?:caliber|calibre|gauge)\b", re.I)
_HALF_COMPOUND = re.compile(r"(?:hour|minute|second|day|week|month|year|decade|century|mile|metre|meter|inch|"
                            r"foot|pound|gallon|litre|liter|dozen|million|billion|thousand|hundred|percent|point)s?$",
                            re.I)
_NAME_AFTER_YEAR = re.compile(r"\s+(?!(?:and|or|to|was|were|is|are|has|had|in|on|at|of|for|by|with|as|when|after|"
                              r"before|until|from|than|that|which)\b)[A-Za-z]", re.I)


class NumberForms:
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
                raw[0].isalpha() and name.group(1).lower() in _NUMBER_WORDS) and name.group(1).lower() != "magnitude":
            return _rx(r"\W?\w*").match(text, start).end()   # "F-35", "A320-200": names (only that word);
                                                            # "three-nought-four" is three numbers;
                                                            # "magnitude-6.3" is a magnitude (rates.py)
        if match.lastgroup != "num":  # a date form that gave up ("twenty twenty fifths"): the longest numeral
            match = _NUM.match(text, start) or match
            end = match.end()
            raw = text[start:end]
        sign_match = _rx(r"(?:minus|negative)\s+|[-−]\s?", re.I).match(raw) if raw[0] in "-−mMnN" else None
        if sign_match:
            if start and (text[start - 1].isalnum()):
                return start + 1
            spaced = raw[0] in "-\u2212" and sign_match.end() > 1
            line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", start)
            alone = _rx(r"[-\u2212][^\S\n]*[\d.,/ \t]+(?:[kKMBG])?[^\S\n]*").fullmatch(
                text, start, line_end if line_end >= 0 else len(text)) \
                and not _rx(r"(?:^|\n)[^\S\n]*[-\u2212*•][^\S\n]").search(
                    text, text.rfind("\n", 0, max(0, line_start - 1)) + 1 if line_start else 0, line_start) \
                and not (line_end >= 0 and _rx(r"\n[^\S\n]*[-\u2212*•][^\S\n]").match(text, line_end))
            if spaced and (not text[text.rfind("\n", 0, start) + 1:start].strip() and not alone
                           or _rx(r"\d\s$").search(text, max(0, start - 2), start)):
                # "- 9 bug fixes" opening a line is a bullet, "12 - 9" a dash: neither is a minus sign; a line
                # that holds only "- 10 k" has no item to list: a minus
                start, raw = start + sign_match.end(), raw[sign_match.end():]
            else:
                sign, start, raw = -1, start + sign_match.end(), raw[sign_match.end():]
        numeral = parse_numeral(raw)
        if numeral is None:
            return None
        over = "ver" in raw and _rx(r"\s+over\s", re.I).search(raw, 0, numeral.end)
        if over and not _rx(r"\s*(?:$|[.,;:!?)])").match(text, start + numeral.end):
            numeral = parse_numeral(raw[:over.start()])      # "20 over 10 years": two numbers, no ratio
        end = start + numeral.end
        raw = text[start:end]
        article = _rx(r"an?\s+(?=\d|\w+-\w)", re.I).match(text, start, end + 20) if text[start] in "aA" else None
        if article:
            start, raw = article.end(), text[article.end():end]
        if raw.lower() in ("a", "an"):
            return end
        if raw[:1] in "oO" and raw.lower() == "one" and text[end + 1:end + 8].lower() == "another":
            return end + 8            # "blamed one another": a pronoun
        if text.startswith(_BORE_STARTS, end) and (bore := _BORE.match(text, end)):
            return bore.end()         # "a 20-gauge shotgun": a bore, not a count (scan.py skips ".32-caliber")
        if sign < 0:
            start = match.start()
        if numeral.ordinal and article and numeral.words and _rx(r"\s*(?:$|[.,;:!?)]|of\b)", re.I).match(text, end):
            start, numeral = article.start(), replace(numeral, value=1 / numeral.value, ordinal=False, fraction=True)
        if numeral.fraction and numeral.words and _rx(r"[\s-]+centur", re.I).match(text, end):
            return end                # "one twenty-first-century idea": not a fraction
        if numeral.fraction and sign > 0 and (place := ordinal_after_article(raw, text, end)):
            self.emit("ordinal", start + place[0], end, float(place[1]), float(place[1]))
            return end                # "a third term": an ordinal
        if numeral.words and sign > 0 and (numeral.ordinal or numeral.fraction) and \
                (read := self.ordinal_word(raw, start, end, numeral, article is not None)) is not None:
            return read               # "the third installment", "third party", "at the half" (ordinals.py)
        value = sign * numeral.value            # (above: "a twenty-first" of something is a fraction)
        if numeral.fraction and 0 < value < 1 and text[end:end + 1] == " " and (
                of_unit := _FRACTION_OF_TIME.match(text, end)):
            end = of_unit.end()       # "a quarter of a century", "half an hour": the unit follows (number_phrase)
        scaled = scale_letter(text, end, numeral, raw) or fraction_of_scale(text, end, numeral)
        if scaled:                              # "2.33 k", "1,674.5 G", "10G", "two thirds of a million"
            value, end = value * scaled[0], scaled[1]
            numeral = replace(numeral, suffix=numeral.suffix or "x")
        # glued letters after digits: "5G" is an identifier, "94,000REF" is page furniture
        after = text[end:end + 1]
        glued = _rx(r"[A-Za-z]+").match(text[end:end + 6]) if after.isascii() and after.isalpha() else None
        marker = _MARKER.match(text, end) if after and after in "[*rRnN" else None
        if marker:
            glued = None              # "12,500Ref", "94,000[4]", "3.2m*": the number, then a reference marker
        if glued and raw[-1].isdigit() and not Q.glued_degrees(text, end, self.left(start, 16)):
            g = glued.group(0)
            if len(g) == 1 and g.isupper() and not _rx(r"[A-Za-z]").match(text[end + 1:end + 2]) and g not in "KMB":
                return end + 1        # "5G", "3D": names, not values
            if not (g.isupper() and len(g) >= 3) and not Q.UNIT_AFTER.match(text, end) and not \
                    Q.PERCENT_AFTER.match(text, end) and not Q.CURRENCY_AFTER.match(text, end):
                return end + len(g)
        if sign > 0 and (day_end := self.day_of_month(start, end, numeral)) is not None:
            return day_end            # "for the 27", "the 20th of next month" (calendar_forms)
        if numeral.ordinal:
            if raw[0].isdigit() and O.name_after(text, end, True):
                return end            # "5th Fleet", "223rd Street": names
            if _rx(r"\s*(?:century)\b|-class\b", re.I).match(text[end:end + 10]) or (
                    _rx(r"\s+class\b", re.I).match(text, end) and not _rx(r"\bthe\s+$", re.I).search(self.left(start, 5))):
                return end            # "a first class seat", "second-class": grades; "the first class of" counts
            if 1 <= value <= 31 and raw[0].isdigit() and _rx(r"(?:^|\b(?:on|by|until|till|from|since|before|after)\s+)the\s+$", re.I).search(
                    self.left(start, 12)) and _rx(r"\s*(?:$|[.,;!?)]|of\s+(?:the\s+)?(?:next|this|last)\s+month)").match(
                    text, end):
                return self.emit_day_of_month(start, end, int(value))
            self.emit("ordinal", start, end, float(value), float(value))
            return end
        if text.startswith("-", end) and (designated := N.designation(text, start, end)):
            return designated         # "the 737-800 carried": a model (names.py)
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
        if sign > 0 and not numeral.fraction and not numeral.suffix and value <= 120 and age(text, start, end, value):
            self.emit("duration", start, end, low, high, unit="year",
                      flags=("age", "bar") if age_bar(text, start) else ("age",))
            return end                # "Reid, 33, said", "He was 75." (numeral_context.py)
        if not numeral.fraction and start > 2 and text[start - 1] == " " and text[start - 2].isalpha() and \
                not text[text.rfind(" ", max(0, start - 30), start - 1) + 1:start - 1].islower() and \
                N.version_or_model(text, start, end, self.sentences.around(start)[0]):
            return end                # "Curve 8900", "iLife 09", "Top Ten" (names.py)
        return self.finish_number(start, end, low, high, numeral=numeral, noun_from=marker and marker.end())

    def ordinal_word(self, raw, start, end, numeral, had_article) -> int | None:
        """An ordinal or fraction word read as a place, a period or nothing (ordinals.py): where the scan goes on,
        or None to read it as a number."""
        text = self.text
        words = raw.split()
        if len(words) > 2 or len(words) == 2 and words[0].lower() not in ("a", "an"):
            return None
        word = words[-1]
        word_start = end - len(word)
        article = had_article or len(words) == 2
        place = O.bare_place(word)
        lower = word.lower()
        sentence_start, sentence_end = self.sentences.around(start)
        if place is not None:
            if O.idle(text, word_start, end, sentence_start) or O.name_after(text, end, False):
                return end
            if not article and 1 <= place <= 4 and (period := O.period_after(text, end)) \
                    and period.group(1).lower() == "quarter" and O.business(text[sentence_start:sentence_end]):
                return self.emit_quarter(word_start, period.end(), place)
        if place is not None and numeral.fraction and not _rx(r"\s+of\b", re.I).match(text, end):
            if not article:           # "the third installment", "third-floor": a place in a series
                final = O.compound_end(text, end)
                self.emit("ordinal", word_start, final, float(place), float(place))
                return final
            if text[end:end + 1] == "-":                     # "an eighth-round decision"
                final = O.compound_end(text, end)
                self.emit("ordinal", word_start, final, float(place), float(place))
                return final
            previous = self.out[-1] if self.out else None
            if previous is not None and previous.start >= sentence_start and previous.kind in ("count", "number") \
                    and previous.low == previous.high == place - 1 and _rx(r"\s*(?:$|[.,;:!?)])").match(text, end):
                self.emit("ordinal", start, end, float(place), float(place))
                return end            # "killed two coworkers and wounded a third"
        if lower in ("half", "quarter") and numeral.fraction:
            if not article and _rx(r"\b(?:the|first|second|third|fourth|final|last|opening|1st|2nd|3rd|4th)\s+$",
                                   re.I).search(text, max(0, start - 10), start) and O.period_after(text, start - 1):
                return end            # "at the half", "the third quarter" of a game
            compound = _rx(r"-([a-z]+)\b", re.I).match(text, end)
            if compound and not _HALF_COMPOUND.match(compound.group(1)):
                return compound.end() # "half-brother", "half-built"
        return None

    def emit_quarter(self, start, end, which):
        """ordinals.py: "profit fell in the third quarter": that quarter, of the year the tense points to."""
        the = _rx(r"\bthe\s+$", re.I).search(self.text, max(0, start - 4), start)
        start = the.start() if the else start
        when = tense(self.text, start, end, *self.sentences.around(start))
        name = ("first", "second", "third", "fourth")[which - 1] + " quarter"
        span = self.resolve(lambda ref: (*occurrence(lambda year: D.part_of_year(name, year)[:2], ref, when), "quarter"))
        self.emit_date(start, end, span and span[:2], "quarter", ("relative",))
        return end

    def year_context(self, start, end) -> bool:
        if _DIMENSION.search(self.text, max(0, start - 8), start) or _DIMENSION_AFTER.match(self.text, end):
            return False              # "1920 x 1200": a resolution, not a year
        after = self.text[end:end + 30]
        if _rx(r"(?:\b(?:the|its|his|her|their|our)|\w['’]s)\s+$", re.I).search(self.left(start, 8)) and \
                _rx(r"\s+[a-z]+s\b").match(after) and 1900 <= int(self.text[start:end]) <= 2100:
            return True               # "the 2007 convictions": a year's events (a count that large has a comma)
        if _rx(r"\s*(?:%|per\s?cent|percent|[a-z]+s\b(?<!ago)(?<!ss)(?<!us)(?<!is))", re.I).match(after) and not re.match(
                r"\s*(?:and|or|to|was|is|has|had|as|its|this|his|saw|marks)\b", after, re.I):
            return False
        if Q.UNIT_AFTER.match(self.text, end) or Q.currency_before(self.left_word(start)):
            return False
        return True

    def emit_year(self, start, end, year):
        text = self.text
        # "between 2016 and 2019", "from 2011 to 2018", "2016-2019"
        join = RANGE_JOIN.match(text, end)
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
        if N.model_year(text, start, end):
            return end                # "his 2008 Bentley" (names.py)
        flags = []
        if _rx(r"\bthe\s+$", re.I).search(self.left(start, 5)) and _NAME_AFTER_YEAR.match(text, end):
            flags.append("name")
        self.emit_date(start, end, D.year_span(year), "year", flags)
        return end
