"""The rules engine: answers in, assessments out. Pure functions of the pack and the answers.

assess.py   one assessment: findings, scores, fit of every structure, actions, responsibilities
record.py   an assessment as plain ids and numbers, for many at a time
team.py     a team: the consensus, the perception gaps, who each finding fired for
compare.py  progress between two assessments
batch.py    many files assessed, spread over the cores
"""
