"""The team survey: a manager sends links, colleagues answer, the team report follows.

    surveys.py   surveys, invites and responses as the doors use them: create, invite, answer,
                 submit, close, delete, export, and the team report once enough responses are in
    tokens.py    invite and admin tokens (only their hashes are stored) and the forms' CSRF tokens

No door here: ``orgcheck survey`` (doors/cli) and ``orgcheck serve`` (doors/serve)
both drive this, and a respondent answers through the same Session and flow as
the terminal's questionnaire. Storage is store.surveys'.
"""
