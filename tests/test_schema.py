"""The JSON Schema of the output, validated against every seed's output."""

from __future__ import annotations

import json

import pytest

import arabic_events as ae
from arabic_events.cli import main
from arabic_events.schema import SCHEMA_ID, SCHEMA_VERSION, validate

jsonschema = pytest.importorskip("jsonschema")


def test_schema_is_a_valid_versioned_json_schema():
    s = ae.schema()
    jsonschema.Draft202012Validator.check_schema(s)
    assert s["$id"] == SCHEMA_ID and s["x-version"] == SCHEMA_VERSION
    assert set(s["required"]) == set(ae.Doc("").to_dict())


def test_every_seed_output_validates(seed_docs):
    for name, doc in seed_docs.items():
        d = json.loads(json.dumps(doc.to_dict(), ensure_ascii=False))
        validate(d)
        jsonschema.validate(d, ae.schema())


def test_cli_prints_the_schema(capsys):
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == ae.schema()


@pytest.mark.parametrize("change, where", [
    (lambda d: d["entities"][0].update(start="3"), "entities/0/start"),
    (lambda d: d["times"][0].update(kind="weekday"), "times/0/kind"),
    (lambda d: d["events"][0].pop("trigger"), "events/0"),
    (lambda d: d.update(published="29/03/2020"), "published"),
    (lambda d: d["entities"][0].update(end=d["entities"][0]["end"] + 1), "entities/0"),
])
def test_invalid_output_is_reported_with_its_place(seed_docs, change, where):
    d = json.loads(json.dumps(next(iter(seed_docs.values())).to_dict(), ensure_ascii=False))
    change(d)
    with pytest.raises(ae.InputError) as e:
        validate(d)
    assert where in str(e.value)


def test_cli_jsonl_records_validate(capsys, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("انسحبت القوات من قاعدة القائم أمس، وسلمتها للجيش العراقي.", encoding="utf-8")
    assert main(["extract", str(f), "--ner", "crf", "--format", "jsonl", "--published", "2020-03-20"]) == 0
    rec = json.loads(capsys.readouterr().out)
    validate(rec)
    assert rec["id"] == rec["source"] == str(f)
