"""What every click command shares: exit codes, the user-error boundary, the corpus options.

Both click layers use it, `checker.cli` and the gate's `checker.gate.command`, so an option
or error behaves the same in every command. The core never imports it (see pyproject).
"""
from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
CACHE_DIR = Path(".checker-cache")


def user_errors(command):
    """Turn a CheckerError into one line on stderr and exit code 2, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        from checker.errors import CheckerError

        try:
            return command(*args, **kwargs)
        except CheckerError as error:
            click.echo(f"checker: error: {error.one_line()}", err=True)
            sys.exit(EXIT_ERROR)

    return wrapper


def cache_dir(no_cache: bool) -> Path | None:
    return None if no_cache else CACHE_DIR


def _default_input(context, parameter, value):
    """An omitted --facts or --expectations stays DEFAULT: the core picks ./facts, or the demo's own catalog."""
    from checker.corpus import DEFAULT

    return DEFAULT if value is None else value


corpus_argument = click.argument("path", required=False, type=click.Path(path_type=Path))
facts_option = click.option("--facts", type=click.Path(path_type=Path), callback=_default_input,
                            help="Fact catalog: a YAML file or a folder of them.  [default: facts/; the demo "
                                 "corpus: its own]")
expectations_option = click.option("--expectations", type=click.Path(path_type=Path), callback=_default_input,
                                   help="Folder of Great Expectations suites (JSON).  [default: expectations/; "
                                        "the demo corpus: its own]")
cache_option = click.option("--no-cache", is_flag=True, help="Re-extract every document, ignoring the mention cache.")
discover_option = click.option("--no-discover", is_flag=True,
                               help="Audit the catalog's facts only: no discovered facts from unbound statements.")
