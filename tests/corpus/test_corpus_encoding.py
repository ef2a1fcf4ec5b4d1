"""Text encodings: detection, explicit override, and errors."""

from __future__ import annotations

import io
import json
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stance.corpus import detect_encoding, read_corpus
from stance.errors import EncodingError, OptionError

TREATY = "قال المتحدث إن الاتفاق دخل حيز التنفيذ في الرابع من ديسمبر 2024."
NOSPACE = "الاتفاقدخلحيزالتنفيذ"


def write(path, data: bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


ENCODED = {
    "utf-8": TREATY.encode("utf-8"),
    "utf-8 with BOM": TREATY.encode("utf-8-sig"),
    "utf-16 with BOM": TREATY.encode("utf-16"),
    "utf-16-be with BOM": b"\xfe\xff" + TREATY.encode("utf-16-be"),
    "utf-16-le without BOM": TREATY.encode("utf-16-le"),
    "utf-16-be without BOM": TREATY.encode("utf-16-be"),
    "utf-16-le without BOM or spaces": NOSPACE.encode("utf-16-le"),
    "cp1256": TREATY.encode("cp1256"),
}


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8 with BOM", "utf-8-sig"),
        ("utf-16 with BOM", "utf-16"),
        ("utf-16-be with BOM", "utf-16"),
        ("utf-16-le without BOM", "utf-16-le"),
        ("utf-16-be without BOM", "utf-16-be"),
        ("utf-16-le without BOM or spaces", "utf-16-le"),
        ("cp1256", "cp1256"),
    ],
)
def test_detect_encoding(label, expected):
    assert detect_encoding(ENCODED[label]) == expected


def test_detect_utf8_cut_mid_character():
    sample = ("نص " * 10 + "التنفيذ").encode("utf-8")
    cut = sample[:-1]  # the last Arabic letter loses its second byte
    with pytest.raises(UnicodeDecodeError):
        cut.decode("utf-8")
    assert detect_encoding(cut) == "utf-8"


def test_detect_plain_ascii_and_empty():
    assert detect_encoding(b"id,text\n1,hello\n") == "utf-8"
    assert detect_encoding(b"") == "utf-8"


def test_latin1_is_not_taken_for_cp1256():
    german = "Das Mädchen äußerte sich über die Lage in Ägypten und Ländern der Region.".encode(
        "latin-1"
    )
    with pytest.raises(EncodingError, match="cannot detect the text encoding"):
        detect_encoding(german)


def test_garbage_is_an_encoding_error(tmp_path):
    garbage = random.Random(7).randbytes(4096)
    path = write(tmp_path / "src" / "noise.txt", garbage)
    with pytest.raises(EncodingError) as info:
        list(read_corpus([path]))
    assert str(info.value) == (
        f"{path}: cannot detect the text encoding (not UTF-8, UTF-16 or Windows-1256); pass --encoding NAME"
    )


@pytest.mark.parametrize("label", sorted(ENCODED))
def test_txt_file_in_every_encoding(tmp_path, label):
    text = NOSPACE if "spaces" in label else TREATY
    path = write(tmp_path / "src" / "doc.txt", ENCODED[label])
    (doc,) = read_corpus([path])
    assert doc.text == text  # decodes back exactly, no BOM


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1256"])
def test_jsonl_csv_and_directory_in_every_encoding(tmp_path, codec):
    jsonl = json.dumps({"id": "j", "text": TREATY}, ensure_ascii=False) + "\n"
    write(tmp_path / "a.jsonl", jsonl.encode(codec))
    write(tmp_path / "a.csv", f"id,text\nc,{TREATY}\n".encode(codec))
    write(tmp_path / "dir" / "d.txt", TREATY.encode(codec))
    write(tmp_path / "dir" / "metadata.csv", "id,title\nd,عنوان\n".encode(codec))
    docs = list(read_corpus([tmp_path / "a.jsonl", tmp_path / "a.csv", tmp_path / "dir"]))
    assert [(d.id, d.text) for d in docs] == [("j", TREATY), ("c", TREATY), ("d", TREATY)]
    assert docs[2].title == "عنوان"


def test_explicit_encoding_overrides_detection(tmp_path):
    # "Mädchen" in cp1252 is not detectable; named explicitly it reads.
    path = write(tmp_path / "src" / "de.txt", "Mädchen".encode("cp1252"))
    with pytest.raises(EncodingError):
        list(read_corpus([path]))
    (doc,) = read_corpus([path], encoding="cp1252")
    assert doc.text == "Mädchen"
    # cp1256 bytes forced to be read as cp1256 under another name
    arabic = write(tmp_path / "src" / "ar.txt", TREATY.encode("cp1256"))
    (doc,) = read_corpus([arabic], encoding="windows-1256")
    assert doc.text == TREATY


def test_explicit_utf8_still_drops_a_bom(tmp_path):
    path = write(tmp_path / "bom.jsonl", ('{"text": "%s"}\n' % TREATY).encode("utf-8-sig"))
    (doc,) = read_corpus([path], encoding="utf-8")
    assert doc.text == TREATY


@pytest.mark.parametrize("name", ["klingon", "base64", ""])
def test_unknown_encoding_name_is_an_option_error(tmp_path, name):
    with pytest.raises(
        OptionError, match="expected a Python codec name such as 'utf-8', 'utf-16' or 'cp1256'"
    ):
        read_corpus([tmp_path], encoding=name)  # raised at once, before reading


def test_explicit_encoding_decode_error_names_file_and_offset(tmp_path):
    data = TREATY.encode("utf-8") + b"\xff" + b"tail"
    path = write(tmp_path / "src" / "bad.txt", data)
    with pytest.raises(EncodingError) as info:
        list(read_corpus([path], encoding="utf-8"))
    offset = len(TREATY.encode("utf-8"))
    assert str(info.value).startswith(
        f"{path}: byte 0xff at offset {offset} cannot be decoded as utf-8"
    )


def test_decode_error_offset_after_bom_and_many_chunks(tmp_path):
    body = ('{"text": "%s"}\n' % TREATY).encode("utf-8") * 3000  # about 300 KB, several chunks
    data = b"\xef\xbb\xbf" + body + b"\xc3"  # truncated final character
    path = write(tmp_path / "big.jsonl", data)
    records = read_corpus([path])
    assert next(records).text == TREATY
    with pytest.raises(EncodingError) as info:
        list(records)
    assert f"at offset {3 + len(body)} is not valid utf-8-sig" in str(info.value)


def test_complete_sample_ending_mid_character_is_not_utf8():
    data = "2024 ب".encode("cp1256")  # ends with 0xC8, a UTF-8 lead byte
    assert detect_encoding(data) == "utf-8"  # could be a cut sample...
    assert detect_encoding(data, complete=True) == "cp1256"  # ...but not a whole input


def test_short_cp1256_file_ending_in_a_lead_byte(tmp_path):
    path = write(tmp_path / "src" / "short.txt", "2024 ب".encode("cp1256"))
    (doc,) = read_corpus([path])
    assert doc.text == "2024 ب"


ARABIC_TEXT = st.text(
    alphabet=st.sampled_from(
        list("ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإىةؤئ") + list(" \n0123456789.،؟")
    ),
    min_size=1,
    max_size=200,
).filter(lambda text: re.search("[\u0621-\u064a]{2}", text))
# Two Arabic letters in a row are never valid UTF-8 in Windows-1256 (both bytes
# are >= 0xC1); a lone letter before "،" or "؟" can be ("آ،" is UTF-8 for "¡").


@settings(max_examples=60, deadline=None)
@given(
    text=ARABIC_TEXT,
    codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256"]),
)
def test_arabic_text_round_trips_through_detection(text, codec):
    (record,) = read_corpus(["-"], stdin=io.BytesIO(text.encode(codec)))
    if text.strip():
        assert record.text == text
    else:
        assert record.reason == "empty text"


def test_cp1256_csv_with_long_latin_urls(tmp_path):
    url = "https://www.example-news.com/politics/2024/12/04/north-korea-russia-treaty-in-force"
    path = write(tmp_path / "legacy.csv", f"url,text\n{url},{TREATY}\n".encode("cp1256"))
    (doc,) = read_corpus([path])
    assert (doc.text, doc.source) == (TREATY, "example-news.com")
