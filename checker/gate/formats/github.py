"""GitHub Actions workflow commands: one ::error annotation per observation of each failing conflict,
one ::warning per observation of a conflict on a discovered fact that fails only with --fail-on-discovered;
ANNOTATED of them per conflict at most (GitHub shows a handful of annotations a step; a conflict in a fact stated
8,000 times wrote 8,000, each a megabyte).

Escaping follows the runner's rules (actions/toolkit, command.ts): in the message, % CR LF;
in properties additionally ':' and ','.
"""
from __future__ import annotations

from checker.gate.formats import SIDES_SHOWN, conflict_message

ANNOTATED = SIDES_SHOWN   # observations annotated per conflict: its first, each message naming the others


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(gate) -> str:
    lines = []
    for conflict in [*gate.counted, *gate.warned]:
        level = "error" if conflict["counts"] else "warning"
        for observation in conflict["observations"][:ANNOTATED]:
            properties = {"file": observation["display_path"], "line": str(observation["line"]),
                          "title": f"checker {conflict['fact']}"}
            joined = ",".join(f"{name}={escape_property(value)}" for name, value in properties.items())
            lines.append(f"::{level} {joined}::{escape_data(conflict_message(conflict, focus=observation))}")
    for acceptance in gate.acceptance_problems:
        level = "error" if gate.strict_acceptances else "warning"
        problem = "expired" if acceptance in gate.expired else "matches no current conflict"
        lines.append(f"::{level} file={escape_property(acceptance.path)},line={acceptance.line},"
                     f"title={escape_property('checker acceptance')}::"
                     + escape_data(f"acceptance for {acceptance.fact} {problem}"))
    return "".join(line + "\n" for line in lines)
