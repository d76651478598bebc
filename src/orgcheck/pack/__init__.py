"""The questionnaire pack (``questions/*.yaml``): its types, the condition language, loading and checking it.

model.py          the pack's records: questions, sources and facts, findings, structures, scoring
conditions.py     the condition language (all/any/not over whitelisted operators), compiled and traced
questiontypes.py  what a question's type means for an answer (single, multi, boolean, integer, text)
load.py           reading the pack files, typing them (pydantic) and checking the whole
cache.py          the checked pack as a cache file (JSON, no pickle)
"""
