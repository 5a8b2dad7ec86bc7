"""The access log's head hint, shared by a machine's app processes through a small
memory-mapped file per database (ADR 80)."""

import os
import tempfile

import pytest

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


def _path(tmp_path):
    (found,) = tmp_path.glob("forlop-log-head-*")
    return found


def test_a_link_in_the_shared_folder_is_not_followed(tmp_path, monkeypatch):
    """Someone who made the hint's name a link to another file first must not get
    that file written over."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    make("forlop", "", "")
    path = _path(tmp_path)
    target = tmp_path / "settings.txt"
    target.write_bytes(b"keep me")
    path.unlink()
    path.symlink_to(target)
    one, two = make("forlop", "", ""), make("forlop", "", "")
    one.write("a" * 64, 7)
    assert (one.read(), two.read()) == (("a" * 64, 7), (None, None))  # each its own
    assert target.read_bytes() == b"keep me"


def test_a_file_others_may_write_is_no_shared_hint(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    make("forlop", "", "")
    _path(tmp_path).chmod(0o666)
    one, two = make("forlop", "", ""), make("forlop", "", "")
    one.write("a" * 64, 7)
    assert two.read() == (None, None)


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file away needs root")
def test_a_file_another_user_made_is_no_shared_hint(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    make("forlop", "", "")
    os.chown(_path(tmp_path), 65534, 65534)  # nobody
    one, two = make("forlop", "", ""), make("forlop", "", "")
    one.write("a" * 64, 7)
    assert two.read() == (None, None)
