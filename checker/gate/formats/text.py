"""The default output: one line per new, unchanged and resolved conflict, then acceptance problems."""
from __future__ import annotations

from checker.gate.formats import MESSAGE_CHARS, conflict_message
from checker.report.split import shortened_message


def format_text(gate) -> str:
    lines = []
    for conflict in [*gate.new, *gate.unchanged, *gate.resolved]:
        mark = ("FAIL" if conflict["counts"] else "ok  " if conflict["accepted"]
                else "info" if conflict["state"] == "resolved" else "warn")
        note = ""
        if conflict.get("warning"):
            note = "  [discovered fact: a warning; --fail-on-discovered fails on it]"
        elif conflict["accepted"]:
            note = f"  [accepted: {conflict['acceptance']['reason']}]"
        elif conflict.get("acceptance_expired"):
            note = f"  [acceptance expired {conflict['acceptance']['expires']}]"
        lines.append(f"{mark} {conflict['state']:<9} {conflict['finding']}  {conflict_message(conflict)}{note}")
    for finding in _not_conflicts(gate):
        lines.append(f"info {finding['status']:<9} {finding['id']}  {shortened_message(str(finding['message']), MESSAGE_CHARS)}")
    for acceptance in gate.stale:
        lines.append(f"{'FAIL' if gate.strict_acceptances else 'warn'} stale     {acceptance.path}:{acceptance.line}: "
                     f"acceptance for {acceptance.fact} matches no current conflict (remove it)")
    for acceptance in gate.expired:
        lines.append(f"{'FAIL' if gate.strict_acceptances else 'warn'} expired   {acceptance.path}:{acceptance.line}: "
                     f"acceptance for {acceptance.fact} expired on {acceptance.expires.isoformat()}")
    if gate.counted or gate.warned:
        lines.append("(accept a conflict after review: checker accept FINDING_ID [PATH] --reason \"...\")")
    lines.append(verdict(gate))
    return "\n".join(lines) + "\n"


def _not_conflicts(gate) -> list[dict]:
    """Differences that are no conflict because of how one side was said (hedged, denied, projected, planned,
    corrected): the gate names them, so a reader sees why they did not fail it."""
    records = gate.records or {}
    observations = {o["id"]: o for o in records.get("observations", [])}
    said = {"hedged", "denied", "projected", "planned", "corrected"}
    return [f for f in records.get("findings", []) if f["status"] in ("modality_only", "resolved_by_correction")
            and any((observations.get(o) or {}).get("modality") in said for o in f["observations"])]


def verdict(gate) -> str:
    accepted = sum(c["accepted"] for c in gate.conflicts)
    against = f" against {gate.baseline}" if gate.baseline else " (no baseline: every conflict is new)"
    counts = (f"{len(gate.conflicts)} conflict(s): {len(gate.new)} new, {len(gate.unchanged)} unchanged, "
              f"{accepted} accepted; {len(gate.resolved)} resolved; "
              f"{len(gate.stale)} stale and {len(gate.expired)} expired acceptance(s)")
    if gate.warned:
        counts += f"; {len(gate.warned)} unaccepted conflict(s) on discovered facts, as warnings"
    if not gate.failed:
        return f"gate passed{against}: {counts}"
    why = f"{len(gate.counted)} unaccepted {'new ' if gate.fail_on == 'new' else ''}conflict(s)"
    if gate.strict_acceptances and gate.acceptance_problems:
        why += f", {len(gate.acceptance_problems)} stale/expired acceptance(s) (--strict-acceptances)"
    return f"gate FAILED{against}: {why}; {counts}"
