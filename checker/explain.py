"""Why a value bound to a fact, or did not: every mention of a document, and each fact's verdict on it.

`explain` runs the grammar, the clause reading and the binder's own tests (checker.binding.score._score, asked
to say why) on one document of a corpus, or on the sentences holding a quote, and returns plain rows:
the mention, then per fact of the catalog "accepted" with its score and the distance of its nearest
evidence, or the test that rejected it (kind, part, unit, scope, exclude, cue, context), and which fact
won. This is how a catalog is fixed in minutes: the row names the word to add or the term that vetoes.
"""
from __future__ import annotations

from pathlib import Path

from checker.errors import CheckerError


def explain(corpus: str | Path | None, facts: str | Path | None, *, document: str | None = None,
            quote: str | None = None) -> list[dict]:
    """Rows {source, value_text, start, end, kind, unit, fact, verdict, won} for one document or quote."""
    from checker.binding import choose, set_values
    from checker.catalog import load_catalog
    from checker.corpus import default_inputs, load_corpus
    from checker.mentions import find_mentions
    from checker.reading import Words, read_clauses

    facts, _ = default_inputs(corpus, facts, None)   # an omitted --facts: facts/ here, or the demo's own
    documents = load_corpus(corpus)
    catalog = load_catalog(facts)
    if not catalog.facts:
        raise CheckerError("no fact catalog to explain against", path=Path(str(facts)) if facts else None,
                           hint="give --facts PATH")
    if document is not None:
        documents = documents[documents["source"] == document]
        if not len(documents):
            raise CheckerError(f"no document {document!r} in the corpus", path=Path(str(corpus or "demo")),
                               hint="use a source id as audit.json lists it")
    found = find_mentions(documents)
    readings = read_clauses(found, documents)
    mentions = found.merge(readings, on="mention")
    rows: list[dict] = []
    for doc in documents.sort_values("source").itertuples(index=False):
        text = Words(doc.text)
        group = mentions[mentions["source"] == doc.source].sort_values(["start", "end"])
        records = [{k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()}
                   for r in group.to_dict("records")]
        set_values(text, records)
        applicable = catalog.facts_for(doc.text)
        heads: dict = {}
        for mention in records:
            # every value is chosen for, in order, as binding does: a value's choice can rest on the one before
            whys: dict[str, list[str]] = {}
            chosen = choose(mention, applicable, text, heads, whys)
            sentence = doc.text[int(mention["sentence_start"]):int(mention["sentence_end"])]
            if quote is not None and quote.lower() not in " ".join(sentence.split()).lower():
                continue
            winner = chosen.key if chosen is not None else None
            for fact in catalog.facts:
                why = whys.get(fact.key) or (["story: the document mentions none of the story's applies_when terms"]
                                             if fact not in applicable else [])
                key, reason = fact.key, why[-1] if why else ""
                rows.append({"source": doc.source, "value_text": mention["value_text"], "start": int(mention["start"]),
                             "end": int(mention["end"]), "kind": mention["kind"], "unit": mention["unit"],
                             "fact": key, "verdict": reason, "won": key == winner})
    if quote is not None and not rows:
        raise CheckerError(f"no value stands in a sentence holding {quote!r}", path=Path(str(corpus or "demo")),
                           hint="quote a few words of the sentence as the text has them")
    return rows


def format_explanation(rows: list[dict]) -> str:
    """One block per value: the value, then a line per fact (the winner marked with *)."""
    lines: list[str] = []
    last = None
    for row in rows:
        key = (row["source"], row["start"], row["end"])
        if key != last:
            unit = f" {row['unit']}" if row["unit"] else ""
            lines.append(f"{row['source']} {row['start']}-{row['end']} {row['value_text']!r} ({row['kind']}{unit})")
            last = key
        mark = "*" if row["won"] else " "
        lines.append(f"  {mark} {row['fact']}: {row['verdict']}")
    return "\n".join(lines) + ("\n" if lines else "")
