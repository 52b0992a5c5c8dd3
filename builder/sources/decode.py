"""Decode raw bytes of a source: UTF-8 with or without BOM, else GB18030; CRLF/CR become LF."""

from __future__ import annotations

ENCODINGS = ("utf-8", "gb18030")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise UnicodeDecodeError when no encoding fits.

    >>> decode_bytes("柳州\\r\\n".encode("utf-8-sig"))
    ('柳州\\n', 'utf-8-sig')
    >>> decode_bytes("柳州".encode("gb18030"))
    ('柳州', 'gb18030')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = data[3:].decode("utf-8"), "utf-8-sig"
    else:
        last: UnicodeDecodeError | None = None
        for encoding in ENCODINGS:
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError as exc:
                last = exc
        else:
            assert last is not None
            raise last
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding
