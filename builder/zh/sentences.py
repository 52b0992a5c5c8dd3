"""Where a sentence or a clause ends: two rules, for two uses.

* :func:`ends_sentence`: the text ends with sentence-final punctuation, perhaps followed by
  closing quotes or brackets. A newspaper column wraps mid-sentence; this says a paragraph
  *may* end here.
* :func:`ends_clause`: looser, for official documents: a colon or semicolon also closes a
  block (``现将有关事项通知如下：``), so does a form's blank (``报送单位: ___``); closers count
  only after such a mark (``物流中心（B型）`` does not end).
"""

from __future__ import annotations

import re

#: Marks that end a clause block of an official document (a sentence, or a clause before a list).
CLAUSE_END = "。！？；：…!?;"
#: Closing quotes and brackets: they end a paragraph only after an end mark.
CLOSERS = "”’）)】」』》〕]"
#: A sentence ends with one of these, possibly followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"[。！？!?…；;][”’」』\"）)]*$")


def ends_sentence(text: str) -> bool:
    """The text ends with sentence-final punctuation (a hint that a paragraph may end here).

    >>> ends_sentence("有效提"), ends_sentence("发往全球。"), ends_sentence("说：“好。”")
    (False, True, True)
    """
    return bool(_SENTENCE_END.search(text.rstrip()))


def has_sentence(text: str) -> bool:
    """The text contains at least one sentence-final mark anywhere.

    >>> has_sentence("香港中转 行销全球"), has_sentence("完成。之后")
    (False, True)
    """
    return bool(re.search(r"[。！？!?]", text))


def ends_clause(text: str) -> bool:
    """True when a paragraph piece ends where a sentence (or clause block) may end.

    >>> ends_clause("现印发给你们。"), ends_clause("加快推进柳州保税")
    (True, False)
    >>> ends_clause("“十四五”期间，"), ends_clause("（柳政办〔2019〕90号）停止执行。”")
    (False, True)
    >>> ends_clause("报送单位: ___"), ends_clause("物流中心（B型）")
    (True, False)
    """
    text = text.rstrip()
    if not text:
        return True
    if text[-1] in CLAUSE_END or text.endswith("_"):
        return True
    stripped = text.rstrip(CLOSERS)
    return stripped != text and bool(stripped) and stripped[-1] in CLAUSE_END


def has_clause_punctuation(text: str) -> bool:
    """True when a text has Chinese clause punctuation, the mark of running prose.

    >>> has_clause_punctuation("柳州市物流业发展现状"), has_clause_punctuation("融水县、三江县")
    (False, True)
    """
    return bool(re.search(r"[，。；：、！？]", text))
