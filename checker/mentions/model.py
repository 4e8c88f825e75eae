"""The record the grammar produces for each value it finds in a text."""
from __future__ import annotations

from dataclasses import dataclass, field, fields

KINDS = ("count", "quantity", "money", "percent", "number", "ordinal", "date", "duration")
MODALITIES = ("reported", "projected", "planned", "denied", "hedged")
QUALIFIERS = ("exact", "approx", "more_than", "at_least", "less_than", "at_most", "range", "vague")


# Not frozen: a frozen dataclass's __init__ sets each of the 16 fields through object.__setattr__, three
# times slower, and the scanner makes one or more a value (tens of thousands a megabyte). Nothing changes one
# after it is made: a change is a new mention (dataclasses.replace).
@dataclass(slots=True)
class Mention:
    """One stated value: an interval with its wording, place and manner. See checker.columns.MENTIONS."""

    kind: str
    value_text: str
    start: int
    end: int
    low: float | str | None
    high: float | str | None
    unit: str | None = None
    qualifier: str = "exact"
    tolerance: float = 0.0
    noun_start: int = -1
    noun_end: int = -1
    precision: str | None = None
    modality: str = "reported"
    flags: tuple[str, ...] = field(default_factory=tuple)
    sentence_start: int = 0
    sentence_end: int = 0

    def as_record(self, source: str | None = None) -> dict:
        # Field by field: dataclasses.asdict deep-copies every value, a tenth of a cold audit's CPU.
        record = {name: getattr(self, name) for name in FIELDS}
        record["flags"] = ",".join(self.flags)
        if source is not None:
            record = {"mention": f"{source}@{self.start}-{self.end}", "source": source, **record}
        return record


FIELDS = tuple(f.name for f in fields(Mention))
