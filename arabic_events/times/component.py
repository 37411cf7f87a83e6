"""The ``times`` pipeline component: fills ``doc.times`` and, when the doc has no
publication date, takes it from a dateline ("19-03-2020, 11:14" near the top, or the
``dateline`` zone when the structure component found one)."""

from __future__ import annotations

from ..doc import Doc
from ..pipeline import component

__all__ = ["make_times"]


@component("times", provides=["times", "published"], uses=["zones", "published"],
           description="Time expressions resolved against the publication date")
def make_times(nlp=None, body_only: bool = True, detect_dateline: bool = True, month_families=None):
    """Build the component.

    ``body_only``: when structure zones exist, keep only expressions in the title,
    dateline and body (not boilerplate). ``detect_dateline``: when ``doc.published`` is
    ``None``, set it from a dateline and mark ``doc.published_source = "dateline"``.
    ``month_families``: Gregorian month tables to read, a subset of
    ``["egyptian_gulf", "levantine_iraqi", "maghrebi"]`` (default: all).
    """
    from ._lexicon import lexicon
    from .parser import detect_dateline as _detect, scan, to_time_exprs

    from . import warm_up

    families = tuple(sorted(month_families)) if month_families is not None else None
    lexicon(families)  # validate the choice now (ConfigError), not on the first doc
    # lexicons and grammar at build time; each rule's regex compiles on the first text that
    # contains its gate word, so load stays short and the first document pays a few ms per rule
    warm_up(families, compile_all=False)

    def times(doc: Doc) -> Doc:
        norm = doc.norm
        xs = scan(norm, families)
        if doc.published is None and detect_dateline:
            z = doc.zone("dateline")
            found = _detect(xs, norm, (z.start, z.end) if z is not None else None)
            if found is None and z is not None:
                found = _detect(xs, norm, None)
            if found is not None:
                doc.published = found[0]
                doc.published_source = "dateline"
        out = to_time_exprs(xs, norm, doc.published)
        if body_only and doc.zones:
            out = [t for t in out if doc.in_body(t.start, t.end)]
        doc.times = out
        return doc

    return times
