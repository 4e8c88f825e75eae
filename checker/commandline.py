"""What every click command shares: exit codes, the user-error boundary, the corpus options.

Both click layers use it, `checker.cli` and the gate's `checker.gate.command`, so an option
or error behaves the same in every command. The core never imports it (see pyproject).
"""
from __future__ import annotations

import functools
import inspect
import re
import sys
from pathlib import Path

import click

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
CACHE_DIR = Path(".checker-cache")


def user_errors(command):
    """The one error path of every command: exit code 2 and one line on stderr, never a traceback.

    A CheckerError says what to fix, where. Anything else is a failure to run that a user cannot act on
    from a traceback: one line naming the exception (and its file, for an OS error), with a hint to rerun
    with --debug, which prints the traceback as well. Exit 1 stays the gate's "unaccepted conflict", so CI
    never takes a crash for a finding. Adds the command's --debug option, and to a command that reads a
    corpus (a `path` or `files` argument) --max-document-size, checked with the corpus's files before the
    command runs (with a "reading N MB" note on stderr for a large corpus).
    """
    reads_corpus = {"path", "files"} & set(inspect.signature(command).parameters)

    @functools.wraps(command)
    def wrapper(*args, debug: bool = False, max_document_size: int | None = None, **kwargs):
        from checker.errors import CheckerError
        from checker.stopping import Watch, stop_on_terminate

        debug = debug or bool(click.get_current_context().meta.get(DEBUG_KEY))
        watch = Watch()   # an error met while a stop unwinds is told as the stop
        try:
            # SIGTERM unwinds as Ctrl-C does: no temporary file or forked process is left behind
            with stop_on_terminate() as watch:
                if reads_corpus:
                    _check_sizes(kwargs, max_document_size)
                return command(*args, **kwargs)
        except CheckerError as error:
            _fail(watch.reason or error.one_line(), debug)
        except KeyboardInterrupt:
            _fail(watch.reason or "interrupted", debug)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as error:  # noqa: BLE001  the boundary: whatever escaped the core
            _fail(watch.reason or f"{unexpected_line(error)} (rerun with --debug for the traceback)", debug)

    wrapper = click.option("--debug", is_flag=True, help="On an error, print its traceback too.")(wrapper)
    if reads_corpus:
        wrapper = click.option("--max-document-size", type=SIZE, default="200MB", show_default=True, metavar="SIZE",
                               help="Refuse a document file larger than this (e.g. 50MB, 1GB; 0: no limit).")(wrapper)
    return wrapper


LARGE_CORPUS = 10_000_000   # bytes: from here a run takes long enough to say what it reads


def _check_sizes(arguments: dict, limit: int | None) -> None:
    """Refuse a document over the limit; for a large corpus, say how much is read (stderr: CI logs keep it)."""
    from checker.corpus import check_document_sizes

    paths = arguments["files"] if "files" in arguments else [arguments.get("path")]
    count = total = 0
    for path in paths:
        found, size = check_document_sizes(path, limit)
        count, total = count + found, total + size
    if total >= LARGE_CORPUS and not arguments.get("quiet"):
        click.echo(f"checker: reading {total / 1e6:,.1f} MB in {count:,} document{'s' if count != 1 else ''}",
                   err=True)


_UNITS = {"": 1, "b": 1, "k": 1e3, "kb": 1e3, "m": 1e6, "mb": 1e6, "g": 1e9, "gb": 1e9,
          "kib": 2**10, "mib": 2**20, "gib": 2**30}


class Size(click.ParamType):
    """A size in bytes written as 200MB, 1.5GB, 500kB or a bare number of bytes; 0 means no limit."""

    name = "size"

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", str(value))
        unit = match.group(2).lower() if match else None
        if unit not in _UNITS:
            self.fail(f"{value!r} is not a size (write it like 200MB, 1.5GB or 500kB)", param, ctx)
        return int(float(match.group(1)) * _UNITS[unit])


SIZE = Size()


DEBUG_KEY = "checker.debug"
MAX_LINE = 400   # an error line stays readable in a CI log


def _fail(line: str, debug: bool) -> None:
    if debug:
        import traceback

        traceback.print_exc()
    click.echo(f"checker: error: {one_line(line)}", err=True)
    sys.exit(EXIT_ERROR)


def one_line(text: str) -> str:
    """Whitespace folded to single spaces and the length bounded: an error is one line."""
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_LINE else text[:MAX_LINE - 3] + "..."


def unexpected_line(error: BaseException) -> str:
    """An exception checker did not turn into a CheckerError, said in one line, naming its file if it has one."""
    if isinstance(error, OSError) and error.filename is not None:
        reason = error.strerror or type(error).__name__
        target = f" -> {error.filename2}" if error.filename2 is not None else ""
        return f"{error.filename}{target}: {reason}"
    if isinstance(error, MemoryError):
        return "out of memory (try --max-document-size, or split the largest documents)"
    if isinstance(error, RecursionError):
        return "input nested too deeply to read"
    detail = str(error)
    return f"unexpected {type(error).__name__}" + (f": {detail}" if detail else "")


class CheckerGroup(click.Group):
    """click's group, with its usage errors on one line and exit code 2 like every other error."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except click.ClickException as error:
            context = getattr(error, "ctx", None)
            where = f"{context.command_path}: " if context is not None else ""
            hint = f" (see {context.command_path} --help)" if context is not None else ""
            click.echo(f"checker: error: {one_line(where + error.format_message())}{hint}", err=True)
            sys.exit(error.exit_code if error.exit_code else EXIT_ERROR)
        except click.Abort:
            click.echo("checker: error: interrupted", err=True)
            sys.exit(EXIT_ERROR)
        sys.exit(result if isinstance(result, int) else EXIT_OK)


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
jobs_option = click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                           help="Processes that find mentions and bind them, and from 300 documents a second "
                                "one for the consensus and the report pages beside the audit (the same reports "
                                "for any number).  [default: the cores available]")
discover_option = click.option("--no-discover", is_flag=True,
                               help="Audit the catalog's facts only: no discovered facts from unbound statements.")
engine_option = click.option("--engine", type=click.Choice(["pandas", "spark"]), default="pandas", show_default=True,
                             help="Where the per-document stages run: here, or on Spark (needs checker[spark] and "
                                  "Java 17; the rest of the audit stays here).")
spark_master_option = click.option("--spark-master", metavar="URL",
                                   help="Spark master URL for --engine spark, e.g. local[4] or spark://host:7077  "
                                        "[default: spark-submit's, else local[*]]")
