"""The interactive questionnaire (Textual): a second door into the same pipeline."""
