"""The answer-scoring engine: pure Python, no Django, read in the order it runs.

- ``keypoints``: what a standard answer expects, taken from its Markdown structure;
- ``textmatch``: normalising text, the glossary (``glossary.txt``, ``vocabulary.txt``), matching;
- ``suggest``: key points -> coverage -> the 0-5 suggestion with its evidence;
- ``contradictions``: claims that contradict the standard answer (``contrasts.txt``).

``adapter`` is the one Django module: it reads the curators' glossary and contrast entries and
the topics' questions from the database and hands them to the pure modules.
"""
