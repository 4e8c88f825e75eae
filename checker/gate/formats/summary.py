"""The Markdown step summary ($GITHUB_STEP_SUMMARY): the verdict and a table of conflicts."""
from __future__ import annotations

from checker.gate.formats import SIDES_SHOWN, where
from checker.gate.formats.text import verdict


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def format_summary(gate) -> str:
    lines = [f"## checker gate: {'failed' if gate.failed else 'passed'}", "", _cell(verdict(gate)), ""]
    rows = [*gate.new, *gate.unchanged, *gate.resolved]
    if rows:
        lines += ["| state | fact | statements | accepted |", "|---|---|---|---|"]
        for conflict in rows:
            # the first statements (GitHub takes a step summary of 1 MiB at most); every one is in the reports
            shown = conflict["observations"][:SIDES_SHOWN]
            more = len(conflict["observations"]) - len(shown)
            statements = "<br>".join([f"`{where(o)}` “{_cell(o['value_text'])}”: {_cell(o['quote'])}" for o in shown]
                                     + ([f"and {more} more (every one is in audit.json)"] if more else []))
            accepted = _cell(conflict["acceptance"]["reason"]) if conflict["accepted"] else "no"
            state = f"**{conflict['state']}**" if conflict["counts"] else conflict["state"]
            if conflict.get("warning"):
                state += " (warning: discovered fact)"
            lines.append(f"| {state} | {conflict['fact']} | {statements} | {accepted} |")
        lines.append("")
    for acceptance in gate.acceptance_problems:
        problem = "expired" if acceptance in gate.expired else "stale (matches no conflict)"
        lines.append(f"- acceptance `{acceptance.path}:{acceptance.line}` for {acceptance.fact}: {problem}")
    return "\n".join(lines).rstrip("\n") + "\n"
