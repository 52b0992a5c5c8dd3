"""The site's only MkDocs hook file.

Material's built-in search segments Chinese with ``jieba.cut``, which keeps long words
whole, so ``政府`` does not find ``人民政府``. ``cut_for_search`` also emits the short words
inside long ones. A user dictionary of agency and place names keeps those names together.
This is the interim search; the archive's own index replaces it.
"""

from __future__ import annotations

import logging
import types


def on_config(config):
    try:
        import jieba
        from material.plugins.search import plugin as search_plugin
    except ImportError:
        return config
    from builder.search_words import user_words

    jieba.setLogLevel(logging.WARNING)
    for word in user_words():
        jieba.add_word(word)
    search_plugin.jieba = types.SimpleNamespace(
        cut=jieba.cut_for_search,
        set_dictionary=jieba.set_dictionary,
        load_userdict=jieba.load_userdict,
    )
    return config
