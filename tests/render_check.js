// Run inside a page made by arabic_events.render (injected by tests/test_render_browser.py).
// Reads the expected spans from #t-expected and writes a JSON report into #t-result.
(function () {
  var exp = JSON.parse(document.getElementById('t-expected').textContent);
  var res = {errors: [], checked: {marks: 0, labels: 0, label_geometry: 0, order_chars: 0}};
  function err(m) { if (res.errors.length < 30) res.errors.push(m); }
  var art = document.getElementById('ae-article');
  // 1. walk the article's text in DOM order, labels left out
  var walker = document.createTreeWalker(art, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, null);
  var text = '', node, covered = {}, labels = [], nodes = [];
  while ((node = walker.nextNode())) {
    if (node.nodeType === 1) {
      if (node.hasAttribute('data-label')) {
        labels.push({id: node.getAttribute('data-label'), at: text.length, el: node});
      }
      continue;
    }
    if (node.parentElement.closest('[data-label]')) continue;
    var host = node.parentElement.closest('.m');
    var ids = host ? host.getAttribute('data-m').split(' ') : [];
    ids.forEach(function (id) {
      var c = covered[id] || (covered[id] = {start: text.length, end: text.length, text: '', gaps: 0});
      if (c.end !== text.length) c.gaps++;
      c.text += node.data; c.end = text.length + node.data.length;
    });
    nodes.push({node: node, start: text.length});
    text += node.data;
  }
  if (text !== exp.text) err('article text differs from doc.text (lengths ' + text.length + ' vs ' + exp.text.length + ')');
  // 2. each highlight covers exactly its characters, in one piece of text
  Object.keys(exp.marks).forEach(function (id) {
    var m = exp.marks[id], c = covered[id];
    res.checked.marks++;
    if (!c) { err(id + ': not in the page'); return; }
    if (c.start !== m[0] || c.end !== m[1]) err(id + ': covers ' + c.start + '-' + c.end + ', expected ' + m[0] + '-' + m[1]);
    if (c.text !== exp.text.slice(m[0], m[1])) err(id + ': covers other characters');
    if (c.gaps) err(id + ': not contiguous');
  });
  Object.keys(covered).forEach(function (id) { if (!exp.marks[id]) err(id + ': highlight with no span'); });
  // 3. labels: right after the last character of their span, innermost first, in text order
  var prev = null;
  labels.forEach(function (l) {
    var m = exp.marks[l.id];
    res.checked.labels++;
    if (!m) { err('label ' + l.id + ': no span'); return; }
    if (l.at !== m[1]) err('label ' + l.id + ' at ' + l.at + ', its span ends at ' + m[1]);
    if (prev && (prev[1] > m[1] || (prev[1] === m[1] && prev[0] < m[0])))
      err('label ' + l.id + ' out of order');
    prev = m;
    if (getComputedStyle(l.el).unicodeBidi !== 'isolate') err('label ' + l.id + ' is not bidi-isolated');
  });
  // 4. geometry: the label of an all-Arabic span sits to the left of (after, in RTL) its last character
  function charRect(i) {
    for (var k = nodes.length - 1; k >= 0; k--) {
      if (nodes[k].start <= i) {
        var r = document.createRange();
        r.setStart(nodes[k].node, i - nodes[k].start); r.setEnd(nodes[k].node, i - nodes[k].start + 1);
        var rs = r.getClientRects();
        return rs.length ? rs[0] : null;
      }
    }
    return null;
  }
  var arabicOnly = /^[\u0621-\u064A\u0660-\u0669\u066E-\u06D3\u064B-\u065F\u0640 ]+$/;
  labels.forEach(function (l) {
    var m = exp.marks[l.id];
    if (!m || !arabicOnly.test(exp.text.slice(m[0], m[1]))) return;
    var next = exp.text.charAt(m[1]);
    if (next && !/[\s\u0621-\u064A.,\u060C:\u061B\u061F]/.test(next)) return;  // LTR text follows: not checked
    var last = charRect(m[1] - 1), lr = l.el.getBoundingClientRect();
    if (!last || Math.abs((last.top + last.bottom) / 2 - (lr.top + lr.bottom) / 2) > last.height) return;  // wrapped
    res.checked.label_geometry++;
    if (lr.right > last.left + 1) err('label ' + l.id + ' is not left of its span (' + lr.right + ' > ' + last.left + ')');
  });
  // 5. highlights and labels do not reorder the line: same visual order of letters/digits as plain text
  if (exp.check_order) {
    var ref = document.createElement('div');
    ref.setAttribute('dir', 'rtl'); ref.setAttribute('lang', 'ar');
    var cs = getComputedStyle(art);
    ref.style.cssText = 'white-space:pre-wrap;font:' + cs.font + ';width:' + art.clientWidth + 'px;padding:0';
    ref.textContent = exp.text;
    document.body.appendChild(ref);
    var refNode = ref.firstChild;
    function visualOrder(rectOf) {
      var items = [];
      for (var i = 0; i < exp.text.length; i++) {
        if (!/[\p{L}\p{N}]/u.test(exp.text.charAt(i)) || exp.text.charAt(i) === '\u0640') continue;
        var r = rectOf(i);
        if (!r || r.width === 0) continue;
        items.push({i: i, x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2, h: r.height});
      }
      // lines: characters whose vertical centres lie within half a glyph height of each other
      items.sort(function (a, b) { return a.y - b.y; });
      var line = 0, y0 = items.length ? items[0].y : 0;
      items.forEach(function (a) { if (a.y - y0 > a.h / 2) { line++; y0 = a.y; } a.line = line; });
      items.sort(function (a, b) { return a.line - b.line || a.x - b.x; });
      return items.map(function (a) { return a.i; }).join(',');
    }
    var plain = visualOrder(function (i) {
      var r = document.createRange(); r.setStart(refNode, i); r.setEnd(refNode, i + 1);
      var rs = r.getClientRects(); return rs.length ? rs[0] : null;
    });
    var shown = visualOrder(charRect);
    res.checked.order_chars = plain.split(',').length;
    if (plain !== shown) err('visual order of characters differs from the plain text: ' + plain + ' vs ' + shown);
    ref.remove();
  }
  // 6. clicking an event trigger shows its frame, rule and roles and lights exactly its arguments
  if (exp.event0) {
    var trg = document.querySelector('#ae-article .m[data-m~="V0"]');
    trg.dispatchEvent(new MouseEvent('click', {bubbles: true}));
    var panel = document.getElementById('ae-panel').textContent;
    [exp.event0.type, exp.event0.frame, exp.event0.rule].concat(exp.event0.roles).forEach(function (w) {
      if (panel.indexOf(w) < 0) err('event panel lacks ' + JSON.stringify(w));
    });
    var lit = Array.prototype.filter.call(document.querySelectorAll('#ae-article .m.arg'), function () { return true; });
    var want = Array.prototype.filter.call(document.querySelectorAll('#ae-article .m'), function (p) {
      return p.getAttribute('data-m').split(' ').some(function (id) { return id.indexOf('A0-') === 0; });
    });
    if (lit.length !== want.length || lit.some(function (p) { return want.indexOf(p) < 0; }))
      err('clicking V0 lights ' + lit.length + ' pieces, its arguments have ' + want.length);
    res.checked.interaction = 1;
    trg.dispatchEvent(new MouseEvent('click', {bubbles: true}));
  }
  var out = document.createElement('pre');
  out.id = 't-result';
  out.textContent = JSON.stringify(res);
  document.body.appendChild(out);
})();
