"""The access log's head hint, shared by a machine's app processes through a small
memory-mapped file per database (ADR 80)."""

import tempfile

from forlop.access import headhint

make = headhint._hint.__wrapped__  # a map of its own, as another process would make


def test_a_hint_written_by_one_process_is_read_by_another(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    one, two = make("forlop", "/run/pg", "5432"), make("forlop", "/run/pg", "5432")
    assert two.read() == (None, None)
    one.write("a" * 64, 7)
    assert two.read() == ("a" * 64, 7)
    two.write("b" * 64, 8)
    assert one.read() == ("b" * 64, 8)
    one.write(None, None)  # an empty log, or forgotten
    assert two.read() == (None, None)


def test_each_database_has_its_own(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    make("forlop", "/run/pg", "5432").write("a" * 64, 7)
    assert make("forlop_test", "/run/pg", "5432").read() == (None, None)
    assert make("forlop", "/run/pg2", "5432").read() == (None, None)


def test_what_cannot_be_a_head_is_no_hint(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    hint = make("forlop", "", "")
    for head in [("short", 3), ("ø" * 64, 3), ("a" * 64, 0)]:
        hint.write("c" * 64, 1)
        hint.write(*head)
        assert hint.read() == (None, None), head


def test_without_a_writable_folder_the_hint_is_the_processs_own(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    one, two = make("forlop", "", ""), make("forlop", "", "")
    one.write("a" * 64, 7)
    assert (one.read(), two.read()) == (("a" * 64, 7), (None, None))
