"""Reading a directory of .txt files, with and without metadata.csv."""

from __future__ import annotations

import random

import pytest

from stance.corpus import read_corpus
from stance.errors import InputError
from stance.records import Document, Rejected

TREATY = "قال المتحدث إن الاتفاق دخل حيز التنفيذ."
TROOPS = "نفت الوزارة وجود قوات أجنبية على أراضيها."
TALKS = "أعلنت الحكومة استئناف المحادثات الأسبوع المقبل."


def write(path, text, encoding="utf-8"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def seeds(tmp_path):
    root = tmp_path / "seeds"
    write(root / "b.txt", TROOPS)
    write(root / "a.txt", TREATY)
    write(root / "agency" / "c.txt", TALKS)
    return root


def test_directory_without_metadata_uses_directory_names(seeds):
    docs = list(read_corpus([seeds]))
    assert [d.id for d in docs] == ["a", "agency/c", "b"]
    assert [d.source for d in docs] == ["seeds", "agency", "seeds"]
    assert [d.text for d in docs] == [TREATY, TALKS, TROOPS]
    assert docs[0].origin == str(seeds / "a.txt")
    assert all(d.date is None and d.title is None and d.url is None for d in docs)


def test_metadata_fields_land_in_documents(seeds):
    write(
        seeds / "metadata.csv",
        "id,source,date,title,url,story\n"
        "a,aljazeera.net,2024-12-04,دخول الاتفاق حيز التنفيذ,,treaty\n"
        "b.txt,,2024-11,نفي,https://www.Alarabiya.net/arab/1,troops\n"
        "agency/c,,2024,,,\n",
    )
    docs = {d.id: d for d in read_corpus([seeds])}
    assert docs["a"] == Document(
        id="a",
        source="aljazeera.net",
        text=TREATY,
        date="2024-12-04",
        title="دخول الاتفاق حيز التنفيذ",
        url=None,
        story="treaty",
        origin=str(seeds / "a.txt"),
    )
    assert docs["b"].source == "alarabiya.net"  # from the url: lower-case, no www.
    assert docs["b"].url == "https://www.Alarabiya.net/arab/1"
    assert (docs["b"].date, docs["b"].story) == ("2024-11", "troops")
    assert (docs["agency/c"].source, docs["agency/c"].date) == ("agency", "2024")


def test_metadata_with_only_some_columns_and_rows(seeds):
    write(seeds / "metadata.csv", "source,id\nroya.jo,b\n")
    docs = {d.id: d for d in read_corpus([seeds])}
    assert docs["b"].source == "roya.jo"
    assert docs["a"].source == "seeds"  # no row: the directory name


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "id,source,author\na,x\n",
            "metadata.csv:1: unknown column 'author'; allowed columns are id, source",
        ),
        ("source,date\nx,2024\n", "metadata.csv:1: no 'id' column"),
        (
            "id,date\na,2024-01-01\nb,2024\na,2023\n",
            "metadata.csv:4: duplicate id 'a' (first at line 2)",
        ),
        (
            "id,date\na,2024-01-01\nb,04/12/2024\n",
            "metadata.csv:3: date '04/12/2024' is not an ISO date",
        ),
        ("id,date\na,2024-02-30\n", "metadata.csv:2: date '2024-02-30' is not an ISO date"),
        (
            "id,source\na,x\n\nmissing,y\n",
            "metadata.csv:4: id 'missing' has no file missing.txt in",
        ),
        ("id,source\na,x,extra\n", "metadata.csv:2: 3 fields but the header has 2"),
        ("id,source\n,x\n", "metadata.csv:2: empty id"),
        ("", "metadata.csv: the file is empty"),
    ],
)
def test_metadata_errors_name_file_and_line(seeds, content, expected):
    write(seeds / "metadata.csv", content)
    with pytest.raises(InputError) as info:
        list(read_corpus([seeds]))
    assert expected in str(info.value)
    assert str(seeds / "metadata.csv") in str(info.value)


def test_metadata_error_is_raised_before_any_document(seeds):
    write(seeds / "metadata.csv", "id,title\nb,x\nzzz,y\n")
    documents = read_corpus([seeds])
    with pytest.raises(InputError, match="remove the row or add the file"):
        next(documents)


def test_other_files_in_a_directory_are_not_read(seeds):
    write(seeds / "more.jsonl", '{"text": "%s"}\n' % TALKS)
    write(seeds / "notes.md", "# notes")
    write(seeds / "agency" / "metadata.csv", "id\nnot-a-file\n")  # only the top one is read
    assert [d.id for d in read_corpus([seeds])] == ["a", "agency/c", "b"]


def test_empty_txt_file_is_rejected_not_dropped(seeds):
    write(seeds / "blank.txt", " \n\t\n")
    records = list(read_corpus([seeds]))
    assert Rejected("blank", str(seeds / "blank.txt"), "empty text") in records
    assert len(records) == 4


def test_empty_directory_is_an_input_error(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match=r"empty: no \.txt files in this directory"):
        list(read_corpus([empty]))


def test_directory_with_only_jsonl_suggests_passing_it(tmp_path):
    root = tmp_path / "exports"
    write(root / "articles.jsonl", '{"text": "x"}\n')
    with pytest.raises(InputError, match=r"articles\.jsonl are only read when given as inputs"):
        list(read_corpus([root]))


def test_single_txt_file(tmp_path):
    path = write(tmp_path / "alghad" / "report-7.txt", TREATY + "\r\n")
    (doc,) = read_corpus([str(path)])
    assert (doc.id, doc.source, doc.text, doc.origin) == (
        "report-7",
        "alghad",
        TREATY + "\r\n",
        str(path),
    )


def test_same_file_twice_is_a_duplicate(tmp_path):
    path = write(tmp_path / "src" / "a.txt", TREATY)
    first, second = read_corpus([path, path])
    assert isinstance(first, Document)
    assert second == Rejected("a", str(path), f"duplicate id 'a' (first seen at {path})")


def test_an_undecodable_file_is_one_rejected_document(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text("قال المتحدث إن الاتفاق دخل حيز التنفيذ.", encoding="utf-8")
    (folder / "junk.txt").write_bytes(random.Random(0).randbytes(4000))
    items = list(read_corpus([folder]))
    assert [type(i).__name__ for i in items] == ["Document", "Rejected"]
    assert items[1].id == "junk" and "encoding" in items[1].reason


def test_metadata_accepts_iso_date_times(tmp_path):
    folder = tmp_path / "dt"
    folder.mkdir()
    (folder / "a.txt").write_text("قال المتحدث إن الاتفاق نافذ.", encoding="utf-8")
    (folder / "metadata.csv").write_text("id,date\na,2024-12-04T10:30:00Z\n", encoding="utf-8")
    (doc,) = read_corpus([folder])
    assert doc.date == "2024-12-04T10:30:00Z"
