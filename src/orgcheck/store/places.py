"""Where orgcheck keeps its files: the pack and template cache, and the questionnaire's draft.

The platform's folders come from platformdirs (on Linux ``$XDG_CACHE_HOME/orgcheck``
or ``~/.cache/orgcheck``, and ``$XDG_DATA_HOME/orgcheck`` or ``~/.local/share/orgcheck``);
``$ORGCHECK_CACHE_DIR`` and ``$ORGCHECK_DATA_DIR`` override them.

A folder is only used where it can be meant: a relative XDG variable (the XDG
spec wants absolute paths) or no home folder (``HOME=``, a relative ``HOME``)
means no default folder, rather than a cache in ``/.cache`` or in whatever the
current directory is.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "orgcheck"


def cache_dir() -> Path | None:
    """The cache folder, or None for no cache (``ORGCHECK_CACHE_DIR=`` turns it off)."""
    configured = os.environ.get("ORGCHECK_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    return _platform_dir("user_cache_dir", "XDG_CACHE_HOME")


def data_dir() -> Path | None:
    """The folder of the draft, or None when there is no home to put it in."""
    configured = os.environ.get("ORGCHECK_DATA_DIR")
    if configured:
        return Path(configured)
    return _platform_dir("user_data_dir", "XDG_DATA_HOME")


def _platform_dir(kind: str, xdg_variable: str) -> Path | None:
    if not os.environ.get(xdg_variable) and not _has_home():
        return None
    import platformdirs  # only here: the headless command may never need it

    folder = Path(getattr(platformdirs, kind)(APP, appauthor=False))
    return folder if folder.is_absolute() else None  # a relative XDG variable: not meant


def _has_home() -> bool:
    """False for ``HOME=`` or a relative ``HOME``: ``~`` would be ``/`` or the current directory."""
    home = os.environ.get("HOME")
    return home is None or os.path.isabs(home)
