"""What one line (or one re-joined paragraph) of a newspaper page is: small, pure predicates.

Each rule looks at shape, never at the words of a particular page: sentence-final marks,
brackets, the 电头 formulas of Chinese newspapers, byline formulas, numbering of headings.
"""

from __future__ import annotations

import re

from ...zh.han import han_chars
from ...zh.sentences import has_sentence

#: 电头 / lead formulas that open a news article.
DATELINE = re.compile(
    r"^\s*(?:"
    r"[\u4e00-\u9fff]{0,6}消息\s*（[^（）]{1,30}）"  # 日报消息（全媒体记者刘心蕊）
    r"|【[^【】]{1,12}讯】"  # 【柳州讯】
    r"|本报[^，。（）\s]{0,10}讯(?:\s*（[^（）]{1,30}）)?"  # 本报讯（记者…）
    r"|(?:新华社|中新社|人民日报)[^，。（）]{0,16}电(?:\s*（[^（）]{1,30}）)?"  # 新华社北京4月2日电
    r")"
)

#: The start of a line that opens a 电头 even when the formula wraps onto the next line.
DATELINE_START = re.compile(
    r"^\s*(?:[\u4e00-\u9fff]{0,6}消息\s*（|【[^【】]{1,12}讯】|本报[^，。\s]{0,10}讯|(?:新华社|中新社)[^，。\s]{0,16}(?:电|$))"
)

#: Common Chinese surnames (the first character of a bare name in a signature bracket).
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏"
    "韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿"
    "关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车"
    "项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝荀"
)

_NAME = r"[\u4e00-\u9fff]{2,4}"
_BYLINE_INNER = re.compile(
    rf"^(?:(?:执笔人?|(?:全媒体|本报|特约|新华社)?记者|通讯员|撰稿|整理|作者)[：:\s]*{_NAME}(?:[、\s]+{_NAME})*(?:\s*/?摄)?"
    rf"|{_NAME}(?:[、\s]+{_NAME})*(?:\s*(?:文/图|文／图|图/文|摄|/摄|文))?)$"
)
_REPORTER_LINE = re.compile(
    rf"^(?:(?:全媒体记者|本报记者|特约记者|新华社记者|记者|通讯员)[\s\u3000]+{_NAME}(?:[\s\u3000]+{_NAME})*(?:[\s\u3000]*/?摄)?"
    rf"|{_NAME}(?:[\s\u3000]+{_NAME})*[\s\u3000]*/?摄)$"
)
#: The first line of a signature that may go on over the next lines (one name per line, or a
#: name cut by the column).
BYLINE_LEAD = re.compile(r"^[（(]?(?:全媒体记者|本报记者|特约记者|新华社记者|记者|通讯员)")
_AUTHOR_MARK = re.compile(r"^[□■◎]\s*\S")
_JUMP = re.compile(r"^（(?:下转|上接|转第|接第|转|接)[^（）]{1,8}）$")
_FURNITURE = re.compile(r"(?:投稿邮箱|电子邮箱|邮箱[：:]|E-?mail|责任编辑|美术编辑|版式设计|校对[：:]|[\w.]+@[\w.]+)", re.I)
_EMPTY_PAIR = re.compile(r"“\s*”|《\s*》|（\s*）|【\s*】")
_NUMBERED_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十百]+[章节部分])")
_TRAILING_BYLINE = re.compile(r"^(.*?[。！？…”])\s*（([^（）]{2,20})）$")
_TRAILING_JUMP = re.compile(r"^(.*?)\s*(（(?:下转|上接|转第|接第)[^（）]{1,8}）)$")
_HEADLINE_FORBIDDEN = set("，。；！？,;!?")


def dateline_of(text: str) -> str | None:
    """The 电头 that opens a paragraph, as printed.

    >>> dateline_of("【柳州讯】近日，柳江畔")
    '【柳州讯】'
    >>> dateline_of("日报消息 （全媒体记者荀诗媛） 7月 15日")
    '日报消息 （全媒体记者荀诗媛）'
    >>> dateline_of("新华社北京4月2日电 记者从…")
    '新华社北京4月2日电'
    >>> dateline_of("近日，柳江畔") is None
    True
    """
    m = DATELINE.match(text)
    return m.group(0).strip() if m else None


def starts_dateline(line: str) -> bool:
    """A line that begins a 电头, even one wrapped onto the next line.

    >>> starts_dateline(" 日报消息（全媒体记者刘"), starts_dateline("日报消息都说")
    (True, False)
    >>> starts_dateline("新华社北京7月"), starts_dateline("本报7月1日讯 记者"), starts_dateline("新华社记者从会上获悉，")
    (True, True, False)
    """
    return bool(DATELINE_START.match(line))


def is_byline_parenthesis(text: str) -> bool:
    """A whole line that is a signature in brackets: ``（韦柳钰）``, ``（荣瑶 文/图）``, ``（执笔人：段东）``.

    >>> [is_byline_parenthesis(t) for t in ("（韦柳钰）", "（荣瑶 文/图）", "（执笔人：段东）", "（试行）", "（以下简称《通知》）")]
    [True, True, True, False, False]
    """
    m = re.fullmatch(r"（([^（）]{2,20})）", text.strip())
    return m is not None and is_byline_inner(m.group(1))


def is_byline_inner(inner: str) -> bool:
    """The inside of a signature bracket: names, maybe with 文/图 or 摄, or 执笔人：….

    >>> [is_byline_inner(t) for t in ("荣瑶 文/图", "执笔人：段东", "韦柳钰", "试行", "第四版")]
    [True, True, True, False, False]
    """
    inner = inner.strip()
    if not _BYLINE_INNER.match(inner):
        return False
    if re.search(r"文/图|文／图|图/文|摄|执笔|记者|通讯员|撰稿|整理|作者", inner):
        return True
    # bare words in brackets (试行, 第四版) are not names: every word must start with a surname
    return all(word[0] in SURNAMES for word in re.split(r"[、\s]+", inner) if word)


def is_reporter_line(text: str) -> bool:
    """A reporters' signature line such as ``全媒体记者 朱柳融 李汶璟`` or ``全媒体记者 覃科 摄``.

    >>> is_reporter_line("全媒体记者 朱柳融 李汶璟"), is_reporter_line("记者从柳州海关获悉")
    (True, False)
    >>> is_reporter_line("全媒体记者 覃科 摄"), is_reporter_line("韦星 摄"), is_reporter_line("记者韦星摄影作品展")
    (True, True, False)
    """
    text = text.strip()
    if _REPORTER_LINE.match(text):
        # a bare "name 摄" needs a surname; "记者 …" is a formula already
        return not text.endswith("摄") or bool(BYLINE_LEAD.match(text)) or text[0] in SURNAMES
    return False


def is_photo_credit(text: str) -> bool:
    """A photographer's credit (``全媒体记者 覃科 摄``): it signs a picture, not the article's end.

    >>> is_photo_credit("（全媒体记者 覃科 摄）"), is_photo_credit("（荣瑶 文/图）"), is_photo_credit("（韦柳钰）")
    (True, False, False)
    """
    text = text.strip().strip("（）()").strip()
    return text.endswith("摄") and "文" not in text


def is_author_line(text: str) -> bool:
    """An essay's author line under (or beside) its title: ``□…课题组``.

    >>> is_author_line("□中共柳州市人社局党组理论学习中心组"), is_author_line("口岸")
    (True, False)
    """
    return bool(_AUTHOR_MARK.match(text.strip()))


def is_jump_line(text: str) -> bool:
    """A jump line: ``（下转二版）`` or ``（上接一版）``.

    >>> is_jump_line("（下转二版）"), is_jump_line("（上接第一版）"), is_jump_line("（试行）")
    (True, True, False)
    """
    return bool(_JUMP.match(text.strip()))


def is_furniture(text: str) -> bool:
    """Page furniture: mail boxes, editors' credits, or a label garbled by extraction.

    A label whose quotation marks are left empty (``柳州制造“ ”中看镜``) was scrambled when
    extracted; it is kept as page metadata rather than glued into an article.

    >>> is_furniture("理论版投稿邮箱：640287880@qq.com"), is_furniture("柳州制造“ ”中看镜")
    (True, True)
    >>> is_furniture("“柳州制造”通过")
    False
    """
    text = text.strip()
    if _FURNITURE.search(text) and len(han_chars(text)) <= 20:
        return True
    return bool(_EMPTY_PAIR.search(text)) and len(han_chars(text)) <= 16 and not has_sentence(text)


def starts_numbered_heading(text: str) -> bool:
    """A line that opens a numbered section heading (一、 / （一） / 第一章).

    >>> starts_numbered_heading("一、学以求实，“两个结"), starts_numbered_heading("一是打造")
    (True, False)
    """
    return bool(_NUMBERED_HEADING.match(text))


def is_subtitle(text: str) -> bool:
    """A 副题: a headline line starting with a dash.

    >>> is_subtitle("——我市技术工人成长之路越走越宽广综述"), is_subtitle("浪——2024")
    (True, False)
    """
    return text.strip().startswith("——")


def is_indented(text: str) -> bool:
    """Leading space or ideographic space: a paragraph's first line, when the line above ends a
    sentence (on its own it proves nothing: re-wrapped text starts lines with spaces too).

    >>> is_indented(" 日报消息"), is_indented("　　正文"), is_indented("正文")
    (True, True, False)
    """
    return text[:1] in (" ", "\u3000", "\t")


def looks_like_headline(text: str) -> bool:
    """Headline-shaped: no sentence or clause punctuation at all, and not too long.

    >>> looks_like_headline("香港中转 行销全球"), looks_like_headline("据悉，“柳州社保码上通”涵盖了")
    (True, False)
    """
    text = text.strip()
    return 2 <= len(han_chars(text)) <= 60 and not (set(text) & _HEADLINE_FORBIDDEN)


def split_trailing_byline(text: str) -> tuple[str, str | None]:
    """Split a signature printed at the end of a paragraph's last line.

    >>> split_trailing_byline("能源产品群。 （荣瑶 文/图）")
    ('能源产品群。', '（荣瑶 文/图）')
    >>> split_trailing_byline("办法（试行）")
    ('办法（试行）', None)
    """
    m = _TRAILING_BYLINE.match(text.rstrip())
    if m and is_byline_inner(m.group(2)):
        return m.group(1), f"（{m.group(2)}）"
    return text, None


def split_trailing_jump(text: str) -> tuple[str, str | None]:
    """Split a jump line printed at the end of a paragraph.

    >>> split_trailing_jump("推动发展。（下转二版）")
    ('推动发展。', '（下转二版）')
    """
    m = _TRAILING_JUMP.match(text.rstrip())
    return (m.group(1), m.group(2)) if m and m.group(1) else (text, None)


def display_width(text: str) -> float:
    """Printed width in ideographic cells: ASCII counts half.

    >>> display_width("柳州2024")
    4.0
    """
    return sum(0.5 if ch.isascii() else 1.0 for ch in text.strip())
