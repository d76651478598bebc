"""orgcheck: who should own social media in your company?

The package exports lazily (PEP 562) so that ``import orgcheck`` costs nothing
and the headless command never pulls in the TUI.
"""

from __future__ import annotations

from typing import Any

from .resources import VERSION as __version__

_EXPORTS = {
    "load_pack": "orgcheck.pack.load",
    "load_answers": "orgcheck.answers.validate",
    "parse_answers": "orgcheck.answers.validate",
    "assess": "orgcheck.engine.assess",
    "render": "orgcheck.report.rendering",
    "OrgcheckError": "orgcheck.errors",
}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'orgcheck' has no attribute {name!r}")


__all__ = [*_EXPORTS, "__version__"]
