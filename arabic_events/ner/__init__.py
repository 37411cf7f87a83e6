"""Named entities: the CRF tagger (``crf``), its features (``features``), the ``ner`` and
``gazetteer`` components (``component``), entity grouping (``grouping``) and the optional
stanza/camel backends (``backends``). Importing this package loads no model."""
