"""The `gate` and `accept` commands: parse, call run_gate / accept_finding, print, exit 0/1/2."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from checker.commandline import (EXIT_FINDINGS, EXIT_OK, cache_dir, cache_option, corpus_argument,
                                 discover_option, engine_option, expectations_option, facts_option,
                                 jobs_option, spark_master_option, user_errors)

FORMATS = ("text", "github", "junit", "sarif")


def _corpus_options(command):
    for option in reversed([
        corpus_argument, facts_option, expectations_option,
        click.option("--accepted", type=click.Path(path_type=Path), default=Path("checker-accepted.yaml"),
                     show_default=True, help="Acceptances file (YAML) a person keeps."),
        cache_option, discover_option,
    ]):
        command = option(command)
    return command


def _write_outputs(gate, formats, junit, sarif, github_summary) -> None:
    from checker.atomic import write_text_atomic
    from checker.gate.formats.github import format_github
    from checker.gate.formats.junit import format_junit
    from checker.gate.formats.sarif import format_sarif
    from checker.gate.formats.summary import format_summary
    from checker.gate.formats.text import format_text

    printers = {"text": format_text, "github": format_github, "junit": format_junit, "sarif": format_sarif}
    chosen = list(dict.fromkeys(formats or ("text",)))
    if os.environ.get("GITHUB_ACTIONS") == "true" and "github" not in chosen:
        chosen.append("github")
    for name in chosen:
        click.echo(printers[name](gate), nl=False)
    if junit:
        write_text_atomic(junit, format_junit(gate))
    if sarif:
        write_text_atomic(sarif, format_sarif(gate))
    summary = github_summary or os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        # GitHub's step summary file is shared by every step of a job: append, never replace.
        with open(summary, "a", encoding="utf-8") as stream:
            stream.write(format_summary(gate))


def register(cli: click.Group) -> None:
    @cli.command(short_help="The CI gate: exit 1 on unaccepted conflicts.")
    @_corpus_options
    @click.option("--baseline", type=click.Path(path_type=Path), help="A previous audit.json to compare with.")
    @click.option("--base", metavar="REV", help="Compare with the same corpus at this git revision.")
    @click.option("--fail-on", type=click.Choice(["new", "all"]), default="new", show_default=True,
                  help="Fail on new unaccepted conflicts only, or on any unaccepted conflict.")
    @click.option("--fail-on-discovered", is_flag=True,
                  help="Conflicts on discovered facts fail like declared ones (default: they are warnings).")
    @click.option("--strict-acceptances", is_flag=True, help="Stale or expired acceptances fail the gate too.")
    @click.option("--no-fail", is_flag=True, help="Report everything but always exit 0 (rollout).")
    @click.option("--format", "formats", type=click.Choice(FORMATS), multiple=True,
                  help="What to print (repeatable; default text; github is added when GITHUB_ACTIONS=true).")
    @click.option("--junit", type=click.Path(path_type=Path), help="Also write JUnit XML here.")
    @click.option("--sarif", type=click.Path(path_type=Path), help="Also write SARIF 2.1.0 here.")
    @click.option("--github-summary", type=click.Path(path_type=Path),
                  help="Append a Markdown summary here (default: $GITHUB_STEP_SUMMARY).")
    @click.option("--out", type=click.Path(path_type=Path), default=Path("reports"), show_default=True,
                  help="Folder for audit.json, audit.md and audit.html.")
    @jobs_option
    @engine_option
    @spark_master_option
    @user_errors
    def gate(path, facts, expectations, accepted, no_cache, no_discover, baseline, base, fail_on, fail_on_discovered,
             strict_acceptances, no_fail, formats, junit, sarif, github_summary, out, jobs, engine, spark_master):
        """Fail (exit 1) when PATH has unaccepted conflicts, by default only ones new against the baseline.

        A conflict on a discovered fact (one no catalog declares) is a warning unless --fail-on-discovered.

        \b
        Exit codes:
          0  passed: no conflict fails the gate (or --no-fail)
          1  failed: an unaccepted conflict, new unless --fail-on all, on a
             discovered fact only with --fail-on-discovered; or a stale or
             expired acceptance with --strict-acceptances
          2  could not run: bad corpus, catalog, suite, acceptances or baseline

        \b
        Examples:
          checker gate data/
          checker gate data/ --base origin/main --junit reports/junit.xml
          checker gate data/ --baseline old/audit.json --fail-on all
        """
        from checker.gate import run_gate
        from checker.progress import progress_bar

        with progress_bar(enabled=True) as tick:
            result = run_gate(path, facts, expectations, accepted=accepted, baseline=baseline, base=base,
                              fail_on=fail_on, strict_acceptances=strict_acceptances, out=out,
                              cache_dir=cache_dir(no_cache), progress=tick, discover=not no_discover,
                              fail_on_discovered=fail_on_discovered, engine=engine, spark_master=spark_master,
                              jobs=jobs)
        _write_outputs(result, formats, junit, sarif, github_summary)
        sys.exit(EXIT_FINDINGS if result.failed and not no_fail else EXIT_OK)

    @cli.command(short_help="Accept a reviewed conflict, with a reason.")
    @click.argument("finding_id")
    @_corpus_options
    @click.option("--reason", required=True, help="Why this conflict is acceptable (kept in the file).")
    @click.option("--by", help="Who accepted it.")
    @click.option("--expires", metavar="DATE", help="ISO date after which the acceptance no longer applies.")
    @user_errors
    def accept(finding_id, path, facts, expectations, accepted, no_cache, no_discover, reason, by, expires):
        """Append an acceptance of conflict FINDING_ID (from the audit of PATH) to the acceptances file.

        FINDING_ID is a conflict's id, like conflict:public_hearings:1a2b3c4d: `checker gate` prints it
        on each conflict's line, and the reports show it (audit.json: findings[].id; audit.md and
        audit.html: beside each conflict). The entry is matched by content, so it survives edits
        elsewhere in the documents.

        \b
        Examples:
          checker gate data/
          checker accept conflict:public_hearings:1a2b3c4d data/ \\
              --reason "one outlet counts closed sessions" --by "J. Doe"
        """
        from checker.gate.accept import accept_finding

        written, text = accept_finding(finding_id, path, facts, expectations, reason=reason, by=by,
                                       expires=expires, accepted=accepted, cache_dir=cache_dir(no_cache),
                                       discover=not no_discover)
        click.echo(f"appended to {written}:\n{text}", nl=False)
