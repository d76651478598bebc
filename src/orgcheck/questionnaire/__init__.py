"""The questionnaire as a door drives it, with no screen of its own: any door (the
terminal, the browser) asks the same questions in the same order with the same rules.

    flow.py      what is asked, what may be chosen, what a change drops, what is missing
    session.py   the answers so far and the steps between questions, review and result
    words.py     the words the doors show (strings.yaml), the pack's and the report's
    draft.py     the draft's content: partial answers, read leniently
"""
