import json
import shutil

import pytest

from stance.errors import LexiconError
from stance.lexicon import default_lexicon_dir, load_lexicons
from stance.text.normalise import Normaliser


def test_bundled_lexicons_load_and_are_versioned(lexicons):
    assert lexicons.version
    assert {"clitics", "boilerplate"} <= set(lexicons.tables)
    meta = json.loads((default_lexicon_dir() / "meta.json").read_text(encoding="utf-8"))
    assert meta["licence"] and meta["curator"]


def test_forms_go_through_the_same_pipeline_as_text(lexicons):
    forms = {e["form"]: e.norm["form"] for e in lexicons["boilerplate"]}
    assert all(norm == lexicons.normaliser(form) for form, norm in forms.items())


@pytest.fixture
def lexdir(tmp_path):
    root = tmp_path / "lex"
    shutil.copytree(default_lexicon_dir(), root)
    return root


def _write(root, name, rows):
    header = "form\tposition\tscope\tclass\tgloss\tevidence"
    (root / name).write_text("\n".join([header] + rows) + "\n", encoding="utf-8")


def test_every_problem_is_reported_with_file_and_line(lexdir):
    _write(lexdir, "boilerplate.tsv", [
        "المصدر:\tline_start\trest\tsource_credit\tsource:\tseed 000",
        "المصدر:\tline_start\tline\tsource_credit\tsource:\tduplicate",  # line 3
        "إقرأ أيضاً\tline_exact\tblock\tread_also\tread also\tdiacritics",  # line 4
        "شارك\tline_middle\tline\tsocial_share\tshare\tbad position",  # line 5
        "تابعونا\tline_start\tline\tsocial\tfollow us\tbad class",  # line 6
        "اقرأ المزيد\tline_start\tline\tread_also",  # line 7: too few fields
    ])
    with pytest.raises(LexiconError) as err:
        load_lexicons(lexdir)
    problems = "\n".join(err.value.problems)
    path = str(lexdir / "boilerplate.tsv")
    assert f"{path}:3: duplicate of line 2" in problems
    assert f"{path}:4: form 'إقرأ أيضاً' has diacritics" in problems and "write 'إقرأ أيضا'" in problems
    assert f"{path}:5: unknown position 'line_middle'" in problems
    assert f"{path}:6: unknown class 'social'" in problems
    assert f"{path}:7: 4 fields; expected 6" in problems
    assert len(err.value.problems) == 5


def test_duplicates_are_found_after_normalisation(lexdir):
    _write(lexdir, "boilerplate.tsv", [
        "اقرأ أيضا\tline_start\tline\tread_also\tread also\ta",
        "اقرا ايضا\tline_start\tline\tread_also\tread also\tb",
    ])
    with pytest.raises(LexiconError, match=r"boilerplate.tsv:3: duplicate of line 2"):
        load_lexicons(lexdir)


def test_wrong_header_is_refused(lexdir):
    (lexdir / "clitics.tsv").write_text("form\ttype\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"clitics.tsv:1: header is .* expected the columns"):
        load_lexicons(lexdir)


def test_user_file_replaces_a_bundled_one(lexdir, tmp_path):
    own = tmp_path / "mine.tsv"
    _write(tmp_path, "mine.tsv", ["حصري\tline_exact\tline\tadvertisement\texclusive\tmy crawl"])
    lex = load_lexicons(lexdir, files={"boilerplate": own})
    assert [e["form"] for e in lex["boilerplate"]] == ["حصري"]
    with pytest.raises(LexiconError, match="unknown lexicon name"):
        load_lexicons(lexdir, files={"stopwords": own})


def test_missing_meta_is_explained(tmp_path):
    with pytest.raises(LexiconError, match="meta.json"):
        load_lexicons(tmp_path)


def test_forms_follow_the_normaliser_given(lexdir):
    _write(lexdir, "boilerplate.tsv", ["مقالات مشابهة\tline_exact\tblock\trelated_list\tsimilar articles\tseed 002"])
    folded = load_lexicons(lexdir)["boilerplate"].entries[0].norm["form"]
    kept = load_lexicons(lexdir, normaliser=Normaliser(teh_marbuta=False))["boilerplate"].entries[0].norm["form"]
    assert folded == "مقالات مشابهه" and kept == "مقالات مشابهة"
