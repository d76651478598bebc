"""The survey door for an ASGI server started by hand, or by ``orgcheck serve --workers N``.

    uvicorn --factory orgcheck.doors.serve.asgi:create --port 8765 --workers 4 --proxy-headers
    gunicorn -k uvicorn_worker.UvicornWorker 'orgcheck.doors.serve.asgi:create()'

Configured by the environment: ORGCHECK_DATA_DIR (the folder of the survey
database, shared by every worker), ORGCHECK_SERVE_BASE_URL (the public address,
e.g. https://survey.example.com), ORGCHECK_SERVE_LANG (the admin pages' language),
ORGCHECK_SERVE_MIN_RESPONSES (at least 3). An admin link comes from
``orgcheck survey admin-link --base-url URL``.
"""

from __future__ import annotations

import os

from ...languages import choose_language
from ...survey.surveys import MIN_RESPONSES, open_surveys
from .app import create_app
from .door import Settings
from .security import Guard


def create() -> Guard:
    base_url = os.environ.get("ORGCHECK_SERVE_BASE_URL") or None
    minimum = os.environ.get("ORGCHECK_SERVE_MIN_RESPONSES", "")
    surveys = open_surveys(min_responses=int(minimum) if minimum.isdigit() else MIN_RESPONSES)
    settings = Settings(
        base_url=base_url.rstrip("/") if base_url else None,
        language=choose_language(os.environ.get("ORGCHECK_SERVE_LANG") or None, None),
        listen_url=os.environ.get("ORGCHECK_SERVE_LISTEN_URL", "http://127.0.0.1:8765"),
    )
    return create_app(surveys, settings)
