"""orgcheck: who should own social media in your company?

The package exports lazily (PEP 562) so that ``import orgcheck`` costs nothing
and the headless command never pulls in the TUI.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_pack": "orgcheck.pack",
    "load_answers": "orgcheck.answers",
    "parse_answers": "orgcheck.answers",
    "assess": "orgcheck.engine",
    "render": "orgcheck.report",
    "OrgcheckError": "orgcheck.errors",
}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'orgcheck' has no attribute {name!r}")


__all__ = [*_EXPORTS, "__version__"]
