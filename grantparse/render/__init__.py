"""Renderers: a report (or findings) in, text for a terminal or a file out."""
