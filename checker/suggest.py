"""Suggest a fact catalog from the facts discovery finds: a starting facts/*.yaml a person then edits.

`suggest_catalog(corpus, output)` audits the corpus with discovery on and writes one story whose facts
are the discovered ones: the key without its "d_", the label, kind and unit discovery inferred, and
context words taken from the sentences of the statements themselves.

The words are chosen so that the catalog binds what discovery grouped, with the real binder
(checker.binding) as the judge. For each fact, a few options are drawn from its statements' words:
single words that stand in every statement, and a greedy choice of words that stand beside its
statements rather than beside other values of its kind and unit, at sentence and at phrase scope.
Each option is bound alone; the one that misses and adds the fewest statements wins, a single
sentence word first at equal cost. Facts then compete in one catalog (the binder gives a statement
to the fact with the most specific evidence), so while the whole catalog still binds a fact's
statements differently, that fact's options are tried again against the others. What still differs
at the end is reported per fact, in the file and in the returned `Suggestion`; the file written is
first loaded back with checker.catalog, so it always loads.

The file is new, never overwritten, and written atomically: a temporary file in the same folder,
linked into place only if no file of that name exists by then.
"""
from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from checker.corpus import DEFAULT
from checker.discovery import unique_name
from checker.errors import CheckerError

SINGLE_WORDS = 6        # one-word contexts tried per fact
CONTEXT_WORDS = 3       # a context is a few words, any of which binds
COVER_WORDS = 4         # at most this many words in a greedy context
ROUNDS = 2              # rounds of trying mis-bound facts' options again against the whole catalog
QUOTE_CHARS = 60        # characters of a quote kept on each side of the value in a comment
STATEMENTS_SHOWN = 6    # statements quoted per fact; the rest are counted
UNIT_KINDS = ("count", "quantity", "money", "duration")
_TOKEN = re.compile(r"\w+")
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
# PyYAML refuses these anywhere in a file, and reads NEL and the Unicode separators as line breaks.
_NOT_IN_COMMENT = re.compile("[^\x09\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class SuggestedFact:
    key: str
    label: str
    kind: str
    units: tuple[str, ...]
    context: tuple[str, ...]
    context_scope: str
    changes: str
    statements: tuple[dict, ...]    # {"mention", "source", "phrase", "quote"}: what discovery grouped
    confidence: float
    missing: int = 0                # statements discovery grouped that the catalog does not bind
    extra: int = 0                  # statements the catalog binds that discovery did not group


@dataclass(frozen=True)
class Suggestion:
    path: Path
    story: str
    facts: tuple[SuggestedFact, ...]


def suggest_catalog(corpus: str | Path | None, output: str | Path, facts: str | Path | None = DEFAULT, *,
                    cache_dir: str | Path | None = None,
                    progress: Callable[[int], None] | None = None) -> Suggestion:
    """Audit `corpus` with discovery, write a catalog of its discovered facts to `output` (a new file)."""
    from checker.audit import run_audit
    from checker.catalog import Catalog
    from checker.reading import read_clauses

    output = Path(output)
    _refuse_existing(output)
    result = run_audit(corpus, facts, None, cache_dir=cache_dir, progress=progress, discover=True)
    discovered = [fact for fact in result.catalog.facts if fact.origin == "discovered"]
    if not discovered:
        raise CheckerError("discovery found no fact that two sources state, so there is nothing to suggest",
                           path=corpus if corpus is not None else "the demo corpus")
    declared = Catalog(facts=tuple(f for f in result.catalog.facts if f.origin != "discovered"),
                       stories=result.catalog.stories)
    keys = _keys(discovered, {fact.key for fact in declared.facts})
    # What the catalog should bind: discovery's statements under their new keys, the declared facts' as bound.
    expected = {row.mention: keys.get(row.fact, row.fact) for row in result.observations.itertuples()}
    trial = _Trial(result.mentions, result.documents, read_clauses(result.mentions, result.documents),
                   declared, expected)
    rows = result.observations.to_dict("records")
    choices = [_FactChoice(fact, keys[fact.key], [r for r in rows if r["fact"] == fact.key], trial)
               for fact in discovered]
    _settle(choices, trial)
    suggested = [choice.suggested(trial) for choice in choices]
    story = unique_name(_story_id(corpus), {story.id for story in declared.stories}, separator="-")
    title = _title(corpus)
    checked = _check(catalog_text(story, title, suggested, corpus), trial, suggested)
    _write_new(output, catalog_text(story, title, checked, corpus))
    return Suggestion(path=output, story=story, facts=tuple(checked))


def summary_lines(suggestion: Suggestion) -> list[str]:
    """What `checker suggest` prints: the file, then one line per fact."""
    lines = [f"wrote {suggestion.path}: story {suggestion.story}, {len(suggestion.facts)} fact(s)"]
    for fact in suggestion.facts:
        context = ", ".join(fact.context) or "none"
        line = f"  {fact.key}: {len(fact.statements)} statements, context [{context}] ({fact.context_scope})"
        if fact.missing or fact.extra:
            line += f"; binds {_difference(fact)} than discovery grouped"
        lines.append(line)
    return lines


def _keys(discovered, taken: set[str]) -> dict[str, str]:
    """Discovered key -> catalog key: without "d_", and unique beside the catalog's own keys."""
    keys = {}
    for fact in discovered:
        keys[fact.key] = unique_name(fact.key.removeprefix("d_"), taken)
        taken.add(keys[fact.key])
    return keys


class _Trial:
    """Where candidate facts are tried with the real binder: the corpus's mentions, their readings and texts,
    the declared facts they compete with, and which fact each statement should go to (`expected`)."""

    def __init__(self, mentions, documents, readings, declared, expected: dict[str, str]) -> None:
        self.mentions, self.documents, self.readings, self.declared = mentions, documents, readings, declared
        self.expected = expected
        self.texts = dict(zip(documents["source"], documents["text"]))
        self.by_id = {row["mention"]: {k: (None if isinstance(v, float) and v != v else v) for k, v in row.items()}
                      for row in mentions.to_dict("records")}   # pandas turns None into NaN
        self.phrases = dict(zip(readings["mention"], zip(readings["phrase_start"], readings["phrase_end"])))
        self._words: dict[tuple, frozenset[str]] = {}
        from checker.trials import Trials

        self._rivals: dict[tuple, object] = {}
        self._word_indexes: dict = {}   # one per document, shared by the Trials
        # id of a rivals frame (None: every mention) -> its checker.trials.Trials
        self._trials: dict = {None: Trials(mentions, documents, declared.stories, readings=readings,
                                           words=self._word_indexes)}

    def bound(self, facts, mentions=None, stories=()) -> dict[str, str]:
        """mention id -> fact key, as the real binder binds `facts` (after the declared ones). Against the values
        of a kind (`rivals`), each option is tried many times beside the others: checker.trials.Trials weighs
        each fact's every value once and binds as bind does."""
        from checker.binding import bind
        from checker.catalog import Catalog

        trials = self._trials.get(id(mentions) if mentions is not None else None) if not stories else None
        if trials is not None:
            return trials.bound(self.declared.facts + tuple(facts))
        catalog = Catalog(facts=self.declared.facts + tuple(facts), stories=self.declared.stories + tuple(stories))
        frame = bind(self.mentions if mentions is None else mentions, self.documents, catalog,
                     readings=self.readings)
        return dict(zip(frame["mention"], frame["fact"]))

    def wrong(self, facts, mentions) -> int:
        """How many of `mentions` the catalog of `facts` binds to another fact than expected (or none)."""
        bound = self.bound(facts, mentions)
        return sum(1 for m in mentions["mention"] if bound.get(m) != self.expected.get(m))

    def rivals(self, kind: str, units: tuple[str, ...]):
        """The mentions a fact of this kind and unit could bind at all (the binder decides the rest): one frame
        for each kind and unit, which `bound` binds with its checker.trials.Trials."""
        from checker.binding.score import NUMERIC_FACT_KINDS
        from checker.trials import Trials

        key = (kind, tuple(units))
        if key not in self._rivals:
            kinds = {"date"} if kind == "date" else NUMERIC_FACT_KINDS[kind]
            frame = self.mentions[self.mentions["kind"].isin(kinds)]
            if units and kind in ("count", "quantity", "money"):
                unit = frame["unit"].fillna("").str.lower()
                frame = frame[unit.isin(units) | (unit == "")]
            self._rivals[key] = frame
            self._trials[id(frame)] = Trials(frame, self.documents, self.declared.stories, readings=self.readings,
                                             words=self._word_indexes)
        return self._rivals[key]

    def words(self, mention_id: str, scope: str) -> frozenset[str]:
        """The words around the value in its sentence or phrase, as the binder matches a context term (a whole
        word, in any case), the value itself left out."""
        if (mention_id, scope) not in self._words:
            mention = self.by_id[mention_id]
            text = self.texts[mention["source"]]
            start, end = int(mention["start"]), int(mention["end"])
            first, last = (mention["sentence_start"], mention["sentence_end"]) if scope == "sentence" \
                else self.phrases[mention_id]
            window = text[int(first):start] + " " + text[end:int(last)]
            self._words[mention_id, scope] = frozenset(w for w in _TOKEN.findall(window.lower()) if "_" not in w)
        return self._words[mention_id, scope]


class _FactChoice:
    """One discovered fact's candidate catalog facts, each with what it binds when bound alone."""

    def __init__(self, fact, key: str, rows: list[dict], trial: _Trial) -> None:
        from checker.catalog import Fact

        self.fact, self.rows = fact, rows
        self.members = frozenset(row["mention"] for row in rows)
        written = Counter(str(trial.by_id[m]["unit"]).lower() for m in self.members if trial.by_id[m]["unit"])
        units: tuple[str, ...] = ()
        if fact.kind in UNIT_KINDS:
            ordered = sorted(written.items(), key=lambda kv: (-kv[1], kv[0]))
            units = tuple(dict.fromkeys([u.lower() for u in fact.units[:1]] + [u for u, _ in ordered]))
        # A discovered fact that may change takes a later figure as a change only where its clause says the
        # figure moved; a declared one always does. Where no statement says so, "none" keeps their conflicts.
        self.changes = fact.changes
        if self.changes == "any" and not any(bool(row.get("moved")) for row in rows):
            self.changes = "none"
        base = Fact(key=key, label=fact.label, kind=fact.kind, units=units, changes=self.changes)
        self.options: list[tuple[tuple, object, int, int]] = []     # (preference, fact, missing, extra)
        # A statement without a written unit ("18 dead") binds only to a fact without one.
        for option_units in [units] + ([()] if units and sum(written.values()) < len(self.members) else []):
            rivals = trial.rivals(fact.kind, option_units)
            for context, scope in _contexts(fact, self.members, rivals, trial, option_units):
                candidate = replace(base, units=option_units, context=context, context_scope=scope)
                missing, extra = self._alone(candidate, rivals, trial)
                preference = (missing + extra, missing, not context, scope != "sentence", len(context),
                              option_units != units, len(self.options))
                self.options.append((preference, candidate, missing, extra))
        self.options.sort(key=lambda option: option[0])
        self.chosen = self._widened(self.options[0], trial)

    def _alone(self, candidate, rivals, trial: _Trial) -> tuple[int, int]:
        """(statements missed, statements added) when `candidate` is bound alone to the `rivals` mentions."""
        bound = {m for m, key in trial.bound((candidate,), rivals).items() if key == candidate.key}
        return len(self.members - bound), len(bound - self.members)

    def _widened(self, option, trial: _Trial):
        """A one-word sentence context that binds exactly, with up to CONTEXT_WORDS words that each stand in
        every statement and keep it exact, so that a new article's wording binds too."""
        _, chosen, missing, extra = option
        if missing or extra or len(chosen.context) != 1 or chosen.context_scope != "sentence":
            return chosen
        rivals = trial.rivals(chosen.kind, chosen.units)
        for word in _shared_words(self.fact, self.members, rivals, trial, chosen.units):
            if len(chosen.context) >= CONTEXT_WORDS:
                break
            wider = replace(chosen, context=chosen.context + (word,))
            if word not in chosen.context and not word[0].isdigit() and self._alone(wider, rivals, trial) == (0, 0):
                chosen = wider
        return chosen

    def suggested(self, trial: _Trial) -> SuggestedFact:
        chosen = self.chosen
        statements = tuple(_statement(row, trial.texts)
                           for row in sorted(self.rows, key=lambda r: (r["source"], r["start"])))
        return SuggestedFact(key=chosen.key, label=chosen.label, kind=chosen.kind, units=chosen.units,
                             context=chosen.context, context_scope=chosen.context_scope, changes=self.changes,
                             statements=statements, confidence=self.fact.confidence)


def _settle(choices: list[_FactChoice], trial: _Trial) -> None:
    """Try again, against the whole catalog, the options of each fact the catalog binds differently than
    discovery grouped: the binder gives a statement to the fact with the most specific evidence, so a context
    that binds exactly alone may lose statements to another fact, or take theirs."""
    for _ in range(ROUNDS):
        bound = trial.bound([choice.chosen for choice in choices])
        changed = False
        for number, choice in enumerate(choices):
            key = choice.chosen.key
            if {m for m, k in bound.items() if k == key} == choice.members:
                continue
            rivals = trial.rivals(choice.fact.kind, choice.chosen.units)
            others = [c.chosen for c in choices]

            def wrong(candidate) -> int:
                return trial.wrong(others[:number] + [candidate] + others[number + 1:], rivals)

            best = min([choice.chosen] + [option[1] for option in choice.options], key=wrong)
            if best is not choice.chosen:
                choice.chosen, changed = best, True
        if not changed:
            return


def _contexts(fact, members: frozenset[str], rivals, trial: _Trial, units) -> list[tuple[tuple[str, ...], str]]:
    """The contexts worth trying, each with its scope: one shared word, greedy sets of telling words, none."""
    options = [((word,), "sentence") for word in _shared_words(fact, members, rivals, trial, units)[:SINGLE_WORDS]]
    for scope in ("sentence", "phrase"):
        greedy = _greedy_words(fact, members, rivals, trial, units, scope)
        if greedy and (greedy, scope) not in options:
            options.append((greedy, scope))
    return options + [((), "sentence")]


def _shared_words(fact, members, rivals, trial: _Trial, units) -> list[str]:
    """Words that stand in the sentence of every statement, best first: words before years, discovery's
    evidence words (strongest first), then those beside fewer other values."""
    from checker.reading import STOP

    shared = frozenset.intersection(*(trial.words(m, "sentence") for m in members))
    beside = Counter(w for m in rivals["mention"] if m not in members for w in trial.words(m, "sentence"))
    evidence = [_evidence_word(term) for term in fact.evidence]
    return sorted((w for w in shared if _usable(w, STOP, units)),
                  key=lambda w: (w[0].isdigit(), _evidence_rank(w, evidence), beside[w], w))


def _greedy_words(fact, members, rivals, trial: _Trial, units, scope: str) -> tuple[str, ...]:
    """Words added one at a time while each covers more of the statements than of the other values of the
    kind and unit that it newly stands beside (ties: evidence words first)."""
    from checker.reading import STOP

    others = [m for m in rivals["mention"] if m not in members]
    evidence = [_evidence_word(term) for term in fact.evidence]
    covers: dict[str, set[str]] = {}
    for mention in sorted(members):
        for word in trial.words(mention, scope):
            if _usable(word, STOP, units):
                covers.setdefault(word, set()).add(mention)
    beside = {word: {m for m in others if word in trial.words(m, scope)} for word in covers}
    chosen: list[str] = []
    left, added = set(members), set()
    while left and len(chosen) < COVER_WORDS:
        def gain(word: str) -> tuple:
            return (len(covers[word] & left) - len(beside[word] - added), -_evidence_rank(word, evidence),
                    -len(beside[word]), word)

        word = max((w for w in covers if w not in chosen), key=gain, default=None)
        if word is None or gain(word)[0] <= 0:
            break
        chosen.append(word)
        left -= covers[word]
        added |= beside[word]
    return tuple(chosen)


def _usable(word: str, stop, units: tuple[str, ...]) -> bool:
    from checker.mentions.quantities import lemma

    if word.isdigit():
        return bool(_YEAR.fullmatch(word))
    if len(word) < 3 or word in stop or any(ch.isdigit() for ch in word):
        return False
    return word not in units and (lemma(word) or word) not in units


def _evidence_word(term: str) -> str:
    """Discovery's evidence terms carry a mark of their role ("^found", "=kill", "@meeting", "from:2016")."""
    return term.removeprefix("from:").lstrip("^#=@")


def _evidence_rank(word: str, evidence: list[str]) -> int:
    """The place of `word` among discovery's evidence words; len(evidence) when it is none of them."""
    from checker.mentions.quantities import lemma
    from checker.reading import PREDICATE_FORMS

    for rank, term in enumerate(evidence):
        if term and (word == term or lemma(word) == term or PREDICATE_FORMS.get(word) == term
                     or (len(term) >= 4 and word.startswith(term))):
            return rank
    return len(evidence)


def _check(text: str, trial: _Trial, suggested: list[SuggestedFact]) -> list[SuggestedFact]:
    """Load the catalog text as checker.catalog does, bind it after the declared facts, and count per fact
    the statements it binds that discovery did not group (extra) and those it misses."""
    from checker.catalog import load_catalog

    with tempfile.TemporaryDirectory(prefix="checker-suggest-") as folder:
        path = Path(folder) / "suggested.yaml"
        path.write_text(text, encoding="utf-8")
        loaded = load_catalog(path, required=True)
    bound = trial.bound(loaded.facts, stories=loaded.stories)
    checked = []
    for fact in suggested:
        members = {statement["mention"] for statement in fact.statements}
        binds = {m for m, key in bound.items() if key == fact.key}
        checked.append(replace(fact, missing=len(members - binds), extra=len(binds - members)))
    return checked


def catalog_text(story: str, title: str, facts: list[SuggestedFact], corpus) -> str:
    """The catalog YAML: a header, then each fact after comments quoting the statements it came from."""
    where = Path(corpus).name if corpus is not None else "the demo corpus"
    lines = [f"# Suggested by `checker suggest` from the facts discovery found in {_comment(where)}.",
             "# Each fact groups statements of different sources that seem to give one figure. Review them:",
             "# name each key and label, check units and context words, set `changes` and `tolerance`,",
             "# and delete the facts the story is not about.",
             f"story: {_flow(story)}", f"title: {_flow(title)}", "facts:"]
    for fact in facts:
        sources = len({statement["source"] for statement in fact.statements})
        lines.append(f"  # {_comment(fact.label)}: {len(fact.statements)} statements in {sources} sources "
                     f"(discovery's confidence {fact.confidence:g})")
        for statement in fact.statements[:STATEMENTS_SHOWN]:
            lines.append(f"  #   {_comment(statement['source'])}, \"{_comment(statement['phrase'])}\": "
                         f"\"{_comment(statement['quote'])}\"")
        if len(fact.statements) > STATEMENTS_SHOWN:
            lines.append(f"  #   ... and {len(fact.statements) - STATEMENTS_SHOWN} more")
        if fact.missing or fact.extra:
            lines.append(f"  # note: with these words it binds {_difference(fact)} than discovery grouped")
        lines += [f"  - key: {fact.key}", f"    label: {_flow(fact.label)}", f"    kind: {fact.kind}"]
        if fact.units:  # currencies as ISO codes, as a person writes them ("USD"); the loader lowercases
            units = [unit.upper() for unit in fact.units] if fact.kind == "money" else list(fact.units)
            lines.append(f"    unit: {_flow(units)}")
        if fact.context:
            lines.append(f"    context: {_flow(list(fact.context))}")
        lines += [f"    context_scope: {fact.context_scope}", f"    changes: {fact.changes}"]
        if fact.kind != "date":
            lines.append("    tolerance: 0")
    return "\n".join(lines) + "\n"


def _statement(row: dict, texts: dict[str, str]) -> dict:
    """A statement for a comment: its source, its value with its noun, and its sentence cut around the value."""
    text = texts[row["source"]]
    start, end = int(row["start"]), int(row["end"])
    before = " ".join(text[int(row["sentence_start"]):start].split())
    after = " ".join(text[end:int(row["sentence_end"])].split())
    if len(before) > QUOTE_CHARS:
        before = "..." + before[-QUOTE_CHARS:].split(" ", 1)[-1]
    if len(after) > QUOTE_CHARS:
        after = after[:QUOTE_CHARS].rsplit(" ", 1)[0] + "..."
    value = " ".join(text[start:end].split())
    quote = (before + (" " if before and text[start - 1:start].isspace() else "") + value
             + (" " if after and text[end:end + 1].isspace() else "") + after)
    return {"mention": row["mention"], "source": str(row["source"]), "phrase": str(row["phrase"]), "quote": quote}


def _difference(fact: SuggestedFact) -> str:
    parts = ([f"{fact.missing} statement(s) fewer"] if fact.missing else []) + \
            ([f"{fact.extra} statement(s) more"] if fact.extra else [])
    return " and ".join(parts)


def _comment(text: str) -> str:
    """Text safe inside a YAML comment: one line, no character YAML refuses."""
    return _NOT_IN_COMMENT.sub(" ", " ".join(str(text).split()))


def _flow(value) -> str:
    """A scalar or list as one line of YAML, quoted where YAML needs it."""
    import yaml

    dumped = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1_000_000)
    return dumped.removesuffix("\n...\n").strip()


def _story_id(corpus) -> str:
    name = Path(corpus).resolve().name if corpus is not None else "demo"
    if corpus is not None and Path(corpus).is_file():
        name = Path(corpus).resolve().parent.name
    slug = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-_")
    return slug or "story"


def _title(corpus) -> str:
    words = _story_id(corpus).replace("-", " ").replace("_", " ")
    return words[:1].upper() + words[1:]


def _refuse_existing(output: Path) -> None:
    if output.exists() or output.is_symlink():
        raise CheckerError("refusing to overwrite an existing file", path=output,
                           hint="choose another --output or move the file away")


def _write_new(path: Path, text: str) -> None:
    """Write atomically, never replacing a file: the complete temporary file is linked into place, which
    fails if `path` appeared meanwhile."""
    from checker.atomic import new_file_mode

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CheckerError(f"cannot create the folder: {error.strerror}", path=path.parent) from None
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(temp_name, new_file_mode())
        with os.fdopen(handle, "w", encoding="utf-8") as temp:
            temp.write(text)
            temp.flush()
            os.fsync(temp.fileno())
        try:
            os.link(temp_name, path)
        except FileExistsError:
            raise CheckerError("refusing to overwrite an existing file", path=path,
                               hint="choose another --output or move the file away") from None
        except OSError:  # a file system without hard links: replace only what still does not exist
            _refuse_existing(path)
            os.replace(temp_name, path)
    finally:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
