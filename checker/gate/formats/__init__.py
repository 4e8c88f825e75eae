"""One small formatter per gate output, each a function of a GateResult returning text."""
from __future__ import annotations


def where(observation: dict) -> str:
    return f"{observation['display_path']}:{observation['line']}"


def stated(observation: dict) -> str:
    """'"seven ferries" (news.txt:4: "Seven ferries ran on Sunday.")'"""
    return f"\"{observation['value_text']}\" ({where(observation)}: \"{observation['quote']}\")"


def conflict_message(conflict: dict, focus: dict | None = None) -> str:
    """One sentence naming every side of the conflict, the `focus` observation first."""
    observations = conflict["observations"]
    if focus is not None:
        observations = [focus, *(o for o in observations if o is not focus)]
    first, *others = observations
    return (f"{conflict['fact']}: {stated(first)} conflicts with "
            + "; ".join(stated(o) for o in others) + ".")


def rule_code(conflict: dict) -> str:
    """The GX rule code that decided a finding ('CK101 agreement.cross_source' -> 'CK101')."""
    rule = (conflict.get("rule") or "").strip()
    return rule.split()[0].rstrip(":") if rule else "checker"
