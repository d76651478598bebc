"""``orgcheck serve``: the team survey in the browser (Starlette and uvicorn, the extra ``orgcheck[serve]``).

command.py    the command's options, and the message where the extra is not installed
server.py     serving: uvicorn, the one-time admin link, the address it speaks at
asgi.py       the application for uvicorn or gunicorn with several workers (configured by environment)
app.py        the routes, wired to their handlers
door.py       what every handler shares: the surveys, the pages, the settings, the team report
respond.py    the respondent's pages: the same Session and flow as the terminal's questionnaire
admin.py      the admin's pages: surveys, invites, progress, the team report and downloads
pages.py      the pages' templates (reports/templates/survey/) and words (strings.yaml)
security.py   headers on every response, CSRF and origin checks, an access log without tokens
"""
