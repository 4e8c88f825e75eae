"""SARIF 2.1.0 for code scanning: rules are the GX rule codes, one result per current conflict
with a location per observation (the first LOCATIONS); accepted conflicts carry an external suppression, and a
conflict on a discovered fact is at most a warning unless the gate fails on discovered facts."""
from __future__ import annotations

import json

from checker import __version__
from checker.gate.formats import conflict_message, rule_code

LOCATIONS = 100   # locations per result: the first statements of the conflict

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"critical": "error", "warning": "warning", "info": "note"}


def _rules(gate) -> list[dict]:
    rules = {}
    for rule in gate.records.get("rules", []):
        if rule.get("code"):
            rules.setdefault(rule["code"], {"id": rule["code"], "name": rule.get("name") or rule["code"],
                                            "shortDescription": {"text": rule.get("name") or rule["code"]}})
    for conflict in gate.conflicts:
        code = rule_code(conflict)
        rules.setdefault(code, {"id": code, "name": code, "shortDescription": {"text": conflict["rule"] or code}})
    return [rules[code] for code in sorted(rules)]


def _location(observation: dict) -> dict:
    return {"physicalLocation": {
        "artifactLocation": {"uri": observation["display_path"]},
        "region": {"startLine": observation["line"], "startColumn": observation["column"],
                   "endColumn": observation["end_column"],
                   "snippet": {"text": observation["value_text"]}}},
        "message": {"text": observation["quote"]}}


def _level(conflict: dict, fail_on_discovered: bool) -> str:
    if conflict["accepted"]:
        return "note"
    level = LEVELS.get(conflict["severity"], "error")
    if conflict.get("discovered"):
        # A discovered fact's built-in rule is a warning; with --fail-on-discovered it fails like a declared one.
        return "error" if fail_on_discovered else "warning" if level == "error" else level
    return level


def _result(conflict: dict, rule_index: dict[str, int], fail_on_discovered: bool) -> dict:
    code = rule_code(conflict)
    result = {"ruleId": code, "ruleIndex": rule_index[code],
              "level": _level(conflict, fail_on_discovered),
              "message": {"text": conflict_message(conflict)},
              # GitHub code scanning rejects a file with a result of more than 1,000 locations, and shows 100
              "locations": [_location(o) for o in conflict["observations"][:LOCATIONS]],
              "partialFingerprints": {"checkerContent/v1": conflict["digest"]},
              "baselineState": conflict["state"],
              "properties": {"fact": conflict["fact"], "finding": conflict["finding"],
                             "discovered": bool(conflict.get("discovered"))}}
    if conflict["accepted"]:
        result["suppressions"] = [{"kind": "external", "status": "accepted",
                                   "justification": conflict["acceptance"]["reason"]}]
    return result


def format_sarif(gate) -> str:
    rules = _rules(gate)
    rule_index = {rule["id"]: index for index, rule in enumerate(rules)}
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "checker", "version": __version__, "rules": rules}},
        "results": [_result(c, rule_index, gate.fail_on_discovered) for c in gate.conflicts]}]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
