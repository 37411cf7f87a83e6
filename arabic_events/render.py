"""A standalone HTML view of an analysed document: ``ae.render(doc) -> str``.

One self-contained page (inline CSS and script, no network, no CDN): the article
right-to-left with entities, quantities, times and event triggers highlighted; hovering
or clicking a highlight shows what it is (frame, roles, rule, source) and lights up the
arguments of an event; the document's timeline below. See docs/render.md.

Highlights never change how the text is laid out: the article is split at span
boundaries into plain inline ``<span>`` pieces (no bidi override, no padding), so
Latin words and digits inside Arabic keep their places and a mark on text with
diacritics or tatweel covers exactly its characters. Labels are ``<bdi>`` elements
(``unicode-bidi: isolate``) with ``data-label`` so they neither reorder the line nor
count as article text.
"""

from __future__ import annotations

import html
import json
from typing import Any

from .doc import Doc
from .errors import InputError

__all__ = ["render"]

_CSS = """
:root{--ent-PER:#ffe1a8;--ent-ORG:#cde7ff;--ent-LOC:#d5f5d0;--ent-FAC:#ead7ff;--ent-X:#eeeeee;
--tim:#0a6fb3;--qty:#1a8a3a;--trg:#c0262d}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,"Noto Sans Arabic","DejaVu Sans",sans-serif;color:#222;background:#fafafa}
header,main,section{max-width:60rem;margin:0 auto;padding:.5rem 1rem}
header h1{font-size:1.1rem;margin:.6rem 0 .2rem;unicode-bidi:plaintext}
.meta{color:#555;font-size:.85rem}
.legend span{margin-inline-end:1rem}
article{background:#fff;border:1px solid #ddd;border-radius:6px;padding:1rem 1.2rem;white-space:pre-wrap;
line-height:2.2;font-size:1.15rem;text-align:start}
.m{cursor:pointer}
.ent{border-radius:3px;background:var(--ent-X)}
.ent-PER{background:var(--ent-PER)}.ent-ORG{background:var(--ent-ORG)}.ent-LOC{background:var(--ent-LOC)}
.ent-FAC{background:var(--ent-FAC)}
.tim{box-shadow:inset 0 -2px 0 var(--tim);color:#08466f}
.qty{box-shadow:inset 0 -2px 0 var(--qty)}
.tim.qty{box-shadow:inset 0 -2px 0 var(--tim),inset 0 -4px 0 var(--qty)}
.trg{color:var(--trg);text-decoration:underline dotted var(--trg)}
.bp{opacity:.55}
.m.on{outline:2px solid #333;outline-offset:1px}
.m.arg{background:#fff3b0;box-shadow:inset 0 0 0 1px #b38f00}
bdi.lbl{unicode-bidi:isolate;font:bold .62rem/1 system-ui,"DejaVu Sans",sans-serif;color:#444;background:#f1f1f1;
border-radius:3px;padding:0 .2em;margin:0 .15em;vertical-align:super;white-space:nowrap}
bdi.lbl.l-trg{color:#fff;background:var(--trg)}bdi.lbl.l-tim{color:#fff;background:var(--tim)}
bdi.lbl.l-qty{color:#fff;background:var(--qty)}
#ae-panel{position:sticky;bottom:0;max-width:60rem;margin:0 auto;background:#fff;border:1px solid #bbb;
border-radius:6px 6px 0 0;padding:.5rem 1rem;font-size:.9rem;min-height:3rem;box-shadow:0 -2px 6px rgba(0,0,0,.08)}
#ae-panel dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:.3rem 0}
#ae-panel dt{color:#666}#ae-panel dd{margin:0;unicode-bidi:plaintext}
table{border-collapse:collapse;width:100%;font-size:.9rem;background:#fff}
th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:start;vertical-align:top}
td.ar{unicode-bidi:plaintext}
a.go{cursor:pointer;color:#0a58ca;text-decoration:underline}
"""

_JS = r"""
(function(){
var D=JSON.parse(document.getElementById('ae-data').textContent);
var panel=document.getElementById('ae-panel');
var pieces=Array.prototype.slice.call(document.querySelectorAll('#ae-article .m'));
var byMark={};
pieces.forEach(function(p){p.getAttribute('data-m').split(' ').forEach(function(id){(byMark[id]=byMark[id]||[]).push(p);});});
function clear(){pieces.forEach(function(p){p.classList.remove('on','arg');});}
function row(dl,k,v){if(v===null||v===undefined||v==='')return;var dt=document.createElement('dt');dt.textContent=k;
var dd=document.createElement('dd');dd.textContent=String(v);dl.appendChild(dt);dl.appendChild(dd);}
function show(id){clear();var o=D.marks[id];if(!o)return;(byMark[id]||[]).forEach(function(p){p.classList.add('on');});
panel.textContent='';var h=document.createElement('strong');h.textContent=o.title;panel.appendChild(h);
var dl=document.createElement('dl');o.rows.forEach(function(r){row(dl,r[0],r[1]);});panel.appendChild(dl);
(o.args||[]).forEach(function(a){(byMark[a]||[]).forEach(function(p){p.classList.add('arg');});});}
function pick(el){var ids=el.getAttribute('data-m').split(' ');var best=null,rank=9;
ids.forEach(function(id){var r='VEQT'.indexOf(id.charAt(0));if(r>=0&&r<rank){rank=r;best=id;}});return best;}
var sticky=null;
document.getElementById('ae-article').addEventListener('mouseover',function(e){var el=e.target.closest('.m');
if(el&&!sticky){var id=pick(el);if(id)show(id);}});
document.getElementById('ae-article').addEventListener('click',function(e){var el=e.target.closest('.m');
if(!el)return;var id=pick(el);sticky=(sticky===id)?null:id;if(id)show(id);});
document.addEventListener('click',function(e){var g=e.target.closest('a.go');if(!g)return;e.preventDefault();
var id=g.getAttribute('data-go');sticky=id;show(id);var p=(byMark[id]||[])[0];if(p)p.scrollIntoView({block:'center'});});
})();
"""

_ENT_LABELS = ("PER", "ORG", "LOC", "FAC")


def _fmt(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, int) and not isinstance(v, bool):
        return f"{v:,}"
    return "" if v is None else str(v)


def _marks(doc: Doc) -> tuple[list[tuple[int, int, str, str, str | None]], dict[str, Any]]:
    """``(start, end, id, css classes, label or None)`` for every highlight and argument span."""
    marks: list[tuple[int, int, str, str, str | None]] = []
    info: dict[str, Any] = {}
    filler_of: dict[str, list[str]] = {}
    for vi, ev in enumerate(doc.events):
        for ai, a in enumerate(ev.arguments):
            if a.ref:
                filler_of.setdefault(a.ref, []).append(f"{ev.type} {a.role}")
            if a.end > a.start:
                marks.append((a.start, a.end, f"A{vi}-{ai}", "", None))
    for i, e in enumerate(doc.entities):
        lab = e.label if e.label in _ENT_LABELS else "X"
        marks.append((e.start, e.end, f"E{i}", f"ent ent-{lab}", e.label))
        info[f"E{i}"] = {"title": f"{e.label}: {e.text}", "rows": [
            ["label", e.label], ["canonical", e.canonical], ["cluster", e.cluster], ["source", e.source],
            ["score", e.score], ["offsets", f"{e.start}-{e.end}"],
            ["argument of", "; ".join(filler_of.get(f"entities:{i}", []))]]}
    for i, q in enumerate(doc.quantities):
        marks.append((q.start, q.end, f"Q{i}", "qty", _fmt(q.value) or q.kind))
        info[f"Q{i}"] = {"title": f"quantity: {q.text}", "rows": [
            ["value", _fmt(q.value)], ["kind", q.kind], ["approx", q.approx], ["unit", q.unit],
            ["source", q.source], ["offsets", f"{q.start}-{q.end}"],
            ["argument of", "; ".join(filler_of.get(f"quantities:{i}", []))]]}
    for i, t in enumerate(doc.times):
        marks.append((t.start, t.end, f"T{i}", "tim", t.value or t.kind))
        info[f"T{i}"] = {"title": f"time: {t.text}", "rows": [
            ["value", t.value], ["kind", t.kind], ["mod", t.mod], ["flags", ", ".join(t.flags)],
            ["source", t.source], ["offsets", f"{t.start}-{t.end}"],
            ["argument of", "; ".join(filler_of.get(f"times:{i}", []))]]}
    for vi, ev in enumerate(doc.events):
        tr = ev.trigger
        marks.append((tr.start, tr.end, f"V{vi}", "trg", ev.type))
        rows: list[list[Any]] = [["type", ev.type], ["frame", ev.frame], ["rule", ev.rule], ["time", ev.time],
                                 ["polarity", ev.polarity], ["modality", ev.modality]]
        for extra in ("factuality", "certainty"):
            if getattr(ev, extra, None) is not None:
                rows.append([extra, str(getattr(ev, extra))])
        for a in ev.arguments:
            rows.append([a.role, f"{a.text}" + (f"  ({a.ref})" if a.ref else "")])
        rows.append(["trigger offsets", f"{tr.start}-{tr.end}"])
        rows.append(["event id", ev.id])
        info[f"V{vi}"] = {"title": f"event {ev.type}: {tr.text}", "rows": rows,
                          "args": [f"A{vi}-{ai}" for ai, a in enumerate(ev.arguments) if a.end > a.start]}
    return [m for m in marks if m[1] > m[0]], info


def _article(doc: Doc, marks: list[tuple[int, int, str, str, str | None]]) -> str:
    text = doc.text
    n = len(text)
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    bounds = {0, n}
    for k, (s, e, *_rest) in enumerate(marks):
        starts.setdefault(s, []).append(k)
        ends.setdefault(e, []).append(k)
        bounds.update((s, e))
    boiler = [(z.start, z.end) for z in doc.zones if z.label == "boilerplate"]
    for s, e in boiler:
        bounds.update((s, e))
    order = sorted(b for b in bounds if 0 <= b <= n)
    active: set[int] = set()
    out: list[str] = []
    for bi, b in enumerate(order):
        ended = [k for k in ends.get(b, ()) if k in active]
        active.difference_update(ends.get(b, ()))
        # labels of the marks that end here: the innermost (latest start) first, nearest its text
        for k in sorted(ended, key=lambda k: (-marks[k][0], marks[k][2])):
            lab = marks[k][4]
            if lab is not None:
                kind = marks[k][3].split()[0]
                out.append(f'<bdi class="lbl l-{kind}" dir="ltr" data-label="{marks[k][2]}">{html.escape(lab)}</bdi>')
        active.update(starts.get(b, ()))
        if bi + 1 >= len(order):
            break
        nxt = order[bi + 1]
        piece = html.escape(text[b:nxt], quote=False)
        if not piece:
            continue
        in_bp = any(s <= b < e for s, e in boiler)
        if active:
            ids = sorted((marks[k][2] for k in active), key=lambda i: ("VEQTA".index(i[0]), i))
            cls = " ".join(sorted({c for k in active for c in marks[k][3].split()}))
            cls = ("m " + cls + (" bp" if in_bp else "")).strip()
            out.append(f'<span class="{cls}" data-m="{" ".join(ids)}" data-s="{b}">{piece}</span>')
        elif in_bp:
            out.append(f'<span class="bp" data-s="{b}">{piece}</span>')
        else:
            out.append(piece)
    return "".join(out)


def _timeline(doc: Doc) -> str:
    from .events.merge import merge_events

    if not doc.events:
        return "<p>No events.</p>"
    index = {ev.id: vi for vi, ev in enumerate(doc.events) if ev.id is not None}
    try:
        rows = merge_events([doc], doc_ids=["doc"])
    except Exception:  # noqa: BLE001 - the view must render even if merging fails
        rows = []
    if not rows:
        return "<p>No dated or mergeable events (statements are listed in the text only).</p>"
    out = ["<table><thead><tr><th>date</th><th>event</th><th>arguments</th><th>mentions</th></tr></thead><tbody>"]
    for r in rows:
        args = "; ".join(f"{role}: {txt}" for role, txt in r.arguments.items())
        links = []
        for s in r.sources:
            vi = index.get(s.get("event"))
            if vi is None:
                continue
            links.append(f'<a class="go" data-go="V{vi}" href="#"><bdi>{html.escape(s.get("trigger") or "")}</bdi></a>')
        mod = "" if r.modality == "asserted" else f" ({html.escape(r.modality)})"
        pol = "" if r.polarity == "positive" else " (negative)"
        out.append(
            f"<tr><td><bdi>{html.escape(r.date or '?')}</bdi></td><td>{html.escape(r.type)}{mod}{pol}</td>"
            f'<td class="ar" dir="auto">{html.escape(args)}</td><td dir="auto">{" ".join(links)}</td></tr>'
        )
    out.append("</tbody></table>")
    return "".join(out)


def render(doc: Doc, *, title: str | None = None) -> str:
    """One standalone HTML page (``str``) showing ``doc``; write it to a ``.html`` file.

    No network access is needed to view it: styles, script and data are inline.
    """
    if not isinstance(doc, Doc):
        raise InputError(f"render() needs an arabic_events Doc, not {type(doc).__name__}")
    marks, info = _marks(doc)
    article = _article(doc, marks)
    data = json.dumps({"marks": info}, ensure_ascii=False, default=str)
    data = data.replace("</", "<\\/").replace("<!--", "<\\!--")
    head_title = html.escape(title or (doc.title.text if doc.title else "arabic_events"))
    pub = (f"published {doc.published.isoformat()} ({html.escape(doc.published_source or '')})"
           if doc.published else "no publication date")
    counts = (f"{len(doc.entities)} entities, {len(doc.quantities)} quantities, {len(doc.times)} times, "
              f"{len(doc.events)} events")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'\">"
        f"<title>{head_title}</title><style>{_CSS}</style></head><body>"
        f'<header><h1 dir="auto">{head_title}</h1><div class="meta">{pub}; {counts}</div>'
        '<div class="meta legend"><span class="ent ent-PER">PER</span><span class="ent ent-ORG">ORG</span>'
        '<span class="ent ent-LOC">LOC</span><span class="ent ent-FAC">FAC</span><span class="qty">quantity</span>'
        '<span class="tim">time</span><span class="trg">event trigger</span>'
        "<span>hover or click a highlight; click again to release</span></div></header>"
        f'<main><article id="ae-article" lang="ar" dir="rtl">{article}</article></main>'
        f'<section><h2>Timeline</h2>{_timeline(doc)}</section>'
        '<div id="ae-panel" dir="auto">Hover or click a highlighted word.</div>'
        f'<script type="application/json" id="ae-data">{data}</script>'
        f"<script>{_JS}</script></body></html>\n"
    )
