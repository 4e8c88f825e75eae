"""Reports: one result model (the audit records), many small formatters.

`write_reports` renders audit.json, audit.md and audit.html from `result.as_records()` and
writes them together, atomically, refusing to overwrite a report someone edited by hand.
"""
from __future__ import annotations

from pathlib import Path

from checker.report.model import STATUS_LABELS, STATUSES, counts, fact_sections, origin_note, records_of

SUMMARY_PAIRS = 3  # disagreeing pairs per conflict in the terminal; the reports list them all
MAIN_REPORTS = ("audit.json", "audit.md", "audit.html")  # a large corpus's pages beside them are counted

__all__ = ["render_reports", "summary_text", "write_reports"]


def render_reports(result) -> dict[str, str]:
    """File name -> content of every report; nothing is written. A large corpus's reports are split, the
    bulk in files beside them (checker.report.split)."""
    from checker.report.html import render_html
    from checker.report.json_report import render_json
    from checker.report.markdown import render_markdown
    from checker.report.split import is_large, render_split

    records = records_of(result)
    if is_large(records):
        return render_split(records)
    records = materialized(records)
    return {"audit.json": render_json(records), "audit.md": render_markdown(records),
            "audit.html": render_html(records)}


def write_reports(result, out_dir: str | Path, jobs: int | None = 1) -> list[Path]:
    """Write every report (or, on a hand-edited target, none). A large corpus's files are rendered one at a
    time as they are written, in pieces (checker.report.split.split_parts): never all held at once; with
    `jobs` above 1 (None: the cores available), audit.json, the sidecars and the reliability page are rendered by a
    second process, the other pages by a third, and each by this one once it has rendered audit.md and
    audit.html."""
    from checker.allocator import give_back
    from checker.atomic import Derived, write_files_atomic
    from checker.processes import process_count
    from checker.report.split import is_large, made_first, replaced_beside, split_parts

    records = records_of(result)
    if not is_large(records):
        return write_files_atomic(out_dir, {name: text.encode("utf-8")
                                            for name, text in render_reports(records).items()},
                                  replaces=replaced_beside)
    files, ready = split_parts(records)
    give_back()   # what the audit freed in the heap, before the processes below are forked (checker.allocator)
    # audit.json, the sidecars and the reliability page (split.made_first) are shared with a second process, which
    # starts on them at once while this one works out the view (ready); the other pages with a third, forked then,
    # while this one makes audit.md and audit.html and then joins in with what is left of both
    # (checker.processes.Shared)
    several = process_count(jobs) > 1
    return write_files_atomic(out_dir, {name: _derived_encoded(pieces) if isinstance(pieces, Derived)
                                        else _encoded(pieces) for name, pieces in files.items()},
                              beside=replaced_beside if several else None, replaces=replaced_beside,
                              first=made_first if several else None, ready=ready)


def _derived_encoded(derived):
    """A Derived file of text pieces as one of UTF-8 blocks, made as lazily."""
    from checker.atomic import Derived

    return Derived(derived.inputs, lambda: _encoded(derived.make()))


def materialized(records: dict) -> dict:
    """The records with any Rows of mention items (checker.records' lazy records) made into lists."""
    from checker.rows import Rows

    mentions = records.get("mentions") or []
    if not any(isinstance(entry.get("items"), Rows) for entry in mentions):
        return records
    return {**records, "mentions": [{**entry, "items": list(entry["items"])} if isinstance(entry.get("items"), Rows)
                                    else entry for entry in mentions]}


def _encoded(pieces, size: int = 1 << 20):
    """UTF-8 bytes of text pieces, in blocks of about `size` characters (a table's line is one piece); a piece
    already in bytes or a view of them (audit.json's: checker.report.json_report.json_blocks) goes as it is."""
    block, length = [], 0
    for piece in pieces:
        if isinstance(piece, (bytes, memoryview)):
            if block:
                yield "".join(block).encode("utf-8")
                block, length = [], 0
            yield piece
            continue
        block.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(block).encode("utf-8")
            block, length = [], 0
    if block:
        yield "".join(block).encode("utf-8")


def summary_text(result, written: list[Path] | None = None) -> str:
    """The CLI's short summary: counts per status, each conflict on one line, the files written."""
    records = records_of(result)
    summary = counts(records)
    discovered = f" ({summary['discovered']} discovered)" if summary["discovered"] else ""
    lines = [f"{summary['sources']} sources, {summary['facts']} facts{discovered}, "
             f"{summary['observations']} statements",
             "  " + " · ".join(f"{STATUS_LABELS[s].lower()} {summary[s]}" for s in STATUSES
                               if summary[s] or s not in ("resolved_by_correction", "implausible"))]  # rare: named when they occur
    if not summary["facts"] and summary.get("mentions"):
        lines.append(f"  no facts: the reports list the {summary['mentions']} values found, per source")
    if summary["accepted"] or summary["unaccepted"]:
        lines.append(f"  discrepancies: {summary['unaccepted']} unaccepted, {summary['accepted']} accepted")
    conflicts = [(section, finding) for section in fact_sections(records) for finding in section["findings"]
                 if finding["status"] == "conflict"]
    if conflicts:
        lines.append("conflicts:")
        for section, finding in conflicts:
            details = finding["details"][:SUMMARY_PAIRS]
            more = len(finding["details"]) - len(details)
            detail = "; ".join(details) + (f" (+{more} more)" if more > 0 else "") or finding.get("message", "")
            accepted = " (accepted)" if finding.get("accepted") else ""
            # "d_council_meetings (discovered, confidence 0.61)": a grouping checker made, not a catalog's fact.
            origin = f" ({origin_note(section, ', ')})" if section["origin"] == "discovered" else ""
            lines.append(f"  {section['key']}{origin}: {detail}{accepted}")
    warnings = records.get("catalog_warnings") or []
    if warnings:
        lines.append("catalog warnings:")
        lines += [f"  {warning['fact']}: {warning['message']}" for warning in warnings]
    if written:
        main = [path for path in written if Path(path).name in MAIN_REPORTS]
        beside = f" and {len(written) - len(main)} files beside them" if len(written) > len(main) else ""
        lines.append("wrote " + ", ".join(str(path) for path in main) + beside)
    return "\n".join(lines)
