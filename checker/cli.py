"""The command line: parse options, call one library function, print, map errors to exit codes.

Exit codes: 0 consistent, 1 unaccepted discrepancies (gate) , 2 could not run.
Heavy libraries (pandas, Great Expectations) are imported inside commands so `--help` is instant.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from checker import __version__
from checker.commandline import (DEBUG_KEY, CheckerGroup, cache_dir, cache_option, corpus_argument, discover_option,
                                 engine_option, expectations_option, facts_option, jobs_option, spark_master_option,
                                 user_errors)


def progress_bar(enabled: bool):
    from checker.progress import progress_bar as bar

    return bar(enabled=enabled)


@click.group(cls=CheckerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="checker")
@click.option("--debug", is_flag=True, help="On an error, print its traceback too (every command also takes it).")
@click.pass_context
def cli(context: click.Context, debug: bool) -> None:
    """checker: find the facts each source states and where the sources really disagree.

    Start with the embedded demo corpus (no PATH), then audit a folder of your own documents.

    \b
    Examples:
      checker audit                    audit the demo corpus, write reports/
      checker audit articles/          audit your documents (catalog: facts/)
      checker mentions article.txt     list every value found in one file
      checker suggest articles/ -o facts/articles.yaml
      checker gate data/ --base origin/main

    Run "checker COMMAND --help" for a command's options and examples.
    """
    context.meta[DEBUG_KEY] = debug


@cli.command(short_help="Audit documents; write audit.json, audit.md and audit.html.")
@corpus_argument
@facts_option
@expectations_option
@click.option("--out", type=click.Path(path_type=Path), default=Path("reports"), show_default=True,
              help="Folder for audit.json, audit.md and audit.html.")
@cache_option
@discover_option
@jobs_option
@engine_option
@spark_master_option
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@user_errors
def audit(path, facts, expectations, out, no_cache, no_discover, jobs, engine, spark_master, quiet):
    """Audit PATH (a folder or files; default: the embedded demo corpus) and write reports.

    The catalog and suites are facts/ and expectations/ of the current folder, unless --facts and
    --expectations say otherwise; the demo corpus brings its own.

    \b
    Examples:
      checker audit
      checker audit articles/ --facts facts/my-story.yaml --out reports/
      checker audit articles/ --no-discover --quiet
      checker audit archive/ --jobs 4
      checker audit archive.parquet --engine spark --spark-master spark://head:7077
    """
    from checker.audit import run_audit
    from checker.collector import fewer_collections
    from checker.report import summary_text, write_reports

    with progress_bar(enabled=not quiet) as tick:
        result = run_audit(path, facts, expectations, cache_dir=cache_dir(no_cache), progress=tick,
                           discover=not no_discover, jobs=jobs, engine=engine, spark_master=spark_master)
    with fewer_collections():   # (as in the audit: the records are as many containers as its tables)
        records = result.as_records(lazy=True)  # built once: the reports and the summary all read it (a long
        # document's mentions made as the reports are written, checker.records)
        # and only it: the audit's tables go before the writing, which reuses their memory (at 30,000 articles the
        # peak of both processes writing the reports was some 50 MB higher with them kept)
        del result
        written = write_reports(records, out, jobs=jobs)
    if not quiet:
        click.echo(summary_text(records, written))


@cli.command(short_help="List every value found in files (no catalog needed).")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--published", help="Publication date (YYYY[-MM[-DD]]) that relative dates resolve against.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True,
              help="table: aligned columns to read; jsonl: one JSON object per value, for other tools.")
@user_errors
def mentions(files, published, fmt):
    """List every value the grammar finds in FILES (no catalog needed): the value as written, its kind,
    interval, unit and modality.

    \b
    Examples:
      checker mentions article.txt
      checker mentions notes.md --published 2024-10 --format jsonl
    """
    from checker.mentions.listing import list_mentions, format_mentions

    click.echo(format_mentions(list_mentions(files, published=published), fmt), nl=False)


@cli.command(short_help="Write a starting Great Expectations suite for a catalog.")
@click.option("--facts", type=click.Path(path_type=Path), default=Path("facts"), show_default=True,
              help="Fact catalog: a YAML file or a folder of them.")
@click.option("--output", "-o", type=click.Path(path_type=Path), required=True,
              help="Where to write the suite JSON (never overwrites an existing file).")
@user_errors
def suite(facts, output):
    """Write a starting Great Expectations suite for a fact catalog: the cross-source agreement rule, and
    a plausible-range rule for each fact with a range.

    \b
    Examples:
      checker suite --facts facts/my-story.yaml -o expectations/my-story.json
    """
    from checker.rules.starter import write_starting_suite

    path = write_starting_suite(facts, output)
    click.echo(f"wrote {path}")


@cli.command(short_help="Write a starting fact catalog from the facts discovered.")
@corpus_argument
@click.option("--output", "-o", type=click.Path(path_type=Path), required=True,
              help="Where to write the catalog YAML, e.g. facts/my-story.yaml (never overwrites; creates the folder).")
@facts_option
@cache_option
@user_errors
def suggest(path, output, facts, no_cache):
    """Write a starting fact catalog for PATH from the facts discovery finds in it (shared by several
    sources, not in your catalog yet). Review it, then audit with it.

    \b
    Examples:
      checker suggest articles/ -o facts/articles.yaml
      checker audit articles/ --facts facts/articles.yaml --no-discover
    """
    from checker.suggest import suggest_catalog, summary_lines

    with progress_bar(enabled=True) as tick:
        suggestion = suggest_catalog(path, output, facts, cache_dir=cache_dir(no_cache), progress=tick)
    click.echo("\n".join(summary_lines(suggestion)))


@cli.command(short_help="Say why each value of a document bound to a fact, or did not.")
@corpus_argument
@facts_option
@click.option("--doc", "document", help="The document (source id, as audit.json lists it) to explain.")
@click.option("--quote", help="Explain only the values of the sentences that hold these words.")
@user_errors
def explain(path, facts, document, quote):
    """For every value of a document (or of the sentences holding a quote), each fact's verdict: accepted
    with its score and the distance of its nearest evidence, or the test that rejected it (kind, part, unit,
    scope, exclude, cue, context); the fact that won is marked with *.

    \b
    Examples:
      checker explain articles/ --doc courier-2021-05
      checker explain articles/ --facts facts/my-story.yaml --quote "the 14 strikes"
    """
    from checker.explain import explain as explain_values, format_explanation

    click.echo(format_explanation(explain_values(path, facts, document=document, quote=quote)), nl=False)


def main() -> None:
    from checker.framestack import with_room
    # Imported here so that `checker --help` does not pay for the gate's imports.
    from checker.gate.command import register

    register(cli)
    try:
        with_room(cli, prog_name="checker")   # (Great Expectations' import, deep and many times over)
    except SystemExit as done:
        leave(done.code)


def leave(code) -> None:
    """End the process as SystemExit(code) would, without tearing the interpreter down: the exit handlers run and
    the standard streams are flushed, then the process ends. After a large audit, freeing every object of the
    audit one by one before exiting took a fifth of a second (at 10,000 articles, 5% of a re-audit), for memory
    the operating system takes back at once. Only the command line's own process leaves so; a caller of
    `cli` (tests, click's runner) gets its SystemExit as before."""
    import atexit
    import os

    if not hasattr(atexit, "_run_exitfuncs"):   # another Python: the usual exit
        raise SystemExit(code)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:   # what sys.exit("message") does: the message on stderr, status 1
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):   # a closed pipe, a closed stream: nothing more can be said
            pass
    os._exit(status)


if __name__ == "__main__":  # python -m checker.cli, as well as python -m checker and the checker script
    main()
