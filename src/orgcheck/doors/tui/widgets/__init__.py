"""Reusable pieces of the questionnaire's screens."""
