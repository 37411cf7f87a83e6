"""The ``quantities`` pipeline component: fills ``doc.quantities``."""

from __future__ import annotations

from ..doc import Doc
from ..pipeline import component

__all__ = ["make_quantities"]


@component("quantities", requires=["tokens"], provides=["quantities"], uses=["zones"],
           description="Quantity expressions with values (docs/numbers.md)")
def make_quantities(nlp, skip_boilerplate: bool = True, durations: bool = False, dialect: bool = False):
    """Build the component.

    ``skip_boilerplate``: when the ``structure`` component has marked zones, keep only
    quantities in the title, dateline and body (the annotated part of an article).
    ``durations``: also keep numbers that count time units ("بعد 3 أيام"), which by
    default are left to the ``times`` layer.
    ``dialect``: also read colloquial Egyptian/Levantine number words ("حداشر", "متين",
    "خمسمية"; ``data/numbers/dialect.yaml``). Off by default: some are MSA words or names
    in other senses.
    """
    from ._engine import find
    from ._lexicon import lexicon

    lexicon(bool(dialect))  # load and check the data at build time

    def quantities(doc: Doc) -> Doc:
        found = find(doc.norm, durations=durations, dialect=bool(dialect),
                     words=(doc.tokens, doc.token_view_starts()))
        if skip_boilerplate and doc.zones:
            found = [q for q in found if doc.in_body(q.start, q.end)]
        doc.quantities = found
        return doc

    return quantities
