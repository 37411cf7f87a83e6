"""``python -m arabic_events`` runs the command-line interface."""

from .cli import main

raise SystemExit(main())
