"""The battery of bad inputs and faults (issue #12): one folder per case under tests/cases/battery/.

A case folder holds ``expect.yml`` and the files of its corpus (laid over the demo corpus unless
``base: none``). The real command line runs on it in a scratch folder (``work/``, the corpus in
``work/corpus``), and the case says what must come out:

    command: build            # or check; args default to {corpus} --out site --content content
    args: ["{corpus}", "--out", "."]
    setup:                    # done in work/ before the run, in order
      - write: {path: site/mine.txt, text: "mine", encoding: utf-8}   # or hex: "fffe00"
      - replace: {path: corpus/a.txt, old: "2025", new: "1950"}
      - symlink: {path: corpus/link.txt, to: /etc/hostname}
      - build: true           # a normal build first (the previous site)
    signal: {name: SIGINT, after: 2.0}   # sent to the run
    file_size_limit: 20000    # RLIMIT_FSIZE for the run (a full disk)
    then_build: true          # one more normal build afterwards (leftovers cleaned)
    exit: [1]                 # allowed exit codes
    output: ["substring", ...]            # in stdout+stderr
    output_lacks: ["..."]                 # "Traceback" is always checked
    exists: [site/index.html]             # relative to work/
    absent: [site]
    contains: {site-content/x.md: ["..."]}
    lacks: {"content/**/*.md": ["<U+0000>"]}  # glob: every file matching; <U+XXXX> is that character

Every case also checks that no scratch folder (``.dangan-tmp-*``) is left in work/ and, when the
run failed, that it created neither ``site`` nor ``content``.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import yaml
from conftest import CASES, DEMO, ROOT

BATTERY = CASES / "battery"
DANGAN = Path(sys.executable).with_name("dangan")
TIMEOUT = 120


@dataclass(frozen=True)
class Outcome:
    code: int
    output: str
    seconds: float
    before: frozenset[str]


def case_names() -> list[str]:
    return sorted(p.name for p in BATTERY.iterdir() if (p / "expect.yml").is_file())


def load(name: str) -> dict:
    return yaml.safe_load((BATTERY / name / "expect.yml").read_text(encoding="utf-8")) or {}


def is_slow(name: str) -> bool:
    return bool(load(name).get("slow"))


def chars(text: str) -> str:
    """``<U+XXXX>`` stands for that character (YAML would fold a NEL or drop a NUL).

    >>> chars("e<U+0301>") == "e\u0301"
    True
    """
    return re.sub(r"<U\+([0-9A-Fa-f]{4,6})>", lambda m: chr(int(m.group(1), 16)), text)


def fill(value: str, work: Path) -> str:
    return value.replace("{corpus}", str(work / "corpus")).replace("{work}", str(work)).replace("{root}", str(ROOT))


def run_dangan(args: list[str], work: Path, spec: dict | None = None) -> tuple[int, str]:
    spec = spec or {}
    limit = spec.get("file_size_limit")

    def limits():
        if limit:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "COLUMNS": "200", **{k: fill(str(v), work) for k, v in (spec.get("env") or {}).items()}}
    proc = subprocess.Popen([str(DANGAN), *args], cwd=work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, env=env, preexec_fn=limits)
    if (sig := spec.get("signal")):
        time.sleep(sig["after"])
        if proc.poll() is None:
            proc.send_signal(getattr(signal, sig["name"]))
    out, _ = proc.communicate(timeout=TIMEOUT)
    return proc.returncode, out


def default_args(command: str) -> list[str]:
    return ["build", "{corpus}", "--out", "site", "--content", "content"] if command == "build" else ["check", "{corpus}"]


def prepare(name: str, work: Path) -> dict:
    spec = load(name)
    corpus = work / "corpus"
    if spec.get("base", "demo") == "demo":
        # without its urls.lock: a case is a new archive, whose changed text may give other URLs
        shutil.copytree(DEMO, corpus, ignore=shutil.ignore_patterns("urls.lock"))
    else:
        corpus.mkdir(parents=True)
    for item in sorted((BATTERY / name).iterdir()):
        if item.name != "expect.yml":
            (shutil.copytree if item.is_dir() else shutil.copy2)(item, corpus / item.name)
    for step in spec.get("setup") or []:
        (action, arg), = step.items()
        if action == "build":
            code, out = run_dangan([fill(a, work) for a in default_args("build")], work)
            assert code == 0, f"setup build failed: {out}"
            continue
        path = work / (arg if isinstance(arg, str) else arg["path"])
        if action != "mkdir":
            path.parent.mkdir(parents=True, exist_ok=True)
        if action == "write":
            path.write_bytes(bytes.fromhex(arg["hex"]) if "hex" in arg else
                             (arg["text"] * arg.get("repeat", 1)).encode(arg.get("encoding", "utf-8")))
        elif action == "replace":
            encoding = arg.get("encoding", "utf-8")
            path.write_bytes(path.read_text(encoding="utf-8").replace(arg["old"], arg["new"]).encode(encoding))
        elif action == "symlink":
            path.symlink_to(fill(arg["to"], work))
        elif action == "mkdir":
            path.mkdir(parents=True, exist_ok=True)
        else:
            raise AssertionError(f"{name}: unknown setup action {action!r}")
    return spec


def run_case(name: str, work: Path) -> Outcome:
    spec = prepare(name, work)
    before = frozenset(p.name for p in work.iterdir())
    args = [fill(a, work) for a in ((spec.get("args") and [spec.get("command", "build"), *spec["args"]]) or default_args(spec.get("command", "build")))]
    start = time.perf_counter()
    code, out = run_dangan(args, work, spec)
    seconds = time.perf_counter() - start
    if spec.get("then_build"):
        again, more = run_dangan([fill(a, work) for a in default_args("build")], work)
        out += f"\n--- then_build exit {again}\n{more}"
    return Outcome(code, out, seconds, before)


@cache
def fast_outcomes(base: str) -> dict[str, Outcome]:
    """The fast cases, run side by side (each is a separate process waiting mostly on imports)."""
    names = [n for n in case_names() if not is_slow(n)]
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {n: pool.submit(run_case, n, Path(base) / n / "work") for n in names}
        return {n: f.result() for n, f in futures.items()}


def check(name: str, work: Path, outcome: Outcome) -> None:
    spec = load(name)
    out = outcome.output
    allowed = spec.get("exit", [0])
    allowed = allowed if isinstance(allowed, list) else [allowed]
    assert outcome.code in allowed, f"{name}: exit {outcome.code}, expected {allowed}\n{out}"
    for text in spec.get("output") or []:
        assert text in out, f"{name}: {text!r} not in the output:\n{out}"
    for text in ["Traceback", *(spec.get("output_lacks") or [])]:
        assert text not in out, f"{name}: {text!r} in the output:\n{out}"
    for rel in spec.get("exists") or []:
        assert (work / rel).exists(), f"{name}: {rel} is missing\n{out}"
    for rel in spec.get("absent") or []:
        assert not (work / rel).exists(), f"{name}: {rel} exists\n{out}"
    for key, must in (("contains", True), ("lacks", False)):
        for pattern, texts in (spec.get(key) or {}).items():
            files = sorted(p for p in work.glob(pattern) if p.is_file())
            assert files, f"{name}: no file matches {pattern}"
            for path in files:
                data = path.read_bytes().decode("utf-8", errors="replace")
                for text in map(chars, texts):
                    assert (text in data) == must, f"{name}: {path.relative_to(work)} {'lacks' if must else 'has'} {text!r}"
    leftovers = [p.name for p in work.rglob(".dangan-tmp-*")]
    if spec.get("signal", {}).get("name") != "SIGKILL" or spec.get("then_build"):
        assert not leftovers, f"{name}: scratch folders left behind: {leftovers}"
    if outcome.code != 0:
        for made in ("site", "content"):
            assert made in outcome.before or not (work / made).exists(), f"{name}: a failed run left {made}/ behind"
    if (limit := spec.get("seconds")):
        assert outcome.seconds < limit, f"{name}: took {outcome.seconds:.1f} s (limit {limit} s)"


def test_battery_has_the_cases_of_the_issue():
    assert len(case_names()) >= 40


@pytest.mark.parametrize("name", [n for n in case_names() if not is_slow(n)])
def test_fast_case(name, tmp_path_factory):
    base = tmp_path_factory.getbasetemp() / "battery"
    outcomes = fast_outcomes(str(base))
    check(name, base / name / "work", outcomes[name])


@pytest.mark.slow
class TestSlowCases:  # a unit of its own for ``--dist loadscope``: the other core runs these while the fast ones run
    @pytest.mark.parametrize("name", [n for n in case_names() if is_slow(n)])
    def test_slow_case(self, name, tmp_path):
        work = tmp_path / "work"
        check(name, work, run_case(name, work))
