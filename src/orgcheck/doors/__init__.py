"""The ways in, each mapping its own input onto the core and nothing else.

main.py     ``orgcheck``: the parser, its commands, and the door each one opens
command.py  what a command is (name, help, options, what it runs), for every door that has one,
            and the parser in the language of the messages
words.py    the command line's words in English and German, argparse's fixed phrases too
stdout.py   standard output that says when it cannot be written (help and --version too)
cli/        the headless commands (report, example, schema, team, compare, survey)
tui/        the interactive questionnaire (Textual)
serve/      the team survey in the browser (``orgcheck serve``, the extra ``orgcheck[serve]``)
"""
