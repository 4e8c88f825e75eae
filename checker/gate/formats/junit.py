"""JUnit XML: one testcase per fact; a failure per conflict that fails the gate (a warning on a
discovered fact is no failure: it is written to the fact's system-out)."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from checker.gate.formats import conflict_message, where


def format_junit(gate) -> str:
    by_fact: dict[str, list[dict]] = {}
    for conflict in gate.conflicts:
        by_fact.setdefault(conflict["fact"], []).append(conflict)
    facts = gate.facts
    failures = sum(1 for fact in facts if any(c["counts"] for c in by_fact.get(fact, [])))
    suites = ET.Element("testsuites", name="checker gate", tests=str(len(facts)), failures=str(failures))
    suite = ET.SubElement(suites, "testsuite", name="checker.facts", tests=str(len(facts)),
                          failures=str(failures), errors="0", skipped="0")
    for fact in facts:
        case = ET.SubElement(suite, "testcase", classname="checker.facts", name=fact)
        lines = []
        for conflict in by_fact.get(fact, []):
            if conflict["counts"]:
                first = conflict["observations"][0]
                failure = ET.SubElement(case, "failure", type=f"{conflict['state']} conflict",
                                        message=conflict_message(conflict))
                failure.text = "\n".join(
                    [f"finding {conflict['finding']} ({conflict['rule']})",
                     *(f"{where(o)}: \"{o['value_text']}\" in \"{o['quote']}\"" for o in conflict["observations"])])
                case.set("file", first["display_path"])
                case.set("line", str(first["line"]))
            elif conflict.get("warning"):
                lines.append(f"warning (discovered fact) {conflict['state']} {conflict['finding']}: "
                             f"{conflict_message(conflict)}")
            elif conflict["accepted"]:
                lines.append(f"accepted {conflict['finding']}: {conflict['acceptance']['reason']}")
            else:
                lines.append(f"{conflict['state']} (not failing) {conflict_message(conflict)}")
        if lines:
            ET.SubElement(case, "system-out").text = "\n".join(lines)
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
