"""`accept_finding`: append one acceptance, computed from the current audit, to the acceptances file."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from checker.corpus import DEFAULT
from checker.errors import CheckerError
from checker.gate.acceptances import DEFAULT_ACCEPTED, append_acceptance, entry_text, load_acceptances
from checker.gate.conflicts import conflicts_of


def accept_finding(finding_id: str, path: str | Path | None, facts=DEFAULT, expectations=DEFAULT, *,
                   reason: str, by: str | None = None, expires: str | None = None,
                   accepted: str | Path | None = None, cache_dir: str | Path | None = None,
                   discover: bool = True) -> tuple[Path, str]:
    """Accept the conflict `finding_id` (a finding id, or its content digest) of PATH's current audit.

    Returns the file written and the entry's text. Never rewrites the file: it only appends.
    """
    from checker.audit import run_audit

    if not reason or not reason.strip():
        raise CheckerError("an acceptance needs a reason", hint='--reason "why this conflict is acceptable"')
    if expires is not None:
        try:
            expires = dt.date.fromisoformat(expires).isoformat()
        except ValueError:
            raise CheckerError(f"--expires must be an ISO date YYYY-MM-DD, not {expires!r}") from None
    target = Path(accepted) if accepted is not None else DEFAULT_ACCEPTED
    existing = load_acceptances(target)
    conflicts = conflicts_of(run_audit(path, facts, expectations, cache_dir=cache_dir,
                                       discover=discover).as_records(lazy=True))
    chosen = [c for c in conflicts if finding_id in (c["finding"], c["digest"])]
    if not chosen:
        known = ", ".join(c["finding"] for c in conflicts) or "none"
        raise CheckerError(f"no current conflict has the id {finding_id!r}", hint=f"current conflicts: {known}")
    conflict = chosen[0]
    for acceptance in existing:
        if acceptance.accepts(conflict) and not acceptance.expired(dt.date.today()):
            raise CheckerError(f"{conflict['finding']} is already accepted", path=acceptance.path,
                               line=acceptance.line)
    observations = conflict["observations"]
    text = entry_text(conflict["fact"], sorted({o["source"] for o in observations}),
                      sorted({o["value_text"] for o in observations}), reason.strip(), by=by, expires=expires)
    return append_acceptance(target, text), text
