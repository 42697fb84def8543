"""The report for the doctor: SVG charts, the content gathered from the diary, and the PDF.

doctor_report(diary, start, end, knowledge)  -> PDF bytes
report_html(diary, start, end, knowledge)    -> the same report as one HTML page
load_chart(...), pain_chart(...)  -> SVG strings, reusable on the dashboard
"""

from __future__ import annotations

from kneewise.report.charts import load_chart, pain_chart
from kneewise.report.content import ReportContent, report_content
from kneewise.report.figures import ScoreHistory, score_histories, weekly_load
from kneewise.report.pdf import doctor_report, render_html, report_html
from kneewise.report.saved import SavedAssessment, assessment_from_json, latest_assessment

__all__ = [
    "ReportContent",
    "SavedAssessment",
    "ScoreHistory",
    "assessment_from_json",
    "doctor_report",
    "latest_assessment",
    "load_chart",
    "pain_chart",
    "render_html",
    "report_content",
    "report_html",
    "score_histories",
    "weekly_load",
]
