"""The UD segmentation evaluator (arabic_events.evaluation.ud)."""

from __future__ import annotations

import pytest

from arabic_events.errors import DataError
from arabic_events.evaluation.ud import DEFAULT_PUD, evaluate_ud, main, read_conllu, ud_words
from arabic_events.tokenizer import tokenize

# Two documents in PUD's style: no multi-word-token lines, clitics glued by SpaceAfter=No.
CONLLU = """\
# newdoc id = d1
# sent_id = 1
# text = وصلت القوات للقاعدة.
1	وصلت	_	VERB	_	_	0	root	_	_
2	القوات	_	NOUN	_	_	1	nsubj	_	_
3	ل	_	ADP	_	_	4	case	_	SpaceAfter=No
4	لقاعدة	_	NOUN	_	_	1	obl	_	SpaceAfter=No
5	.	_	PUNCT	_	_	1	punct	_	_

# sent_id = 2
# text = وقال إنها مستعدة.
1	و	_	CCONJ	_	_	2	cc	_	SpaceAfter=No
2	قال	_	VERB	_	_	0	root	_	_
3	إن	_	SCONJ	_	_	5	mark	_	SpaceAfter=No
4	ها	_	PRON	_	_	5	nsubj	_	_
5	مستعدة	_	ADJ	_	_	2	ccomp	_	SpaceAfter=No
6	.	_	PUNCT	_	_	2	punct	_	_

# newdoc id = d2
# sent_id = 3
# text = زار بغداد
1	زار	_	VERB	_	_	0	root	_	_
2	بغداد	_	PROPN	_	_	1	obj	_	_

"""


@pytest.fixture()
def conllu(tmp_path):
    p = tmp_path / "mini.conllu"
    p.write_text(CONLLU, encoding="utf-8")
    return p


def test_read_conllu_gold_spans(conllu):
    docs = read_conllu(conllu)
    assert [d.id for d in docs] == ["d1", "d2"]
    d = docs[0]
    assert d.text == "وصلت القوات للقاعدة. وقال إنها مستعدة."
    assert [d.text[a:b] for a, b in d.sentences] == ["وصلت القوات للقاعدة.", "وقال إنها مستعدة."]
    assert [d.text[a:b] for a, b in d.tokens] == ["وصلت", "القوات", "للقاعدة", ".", "وقال", "إنها", "مستعدة", "."]
    assert [d.text[a:b] for a, b in d.words][:5] == ["وصلت", "القوات", "ل", "لقاعدة", "."]


def test_ud_words_merges_article():
    toks = tokenize("للقوات وبالعراق")
    text = "للقوات وبالعراق"
    assert [text[a:b] for a, b in ud_words(toks)] == ["ل", "لقوات", "و", "ب", "العراق"]


def test_evaluate_perfect_on_mini(conllu):
    res = evaluate_ud(conllu)
    assert res["documents"] == 2
    for name in ("tokens", "words", "sentences"):
        assert res[name]["f1"] == 100.0, (name, res[name])


def test_one_document(conllu):
    docs = read_conllu(conllu, one_document=True)
    assert len(docs) == 1 and len(docs[0].sentences) == 3
    res = evaluate_ud(conllu, one_document=True)
    assert res["sentences"]["f1"] == 100.0 and res["documents"] == 1


def test_parts(conllu):
    assert evaluate_ud(conllu, part="dev")["documents"] == 1
    assert evaluate_ud(conllu, part="test")["documents"] == 1
    with pytest.raises(ValueError):
        evaluate_ud(conllu, part="train")


def test_evaluate_counts_errors(tmp_path):
    # gold keeps "بغداد" split as ب + غداد: our unsplit word must count as an error
    p = tmp_path / "bad.conllu"
    p.write_text(
        "# newdoc id = x\n# text = زار بغداد\n"
        "1\tزار\t_\tVERB\t_\t_\t0\troot\t_\t_\n"
        "2\tب\t_\tADP\t_\t_\t3\tcase\t_\tSpaceAfter=No\n"
        "3\tغداد\t_\tNOUN\t_\t_\t1\tobj\t_\t_\n\n",
        encoding="utf-8",
    )
    res = evaluate_ud(p)
    assert res["words"]["correct"] == 1 and res["words"]["gold"] == 3 and res["words"]["predicted"] == 2
    assert res["words"]["f1"] == pytest.approx(40.0)
    assert res["tokens"]["f1"] == 100.0


def test_missing_file_is_clear(tmp_path, capsys):
    with pytest.raises(DataError, match="not found"):
        evaluate_ud(tmp_path / "nope.conllu")
    assert main([str(tmp_path / "nope.conllu")]) == 2
    assert "not found" in capsys.readouterr().err


def test_main_prints_table(conllu, capsys):
    assert main([str(conllu)]) == 0
    out = capsys.readouterr().out
    assert "words" in out and "sentences" in out and "100.00" in out


@pytest.mark.skipif(not DEFAULT_PUD.exists(), reason="UD Arabic PUD not available")
def test_pud_scores():
    res = evaluate_ud()
    assert res["documents"] == 1000
    assert res["words"]["f1"] >= 97.5
    assert res["tokens"]["f1"] >= 99.0
    assert res["sentences"]["f1"] >= 99.0
