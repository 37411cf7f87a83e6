"""Event attributes on trigger-matched events: time value, polarity, modality agreement.

The evaluator scores type+trigger and arguments but not these attributes; this script
runs the default pipeline with each gold `published` date and compares them.
Usage (repository root):  python eval/heldout/attributes.py eval/heldout   (or seeds)
"""
import json, glob, sys
import arabic_events as ae
from arabic_events.evaluation.seeds import read_text
folder = sys.argv[1]
nlp = ae.load()
n = agree_t = agree_p = agree_m = 0
rows = []
for gp in sorted(glob.glob(f"{folder}/gold/*.json")):
    g = json.load(open(gp, encoding="utf-8"))
    text = read_text(f"{folder}/{g['name']}.txt")
    doc = nlp(text, published=g["published"]).to_dict()
    pred = {(e["type"], e["trigger"]["start"], e["trigger"]["end"]): e for e in doc["events"]}
    for ge in g["events"]:
        k = (ge["type"], ge["trigger"]["start"], ge["trigger"]["end"])
        if k in pred:
            pe = pred[k]; n += 1
            agree_t += pe["time"] == ge["time"]
            agree_p += pe["polarity"] == ge["polarity"]
            agree_m += pe["modality"] == ge["modality"]
            if pe["modality"] != ge["modality"] or pe["time"] != ge["time"]:
                rows.append((g["name"], ge["trigger"]["text"], ge["type"], "gold", ge["time"], ge["modality"], "pred", pe["time"], pe["modality"]))
print(f"matched events {n}: time {agree_t}/{n}, polarity {agree_p}/{n}, modality {agree_m}/{n}")
for r in rows: print(*r)
