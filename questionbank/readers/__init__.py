"""The readers of interview Markdown files, one module per file shape.

- ``seed.py``      our user's format: ``## 问题`` + ``## 标准答案`` with ``### N.`` answers
- ``headings.py``  a heading per question, its answer below it
- ``lists.py``     list items as questions, their indented content as the answer
- ``details.py``   ``<details><summary>question</summary>answer</details>``
- ``inline.py``    inline markers: ``问：``/``答：``, ``Q:``/``A:``, ``**题目**``/``**参考答案**``
- ``bare.py``      a bare list of questions, no answers
- ``detect.py``    asks every reader how well the file fits it and picks one, or refuses

Shared: ``front_matter.py`` (decoding, YAML front matter), ``document.py`` (the token stream and
ranges of it), ``vocabulary.py`` (words and number patterns), ``answers.py`` (filling answers and
key points), ``topic.py`` (title, slug, tags), ``base.py`` (the reader interface).
"""
