"""The CI gate: audit, compare with a baseline, apply the acceptances file, decide pass or fail.

`run_gate(...) -> GateResult` does the work and prints nothing; `checker.gate.command` is the
thin click layer, and `checker.gate.formats` holds one small formatter per output.
"""
from __future__ import annotations

from checker.gate.run import GateResult, run_gate

__all__ = ["GateResult", "run_gate"]
