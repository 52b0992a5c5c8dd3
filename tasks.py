#!/usr/bin/env python3
"""The two commands of the README, needing nothing but Python 3.11 and pip:

    python3 tasks.py site    # build the demo archive into site/ (installs what it needs)
    python3 tasks.py test    # run the whole test suite (installs what it needs, chromium too)

Everything goes into a virtual environment in .venv/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
APT_PACKAGES = {"chromium": "chromium", "fc-list": "fonts-wqy-microhei"}  # command → Debian package


def run(*cmd: str, **kw) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


def ensure_venv(extras: str = "") -> None:
    if not PY.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    run(str(PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", f"{ROOT}{extras}")


def cjk_font_installed() -> bool:
    try:
        out = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    except FileNotFoundError:
        return False
    return bool(out.strip())


def ensure_browser() -> None:
    """Debian's chromium (Playwright's own download does not work here) and a CJK font for screenshots."""
    missing = []
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        missing.append("chromium")
    if not cjk_font_installed():
        missing.append("fonts-wqy-microhei")
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print(f"warning: cannot install {missing} (need root and apt-get); browser tests will be skipped", flush=True)
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run("apt-get", "update", "-qq", env=env)
    run("apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing, env=env, stdout=subprocess.DEVNULL)


NODE = ROOT / "tests" / ".node"  # npm packages the tests inject into pages (never shipped)
NPM_PACKAGES = {"axe-core": "axe-core@4"}


def ensure_node_packages() -> None:
    """axe-core for the accessibility test, installed with npm into tests/.node/ when missing."""
    missing = [spec for name, spec in NPM_PACKAGES.items() if not (NODE / "node_modules" / name).is_dir()]
    if not missing:
        return
    if not shutil.which("npm"):
        print(f"warning: npm not found, cannot install {missing}; the accessibility test will be skipped", flush=True)
        return
    NODE.mkdir(parents=True, exist_ok=True)
    if not (NODE / "package.json").exists():
        (NODE / "package.json").write_text('{"private": true}\n')
    run("npm", "install", "--no-audit", "--no-fund", "--silent", *missing, cwd=NODE)


def site() -> int:
    ensure_venv()
    run(str(VENV / "bin" / "dangan"), "build", "--out", str(ROOT / "site"), "--content", str(ROOT / "content"))
    print(f"\nThe demo archive is in {ROOT / 'site'}: open {ROOT / 'site' / 'index.html'}")
    return 0


def test(args: list[str]) -> int:
    ensure_venv("[test]")
    ensure_browser()
    ensure_node_packages()
    # Two processes: the machine's two cores (CI's too); a module's tests stay in one process,
    # so that a module's built site is built once.
    workers = [] if any(a.startswith("-n") for a in args) else ["-n", "2", "--dist", "loadscope", "--no-loadscope-reorder"]
    return subprocess.run([str(PY), "-m", "pytest", *workers, *args], cwd=ROOT).returncode


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in {"site", "test"}:
        print(__doc__)
        return 2
    return site() if sys.argv[1] == "site" else test(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
