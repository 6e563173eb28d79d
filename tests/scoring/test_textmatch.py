"""Concepts of a key point (scoring/textmatch.py): which ASCII words count as names."""

from __future__ import annotations

from scoring.textmatch import builtin_glossary, text_concepts


def translatable(text: str) -> dict[str, bool]:
    return {label: is_name for label, _, is_name, _ in text_concepts(text, builtin_glossary(), [])}


def test_an_ascii_word_of_up_to_five_letters_in_chinese_is_a_name_a_longer_one_is_not():
    # Made-up words, so no glossary entry decides: only their length does (Redis, Kafka, Nginx).
    assert translatable("用 Zorbx 和 Zorbxy 做削峰") == {
        "zorbx": True,
        "zorbxy": False,
        "削峰": False,
    }
    # In English text a short plain word is as likely an everyday word: not a name.
    assert translatable("use Zorbx and Zorbxy for peaks")["zorbx"] is False
