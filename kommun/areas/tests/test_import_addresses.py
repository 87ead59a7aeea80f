import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from kommun.areas.models import Address

HEADER = ["street", "number", "letter", "postcode", "locality", "lat", "lon"]
GOOD = [
    ["Storgatan", "1", "", "123 40", "Sjövik", "59.05", "15.02"],
    ["Storgatan", "2", "b", "12340", "Sjövik", "59.0501", "15.0201"],
    ["Östra vägen", "10", "", "12341", "Norrby", "59.06", "15.03"],
]


def write_csv(tmp_path, rows, header=HEADER, name="adresser.csv"):
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_addresses", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_good_rows_are_imported_with_normalised_keys(db, tmp_path):
    out, err = run(write_csv(tmp_path, GOOD))
    assert "3 addresses: 3 new, 0 updated, 0 unchanged" in out
    second = Address.objects.get(number=2)
    assert (second.letter, second.postcode, second.search_key) == ("B", "12340", "storgatan 2b")
    assert Address.objects.get(number=10).street_key == "ostra vagen"
    assert "Checking" in err, "a progress bar is shown"


def test_bad_rows_are_rejected_by_line_with_the_reason_and_the_rest_imported(db, tmp_path):
    rows = GOOD + [
        ["Storgatan", "tolv", "", "12340", "Sjövik", "59.05", "15.02"],
        ["Storgatan", "3", "", "1234", "Sjövik", "59.05", "15.02"],
        ["Storgatan", "4", "", "12340", "Sjövik", "15.02", "59.05"],
        ["Storgatan", "5", "", "12340", "Sjövik", "55.6", "13.0"],
        ["", "6", "", "12340", "Sjövik", "59.05", "15.02"],
        ["Storgatan", "1", "", "12340", "Sjövik", "59.05", "15.02"],
    ]
    out, err = run(write_csv(tmp_path, rows))
    assert "3 addresses: 3 new" in out and "6 rows rejected" in out
    assert "rejected line 5: number 'tolv' is not a whole number above 0" in err
    assert "rejected line 6: postcode '1234' is not five digits" in err
    assert "rejected line 7: lat and lon are swapped" in err
    assert "rejected line 8: the point 55.6, 13.0 lies outside the municipality" in err
    assert "rejected line 9: street is empty" in err
    assert "rejected line 10: the same address as line 2" in err


def test_a_reimport_updates_in_place_and_never_duplicates(db, tmp_path):
    run(write_csv(tmp_path, GOOD))
    moved = [row[:] for row in GOOD]
    moved[0][5] = "59.0510"  # Storgatan 1 gets a corrected position
    out, _ = run(write_csv(tmp_path, moved))
    assert "3 addresses: 0 new, 1 updated, 2 unchanged" in out
    assert Address.objects.count() == 3
    assert Address.objects.get(number=1).lat == pytest.approx(59.051)


def test_replace_removes_addresses_the_file_no_longer_has(db, tmp_path):
    run(write_csv(tmp_path, GOOD))
    out, _ = run(write_csv(tmp_path, GOOD[:2]), "--replace")
    assert "1 removed" in out
    assert Address.objects.count() == 2


def test_strict_imports_nothing_when_a_row_is_bad(db, tmp_path):
    rows = GOOD + [["Storgatan", "x", "", "12340", "Sjövik", "59.05", "15.02"]]
    with pytest.raises(CommandError, match="1 rows rejected; nothing was imported"):
        run(write_csv(tmp_path, rows), "--strict")
    assert not Address.objects.exists()


def test_a_wrong_header_imports_nothing(db, tmp_path):
    with pytest.raises(CommandError, match="the header must be street,number"):
        run(write_csv(tmp_path, GOOD, header=["gata", "nr", "", "", "", "", ""]))
    assert not Address.objects.exists()


def test_a_failure_while_writing_leaves_the_register_as_it_was(db, tmp_path, monkeypatch):
    run(write_csv(tmp_path, GOOD[:1]))

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Address.objects, "bulk_update", broken)
    moved = [row[:] for row in GOOD]
    moved[0][5] = "59.0520"
    with pytest.raises(RuntimeError):
        run(write_csv(tmp_path, moved))
    assert Address.objects.count() == 1
    assert Address.objects.get().lat == pytest.approx(59.05)


def test_geojson_points_with_the_same_properties_are_imported(db, tmp_path):
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(row[6]), float(row[5])]},
            "properties": dict(zip(HEADER[:5], row[:5], strict=True)),
        }
        for row in GOOD
    ] + [{"type": "Feature", "geometry": None, "properties": {"street": "Ingenstans"}}]
    path = tmp_path / "adresser.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    out, err = run(path)
    assert "3 addresses: 3 new" in out
    assert "rejected feature 4:" in err
