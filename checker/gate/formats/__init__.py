"""One small formatter per gate output, each a function of a GateResult returning text."""
from __future__ import annotations


def where(observation: dict) -> str:
    return f"{observation['display_path']}:{observation['line']}"


def stated(observation: dict) -> str:
    """'"seven ferries" (news.txt:4: "Seven ferries ran on Sunday.")'"""
    return f"\"{observation['value_text']}\" ({where(observation)}: \"{observation['quote']}\")"


# A conflict in a fact stated thousands of times has thousands of sides. What CI shows is bounded: a line names
# SIDES_SHOWN statements and counts the rest (at 10,000 articles one conflict's line was a megabyte, and GitHub
# annotations, one per statement, repeated it 8,000 times); audit.json and the reports hold every one.
SIDES_SHOWN = 10
MESSAGE_CHARS = 300   # a finding's own message in a line of output


def conflict_message(conflict: dict, focus: dict | None = None, shown: int = SIDES_SHOWN) -> str:
    """One sentence naming the sides of the conflict, the `focus` observation first: `shown` of them, and how
    many more there are."""
    observations = conflict["observations"]
    if focus is not None:
        observations = [focus, *(o for o in observations if o is not focus)]
    first, *others = observations
    named = others[:max(shown - 1, 1)]
    more = len(others) - len(named)
    return (f"{conflict['fact']}: {stated(first)} conflicts with " + "; ".join(stated(o) for o in named)
            + (f"; and {more} more statement{'s' if more != 1 else ''} (every one is in audit.json)." if more else "."))



def rule_code(conflict: dict) -> str:
    """The GX rule code that decided a finding ('CK101 agreement.cross_source' -> 'CK101')."""
    rule = (conflict.get("rule") or "").strip()
    return rule.split()[0].rstrip(":") if rule else "checker"
