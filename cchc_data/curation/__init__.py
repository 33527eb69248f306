"""The curator's tools: find candidate facts in a report's text, then check and add the reviewed ones.

- :mod:`cchc_data.curation.extract`: :func:`~cchc_data.curation.extract.extract` reads a report's text and
  writes candidate facts to a review file; its cue words live in ``extract_cues.csv`` beside it.
- :mod:`cchc_data.curation.curate`: :func:`~cchc_data.curation.curate.check` checks a reviewed file and
  adds its kept rows to the data.

The old import paths ``cchc_data.extract`` and ``cchc_data.curate`` still work (:mod:`cchc_data._moved`).
The command line: ``cchc extract`` and ``cchc curate check``.
"""
