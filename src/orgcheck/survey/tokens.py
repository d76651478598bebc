"""Tokens: invite links and one-time admin links, kept only as hashes, and the forms' CSRF tokens."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

TOKEN_BYTES = 24  # 192 random bits; the contract asks for at least 128
# What a token looks like in a link (URL-safe base64); anything else is not looked up.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{22,64}")


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def digest(token: str) -> str:
    """What is stored of a token: its SHA-256. A stolen database opens no survey."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def looks_like_token(text: str) -> bool:
    return bool(_TOKEN.fullmatch(text))


def form_token(secret: bytes, scope: str) -> str:
    """The CSRF token of a form, tied to what it acts for ('invite:<hash>', 'admin:<hash>')."""
    return hmac.new(secret, scope.encode("utf-8"), hashlib.sha256).hexdigest()


def form_token_valid(secret: bytes, scope: str, given: str | None) -> bool:
    return given is not None and hmac.compare_digest(form_token(secret, scope), given)
