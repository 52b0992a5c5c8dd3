"""Command line: a thin layer over :mod:`builder.api`."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from . import __version__
from .corrections import correction_stubs
from .model import Archive, DanganError
from .renderers import RendererError
from .resources import demo_corpus

console = Console(stderr=True, highlight=False)


def say(text: str, style: str | None = None) -> None:
    """Print text from the input or the system as it is: never read as terminal markup."""
    console.print(text, style=style, soft_wrap=True, markup=False, highlight=False)


def progress_bar(items: Iterable, label: str, total: int) -> Iterable:
    """A progress bar for stages long enough to want one; silent for small corpora."""
    if total < 200 or not console.is_terminal:
        yield from items
        return
    with Progress(TextColumn(f"{label:>8}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        for item in items:
            yield item
            bar.advance(task)


def print_diagnostics(archive: Archive, verbose: bool = True) -> None:
    for d in sorted(archive.diagnostics, key=lambda d: (d.path, d.line or 0, d.code)):
        if verbose or d.level == "error":
            say(str(d), {"error": "red", "warning": "yellow"}.get(d.level, "dim"))


def print_summary(archive: Archive, site: Path | None, content: Path | None, config: tuple[Path, ...] = ()) -> None:
    table = Table(title="dangan", show_edge=False)
    for col in ("publication", "kind", "issues/pages", "documents"):
        table.add_column(col)
    docs = Counter(d.publication for d in archive.documents)
    for pub in archive.publications:
        containers = sum(1 for i in archive.issues if i.publication == pub.slug) + sum(1 for p in archive.pages if p.publication == pub.slug)
        table.add_row(Text(f"{pub.name} ({pub.slug})"), pub.kind, str(containers), str(docs[pub.slug]))
    console.print(table)
    levels = Counter(d.level for d in archive.diagnostics)
    console.print(f"{len(archive.documents)} documents from {len(archive.sources)} sources · "
                  f"{levels['warning']} warnings · {len(archive.removals)} removals logged")
    for used in config:  # an archive's templates, mkdocs.yml hooks and overrides are code that runs
        say(f"using {used.name}{'/' if used.is_dir() else ''} from {used.parent}")
    if content:
        say(f"content: {content}")
    if site:
        say(f"site:    {site}  (open {site / 'index.html'})", "bold")


def cmd_build(args) -> int:
    from . import api

    corpus = Path(args.corpus) if args.corpus else demo_corpus()
    report = api.build(corpus, Path(args.out), Path(args.content) if args.content else None, progress_bar, lock=args.lock,
                       site_url=args.site_url, **scale_options(args))
    print_diagnostics(report.archive, verbose=args.verbose)
    if report.lock:
        console.print(str(report.lock), soft_wrap=True, markup=False, style="yellow")
    print_summary(report.archive, report.site, report.content, report.config)
    return 0


def scale_options(args) -> dict:
    """--jobs, --workers, --scheduler and the cache folder (default: .dangan-cache beside --out)."""
    cache = None if args.no_cache else Path(args.cache) if args.cache else Path(args.out).resolve().parent / ".dangan-cache"
    return {"jobs": args.jobs, "workers": args.workers, "scheduler": args.scheduler, "cache": cache}


def print_removals(archive: Archive) -> None:
    """Every span cleaning removed or moved, grouped by the document it was in, with its line."""
    groups: dict[str, list] = {}
    for r in archive.removals:
        groups.setdefault(r.document or f"{r.source} (outside any document)", []).append(r)
    for where, removals in groups.items():
        say(f"{where}: {len(removals)} removed or moved", "bold")
        for r in removals:
            line = f"  {r.source}:{r.line}: [{r.reason}] {r.text!r}" + (f" → {r.replacement!r}" if r.replacement else "")
            say(line)


def cmd_check(args) -> int:
    from . import api

    corpus = Path(args.corpus) if args.corpus else demo_corpus()
    archive = api.check(corpus, progress_bar)
    print_diagnostics(archive)
    if args.removals:
        print_removals(archive)
    stubs = correction_stubs(archive.documents)
    if stubs:
        console.print("uncertain fields: copy into corrections.yml beside corpus.yml, fix, rebuild", style="yellow")
        console.print(stubs, markup=False, highlight=False, soft_wrap=True)
    print_summary(archive, None, None)
    return 1 if any(d.level == "error" for d in archive.diagnostics) else 0


def cmd_serve(args) -> int:
    from mkdocs.commands.serve import serve  # noqa: F401 - fail early when MkDocs is missing

    from . import api

    corpus = Path(args.corpus) if args.corpus else demo_corpus()
    report = api.build(corpus, Path(args.out), Path(args.content) if args.content else None, progress_bar, render_site=False, lock="read")
    print_summary(report.archive, None, report.content, report.config)
    say(f"serving on http://{args.dev_addr}/ — edits to the corpus, templates and overrides reload the page (Ctrl-C stops)")
    return api.serve(report, args.dev_addr)


def cmd_bundle(args) -> int:
    from . import api

    corpus = Path(args.corpus) if args.corpus else demo_corpus()
    report = api.bundle(corpus, Path(args.out), progress_bar)
    print_diagnostics(report.archive, verbose=False)
    say(f"{report.entries} files in {report.path} (unpack it and open index.html)", "bold")
    return 0


def cmd_verify(args) -> int:
    from . import api

    result = api.verify(Path(args.bundle))
    for line in result.lines():
        say(line)
    say(f"{result.checked} files checked: " + ("all good" if result.ok else "problems found"), "green" if result.ok else "red")
    return 0 if result.ok else 1


def cmd_bench_corpus(args) -> int:
    from .benchcorpus import generate

    generate(args.docs, Path(args.out), seed=args.seed)
    say(f"wrote a benchmark corpus of {args.docs} documents to {args.out}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dangan", description="Build a static archive site from raw gazettes and newspapers.")
    p.add_argument("--version", action="version", version=f"dangan {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="parse, index and render the whole site")
    b.add_argument("corpus", nargs="?", help="corpus folder with corpus.yml (default: the demo corpus)")
    b.add_argument("--out", default="site", help="where the site goes (default: site/)")
    b.add_argument("--content", help="where the generated Markdown goes (default: content/ beside the site folder)")
    b.add_argument("-v", "--verbose", action="store_true", help="print every warning, not only errors")
    b.add_argument("--site-url", help="where the site will be published, e.g. https://archive.example/ (canonical links, "
                                      "sitemap.xml, absolute URLs in citations; default: site_url of mkdocs.yml)")
    lock = b.add_mutually_exclusive_group()
    lock.add_argument("--no-lock-write", dest="lock", action="store_const", const="read", default="write",
                      help="use urls.lock but do not add the URLs this build publishes first")
    lock.add_argument("--frozen", dest="lock", action="store_const", const="frozen",
                      help="fail if any URL is not in urls.lock yet (for CI); write nothing")
    b.add_argument("--jobs", "-j", type=int, help="processes parsing sources and building the site's shards (default: the cores; 1: in this process)")
    b.add_argument("--workers", type=int, help="parse on a Dask LocalCluster of N processes (needs dangan[dask])")
    b.add_argument("--scheduler", help="parse on a running Dask cluster, e.g. tcp://10.0.0.5:8786")
    b.add_argument("--cache", help="build cache folder, made and marked by dangan (default: .dangan-cache beside --out)")
    b.add_argument("--no-cache", action="store_true", help="parse and render everything again; keep no cache")
    b.set_defaults(func=cmd_build)
    c = sub.add_parser("check", help="parse and validate only; print every warning with file and line")
    c.add_argument("corpus", nargs="?")
    c.add_argument("--removals", action="store_true", help="also list every span cleaning removed, with its line")
    c.set_defaults(func=cmd_check)
    s = sub.add_parser("serve", help="build and serve with live reload")
    s.add_argument("corpus", nargs="?")
    s.add_argument("--out", default="site")
    s.add_argument("--content")
    s.add_argument("--dev-addr", default="127.0.0.1:8000")
    s.set_defaults(func=cmd_serve)
    z = sub.add_parser("bundle", help="build the site and pack it into one zip that works offline")
    z.add_argument("corpus", nargs="?")
    z.add_argument("--out", default="archive.zip", help="the zip to write (default: archive.zip)")
    z.set_defaults(func=cmd_bundle)
    v = sub.add_parser("verify", help="check a bundle: every hash, nothing missing or extra, safe names")
    v.add_argument("bundle")
    v.set_defaults(func=cmd_verify)
    g = sub.add_parser("bench-corpus", help="write a deterministic benchmark corpus")
    g.add_argument("--docs", type=int, required=True)
    g.add_argument("--out", required=True)
    g.add_argument("--seed", type=int, default=0)
    g.set_defaults(func=cmd_bench_corpus)
    return p


def failure(exc: Exception) -> tuple[int, str]:
    """The exit code and one-line message for a failure that is not the input's fault."""
    if isinstance(exc, RendererError):
        return 2, f"error: renderer: {' '.join(str(exc).split())}"
    if isinstance(exc, ImportError):
        return 2, f"error: a part of dangan is missing ({exc}); reinstall it (pip install .)"
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return 2, f"{where}error: {exc.strerror or exc} (the previous output is unchanged)"
    return 3, f"error: internal error {type(exc).__name__}: {exc} (run with --debug for the traceback, and report it)"


def main(argv: list[str] | None = None) -> int:
    """Exit 0 on success, 1 for input errors (the corpus, the manifest, a refused folder),
    2 for environment errors (unwritable output, full disk, renderer missing or failing),
    3 for a bug, 130 on Ctrl-C. Every message is one line; a traceback only with --debug."""
    p = parser()
    p.add_argument("--debug", action="store_true", help="show the traceback of an unexpected failure")
    args = p.parse_args(argv)
    try:
        return outcome(args)
    finally:
        if argv is None:  # run as the program, not called: see ignore_interrupts_while_exiting
            ignore_interrupts_while_exiting()


def outcome(args: argparse.Namespace) -> int:
    """The exit code of the command ``args`` asks for, with its one-line message on failure."""
    try:
        return args.func(args)
    except DanganError as exc:
        for d in exc.diagnostics:
            say(str(d), "red")
        say("nothing was written", "red")
        return 1
    except KeyboardInterrupt:
        say("interrupted: the previous output is unchanged", "red")
        return 130
    except Exception as exc:
        if args.debug:
            raise
        code, message = failure(exc)
        say(message, "red")
        return code


def ignore_interrupts_while_exiting() -> None:
    """Once the command has its exit code, a Ctrl-C no longer changes it: one arriving while
    the interpreter closes (its worker processes joined) would end the process by the signal,
    with no message, after the build had finished and said so."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


if __name__ == "__main__":
    sys.exit(main())
