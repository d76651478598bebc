"""Files on disk, and where they go: the one atomic writer, the platform's folders,
the trusted cache, the draft file and the survey database.

    files.py    writing a file so that nothing a user has is lost (reports, answers, draft, caches)
    places.py   where the cache and the data folder are
    cache.py    cache files only ever read when they are ours and private
    drafts.py   the questionnaire's draft file: claimed per process, replaced atomically
    surveys.py  the team surveys' SQLite database: every acknowledged answer is on disk
"""
