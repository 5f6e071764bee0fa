"""detente.report: the self-contained HTML report of an analysis.

>>> from detente.report import render_report, write_report, Section  # doctest: +SKIP
"""

from detente.report.html import ReportData, Section, build_report, render_report, write_report

__all__ = ["ReportData", "Section", "build_report", "render_report", "write_report"]
