"""A file that reads when the import lists it but not when its turn to be parsed comes (deleted
or unreadable in between, in a long import) is reported by name as unreadable, and nothing of
the import is written: with a detailed report and in a large one-pass import alike."""

from __future__ import annotations

import pytest

from questionbank.importing import import_sources, read_paths
from questionbank.models import Topic

TEXT = """\
---
slug: t{n}
---
# 主题 {n}

1. 什么是进程？
2. 什么是线程？

## 答案

### 1. 进程

- 资源分配的单位

### 2. 线程

- 调度的单位
"""


def _files(tmp_path):
    for n in range(3):
        (tmp_path / f"t{n}.md").write_text(TEXT.format(n=n), encoding="utf-8")
    sources, failures = read_paths([str(tmp_path)])
    assert not failures and len(sources) == 3
    return sources


@pytest.mark.parametrize("detail", [True, False], ids=["detailed", "one-pass"])
def test_a_file_gone_before_its_parse_is_named_unreadable_and_nothing_is_written(
    db, tmp_path, detail
):
    sources = _files(tmp_path)
    gone = tmp_path / "t1.md"

    def progress(index, total, name):  # the files are parsed one by one: t1 vanishes first
        if name == str(gone):
            gone.unlink()

    report = import_sources(sources, progress=progress, detail=detail)
    assert not report.ok and not report.written
    bad = [f for f in report.files if not f.ok]
    assert [f.path for f in bad] == [str(gone)]
    [error] = bad[0].result.errors
    assert error.code == "unreadable"
    assert str(error).startswith("cannot read the file:")
    assert Topic.objects.count() == 0


def test_the_same_import_writes_every_file_when_all_stay_readable(db, tmp_path):
    report = import_sources(_files(tmp_path), progress=lambda *args: None)
    assert report.ok and report.written
    assert sorted(Topic.objects.values_list("slug", flat=True)) == ["t0", "t1", "t2"]
