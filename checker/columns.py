"""The columns each stage hands to the next: the one place they are documented.

Every stage is a function of DataFrames. A stage states the table it reads and the
table it returns with `require(df, TABLE)`, so a missing column fails at the stage
boundary with a clear message instead of deep inside pandas.

Conventions shared by all tables
- Offsets (`start`, `end`, `noun_start`, ...) count characters of the document's
  `text` column (Unicode code points, after HTML reduction and BOM removal), and
  `text[start:end] == value_text` always holds.
- Values are intervals `[low, high]`; either bound may be open (None/NaN). Numbers are
  floats; dates are ISO strings `YYYY-MM-DD` (the first and last day of the period
  they name: "July 2019" is 2019-07-01..2019-07-31). Durations are in `unit`.
- `tolerance` is a relative fraction (0.1 = ±10%) that comes from the wording
  ("about"); a fact's own tolerance is added at reconciliation.
- `low`/`high` here are the value as stated. In audit.json and `checker mentions` they are the interval a
  reader means (checker.reconcile.meant_interval: the wording's tolerance and the figure's rounding applied,
  "about 100,000" is 90000..110000), and the stated bounds are `stated_low`/`stated_high`; `cmp_low`/`cmp_high`
  add the fact's own tolerance to that interval.
"""
from __future__ import annotations

DOCUMENTS = {
    "source": "document id: the manifest id, else the file name without extension",
    "path": "file path relative to the corpus root (POSIX separators)",
    "title": "title from the manifest or front matter, else None",
    "outlet": "publisher from the manifest or front matter, else None",
    "published": "publication date as given: YYYY, YYYY-MM or YYYY-MM-DD, or None",
    "published_low": "first day the published date can be (ISO), or None",
    "published_high": "last day the published date can be (ISO), or None",
    "format": "txt, md or html",
    "text": "the visible text; all offsets count characters of it",
    "sha256": "hash of the file's bytes (cache key)",
}

# Optional document columns: checker.corpus adds them after DOCUMENTS; a stage reads them when present.
DOCUMENT_FLAGS = {
    "authority": "True when the manifest marks the document `authority: true`: the reference for the facts it states",
}

MENTIONS = {
    "mention": "mention id, '{source}@{start}-{end}'",
    "source": "document id",
    "kind": "count, quantity, money, percent, number, ordinal, date or duration",
    "value_text": "the exact text of the value: text[start:end]",
    "start": "offset of the first character",
    "end": "offset after the last character",
    "low": "lower bound: float, ISO date for kind=date, or None when open",
    "high": "upper bound: float, ISO date for kind=date, or None when open",
    "tolerance": "relative tolerance implied by the wording (about, some, roughly), 0 when exact",
    "qualifier": "exact, approx, more_than, at_least, less_than, at_most, range, vague",
    "unit": "counted noun lemma (meeting), unit (km, year), ISO currency (USD), 'percent', or None",
    "noun_start": "offset of the counted noun or unit, -1 when none",
    "noun_end": "offset after the counted noun or unit, -1 when none",
    "precision": "for dates: day, month, season, year, decade, century; else None",
    "modality": "reported, projected, planned, denied, hedged or corrected (a value a correction withdraws)",
    "flags": "comma-separated markers: total, other, each, comparative, relative, deictic, compound, name, range, "
             "age (a person's), bar (with age: the age bar that sorts people, 'children under five'), restated (a value in brackets restating the one before it: '€185 million (about $200 "
             "million)'), part and partitive (a part of a total told after it), scale (the top of the scale a figure is read "
             "on: '4 (of 5)', '7 out of 10')",
    "sentence_start": "offset where the mention's sentence starts",
    "sentence_end": "offset where the mention's sentence ends",
}

READINGS = {
    "mention": "mention id (MENTIONS)",
    "clause_start": "offset where the value's clause starts (the sentence cut at , ; : ( ) and dashes)",
    "clause_end": "offset where the value's clause ends",
    "phrase_start": "offset where the value's noun phrase starts (a few words before it, same clause)",
    "phrase_end": "offset where it ends (the value, its noun and an 'of ...' tail)",
    "counted": "what the value counts: its unit, or the thing an elided noun stands for ('18 dead': person), ''",
    "predicate": "lemma of the act or role the value is said of (kill, injure, raise, value, found), ''",
    "terms": "the clause's content words as lemmas (then the sentence's), nearest the value first, space-separated",
    "term_distances": "each term's distance from the value in words (the value's noun phrase skipped), space-separated",
    "governor": "lemma of the content word the value hangs on, to its left in the clause ('founded in 2002': "
                "found), ''",
    "governor_verb": "True when the governor is a verb ('founded in 2002'), not a noun ('fiscal 2027')",
    "event": "for a date, what it dates as terms: the act it hangs on, marked '=', and its subject ('the quake "
             "struck ... on Tuesday': =strike quake) or the noun after it ('the November 9 earthquake': "
             "earthquake); '' for other values, verbs of saying and points of comparison ('up from ... in May')",
    "head": "the noun the value measures: its counted noun, or the noun after it ('a $1.2 billion mission') or "
            "linked before it ('a budget of $1.2 billion', 'turnout was 64%'), ''",
    "entity": "the named subject the value is said of: the nearest capitalised words of its clause, lowercased "
              "('liberal party'), ''",
    "compound": "the words between a value and its counted noun ('nine science instruments': science), ''",
    "time_text": "a period named in the value's clause ('since 2016', 'between 2016 and 2019'), ''",
    "cumulative": "True when the clause words a running tally (so far, since, toll, total, rose to)",
    "change_cue": "True when the clause says a figure moved (now, rose, up from, revised, interim)",
    "as_of": "the date the statement speaks for: YYYY-MM-DD, YYYY-MM or YYYY, or None",
    "as_of_low": "first day of the statement's as-of period (ISO), or None",
    "as_of_high": "last day of the statement's as-of period (ISO), or None",
    "as_of_basis": "published (the document's date), stated (a period in the clause) or series (held since the "
                   "last event named through publication)",
}

OBSERVATIONS = {
    **MENTIONS,
    "observation": "observation id, '{fact}/{source}@{start}-{end}' (stable across runs)",
    "fact": "catalog fact key",
    "quote": "the sentence the value stands in (document text)",
    "phrase": "the value with its counted noun as written ('seven council meetings'), else value_text",
    "line": "1-based line of `start` in the document text",
    "as_of": "the date the statement speaks for, as precise as known: YYYY-MM-DD, YYYY-MM or YYYY",
    "as_of_low": "first day of the statement's as-of period",
    "as_of_high": "last day of the statement's as-of period",
    "as_of_basis": "published (the document's date), heading (a dated heading above it), stated (a period in the "
                   "clause) or series (held from the last event named through publication)",
    "derived": "how the value was derived from the mention ('' when read as is)",
    "fact_kind": "the fact's kind from the catalog",
    "changes": "the fact's change over time: none, any, increasing, decreasing",
    "window_days": "as-of dates this close count as the same moment",
    "fact_tolerance": "the fact's relative tolerance from the catalog",
    "tally": "True when the clause says the figure is a running tally at its moment ('the toll has risen to 87', "
             "'comes into the game with 29 goals'): of a fact that only grows, a higher figure the same day may follow "
             "it (checker.intervals)",
    "moved": "True when the statement may give a later value of a changing fact: always for a declared fact; for a "
             "discovered one, when its clause says the figure moved or keeps a tally; reconcile sets it False for a "
             "figure that swaps two neighbouring digits of one another source stated exactly within 31 days before "
             "it ('$38 million', then '$83 million'): transposed digits are a misstatement, not a change",
    "cmp_low": "comparable lower bound: float (dates as proleptic ordinals), tolerance applied, -inf when open",
    "cmp_high": "comparable upper bound, +inf when open",
    "as_of_ord_low": "as_of_low as a proleptic ordinal",
    "as_of_ord_high": "as_of_high as a proleptic ordinal",
    "assertive": "True when modality is reported (it claims the current value outright; hedged does not)",
}

FINDINGS = {
    "finding": "finding id, '{status}:{fact}' plus a short stable hash of its observations",
    "fact": "catalog fact key",
    "status": "conflict, implausible, resolved_by_correction, change_over_time, modality_only, consistent, "
              "single_source",
    "severity": "critical, warning or info (a failed expectation's GX severity)",
    "observations": "list of the observation ids the finding is about",
    "rule": "rule code and name: the GX expectation that decided it, or the explanation",
    "message": "one sentence for a person",
}

# Added to OBSERVATIONS by checker.references (after reconcile), read by the reference rule CK301.
REFERENCE_COLUMNS = {
    "authority": "True when the statement's source is authoritative for its fact (manifest `authority: true`, "
                 "or the fact's `reference.source`)",
    "ref_low": "the fact's catalog reference value, comparable lower bound (as cmp_low), NaN when it has none",
    "ref_high": "its comparable upper bound, NaN when the fact has no reference value",
    "ref_as_of_low": "first day the reference value speaks for, as an ordinal (-inf: any time)",
    "ref_as_of_high": "last day it speaks for, as an ordinal (+inf: any time)",
}

# checker.consensus: one row per window (a fact's statements of one kind of claim, in one stretch of time).
CONSENSUS = {
    "key": "'{fact}#{claim}#{window}'",
    "fact": "fact key",
    "window": "0-based number of the window within the fact and claim, in as-of order",
    "claim": "reported (reports, hedged ones too) or planned (statements of a plan, weighed apart)",
    "as_of": "the window's as-of dates as the statements give them ('2021-12-17 to 2022-01-12'), None for a "
             "fact that does not change",
    "as_of_low": "first as-of date of the window's statements, or None",
    "as_of_high": "last as-of date of the window's statements, or None",
    "status": "single (one voice), unanimous, majority, or none (no consensus)",
    "low": "the consensus value's lower bound (as observations' low), None when open or when there is none",
    "high": "its upper bound",
    "support_sources": "sources supporting the consensus value",
    "total_sources": "sources stating the fact in the window",
    "voices": "independent voices supporting it (sources repeating one wording count once)",
    "total_voices": "independent voices in the window",
    "weight_share": "the supporters' share of the window's reliability weight (0 to 1), None with no consensus",
    "supporters": "ids of the sources supporting it",
    "dissenters": "ids of the window's other sources",
    "reference": "the reference the window is held to ({low, high, source, text}) or None",
    "observations": "ids of the window's statements",
    "cmp_low": "the winning piece of the line on the cmp_* scale (where the supporters' intervals meet), or None",
    "cmp_high": "its upper end",
    "text": "one line for a person: '30 members as of ...: all 4 sources agree', '1 against 1: no consensus (...)'",
}

# checker.consensus: one row per source.
RELIABILITY = {
    "source": "document id",
    "reliability": "estimated accuracy, 0 to 1 (ACCU, see checker.consensus); None when no window it speaks "
                   "in has a second voice",
    "claims": "windows with two or more voices in which the source states a value (the evidence counted)",
    "agreements": "of those, the ones where its value holds the consensus (or the reference)",
    "disagreements": "the ones where a consensus (or the reference) excludes its value",
    "facts": "per window it speaks in: {fact, claim, as_of, stated, consensus, verdict}; verdict is agrees, "
             "disagrees, no consensus, alone (no other voice), agrees with / contradicts the reference",
}


def require(df, table: dict[str, str], stage: str) -> None:
    """Fail early, and clearly, when a stage is handed a table without the columns it needs."""
    missing = [name for name in table if name not in df.columns]
    if missing:
        raise ValueError(f"{stage}: input lacks columns {missing}")
