"""The one user-error type. The core raises it; only the CLI catches it (exit code 2)."""
from __future__ import annotations

from pathlib import Path


class CheckerError(Exception):
    """Bad input or configuration that a user can fix: says what, where (file, line) and, if known, how."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None,
                 hint: str | None = None) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = f"{where}{self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def __reduce__(self):
        # Raised in a worker process (checker.pipeline), it arrives whole: message, file, line and hint.
        return type(self), (self.message, self.path, self.line, self.hint)
