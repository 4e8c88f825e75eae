"""Fact catalogs (facts/*.yaml): which facts a story has and how to recognise them.

Each file holds one story (schema in the team brief / README). The files are read with
`yaml.compose` so that every error names the file and the line of the offending node.
Validation is strict: unknown keys, wrong types and bad enum values are errors, because
a typo in a catalog ("context_scop") would otherwise silently change what binds.

Units are lowercased, as the binder compares them with the grammar's lowercased `unit`
column: counted nouns must be written singular ("hearing"); currencies as ISO codes ("EUR").
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

from checker.errors import CheckerError

DEFAULT_CATALOG = Path("facts")
KINDS = ("count", "quantity", "money", "percent", "date", "duration")
CONTEXT_SCOPES = ("sentence", "phrase", "paragraph")
SCOPES = ("any", "total")
CHANGES = ("none", "any", "increasing", "decreasing")
_KEY = re.compile(r"[a-z0-9_]+")
_STORY = re.compile(r"[a-z0-9][a-z0-9_-]*")
STORY_KEYS = ("story", "title", "applies_when", "facts")
FACT_KEYS = ("key", "label", "kind", "unit", "context", "context_scope", "cues", "exclude", "scope", "changes",
             "window_days", "tolerance", "range", "description", "reference", "ordinals", "derive_whole")
REFERENCE_KEYS = ("value", "source", "as_of")


@dataclass(frozen=True)
class Reference:
    """What a catalog declares right for a fact: a value (low..high: numbers, or ISO days for a date fact),
    where it comes from (a document id of the corpus makes that document's statements authoritative),
    and the period it speaks for (None: any time)."""
    low: float | str | None = None
    high: float | str | None = None
    source: str = ""
    as_of: str = ""
    as_of_low: str | None = None
    as_of_high: str | None = None


@dataclass(frozen=True)
class Fact:
    key: str
    label: str
    kind: str
    units: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    context_scope: str = "sentence"
    cues: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    scope: str = "any"
    changes: str = "none"
    window_days: int = 0
    tolerance: float = 0.0
    range: tuple | None = None      # (low, high): floats, or ISO dates for date facts
    description: str = ""
    story: str = ""
    path: str = ""
    line: int = 0
    origin: str = "declared"        # declared (a catalog) or discovered (checker.discovery)
    confidence: float = 1.0         # for discovered facts: how alike its statements' evidence is
    evidence: tuple[str, ...] = ()  # for discovered facts: the words that tie its statements together
    reference: Reference | None = None   # an authoritative value or source (checker.references)
    ordinals: bool = False          # a count fact that "their fourth title" states (a count of titles: 4)
    derive_whole: bool = False      # "the 29 other members" with the one named states the whole: 30
    unit_notes: tuple[str, ...] = ()  # how units written in the plural or as a currency name were read


class Story(NamedTuple):
    id: str
    title: str
    applies_when: tuple[str, ...]
    path: str


@dataclass(frozen=True)
class Catalog:
    facts: tuple[Fact, ...] = ()
    stories: tuple[Story, ...] = ()

    def get(self, key: str) -> Fact | None:
        return self._by_key.get(key)

    @cached_property
    def _by_key(self) -> dict[str, Fact]:
        return {fact.key: fact for fact in self.facts}

    def facts_for(self, text: str) -> list[Fact]:
        """Facts of the stories this text belongs to: no applies_when, or one of its terms occurs as a word."""
        applies = self.stories_of(text)
        return [fact for fact in self.facts if applies.get(fact.story, True)]

    def stories_of(self, text: str) -> dict[str, bool]:
        """Story id -> whether this text belongs to it (facts_for: a fact of no story listed speaks anywhere)."""
        return {story.id: not story.applies_when or any(_term_pattern(term).search(text)
                                                        for term in story.applies_when)
                for story in self.stories}

    def as_records(self) -> list[dict]:
        """The report's "facts" list: plain types, in catalog order (declared facts, then discovered ones)."""
        return [{"key": fact.key, "label": fact.label, "kind": fact.kind, "unit": ", ".join(fact.units) or None,
                 "units": list(fact.units), "changes": fact.changes, "tolerance": fact.tolerance,
                 "window_days": fact.window_days, "story": fact.story,
                 "range": list(fact.range) if fact.range else None, "origin": fact.origin,
                 "confidence": _number(fact.confidence), "evidence": list(fact.evidence),
                 "reference": _reference_record(fact.reference)} for fact in self.facts]


def _reference_record(reference: Reference | None) -> dict | None:
    if reference is None:
        return None
    low, high = (_number(v) if isinstance(v, float) else v for v in (reference.low, reference.high))
    return {"low": low, "high": high, "source": reference.source or None, "as_of": reference.as_of or None}


def _number(value: float) -> float | int:
    """A whole number as an int, so a declared fact's confidence reads 1 in audit.json, not 1.0."""
    value = float(value)
    return int(value) if value.is_integer() else value


def normalised_units(units, kind: str | None) -> tuple[str, ...]:
    """Units as the grammar writes them, whatever a person typed: "dollars" and "US$" are USD, "sites" is
    site, "Kilometres" is km. A unit nothing can normalise is kept, lowercased (catalog warnings say so)."""
    from checker.mentions.quantities import CURRENCY_CODES, CURRENCY_SYMBOLS, CURRENCY_WORDS, TIME_UNITS, UNITS, lemma
    from checker.mentions.rates import per_amount

    found: list[str] = []
    for unit in units:
        word = unit.strip()
        lower = word.lower()
        rate = _RATE.fullmatch(lower)
        if rate:
            # A rate, "message/hour", "USD per share", "$/year": each side normalised on its own, the
            # denominator as a thing counted or a time unit ("per hour" counts hours).
            (top,) = normalised_units((rate.group(1),), kind)
            if kind == "quantity" and top == rate.group(1).strip():
                top = lemma(top) or top      # "colonies per 100 ml": a thing counted per an amount
            (bottom,) = (per_amount(rate.group(2)),) if rate.group(2)[0].isdigit() \
                else normalised_units((rate.group(2),), None)
            value = f"{top}/{bottom}"
            if value not in found:
                found.append(value)
            continue
        if lower in CURRENCY_WORDS and CURRENCY_WORDS[lower] not in ("cent", "pence"):
            value = CURRENCY_WORDS[lower].lower()
        elif lower in CURRENCY_SYMBOLS:
            value = CURRENCY_SYMBOLS[lower].lower()
        elif lower in CURRENCY_CODES:
            value = lower
        elif kind == "money":
            # Money is counted in a currency; any other unit on a money fact says what the amount is per
            # ("unit: share" is a price per share, in whatever currency the sources state it)
            value = "/" + (lemma(lower) or lower)
        elif lower in TIME_UNITS and kind in ("duration", "date"):
            value = TIME_UNITS[lower]
        elif lower in UNITS or _plural(lower) in UNITS:
            # "megawatt" as "megawatts": a unit written in the singular is the same unit
            value = UNITS.get(lower, UNITS.get(_plural(lower))).lower() if kind in ("quantity", "duration") else lower
        else:
            value = lemma(lower) or lower if kind in ("count", None) else lower
        if value not in found:
            found.append(value)
    return tuple(found)


def _plural(word: str) -> str:
    """The plural the grammar's unit table may list a unit under ("megawatt" -> "megawatts", "inch" -> "inches")."""
    return word + "es" if word.endswith(("ch", "sh", "s", "x")) else word + "s"


_RATE = re.compile(r"\s*(.+?)\s*(?:/|\bper\b)\s*(\d[\d,]*\s+[a-z]+|\w+)\s*")   # "per 100 ml": an amount


def unit_notes(units, kind: str | None) -> tuple[str, ...]:
    """How each unit written in the plural or as a currency name was read ("'dollars' is read as USD"): catalog
    warnings show them, so a writer sees what checker compares."""
    notes = []
    for unit in units:
        (read,) = normalised_units((unit,), kind)
        if read.startswith("/"):
            notes.append(f"unit {unit.strip()!r} is read as an amount per {read[1:]} ('$40 a share'), in any currency")
        elif read != unit.strip().lower() and read.lower() != unit.strip().lower():
            notes.append(f"unit {unit.strip()!r} is read as {read!r}")
    return tuple(notes)


_TERM_CACHE: dict[str, re.Pattern] = {}


def _term_pattern(term: str) -> re.Pattern:
    """Case-insensitive whole-word match; spaces in a term match any whitespace (line breaks too)."""
    if term not in _TERM_CACHE:
        words = r"\s+".join(re.escape(word) for word in term.split())
        _TERM_CACHE[term] = re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)
    return _TERM_CACHE[term]


def load_catalog(path: str | Path | None = DEFAULT_CATALOG, *, required: bool | None = None) -> Catalog:
    """Read a catalog file or a folder of them (*.yaml, *.yml, sorted).

    None gives an empty catalog. A path that does not exist is an error, except the default
    folder "facts" (a corpus may be audited without a catalog); `required` overrides that.
    """
    if path is None:
        return Catalog()
    path = Path(path)
    if not path.exists():
        if required is False or (required is None and path == DEFAULT_CATALOG):
            return Catalog()
        raise CheckerError("no such fact catalog (file or folder)", path=path)
    files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()) \
        if path.is_dir() else [path]
    facts: list[Fact] = []
    stories: list[Story] = []
    for file in files:
        story, story_line, story_facts = _read_file(file)
        for other in stories:
            if other.id == story.id:
                raise CheckerError(f"story {story.id!r} is already defined in {other.path}", path=file,
                                   line=story_line)
        known = {fact.key: fact for fact in facts}
        for fact in story_facts:
            if fact.key in known:
                raise CheckerError(f"duplicate fact key {fact.key!r} (first defined in "
                                   f"{known[fact.key].path}:{known[fact.key].line})", path=file, line=fact.line)
            known[fact.key] = fact
        stories.append(story)
        facts.extend(story_facts)
    return Catalog(tuple(facts), tuple(stories))


@lru_cache(maxsize=1)
def _loader():
    """SafeLoader that also reads 2.5e6 as a number (PyYAML's YAML 1.1 wants 2.5e+6, a common surprise)."""
    import yaml

    class CatalogLoader(yaml.SafeLoader):
        pass

    CatalogLoader.add_implicit_resolver("tag:yaml.org,2002:float",
                                        re.compile(r"^[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?[eE][-+]?[0-9]+$"),
                                        list("-+0123456789"))
    return CatalogLoader


def _read_file(file: Path) -> tuple[Story, int, list[Fact]]:
    import yaml

    try:
        root = yaml.compose(file.read_text(encoding="utf-8-sig"), Loader=_loader())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise CheckerError(f"invalid YAML: {error.problem or error.context}", path=file,
                           line=mark.line + 1 if mark else None) from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise CheckerError(f"cannot read catalog: {error}", path=file) from None
    except RecursionError:
        raise CheckerError("catalog nested too deeply to read", path=file) from None
    if root is None:
        raise CheckerError("empty catalog file (expected story: and facts:)", path=file)
    top = _Mapping(file, root, "catalog", STORY_KEYS, required=("story", "facts"))
    story_id = top.text("story")
    if not _STORY.fullmatch(story_id):
        raise top.error("story", f"story id {story_id!r} must be lowercase letters, digits, '-' or '_'")
    story = Story(story_id, top.text("title", default=story_id), top.terms("applies_when"), str(file))
    facts_node = top.nodes["facts"]
    if not isinstance(facts_node, yaml.SequenceNode):
        raise CheckerError("'facts' must be a list", path=file, line=facts_node.start_mark.line + 1)
    seen: dict[str, int] = {}
    facts = []
    for item in facts_node.value:
        fact = _read_fact(file, item, story_id)
        if fact.key in seen:
            raise CheckerError(f"duplicate fact key {fact.key!r} (first defined on line {seen[fact.key]})",
                               path=file, line=fact.line)
        seen[fact.key] = fact.line
        facts.append(fact)
    return story, top.key_lines["story"], facts


def _read_fact(file: Path, node, story_id: str) -> Fact:
    fact = _Mapping(file, node, "fact", FACT_KEYS, required=("key", "label", "kind"))
    key = fact.text("key")
    if not _KEY.fullmatch(key):
        raise fact.error("key", f"fact key {key!r} must match [a-z0-9_]+")
    kind = fact.choice("kind", KINDS, None)
    cues = fact.terms("cues")
    for number, cue in enumerate(cues):
        if cue.count("{value}") != 1:
            raise fact.error("cues", f"cue {cue!r} must contain {{value}} exactly once", item=number)
    tolerance = fact.number("tolerance", 0.0)
    if kind == "date":  # the README's promise: a date fact's tolerance is in days
        if tolerance < 0 or tolerance != int(tolerance):
            raise fact.error("tolerance", "a date fact's tolerance is a whole number of days >= 0")
    elif not 0 <= tolerance < 1:
        raise fact.error("tolerance", "tolerance is a relative fraction: 0 <= tolerance < 1 (0.1 = 10%)")
    window_days = fact.number("window_days", 0)
    if window_days < 0 or window_days != int(window_days):
        raise fact.error("window_days", "window_days must be a whole number of days >= 0")
    return Fact(
        key=key, label=fact.text("label"), kind=kind, units=normalised_units(fact.terms("unit"), kind),
        context=fact.terms("context"), context_scope=fact.choice("context_scope", CONTEXT_SCOPES, "sentence"),
        cues=cues, exclude=fact.terms("exclude"), scope=fact.choice("scope", SCOPES, "any"),
        changes=fact.choice("changes", CHANGES, "none"), window_days=int(window_days), tolerance=float(tolerance),
        range=_range(fact, kind), description=fact.text("description", default=""), story=story_id,
        path=str(file), line=node.start_mark.line + 1, reference=_reference(file, fact, kind),
        ordinals=fact.flag("ordinals"), derive_whole=fact.flag("derive_whole"),
        unit_notes=unit_notes(fact.terms("unit"), kind),
    )


def _reference(file: Path, fact: "_Mapping", kind: str) -> Reference | None:
    """`reference: {value: 112, source: "fire-service", as_of: 2024-08}`: value and/or source, as_of optional."""
    if "reference" not in fact.nodes:
        return None
    ref = _Mapping(file, fact.nodes["reference"], "reference", REFERENCE_KEYS, required=())
    if "value" not in ref.nodes and "source" not in ref.nodes:
        raise fact.error("reference", "a reference names a value, a source, or both: {value: ..., source: ...}")
    source = ref.text("source", default="")
    as_of, as_of_low, as_of_high = "", None, None
    if "as_of" in ref.nodes:
        from checker.corpus import parse_period

        written = ref.value("as_of")
        period = parse_period(written.isoformat() if hasattr(written, "isoformat") else str(written))
        if period is None:
            raise ref.error("as_of", "reference as_of is a date: YYYY, YYYY-MM or YYYY-MM-DD")
        as_of, as_of_low, as_of_high = period
    low = high = None
    if "value" in ref.nodes:
        value = ref.value("value")
        items = value if isinstance(value, list) else [value, value]
        if len(items) != 2:
            raise ref.error("value", "a reference value is one value or a list of two: [low, high]")
        if kind == "date":
            from checker.corpus import parse_period

            periods = [parse_period(item.isoformat() if hasattr(item, "isoformat") else str(item)) for item in items]
            if None in periods:
                raise ref.error("value", "a date fact's reference value is a date: YYYY, YYYY-MM or YYYY-MM-DD")
            low, high = periods[0][1], periods[1][2]
        else:
            if not all(_is_number(item) for item in items):
                raise ref.error("value", "a reference value is a number (or [low, high])")
            if not all(_finite(item) for item in items):
                raise ref.error("value", "a reference value is a finite number (no .inf, .nan or beyond 1e308)")
            low, high = (float(item) for item in items)
        if low > high:
            raise ref.error("value", f"reference low {items[0]} is above high {items[1]}")
    return Reference(low=low, high=high, source=source, as_of=as_of, as_of_low=as_of_low, as_of_high=as_of_high)




def _range(fact: "_Mapping", kind: str) -> tuple | None:
    if "range" not in fact.nodes:
        return None
    value = fact.value("range")
    if not isinstance(value, list) or len(value) != 2:
        raise fact.error("range", "range must be a list of two values: [low, high]")
    if kind == "date":
        from checker.corpus import parse_period

        periods = [parse_period(item.isoformat() if hasattr(item, "isoformat") else str(item)) for item in value]
        if None in periods:
            raise fact.error("range", "a date fact's range is two dates: [YYYY(-MM(-DD)), YYYY(-MM(-DD))]")
        low, high = periods[0][1], periods[1][2]
    else:
        if not all(_is_number(item) for item in value):
            raise fact.error("range", "range must be two numbers: [low, high]")
        if not all(_finite(item) for item in value):
            raise fact.error("range", "range must be two finite numbers (no .inf, .nan or beyond 1e308)")
        low, high = (float(item) for item in value)
    if low > high:
        raise fact.error("range", f"range low {value[0]} is above high {value[1]}")
    return (low, high)


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _finite(value) -> bool:
    """A number a float holds: no bool, no .nan or .inf, no integer beyond float range."""
    if not _is_number(value):
        return False
    try:
        return math.isfinite(float(value))
    except OverflowError:
        return False


class _Mapping:
    """A YAML mapping node checked against the keys it may have; values read with their line for errors."""

    def __init__(self, file: Path, node, what: str, allowed: tuple[str, ...], required: tuple[str, ...]) -> None:
        import yaml

        self.file, self.node, self.what = file, node, what
        if not isinstance(node, yaml.MappingNode):
            raise CheckerError(f"each {what} must be a mapping (key: value)", path=file, line=node.start_mark.line + 1)
        self.nodes: dict = {}
        self.key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key not in allowed:
                raise CheckerError(f"unknown {what} key {key!r} (allowed: {', '.join(allowed)})", path=file, line=line)
            if key in self.nodes:
                raise CheckerError(f"{key!r} given twice", path=file, line=line)
            self.nodes[key], self.key_lines[key] = value_node, line
        for key in required:
            if key not in self.nodes:
                raise CheckerError(f"{what} lacks {key!r}", path=file, line=node.start_mark.line + 1)

    def error(self, key: str, message: str, item: int | None = None) -> CheckerError:
        """An error at the value of `key`, or at its `item`-th list element when the value is a list."""
        node = self.nodes[key]
        if item is not None and isinstance(node.value, list) and item < len(node.value):
            node = node.value[item]
        return CheckerError(message, path=self.file, line=node.start_mark.line + 1)

    def value(self, key: str):
        import yaml

        node = self.nodes[key]
        try:
            return yaml.constructor.SafeConstructor().construct_object(node, deep=True)
        except yaml.MarkedYAMLError as error:   # a tag the safe loader refuses (!!python/...), a bad key
            mark = error.problem_mark or node.start_mark
            raise CheckerError(f"{key!r}: {error.problem or error.context}", path=self.file,
                               line=mark.line + 1) from None
        except (ValueError, OverflowError, TypeError) as error:   # PyYAML's date reading raises on 2024-13-45
            raise self.error(key, f"{key!r} has a value YAML cannot read: {error}") from None

    def text(self, key: str, default: str | None = None) -> str:
        if key not in self.nodes and default is not None:
            return default
        value = self.value(key)
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, f"{key!r} must be non-empty text")
        return value.strip()

    def terms(self, key: str) -> tuple[str, ...]:
        """A list of non-empty strings (a single string is accepted as a list of one)."""
        if key not in self.nodes:
            return ()
        import yaml

        value = self.value(key)
        node = self.nodes[key]
        items = [value] if isinstance(value, (str, int, float)) else value
        if not isinstance(items, list):
            raise self.error(key, f"{key!r} must be a list of non-empty strings")
        # A word is the word as written: a year or a number written bare ("exclude: [1938]"), and "Yes", "No", "On"
        # or "Off", which YAML 1.1 reads as true and false ("context: [Yes]" in a referendum's catalog)
        written = [node] if isinstance(node, yaml.ScalarNode) else list(node.value)
        items = [child.value if isinstance(item, (bool, int, float)) and isinstance(child, yaml.ScalarNode) else item
                 for item, child in zip(items, written)]
        for number, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                raise self.error(key, f"{key!r} must be a list of non-empty strings", item=number)
        return tuple(item.strip() for item in items)

    def choice(self, key: str, allowed: tuple[str, ...], default: str | None) -> str:
        if key not in self.nodes:
            return default
        import yaml

        node = self.nodes[key]
        # the word as written, in any case ("Sentence"): YAML 1.1 reads a bare "no" as false, which no choice is
        value = node.value.strip() if isinstance(node, yaml.ScalarNode) else self.value(key)
        if not isinstance(value, str) or value.lower() not in allowed:
            raise self.error(key, f"{key} {value!r} is not one of: {', '.join(allowed)}")
        return value.lower()

    def flag(self, key: str) -> bool:
        if key not in self.nodes:
            return False
        value = self.value(key)
        if not isinstance(value, bool):
            raise self.error(key, f"{key!r} must be true or false")
        return value

    def number(self, key: str, default: float) -> float:
        if key not in self.nodes:
            return default
        value = self.value(key)
        if not _is_number(value):
            raise self.error(key, f"{key!r} must be a number")
        if not _finite(value):
            raise self.error(key, f"{key!r} must be a finite number (no .inf, .nan or beyond 1e308)")
        return value
