"""Run the pipeline over a corpus on a Dask cluster (optional extra: ``pip install arabic-events[dask]``).

>>> import dask.bag as db
>>> from arabic_events import dask as aed
>>> bag = db.from_sequence([{"id": "a1", "text": "...", "published": "2020-03-29"}], npartitions=8)
>>> records = aed.analyze_bag(bag)                 # a bag of JSON-ready dicts, one per document
>>> ents = aed.analyze_frame(ddf, text="text", id="id", published="date", layer="entities")
>>> rows = aed.timeline(records)                  # merged events across the corpus

Each worker process builds the pipeline once, the first time one of its tasks needs it,
and keeps it for every later task (a cache keyed by the pipeline config; only the small
config travels with a task, never the models). :func:`preload` builds it on every worker
up front (a worker plugin), so the first tasks do not pay for loading. Run the workers
with one thread each (``LocalCluster(threads_per_worker=1)``, ``dask worker --nthreads 1``):
the pipeline is pure Python and numpy at one BLAS thread, so processes, not threads, scale.

A document that cannot be analysed (not a string, a bad publication date) becomes a record
``{"id", "error"}`` instead of failing its partition.
"""

from __future__ import annotations

import json
import threading
from typing import Any, Iterable, Mapping, Sequence

from .doc import Doc
from .errors import ArabicEventsError, ConfigError

__all__ = [
    "get_pipeline",
    "analyze_bag",
    "analyze_records",
    "analyze_frame",
    "flatten",
    "timeline",
    "preload",
    "PipelinePlugin",
    "DEFAULT_LAYERS",
    "COLUMNS",
    "map_in_pandas",
    "spark_schema",
]

#: Doc layers kept in a record by default (tokens are left out: they are most of the size).
DEFAULT_LAYERS = ("zones", "sentences", "entities", "quantities", "times", "events")

#: Columns of the flattened frame of each layer (``id`` is the document id).
COLUMNS: dict[str, tuple[str, ...]] = {
    "entities": ("id", "start", "end", "text", "label", "source", "score", "canonical", "cluster"),
    "quantities": ("id", "start", "end", "text", "value", "kind", "approx", "unit", "source"),
    "times": ("id", "start", "end", "text", "value", "kind", "mod", "source"),
    "events": ("id", "event", "type", "start", "end", "trigger", "time", "polarity", "modality", "sentence",
               "arguments"),
}

_PIPELINES: dict[str, Any] = {}
_LOCK = threading.Lock()


def _key(config: Any) -> str:
    return json.dumps(config, sort_keys=True, ensure_ascii=False, default=repr)


def get_pipeline(config: Sequence[Mapping[str, Any] | str] | Mapping[str, Any] | None = None) -> Any:
    """The pipeline of this process for ``config``, built on first use and then reused.

    ``config`` is ``None`` (the default pipeline), a list of component entries (as
    :class:`~arabic_events.Pipeline` takes) or a dict of :func:`arabic_events.load`
    keyword arguments (``{"exclude": ["events"], "ner": "crf"}``).
    """
    key = _key(config)
    nlp = _PIPELINES.get(key)
    if nlp is not None:
        return nlp
    with _LOCK:
        nlp = _PIPELINES.get(key)
        if nlp is None:
            from .pipeline import Pipeline, load

            if config is None:
                nlp = load()
            elif isinstance(config, Mapping):
                nlp = load(**dict(config))
            else:
                nlp = Pipeline(list(config))
            _PIPELINES[key] = nlp
        return nlp


def _record(doc: Doc, layers: Sequence[str] | None) -> dict[str, Any]:
    d = doc.to_dict()
    if layers is not None:
        keep = set(layers) | {"text", "published", "published_source", "meta"}
        d = {k: v for k, v in d.items() if k in keep}
    return d


def _split(item: Any, i: int, published: Any, text_key: str) -> tuple[Any, Any, Any, dict[str, Any]]:
    """(id, text, published, other fields) of an input item: a str or a mapping."""
    if isinstance(item, Mapping):
        extra = {k: v for k, v in item.items() if k not in (text_key, "id", "published")}
        pub = item.get("published", published)
        return item.get("id", i), item.get(text_key), pub, extra
    return i, item, published, {}


def analyze_records(
    items: Iterable[Any],
    *,
    config: Any = None,
    published: Any = None,
    layers: Sequence[str] | None = DEFAULT_LAYERS,
    batch_size: int = 32,
    text_key: str = "text",
    start: int = 0,
) -> list[dict[str, Any]]:
    """Analyse ``items`` (texts, or dicts with ``text`` and optional ``id``/``published``)
    in this process: one JSON-ready dict per item, in order, with ``id`` and the item's other
    fields passed through. This is what each Dask task runs on its partition."""
    nlp = get_pipeline(config)
    parts = [_split(x, start + i, published, text_key) for i, x in enumerate(items)]
    out: list[dict[str, Any]] = []
    for k in range(0, len(parts), batch_size):
        chunk = parts[k: k + batch_size]
        try:
            docs: list[Doc | str] = list(nlp.pipe([p[1] for p in chunk], published=[p[2] for p in chunk],
                                                  batch_size=batch_size, n_threads=None))
        except ArabicEventsError:
            docs = []
            for _, text, pub, _ in chunk:  # find the bad ones; the others are analysed
                try:
                    docs.append(nlp(text, published=pub))
                except ArabicEventsError as exc:
                    docs.append(f"{type(exc).__name__}: {exc}")
        for (did, _, _, extra), doc in zip(chunk, docs):
            rec = {"id": did, **extra}
            if isinstance(doc, str):
                rec["error"] = doc
            else:
                rec.update(_record(doc, layers))
            out.append(rec)
    return out


def analyze_bag(
    bag: Any,
    *,
    config: Any = None,
    published: Any = None,
    layers: Sequence[str] | None = DEFAULT_LAYERS,
    batch_size: int = 32,
    text_key: str = "text",
) -> Any:
    """A ``dask.bag.Bag`` of texts or dicts -> a bag of JSON-ready records (see
    :func:`analyze_records`); ``layers=None`` keeps every layer, tokens included."""
    import dask.bag as db

    if not isinstance(bag, db.Bag):
        raise ConfigError(f"analyze_bag takes a dask.bag.Bag, not {type(bag).__name__}")
    return bag.map_partitions(_bag_partition, config=config, published=published, layers=layers,
                              batch_size=batch_size, text_key=text_key)


def _bag_partition(part: Iterable[Any], **kw: Any) -> list[dict[str, Any]]:
    return analyze_records(list(part), **kw)


def _cell(v: Any) -> Any:
    return json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict, tuple)) else v


def flatten(records: Iterable[Mapping[str, Any]], layer: str = "entities") -> list[dict[str, Any]]:
    """Rows of one layer (``entities``, ``quantities``, ``times`` or ``events``) of analysed
    records, with the document ``id``; lists (event arguments) become JSON strings."""
    if layer not in COLUMNS:
        raise ConfigError(f"layer must be one of {', '.join(COLUMNS)}, not {layer!r}")
    cols = COLUMNS[layer]
    rows = []
    for rec in records:
        for span in rec.get(layer) or ():
            if layer == "events":
                trig = span.get("trigger") or {}
                row = {"id": rec.get("id"), "event": span.get("id"), "type": span.get("type"),
                       "start": trig.get("start"), "end": trig.get("end"), "trigger": trig.get("text"),
                       "time": span.get("time"), "polarity": span.get("polarity"), "modality": span.get("modality"),
                       "sentence": span.get("sentence"), "arguments": _cell(span.get("arguments") or [])}
            else:
                row = {c: _cell(span.get(c)) for c in cols if c != "id"}
                row["id"] = rec.get("id")
            rows.append({c: row.get(c) for c in cols})
    return rows


def _frame(rows: list[dict[str, Any]], layer: str) -> Any:
    import pandas as pd

    cols = COLUMNS[layer]
    df = pd.DataFrame(rows, columns=list(cols))
    dtypes = {c: "object" for c in cols}
    dtypes["start"] = dtypes["end"] = "int64"
    return df.astype(dtypes)


def analyze_frame(
    df: Any,
    text: str = "text",
    *,
    id: str | None = None,  # noqa: A002 - the column name reads best as id=
    published: str | Any = None,
    layer: str = "entities",
    config: Any = None,
    batch_size: int = 32,
) -> Any:
    """A Dask DataFrame with a text column -> a flat Dask DataFrame of one ``layer``: one row
    per entity / quantity / time / event (columns :data:`COLUMNS`), ``id`` taken from the
    ``id`` column (default: the frame's index). ``published`` is a column name or one date
    for every row."""
    import dask.dataframe as dd

    if not isinstance(df, dd.DataFrame):
        raise ConfigError(f"analyze_frame takes a dask.dataframe.DataFrame, not {type(df).__name__}")
    if layer not in COLUMNS:
        raise ConfigError(f"layer must be one of {', '.join(COLUMNS)}, not {layer!r}")
    missing = [c for c in (text, id, published if isinstance(published, str) and published in df.columns else None)
               if c is not None and c not in df.columns]
    if missing:
        raise ConfigError(f"analyze_frame: no column {missing[0]!r}; columns: {list(df.columns)}")
    meta = _frame([], layer)
    return df.map_partitions(_frame_partition, text=text, id_col=id, published=published, layer=layer,
                             config=config, batch_size=batch_size, meta=meta)


def _frame_partition(pdf: Any, *, text: str, id_col: str | None, published: Any, layer: str, config: Any,
                     batch_size: int) -> Any:
    ids = pdf[id_col].tolist() if id_col else pdf.index.tolist()
    pub_col = published if isinstance(published, str) and published in pdf.columns else None
    pubs = [None if _missing(p) else p for p in pdf[pub_col].tolist()] if pub_col else [published] * len(pdf)
    items = [{"id": i, "text": t, "published": p} for i, t, p in zip(ids, pdf[text].tolist(), pubs)]
    layers = (layer, "sentences") if layer != "events" else ("events",)
    recs = analyze_records(items, config=config, layers=layers, batch_size=batch_size)
    return _frame(flatten(recs, layer), layer)


def _missing(v: Any) -> bool:
    try:
        import pandas as pd

        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def timeline(records: Any, *, doc_ids: Sequence[str] | None = None, **options: Any) -> list[Any]:
    """Merge the events of analysed records (a bag from :func:`analyze_bag`, or any iterable
    of records) across the corpus with :func:`arabic_events.merge_events`; ``options`` go to
    it. Only records with events are brought to the client, as Docs without tokens."""
    from .events.merge import merge_events

    if hasattr(records, "filter") and hasattr(records, "compute"):
        records = records.filter(_has_events).compute()
    pairs = []
    for rec in records:
        if not _has_events(rec):
            continue
        body = {k: v for k, v in rec.items() if k in ("text", "published", "published_source", "zones", "sentences",
                                                     "entities", "quantities", "times", "events", "meta")}
        pairs.append((str(rec.get("id")), Doc.from_dict(body)))
    return merge_events(pairs, **options)


def _has_events(rec: Mapping[str, Any]) -> bool:
    return bool(rec.get("events"))


# ------------------------------------------------------------------ Spark (mapInPandas)
_SPARK_TYPES = {"start": "long", "end": "long", "score": "double", "cluster": "long", "sentence": "long",
                "value": "string"}


def spark_schema(layer: str = "entities") -> str:
    """The Spark DDL schema of :func:`map_in_pandas`'s output for ``layer`` (all
    :data:`COLUMNS`; ``value`` as a string, since quantities and times differ)."""
    if layer not in COLUMNS:
        raise ConfigError(f"layer must be one of {', '.join(COLUMNS)}, not {layer!r}")
    return ", ".join(f"`{c}` {_SPARK_TYPES.get(c, 'string')}" for c in COLUMNS[layer])


def map_in_pandas(batches: Iterable[Any], *, layer: str = "entities", text: str = "text", id: str = "id",  # noqa: A002
                  published: str = "published", config: Any = None, batch_size: int = 32) -> Iterable[Any]:
    """For Spark's ``DataFrame.mapInPandas``: pandas frames with a text column in, flat
    frames of ``layer`` out (schema :func:`spark_schema`). Bind options with
    ``functools.partial``; the pipeline is built once per Python worker process::

        from functools import partial
        out = sdf.mapInPandas(partial(aed.map_in_pandas, layer="entities"), schema=aed.spark_schema("entities"))
    """
    import pandas as pd

    cols = COLUMNS[layer]
    for pdf in batches:
        ids = pdf[id].tolist() if id in pdf.columns else list(range(len(pdf)))
        pubs = [None if _missing(p) else p for p in pdf[published].tolist()] if published in pdf.columns else [None] * len(pdf)
        items = [{"id": i, "text": t, "published": p} for i, t, p in zip(ids, pdf[text].tolist(), pubs)]
        recs = analyze_records(items, config=config, layers=(layer,), batch_size=batch_size)
        rows = flatten(recs, layer)
        for r in rows:
            if r.get("value") is not None:
                r["value"] = str(r["value"])
            r["id"] = None if r["id"] is None else str(r["id"])
        yield pd.DataFrame(rows, columns=list(cols))


try:  # a plugin must subclass distributed's WorkerPlugin to be registered as one
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPlugin
except ImportError:  # pragma: no cover - dask.distributed not installed
    _WorkerPlugin = object  # type: ignore[assignment,misc]


class PipelinePlugin(_WorkerPlugin):  # type: ignore[misc,valid-type]
    """A Dask worker plugin that builds the pipeline for ``config`` when a worker starts."""

    name = "arabic-events-pipeline"

    def __init__(self, config: Any = None) -> None:
        self.config = config

    def setup(self, worker: Any = None) -> None:
        get_pipeline(self.config)


def preload(client: Any, config: Any = None) -> None:
    """Build the pipeline on every current and future worker of ``client`` now."""
    client.register_plugin(PipelinePlugin(config), name=f"{PipelinePlugin.name}:{_key(config)}")
