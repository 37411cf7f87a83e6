"""Component registry and the :class:`Pipeline`.

A *component* is a callable ``Doc -> Doc`` made by a *factory* registered under a
stable name together with what it ``requires`` and ``provides`` (attribute names such as
``"tokens"`` or ``"entities"``). A pipeline is built from a config, a list of
``{"name", "factory", "config"}`` entries; the whole config is validated up front and
every problem is reported in one :class:`~arabic_events.errors.ConfigError`.

Built-in factories are registered lazily by import path, so ``import arabic_events``
imports none of them.
"""

from __future__ import annotations

import gc
import importlib
import inspect
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from .doc import Doc, parse_published
from .errors import ConfigError, InputError, OffsetError

__all__ = ["component", "registered_components", "ComponentInfo", "Pipeline", "load", "DEFAULT_PIPELINE"]

_CHECK_MODES = (True, False, "end", "strict")

# attributes a bare Doc already has
_BASE_PROVIDES = frozenset({"text", "published"})


@dataclass(frozen=True)
class ComponentInfo:
    """What the registry knows about a component factory."""

    name: str
    factory: Callable[..., Callable[[Doc], Doc]]
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()
    description: str = ""
    #: layers read when an earlier component provided them, not required (the component
    #: works without them): e.g. ``zones`` (body/boilerplate) or ``entity_clusters``
    uses: tuple[str, ...] = ()


_REGISTRY: dict[str, ComponentInfo] = {}

# name -> "module:attribute"; imported on first use so that `import arabic_events` stays light.
_BUILTIN: dict[str, str] = {
    "structure": "arabic_events.structure:make_structure",
    "tokenizer": "arabic_events.tokenizer:make_tokenizer",
    "quantities": "arabic_events.numbers.component:make_quantities",
    "times": "arabic_events.times.component:make_times",
    "ner": "arabic_events.ner.component:make_ner",
    "gazetteer": "arabic_events.ner.component:make_gazetteer",
    "entity_groups": "arabic_events.ner.grouping:make_entity_groups",
    "events": "arabic_events.events.component:make_events",
}

# The default pipeline, in order. Entries whose module is not installed yet are skipped
# by `load()` only when they are marked optional here.
DEFAULT_PIPELINE: tuple[str, ...] = (
    "structure",
    "tokenizer",
    "quantities",
    "times",
    "ner",
    "entity_groups",
    "events",
)


def component(
    name: str,
    *,
    requires: Sequence[str] = (),
    provides: Sequence[str] = (),
    description: str = "",
    uses: Sequence[str] = (),
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a component factory under ``name``.

    ``requires``: layers it needs (a pipeline without a component providing them before it
    is rejected); ``provides``: layers it fills; ``uses``: layers it reads only when they
    are there (declared for the record, never checked).

    The decorated object is called as ``factory(nlp, **config)`` and must return a
    callable ``Doc -> Doc``. A plain function ``Doc -> Doc`` can be registered too: when
    its only parameter is the doc, it is used as the component itself.
    ``uses`` names layers the component reads when an earlier component provides them but
    does not need (not checked; ``requires`` are).

    >>> @component("my_ner", requires=["tokens"], provides=["entities"])
    ... def make_my_ner(nlp, min_len: int = 2):
    ...     def run(doc):
    ...         return doc
    ...     return run
    """

    def deco(func: Callable[..., Any]) -> Callable[..., Any]:
        if not isinstance(name, str) or not name:
            raise ConfigError("component name must be a non-empty string")
        factory = func
        params = list(inspect.signature(func).parameters)
        if len(params) == 1 and params[0] in ("doc", "d"):
            def factory(nlp, _f=func):  # noqa: ANN001
                return _f
            factory.__doc__ = func.__doc__
        _REGISTRY[name] = ComponentInfo(
            name=name,
            factory=factory,
            requires=tuple(requires),
            provides=tuple(provides),
            description=description or (inspect.getdoc(func) or "").split("\n")[0],
            uses=tuple(uses),
        )
        return func

    return deco


def _resolve(name: str) -> ComponentInfo | None:
    info = _REGISTRY.get(name)
    if info is not None:
        return info
    target = _BUILTIN.get(name)
    if target is None:
        return None
    module, _, attr = target.partition(":")
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and (exc.name == module or module.startswith(exc.name + ".")):
            return None
        raise
    return _REGISTRY.get(name)


def registered_components() -> dict[str, ComponentInfo]:
    """All component factories known now (built-in ones are imported to be listed)."""
    for name in list(_BUILTIN):
        _resolve(name)
    return dict(_REGISTRY)


def _config_problems(info: ComponentInfo, config: Mapping[str, Any], label: str) -> list[str]:
    problems = []
    try:
        sig = inspect.signature(info.factory)
    except (TypeError, ValueError):
        return problems
    params = list(sig.parameters.values())[1:]  # skip nlp
    if any(p.kind is p.VAR_KEYWORD for p in params):
        return problems
    accepted = {p.name for p in params}
    for key in config:
        if key not in accepted:
            hint = f"; it accepts: {', '.join(sorted(accepted))}" if accepted else "; it takes no options"
            problems.append(f"{label}: unknown option {key!r}{hint}")
    return problems


@dataclass
class _Pipe:
    name: str
    factory: str
    config: dict[str, Any]
    info: ComponentInfo
    func: Callable[[Doc], Doc]


class Pipeline:
    """A configured sequence of components. Call it on a text to get a :class:`Doc`."""

    def __init__(self, config: Sequence[Mapping[str, Any] | str] | None = None, *, check_offsets: bool | str = True) -> None:
        if check_offsets not in _CHECK_MODES:
            raise ConfigError(f"check_offsets must be True ('end'), 'strict' or False, not {check_offsets!r}")
        self._pipes: list[_Pipe] = []
        self.check_offsets = check_offsets
        self.timings: dict[str, float] = {}
        self.frames: Any = None  # filled by the events component
        self._additions: list[tuple[str, Any]] = []  # add_entities / add_frame calls, replayed when unpickled
        self._clock: Callable[[], float] = time.perf_counter  # what `timings` measure (the benchmark uses CPU time)
        #: BLAS/OpenMP (and torch) threads while a document is analysed: 1 by default (one core
        #: per process; scale with pipe(n_process=...)); None leaves the libraries' setting
        self.n_threads: int | None = 1
        #: pause Python's cyclic garbage collector while a document or batch is analysed (the
        #: built-in components make no reference cycles; a collection pass over the live
        #: tokens and caches cost about a tenth of the CPU time); reference counting still
        #: frees everything, and the collector runs again after the batch
        self.pause_gc: bool = True
        entries = [self._entry(c) for c in (config or ())]
        self._build(entries)

    # ------------------------------------------------------------ pickling
    def __reduce__(self):
        """A pipeline pickles as its config (plus the entities and frames added to it) and is
        rebuilt on the other side: models and lexicons load there, nothing large is copied.
        Components registered by a user must be importable where it is unpickled."""
        return (_rebuild, (self.config, self.check_offsets, list(self._additions), self.n_threads))

    # ------------------------------------------------------------- config
    @staticmethod
    def _entry(item: Mapping[str, Any] | str) -> dict[str, Any]:
        if isinstance(item, str):
            return {"name": item, "factory": item, "config": {}}
        if not isinstance(item, Mapping):
            raise ConfigError(f"pipeline entry {item!r} must be a component name or a mapping")
        name = item.get("name") or item.get("factory")
        return {
            "name": name,
            "factory": item.get("factory") or name,
            "config": dict(item.get("config") or {}),
        }

    def _validate(self, entries: list[dict[str, Any]]) -> list[tuple[dict[str, Any], ComponentInfo]]:
        problems: list[str] = []
        resolved = []
        provided = set(_BASE_PROVIDES)
        seen: set[str] = set()
        for i, e in enumerate(entries):
            label = f"pipeline[{i}] {e['name']!r}"
            if not e["name"] or not isinstance(e["name"], str):
                problems.append(f"pipeline[{i}]: missing component name")
                continue
            if e["name"] in seen:
                problems.append(f"{label}: duplicate component name; give the second one another 'name'")
            seen.add(e["name"])
            info = _resolve(e["factory"])
            if info is None:
                known = sorted(set(_REGISTRY) | set(_BUILTIN))
                problems.append(
                    f"{label}: no component factory {e['factory']!r} is registered; known: {', '.join(known)}; "
                    "register your own with @arabic_events.component(...)"
                )
                continue
            problems += _config_problems(info, e["config"], label)
            missing = [r for r in info.requires if r not in provided]
            if missing:
                problems.append(
                    f"{label}: requires {', '.join(missing)}, which no earlier component provides; "
                    "add a component that provides it before this one"
                )
            provided.update(info.provides)
            resolved.append((e, info))
        if problems:
            raise ConfigError("invalid pipeline configuration:", problems)
        return resolved

    def _build(self, entries: list[dict[str, Any]]) -> None:
        resolved = self._validate(entries)
        pipes = []
        for e, info in resolved:
            try:
                func = info.factory(self, **e["config"])
            except TypeError as exc:
                raise ConfigError(f"component {e['name']!r} rejected its config: {exc}") from exc
            if not callable(func):
                raise ConfigError(f"factory {e['factory']!r} returned {func!r}, which is not callable")
            pipes.append(_Pipe(e["name"], e["factory"], e["config"], info, func))
        self._pipes = pipes

    @property
    def config(self) -> list[dict[str, Any]]:
        """The config this pipeline was built from (feed it back to ``Pipeline``)."""
        return [{"name": p.name, "factory": p.factory, "config": dict(p.config)} for p in self._pipes]

    @property
    def pipe_names(self) -> list[str]:
        return [p.name for p in self._pipes]

    def get_pipe(self, name: str) -> Callable[[Doc], Doc]:
        for p in self._pipes:
            if p.name == name:
                return p.func
        raise KeyError(f"no component named {name!r}; components: {self.pipe_names}")

    def has_pipe(self, name: str) -> bool:
        return name in self.pipe_names

    def _position(self, before: str | None, after: str | None, first: bool, last: bool) -> int:
        if sum(x is not None and x is not False for x in (before, after, first or None, last or None)) > 1:
            raise ConfigError("give at most one of before=, after=, first=, last=")
        names = self.pipe_names
        for ref in (before, after):
            if ref is not None and ref not in names:
                raise ConfigError(f"no component named {ref!r} to place against; components: {names}")
        if before is not None:
            return names.index(before)
        if after is not None:
            return names.index(after) + 1
        if first:
            return 0
        return len(names)

    def add_pipe(
        self,
        factory: str,
        *,
        name: str | None = None,
        config: Mapping[str, Any] | None = None,
        before: str | None = None,
        after: str | None = None,
        first: bool = False,
        last: bool = False,
    ) -> Callable[[Doc], Doc]:
        """Add a registered component; the new config is validated as a whole."""
        entries = self.config
        pos = self._position(before, after, first, last)
        entries.insert(pos, {"name": name or factory, "factory": factory, "config": dict(config or {})})
        keep = {p.name: p for p in self._pipes}
        resolved = self._validate(entries)
        new = []
        for e, info in resolved:
            if e["name"] in keep and keep[e["name"]].factory == e["factory"]:
                new.append(keep[e["name"]])
            else:
                try:
                    func = info.factory(self, **e["config"])
                except TypeError as exc:
                    raise ConfigError(f"component {e['name']!r} rejected its config: {exc}") from exc
                new.append(_Pipe(e["name"], e["factory"], e["config"], info, func))
        self._pipes = new
        return self.get_pipe(name or factory)

    def remove_pipe(self, name: str) -> Callable[[Doc], Doc]:
        """Remove a component; fails if a later component needs what it provides."""
        func = self.get_pipe(name)
        entries = [e for e in self.config if e["name"] != name]
        self._validate(entries)
        self._pipes = [p for p in self._pipes if p.name != name]
        return func

    def replace_pipe(self, name: str, factory: str, *, config: Mapping[str, Any] | None = None) -> Callable[[Doc], Doc]:
        """Replace a component by another factory at the same position."""
        pos = self.pipe_names.index(name) if name in self.pipe_names else None
        if pos is None:
            raise ConfigError(f"no component named {name!r}; components: {self.pipe_names}")
        after = self.pipe_names[pos - 1] if pos > 0 else None
        self.remove_pipe_unchecked(name)
        if after is None:
            return self.add_pipe(factory, name=name, config=config, first=True)
        return self.add_pipe(factory, name=name, config=config, after=after)

    def remove_pipe_unchecked(self, name: str) -> None:
        self._pipes = [p for p in self._pipes if p.name != name]

    # ----------------------------------------------------------- running
    def make_doc(self, text: str, published: Any = None) -> Doc:
        if text is None:
            raise InputError("text is None; pass a str (an empty string gives an empty Doc)")
        if isinstance(text, (bytes, bytearray)):
            raise InputError("text is bytes; decode it first, e.g. data.decode('utf-8')")
        if not isinstance(text, str):
            raise InputError(f"text must be str, not {type(text).__name__}")
        return Doc(text=text, published=parse_published(published))

    def __call__(self, text: str | Doc, published: Any = None) -> Doc:
        """Analyse ``text`` (or run the components on an existing :class:`Doc`)."""
        doc = text if isinstance(text, Doc) else self.make_doc(text, published)
        if isinstance(text, Doc) and published is not None:
            doc.published = parse_published(published)
            doc.published_source = "argument"
        strict = self.check_offsets == "strict"
        with _thread_limit(self.n_threads), _gc_paused(self.pause_gc):
            for p in self._pipes:
                t0 = self._clock()
                result = p.func(doc)
                if result is not None:
                    doc = result
                self.timings[p.name] = self.timings.get(p.name, 0.0) + self._clock() - t0
                if strict:
                    doc.check_offsets(p.name)
        if self.check_offsets and not strict:
            self._check_end(doc)
        return doc

    def _check_end(self, doc: Doc) -> None:
        """One offset check after the last component (``check_offsets=True``); a failure names
        the components and says how to find the culprit."""
        try:
            doc.check_offsets()
        except OffsetError as exc:
            raise OffsetError(
                f"{exc} (after components {self.pipe_names}; load with check_offsets='strict' to check after each one)"
            ) from None

    def _run_batch(self, docs: list[Doc]) -> list[Doc]:
        """Every component over a batch of docs: components with a ``pipe(docs)`` method (the
        NER tagger) see the whole batch, the others one doc at a time."""
        with _gc_paused(self.pause_gc):
            return self._run_batch_(docs)

    def _run_batch_(self, docs: list[Doc]) -> list[Doc]:
        strict = self.check_offsets == "strict"
        for p in self._pipes:
            t0 = self._clock()
            batch_fn = getattr(p.func, "pipe", None)
            if batch_fn is not None and len(docs) > 1:
                docs = list(batch_fn(docs))
            else:
                docs = [r if (r := p.func(d)) is not None else d for d in docs]
            self.timings[p.name] = self.timings.get(p.name, 0.0) + self._clock() - t0
            if strict:
                for d in docs:
                    d.check_offsets(p.name)
        if self.check_offsets and not strict:
            for d in docs:
                self._check_end(d)
        return docs

    def pipe(
        self,
        texts: Iterable[str],
        published: Any = None,
        *,
        batch_size: int = 32,
        as_tuples: bool = False,
        n_process: int = 1,
        n_threads: int | None = 1,
        start_method: str | None = None,
    ) -> Iterator[Doc] | Iterator[tuple[Doc, Any]]:
        """Analyse many texts lazily, one Doc per text, in order.

        ``published`` is one date for all texts or a sequence with one date per text.
        With ``as_tuples=True`` the input is ``(text, context)`` pairs and the output
        ``(doc, context)`` pairs; a context dict may carry its own ``published``.

        Texts are read ``batch_size`` at a time and each batch runs through the pipeline
        together (the NER tagger batches the sentences of all its documents).
        ``n_process`` > 1 analyses batches in that many processes: this one and
        ``n_process - 1`` workers, and yields the docs in input order. Workers start with
        ``start_method``; by default ``"fork"`` on Linux when this process runs one Python
        thread and has not loaded torch (the workers inherit the loaded pipeline), else
        ``"spawn"`` (each worker rebuilds the pipeline from its pickled config once).
        ``n_threads`` caps the BLAS/OpenMP threads of each process while it runs (default
        1: one core per process; ``None`` leaves the libraries' own setting).
        """
        if batch_size < 1:
            raise ConfigError(f"batch_size must be >= 1, not {batch_size!r}")
        if n_process < 1:
            raise ConfigError(f"n_process must be >= 1, not {n_process!r}")
        if published is not None and not isinstance(published, (str, bytes)) and isinstance(published, Iterable) and not hasattr(published, "isoformat"):
            dates: Iterator[Any] | None = iter(published)
        else:
            dates = None

        def items() -> Iterator[tuple[Any, Any, Any]]:
            for item in texts:
                ctx = None
                if as_tuples:
                    item, ctx = item
                pub = next(dates, None) if dates is not None else published
                if isinstance(ctx, Mapping) and ctx.get("published") is not None:
                    pub = ctx["published"]
                yield item, pub, ctx

        def batches() -> Iterator[list[tuple[Any, Any, Any]]]:
            cur: list[tuple[Any, Any, Any]] = []
            for x in items():
                cur.append(x)
                if len(cur) >= batch_size:
                    yield cur
                    cur = []
            if cur:
                yield cur

        if n_process == 1:
            with _thread_limit(n_threads):
                for batch in batches():
                    docs = self._run_batch([self._make(t, pub) for t, pub, _ in batch])
                    for doc, (_, _, ctx) in zip(docs, batch):
                        yield (doc, ctx) if as_tuples else doc
            return
        yield from self._pipe_processes(batches(), as_tuples, n_process, n_threads, start_method)

    def _pipe_processes(self, batches: Iterator[list[tuple[Any, Any, Any]]], as_tuples: bool, n_process: int,
                        n_threads: int | None, start_method: str | None) -> Iterator[Any]:
        """``pipe`` over ``n_process`` processes: this one and ``n_process - 1`` workers.

        Batches go to the workers (at most two each in flight) and, while the next result
        is not back yet, this process analyses a batch itself; docs are yielded in input
        order. Workers send their docs back packed (:func:`_pack_doc`: tokens as offsets,
        the text once), which costs a tenth of pickling Doc objects on both sides."""
        import multiprocessing as mp
        import pickle
        from collections import deque

        method = start_method or _default_start_method()
        ctx_mp = mp.get_context(method)
        n_workers = n_process - 1
        key = None
        if method == "fork":  # the workers inherit this pipeline: nothing to pickle or reload
            key = id(self)
            _FORKED[key] = self
            payload = None
        else:
            payload = pickle.dumps(self)
        pack = bool(self.check_offsets)
        try:
            with ctx_mp.Pool(n_workers, initializer=_worker_init, initargs=(payload, n_threads, key)) as pool:
                # queue items: [state, batch or result, contexts]; state "remote" (a worker's
                # AsyncResult), "local" (to analyse here) or "done" (docs analysed here)
                queue: deque = deque()
                ahead = 4 * n_process
                exhausted = False

                def fill() -> None:
                    nonlocal exhausted
                    while not exhausted and len(queue) < ahead:
                        b = next(batches, None)
                        if b is None:
                            exhausted = True
                            return
                        busy = sum(1 for x in queue if x[0] == "remote" and not x[1].ready())
                        if busy < 2 * n_workers:
                            res = pool.apply_async(_worker_run, ([t for t, _, _ in b], [pub for _, pub, _ in b], pack))
                            queue.append(["remote", res, [c for _, _, c in b]])
                        else:
                            queue.append(["local", b, [c for _, _, c in b]])

                fill()
                while queue:
                    item = queue[0]
                    if item[0] == "remote" and not item[1].ready():
                        loc = next((x for x in queue if x[0] == "local"), None)
                        if loc is not None:  # work here instead of waiting
                            loc[1], loc[0] = self._run_local(loc[1], n_threads), "done"
                            fill()
                            continue
                        item[1].wait()
                    queue.popleft()
                    if item[0] == "remote":
                        data = item[1].get()
                        with _gc_paused(self.pause_gc):
                            docs = [_unpack_doc(x) for x in (pickle.loads(data) if pack else data)]
                    elif item[0] == "local":
                        docs = self._run_local(item[1], n_threads)
                    else:
                        docs = item[1]
                    fill()
                    for doc, ctx in zip(docs, item[2]):
                        yield (doc, ctx) if as_tuples else doc
        finally:
            if key is not None:
                _FORKED.pop(key, None)

    def _run_local(self, batch: list[tuple[Any, Any, Any]], n_threads: int | None) -> list[Doc]:
        with _thread_limit(n_threads):
            return self._run_batch([self._make(t, pub) for t, pub, _ in batch])

    def _make(self, text: Any, published: Any) -> Doc:
        if isinstance(text, Doc):
            if published is not None:
                text.published = parse_published(published)
                text.published_source = "argument"
            return text
        return self.make_doc(text, published)

    def __repr__(self) -> str:
        return f"Pipeline({self.pipe_names})"

    # user-facing helpers other components attach to (NER rule layer, frames)
    def add_entities(self, entries: Iterable[Mapping[str, Any]] | str) -> int:
        """Add gazetteer entries (``{"text", "label"}``) or a file of them to the entity rule layer."""
        for p in self._pipes:
            adder = getattr(p.func, "add_entities", None)
            if adder is not None:
                n = adder(entries)
                self._additions.append(("add_entities", entries))
                return n
        raise ConfigError("this pipeline has no component that accepts entities; add 'gazetteer' or 'ner'")

    def add_frame(self, spec: Any) -> Any:
        """Register an event frame (a dict, YAML/JSON path, or Frame) with the events component."""
        for p in self._pipes:
            adder = getattr(p.func, "add_frame", None)
            if adder is not None:
                out = adder(spec)
                self._additions.append(("add_frame", spec))
                return out
        raise ConfigError("this pipeline has no 'events' component; add it with nlp.add_pipe('events')")


def load(
    config: Sequence[Mapping[str, Any] | str] | None = None,
    *,
    exclude: Sequence[str] = (),
    ner: str | None = None,
    model_dir: str | None = None,
    frames: Sequence[Any] | None = None,
    check_offsets: bool | str = True,
) -> Pipeline:
    """Build a pipeline; with no arguments the default offline pipeline.

    ``exclude`` drops named components; ``ner`` chooses the NER backend (``"neural"``,
    the default, ``"crf"``, ``"stanza"`` or ``"camel"``) and ``model_dir`` the directory it loads from;
    ``frames`` adds event frames to the events component. In the default pipeline a
    component whose requirements were excluded is left out too (``exclude=["ner"]``
    also drops ``entity_groups``); an explicit ``config`` is validated strictly.
    ``check_offsets``: ``True`` checks every span's offsets once after the last component,
    ``"strict"`` after each component (names the one at fault), ``False`` never.
    """
    if config is None:
        entries: list[dict[str, Any]] = []
        provided = set(_BASE_PROVIDES)
        for name in DEFAULT_PIPELINE:
            if name in exclude:
                continue
            info = _resolve(name)
            if info is None:
                if name == "ner" and (ner is not None or model_dir is not None):
                    raise ConfigError(f"ner={ner!r} was requested but the 'ner' component is not installed")
                continue  # component not available in this build
            if any(r not in provided for r in info.requires):
                continue  # what it needs was excluded: leave it out of the default pipeline
            provided.update(info.provides)
            cfg: dict[str, Any] = {}
            if name == "ner" and (ner is not None or model_dir is not None):
                if ner is not None:
                    cfg["backend"] = ner
                if model_dir is not None:
                    cfg["model_dir"] = model_dir
            if name == "events" and frames is not None:
                cfg["frames"] = list(frames)
            entries.append({"name": name, "factory": name, "config": cfg})
    else:
        entries = [Pipeline._entry(c) for c in config if Pipeline._entry(c)["name"] not in exclude]
    return Pipeline(entries, check_offsets=check_offsets)


# ------------------------------------------------------------ helpers for pickling and workers
def _rebuild(config: list[dict[str, Any]], check_offsets: bool | str, additions: list[tuple[str, Any]],
             n_threads: int | None = 1) -> Pipeline:
    nlp = Pipeline(config, check_offsets=check_offsets)
    nlp.n_threads = n_threads
    for method, arg in additions:
        getattr(nlp, method)(arg)
    return nlp


_CONTROLLERS: dict[tuple[bool, ...], Any] = {}
_NATIVE = ("numpy", "scipy", "torch", "sklearn")


def _controller() -> Any:
    """A threadpoolctl controller over the native libraries loaded now (cached: building one
    scans the process, using one costs microseconds)."""
    import sys

    key = tuple(m in sys.modules for m in _NATIVE)
    ctl = _CONTROLLERS.get(key)
    if ctl is None:
        try:
            from threadpoolctl import ThreadpoolController
        except ImportError:  # pragma: no cover - threadpoolctl is a dependency
            return None
        ctl = _CONTROLLERS[key] = ThreadpoolController()
    return ctl


_LIMIT_LOCK = __import__("threading").Lock()
_LIMIT_STATE: dict[str, Any] = {"depth": 0, "ctl": None, "torch": None}


class _thread_limit:
    """Cap BLAS/OpenMP threads (threadpoolctl) and torch's intra-op threads, when loaded,
    while at least one ``with`` block is open in the process (nested and concurrent blocks
    share one setting; the last to leave restores the libraries' own); ``None`` changes
    nothing."""

    def __init__(self, n: int | None) -> None:
        self.n = n

    def __enter__(self) -> "_thread_limit":
        if self.n is None:
            return self
        with _LIMIT_LOCK:
            st = _LIMIT_STATE
            st["depth"] += 1
            if st["depth"] == 1:
                ctl = _controller()
                st["ctl"] = ctl.limit(limits=self.n) if ctl is not None else None
                import sys

                torch = sys.modules.get("torch")
                st["torch"] = None
                if torch is not None and hasattr(torch, "get_num_threads"):
                    n = torch.get_num_threads()
                    if n != self.n:
                        st["torch"] = (torch, n)
                        torch.set_num_threads(self.n)
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.n is None:
            return
        with _LIMIT_LOCK:
            st = _LIMIT_STATE
            st["depth"] -= 1
            if st["depth"] == 0:
                if st["ctl"] is not None:
                    st["ctl"].restore_original_limits()
                if st["torch"] is not None:
                    st["torch"][0].set_num_threads(st["torch"][1])
                st["ctl"] = st["torch"] = None


_GC_LOCK = __import__("threading").Lock()
_GC_STATE: dict[str, Any] = {"depth": 0, "enabled": False}


class _gc_paused:
    """Disable the cyclic garbage collector while at least one ``with`` block is open in the
    process (nested and concurrent blocks share it; the last to leave re-enables it if it
    was enabled when the first entered); ``False`` changes nothing."""

    def __init__(self, on: bool) -> None:
        self.on = on

    def __enter__(self) -> "_gc_paused":
        if self.on:
            with _GC_LOCK:
                if _GC_STATE["depth"] == 0:
                    _GC_STATE["enabled"] = gc.isenabled()
                    gc.disable()
                _GC_STATE["depth"] += 1
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.on:
            with _GC_LOCK:
                _GC_STATE["depth"] -= 1
                if _GC_STATE["depth"] == 0 and _GC_STATE["enabled"]:
                    gc.enable()


_WORKER: dict[str, Any] = {}


_FORKED: dict[int, "Pipeline"] = {}  # pipelines handed to forked workers (by id), while their pool runs


def _default_start_method() -> str:
    """``"fork"`` where it is safe and cheap: Linux, one Python thread in this process and
    torch not loaded (forked workers inherit the loaded pipeline, copy-on-write: no
    reload); ``"spawn"`` otherwise."""
    import multiprocessing as mp
    import sys
    import threading

    if (sys.platform.startswith("linux") and "fork" in mp.get_all_start_methods()
            and threading.active_count() == 1 and "torch" not in sys.modules):
        return "fork"
    return "spawn"


def _worker_init(payload: bytes | None, n_threads: int | None, key: int | None = None) -> None:
    import os
    import pickle

    if n_threads is not None:
        for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
            os.environ[var] = str(n_threads)
    _WORKER["nlp"] = _FORKED[key] if payload is None else pickle.loads(payload)
    _WORKER["limit"] = _thread_limit(n_threads).__enter__()


def _worker_run(texts: list, pubs: list, pack: bool = False) -> Any:
    """Analyse a batch in a worker; with ``pack``, the docs packed (:func:`_pack_doc`) and
    pickled here, so that the caller unpickles them in its own thread, with the garbage
    collector paused (unpickling many small objects with it running costs several times
    more)."""
    import pickle

    nlp: Pipeline = _WORKER["nlp"]
    docs = nlp._run_batch([nlp._make(t, p) for t, p in zip(texts, pubs)])
    if not pack:
        return docs
    with _gc_paused(nlp.pause_gc):
        return pickle.dumps([_pack_doc(d) for d in docs], protocol=pickle.HIGHEST_PROTOCOL)


_DOC_CACHES = ("_norm", "_token_starts", "_zones_cache", "_sent_starts")


def _pack_doc(doc: Doc) -> Any:
    """A Doc as plain tuples for the trip back from a worker: each token as (start, end,
    kind, segments), its text and its segments' texts taken from ``doc.text`` on the other
    side (they are equal: the offsets were checked), a lone stem segment over the whole
    token as None; the other layers as they are; cached views dropped. A Doc with tokens
    of other types (a user's subclass) travels as it is."""
    from .doc import Segment, Token

    toks = []
    for t in doc.tokens:
        if type(t) is not Token:
            return doc
        s, e = t.start, t.end
        segs = t.segments
        if not segs:
            ps: Any = ()
        elif len(segs) == 1 and type(segs[0]) is Segment and segs[0].start == s and segs[0].end == e \
                and segs[0].kind == "stem" and segs[0].form is None:
            ps = None
        else:
            if any(type(g) is not Segment for g in segs):
                return doc
            ps = tuple([(g.start, g.end, g.kind, g.form) for g in segs])
        toks.append((s, e, t.kind, ps))
    state = {k: v for k, v in doc.__dict__.items() if k != "tokens" and k not in _DOC_CACHES}
    return ("packed-doc", state, toks)


def _unpack_doc(item: Any) -> Doc:
    """Rebuild a Doc packed by :func:`_pack_doc` (equal to the original)."""
    if not (isinstance(item, tuple) and item and item[0] == "packed-doc"):
        return item
    from .tokenizer import _new_segment, _new_token

    _, state, toks = item
    text = state["text"]
    tokens = []
    append = tokens.append
    for s, e, kind, ps in toks:
        if ps is None:
            segs: tuple = (_new_segment(text[s:e], s, e, "stem", None),)
        elif ps:
            segs = tuple([_new_segment(text[a:b], a, b, k, f) for a, b, k, f in ps])
        else:
            segs = ()
        append(_new_token(text[s:e], s, e, kind, segs))
    doc = Doc.__new__(Doc)  # as pickle does: the state of a Doc made and checked in the worker
    doc.__dict__.update(state)
    doc.tokens = tokens
    for k in _DOC_CACHES:
        setattr(doc, k, None)
    return doc
