"""Where orgcheck keeps its files (orgcheck.places): what the variables say, and nothing outside a home."""

from __future__ import annotations

import pytest

from orgcheck.store import places


@pytest.fixture
def clean_env(monkeypatch):
    for variable in ("ORGCHECK_DATA_DIR", "ORGCHECK_CACHE_DIR", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(variable, raising=False)
    return monkeypatch


def test_the_orgcheck_variables_come_first_then_xdg_then_the_home(clean_env, tmp_path):
    clean_env.setenv("HOME", str(tmp_path))
    assert places.data_dir() == tmp_path / ".local" / "share" / "orgcheck"
    assert places.cache_dir() == tmp_path / ".cache" / "orgcheck"
    clean_env.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    clean_env.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    assert places.data_dir() == tmp_path / "xdg-data" / "orgcheck"
    assert places.cache_dir() == tmp_path / "xdg-cache" / "orgcheck"
    clean_env.setenv("ORGCHECK_DATA_DIR", str(tmp_path / "mine"))
    clean_env.setenv("ORGCHECK_CACHE_DIR", str(tmp_path / "cache"))
    assert places.data_dir() == tmp_path / "mine"
    assert places.cache_dir() == tmp_path / "cache"


def test_an_empty_orgcheck_cache_dir_turns_the_cache_off(clean_env):
    clean_env.setenv("ORGCHECK_CACHE_DIR", "")
    assert places.cache_dir() is None


@pytest.mark.parametrize("home", ["", "relative/home"])
def test_without_a_real_home_there_is_no_default_folder(clean_env, home):
    """`HOME=` made the cache /.cache/orgcheck (and a relative HOME one below the current directory)."""
    clean_env.setenv("HOME", home)
    assert places.cache_dir() is None
    assert places.data_dir() is None


def test_without_a_home_the_questionnaire_says_where_the_draft_cannot_go(clean_env):
    from orgcheck.store.drafts import DraftStore

    clean_env.setenv("HOME", "")
    store = DraftStore()
    assert store.path is None and not store.exists()
    assert store.problem() == "no home folder to keep it in; set ORGCHECK_DATA_DIR"
