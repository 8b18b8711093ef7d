"""Reports of a comparison: Markdown, one self-contained HTML page, JSON and CSV."""

from __future__ import annotations

from newsprism.report.data import CSV_TABLES, render_csv, render_json
from newsprism.report.html import render_html
from newsprism.report.markdown import render_markdown

FORMATS = ("md", "html", "json", "csv")

__all__ = ["CSV_TABLES", "FORMATS", "render_csv", "render_html", "render_json", "render_markdown"]
