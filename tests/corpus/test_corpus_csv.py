"""Reading CSV and TSV files with a header row."""

from __future__ import annotations

import csv
import io

import pytest

from stance.corpus import read_corpus
from stance.errors import InputError
from stance.records import Document, Rejected

TREATY = "قال المتحدث إن الاتفاق دخل حيز التنفيذ."
TROOPS = "نفت الوزارة، في بيان، وجود قوات أجنبية على أراضيها."


def write_table(path, rows, delimiter=","):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_csv_with_quoted_multiline_and_long_fields(tmp_path):
    long_text = "\n".join([TROOPS] * 5000)  # far above csv's default field limit
    path = write_table(
        tmp_path / "articles.csv",
        [
            ["id", "source", "title", "text", "url", "date", "extra"],
            [
                "c1",
                "",
                "عنوان، مع فاصلة",
                TREATY + '\nوأضاف: "نعم".',
                "https://www.sana.sy/?p=1",
                "2024-12",
                "x",
            ],
            ["", "", "", long_text, "", "", ""],
        ],
    )
    first, second = read_corpus([path])
    assert first == Document(
        id="c1",
        source="sana.sy",
        text=TREATY + '\nوأضاف: "نعم".',
        date="2024-12",
        title="عنوان، مع فاصلة",
        url="https://www.sana.sy/?p=1",
        origin=f"{path}:2",
    )
    # the first record spans lines 2-3, so the second starts on line 4
    assert (second.id, second.source, second.origin) == ("articles:4", "unknown", f"{path}:4")
    assert second.text == long_text


def test_tsv(tmp_path):
    path = write_table(
        tmp_path / "feed.tsv",
        [["text", "id", "source"], [TREATY, "t1", "petra.gov.jo"], [TROOPS, "t2", "petra.gov.jo"]],
        delimiter="\t",
    )
    docs = list(read_corpus([path]))
    assert [(d.id, d.source, d.text) for d in docs] == [
        ("t1", "petra.gov.jo", TREATY),
        ("t2", "petra.gov.jo", TROOPS),
    ]
    assert "،" in docs[1].text  # Arabic comma is not a delimiter


def test_missing_text_column_names_the_columns_found(tmp_path):
    path = write_table(tmp_path / "bad.csv", [["id", "body"], ["1", TREATY]])
    with pytest.raises(InputError) as info:
        list(read_corpus([path]))
    message = str(info.value)
    assert message.startswith(f"{path}:1: no 'text' column (found 'id', 'body')")


def test_empty_csv_is_an_input_error(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="the file is empty; expected a header row"):
        list(read_corpus([path]))


def test_row_problems_are_rejected(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text(
        f"id,text,date\nr1,{TREATY},2024\n\nr2,{TREATY},2024,surplus\nr3,  ,\nr4,{TROOPS},2024-13\nr5,{TROOPS},\n",
        encoding="utf-8",
    )
    records = list(read_corpus([path]))
    assert records[0].id == "r1" and isinstance(records[0], Document)
    assert records[1:4] == [
        Rejected("r2", f"{path}:4", "4 fields but the header has 3"),
        Rejected("r3", f"{path}:5", "empty text"),
        Rejected(
            "r4",
            f"{path}:6",
            "date '2024-13' is not an ISO date; expected YYYY, YYYY-MM or YYYY-MM-DD",
        ),
    ]
    assert records[4] == Document("r5", "unknown", TROOPS, origin=f"{path}:7")
