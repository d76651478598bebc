"""The report: an Assessment as a plain-data view, rendered in a registered format.

    localizer.py   the report's words, numbers, dates and citations in one language
    view.py        the view: plain data for templates (no format's escaping in it)
    document.py    the JSON document (public API)
    formats.py     the format registry: md, json, html, pdf (suffix, template, escaping)
    markdown.py    Markdown's escaping and bars, as filters of its template
    rendering.py   rendering a format, or a user's template in the sandbox
    sandbox.py     running a user's template, bounded in time, memory and output
    many.py        the team and the progress reports (many or two assessments)
    pdf.py         the HTML page printed to PDF by Chromium (the optional extra orgcheck[pdf])

The TUI reads the localizer without loading Jinja or the renderers: each module
imports only what it uses.
"""
