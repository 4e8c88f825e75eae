"""A number widened into its phrase: the qualifier before it ("more than", "about"), a range ("40 to 50"),
a currency, percent, unit, time unit ("three years", "two decades ago", "in two weeks") or counted noun
after it, and the flags read around it (total, each, comparative). A mixin of
checker.mentions.scan.Scanner, which supplies emit, emit_date, resolve and left."""
from __future__ import annotations

import re

from checker.mentions import counted as C
from checker.mentions import dates as D
from checker.mentions import quantities as Q
from checker.mentions.date_forms import _rx
from checker.mentions.numbers import _WORDS as UNITS_WORDS
from checker.mentions.numbers import NUMERAL, format_value, parse_numeral
from checker.mentions.numeral_context import PERSON_AFTER_OLD
from checker.mentions.rates import on_magnitude_scale, per_after

RANGE_JOIN = re.compile(r"[^\S\n]*(?:-|–|—|to|through|and|or)[^\S\n]*", re.I)    # within one line
_NUMBER_WORDS = frozenset(UNITS_WORDS)
_OTHERS = re.compile(r"\s+others\b", re.IGNORECASE)
_SOLD_AT = re.compile(r"\b([a-z]+s)\s+(?:at|for)\s+$", re.IGNORECASE)     # "18 million shares at", "300 tickets for"
_TOTAL_BEFORE = re.compile(r"\b(?:the|all|its|their|our|his|her|a\s+total\s+of|total\s+of|\w+['’]s|\w+s['’]|"
                           # a capacity told: "Capacity: 31,800 seats", "a capacity of", "capacity is unchanged at"
                           r"capacity(?:\s*:|\s+of|(?:\s+(?:is|was|stands|remains|unchanged))*\s+at))\s+$", re.I)
_TOTAL_ENDS = ("the", "all", "its", "their", "our", "his", "her", "of", "'s", "’s", "s'", "s’", ":", " at")
_COMPARATIVE_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:more|less|fewer|longer|shorter|higher|lower|larger|smaller|"
                                r"bigger|greater|earlier|later|older|younger)\s+than\b|\s+times\b", re.I)
_CENTS_AFTER = re.compile(rf"\s+(?:and\s+)?({NUMERAL})\s+(?:cents?|pence|p)\b", re.I)
_SPOKEN_CENTS = re.compile(rf"\s+({NUMERAL})(?=\s*(?:$|[.,;:!?)]))", re.I)   # "thirteen dollars forty five."
# (compiled once: built in the call, the long pattern was joined and hashed for re's cache at every number)
_TIME_AGO = re.compile(Q.TIME_AFTER.pattern + Q.AGO_AFTER.pattern, re.I)
_SECOND_NUMERAL = re.compile(rf"[$€£]?\s?({NUMERAL})", re.I)
# "one day" is a day long after these, or before these; elsewhere it means some day
_DAY_SPAN_BEFORE = re.compile(r"\b(?:for|in|within|over|than|only|just|a|per|each|every|about|around|nearly|almost|last|"
                              r"lasts|lasted|lasting|took|takes|take|spent|spend|spends|after|before|by|of|the|that|"
                              r"first|extra|another|on|from|to|until|till|at|all|single|whole|full)\s+$", re.I)
_DAY_SPAN_AFTER = re.compile(r"\s*(?:later|earlier|before|after|ago|of|long|old|-|a\b|per\b|each\b|and\b|or\b|to\b|"
                             r"from\b|in\s+(?:advance|jail|prison|hospital|court|office))", re.I)
# "13- and 15-inch models": the unit of the second number is the first's too; '13" model': inches
_SHARED_UNIT = re.compile(r"(?:(\"(?=\s+(?:model|screen|display|laptop|notebook|monitor|version|tablet|tv)\b))|"
                          r"-?\s*(?:and|or|to|,)\s+\d+(?:\.\d+)?[-\s]?([a-z]+)\b)", re.I)
_OR_STARTS = tuple(f"{gap}{word}" for gap in (" ", "\u00a0") for word in ("or", "Or", "OR"))
_SHARED_STARTS = ("-", '"', ",", " and", " or ", " to ", " And", " Or ", " To ")
_OR_MORE = re.compile(r"\s+or\s+(?:(more|greater|higher|above|over|longer)|(fewer|less|lower|under|below|shorter))\b",
                      re.I)
_PERCENT_PAIR = re.compile(r"\s?(?:%|percent|per\s?cent)(\s*(?:-|–|—|to)\s*)(?=[\d.]+\s?(?:%|percent|per\s?cent))", re.I)
_CHANGE_VERB = re.compile(r"\b(?:rais|extend|cut|grow|grew|rose|rise|rising|fell|fall|increas|decreas|reduc|lower|"
                          r"expand|doubl|tripl|halv|shr[aiu]nk|declin|dropp|climb|jump|surg|soar|slipp|slid|boost|"
                          r"trimm|slash|upgrad|downgrad|revis|chang|mov|went|shift|widen|narrow|lengthen|shorten)\w*"
                          r"\b[^,;:.]*$", re.I)
_IN_FUTURE = re.compile(r"(?:'ll|\bwill|\bshall|\bgoing\s+to|\bback|\bbe)\b[^,.;]*\bin\s+$", re.I)


def _total_before(left: str) -> bool:
    """_TOTAL_BEFORE, tried only when the last word can end one of its forms (a cheap test first)."""
    return left[-1:].isspace() and left.rstrip()[-5:].lower().endswith(_TOTAL_ENDS) and bool(_TOTAL_BEFORE.search(left))


def _opens(text: str, at: int, firsts: str = "") -> bool:
    """Whether text[at] is whitespace or one of `firsts` (in both cases where re.I matters): a one-character
    test that saves a regex call when the regex needs one of them there, as most after a number fail."""
    char = text[at:at + 1]
    return char != "" and (char.isspace() or char in firsts)


def _scale(value, factor):
    return None if value is None else format_value(value * factor)


class NumberPhrase(C.CountedNouns):
    def finish_number(self, start, end, low, high, *, numeral=None, qualifier="exact", noun_from=None,
                      singular_ok=True, value_text_end=None):
        text = self.text
        flags: list[str] = []
        tolerance = 0.0
        # qualifier words and "between/from" before the value
        value_start = start
        symbol = Q.currency_before(self.left_word(start))
        if symbol:
            start -= len(symbol.group(0))
        left = self.left(start, 30)
        bound = Q.qualifier_before(left)
        if bound and bound.group(1).lower() == "over" and self.out and self.out[-1].kind != "date" and \
                Q.TIME_AFTER.match(text, end) and \
                not text[max(self.out[-1].end, self.out[-1].noun_end):start - len(left) + bound.start(1)].strip():
            bound = None      # "$2000 over 3 years", "1,500 jobs over four years": spread across, not more than
        if bound and bound.group(1).lower() in Q.PASSING_VERBS and not self.passing_mark(bound, left, end):
            bound = None      # "the past 10 years", "passed 12 bills": no bound
        if bound and qualifier == "exact":
            word = re.sub(r"\s+", " ", bound.group(1).lower())
            if word in Q.APPROX:
                qualifier, tolerance = "approx", Q.APPROX[word]
            else:
                qualifier = Q.BOUNDS[word]
            start = start - len(left) + bound.start(1)
        # "14 or more", "three or fewer": bounds said after the value
        split_unit_from = None
        if numeral is not None and qualifier == "exact" and text.startswith(_OR_STARTS, end) and \
                (or_more := _OR_MORE.match(text, end)):
            qualifier = "at_least" if or_more.group(1) else "at_most"
            end = value_text_end = or_more.end()
        # ranges: "40-50", "40 to 50", "between 40 and 50", "two or three", "16% to 17%"
        if numeral is not None and qualifier in ("exact", "approx"):
            join_at = pct.start(1) if (text[end:end + 1] == "%" or text[end + 1:end + 2] in ("%", "p", "P")) and \
                (pct := _PERCENT_PAIR.match(text, end)) else end
            join = RANGE_JOIN.match(text, join_at) if _opens(text, join_at, "-–—tTaAoO") else None
            if join:
                word = join.group(0).strip().lower()
                lead = _rx(r"\b(?:between|from)\s+$", re.I).search(left)
                allowed = word in ("-", "–", "—", "to", "through", "or") or (word == "and" and lead)
                if word == "-" and text[value_start - 1:value_start] == "-":
                    allowed = False   # "three-nought-four", "3-2-1": a chain of digits said one by one
                second_match = _SECOND_NUMERAL.match(text[join.end():join.end() + 80]) if allowed else None
                second = parse_numeral(second_match.group(1)) if second_match else None
                if second and (numeral.fraction and numeral.value < 1 or (
                        numeral.suffix and second.suffix and numeral.suffix != second.suffix)):
                    second = None     # "a quarter to $254 million", "10 bln or 10 tln": two values, no range
                other_end = join.end() + second_match.start(1) + second.end if second else 0
                if second and not second.ordinal and word in ("-", "–") and not lead and \
                        self.score_pair(value_start, end, other_end):
                    second = None     # "a record of 9-14", "won 27-24": two numbers, no range
                if second and not second.ordinal and lead and lead.group(0)[0] in "fF" and \
                        _CHANGE_VERB.search(text, max(0, start - 60), start):
                    second = None     # "extended the warranty from 12 to 24 months": the old value, then the new
                    split_unit_from = other_end
                if second and not second.ordinal:
                    other = second.value
                    # "40 to 50 million": the scale of the second applies to the first
                    scaled = low
                    if other >= 1000 and low < 1000 and numeral.value == low and not numeral.suffix and (
                            second.suffix or _rx(r"[a-z]{4}", re.I).search(second_match.group(1))):
                        for scale in (1e12, 1e9, 1e6, 1e3):
                            if other >= scale and low * scale <= other:
                                scaled = low * scale
                                break
                    if other > scaled:
                        low = scaled
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
        pos = noun_from if noun_from is not None else split_unit_from if split_unit_from is not None else end
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
        elif (pct := _opens(text, pos, "%pP") and Q.PERCENT_AFTER.match(text, pos)):
            kind, unit = "percent", "percent"
            end_text = pct.end()
            noun_start, noun_end = pct.start() + (len(pct.group(0)) - len(pct.group(0).lstrip())), pct.end()
        elif (cur := Q.CURRENCY_AFTER.match(text, pos)) and self.weighed(cur, value_start):
            kind, unit = "quantity", "lb"               # "weighing 2.96 pounds (1.35 kg)": mass, not money
            end_text = cur.end()
            noun_start, noun_end = cur.start(1), cur.end()
        elif cur:
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
        elif (ago := _opens(text, pos, "-") and _TIME_AGO.match(text[pos:pos + 60])):
            return self.emit_ago(start, pos + ago.end(), value_start, low, high, ago, qualifier)
        elif (time := _opens(text, pos, "-") and Q.TIME_AFTER.match(text, pos)):
            word = time.group(1).lower()
            if word == "day" and qualifier == "exact" and text[start:end].lower() == "one" and \
                    not _DAY_SPAN_BEFORE.search(self.left(start, 12)) and not _DAY_SPAN_AFTER.match(text, time.end()):
                return time.end()     # "he hoped to coach one day": some day, not a day long
            unit = Q.TIME_UNITS[word]
            factor = Q.TIME_FACTOR.get(word, 1)
            low, high = _scale(low, factor), _scale(high, factor)
            kind = "duration"
            end_text = time.end()
            noun_start, noun_end = time.start(1), time.end(1)
            if "-" in text[pos:time.start(1)]:
                flags.append("compound")
                if PERSON_AFTER_OLD.match(text, time.end()):
                    flags.append("age")     # "a 52-year-old businessman": a person's age
            if _rx(r"\bin\s+$").search(self.left(value_start, 4)) and _IN_FUTURE.search(self.left(start, 60)) \
                    and not _rx(r"\b(?:time|first|ever|years?)\s+in\s+$", re.I).search(self.left(start, 20)):
                return self.emit_in(start, end_text, value_start, low, unit)
        elif pos == end and (degrees := Q.glued_degrees(text, end, self.left(value_start, 16))):
            kind, unit = "quantity", degrees.group(1)    # "hit 46.4C (115.5F)", "above 38C": degrees
            end_text = noun_end = degrees.end()
            noun_start = end
        elif (measure := Q.UNIT_AFTER.match(text, pos)):
            unit_word = (measure.group(1) or measure.group(2)).lower().replace(" ", "")
            unit = Q.UNITS.get(unit_word) or Q.UNITS.get((measure.group(1) or measure.group(2)).lower()) or unit_word.upper()
            kind = "quantity"
            end_text = measure.end()
            noun_start, noun_end = measure.start(measure.lastindex), measure.end()
        else:
            compound = _rx(r"-([a-z]+)\b").match(text[pos:pos + 30]) if text[pos:pos + 1] == "-" else None
            if compound and compound.group(1).lower() in Q.NOT_NOUNS:
                if _rx(r"-and-out\b", re.I).match(text, pos):
                    return pos + 8    # "a three-and-out": a play, not a count
                compound = None       # "11-of-36", "13-and 15-inch": no noun glued to the number
            shared = _SHARED_UNIT.match(text, pos) if numeral is not None and text.startswith(_SHARED_STARTS, pos) \
                else None
            if shared and (shared.group(1) or shared.group(2).lower() in Q.UNITS):
                kind, unit = "quantity", "in" if shared.group(1) else Q.UNITS[shared.group(2).lower()]
                end_text = shared.end(1) if shared.group(1) else end
            elif compound and compound.group(1).lower() in Q.UNITS:
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
                    if (measure := Q.UNITS.get(text[noun_start:noun_end].lower())) is not None:
                        kind, unit = "quantity", measure           # "507 total yards"
                elif qualifier != "vague" and (elsewhere := self.counted_elsewhere(start, value_start, end, pos, low)):
                    kind, unit, noun_start, noun_end = elsewhere      # counted.py
                if not found and _OTHERS.match(text, pos):
                    flags.append("other")     # "12 others were hurt", "leaving several others trapped": a part
        if kind == "number" and numeral is not None and (lost := self.context_unit(start, value_start, end, numeral)):
            kind, unit = lost                            # counted.py: "put the magnitude at 6.4", "worth 40 million"
        if kind in ("count",) and qualifier == "vague" and unit is None:
            return None
        if kind == "number" and qualifier == "exact" and text[start:end].lower() in ("one", "a", "an") and (
                _rx(r"\b(?:the|this|that|which|each|any|every|no|another|only|a|one)\s+$", re.I).search(self.left(start, 10))
                or _rx(r"\b(?:the|this|that|a|an|another|every)\s+[a-z]+\s+$", re.I).search(self.left(start, 30))
                and _rx(r"\s*(?:$|[.,;:!?)\"”]|\s(?:that|which|who|of|in|for|and|but)\b)", re.I).match(text, end)):
            return end            # "the one you mentioned", "a successful one.": a pronoun
        if kind == "number" and qualifier == "vague":
            pass
        # flags from the words around
        if kind in ("count", "number") and "total" not in flags and _total_before(self.left(start, 25)):
            flags.append("total")
        tail = noun_end if noun_end > 0 else end_text
        if kind in ("count", "money", "quantity") and (per := per_after(text, tail)):
            if kind == "money" and per[0] == "each" and unit and (bought := _SOLD_AT.search(self.left(start, 40))) \
                    and (item := Q.lemma(bought.group(1))):
                unit = f"{unit}/{item}"      # "sold 18 million shares at $27 each": the price of one share
            elif per[0] == "each" or not unit:
                flags.append("each")
            else:
                unit = f"{unit}/{per[1]}"        # rates.py: "600 messages per hour" is message/hour
        if kind == "count" and unit == "point" and low is not None and not float(low).is_integer() \
                and ("compound" in flags or not any(ch.isdigit() for ch in text[start:end])):
            # "a half-point cut", "a 0.25-point rise": a fraction of a point said so is a percentage point
            # ("20.2 points a game" stays an average of points)
            kind, unit = "quantity", "pp"
        if kind in ("number", "count") and on_magnitude_scale(text, start, end):
            kind, unit = "quantity", "magnitude"  # rates.py: "a 6.4-magnitude quake" measures, it counts no quakes
            flags = [flag for flag in flags if flag != "total"]
        if _opens(text, tail) and _COMPARATIVE_AFTER.match(text, tail) or \
                _opens(text, end) and _rx(r"\s+(?:more|less|fewer)\b", re.I).match(text[end:end + 8]):
            if "comparative" not in flags:
                flags.append("comparative")
        if kind in ("duration",) and _rx(r"\s+(?:\w+\s+)?(?:longer|shorter|more|less)\b").match(text[end_text:end_text + 20]):
            if "comparative" not in flags:
                flags.append("comparative")
        # the value text: qualifier .. number (.. unit when glued into the value, e.g. %, money words)
        final_end = end
        if kind in ("percent", "money", "quantity", "duration") and split_unit_from is None:
            final_end = end_text
        if value_text_end is not None and final_end < value_text_end:
            final_end = value_text_end
        if kind == "count" and "compound" in flags:
            final_end = noun_end
        self.emit(kind, start, final_end, low, high, unit=unit, qualifier=qualifier, tolerance=tolerance,
                  noun_start=noun_start, noun_end=noun_end, flags=tuple(dict.fromkeys(flags)))
        return final_end

    def passing_mark(self, bound, left, end) -> bool:
        """Whether a verb of passing ("past", "topped", "passes", "exceeded") makes the value a mark passed: not
        "the past 10 years", not "the Senate passed 12 bills"."""
        word, before = bound.group(1).lower(), left[:bound.start(1)]
        if _rx(r"[-–]\d").match(self.text, end):
            return False      # "passed 52-48": a vote
        if word == "past":
            return not _rx(r"\b(?:the|these|this|its|his|her|their|our|my|your|last|first)\s+$", re.I).search(before) \
                and not Q.TIME_AFTER.match(self.text, end)
        if word.startswith("pass"):
            return Q.head_noun(self.text, end, min(len(self.text), end + 80), False) is None
        return True

    def score_pair(self, start, end, other_end) -> bool:
        """Whether "9-14" is a score or a record (two numbers), not a range: both whole numbers, and nothing after
        them that both count ("40-50 people", "10-15%", "3-4 years", "1-2 October"), nor an age ("aged 18-24")."""
        text = self.text
        if not (text[start:end].isdigit() and text[end + 1:other_end].isdigit()):
            return False
        if _rx(r"\b(?:aged|ages?|between|from|sizes?|grades?|years?|pages?|pp?\.|chapters?|verses?)\s+$", re.I).search(
                text, max(0, start - 12), start):
            return False
        if Q.PERCENT_AFTER.match(text, other_end) or Q.CURRENCY_AFTER.match(text, other_end) or \
                Q.UNIT_AFTER.match(text, other_end) or Q.TIME_AFTER.match(text, other_end) or \
                _rx(r"\s*(?:[a-z]+\.?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I).match(
                    text, other_end):
            return False
        return Q.head_noun(text, other_end, min(len(text), other_end + 80), False) is None

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
        if sign < 0 and (Q.TIME_FACTOR.get(word, 1) >= 10 or qualifier == "vague") and low is not None:
            # Vague distances keep their vagueness: "two decades ago" said in 2024 is about 1999 to 2009 (half a
            # decade either way), "a few years ago" two to five years back; "founded in 2002" agrees with both.
            factor = Q.TIME_FACTOR.get(word, 1)
            near, far = (low * factor, (high if high is not None else low) * factor)
            if factor >= 10:
                near, far = near - factor / 2, far + factor / 2
            span = self.resolve(lambda ref: (D.shift(ref, -int(far), unit)[0], D.shift(ref, -int(near), unit)[1],
                                             unit))
            self.emit_date(start, end, span, "year" if unit == "year" else unit, ("relative",))
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
