"""The acceptances file: conflicts a person looked at and accepted, matched by content.

    # checker-accepted.yaml
    - fact: ferry_fleet
      sources: [harbour-news, island-weekly]
      values: ["twelve ferries", "14 ferries"]   # value texts, or the observations' quotes
      reason: The weekly counts the two ferries in dry dock.
      by: Ana                                    # optional
      expires: 2025-06-30                        # optional ISO date; after it the entry accepts nothing

An entry accepts a conflict when the fact is the same and every observation of the conflict is
covered: its source is among `sources` (when given) and its value text or quote is among
`values` (when given). Offsets and line numbers are never part of the match, so an acceptance
survives edits elsewhere in a document, and a changed value makes a new, unaccepted conflict.
checker never rewrites this file; `append_acceptance` only appends text to it.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from checker.errors import CheckerError

DEFAULT_ACCEPTED = Path("checker-accepted.yaml")
KEYS = ("fact", "sources", "values", "reason", "by", "expires")
HEADER = ("# Conflicts accepted after review. checker reads this file and never rewrites it;\n"
          "# `checker accept FINDING_ID --reason ...` appends entries. Matching is by content:\n"
          "# fact + the (source, value) of every observation, never offsets or line numbers.\n")


@dataclass(frozen=True)
class Acceptance:
    fact: str
    reason: str
    sources: tuple[str, ...] | None = None
    values: tuple[str, ...] | None = None
    by: str | None = None
    expires: dt.date | None = None
    path: str = ""
    line: int = 0

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and self.expires < today

    def covers(self, observation: dict) -> bool:
        if self.sources is not None and observation["source"] not in self.sources:
            return False
        if self.values is not None:
            said = {_squeeze(observation.get("value_text")), _squeeze(observation.get("quote"))}
            if not said & {_squeeze(value) for value in self.values}:
                return False
        return True

    def accepts(self, conflict: dict) -> bool:
        return conflict["fact"] == self.fact and all(self.covers(o) for o in conflict["observations"])

    def as_record(self) -> dict:
        return {"fact": self.fact, "sources": list(self.sources) if self.sources is not None else None,
                "values": list(self.values) if self.values is not None else None, "reason": self.reason,
                "by": self.by, "expires": self.expires.isoformat() if self.expires else None,
                "path": self.path, "line": self.line}


def _squeeze(text) -> str:
    return " ".join(str(text).split()) if text is not None else ""


def load_acceptances(path: str | Path | None) -> list[Acceptance]:
    """Read and check the file; a missing file accepts nothing. Errors name the file and line."""
    path = Path(path) if path is not None else DEFAULT_ACCEPTED
    if not path.exists():
        return []
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
        loader = yaml.SafeLoader(text)
        try:
            root = loader.get_single_node()
            if root is None:
                return []
            if not isinstance(root, yaml.SequenceNode):
                raise CheckerError("the acceptances file must be a list of entries ('- fact: ...')",
                                   path=path, line=root.start_mark.line + 1)
            return [_entry(loader, node, path) for node in root.value]
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise CheckerError(f"not valid YAML: {getattr(error, 'problem', error)}", path=path,
                           line=mark.line + 1 if mark else None) from None
    except (OSError, UnicodeDecodeError) as error:
        raise CheckerError(f"cannot read the acceptances file: {error}", path=path) from None
    except (ValueError, OverflowError) as error:   # PyYAML's date reading raises on 2024-13-45 outside 'expires'
        raise CheckerError(f"a value YAML cannot read: {error}", path=path) from None
    except RecursionError:
        raise CheckerError("nested too deeply to read", path=path) from None


def _entry(loader, node, path: Path) -> Acceptance:
    import yaml

    line = node.start_mark.line + 1

    def fail(message: str, at=node):
        raise CheckerError(message, path=path, line=at.start_mark.line + 1)

    if not isinstance(node, yaml.MappingNode):
        fail("each entry must be a mapping with fact, sources and/or values, and reason")
    entry = {}
    for key_node, value_node in node.value:
        key = key_node.value
        if key not in KEYS:
            fail(f"unknown key {key!r} (known: {', '.join(KEYS)})", key_node)
        if key == "expires" and isinstance(value_node, yaml.ScalarNode):
            # Read the date ourselves: PyYAML's timestamp constructor raises on 2024-13-01.
            entry[key] = (value_node.value or None, value_node)
        else:
            entry[key] = (loader.construct_object(value_node, deep=True), value_node)

    def text(key: str, required: bool = False) -> str | None:
        value, at = entry.get(key, (None, node))
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                fail(f"entry lacks a {key!r}" + (" (say why this conflict is acceptable)" if key == "reason" else ""))
            return None
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            fail(f"{key!r} must be text", at)
        return str(value).strip()

    def text_list(key: str) -> tuple[str, ...] | None:
        if key not in entry:
            return None
        value, at = entry[key]
        value = [value] if isinstance(value, str) else value
        if not isinstance(value, list) or not value or not all(isinstance(v, (str, int, float)) for v in value):
            fail(f"{key!r} must be a non-empty list of texts", at)
        return tuple(str(v) for v in value)

    fact = text("fact", required=True)
    if not re.fullmatch(r"[a-z0-9_]+", fact):
        fail(f"fact {fact!r} is not a fact key ([a-z0-9_]+)", entry["fact"][1])
    sources, values = text_list("sources"), text_list("values")
    if sources is None and values is None:
        fail("entry needs 'sources' and/or 'values' saying which statements it accepts")
    return Acceptance(fact=fact, reason=text("reason", required=True), sources=sources, values=values,
                      by=text("by"), expires=_date(entry.get("expires"), fail), path=str(path), line=line)


def _date(item, fail) -> dt.date | None:
    if item is None or item[0] is None:
        return None
    value, at = item
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        fail(f"'expires' must be an ISO date YYYY-MM-DD, not {value!r}", at)


def entry_text(fact: str, sources: list[str], values: list[str], reason: str, by: str | None = None,
               expires: str | None = None) -> str:
    """One entry as YAML text, dumped by PyYAML so quoting is always right."""
    import yaml

    entry = {"fact": fact, "sources": sources, "values": values, "reason": reason}
    if by:
        entry["by"] = by
    if expires:
        entry["expires"] = expires
    return yaml.safe_dump([entry], sort_keys=False, allow_unicode=True, width=100, default_flow_style=None)


def append_acceptance(path: str | Path, text: str) -> Path:
    """Append one entry's text; the file's own text and comments stay byte for byte.

    This file is a person's, edited by hand by design, so checker.atomic's hand-edit guard
    (which refuses to replace edited files) does not fit: appending is the one change made,
    and the result is checked to load before a byte is written.
    """
    path = Path(path)
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    addition = ("" if old else HEADER) + ("\n" if old and not old.endswith("\n") else "") + text
    _check_still_valid(old + addition, path)
    with path.open("a", encoding="utf-8") as stream:
        stream.write(addition)
    return path


def _check_still_valid(text: str, path: Path) -> None:
    # A file written as a flow list ("[]") or a mapping cannot take an appended block entry:
    # refuse rather than leave a file that no longer loads.
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / path.name
        probe.write_text(text, encoding="utf-8")
        try:
            load_acceptances(probe)
        except CheckerError as error:
            raise CheckerError(f"cannot append an entry: the file would no longer load ({error.message})",
                               path=path, hint="write it as a YAML block list, '- fact: ...'") from None
