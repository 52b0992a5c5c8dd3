"""Decode raw bytes of a source; CRLF/CR become LF.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32) decides; binary data is refused; strict UTF-8;
then GB18030 against Big5, judged by charset-normalizer (both accept much of the other's byte
pairs, so a Big5 file "decodes" as GB18030 into garbage). When no candidate is convincing the
source is refused with a message that says how to force one (``encoding:`` in corpus.yml).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
#: The legacy Chinese encodings told apart by detection; any other must be named in the manifest.
LEGACY = ("gb18030", "big5")
#: charset-normalizer's "mess" ratio above which a decoding is not trusted.
MAX_MESS = 0.2
#: Share of NUL and other non-text control bytes above which a file is taken for binary.
MAX_BINARY = 0.05


@dataclass(frozen=True)
class DecodeError(Exception):
    """Why a source could not be decoded, with the line the problem is on (when there is one)."""

    message: str
    line: int | None = None

    def __str__(self) -> str:
        return self.message


def line_of(data: bytes, offset: int) -> int:
    r"""The 1-based line of byte ``offset`` (counting LF, CRLF or lone CR as line ends).

    >>> line_of(b"a\nb\r\nc\rd", 7)
    4
    >>> line_of(b"abc", 1)
    1
    """
    head = data[:offset]
    return head.count(b"\n") + head.replace(b"\r\n", b"").count(b"\r") + 1


_CONTROLS = bytes(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0C, 0x0D))


def looks_binary(data: bytes) -> bool:
    r"""True when too many bytes are NUL or other controls for text (an image, a PDF, UTF-16 without BOM).

    >>> looks_binary("柳州\t公报\n".encode())
    False
    >>> looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    True
    >>> looks_binary("柳州".encode("utf-16-le"))
    False
    >>> looks_binary("柳州公报 2024 ABC".encode("utf-16-le"))
    True
    """
    if not data:
        return False
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROLS))  # C speed: a source is read every build
    return controls / len(sample) > MAX_BINARY


def strict(data: bytes, encoding: str) -> str:
    """Decode or raise DecodeError naming the byte and its line."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"not valid {encoding} at byte {exc.start} (line {line_of(data, exc.start)})", line_of(data, exc.start)) from None


def detect_legacy(data: bytes) -> str:
    """GB18030 or Big5, when charset-normalizer is confident; else DecodeError.

    >>> detect_legacy("柳州市人民政府办公室关于印发实施方案的通知".encode("gb18030"))
    'gb18030'
    >>> detect_legacy("柳州市人民政府辦公室關於印發實施方案的通知".encode("big5"))
    'big5'
    """
    from charset_normalizer import from_bytes

    results = list(from_bytes(data, cp_isolation=list(LEGACY), preemptive_behaviour=False))
    results = [r for r in results if r.encoding in LEGACY and r.chaos <= MAX_MESS]
    results.sort(key=lambda r: (r.chaos, -r.coherence, LEGACY.index(r.encoding)))
    if not results or (len(results) > 1 and (results[0].chaos, results[0].coherence) == (results[1].chaos, results[1].coherence)):
        raise DecodeError("neither UTF-8 nor confidently GB18030 or Big5: set `encoding:` for it in corpus.yml "
                          f"(e.g. gb18030, big5){utf8_hint(data)}")
    return results[0].encoding


def utf8_hint(data: bytes) -> str:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"; as UTF-8 it breaks at byte {exc.start} (line {line_of(data, exc.start)})"
    return ""


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise DecodeError when no encoding fits or detection is unsure.

    >>> decode_bytes("柳州\\r\\n".encode("utf-8-sig"))
    ('柳州\\n', 'utf-8-sig')
    >>> decode_bytes("柳州市人民政府公报".encode("gb18030"))
    ('柳州市人民政府公报', 'gb18030')
    >>> decode_bytes("柳州\\n".encode("utf-16"))
    ('柳州\\n', 'utf-16')
    >>> decode_bytes(b"\\x00\\x01\\x02\\x03PK")
    Traceback (most recent call last):
    builder.sources.decode.DecodeError: binary data, not text (too many NUL or control bytes)
    """
    if encoding:
        text = strict(data, encoding)
    else:
        bom = next((name for mark, name in BOMS if data.startswith(mark)), None)
        if bom:
            encoding, text = bom, strict(data, bom)
        elif looks_binary(data):
            raise DecodeError("binary data, not text (too many NUL or control bytes)")
        else:
            try:
                encoding, text = "utf-8", data.decode("utf-8")
            except UnicodeDecodeError:
                encoding = detect_legacy(data)
                text = strict(data, encoding)
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding
