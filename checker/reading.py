"""Read each value's clause: what it counts, which act or role it is said of, its other words, its time.

Binding (checker.binding) and discovery (checker.discovery) ask the same questions of a value's
words: where its clause and its noun phrase begin and end, what it counts (the counted noun, or the
one a predicate implies: "18 dead" counts people), what it is said of ("killed" or "injured",
"raised" or "valued at"), which other words stand around it, and for which moment it speaks. This
stage answers them once per mention, as the READINGS table (checker.columns), so that no later
stage keeps its own copy of the answers.

Everything here is a rule about English, never about a story:
- the clause is the sentence cut at , ; : ( ) and dashes (a comma inside "94,000" is no break);
- the phrase is a few words before the value, the value and its noun, and an "of ..." tail;
- the predicate is the nearest verb-like word of the clause (a past participle or past tense, an
  -ing form, a tallying noun such as "toll" or "turnout"), lemmatised ("killing" -> "kill",
  "dead" / "died" / "deaths" -> "die");
- an elided counted noun comes from a predicate right after the value ("18 dead and 64 wounded");
- a running tally is said in cumulative wording ("so far", "since 2016", "toll", "in total");
- the as-of period is the document's publication period, unless the clause names its own: a
  period after the value ("12 hearings between 2015 and 2020") makes the statement speak for that
  period's end; "..., the last in March 2020" says the total held from that last event through
  publication (an as-of *interval*); a time phrase opening the sentence ("By Friday, ...") governs it.

Per document, like every per-document stage: a function of one partition of documents.
"""
from __future__ import annotations

import functools
import re
from array import array
from bisect import bisect_left, bisect_right
from operator import itemgetter

from checker.columns import DOCUMENTS, MENTIONS, READINGS, require
from checker.mentions.firstword import first_letter_guard
from checker.mentions.numbers import _WORDS as UNITS_WORDS
from checker.mentions.quantities import NOT_NOUNS, lemma
from checker.stopping import check

CLAUSE_BREAK = re.compile(r"[,;:()\[\]\u2013\u2014]|\s-\s")
WORD = re.compile(r"[^\W_]+(?:['\u2019.\-][^\W_]+)*")
PHRASE_WORDS_BEFORE = 3
PHRASE_WORDS_AFTER = 4
# A noun phrase goes on after its noun through these ("31 countries in the alliance", "26 of its members").
PHRASE_TAILS = frozenset("of in among across within inside".split())
# A measure's adjective names the dimension it measures ("six metres deep", "400 metres wide", "five years old"):
# the adjective heads the phrase the measure modifies, so it is the value's own word.
DIMENSION_ADJECTIVES = frozenset("deep wide long high tall thick broad across old".split())
BEYOND_CLAUSE = 4      # words a term outside the value's clause counts as further away
TERMS_KEPT = 14         # the words nearest the value that describe it
STATED_PERIOD_WORDS = {"between", "from", "in", "during", "through", "throughout", "by", "until", "till"}
# "the 41.2 percent of 2017": a year right after the figure, its phrase ending there, is the figure's own year ("$5
# million of 2024 funds" names funds)
_PHRASE_ENDS = re.compile(r"\s*(?:[,.;:)!?]|$|(?:and|or|but|was|were|is|are|when|while)\b)", re.IGNORECASE)
# "as of Monday", "as at 30 June": the day a figure is given for
_AS_OF_BEFORE = re.compile(r"\bas\s+(?:of|at)\s+$", re.IGNORECASE)
# A level, the words before its figure: "at 37 percent", "fell to 33 per cent", "was 35%", "closed at $24.15", "a peak
# load of 9,840 MW". Read
# on a day ("... on Monday"), that day is the figure's as-of; an act's count ("killed 41 people on Tuesday") is not
# a level, and is said as of the writing.
_LEVEL = r"\b(?:at|to|was|were|is|are|(?:peak|record|high|low|level|reading|maximum|minimum|load|demand)\s+of)\s+" \
         r"(?:about\s+|around\s+|roughly\s+|nearly\s+|some\s+|just\s+)?"
_LEVEL_BEFORE = re.compile(_LEVEL + "$", re.IGNORECASE)
# A state its subject was in on a day, after the figure and its noun: "3,870 nursing staff were on strike on Monday",
# "5,900 nurses were on picket lines on Thursday" (not an act done to them: "41 people were killed on Tuesday" is a
# count said as of the writing); and in a list that goes on from such a state, each figure's own day ("..., 3,520 on
# Tuesday and 3,410 on Wednesday").
_STATE_ON = re.compile(r"\s+(?:were|was)\s+(?:not\s+)?(?:(?![a-z]+(?:ed|en)\b)[a-z-]+\s+){1,3}on\s+", re.IGNORECASE)
_ON_ALONE = re.compile(r"\s+on\s+", re.IGNORECASE)
_STATE_LIST_BEFORE = re.compile(r"\d\s+(?:[a-z-]+\s+){0,3}?(?:were|was)\s+(?:not\s+)?(?:(?![a-z]+(?:ed|en)\b)[a-z-]+\s+)"
                                r"{1,3}on\s+[^.;]{1,40}?(?:,|\band)\s+$", re.IGNORECASE)
# The day a level was read, after the level: "at 37 percent of capacity on Monday", "rose to 41 on Tuesday"
LEVEL_READ_ON = re.compile(_LEVEL + r"[$€£]?\d[\d.,]*[^,;:.!?\d]{0,40}?\s+(?:on|as\s+of|as\s+at)\s+$", re.IGNORECASE)
CLOSED_SERIES = re.compile(r"\bthe\s+(?:last|latest|most\s+recent|final)(?:\s+(?:one|of\s+them|meeting|time))?"
                           r"\s+(?:was\s+|being\s+|held\s+|took\s+place\s+)?(?:in|on)?\s*$", re.IGNORECASE)
LAST_OF_SERIES = re.compile(r"\bthe\s+(?:last|latest|most\s+recent|final)\b", re.IGNORECASE)
QUALIFYING_WORDS = STATED_PERIOD_WORDS | {"since", "after", "before"}
# A time phrase opening a sentence, before its date: "On Tuesday, ...", "At 23:48 on 14 October 2025, ...", "Shortly
# after midnight on 15 October, ...", "Early on Sunday, ...": the hour of the day is part of the phrase.
OPENING_TIME = re.compile(r"^\s*(?:(?:at|shortly\s+(?:after|before)|just\s+(?:after|before)|soon\s+after|around|about)\s+"
                          r"(?:about\s+|around\s+|roughly\s+)?(?:\d{1,2}[:.]\d{2}|\d{1,2}\s*[ap]\.?m\.?|midnight|noon|"
                          r"dawn|dusk|daybreak)(?:\s*(?:[ap]\.?m\.?|hours|hrs|GMT|UTC|local\s+time))?,?\s+|"
                          r"(?:early|late)\s+)?(?:by|as\s+of|as\s+at|on|at|in|until|through)\s+$", re.IGNORECASE)
CUMULATIVE = first_letter_guard(re.compile(
    r"\b(?:so\s+far|to\s+date|since|toll|tolls|total|totals|totalled|totaled|in\s+all|cumulative|"
    r"ha(?:s|ve)\s+(?:now\s+)?(?:risen|climbed|grown|reached|increased)|rose\s+to|climbed\s+to|reached|"
    r"risen\s+to|jumped\s+to|increased\s+to|grew\s+to|at\s+least|running|"
    # the present perfect tells a state up to now: "1,900 people have been evacuated", "has burned 8,400 ha"
    r"ha(?:s|ve)\s+(?:now\s+|so\s+far\s+|already\s+)?(?:been\s+)?[a-z]+(?:ed|en|wn|nt|ght)|"
    r"(?:has|have)\s+(?:now\s+)?(?:burned|burnt|destroyed|killed|injured|hit|cut|lost|won|made|held))\b",
    re.IGNORECASE))
# Wording that says a figure moved: "now", "rose to", "up from", "revised", "final count".
CHANGE = first_letter_guard(re.compile(
    r"\b(?:now|rose|risen|rising|rises|increased|increases|grew|grown|grows|climbed|climbs|jumped|jumps|doubled|"
    r"tripled|fell|fallen|falls|falling|drops|dropping|slips|slipped|slid|sinks|sank|"
    r"dropped|declined|declines|decreased|shrank|up\s+from|down\s+from|down\s+to|stood\s+at|stands\s+at|"
    r"standing\s+at|revised|updated|raised|lowered|cut\s+to|extended|"
    r"interim|preliminary|provisional|so\s+far|previously|was\s+expected|had\s+been|from\s+an?\s+earlier|"
    # a tally at its moment: "60 people are still unaccounted for", "40 remain missing"
    r"still|remains?|remained|"
    # "comes into the game with 29 goals": a tally before an event, which the event moves
    r"(?:comes?|coming|came|goes|going|went|heads?|heading|headed)\s+into|"
    # a market figure of its day: "the stock closed at $24.15", "opened at", "traded at"
    r"(?:closed|closing|opened|opening|traded|trading)\s+at|"
    # "the final price", "finally settled at": the figure after whatever changed it
    r"final|finally)\b",
    re.IGNORECASE))
# What a verb of movement moved by, right before the value: "shares slid 3.8 percent", "rose by 12" state the size
# of one move (a figure of its own), not a level the move reached ("fell to 33 per cent").
_AMOUNT_OF_MOVE = re.compile(r"\s+(?:by\s+)?(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+|roughly\s+|just\s+|"
                             r"more\s+than\s+|a\s+further\s+|another\s+)?")
_NOT_MOVES = frozenset({"now", "revised", "updated", "interim", "preliminary", "provisional", "previously", "final",
                        "finally", "still", "remain", "remains", "remained"})


def _change_cue(text: str, clause: tuple[int, int], value_start: int) -> bool:
    """Whether the value's clause says a figure moved (CHANGE), a verb of movement right before the value being
    the size of that move instead."""
    for match in CHANGE.finditer(text, clause[0], clause[1]):
        word = match.group().lower()
        if " " in word or word in _NOT_MOVES or match.end() > value_start \
                or not _AMOUNT_OF_MOVE.fullmatch(text, match.end(), value_start):
            return True
    return False


# Words that carry no meaning of their own around a value, beyond the grammar's function words.
STOP = NOT_NOUNS | frozenset("""
said say says told according also one two three four five six seven eight nine ten new mr mrs ms dr
year years month months week weeks day days time times today yesterday tomorrow monday tuesday wednesday thursday
friday saturday sunday january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec per cent percent million billion thousand hundred bn m
least nearly roughly approximately estimated around some than total first last next another there
""".split())
# Irregular and noun forms of predicates, and the counted thing an elided noun stands for.
PREDICATE_FORMS = {
    "dead": "die", "died": "die", "dies": "die", "dying": "die", "death": "die", "deaths": "die",
    "fatalities": "die", "fatality": "die", "killed": "kill", "killing": "kill", "kills": "kill", "hurt": "injur",
    "injured": "injur", "injuring": "injur", "injuries": "injur", "injury": "injur", "wounded": "injur",
    "wounding": "injur", "missing": "miss", "won": "win", "winning": "win", "wins": "win", "lost": "lose",
    "losing": "lose", "losses": "lose", "sold": "sell", "selling": "sell", "sales": "sell", "paid": "pay",
    "paying": "pay", "rose": "rise", "risen": "rise", "rising": "rise", "fell": "fall", "fallen": "fall",
    "falling": "fall", "slid": "fall", "sank": "fall", "sunk": "fall", "grew": "grow", "grown": "grow",
    "growing": "grow", "spent": "spend", "spending": "spend",
    "held": "hold", "built": "build", "made": "make", "struck": "strike", "hit": "strike", "cut": "cut",
    "cuts": "cut", "raised": "rais", "raising": "rais", "valued": "valu", "valuing": "valu", "valuation": "valu",
    "founded": "found", "arrested": "arrest", "arrests": "arrest", "evacuated": "evacuat", "evacuations": "evacuat",
    "displaced": "displac", "rescued": "rescu", "destroyed": "destroy", "damaged": "damag", "burned": "burn",
    "burnt": "burn", "cancelled": "cancel", "canceled": "cancel", "turnout": "turnout", "toll": "die",
    "casualties": "casualty", "victims": "victim", "survivors": "surviv", "trapped": "trap", "infected": "infect",
    "infections": "infect", "cases": "case", "bid": "bid", "offer": "offer",
}
TALLY_NOUNS = {"toll": ("person", "die"), "tolls": ("person", "die"), "crowd": ("person", "crowd"),
               "attendance": ("person", "crowd"), "turnout": ("person", "turnout")}
ELIDED_COUNTED = {"die": "person", "kill": "person", "injur": "person", "miss": "person", "arrest": "person",
                  "evacuat": "person", "displac": "person", "rescu": "person", "trap": "person",
                  "infect": "person", "casualty": "person", "victim": "person", "surviv": "person",
                  "wound": "person", "hospitalis": "person", "hospitaliz": "person", "detain": "person"}
_NOT_PREDICATES = frozenset("""
based related limited united detailed advanced hundred need indeed red bed shed used including according following
during nothing something anything thing things morning evening king ring spring wing string bring during ceiling
building meeting meetings feeling ending ongoing outstanding
""".split())

# Part of the reading cache key: bump it whenever a change here can change a document's readings.
READING_VERSION = "r29"


def read_clauses(mentions, documents, *, cache_dir=None):
    """The READINGS table: one row per mention, in the order of `mentions`.

    With a `cache_dir`, each document's readings are cached under its hash, publication date, id and the
    grammar's and this stage's versions, so an unchanged document is not read again (as find_mentions)."""
    import pandas as pd

    from checker.cache import frame_of

    tables = reading_tables(mentions, documents, cache_dir=cache_dir)
    if not len(mentions):
        return pd.DataFrame({column: [] for column in READINGS})
    return readings_in_order(frame_of(tables, READINGS), mentions)


def readings_in_order(frame, mentions):
    """The READINGS rows of `frame` in the order of `mentions` (one per mention)."""
    if len(frame) == len(mentions) and (frame["mention"].to_numpy() == mentions["mention"].to_numpy()).all():
        # Already in order (the stage reads the mentions in their order): no index of every mention id and
        # no copy of the table, each about as large as the table for a long document.
        return frame.reset_index(drop=True)
    order = {mention: index for index, mention in enumerate(frame["mention"].tolist())}
    positions = [order[mention] for mention in mentions["mention"].tolist()]
    return frame.iloc[positions].reset_index(drop=True)


def reading_tables(mentions, documents, *, cache_dir=None, words: dict | None = None) -> list[list[str]]:
    """Each document's readings as an encoded table (checker.cache), documents in the order their mentions
    come: what read_clauses parses, and what a worker of checker.pipeline hands back. With `words` (a dict),
    the word index of each document read is left there by its id, up to KEEP_WORDS_CHARS of text in all, for
    a stage that reads the documents next (binding builds the same index: a twentieth of the per-document
    stages)."""
    from checker.cache import StageCache, encode_table

    require(mentions, MENTIONS, "read_clauses")
    require(documents, DOCUMENTS, "read_clauses")
    columns = list(READINGS)
    if not len(mentions):
        return []
    docs = {row.source: row for row in documents.itertuples(index=False)}
    sources = list(dict.fromkeys(mentions["source"].tolist()))   # in the order their mentions come
    cache = StageCache(cache_dir, columns) if cache_dir is not None else None
    keys = {}
    if cache is not None:
        from checker.mentions import GRAMMAR_VERSION

        keys = {source: f"read-{READING_VERSION}-{GRAMMAR_VERSION}:{doc.sha256}:{doc.published}:{source}"
                for source in sources if (doc := docs.get(source)) is not None and doc.sha256}
    stored = cache.get_many(keys.values()) if cache is not None else {}
    unread = {source for source in sources if keys.get(source) not in stored}
    # Only the mentions of documents read now become rows: after one edit, one document's (a cached corpus's
    # every mention made into a row cost more than reading its cached tables).
    if unread and len(unread) < len(sources):
        mentions = mentions[mentions["source"].isin(unread)]
    # The mentions as rows over their columns (to_dict("records") per document boxed every cell: slow; a dict
    # per mention held a long document's every mention at about 1 KB each).
    columns_of = {name: [None if isinstance(v, float) and v != v else v for v in mentions[name].tolist()]
                  for name in MENTIONS} if unread else {}
    by_source: dict[str, list[_Row]] = {}
    for index, source in enumerate(columns_of.get("source", ())):
        by_source.setdefault(source, []).append(_Row(columns_of, index))
    tables, fresh = [], {}
    kept = 0
    for source in sources:
        key = keys.get(source)
        if source not in unread:
            tables.append(stored[key])
            continue
        check()   # SIGTERM stops a long run of documents between two (checker.stopping)
        records = by_source[source]
        doc = docs.get(source)
        index = Words(doc.text if doc is not None else "")
        if words is not None and kept + len(index.text) <= KEEP_WORDS_CHARS:
            words[source] = index
            kept += len(index.text)
        if len(records) <= DICT_ROWS_UP_TO:
            # A dict a mention for a document of usual size: each is read some 70 times, and a _Row's look-up
            # is a Python call where a dict's is not (a long document keeps its _Rows: a dict is about 1 KB)
            names = list(columns_of)
            records = [dict(zip(names, [columns_of[name][row.index] for name in names])) for row in records]
        tables.append(encode_table(_readings(doc, records, index), columns))   # one at a time
        if key is not None:
            fresh[key] = tables[-1]
    if cache is not None:
        cache.put_many(fresh)
    return tables


class Words:
    """One document's text with its words indexed once, for phrase, cue and context look-ups."""

    def __init__(self, text: str):
        self.text = text
        # The clause breaks less the commas and colons of numbers and clock times, found by one regex
        breaks = _BREAK_OUTSIDE_NUMBERS.finditer(text)
        if len(text) <= COMPACT_FROM:
            # Lists, made by C-level maps over the matches: a short text's index is small, and indexing a list
            # costs no Python call (a fifth of the clause reading went to the compact form's look-ups).
            found = list(WORD.finditer(text))
            self.starts = list(map(_START, found))
            self.spans = list(zip(self.starts, map(_END, found)))
            lowered = map(str.lower, map(_WHOLE, found))
            self.lower = [word.replace("\u2019", "'") for word in lowered] if "\u2019" in text else list(lowered)
            spans = list(map(_SPAN, breaks))
            self.break_starts, self.break_ends = array("q", map(_START_OF, spans)), array("q", map(_END_OF, spans))
        else:
            # Compact, as one long document has millions of words: offsets in two arrays (8 bytes a word, where
            # a list of (start, end) tuples took about 100) and each lowercased word once, shared by its every
            # use (a 4 MB document's index took 136 MB, now a tenth of it). `spans[i]` is still (start, end).
            self.starts, ends, self.lower = array("q"), array("q"), []
            vocabulary: dict[str, str] = {}
            for match in WORD.finditer(text):
                start, end = match.span()
                self.starts.append(start)
                ends.append(end)
                word = match.group().lower().replace("\u2019", "'")
                self.lower.append(vocabulary.setdefault(word, word))
            self.spans = _Spans(self.starts, ends)
            self.break_starts, self.break_ends = array("q"), array("q")
            for match in breaks:       # a match at a time: a long document has millions
                self.break_starts.append(match.start())
                self.break_ends.append(match.end())

    def word_at_or_after(self, offset: int) -> int:
        return bisect_left(self.starts, offset)

    def line_of(self, offset: int) -> int:
        """The 1-based line `offset` is on: a bisection over the newlines, found once (counting them from the
        top for every value was quadratic in a long document)."""
        if getattr(self, "_newlines", None) is None:   # (an array: 8 bytes a newline, not a list of ints)
            self._newlines = array("q", (m.start() for m in re.finditer("\n", self.text)))
        return bisect_left(self._newlines, offset) + 1

    def paragraph(self, start: int, end: int) -> tuple[int, int]:
        left = self.text.rfind("\n", 0, start)
        right = self.text.find("\n", end)
        return left + 1, len(self.text) if right < 0 else right

    def clause(self, start: int, end: int, sentence_start: int, sentence_end: int) -> tuple[int, int]:
        index = bisect_left(self.break_ends, start + 1) - 1   # the last break that ends by the value's start
        left = self.break_ends[index] if index >= 0 and self.break_starts[index] >= sentence_start else sentence_start
        index = bisect_left(self.break_starts, end)
        right = self.break_starts[index] if index < len(self.break_starts) \
            and self.break_ends[index] <= sentence_end else sentence_end
        return left, right

    def breaks_between(self, start: int, end: int) -> bool:
        index = bisect_left(self.break_starts, start)
        return index < len(self.break_starts) and self.break_starts[index] < end


class _Spans:
    """(start, end) of word i, read from Words' two offset arrays."""

    __slots__ = ("starts", "ends")

    def __init__(self, starts, ends) -> None:
        self.starts, self.ends = starts, ends

    def __getitem__(self, index: int) -> tuple[int, int]:
        return self.starts[index], self.ends[index]

    def __len__(self) -> int:
        return len(self.starts)

    def __iter__(self):
        return zip(self.starts, self.ends)


# CLAUSE_BREAK less a comma or colon between digits ("94,000", "at 3:42 a.m."): part of a number or a clock time.
# (Every alternative opens with its character, so `re` skips ahead to the next one fast.)
_BREAK_OUTSIDE_NUMBERS = re.compile(r"[,:](?:(?<!\d[,:])|(?!\d))|[;()\[\]\u2013\u2014]|\s-\s")
DICT_ROWS_UP_TO = 10_000    # mentions of a document read as dicts (more: as _Rows)
COMPACT_FROM = 1 << 20      # characters: a longer text's word index is compact (arrays), a shorter one's lists
KEEP_WORDS_CHARS = 4_000_000   # text whose word indexes reading_tables hands on at most (about 60 MB of them)
_START, _END, _WHOLE, _SPAN = re.Match.start, re.Match.end, re.Match.group, re.Match.span
_START_OF, _END_OF = itemgetter(0), itemgetter(1)


class _Row:
    """One mention read as a dict (row["start"]) from columns shared by all the mentions of the table."""

    __slots__ = ("columns", "index")

    def __init__(self, columns: dict[str, list], index: int) -> None:
        self.columns, self.index = columns, index

    def __getitem__(self, name: str):
        return self.columns[name][self.index]

    def get(self, name: str, default=None):
        column = self.columns.get(name)
        return default if column is None else column[self.index]


def read_document(doc, mentions: list[dict], words: Words | None = None) -> list[dict]:
    """The readings of one document's mentions (plain dicts with MENTIONS columns)."""
    return list(_readings(doc, mentions, words))


def _readings(doc, mentions: list[dict], words: Words | None = None):
    """read_document's readings one by one, so a long document's are encoded as they come."""
    words = words or Words(doc.text if doc is not None else "")
    dates = DateIndex(m for m in mentions if m["kind"] == "date")
    # The values that fence a clause into parts: an ordinal ("for the first time") or a bare number is a word
    # of the phrase around it, not another statement whose words are its own.
    values = sorted((int(m["start"]), int(m["end"])) for m in mentions if m["kind"] not in ("ordinal", "number"))
    # Every figure's start, bare numbers too: a period after another figure is that one's ("41 animals against 23
    # in 2022")
    figures = sorted(int(m["start"]) for m in mentions if m["kind"] not in ("date", "ordinal"))
    published = (getattr(doc, "published", None), getattr(doc, "published_low", None),
                 getattr(doc, "published_high", None))
    headings = dated_headings(words.text, dates, published[2])
    rate = None     # the last rate of money stated, (its sentence, its unit): "$40 a share"
    for mention in mentions:
        # A dated heading ("## [4.6.3] - 2025-01-21", "Update, 3 March") speaks for the section under it.
        heading = _heading_before(headings, int(mention["start"])) if mention["kind"] != "date" else None
        said = (heading[2], heading[1], heading[2]) if heading else published
        reading = read_mention(mention, words, dates, values, said, figures)
        if heading and reading["as_of_basis"] == "published":
            reading["as_of_basis"] = "heading"
        unit = str(mention["unit"] or "")
        if mention["kind"] == "money" and "/" in unit:
            rate = (int(mention["sentence_start"]), unit)
        elif mention["kind"] == "money" and rate and rate[0] == int(mention["sentence_start"]) \
                and rate[1].split("/")[0] == unit \
                and RATE_BASELINE_BEFORE.search(words.text, max(0, int(mention["start"]) - 30), int(mention["start"])):
            # "paid $40 a share, up from the $38.50 it offered": a figure compared with a rate is that rate
            reading["counted"] = rate[1]
        elif mention["kind"] == "money" and unit and "/" not in unit and SHARE_PRICE_BEFORE.search(
                words.text, max(int(mention["sentence_start"]), int(mention["start"]) - 60), int(mention["start"])):
            # "its shares jumped 27% to $37.80", "a closing share price of $29.75": what one share costs
            reading["counted"] = unit + "/share"
        yield reading


class DateIndex(list):
    """A document's date mentions in their order, indexed by start: a value looks only at the dates near it
    (a look over every date of the document for every value was quadratic in a long document)."""

    def __init__(self, dates=()) -> None:
        super().__init__(dates)
        order = sorted(range(len(self)), key=lambda index: int(self[index]["start"]))
        self._order = order
        self._starts = [int(self[index]["start"]) for index in order]

    def between(self, low: int, high: int) -> list[dict]:
        """The dates starting at low..high (inclusive), in the index's own order."""
        return [self[index] for index in sorted(self._order[bisect_left(self._starts, low):
                                                             bisect_right(self._starts, high)])]


def _dates_between(dates, low: int, high: int) -> list[dict]:
    if isinstance(dates, DateIndex):
        return dates.between(low, high)
    return [date for date in dates if low <= int(date["start"]) <= high]


def dated_headings(text: str, dates: list[dict], published_high: str | None) -> list[tuple[int, str, str]]:
    """(offset, first day, last day) of each heading line that names a day: a short line of its own, not a
    sentence, whose date is no later than publication (a changelog's "v3.0.0 - 2024-11-04", a live blog's
    "Update, 3 March")."""
    found = []
    for mention in dates:
        if mention["precision"] != "day" or mention["low"] is None or mention["high"] is None:
            continue
        start = int(mention["start"])
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line = text[line_start:len(text) if line_end < 0 else line_end].strip()
        if not line or len(line) > 70 or line.endswith((".", "?", "!", ",", ";", ":")) or line_start == 0:
            continue
        if published_high and str(mention["low"]) > published_high:
            continue
        if _field_of_a_record(text, line_start, line_end):
            continue
        found.append((line_start, str(mention["low"]), str(mention["high"])))
    return sorted(found)


FIELD_LINE = re.compile(r"[ \t]*(?:[-*][ \t]*)?[A-Za-z][A-Za-z' -]{1,30}:[ \t]*\S")


def _field_of_a_record(text: str, line_start: int, line_end: int) -> bool:
    """ "Opened: 12 March 2023" between "Site: ..." and "Beds: 400": a labelled line beside other labelled
    lines is one field of a fact sheet, and its date is that field's value, not a heading's."""
    if not FIELD_LINE.match(text, line_start):
        return False
    previous_start = text.rfind("\n", 0, max(line_start - 1, 0)) + 1
    next_start = len(text) + 1 if line_end < 0 else line_end + 1
    return bool(line_start > 0 and FIELD_LINE.match(text, previous_start, line_start - 1)
                or next_start <= len(text) and FIELD_LINE.match(text, next_start))


def _heading_before(headings: list[tuple[int, str, str]], offset: int) -> tuple[int, str, str] | None:
    index = bisect_left(headings, (offset + 1,)) - 1
    return headings[index] if index >= 0 else None


def read_mention(mention: dict, words: Words, dates: list[dict], values: list[tuple[int, int]],
                 published: tuple, figures: list[int] = ()) -> dict:
    start, end = int(mention["start"]), int(mention["end"])
    sentence = (int(mention["sentence_start"]), int(mention["sentence_end"]))
    clause = words.clause(start, end, *sentence)
    phrase = phrase_span(mention, words)
    predicate, elided = _predicate(mention, words, clause, values)
    if not mention["unit"] and mention["kind"] in ("count", "number") and not elided:
        implied, act = _implied_noun(mention, words)
        elided, predicate = implied or elided, act or predicate
    elif _crowd_before(words, words.word_at_or_after(start)):
        predicate = "crowd"      # "in front of 61,482 supporters": the crowd, whatever it is called
    counted = str(mention["unit"] or "") or elided
    act = PREDICATE_FORMS.get(counted) or PREDICATE_FORMS.get(counted + "s")
    if act and ELIDED_COUNTED.get(act):
        # "32 arrests", "12 deaths", "40 injuries": a count of acts counts the people they befell
        counted, predicate = ELIDED_COUNTED[act], act   # "police made 32 arrests": the act is the arrest
    period = stated_period(mention, words, dates, published[2], figures) if mention["kind"] != "date" else None
    as_of, as_of_low, as_of_high, basis = published[0], published[1], published[2], "published"
    qualifier = period_phrase(mention, words, dates)
    time_text = str(qualifier["value_text"]) if qualifier is not None else ""
    if period is not None:
        _, low, high, basis = period
        if basis == "series":
            as_of_low = low
            as_of = published[0]
        else:
            if high and published[2] and str(high) > str(published[2]) and mention["modality"] == "reported":
                # "this winter's census counted 41" in February: as of the writing, no later (a plan's period after
                # it, "to cut 420 jobs by the end of 2027", is the time it is for)
                high = published[2]
            as_of = as_of_low = as_of_high = high
    text = words.text
    return {
        "mention": mention["mention"],
        "clause_start": clause[0], "clause_end": clause[1],
        "phrase_start": phrase[0], "phrase_end": phrase[1],
        "counted": counted,
        "predicate": predicate,
        **_terms_columns(_terms(mention, words, clause, values)),
        "governor": _governor(mention, words, clause),
        "governor_verb": _governor_verb(mention, words, clause),
        "event": _event(mention, words, clause) if mention["kind"] == "date" else "",
        "head": _head(mention, words, clause, values),
        "entity": _entity(mention, words, clause, values),
        "compound": _compound(mention, words),
        "time_text": time_text,
        "cumulative": bool(CUMULATIVE.search(text, clause[0], clause[1])) or _cumulative_before(text, sentence, clause,
                                                                                               predicate),
        "change_cue": _change_cue(text, clause, start),
        "as_of": as_of, "as_of_low": as_of_low, "as_of_high": as_of_high, "as_of_basis": basis,
    }


def _cumulative_before(text: str, sentence: tuple[int, int], clause: tuple[int, int], predicate: str) -> bool:
    """ "The death toll, officials said, rose to 41": a tally word earlier in the sentence governs the value, unless
    the value's clause tells an act of its own ("put the death toll at 35, with 11 people still missing": the toll
    counts the dead, not the missing). "So far" governs whatever follows it."""
    if clause[0] <= sentence[0]:
        return False
    for match in _TALLY.finditer(text, sentence[0], clause[0]):
        word = match.group().lower()
        if not predicate or " " in word or TALLY_NOUNS.get(word, ("", ""))[1] == predicate:
            return True
    return False


_TALLY = first_letter_guard(re.compile(r"\b(?:toll|tally|so\s+far|total)\b", re.IGNORECASE))


def phrase_span(mention: dict, words: Words) -> tuple[int, int]:
    """The value's own noun phrase: a few words before it, the value and noun, and a tail after them ("of ...",
    "in ...", "among ...")."""
    sentence_start, sentence_end = int(mention["sentence_start"]), int(mention["sentence_end"])
    start = int(mention["start"])
    first = words.word_at_or_after(start)
    lead = first
    while lead > 0 and first - lead < PHRASE_WORDS_BEFORE:
        s, e = words.spans[lead - 1]
        if s < sentence_start or CLAUSE_BREAK.search(words.text, e, start if lead == first else words.spans[lead][0]) \
                or words.lower[lead - 1] in PHRASE_COORDINATORS or any(ch.isdigit() for ch in words.lower[lead - 1]):
            break    # "38% better write throughput and 22% better reads": the words before "and" are 38%'s
        lead -= 1
    left = words.spans[lead][0] if lead < first else start
    right = max(int(mention["end"]), int(mention["noun_end"]))
    tail = words.word_at_or_after(right)
    if tail < len(words.spans) and right == int(mention["end"]) and _comparative(words.lower[tail]):
        # "22% better reads", "40 percent faster writes": what the value measures follows its comparative
        last = tail
        while last + 1 < len(words.spans) and last - tail < PHRASE_WORDS_AFTER - 1:
            s, e = words.spans[last + 1]
            if e > sentence_end or CLAUSE_BREAK.search(words.text, words.spans[last][1], s) \
                    or words.lower[last + 1] in PHRASE_STOPS or any(ch.isdigit() for ch in words.lower[last + 1]):
                break
            last += 1
        right = words.spans[last][1]
    if tail < len(words.spans) and words.lower[tail] in DIMENSION_ADJECTIVES \
            and words.spans[tail][1] <= sentence_end and not CLAUSE_BREAK.search(words.text, right, words.spans[tail][0]):
        right = words.spans[tail][1]
        tail += 1
    compound = "compound" in str(mention["flags"] or "")
    if tail < len(words.spans) and (words.lower[tail] in PHRASE_TAILS or compound):
        last = tail
        while last < len(words.spans) and last - tail < PHRASE_WORDS_AFTER:
            s, e = words.spans[last]
            if e > sentence_end or CLAUSE_BREAK.search(words.text, right, s):
                break
            right = e
            last += 1
    return left, right


# The price of one share: the figure shares or a stock moved to or stood at, or a share price's amount.
SHARE_PRICE_BEFORE = re.compile(r"\b(?:(?:shares|stock)(?:\s+[\w%.,$-]+){0,5}?\s+(?:to|at)|share\s+price\s+(?:of|at|to)"
                                r"|price\s+per\s+share\s+(?:of|at|to))\s+(?:about\s+|around\s+|nearly\s+|roughly\s+)?$",
                                re.IGNORECASE)
RATE_BASELINE_BEFORE = first_letter_guard(re.compile(r"\b(?:from|with|than|to)\s+(?:the\s+|an?\s+|its\s+)?$",
                                                     re.IGNORECASE))
PHRASE_COORDINATORS = frozenset("and or but while whereas versus vs".split())
PHRASE_STOPS = PHRASE_COORDINATORS | frozenset("than compared to from for on at in of with by as".split())
_COMPARATIVES = frozenset("better worse more less fewer higher lower faster slower cheaper larger smaller bigger "
                          "greater longer shorter stronger weaker".split())


def _comparative(word: str) -> bool:
    return word in _COMPARATIVES


def stated_period(mention: dict, words: Words, dates: list[dict], published_high: str | None = None,
                  figures: list[int] = ()) -> tuple[str, str | None, str | None, str] | None:
    """The period a value's clause names for it: (its text, low, high, basis) or None.

    "10 meetings between 2016 and 2019": stated, as of the period's end. "..., the last in July 2019":
    series, from that last event on (the writer vouches none came after it). "By Friday, 412 cases":
    stated, as of that Friday.
    """
    anchor = max(int(mention["end"]), int(mention["noun_end"]))
    sentence_start, sentence_end = int(mention["sentence_start"]), int(mention["sentence_end"])
    text = words.text
    found = None
    for date_mention in _dates_between(dates, anchor, anchor + 120):  # the only dates the tests below accept
        start = int(date_mention["start"])
        if date_mention["high"] is None or not sentence_start <= start < sentence_end:
            continue
        if anchor <= start <= anchor + 60 and start <= sentence_end \
                and (not _BREAK_OUTSIDE_NUMBERS.search(text, anchor, start)
                     or _ROUND_MADE.fullmatch(text, anchor, start)) \
                and not _figure_between(figures, anchor, start) \
                and not _SINCE.search(text, anchor, start) \
                and not (published_high and str(date_mention["low"] or "") > published_high):
            # (A period after publication is a target, not the time the value speaks for: "synergies of
            # $80 million by 2028" is said as of publication.)
            preceding = words.word_at_or_after(start) - 1
            opener = str(date_mention["value_text"]).split()[0].lower()
            if opener in STATED_PERIOD_WORDS or (preceding >= 0 and words.lower[preceding] in STATED_PERIOD_WORDS) \
                    or opener == "last" and (date_mention["precision"] in _WHOLE_PERIODS
                                             or date_mention["low"] != date_mention["high"]) \
                    and not _CLAUSE_VERB_BETWEEN.search(text, anchor, start) \
                    or preceding >= 0 and words.lower[preceding] == "at" and _EDGE_OF_PERIOD.match(
                        str(date_mention["value_text"])) \
                    or _IN_THE_YEARS.fullmatch(text, max(anchor, start - 12), start) \
                    and date_mention["precision"] == "year" \
                    or _AS_OF_BEFORE.search(text, max(anchor, start - 12), start) \
                    or preceding >= 0 and words.lower[preceding] == "of" and start - anchor <= 4 \
                    and date_mention["precision"] == "year" and _PHRASE_ENDS.match(text, int(date_mention["end"])) \
                    or preceding >= 0 and words.lower[preceding] == "on" \
                    and (_LEVEL_BEFORE.search(text, max(sentence_start, int(mention["start"]) - 16),
                                              int(mention["start"]))
                         or _STATE_ON.fullmatch(text, anchor, start)
                         or _ON_ALONE.fullmatch(text, anchor, start)
                         and _STATE_LIST_BEFORE.search(text, sentence_start, int(mention["start"]))):
                found = found or (str(date_mention["value_text"]), None, str(date_mention["high"]), "stated")
        if anchor <= start <= anchor + 120 and CLOSED_SERIES.search(text, max(anchor, start - 40), start) \
                and date_mention["low"] is not None:
            # "..., the last in July 2019": the total stands from that event through publication.
            return str(date_mention["value_text"]), str(date_mention["low"]), None, "series"
    if found is not None:
        if LAST_OF_SERIES.search(text, anchor, sentence_end):
            return None   # "..., the last one in the spring": it held through publication, from an unknown start
        return found
    earlier = EARLIER_AFTER.match(text, anchor, min(sentence_end, anchor + 40))
    if earlier and published_high:
        # "compared with 13.8 weeks a month earlier", "31 units a year ago": that long before the time of writing,
        # the day (a year ago is not all of last year)
        from datetime import date

        from checker.mentions.dates import same_day_shift

        amount = EARLIER_AMOUNTS.get(earlier.group(1).lower()) or int(earlier.group(1))
        # "killed 62 sheep last year, up from 38 the year before": counted from the time the sentence named
        # before the value, else from the time of writing
        told = [d for d in _dates_between(dates, sentence_start, int(mention["start"]) - 1)
                if int(d["end"]) <= int(mention["start"]) and d["high"] is not None
                and str(d["modality"]) == "reported" and str(d["high"]) <= published_high]
        since = str(told[-1]["high"]) if told else published_high
        day = same_day_shift(date.fromisoformat(since[:10]), -amount, earlier.group(2).lower())
        return earlier.group().strip(), None, day.isoformat(), "stated"
    labelled = _bracket_label(mention, text, dates, sentence_start)
    if labelled is not None:
        return labelled
    subject = _subject_period(mention, words, dates, published_high)
    if subject is not None:
        return subject
    # A time phrase opening the sentence governs it: "By Friday night confirmed cases had reached 412".
    for date_mention in _dates_between(dates, sentence_start, int(mention["start"]) - 1):
        start = int(date_mention["start"])
        if date_mention["high"] is None or not sentence_start <= start < int(mention["start"]):
            continue
        lead = text[sentence_start:start]
        if (not lead.strip() or OPENING_TIME.match(lead)) and str(date_mention["modality"]) == "reported":
            return str(date_mention["value_text"]), None, str(date_mention["high"]), "stated"
        break
    return None


# "killed 62 sheep on farms around the park last year", "nine new cases last week": a closed period after the figure
# is its time (not a single day: "killed 41 people last Tuesday" counts an act, said as of the writing), unless a
# verb between says the period is another act's ("40 staff who left last year")
_WHOLE_PERIODS = frozenset(("month", "quarter", "season", "year", "decade"))
_CLAUSE_VERB_BETWEEN = re.compile(r"\b(?:who|which|that|when|after|before|while)\b|\b[a-z]{3,}ed\b", re.IGNORECASE)
# "compared with 58% at the start of June", "at the end of 2024": a period's edge the figure stood at
_EDGE_OF_PERIOD = re.compile(r"the\s+(?:start|end|beginning|middle|close|turn)\s+of\b", re.IGNORECASE)
# "14 in the first count, made in 2019", "41% in a survey, conducted in May": the round a figure comes from, and when
# it was made
_ROUND_MADE = re.compile(r"\s+(?:in|from)\s+(?:the|a|an|its|their)\s+[a-z][a-z -]{0,40}?,\s+(?:[a-z]{3,}ed|made|held|"
                         r"taken|done|run|carried\s+out)\s+(?:in|on|during)\s+", re.IGNORECASE)
# "has released 16 lynx since the reintroduction began in 2017": the date a since-clause names is where the period
# starts, not the time the figure speaks for
_SINCE = re.compile(r"\bsince\b", re.IGNORECASE)
# "23 animals in the 2022 census", "41% in the 2024 survey": a year naming the round a figure comes from
_IN_THE_YEARS = re.compile(r".*\b(?:in|from|during|by)\s+(?:the|its|their)\s+", re.IGNORECASE | re.DOTALL)


_LABEL_COLON = re.compile(r"[ \t]*:[ \t]*")


def _bracket_label(mention: dict, text: str, dates, sentence_start: int) -> tuple | None:
    """ "(Q1 2024: 112 million)", "(2023: €1.1 billion)": a comparison a report gives in brackets, labelled with its
    period: stated, as of that period's end."""
    start = int(mention["start"])
    for date_mention in _dates_between(dates, max(sentence_start, start - 40), start - 1):
        if date_mention["high"] is not None and _LABEL_COLON.fullmatch(text, int(date_mention["end"]), start) \
                and text[max(0, int(date_mention["start"]) - 2):int(date_mention["start"])].strip() == "(":
            return str(date_mention["value_text"]), None, str(date_mention["high"]), "stated"
    return None


def _figure_between(figures: list[int], low: int, high: int) -> bool:
    """Whether another figure starts in text[low:high]: "41 animals against 23 in 2022" dates the 23."""
    index = bisect_left(figures, low)
    return index < len(figures) and figures[index] < high


# A figure said of a time that long before: "up from 31 units a year earlier", "13.8 weeks the month before",
# "two years ago" (not "a year before the vote": that counts from the vote).
EARLIER_AMOUNTS = {"a": 1, "an": 1, "one": 1, "the": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
EARLIER_AFTER = re.compile(r"\s+(an?|one|the|two|three|four|five|six|\d{1,2})\s+(day|week|month|year)s?\s+"
                           r"(?:earlier|before|ago)\b(?!\s+(?:the|that|this|its|his|her|their|last|a|an)\b)", re.IGNORECASE)
# Between a subject's date and the value: a past verb and a determiner or an approximation at most ("an interim
# analysis in September 2024 showed a 24% reduction", "the look at the data in May, which had shown 41%"), the
# date's phrase set off by commas or not ("the worst accident, at Voll in 1979, killed 94 people").
SUBJECT_DATE_GAP = re.compile(
    r"\s*(?:,\s*(?:(?:which|that)\s+)?)?(?:had\s+|has\s+)?(?:[a-z]{2,}ed|showed|shown|found|gave|put|saw|became|was|"
    r"were|had|hit|stood|rose|fell|grew|took|made|drew|won|lost|sold|paid|left|counted)(?:\s+that)?"
    r"(?:\s+(?:a|an|the|about|around|some|nearly|almost|just|only|roughly|over|under|more\s+than|less\s+than))*\s*",
    re.IGNORECASE)
SUBJECT_DATE_WORDS = {"in", "on", "during", "of"}   # "the Corran Fire of 2019, which burned"
# "The study was originally designed, when it began in March 2021, to enroll 2,200 patients": a when-clause set in
# the sentence dates what follows it.
WHEN_CLAUSE_BEFORE = re.compile(r",\s*when\s+[^,;.]{0,40}?\b(?:[a-z]{2,}ed|began|was|were|had|took|came|went|"
                                r"made|set|drew|won|lost)\b[^,;.]{0,20}?\s+(?:in|on|during)\s+$", re.IGNORECASE)
# The same clause opening the sentence, the value right after its comma: "When the Post visited the site on Tuesday,
# about 450 workers were on site"
OPENING_WHEN_CLAUSE = re.compile(r"\s*when\s+[^,;.]{0,60}?\b(?:[a-z]{2,}ed|began|was|were|had|took|came|went|made|"
                                 r"set|drew|won|lost|saw|met)\b[^,;.]{0,30}?\s+(?:in|on|during)\s+", re.IGNORECASE)
_COMMA_ONLY = re.compile(r"\s*,\s*")
AFTER_WHEN_CLAUSE = re.compile(r"\s*,\s*(?:to\s+)?[a-z]+\s+(?:(?:a|an|the|about|some|around|nearly|only)\s+)?",
                               re.IGNORECASE)


def _subject_period(mention: dict, words: Words, dates: list[dict], published_high: str | None):
    """A date in the subject of the value's clause, when a past verb is all that stands between them: the
    statement speaks as of that date ("an interim analysis in September 2024 showed a 24% reduction"). A present
    verb keeps the publication ("the plant built in 1990 produces 500 tonnes"), and so does a period after it."""
    start = int(mention["start"])
    before = [d for d in _dates_between(dates, int(mention["sentence_start"]), start - 1) if int(d["end"]) <= start]
    if not before:
        return None
    date_mention = max(before, key=lambda d: int(d["end"]))
    if date_mention["high"] is None or str(date_mention["modality"]) != "reported" \
            or (published_high and str(date_mention["low"] or "") > published_high):
        return None
    first = words.word_at_or_after(int(date_mention["start"]))
    opener = str(date_mention["value_text"]).split()[0].lower()
    if opener not in SUBJECT_DATE_WORDS and not (first > 0 and words.lower[first - 1] in SUBJECT_DATE_WORDS):
        return None
    gap = SUBJECT_DATE_GAP.fullmatch(words.text, int(date_mention["end"]), start)
    if gap and gap.group().lstrip().startswith(",") and _acted_aside(words.text, int(mention["sentence_start"]),
                                                                    int(date_mention["start"])):
        gap = None   # "the company, founded in 2002, employed 5,000": the aside's date is its own verb's
    if not gap \
            and not (WHEN_CLAUSE_BEFORE.search(words.text, max(int(mention["sentence_start"]), int(date_mention["start"]) - 60),
                                               int(date_mention["start"]))
                     and AFTER_WHEN_CLAUSE.fullmatch(words.text, int(date_mention["end"]), start)) \
            and not (OPENING_WHEN_CLAUSE.fullmatch(words.text, int(mention["sentence_start"]), int(date_mention["start"]))
                     and _COMMA_ONLY.fullmatch(words.text, int(date_mention["end"]), start)):
        return None
    return str(date_mention["value_text"]), None, str(date_mention["high"]), "stated"


def _acted_aside(text: str, sentence_start: int, date_start: int) -> bool:
    """Whether the words of the aside a date closes (from the comma before it) name an act: "founded in 2002"
    does, "at Voll in 1979" does not (it says when the subject was)."""
    opened = text.rfind(",", sentence_start, date_start)
    aside = WORD.findall(text[opened + 1 if opened >= 0 else sentence_start:date_start])
    return any(word.lower().endswith("ed") or word.lower() in VERB_WORDS or _predicate_of(word.lower())
               for word in aside)


def period_phrase(mention: dict, words: Words, dates: list[dict]) -> dict | None:
    """The date mention that qualifies a value in its clause: "10 meetings between 2016 and 2019",
    "seven meetings have taken place since 2016", "profit in the first quarter"; None when none does."""
    if mention["kind"] == "date":
        return None
    anchor = max(int(mention["end"]), int(mention["noun_end"]))
    for date_mention in _dates_between(dates, anchor, anchor + 80):
        start = int(date_mention["start"])
        if not anchor <= start <= anchor + 80 or start >= int(mention["sentence_end"]) \
                or CLAUSE_BREAK.search(words.text, anchor, start) \
                or words.word_at_or_after(start) - words.word_at_or_after(anchor) > 4:
            continue       # "remains on track to arrive in July 2029": the period is the arrival's
        preceding = words.word_at_or_after(start) - 1
        opener = str(date_mention["value_text"]).split()[0].lower()
        if opener in QUALIFYING_WORDS or (preceding >= 0 and words.lower[preceding] in QUALIFYING_WORDS):
            return date_mention
    return None


def _predicate(mention: dict, words: Words, clause: tuple[int, int], values) -> tuple[str, str]:
    """(predicate lemma, elided counted noun): the nearest verb-like word of the clause to the value.

    A predicate right after a value with no noun is what the value counts ("18 dead", "killing 12" reads
    "kill" from before); otherwise the nearest such word on either side, not past another value.
    """
    start, end = int(mention["start"]), int(mention["end"])
    noun_end = max(end, int(mention["noun_end"]))
    first = words.word_at_or_after(start)
    after = words.word_at_or_after(noun_end)
    left_limit, right_limit = _value_fence(values, start, end, clause)
    best = ""
    best_distance = 99
    for index in range(after, min(after + 6, len(words.spans))):
        s, e = words.spans[index]
        if e > right_limit:
            break
        found = _predicate_of(words.lower[index])
        if found:
            best, best_distance = SYNONYMS.get(found, found), index - after
            if all(word in _AUXILIARIES for word in words.lower[after:index]):
                best_distance = -1    # "and more than 30 have been injured": the value's own verb, after it
            break
    for index in range(first - 1, max(first - 8, -1), -1):
        s, e = words.spans[index]
        if s < left_limit:
            break
        found = _predicate_of(words.lower[index])
        if found:
            if first - 1 - index < best_distance:
                best = SYNONYMS.get(found, found)
            break
    elided = ""
    if not mention["unit"] and mention["kind"] == "number":
        # "The death toll has risen to 30", "a crowd of 61,482": a tally noun before a bare number says
        # what it counts.
        for index in range(first - 1, max(first - 8, -1), -1):
            if words.spans[index][0] < left_limit:
                break
            tally = TALLY_NOUNS.get(words.lower[index])
            if tally:
                return best or tally[1], tally[0]
    if not mention["unit"] and mention["kind"] in ("count", "number"):
        if after < len(words.spans):
            s, e = words.spans[after]
            if e <= right_limit and s - noun_end <= 2:
                verb = _predicate_of(words.lower[after])
                elided = ELIDED_COUNTED.get(verb or "", "")
                if verb:
                    best = verb
        if not elided and best:
            # "killing 12 and injuring 40", "police arrested 9.": the verb right before a bare count names what
            # it counts (also at the end of the text, and whatever synonym the predicate was read as)
            before = first - 1
            verb = _predicate_of(words.lower[before]) if before >= 0 and words.spans[before][0] >= left_limit else ""
            if verb and SYNONYMS.get(verb, verb) == best:
                elided = ELIDED_COUNTED.get(verb, "") or ELIDED_COUNTED.get(best, "")
    return best, elided


_AUXILIARIES = frozenset("have has had been were was are is be being will would".split())


def _crowd_before(words: Words, first: int) -> bool:
    """ "in front of 64,182", "watched by 61,000": the figure is a crowd."""
    before = words.lower[max(0, first - 3):first]
    return before[-3:] == ["in", "front", "of"] or before[-2:] in (["watched", "by"], ["attended", "by"])


def _implied_noun(mention: dict, words: Words) -> tuple[str, str]:
    """(counted noun, predicate) a bare number implies by English form, or ('', ''):
    - a crowd: "in front of 64,182 at the stadium" counts people;
    - a part of a whole: "34 of the 85 seats", "two of the five climbers" count the whole's noun;
    - a label: "Homes destroyed: 112" counts the label's noun, said of its verb."""
    first = words.word_at_or_after(int(mention["start"]))
    if _crowd_before(words, first):
        return "person", "crowd"
    after = words.word_at_or_after(int(mention["end"]))
    tail = words.lower[after:after + 4]
    if tail[:1] == ["of"]:
        rest = tail[2:] if len(tail) > 1 and tail[1] in ("the", "its", "their", "all", "his", "her") else tail[1:]
        if len(rest) >= 2 and (rest[0].isdigit() or rest[0].replace(",", "").isdigit() or rest[0] in UNITS_WORDS):
            noun = lemma(rest[1])
            if noun and noun != rest[1] and rest[1] not in STOP:
                return noun, ""
    line_start = words.text.rfind("\n", 0, int(mention["start"])) + 1
    label = LABEL.fullmatch(words.text, line_start, int(mention["start"]))
    if label:
        names = [w.lower() for w in WORD.findall(label.group(1))]
        act = next((_predicate_of(w) for w in names if _predicate_of(w)), "")
        noun = next((lemma(w) for w in names if lemma(w) and lemma(w) != w and w not in STOP
                     and not _predicate_of(w)), "")
        if act and ELIDED_COUNTED.get(SYNONYMS.get(act, act)) and not noun:
            noun = ELIDED_COUNTED[SYNONYMS.get(act, act)]     # "Deaths: 41"
        if noun:
            return noun, SYNONYMS.get(act, act)
    return "", ""


# "Homes destroyed: 112", "- Confirmed deaths: 41": a short label line before a figure.
LABEL = re.compile(r"\s*(?:[-*>]\s*)?([A-Za-z][A-Za-z' -]{1,40}?)\s*:\s*")


GOVERNOR_SKIP = frozenset("a an the in on at of by since from to until till during for its their his her our this "
                          "that as was were is are be been up back again first time".split())


def _governor(mention: dict, words: Words, clause: tuple[int, int]) -> str:
    """The content word the value hangs on, to its left in the clause: "founded in 2002" -> found,
    "the last in July 2019" -> last, "set up in 2002" -> set, "to meet for the first time on May 3" -> meet.
    '' when none within three words, function words not counted."""
    first = words.word_at_or_after(int(mention["start"]))
    skipped = 0
    dated = mention["kind"] == "date"
    for index in range(first - 1, max(first - 7, -1), -1):
        if words.spans[index][0] < clause[0]:
            break
        word = words.lower[index]
        if word in GOVERNOR_SKIP or (word in STOP and word not in GOVERNOR_WORDS) or (
                dated and (word in TIME_OF_DAY or word.isdigit())):
            skipped += 1     # a date hangs on the act, past its hour: "struck at 3:42 a.m. on Tuesday"
            continue
        if any(ch.isdigit() for ch in word) or first - 1 - index - skipped >= 3:
            return ""
        return term_of(word)
    return ""


# The hour of a day stands between a date and the act it dates: "struck at 3:42 a.m. on Tuesday", "ignited on
# the afternoon of 3 August", "before dawn on Tuesday".
TIME_OF_DAY = frozenset("""dawn daybreak sunrise sunset dusk morning mornings afternoon evening night overnight
midnight noon midday a.m p.m am pm gmt utc bst cet est edt pst local hours hrs o'clock early late shortly just
around about before after""".split())
# Verbs of saying date the statement, not the act it reports ("said on Tuesday").
SAYING = frozenset("say said says saying tell told tells telling add added adds state stated stat wrote write "
                   "report reported reporting comment commented".split())
# Subjects that name nothing: "since it broke out on Sunday"; relative pronouns stand for the noun before them.
_NO_SUBJECT = frozenset("it they he she we this what there".split())
_RELATIVE = frozenset("that which who whom".split())
# "Start date: August 4, 2024": a short label before a colon says what the date dates.
DATE_LABEL = re.compile(r"(?:^|\n)\s*(?:[-*#>]+\s*)?([A-Za-z][A-Za-z' -]{1,30}?)\s*(?:date|day|on)?\s*:\s*$", re.IGNORECASE)
DETERMINERS = frozenset("a an the its their his her our your".split())
PLANNED_WORDS = frozenset("original originally initial planned scheduled target targeted expected earlier "
                          "previous proposed".split())
# "212 aftershocks, 11 of them of magnitude 4": a value said of some of what was counted before is a part
# (binding and discovery both read it so).
# A duration between two moments, named after it: "nine days before the inauguration", "two weeks after election day"
# (not how long something lasts, nor how long ago: "two days after today" is a date)
OFFSET_AFTER = re.compile(r"\s+(?:before|after|ahead\s+of|prior\s+to|following)\s+(?!(?:today|tomorrow|yesterday|now)\b)",
                          re.IGNORECASE)
OF_THEM_AFTER = re.compile(r"\s+of\s+(?:them|those|these|which|whom)\b", re.IGNORECASE)
# Words of comparison: a date they hang on is the point compared against ("up from 14.2 weeks in December").
BASELINE_WORDS = frozenset("rise fall compar up down fewer more less increase decrease higher lower earlier "
                           "against".split())
# Act words that name one act: one start ("the fire ignited", "broke out", "the walkout began"), one quake's
# shaking, one removal from a post ("ejected in 2003", "ousted in 2002", "excommunicated").
EVENT_SYNONYMS = {"ignit": "start", "erupt": "start", "spark": "start", "open": "open", "jolt": "strike",
                  "rock": "strike", "shook": "strike", "shake": "strike",
                  "eject": "expel", "oust": "expel", "excommunicat": "expel", "expell": "expel", "expel": "expel"}


def _event(mention: dict, words: Words, clause: tuple[int, int]) -> str:
    """What a date dates, as terms: the act it hangs on and that act's subject ("the earthquake struck ... on
    Tuesday" -> strike earthquake, "the walkout that started on February 10" -> start strike), or the noun it
    dates ("Tuesday's earthquake", "the November 9 earthquake" -> earthquake). The hour between the act and
    the date is skipped, and verbs of saying date the statement, not an act: ''."""
    found: list[str] = []
    # "the November 9 earthquake", "Tuesday's earthquake": the noun after the date is what it dates
    dated_noun = ""
    after = words.word_at_or_after(int(mention["end"]))
    if after < len(words.spans) and not words.breaks_between(int(mention["end"]), words.spans[after][0]) \
            and "\n" not in words.text[int(mention["end"]):words.spans[after][0]] \
            and not words.text[words.spans[after][0]].isupper():
        word = words.lower[after]
        if word not in STOP and word not in TIME_OF_DAY and word not in PREPOSITIONS and not any(
                c.isdigit() for c in word) and not _predicate_of(word):
            dated_noun = term_of(word)
    first = words.word_at_or_after(int(mention["start"]))
    noun = first
    for index in range(first - 1, first - 1 if dated_noun else max(first - 10, -1), -1):
        if words.spans[index][0] < clause[0]:
            break
        word = words.lower[index]
        if word in SAYING:
            break
        stem = _predicate_of(word) or (term_of(word) if word in VERB_WORDS else "")
        if stem and index > 0 and words.lower[index - 1] in DETERMINERS:
            stem = ""    # "raising its offer in December": after a determiner the word is a noun
        if not stem and index > 0 and words.lower[index - 1] == "to" and word not in STOP and word.isalpha():
            stem = term_of(word)     # "scheduled to vote on June 10", "due to reopen on": the act is the vote
        if word in ("broke", "break", "breaks") and index + 1 < len(words.lower) and words.lower[index + 1] == "out":
            stem = "start"
        if not stem and not found and not dated_noun and word not in STOP and word not in TIME_OF_DAY and word not in GOVERNOR_SKIP \
                and not any(c.isdigit() for c in word) and not words.text[words.spans[index][0]].isupper():
            found.append(term_of(word))   # the noun it dates first: "a three-day strike from 00:01 on Monday"
            noun = index
            continue
        if not stem:
            continue
        if found and word.endswith("ing") and all(w not in STOP and w not in GOVERNOR_SKIP
                                                  for w in words.lower[index + 1:noun]):
            break     # "the closing share price of $29.75 on November 7": a modifier of the noun, not its act
        if any(w.isdigit() or w in ("percent", "per", "cent") for w in words.lower[max(0, index - 2):index]):
            return ""   # "was 15 percent contained on Wednesday": the day of a measure, not of the act
        term = SYNONYMS.get(stem, stem)
        found.append("=" + EVENT_SYNONYMS.get(term, term))
        found.append(_subject_before(words, index, clause))
        break
    if dated_noun:
        found.append(dated_noun)
        if first > 0 and words.lower[first - 1] in PLANNED_WORDS:
            found.append("=plan")   # "the original Sept. 14 launch": the day a plan gave, not the act's
    if not found:
        label = DATE_LABEL.search(words.text, max(0, clause[0] - 40), int(mention["start"]))
        if label:
            found.extend("=" + term_of(w.lower()) for w in WORD.findall(label.group(1)) if w.lower() not in STOP)
    if any(term.lstrip("=") in BASELINE_WORDS for term in found):
        return ""    # "an increase of 5,100 on the end of November": a date compared against dates no act
    return " ".join(dict.fromkeys(t for t in found if t.lstrip("=")))


def _subject_before(words: Words, verb: int, clause: tuple[int, int]) -> str:
    """The noun just before an act, past auxiliaries, adverbs and a relative pronoun ("the walkout that
    started" -> strike), or the noun a participle set off by a comma tells of ("the old bridge at Hesk, built in
    1894" -> bridge); '' for a pronoun, another verb or a number."""
    if verb > 0 and words.spans[verb - 1][0] < clause[0] and _participle(words.lower[verb]) \
            and words.text[words.spans[verb - 1][1]:words.spans[verb][0]].strip() == ",":
        return _noun_before_aside(words, verb - 1)
    for back in range(verb - 1, max(verb - 4, -1), -1):
        if words.spans[back][0] < clause[0]:
            break
        subject = words.lower[back]
        if subject in _NO_SUBJECT:
            break
        if subject in _RELATIVE or subject in STOP or subject in GOVERNOR_SKIP or subject.endswith("ly") \
                or subject in ("has", "have", "had", "was", "were"):
            continue
        if not _predicate_of(subject) and subject not in VERB_WORDS and not any(c.isdigit() for c in subject):
            return term_of(subject)
        break
    return ""


PARTICIPLES = frozenset("built made held set won lost sold paid shot begun done drawn found founded given grown hit "
                        "hung laid led left put run seen shut sunk spent struck taken thrown torn worn written".split())


def _participle(word: str) -> bool:
    return word in PARTICIPLES or (word.endswith("ed") and len(word) > 4)


def _noun_before_aside(words: Words, last: int) -> str:
    """The head noun of the phrase that ends at word `last`, before the comma of an aside: a place's name and
    the preposition before it are skipped ("the old stone bridge at Hesk" -> bridge)."""
    for back in range(last, max(last - 6, -1), -1):
        if back < last and any(ch in words.text[words.spans[back][1]:words.spans[back + 1][0]] for ch in ",;:()\n"):
            break
        word = words.lower[back]
        if words.text[words.spans[back][0]].isupper() or word in PREPOSITIONS or word in ("at", "in", "on", "of"):
            continue
        if word in STOP or word in _NO_SUBJECT or any(ch.isdigit() for ch in word) or _predicate_of(word) \
                or word in VERB_WORDS:
            return ""
        return term_of(word)
    return ""


# Function words that still tell what a date or figure is: "the last in July 2019", "the next in May".
GOVERNOR_WORDS = frozenset("last next first final latest previous".split()) - GOVERNOR_SKIP


def _governor_verb(mention: dict, words: Words, clause: tuple[int, int]) -> bool:
    """Whether the value hangs on a verb ("founded in 2002", "began on Monday"), not a noun ("fiscal 2027")."""
    first = words.word_at_or_after(int(mention["start"]))
    for index in range(first - 1, max(first - 4, -1), -1):
        if words.spans[index][0] < clause[0]:
            break
        word = words.lower[index]
        if word in GOVERNOR_SKIP:
            continue
        return bool(_predicate_of(word)) or word in VERB_WORDS
    return False


# Verbs a date often hangs on that do not end in -ed/-ing.
VERB_WORDS = frozenset("""began begin begins start starts struck strikes hit hits died dies won wins lost held holds met
meets ran runs opened opens closed closes fell rose took takes came comes went goes left leaves set sets cut cuts paid
sold made built began become became signed signs voted votes tore swept shook blew burst caught drove flew fled
fought froze gave grew hung led rang sank shot slid spread stood stole threw woke wore wrote""".split())


HEAD_LINKS = frozenset("of in at was is were are be been stood totalled totaled reached put to by a an the its their "
                       "his her our this that".split())
PREPOSITIONS = frozenset("against over under about above below after before between for from into onto than through "
                         "toward towards with without within among across per via versus vs on off up down out "
                         "around since until during despite".split())


def _head(mention: dict, words: Words, clause: tuple[int, int], values) -> str:
    """The noun a value is the measure of: its counted noun, else the noun right after it ("a $1.24 billion
    mission", "$38 million in cuts", "a 14.2% stake") or the one it is linked to before ("a budget of
    $1.24 billion", "turnout was 63.8 percent"). '' when none."""
    if mention["unit"] and mention["kind"] in ("count", "number"):
        return str(mention["unit"]).lower()
    tail = max(int(mention["end"]), int(mention["noun_end"]))   # where the value and its noun end
    if mention["kind"] == "quantity" and _DISTANCE_AFTER.match(words.text, tail):
        return "distance"
    if mention["kind"] == "duration" and _DELAY_AFTER.match(words.text, tail):
        return "delay"
    left_limit, right_limit = _value_fence(values, int(mention["start"]), int(mention["end"]), clause)
    after = words.word_at_or_after(tail)
    for index in range(after, min(after + 3, len(words.spans))):
        s, e = words.spans[index]
        if e > right_limit or words.breaks_between(int(mention["end"]), s):
            break
        word = words.lower[index]
        if word in ("in", "of") and index == after:
            continue
        if index == after and mention["kind"] == "quantity":
            dimension = _dimension_word(word, words.text, e)
            if dimension:
                return dimension
        if word in STOP or word in HEAD_LINKS or word in PREPOSITIONS or any(ch.isdigit() for ch in word):
            break
        return DIMENSION_NOUNS.get(word) or _noun_term(word)
    first = words.word_at_or_after(int(mention["start"]))
    for index in range(first - 1, max(first - 4, -1), -1):
        s, e = words.spans[index]
        if s < left_limit:
            break
        word = words.lower[index]
        if word == "by" and index == first - 1:
            break   # "beating the record by 23 centimetres", "cut spending by $5 million": the difference, not the noun's measure
        if word in HEAD_LINKS:
            continue
        if word in CHANGE_TO_VERBS and words.lower[index + 1] == "to":
            continue    # "the net loss narrowed to $37 million": the subject of the change is the level's noun
        if word in STOP or word in PREPOSITIONS or any(ch.isdigit() for ch in word) or _predicate_of(word):
            break
        return DIMENSION_NOUNS.get(word) or _noun_term(word)
    return ""


CHANGE_TO_VERBS = frozenset("""rose risen rises grew grown grows fell fallen falls climbed climbs jumped jumps dropped
drops narrowed narrows widened widens increased increases decreased decreases declined declines shrank shrunk shrinks
swelled swells soared soars slipped slips plunged plunges surged surges edged edges""".split())


def _noun_term(word: str) -> str:
    """A noun as a term: singular, one of synonyms as one ("a 4.4 temblor", "a 4.2 quake": earthquake)."""
    noun = lemma(word) or word
    return SYNONYMS.get(noun, noun)


# What a length measures, said by the word after it or by a noun: "640 metres deep", "460 metres underground", "640
# metres below the surface" and "a depth of 640 metres" all give a depth.
DIMENSION_ADJECTIVES = {"deep": "depth", "underground": "depth", "high": "height", "tall": "height", "long": "length",
                        "wide": "width", "across": "width"}
DIMENSION_NOUNS = {"depth": "depth", "height": "height", "length": "length", "width": "width"}
BELOW_GROUND = re.compile(r"\s+(?:the\s+)?(?:surface|ground|seabed|sea\s+floor|sea\s+bed|sea\s+level|water)\b",
                          re.IGNORECASE)


# A length that says which way it lies: "45 km (28 miles) to the west", "12 miles north-east of the town", "200
# metres away", "30 km offshore": the distance between two places, whatever else its sentence measures.
_COMPASS = r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ward|wards)?"
_DISTANCE_AFTER = re.compile(r"(?:\s*\([^()]{1,30}\))?\s+(?:(?:to\s+the\s+|further\s+|farther\s+)?" + _COMPASS +
                             r"\b|away\b|offshore\b|inland\b|upstream\b|downstream\b)", re.IGNORECASE)


# A time that says it is a delay: "four days behind schedule", "two weeks late", "a month ahead of schedule"
_DELAY_AFTER = re.compile(r"\s+(?:behind(?:\s+schedule)?|late|later\s+than\s+(?:planned|scheduled|expected)|early|"
                          r"ahead\s+of\s+schedule|overdue)\b", re.IGNORECASE)


def _dimension_word(word: str, text: str, end: int) -> str:
    """The dimension a quantity's next word gives it ("deep": depth; "below the surface": depth), or ''."""
    if word in DIMENSION_ADJECTIVES:
        return DIMENSION_ADJECTIVES[word]
    if word in ("below", "beneath", "under") and BELOW_GROUND.match(text, end):
        return "depth"
    return ""


_NOT_NAMES = STOP | frozenset("""i the a an it its this that these those he she we they his her their our mr mrs ms
dr prof sir lord lady""".split())


def _compound(mention: dict, words: Words) -> str:
    """The words between a value and its counted noun, as terms: "nine science instruments" -> science,
    "seven council meetings" -> council; '' when the noun follows the value directly or there is none."""
    end, noun_start = int(mention["end"]), int(mention["noun_start"])
    if noun_start <= end:
        return ""
    found = []
    for index in range(words.word_at_or_after(end), len(words.spans)):
        s, e = words.spans[index]
        if s >= noun_start:
            break
        word = words.lower[index]
        if word not in STOP and not any(ch.isdigit() for ch in word):
            found.append(term_of(word))
    return " ".join(found)


def _entity(mention: dict, words: Words, clause: tuple[int, int], values) -> str:
    """The named subject a value is said of: the nearest capitalised words within four words of it, before the value
    first ("the Liberal Party won 34 seats", "Siemens's 14.2% stake"), then after it ("34 seats for the
    Greens"); lowercased, space-separated; '' when the clause names none. A word opening the sentence is
    no name unless the next is capitalised too."""
    left_limit, right_limit = _value_fence(values, int(mention["start"]), int(mention["end"]), clause)
    first = words.word_at_or_after(int(mention["start"]))
    after = words.word_at_or_after(max(int(mention["end"]), int(mention["noun_end"])))
    sentence_first = words.word_at_or_after(int(mention["sentence_start"]))

    def name_at(index: int) -> bool:
        s, e = words.spans[index]
        word = words.text[s:e]
        if not word[:1].isupper() or words.lower[index] in _NOT_NAMES or any(ch.isdigit() for ch in word):
            return False
        if index == sentence_first:
            # one character, not a slice to the end of the text (a copy of half a long document per test)
            following = words.starts[index + 1] if index + 1 < len(words.starts) else -1
            return following >= 0 and words.text[following:following + 1].isupper()
        return True

    for indexes in (range(first - 1, max(first - 5, -1), -1), range(after, min(after + 4, len(words.spans)))):
        found: list[int] = []
        for index in indexes:
            s, e = words.spans[index]
            if s < left_limit or e > right_limit:
                break
            if name_at(index):
                found.append(index)
            elif found:
                break
        if len(found) == 1 and found[0] > 0 and words.lower[found[0] - 1] == "the" \
                and _modifies_a_noun(words, found[0] + 1, first if found[0] < first else len(words.spans)):
            continue    # "at the Dornholt gauge": a place's name before a common noun says which gauge, not whose figure
        if found and found[0] < first and found[0] + 1 < first and words.lower[found[0] + 1] in SAYING:
            continue    # "Ellwyn Valley Water said 8,400 households": who speaks, not whose the figure is
        if found and found[0] > first and words.lower[found[0] - 1] in _PLACE_PREPOSITIONS:
            continue    # "8,400 households in Harrowmere": where the figure is, not whose
        if found:
            # a name is read whole, past the window: "the European Medicines Agency approved ..."
            step = -1 if found[-1] < first else 1
            edge = found[-1] + step
            while 0 <= edge < len(words.spans) and len(found) < 8 and name_at(edge) \
                    and left_limit <= words.spans[edge][0] and words.spans[edge][1] <= right_limit:
                found.append(edge)
                edge += step
            return " ".join(term_of(words.lower[i]) for i in sorted(found))
    return _antecedent_name(words, first, left_limit, sentence_first, name_at)


def _antecedent_name(words: Words, first: int, left_limit: int, sentence_first: int, name_at) -> str:
    """ "Eilif Brannock, 57, who keeps 400 ewes": a value in a relative clause ("who", "whose") is said of the name
    the pronoun stands for, before it past an aside of an age or a title set off by commas; '' when none."""
    index = first - 1
    while index >= 0 and words.spans[index][0] >= left_limit and words.lower[index] not in ("who", "whose"):
        if first - index > 6:
            return ""
        index -= 1
    if index < 1 or words.lower[index] not in ("who", "whose") or words.spans[index][0] < left_limit:
        return ""
    found: list[int] = []
    for back in range(index - 1, max(index - 6, sentence_first - 1), -1):
        if name_at(back):
            found.append(back)
        elif found:
            break
        elif not words.lower[back].isdigit() and back < index - 2:
            break      # past a short aside ("57", "a farmer") no name: the pronoun stands for a common noun
    return " ".join(term_of(words.lower[i]) for i in sorted(found))


_PLACE_PREPOSITIONS = frozenset("in at near across around outside inside throughout".split())


def _modifies_a_noun(words: Words, index: int, value: int) -> bool:
    """Whether the word at `index` (right after a name, before the value) is a common noun the name modifies ("the
    Dornholt gauge"), not the name's verb ("the Liberal Party won") or a function word."""
    if index >= value:
        return False
    word = words.lower[index]
    s = words.spans[index][0]
    return word.isalpha() and not words.text[s].isupper() and word not in STOP and word not in PREPOSITIONS \
        and word not in VERB_WORDS and not word.endswith(("ed", "s")) and not _predicate_of(word)


def _value_fence(values, start: int, end: int, clause: tuple[int, int]) -> tuple[int, int]:
    """The clause around a value, cut at the neighbouring values: a word beyond another value is that value's."""
    left, right = clause
    index = bisect_left(values, (start, end))
    if index > 0 and values[index - 1][1] <= start:
        left = max(left, values[index - 1][1])
    # The first value from `index` on that starts at or after `end` (values are sorted): a bisection, not a
    # slice of the rest of the document's values per call.
    following = bisect_left(values, (end,), index)
    if following < len(values):
        right = min(right, values[following][0])
    return left, right


def _predicate_of(word: str) -> str:
    """A verb-like word as a stem shared by its forms ("evacuated", "evacuating" -> "evacuat"), else ''."""
    if word in PREDICATE_FORMS:
        return PREDICATE_FORMS[word]
    if len(word) < 5 or word in _NOT_PREDICATES or not word.isalpha():
        return ""
    if word.endswith("ied"):
        return word[:-3] + "y"
    for suffix in ("ed", "ing"):
        if word.endswith(suffix):
            stem = word[:-len(suffix)]
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                stem = stem[:-1]      # "planned", "planning" -> "plan"
            return stem.rstrip("e") if len(stem) > 3 else stem
    return ""


# Words news writers use for one another when they tell the same act or thing ("the strike began on
# Monday", "the walkout that started on February 9"): each maps to one term.
SYNONYMS = {
    "began": "start", "begun": "start", "begin": "start", "begins": "start", "beginn": "start", "commenc": "start",
    "kicked": "start", "ended": "end", "finish": "end", "finished": "end", "conclud": "end", "ends": "end",
    "walkout": "strike", "stoppage": "strike", "strikes": "strike",
    "quake": "earthquake", "temblor": "earthquake", "blaze": "fire", "wildfire": "fire", "bushfire": "fire",
    "acquir": "buy", "acquisition": "buy", "purchas": "buy", "bought": "buy", "buying": "buy", "takeover": "buy",
    "priced": "cost", "price": "cost", "costs": "cost", "costing": "cost",
    "spectator": "crowd", "attendance": "crowd", "attend": "crowd",
    "fatality": "die", "kill": "die", "dead": "die", "death": "die",
    "wound": "injur", "hurt": "injur", "convene": "meet", "conven": "meet", "convenes": "meet", "met": "meet",
    "meets": "meet", "meeting": "meet", "session": "meet", "sitting": "meet",
    "climb": "rise", "climbed": "rise", "jump": "rise", "jumped": "rise", "soar": "rise", "soared": "rise",
    "increas": "rise", "drop": "fall", "dropped": "fall", "declin": "fall", "decreas": "fall", "plung": "fall",
    "slid": "fall", "slide": "fall", "slip": "fall", "sink": "fall", "tumbl": "fall", "slump": "fall", "dip": "fall",
    "seek": "demand", "seeking": "demand", "sought": "demand", "want": "demand", "wants": "demand", "demands": "demand",
    "own": "hold", "owns": "hold", "owned": "hold", "holds": "hold", "held": "hold", "stake": "hold",
    # a legislature's decision: "approved the budget", "passed it", "adopted it", "the approval"
    "adopt": "approv", "adopted": "approv", "adopts": "approv", "pass": "approv", "passes": "approv",
    "approval": "approv", "approve": "approv", "approves": "approv",
    # finding out: "identified the intrusion on", "spotted unusual traffic on", "detected", "noticed"
    "identif": "discover", "identify": "discover", "spott": "discover", "spot": "discover", "detect": "discover",
    "notic": "discover", "uncover": "discover", "discovery": "discover",
}


@functools.lru_cache(maxsize=65536)
def content_term(word: str) -> str:
    """The term of a word that tells what a value is about; '' for function words, short words and numbers."""
    if word in STOP or len(word) < 3 or any(ch.isdigit() for ch in word):
        return ""
    term = term_of(word)
    return "" if term in STOP else term


@functools.lru_cache(maxsize=65536)
def term_of(word: str) -> str:
    """A word as a term: predicates by their lemma ("killing" = "killed"), nouns singular, synonyms as one
    (SYNONYMS), else lowercase."""
    if word.endswith(("'s", "\u2019s")):
        word = word[:-2]
    term = _predicate_of(word) or lemma(word) or word
    return SYNONYMS.get(term, term)


def _terms_columns(found: dict[str, int]) -> dict[str, str]:
    return {"terms": " ".join(found), "term_distances": " ".join(str(d) for d in found.values())}


def _terms(mention: dict, words: Words, clause: tuple[int, int], values) -> dict[str, int]:
    """The content words around a value, nearest first: its clause (not past a neighbouring value, whose
    words are its own), then, further down the list, the rest of its sentence."""
    value_start, value_end = int(mention["start"]), int(mention["end"])
    end = max(value_end, int(mention["noun_end"]))
    noun_start = int(mention["noun_start"]) if int(mention["noun_start"]) >= 0 else end
    first = words.word_at_or_after(value_start)
    after = words.word_at_or_after(value_end)
    found: dict[str, int] = {}
    unit = str(mention["unit"] or "").lower()
    fence = _value_fence(values, value_start, value_end, clause)
    sentence = (int(mention["sentence_start"]), int(mention["sentence_end"]))
    # Words beyond the value's clause speak of it less: they stand further off than they are.
    spans, count = words.spans, len(words.spans)
    for (left_limit, right_limit), beyond in ((fence, 0), (_value_fence(values, value_start, value_end, sentence),
                                                           BEYOND_CLAUSE)):
        # Only the words inside the limits are visited: the first word at or after the left limit, and the
        # last one ending by the right limit.
        lowest = words.word_at_or_after(left_limit)
        highest = min(words.word_at_or_after(right_limit), count) - 1
        left, right = first - 1, after
        for distance in range(1, 17):
            if len(found) >= TERMS_KEPT or (left < lowest and right > highest):
                break
            for index, away in ((right, right - after + 1), (left, first - left)):
                if index < lowest or index > highest:
                    continue
                s, e = spans[index]
                if e > right_limit or value_start <= s < value_end or noun_start <= s < end:
                    continue
                term = content_term(words.lower[index])
                if term and term not in found and term != unit:
                    found[term] = away + beyond
            left -= 1
            right += 1
    if len(found) < 3 and sentence[0] > 0:
        # "It was 63.8 percent.": a sentence with nothing of its own speaks of what the one before named.
        before = words.word_at_or_after(max(0, words.text.rfind("\n", 0, sentence[0] - 1) + 1, sentence[0] - 300))
        for index in range(first - 1, before - 1, -1):
            s, e = words.spans[index]
            if s >= sentence[0]:
                continue
            term = content_term(words.lower[index])
            if term and term not in found and term != unit:
                found[term] = 8 + first - index
            if len(found) >= TERMS_KEPT // 2:
                break
    return found
