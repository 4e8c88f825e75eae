"""The explicit list of checker's rules: one stable code and dotted name per Great Expectations expectation.

Like sqlfluff's RuleSet.register, registration is explicit and a code or name used twice is an error,
so a rule's code in a report always means one thing. This module imports nothing heavy; the GX classes
register themselves from checker.rules.expectations, which is imported only when a suite is validated.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable


@dataclass(frozen=True)
class Rule:
    """One rule: the GX expectation type that carries it, and the words a user reads about it."""

    code: str                  # stable, e.g. CK101
    name: str                  # dotted, e.g. agreement.cross_source
    expectation_type: str      # GX snake_case type, e.g. expect_column_values_to_be_between
    doc: str                   # first line: the message a user reads; body: a failing and a passing example
    detail: Callable[[dict, dict], str] | None = field(default=None, compare=False)  # (kwargs, meta) -> words

    @property
    def message(self) -> str:
        return first_line(self.doc)

    def message_for(self, kwargs: dict, meta: dict) -> str:
        """The message for one configured expectation, with its particulars (a range, say) when known."""
        extra = self.detail(kwargs, meta) if self.detail else ""
        return f"{self.message.rstrip('.')} ({extra})." if extra else self.message


def snake_case(class_name: str) -> str:
    """GX names an expectation type after its class: ExpectFooBar -> expect_foo_bar."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", class_name).lower()


def first_line(doc: str | None) -> str:
    lines = [line.strip() for line in (doc or "").strip().splitlines()]
    return lines[0] if lines else ""


class RuleSet:
    """Rules in registration order; registering a code or a name twice raises ValueError."""

    def __init__(self) -> None:
        self._by_code: dict[str, Rule] = {}

    def add(self, rule: Rule) -> Rule:
        if rule.code in self._by_code:
            raise ValueError(f"rule code {rule.code} is already registered "
                             f"(as {self._by_code[rule.code].name})")
        if any(known.name == rule.name for known in self._by_code.values()):
            raise ValueError(f"rule name {rule.name} is already registered")
        if not rule.message:
            raise ValueError(f"rule {rule.code} has no message (the first line of its docstring)")
        self._by_code[rule.code] = rule
        return rule

    def register(self, code: str, name: str, detail: Callable[[dict, dict], str] | None = None):
        """Class decorator for a custom expectation: its docstring is the rule's documentation."""

        def decorate(expectation_class):
            self.add(Rule(code=code, name=name, expectation_type=snake_case(expectation_class.__name__),
                          doc=expectation_class.__doc__ or "", detail=detail))
            return expectation_class

        return decorate

    def get(self, code: str) -> Rule | None:
        return self._by_code.get(code)

    def __iter__(self):
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)
