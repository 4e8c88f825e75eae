"""Binding one set of mentions again and again, with catalogs that differ in a fact or two (checker.suggest).

`Trials(mentions, documents, stories, readings=...)` answers what checker.binding.bind answers for each catalog,
but weighs each fact's values once: its choose() is a choice of each value alone (see the class), so a catalog's
binding is worked out from the weights of its facts.
"""
from __future__ import annotations

from checker.binding import _bind_document, _readings_by_mention, _Rows, observation_row, weight
from checker.binding.score import _moved_from, _score, set_values
from checker.catalog import Catalog
from checker.columns import MENTIONS, require
from checker.reading import Words


class Trials:
    """One set of mentions bound again and again by catalogs that share their stories and differ in their facts
    (checker.suggest tries each option of a fact against the others): what bind(mentions, documents, catalog)
    binds, each document's word index, values and readings made once and each fact's weighing of each value
    (_score) once, where bind makes them all again for every catalog (a hundred articles took two minutes).

    choose() gives a value to the accepting fact of least (distance, -score, catalog order): a choice of each
    value alone, but in a document where a value reads as the one a figure moved from ("up from 27.9 percent"),
    which follows the fact its sentence's value before it took; such a document is bound whole, as bind does."""

    def __init__(self, mentions, documents, stories, *, readings, words: dict | None = None) -> None:
        """`words`: documents' word indexes by id, shared by several Trials (each sets its own values in one
        before it reads it: set_values), and filled here with those it lacks."""
        require(mentions, MENTIONS, "bind")
        self.documents: list[tuple] = []    # (doc, its rows, its word index, bound whole, the stories that speak)
        self.weights: dict[tuple[str, str], dict[str, tuple[int, int]]] = {}
        self.rows: dict[tuple[str, str], bool] = {}
        self.names: dict[int, tuple[object, str]] = {}   # id(fact) -> (fact, repr(fact)): the fact kept alive
        if not len(mentions):
            return
        speaking = Catalog(facts=(), stories=tuple(stories))
        by_source = _Rows(mentions)
        read_by_mention = _readings_by_mention(readings, mentions)
        for doc in documents.sort_values("source").itertuples(index=False):
            records = by_source.of(doc.source)
            if not records:
                continue
            for record in records:
                record.update(read_by_mention[record["mention"]])
            if words is None or doc.source not in words:
                text = Words(doc.text)
                if words is not None:
                    words[doc.source] = text
            else:
                text = words[doc.source]
            whole = any(_moved_from(record, text) for record in records)
            # as Catalog.facts_for reads the stories: a fact of a story that does not speak here binds nothing
            self.documents.append((doc, records, text, whole, speaking.stories_of(doc.text)))

    def bound(self, facts) -> dict[str, str]:
        """mention id -> fact key, as bind binds these mentions with a catalog of `facts` and the stories."""
        bound: dict[str, str] = {}
        named = [self._name(fact) for fact in facts]
        for doc, records, text, whole, applies in self.documents:
            here = [(fact, name) for fact, name in zip(facts, named) if applies.get(fact.story, True)]
            if not here:
                continue
            if whole:
                bound.update((row["mention"], row["fact"])
                             for row in _bind_document(doc, records, [fact for fact, _ in here], text))
                text.values_of = self    # (_bind_document set them)
                continue
            weighed = [self._weights(name, fact, doc.source, records, text) for fact, name in here]
            for record in records:
                mention, best = record["mention"], None
                for order, weights in enumerate(weighed):
                    found = weights.get(mention)
                    if found is not None and (best is None or (*found, order) < best):
                        best = (*found, order)
                if best is not None:
                    fact, name = here[best[-1]]
                    if self._makes_row(name, fact, record, doc, text, records):
                        bound[mention] = fact.key
        return bound

    def _name(self, fact) -> str:
        if id(fact) not in self.names:
            self.names[id(fact)] = (fact, repr(fact))
        return self.names[id(fact)][1]

    def _weights(self, name: str, fact, source: str, records: list[dict], text: Words) -> dict[str, tuple[int, int]]:
        """mention id -> (distance, -score) of the values of one document that `fact` accepts."""
        if (name, source) not in self.weights:
            self._values_in(text, records)
            weights = {}
            for record in records:
                found = _score(fact, record, text)
                if found is not None:
                    weights[record["mention"]] = weight(found)
            self.weights[name, source] = weights
        return self.weights[name, source]

    def _values_in(self, text: Words, records: list[dict]) -> None:
        """These mentions' values set in a word index (set_values) that another Trials may have set its own in."""
        if getattr(text, "values_of", None) is not self:
            set_values(text, records)
            text.values_of = self

    def _makes_row(self, name: str, fact, record: dict, doc, text: Words, records: list[dict]) -> bool:
        if (name, record["mention"]) not in self.rows:
            self._values_in(text, records)    # (a duration's tail: observation_row reads it)
            self.rows[name, record["mention"]] = observation_row(fact, record, doc, text) is not None
        return self.rows[name, record["mention"]]
