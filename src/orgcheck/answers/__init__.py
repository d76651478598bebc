"""Answers: reading and validating an answers file, writing one, and reading many.

validate.py  an answers file checked against the pack: every problem at its file:line:col
write.py     answers written out: saved answers, the commented example, the JSON Schema
batch.py     the answers files of a folder, each read the fast way where it can be
"""
