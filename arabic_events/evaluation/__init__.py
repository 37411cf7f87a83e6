"""Evaluation helpers: UD segmentation (ud.py), seed gold and other corpora."""
