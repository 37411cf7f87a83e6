"""Event extraction: frames (specs), the ``events`` component, and cross-document merging.

Heavy work happens only when a pipeline is built; importing this package reads no data.
"""

from __future__ import annotations

from .frames import Cue, Frame, RoleSpec, TriggerSpec, builtin_frames, load_frame, load_frames

__all__ = ["Frame", "TriggerSpec", "RoleSpec", "Cue", "load_frame", "load_frames", "builtin_frames"]
