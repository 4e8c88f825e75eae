"""`run_gate`: one audit, one optional baseline, the acceptances, and the verdict.

A conflict on a *discovered* fact (checker.discovery: no catalog declared it) is a warning by default:
discovery may group statements a person would keep apart, so it never fails a build on its own guess
unless asked to (`fail_on_discovered`). It is reported, annotated and accepted like any other.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from checker.corpus import DEFAULT
from checker.errors import CheckerError
from checker.gate.acceptances import Acceptance, load_acceptances
from checker.gate.conflicts import conflicts_of

FAIL_ON = ("new", "all")


@dataclass
class GateResult:
    records: dict                  # the audit.json dict, findings marked accepted / acceptance_reason
    conflicts: list[dict]          # current conflicts: state new|unchanged, accepted, acceptance, counts
    resolved: list[dict]           # baseline conflicts that no longer occur
    stale: list[Acceptance]        # entries that match no current conflict
    expired: list[Acceptance]      # entries past their expiry date (they accept nothing)
    fail_on: str = "new"
    strict_acceptances: bool = False
    fail_on_discovered: bool = False
    baseline: str | None = None    # what was compared against, for people; None = no baseline
    written: list[Path] = field(default_factory=list)

    @property
    def new(self) -> list[dict]:
        return [c for c in self.conflicts if c["state"] == "new"]

    @property
    def unchanged(self) -> list[dict]:
        return [c for c in self.conflicts if c["state"] == "unchanged"]

    @property
    def counted(self) -> list[dict]:
        """The conflicts that fail the gate: unaccepted, and new unless --fail-on all."""
        return [c for c in self.conflicts if c["counts"]]

    @property
    def warned(self) -> list[dict]:
        """Conflicts on discovered facts that would fail the gate if a catalog had declared their fact."""
        return [c for c in self.conflicts if c["warning"]]

    @property
    def acceptance_problems(self) -> list[Acceptance]:
        return sorted(set(self.stale) | set(self.expired), key=lambda a: a.line)

    @property
    def failed(self) -> bool:
        return bool(self.counted) or (self.strict_acceptances and bool(self.acceptance_problems))

    @property
    def facts(self) -> list[str]:
        keys = [f["key"] for f in self.records.get("facts", []) if "key" in f]
        return sorted(set(keys) | {c["fact"] for c in self.conflicts})


def run_gate(path: str | Path | None, facts: str | Path | None = DEFAULT,
             expectations: str | Path | None = DEFAULT, *, accepted: str | Path | None = None,
             baseline: str | Path | None = None, base: str | None = None, fail_on: str = "new",
             strict_acceptances: bool = False, out: str | Path | None = "reports",
             cache_dir: str | Path | None = None, progress: Callable[[int], None] | None = None,
             today: dt.date | None = None, discover: bool = True, fail_on_discovered: bool = False,
             engine: str = "pandas", spark_master: str | None = None, jobs: int | None = 1) -> GateResult:
    from checker.audit import run_audit
    from checker.gate.baseline import corpus_at_revision, load_baseline_file

    if fail_on not in FAIL_ON:
        raise CheckerError(f"--fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}")
    if baseline is not None and base is not None:
        raise CheckerError("give --baseline or --base, not both")
    if base is not None and path is None:
        raise CheckerError("--base needs a corpus PATH inside a git repository")
    acceptances = load_acceptances(accepted)  # a broken file fails before the slow audit
    # The baseline is audited on the same engine, with as many processes
    engines = {"engine": engine, "spark_master": spark_master, "jobs": jobs}
    result = run_audit(path, facts, expectations, cache_dir=cache_dir, progress=progress, discover=discover,
                       **engines)
    # Lazy, as `checker audit` writes them: the gate reads the statements and findings, and the reports walk each
    # source's mentions as they are written (checker.records). And from here only the records: the audit's tables
    # go before a baseline's audit and the writing (at 10,000 articles the gate peaked at 485 MB, the audit at 219)
    records = result.as_records(lazy=True)
    discovered = discovered_facts(result.catalog)
    del result

    old_records, label = None, None
    if baseline is not None:
        old_records, label = load_baseline_file(baseline), str(baseline)
    elif base is not None:
        with corpus_at_revision(path, base) as old_corpus:
            old_records = run_audit(old_corpus, facts, expectations, cache_dir=cache_dir,
                                    discover=discover, **engines).as_records(lazy=True)
        label = f"{path} at {base}"

    root = None if path is None else Path(path).resolve()
    if root is not None and root.is_file():
        root = root.parent
    gate = decide(records, conflicts_of(records, root),
                   # The baseline is the same corpus at another time: its paths read the same from here.
                   conflicts_of(old_records, root) if old_records is not None else None,
                   acceptances, fail_on, today or dt.date.today(), discovered=discovered,
                   fail_on_discovered=fail_on_discovered)
    gate.strict_acceptances, gate.baseline = strict_acceptances, label
    if out is not None:
        from checker.report import write_reports

        gate.written = list(write_reports(records, out, jobs=jobs))   # with the gate's acceptance marks
    return gate


def discovered_facts(catalog) -> frozenset[str]:
    """The keys of the audit's discovered facts (origin "discovered"), as the gate tells them from declared ones."""
    return frozenset(fact.key for fact in catalog.facts if fact.origin == "discovered")


def decide(records: dict, current: list[dict], old: list[dict] | None, acceptances: list[Acceptance],
           fail_on: str, today: dt.date, *, discovered: frozenset[str] = frozenset(),
           fail_on_discovered: bool = False) -> GateResult:
    old_keys = {c["key"] for c in old} if old is not None else set()
    used: set[Acceptance] = set()
    for conflict in current:
        # Without a baseline nothing is known to be old: every conflict is new.
        conflict["state"] = "unchanged" if conflict["key"] in old_keys else "new"
        matching = [a for a in acceptances if a.accepts(conflict)]
        used.update(matching)
        valid = [a for a in matching if not a.expired(today)]
        conflict["accepted"] = bool(valid)
        chosen = valid[0] if valid else (matching[0] if matching else None)
        conflict["acceptance"] = chosen.as_record() if chosen else None
        conflict["acceptance_expired"] = bool(matching) and not valid
        conflict["discovered"] = conflict["fact"] in discovered or conflict.get("origin") == "discovered"
        failing = not valid and (fail_on == "all" or conflict["state"] == "new")
        conflict["counts"] = failing and (fail_on_discovered or not conflict["discovered"])
        conflict["warning"] = failing and not conflict["counts"]
    current_keys = {c["key"] for c in current}
    resolved = [dict(c, state="resolved", accepted=False, acceptance=None, counts=False, warning=False,
                     discovered=c["fact"] in discovered or c.get("origin") == "discovered")
                for c in (old or []) if c["key"] not in current_keys]
    _mark_findings(records, current)
    return GateResult(records=records, conflicts=current, resolved=resolved,
                      stale=[a for a in acceptances if a not in used],
                      expired=[a for a in acceptances if a.expired(today)], fail_on=fail_on,
                      fail_on_discovered=fail_on_discovered)


def _mark_findings(records: dict, current: list[dict]) -> None:
    by_finding = {c["finding"]: c for c in current}
    for finding in records.get("findings", []):
        conflict = by_finding.get(finding["id"])
        finding["accepted"] = bool(conflict and conflict["accepted"])
        finding["acceptance_reason"] = conflict["acceptance"]["reason"] if finding["accepted"] else None
        if conflict is not None:
            finding["gate_state"] = conflict["state"]
