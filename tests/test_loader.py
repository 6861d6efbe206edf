"""The loaders: the real data loads, and every kind of bad input gets a DataError naming the file and the problem."""
import hashlib
import os

import pandas as pd
import pytest

from newsreader import DataError, cleaning_log, load_articles, load_table, words

NEWSMAX = "001_2bc434667cf9574c"


def set_article_bytes(data, article_id, content: bytes):
    """Replace an article's bytes and record the matching fingerprint, so only the content is at fault."""
    (data / "articles" / f"{article_id}.txt").write_bytes(content)
    articles = pd.read_csv(data / "articles.csv", dtype=str, keep_default_na=False)
    articles.loc[articles["id"] == article_id, "sha256"] = hashlib.sha256(content).hexdigest()
    articles.to_csv(data / "articles.csv", index=False)


def edit_csv(path, change):
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    change(table).to_csv(path, index=False)


def test_the_five_articles_load_with_raw_and_clean_text():
    articles = load_articles()
    assert len(articles) == 5
    assert articles["id"].is_unique
    assert (articles["text"].str.len() > 1000).all()
    assert (articles["raw_text"].map(words).map(len) >= articles["text"].map(words).map(len)).all()


def test_missing_article_file(data_copy):
    (data_copy / "articles" / f"{NEWSMAX}.txt").unlink()
    with pytest.raises(DataError, match=rf"{NEWSMAX}\.txt: file not found"):
        load_articles(data_copy)


def test_missing_metadata_file(data_copy):
    (data_copy / "articles.csv").unlink()
    with pytest.raises(DataError, match=r"articles\.csv: file not found"):
        load_articles(data_copy)


def test_changed_article_fails_its_fingerprint(data_copy):
    path = data_copy / "articles" / f"{NEWSMAX}.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("15,000", "16,000"), encoding="utf-8")
    with pytest.raises(DataError, match=rf"{NEWSMAX}\.txt: sha256 does not match"):
        load_articles(data_copy)


def test_a_change_after_the_first_load_is_seen_by_the_next(data_copy):
    """The cache of loaded articles is keyed by the files' contents: load, change, load finds the change, even a
    same-size rewrite that keeps the modification time (two writes within the clock's resolution)."""
    load_articles(data_copy)
    path = data_copy / "articles" / f"{NEWSMAX}.txt"
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("15,000", "16,000"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    with pytest.raises(DataError, match=rf"{NEWSMAX}\.txt: sha256 does not match"):
        load_articles(data_copy)


def test_article_that_is_not_utf8(data_copy):
    set_article_bytes(data_copy, NEWSMAX, "Prisión de máxima seguridad".encode("latin-1"))
    with pytest.raises(DataError, match=rf"{NEWSMAX}\.txt: is not UTF-8 text \(byte 0xf3"):
        load_articles(data_copy)


def test_empty_article(data_copy):
    set_article_bytes(data_copy, NEWSMAX, b" \n\n")
    with pytest.raises(DataError, match=rf"{NEWSMAX}\.txt: is empty"):
        load_articles(data_copy)


def test_duplicate_article_id(data_copy):
    edit_csv(data_copy / "articles.csv", lambda t: pd.concat([t, t.iloc[[1]]]))
    with pytest.raises(DataError, match=rf"articles\.csv: duplicate id {NEWSMAX}"):
        load_articles(data_copy)


def test_missing_column(data_copy):
    edit_csv(data_copy / "articles.csv", lambda t: t.drop(columns=["sha256"]))
    with pytest.raises(DataError, match=r"articles\.csv: missing column\(s\) sha256"):
        load_articles(data_copy)


def test_malformed_csv(data_copy):
    with open(data_copy / "events.csv", "a", encoding="utf-8") as table:
        table.write(",".join(["extra"] * 40) + "\n")  # more fields than the header has columns
    with pytest.raises(DataError, match=r"events\.csv: is not a well-formed CSV table"):
        load_table("events", data_copy)


def test_invalid_cleaning_rule(data_copy):
    edit_csv(data_copy / "cleaning_rules.csv", lambda t: t.assign(pattern=t["pattern"].where(t.index > 0, "(unclosed")))
    with pytest.raises(DataError, match=r"cleaning_rules\.csv: the pattern of rule 'archive date' is not a valid"):
        load_articles(data_copy)


def write_labels(data, rows):
    pd.DataFrame(rows, columns=["label_id", "article_id", "span", "term", "refers_to", "voice"]).to_csv(
        data / "labels.csv", index=False)


def test_table_row_with_unknown_article(data_copy):
    write_labels(data_copy, [["L1", "999_unknown", "mega-prison", "mega-prison", "prison", "reporter"]])
    with pytest.raises(DataError, match=r"labels\.csv: unknown article id\(s\) '999_unknown'"):
        load_table("labels", data_copy)


def test_table_span_not_in_article(data_copy):
    write_labels(data_copy, [["L1", NEWSMAX, "giga-prison", "giga-prison", "prison", "reporter"]])
    with pytest.raises(DataError, match=r"labels\.csv: the span of L1 is not in article 001"):
        load_table("labels", data_copy)


def test_table_duplicate_key(data_copy):
    row = ["L1", NEWSMAX, "megaprison", "megaprison", "prison", "reporter"]
    write_labels(data_copy, [row, row])
    with pytest.raises(DataError, match=r"labels\.csv: duplicate label_id L1"):
        load_table("labels", data_copy)


def test_table_value_that_is_not_a_number(data_copy):
    columns = ["claim_id", "article_id", "span", "value", "unit", "quantity", "hedge", "low", "high",
               "attributed_to", "attribution_type", "refers_to_date", "note"]
    row = ["C1", NEWSMAX, "40,000", "forty", "inmates", "capacity", "up to", "", "40000", "", "", "", ""]
    pd.DataFrame([row], columns=columns).to_csv(data_copy / "claims.csv", index=False)
    with pytest.raises(DataError, match=r"claims\.csv: column value has a value that is not a number: 'forty'"):
        load_table("claims", data_copy)


def test_unknown_table():
    with pytest.raises(DataError, match=r"nonsense\.csv: not a known table"):
        load_table("nonsense")


def test_cleaning_removes_exactly_the_boilerplate():
    articles = load_articles().set_index("id")
    removed = cleaning_log(articles.reset_index())
    assert sorted(removed["rule"]) == ["archive date", "copyright line", "copyright line", "embedded post",
                                       "subscription notice"]
    for marker in ["©", "pic.twitter.com", "suscripción", "date 2025-04-17"]:
        assert not articles["text"].str.contains(marker, regex=False).any(), marker
    assert articles.loc[NEWSMAX, "text"].startswith("El Salvador plans to double")
    assert articles.loc["003_76a03f6ec5875e14", "text"].count("We have offered the United States") == 1


def test_cleaned_paragraphs_stand_verbatim_in_the_files():
    for article in load_articles().itertuples():
        for paragraph in article.text.split("\n\n"):
            assert paragraph in article.raw_text


def test_a_notebook_whose_data_is_broken_shows_one_line(tmp_path):
    import shutil
    from pathlib import Path

    import nbformat
    from nbclient import NotebookClient

    root = Path(__file__).resolve().parents[1]
    for folder in ["book/newsreader", "data"]:
        shutil.copytree(root / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "data" / "articles" / f"{NEWSMAX}.txt").unlink()
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("from newsreader import check, load_table"),
                                               nbformat.v4.new_code_cell('claims = load_table("claims")'),
                                               nbformat.v4.new_code_cell('check("numbers-3", 1.0)')])
    NotebookClient(notebook, timeout=60, allow_errors=True, coalesce_streams=True,
                   resources={"metadata": {"path": str(tmp_path / "book")}}).execute()
    import_outputs, load_outputs, check_outputs = (cell.outputs for cell in notebook.cells)
    assert import_outputs == []
    assert [output.get("text") for output in load_outputs] == [f"Problem: {NEWSMAX}.txt: file not found (looked in {tmp_path / 'data' / 'articles'})\n"]
    assert "data problem" in check_outputs[0]["text"] and "Traceback" not in str(check_outputs)
