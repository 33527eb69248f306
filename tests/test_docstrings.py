"""Tests of ``cchc_data._docstrings``: shared parameter descriptions filled into the docstrings."""

import inspect

import pytest

from cchc_data import _docstrings


class TestShareDocs:
    def test_shared_descriptions_are_filled_and_shown_by_help(self):
        from cchc_data.indicators import sources

        text = inspect.getdoc(sources)
        assert _docstrings.PARAMS["data_dir"].splitlines()[0] in text
        assert "CCHC_DATA_DIR" in text

    def test_unknown_shared_description_is_named(self):
        def f():
            """Nothing.

            Parameters
            ----------
            {no_such_entry}
            """

        with pytest.raises(KeyError, match=r"no shared description 'no_such_entry'; known: .*data_dir"):
            _docstrings.share_docs(f)

    def test_braces_in_examples_are_left_alone(self):
        def f():
            """Nothing.

            Examples
            --------
            >>> {"a": 1}
            {'a': 1}
            """

        assert _docstrings.share_docs(f).__doc__ == f.__doc__
        assert "{'a': 1}" in f.__doc__
