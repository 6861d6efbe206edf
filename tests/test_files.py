"""The one rule for writing files: never overwrite someone's file, never follow a link, write atomically."""
import os

import pytest

from newsreader.files import Written, WriteRefused, numbered, write_file


def test_a_new_file_is_written(tmp_path):
    path = write_file(tmp_path, "claims.csv", "a,b\n")
    assert path == tmp_path / "claims.csv" and path.read_text() == "a,b\n"


def test_a_taken_name_is_kept_and_the_next_free_name_is_used(tmp_path):
    (tmp_path / "report.html").write_text("mine")
    (tmp_path / "report-2.html").write_text("mine too")
    path = write_file(tmp_path, "report.html", "new")
    assert path.name == "report-3.html"
    assert (tmp_path / "report.html").read_text() == "mine" and (tmp_path / "report-2.html").read_text() == "mine too"


def test_fallback_names_can_be_chosen(tmp_path):
    (tmp_path / "claims.csv").write_text("mine")
    proposed = write_file(tmp_path, "claims.csv", "x", fallbacks=lambda name: ["claims.proposed.csv"])
    assert proposed.name == "claims.proposed.csv"
    with pytest.raises(WriteRefused, match="every name tried"):
        write_file(tmp_path, "claims.csv", "y", fallbacks=lambda name: ["claims.proposed.csv"])


def test_a_link_is_never_written_through(tmp_path):
    outside = tmp_path / "outside.csv"
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "claims.csv").symlink_to(outside)  # dangling: exists() is False
    path = write_file(folder, "claims.csv", "x")
    assert path.name == "claims-2.csv" and not outside.exists()
    (folder / "report").symlink_to(tmp_path)
    with pytest.raises(WriteRefused, match="is a link"):
        write_file(folder, "report/report.html", "x")
    with pytest.raises(WriteRefused, match="not a name inside"):
        write_file(folder, "../escape.csv", "x")


def test_a_folder_in_the_way_is_kept(tmp_path):
    (tmp_path / "agreement.png").mkdir()
    assert write_file(tmp_path, "agreement.png", b"png").name == "agreement-2.png"


def test_no_temporary_file_is_left_behind(tmp_path):
    write_file(tmp_path, "a.txt", "x")
    write_file(tmp_path, "a.txt", "y", replaceable=lambda path: True)
    assert sorted(os.listdir(tmp_path)) == ["a.txt"] and (tmp_path / "a.txt").read_text() == "y"


def test_a_command_replaces_only_its_own_unchanged_files(tmp_path):
    record = Written(tmp_path, ".written.json")
    first = record.write("report.html", "v1")
    record.save()
    again = Written(tmp_path, ".written.json")
    assert again.write("report.html", "v2") == first and first.read_text() == "v2"
    first.write_text("the student's edit")
    kept = Written(tmp_path, ".written.json").write("report.html", "v3")
    assert kept.name == "report-2.html" and first.read_text() == "the student's edit"


def test_numbered_names_keep_the_whole_extension():
    assert next(numbered("story.tar.gz")) == "story-2.tar.gz"
    assert next(numbered("my.story/report.html")) == "my.story/report-2.html"


def test_loaders_read_the_folder_use_data_chooses(data_copy):
    from newsreader.paths import DATA_DIR, data_dir, use_data

    with use_data(data_copy):
        assert data_dir() == data_copy
    assert data_dir() == DATA_DIR
