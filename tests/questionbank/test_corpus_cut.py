"""The corpus script measures a file fetched whole against counts made on a prefix of it."""

from bench.import_corpus import cut

WHOLE = b"# T\n\n### 1. q\n\na\n\n---\n### 2. q\n\nb\n\n---\n### 3. q\n"


def test_a_whole_file_is_cut_before_the_named_line():
    assert cut(WHOLE, {"before": "### 2. q"}) == b"# T\n\n### 1. q\n\na\n\n---\n"


def test_the_named_occurrence_of_a_repeated_line_is_where_it_is_cut():
    assert cut(WHOLE, {"before": "---", "occurrence": 2}) == WHOLE[: WHOLE.index(b"### 3.") - 4]


def test_a_copy_already_cut_and_an_entry_without_a_cut_are_read_as_they_are():
    prefix = cut(WHOLE, {"before": "### 2. q"})
    assert cut(prefix, {"before": "### 2. q"}) == prefix
    assert cut(WHOLE, None) == WHOLE


def test_the_line_is_matched_without_its_surrounding_spaces_and_line_ending():
    assert cut(b"a\r\n  ## B  \r\nc\r\n", {"before": "## B"}) == b"a\r\n"
