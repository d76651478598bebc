"""The ways in, each mapping its own input onto the core and nothing else.

main.py   ``orgcheck``: the parser, its commands, and the door each one opens
cli/      the headless commands (report, example, schema, team, compare)
tui/      the interactive questionnaire (Textual)
"""
