"""A deterministic benchmark corpus in the real input formats (``dangan bench-corpus``).

Gazette issues (cover, two-part 目录 with wrapped entries, 发文字号 series, running page
headers that interrupt sentences, tab-separated tables) and newspaper pages (column
wrapped at 12 characters, headlines collected at the end, captions printed twice; or one
paragraph per line). The Chinese text is drawn from the demo corpus's sentences, a list of
government phrases and the words of jieba's installed dictionary (weighted by frequency),
so bigram statistics resemble real text; nothing is downloaded.
"""

from __future__ import annotations

import bisect
import itertools
import random
import re
from pathlib import Path

CITIES = ["清江", "南岭", "云溪", "石门", "临川", "枫桥", "青山", "白河"]
AGENCIES = ["人民政府", "人民政府办公室", "发展和改革委员会", "教育局", "工业和信息化局", "商务局", "交通运输局",
            "生态环境局", "住房和城乡建设局", "农业农村局", "财政局", "人力资源和社会保障局", "市场监督管理局"]
CODES = {"人民政府": "政发", "人民政府办公室": "政办", "发展和改革委员会": "发改", "教育局": "教", "工业和信息化局": "工信",
         "商务局": "商务", "交通运输局": "交", "生态环境局": "环", "住房和城乡建设局": "建", "农业农村局": "农",
         "财政局": "财", "人力资源和社会保障局": "人社", "市场监督管理局": "市监"}
VERBS = ["印发", "转发", "进一步加强", "做好", "推进", "调整", "开展", "加快发展", "规范", "优化"]
SUBJECTS = ["营商环境", "冷链物流发展三年行动方案", "城市公交票价", "高技能人才队伍建设", "县域经济发展规划", "数字政府建设",
            "农村人居环境整治", "安全生产专项整治", "产教融合试点城市建设", "新能源汽车产业发展", "林业行政执法工作",
            "政务公开工作要点", "低空经济发展", "eVTOL应用场景示范", "5G基站建设", "螺蛳粉产业发展", "全民健身实施计划",
            "河长制工作", "城市更新行动", "养老服务体系建设", "知识产权强市战略", "夜间经济发展", "工业互联网创新发展"]
DOCTYPES = ["通知", "通知", "通知", "意见", "决定", "通告", "批复", "函", "报告"]
PHRASES = ["坚持以人民为中心的发展思想", "加快建设现代化经济体系", "全面贯彻落实党的二十大精神", "推动经济高质量发展",
           "优化营商环境", "深化放管服改革", "强化组织领导", "加强统筹协调", "完善工作机制", "压实工作责任",
           "各县（区）人民政府", "市直各有关单位", "按照职责分工", "抓好贯彻落实", "加大资金投入力度",
           "推进新型工业化", "建设现代制造城", "培育壮大新兴产业", "发展新质生产力", "加快补齐短板",
           "提升公共服务水平", "保障和改善民生", "建立健全长效机制", "加强监督检查", "确保各项任务落到实处"]
HEADINGS = ["总体要求", "重点任务", "保障措施", "工作目标", "基本原则", "实施步骤", "职责分工", "组织实施", "主要内容"]
NEWSPAPERS = ["日报", "晚报"]
PAGE_NAMES = ["要闻", "经济", "综合", "理论", "民生", "城事"]


class TextMaker:
    """Sentences of plausible government Chinese, deterministic for a random generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.words, self.cum = self._dictionary()
        self.sentences = self._demo_sentences()

    @staticmethod
    def _dictionary() -> tuple[list[str], list[int]]:
        import jieba

        words, cum, total = [], [], 0
        path = Path(jieba.__file__).parent / "dict.txt"
        with open(path, encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if len(parts) < 2 or not 2 <= len(parts[0]) <= 4 or not re.fullmatch(r"[\u4e00-\u9fff]+", parts[0]):
                    continue
                freq = int(parts[1])
                if freq < 200:
                    continue
                total += min(freq, 200_000)
                words.append(parts[0])
                cum.append(total)
        return words, cum

    @staticmethod
    def _demo_sentences() -> list[str]:
        demo = Path(__file__).resolve().parent.parent / "examples" / "demo"
        if not demo.is_dir():
            demo = Path(__file__).resolve().parent / "_site" / "demo"
        text = "".join(p.read_text(encoding="utf-8") for p in sorted(demo.glob("*.txt"))) if demo.is_dir() else ""
        text = re.sub(r"\s+", "", text)
        return [s + "。" for s in re.split(r"。", text) if 12 <= len(s) <= 120 and not re.search(r"[#\t.…|-]", s)]

    def word(self) -> str:
        return self.words[bisect.bisect_left(self.cum, self.rng.random() * self.cum[-1])]

    def sentence(self) -> str:
        rng = self.rng
        if self.sentences and rng.random() < 0.15:
            return rng.choice(self.sentences)
        parts = []
        for _ in range(rng.randint(2, 4)):
            clause = "".join(self.word() for _ in range(rng.randint(3, 7)))
            if rng.random() < 0.4:
                clause = rng.choice(PHRASES) + clause
            if rng.random() < 0.12:
                clause += f"{rng.randint(2, 900)}{rng.choice(['万元', '亿元', '个', '%', '家', '吨', '公里'])}"
            parts.append(clause)
        return "，".join(parts) + "。"

    def paragraph(self, chars: int) -> str:
        out = ""
        while len(out) < chars:
            out += self.sentence()
        return out


def _wrap(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)]


def gazette_issue(tm: TextMaker, city: str, year: int, number: int, total: int, ndocs: int, serials: dict[str, int]) -> tuple[str, int]:
    """One gazette issue in the PDF-to-Markdown shape of the real one; returns (text, docs)."""
    rng = tm.rng
    publisher = f"{city}市人民政府办公室"
    docs = []
    for _ in range(ndocs):
        agency = rng.choice(AGENCIES)
        code = city[0] + CODES[agency]
        serials[code + str(year)] = serials.get(code + str(year), 0) + rng.randint(1, 3)
        doctype = rng.choice(DOCTYPES)
        subject = rng.choice(SUBJECTS)
        verb = rng.choice(VERBS)
        title = f"{city}市{agency}关于{verb}{'《' + city + '市' + subject + '》' if verb in ('印发', '转发') else subject}的{doctype}"
        docs.append((title, f"{code}〔{year}〕{serials[code + str(year)]}号", agency))
    lines = ["", "", f"# {city}市人民政府公报", "", f"{city.upper()} SHI GONGBAO", "", str(year), "",
             f"( {year}年第 {number} 期, 总第{total}期 )", "", "", "", f"# {city}市人民政府公报", "", publisher, "",
             f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日", "", f"总第{total}期", "", "## 目 录", ""]
    page = 1
    pages = []
    for _ in docs:
        pages.append(page)
        page += rng.randint(2, 8)
    half = (len(docs) + 1) // 2
    for (title, num, _), p in zip(docs[:half], pages, strict=False):
        cut = rng.randint(12, max(13, len(title) - 4))
        lines += [title[:cut], "", f"{title[cut:]} ..... {num}({p})", ""]
    lines += ["", "", "## 目 录", "", "---", ""]
    for (title, num, _), p in zip(docs[half:], pages[half:], strict=True):
        cut = rng.randint(10, max(11, len(title) - 3))
        lines.append(f"{title[:cut]} {title[cut:]}.....\t{num}（{p}）")
    lines.append("")
    for title, num, agency in docs:
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        lines += [f"# {title}", "", f"{year}年{month}月{day}日 {num}", "",
                  "各县（区）人民政府，市直各委、办、局，各有关单位：", ""]
        body_chars = int(rng.lognormvariate(7.0, 0.5))  # median ~1,100 characters, a long tail
        written = 0
        for h in range(rng.randint(2, 5)):
            lines += [f"### {'一二三四五六七八'[h]}、{rng.choice(HEADINGS)}", ""]
            for _ in range(rng.randint(1, 3)):
                para = tm.paragraph(rng.randint(80, 260))
                if rng.random() < 0.08:  # a running header interrupts the sentence
                    cut = rng.randint(5, len(para) - 5)
                    lines += [para[:cut], "", f"## {publisher}", "", para[cut:], ""]
                elif rng.random() < 0.05:
                    cut = rng.randint(5, len(para) - 5)
                    lines += [para[:cut], "", "---", "", f"{publisher}——", "", para[cut:], ""]
                else:
                    lines += [para, ""]
                written += len(para)
            if rng.random() < 0.1:
                lines += [f"表 {h + 1}-1 {city}市重点项目表", "", "序号\t项目名称\t建设地点\t总投资（亿元）"]
                for r in range(rng.randint(2, 5)):
                    lines.append(f"{r + 1}\t{tm.word()}{tm.word()}项目\t{city}{tm.word()}区\t{rng.randint(1, 99)}.{rng.randint(0, 9)}")
                lines.append("")
            if written > body_chars:
                break
        lines += [f"{city}市{agency}", "", f"{year}年{month}月{day}日", "", "（此件公开发布）", ""]
    return "\n".join(lines) + "\n", len(docs)


def newspaper_page(tm: TextMaker, city: str, narticles: int, columns: bool) -> str:
    """One newspaper page: articles, then (column layout) headlines at the end and a doubled caption."""
    rng = tm.rng
    lines: list[str] = []
    heads: list[str] = []
    for _ in range(narticles):
        head = (rng.choice(SUBJECTS) + rng.choice(["取得新进展", "开工建设", "成效明显", "再上新台阶", "提质增效"]))
        heads.append(head)
        lead = rng.choice(["【" + city + "讯】", "日报消息（全媒体记者" + tm.word()[:1] + tm.word()[:2] + "）", ""])
        paras = [lead + tm.paragraph(rng.randint(150, 400))] + [tm.paragraph(rng.randint(100, 300)) for _ in range(rng.randint(1, 4))]
        if not columns:
            lines += ["", head, ""]
        for p in paras:
            lines += (_wrap(p, 12) if columns else [p]) + [""]
        if rng.random() < 0.3:
            caption = head + "。"
            lines += [caption + caption + "。", ""] if columns else [caption, ""]
    if columns:
        for h in heads:
            lines += [h, ""]
    return "\n".join(lines) + "\n"


def generate(docs: int, out: Path, seed: int = 0) -> None:
    """Write a corpus of about ``docs`` documents (60 % gazette, 40 % newspaper) to ``out``."""
    rng = random.Random(seed)
    tm = TextMaker(rng)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    pubs: list[str] = []
    sources: list[str] = []
    gazette_docs = docs * 6 // 10
    made = 0
    serials: dict[str, int] = {}
    issue_no = itertools.count(1)
    cities = CITIES[: max(2, min(len(CITIES), docs // 2000 + 2))]
    for c, city in enumerate(cities):
        slug = f"g{c}"
        pubs += [f"  {slug}:", f"    name: {city}市人民政府公报", "    kind: gazette", f"    publisher: {city}市人民政府办公室"]
        nslug = f"n{c}"
        pubs += [f"  {nslug}:", f"    name: {city}{NEWSPAPERS[c % 2]}", "    kind: newspaper", f"    publisher: {city}{NEWSPAPERS[c % 2]}社"]
    per_city_year: dict[tuple[str, int], int] = {}
    while made < gazette_docs:
        c = rng.randrange(len(cities))
        year = rng.randint(2008, 2025)
        number = per_city_year[(cities[c], year)] = per_city_year.get((cities[c], year), 0) + 1
        n = min(rng.randint(6, 14), gazette_docs - made)
        text, n = gazette_issue(tm, cities[c], year, number, next(issue_no), n, serials)
        name = f"g{c}-{year}-{number:02d}.txt"
        (out / name).write_text(text, encoding="utf-8")
        sources += [f"  - file: {name}", f"    publication: g{c}"]
        made += n
    seen_pages: set[tuple[int, str, int]] = set()
    while made < docs:
        c = rng.randrange(len(cities))
        date = f"{rng.randint(2008, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        page = rng.randint(1, 8)
        if (c, date, page) in seen_pages:
            continue
        seen_pages.add((c, date, page))
        n = min(rng.randint(3, 5), docs - made)
        name = f"n{c}-{date}-{page:02d}.txt"
        (out / name).write_text(newspaper_page(tm, cities[c], n, columns=rng.random() < 0.5), encoding="utf-8")
        sources += [f"  - file: {name}", f"    publication: n{c}", f"    date: {date}", f"    page: {page}",
                    f"    page_name: {rng.choice(PAGE_NAMES)}"]
        made += n
    manifest = ["# A generated benchmark corpus (builder/benchcorpus.py); deterministic for its seed.",
                f"# documents: {docs}, seed: {seed}", "publications:", *pubs, "sources:", *sources]
    (out / "corpus.yml").write_text("\n".join(manifest) + "\n", encoding="utf-8")
