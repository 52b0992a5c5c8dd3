"""Pages rendered before are not rendered again: the text of a page is reused when everything
its template saw is the same as when it was rendered.

What a template sees: its context (the page's own objects, digested whole), the labels, the
site URL, the template files and the code (``RenderMemo.namespace``), and whatever it looked
up in :class:`~builder.render.pages.Site` while rendering. The last is not known before
rendering, so :class:`Recorded` stands in for the ``site`` the template gets and notes every
lookup with a digest of its answer; the next build replays those lookups on its own ``Site``
and reuses the text only when every answer's digest is the same. A template runs the same way
on the same answers, so the text is the one it would render.

A reused page comes as a :class:`~builder.model.KeptText`: its digest, with its text read
from the store only if the write stage has to write it (a rebuild finds almost every page's
file already there with that digest, so it reads the notes of every page and the text of few).
The same holds for what is a function of its inputs alone (:func:`remembered_text`: a page's
OpenCC conversion; :func:`remembered_files`: a document's citation and text files).

The memo itself is a store the build passes in (``get``/``put`` of picklable values by key;
the texts in a store of their own, so that the notes lie together); nothing here touches the disk.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from ..model import KeptText, Store, content_sha256

_ADDRESS = re.compile(r" at 0x[0-9a-f]+>")
_PLAIN = frozenset({str, int, float, bool, type(None), bytes})  # what no record is inside


def digest(*values: object) -> str:
    """sha256 of the values as pickled without a memo (C speed, and the same bytes however the
    objects inside share their parts), or of their ``repr`` with object addresses left out
    when something in them cannot be pickled (a function made inside another, say).

    >>> digest(len) == digest(len), len(digest("a")), digest(lambda: 1) == digest(lambda: 1)
    (True, 64, True)
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # no memo: a shared string and two equal ones pickle alike
    try:
        pickler.dump(values)
        data = buffer.getvalue()
    except (pickle.PicklingError, AttributeError, TypeError, ValueError, RecursionError):
        data = _ADDRESS.sub(">", repr(values)).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def fingerprint(value: object, seen: dict[int, tuple[object, str]]) -> str:
    """:func:`digest` of a value, with each dataclass inside it (a document, an issue) digested
    once per build (``seen``: by object id, the object kept so that the id stays its own): a
    listing page and every page linking a document do not print its whole text again.

    >>> from builder.model import Publication
    >>> seen = {}
    >>> p = Publication("lzgb", "柳州市人民政府公报", "gazette")
    >>> fingerprint([p, p], seen) == fingerprint([p, p], {}), len(seen)
    (True, 1)
    >>> fingerprint(("a", [1, 2]), seen) == fingerprint(("a", [1, 2]), {}) != fingerprint(("a", [1, 3]), {})
    True
    """
    if is_record(value):
        known = seen.get(id(value))
        if known is None or known[0] is not value:
            known = seen[id(value)] = (value, digest(value))
        return known[1]
    if not holds_record(value):  # plain values (strings, numbers, tuples of them): one digest, not one per part
        return digest(value)
    if isinstance(value, (list, tuple)):
        return digest(type(value).__name__, [fingerprint(v, seen) for v in value])
    if isinstance(value, dict):
        return digest("dict", [(fingerprint(k, seen), fingerprint(v, seen)) for k, v in value.items()])
    return digest(value)


@dataclass
class RenderMemo:
    """A store of rendered pages, the part of their key every page shares (code, templates,
    libraries), and counts of what was rendered and reused (for tests and benchmarks)."""

    store: Store
    namespace: str
    rendered: int = 0
    reused: int = 0
    used: set[str] = field(default_factory=set)  # keys of this build's pages (the rest may be pruned)
    # Where the texts go (default: ``store``): apart from the notes, which a rebuild reads for
    # every page, so that those lie together in the store, not between the texts.
    texts: Store | None = None
    objects: dict = field(default_factory=dict)  # this build's digests of records (see fingerprint), shared by every use
    # The digests of remembered texts and files (remembered_text, remembered_files), one value
    # for all: a rebuild asks for some 40,000 of them at 10,000 documents, one read of the store
    # each was seconds. ``known``: the last build's, read at first use; ``kept``: this build's.
    known: dict[str, object] | None = None
    kept: dict[str, object] = field(default_factory=dict)

    @property
    def text_store(self) -> Store:
        return self.texts if self.texts is not None else self.store

    def remembered(self, key: str) -> object:
        """What the last build remembered under ``key`` (a text's digest, a list of files'), noted as used."""
        if self.known is None:
            found = self.store.get(REMEMBERED)
            self.known = found if isinstance(found, dict) else {}
        value = self.known.get(key)
        if value is not None:
            self.kept[key] = value
        return value

    def remember(self, key: str, value: object) -> None:
        self.kept[key] = value

    def save(self, keep_unused: bool = False) -> None:
        """Store this build's remembered digests (with the last build's unused ones too when
        ``keep_unused``: a build that did not ask for all of them)."""
        self.used.add(REMEMBERED)
        self.store.put(REMEMBERED, {**(self.known or {}), **self.kept} if keep_unused else dict(sorted(self.kept.items())))

    def key(self, parts: tuple) -> str:
        """The store's key of a value made of ``parts`` alone (a record in them digested once per build)."""
        return digest(self.namespace, fingerprint(parts, self.objects))


# Lookups whose answer is the whole archive: a page that reads them is rendered every time
# (the home page: one per tree) rather than digesting everything each build.
WHOLE = frozenset({"archive"})


class Recorded:
    """The ``site`` a template gets while its page is rendered: the real one, noting lookups.

    ``notes``: ``{hashable(lookup): (lookup, digest of its answer)}``, a lookup being ``("attr", name)``,
    ``("call", name, args)``, ``("item", name, key)``, ``("get", name, key, default)``,
    ``("in", name, key)``, ``("fields", name, key, field names)`` or ``("all", name)``. ``memo``: digests already computed this build
    (shared by every page of one ``Site``)."""

    def __init__(self, site: Any, memo: dict, seen: dict):
        self._site, self._memo, self._seen = site, memo, seen
        self.notes: dict[object, tuple[tuple, str]] = {}
        self.whole = False
        self._read: dict[tuple[str, object], tuple[object, dict[str, None]]] = {}  # (table, key) → (item, fields read)

    def _read_field(self, table: str, key: object, item: object, name: str) -> None:
        self._read.setdefault((table, key), (item, {}))[1][name] = None

    def finish(self) -> dict[object, tuple[tuple, str]]:
        """The notes, with one ``("fields", table, key, names)`` lookup per item whose fields the
        template read: a listing that links a document depends on its title and address, not
        on every field of it (its related documents change when others are added)."""
        for (table, key), (item, names) in self._read.items():
            if hashable(("item", table, key)) not in self.notes:  # else noted whole (handed to a Site function): its fields are in that digest
                self._note(("fields", table, key, tuple(names)), tuple(getattr(item, n) for n in names))
            # "is it there" is answered by reading it: a replay of either fails when it is gone
            # (a third of a page's lookups, and of what a rebuild reads of every page)
            self.notes.pop(hashable(("in", table, key)), None)
        self._read = {}
        return self.notes

    def _note(self, lookup: tuple, value: object) -> None:
        key = hashable(lookup)
        if key not in self.notes:
            known = self._memo.get(key)
            self.notes[key] = (lookup, known if known is not None else self._memo.setdefault(key, fingerprint(value, self._seen)))

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self._site, name)
        if name in WHOLE:
            self.whole = True
            return value
        if callable(value):
            def call(*args):
                args = tuple(unwrapped(a) for a in args)  # a lookup is replayed on the real objects
                result = value(*args)
                self._note(("call", name, args), result)
                return result
            return call
        if isinstance(value, dict):
            return RecordedMap(self, name, value)
        self._note(("attr", name), value)
        return value


class RecordedMap:
    """One of the ``Site``'s lookup tables (documents by id, relations by number …), noting each key read."""

    def __init__(self, owner: Recorded, name: str, table: dict):
        self._owner, self._name, self._table = owner, name, table

    def __getitem__(self, key):
        value = self._table[key]
        if is_record(value):
            self._owner._note(("in", self._name, key), True)
            return RecordedItem(self._owner, self._name, key, value)
        self._owner._note(("item", self._name, key), value)
        return value

    def get(self, key, default=None):
        value = self._table.get(key, default)
        if key in self._table and is_record(value):
            self._owner._note(("in", self._name, key), True)
            return RecordedItem(self._owner, self._name, key, value)
        self._owner._note(("get", self._name, key, default), value)
        return value

    def __contains__(self, key) -> bool:
        found = key in self._table
        self._owner._note(("in", self._name, key), found)
        return found

    def _whole(self) -> dict:
        self._owner._note(("all", self._name), self._table)
        return self._table

    def __iter__(self):
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())

    def items(self):
        return self._whole().items()

    def keys(self):
        return self._whole().keys()

    def values(self):
        return self._whole().values()


class RecordedItem:
    """A record (a document, an issue …) read from one of the ``Site``'s tables, noting which of
    its fields the template reads (see :meth:`Recorded.finish`)."""

    def __init__(self, owner: Recorded, table: str, key: object, item: object):
        self._owner, self._table, self._key, self._item = owner, table, key, item

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self._item, name)
        self._owner._read_field(self._table, self._key, self._item, name)
        return value


def holds_record(value: object) -> bool:
    """A record, or a list, tuple or dict with a record somewhere inside.

    >>> from builder.model import Publication
    >>> holds_record(("a", {"b": [1]})), holds_record([("a", Publication("x", "X", "gazette"))])
    (False, True)
    """
    if type(value) in _PLAIN:
        return False
    if isinstance(value, (list, tuple)):
        return any(type(v) not in _PLAIN and holds_record(v) for v in value)
    if isinstance(value, dict):
        return any(map(holds_record, value.keys())) or any(map(holds_record, value.values()))
    return is_record(value)


def is_record(value: object) -> bool:
    """A dataclass instance (what :class:`RecordedItem` stands in for)."""
    return hasattr(value, "__dataclass_fields__") and not isinstance(value, type)


def unwrapped(value: object) -> object:
    """The record a :class:`RecordedItem` stands in for (itself, noted whole, when a template
    hands it to one of the ``Site``'s functions); any other value as it is."""
    if isinstance(value, RecordedItem):
        value._owner._note(("item", value._table, value._key), value._item)
        return value._item
    if isinstance(value, (list, tuple)) and any(isinstance(v, RecordedItem) for v in value):
        return type(value)(unwrapped(v) for v in value)
    return value


def hashable(lookup: tuple) -> object:
    """``lookup`` itself, or its digest when an argument is a list (``series_gaps(serials)``).

    >>> hashable(("item", "docs", "a")), len(hashable(("call", "series_gaps", ([1, 3],))))
    (('item', 'docs', 'a'), 64)
    """
    try:
        hash(lookup)
        return lookup
    except TypeError:
        return digest(lookup)


def answer(site: Any, lookup: tuple) -> object:
    """What ``lookup`` (a key of :attr:`Recorded.notes`) answers on ``site``."""
    kind, name, *rest = lookup
    value = getattr(site, name)
    if kind == "attr":
        return value
    if kind == "call":
        return value(*rest[0])
    if kind == "item":
        return value[rest[0]]
    if kind == "get":
        return value.get(rest[0], rest[1])
    if kind == "in":
        return rest[0] in value
    if kind == "fields":
        item = value[rest[0]]
        return tuple(getattr(item, n) for n in rest[1])
    return value  # "all"


def notes_digest(digests: Iterable[str]) -> str:
    """One digest for a page's answers in the order its lookups were noted: what the store
    keeps of them (a rebuild reads every page's entry; 64 characters a lookup were most of it).

    >>> notes_digest(["a", "b"]) == notes_digest(["a", "b"]) != notes_digest(["b", "a"])
    True
    """
    return hashlib.sha256("\0".join(digests).encode("ascii")).hexdigest()


def still_valid(site: Any, lookups: tuple[tuple, ...], answered: str, memo: dict, objects: dict) -> bool:
    """Every noted lookup answers as it did: the digest of their answers' digests is the same
    (each answer digested once per build, in ``memo``)."""
    digests = []
    for lookup in lookups:
        key = hashable(lookup)
        now = memo.get(key)
        if now is None:
            try:
                now = memo.setdefault(key, fingerprint(answer(site, lookup), objects))
            except (KeyError, AttributeError, TypeError, ValueError, IndexError):
                return False
        digests.append(now)
    return notes_digest(digests) == answered


def memoised(memo: RenderMemo | None, site: Any, lookups: dict, objects: dict, key: str, render: Callable[[Any], str]) -> str | KeptText:
    """The page for ``key``: reused from ``memo`` when its lookups answer as they did (a
    :class:`KeptText`: its text is read from the store only if it has to be written), else
    ``render(site_for_the_template)``, stored with its lookups. ``lookups``, ``objects``: the
    digests of this build's answers and objects (see :func:`fingerprint`), shared by its pages."""
    if memo is None:
        return render(site)
    memo.used.update((key, key + TEXT))
    entry = memo.store.get(key)
    if isinstance(entry, tuple) and len(entry) == 3 and still_valid(site, entry[0], entry[1], lookups, objects):
        memo.reused += 1
        return kept(memo, key, entry[2], lambda: render(site))
    recorded = Recorded(site, lookups, objects)
    text = render(recorded)
    memo.rendered += 1
    if not recorded.whole:
        notes = recorded.finish()
        memo.text_store.put(key + TEXT, text)
        memo.store.put(key, (tuple(lookup for lookup, _ in notes.values()), notes_digest(d for _, d in notes.values()), content_sha256(text)))
    return text


#: The store's key of :attr:`RenderMemo.kept`.
REMEMBERED = "remembered-digests"

#: The suffix of the key under which a page's text is stored, apart from what decides its reuse
#: (its notes and digest): a rebuild reads the notes of every page, the text of few.
TEXT = ":text"


def kept(memo: RenderMemo, key: str, sha256: str, make: Callable[[], str]) -> KeptText:
    """The text stored under ``key`` as a :class:`KeptText`; read, it is checked against its
    digest, and made again by ``make`` when the store no longer holds it as it was."""
    def load() -> str:
        text = memo.text_store.get(key + TEXT)
        if not isinstance(text, str) or content_sha256(text) != sha256:
            text = make()
        return text

    return KeptText(sha256, load)


def remembered_text(memo: RenderMemo | None, parts: tuple, make: Callable[[], str]) -> str | KeptText:
    """``make()``, or what it gave an earlier build for the same ``parts``, for a text that is a
    function of ``parts`` alone (and of the code, which ``memo.namespace`` holds), such as a
    page's OpenCC conversion: an earlier build's comes as a :class:`KeptText`, read only if it
    has to be written."""
    if memo is None:
        return make()
    key = memo.key(parts)
    memo.used.add(key + TEXT)
    sha256 = memo.remembered(key)
    if isinstance(sha256, str):
        return kept(memo, key, sha256, make)
    text = make()
    memo.text_store.put(key + TEXT, text)
    memo.remember(key, content_sha256(text))
    return text


def remembered_files(memo: RenderMemo | None, parts: tuple, make: Callable[[], list[tuple[str, str]]]) -> list[tuple[str, str | KeptText]]:
    """:func:`remembered_text` for a list of ``(path, text)`` files (a document's citation files)."""
    if memo is None:
        return list(make())
    key = memo.key(parts)
    memo.used.add(key + TEXT)
    found = memo.remembered(key)
    if isinstance(found, tuple):
        def load(n: int) -> str:
            texts = memo.text_store.get(key + TEXT)
            if not isinstance(texts, tuple) or len(texts) != len(found) or content_sha256(texts[n]) != found[n][1]:
                return make()[n][1]
            return texts[n]
        return [(path, KeptText(sha256, partial(load, n))) for n, (path, sha256) in enumerate(found)]
    files = list(make())
    memo.text_store.put(key + TEXT, tuple(text for _, text in files))
    memo.remember(key, tuple((path, content_sha256(text)) for path, text in files))
    return [(path, text) for path, text in files]
