"""Pure-text analysis of a report (no Django): completeness, timeliness, figures, themes.

Every function here takes simplified text (the analysis copy) or plain values and returns
plain values, so it can be tested and reused without a database.
"""
