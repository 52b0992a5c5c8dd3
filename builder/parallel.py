"""Where per-source work runs: in this process, on a local process pool, or on Dask.

One interface, :class:`Executor`: ``map(fn, items)`` returns ``fn(item)`` for every item,
**in the order of the items** whatever order they finish in, so that the build's output does
not depend on how it was spread. ``fn`` must be a picklable callable (a module-level
function or a frozen dataclass with ``__call__``) and the items picklable values; nothing
reaches a worker through a global.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from .model import DanganError, Diagnostic

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

#: Items per task sent to a pool: enough to amortise pickling and scheduling, small
#: enough that both workers stay busy to the end (a few tasks per worker).
TASKS_PER_WORKER = 4

#: The most items for :meth:`Executor.map_few`: a worker parses a source in a fraction of a
#: second, and starting the whole pool for them costs the seconds of loading the dictionary first.
FEW = 8


class Executor(Protocol):
    @property
    def workers(self) -> int: ...

    def map(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]: ...

    def start_map(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> Callable[[], list[Any]]:
        """:meth:`map` started: the tasks run while the caller goes on; the function returned
        waits for their results (in the order of the items)."""
        ...

    def map_few(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
        """:meth:`map` of at most :data:`FEW` items, where a worker that is ready matters more
        than spreading them (a rebuild's changed sources: see :meth:`ProcessPool.warm`)."""
        ...

    def aside(self, fn: Callable[..., Any], *args: Any) -> AbstractContextManager[Callable[[], Any]]:
        """``fn(*args)`` started beside the caller for the ``with`` block, which gets a function
        waiting for its result (raising its error); the block's end waits for it (and stops it
        when the block ends in an error). The arguments are not pickled: a thread (:func:`threaded`)
        or, on a local pool, a process forked now (:func:`forked`)."""
        ...


def batches(items: Sequence[Any], workers: int) -> list[Sequence[Any]]:
    """Consecutive slices, about ``TASKS_PER_WORKER`` per worker, in order.

    >>> [list(b) for b in batches(range(10), 1)]
    [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]
    >>> batches([], 2)
    []
    """
    if not items:
        return []
    size = max(1, math.ceil(len(items) / (workers * TASKS_PER_WORKER)))
    return [items[i:i + size] for i in range(0, len(items), size)]


@dataclass(frozen=True)
class Batch:
    """``fn`` over a slice of items, as one task (picklable when ``fn`` is)."""

    fn: Callable[[Any], Any]

    def __call__(self, items: Sequence[Any]) -> list[Any]:
        return [self.fn(item) for item in items]


@dataclass(frozen=True)
class InProcess:
    """Everything in this process, one item after the other (``--jobs 1``)."""

    workers: int = 1

    def map(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
        return [fn(item) for item in items]

    def start_map(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> Callable[[], list[Any]]:
        return lambda: self.map(fn, items)  # nothing runs beside the caller: the work is done when asked for

    def map_few(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
        return self.map(fn, items)

    def aside(self, fn: Callable[..., Any], *args: Any) -> AbstractContextManager[Callable[[], Any]]:
        return threaded(fn, *args)


class ProcessPool:
    """A ``concurrent.futures.ProcessPoolExecutor`` of ``workers`` processes, started at the
    first call with work for more than one process (a rebuild that finds every source in
    the cache starts none); and, after :meth:`warm`, one worker ready at once for maps of a
    few items."""

    def __init__(self, workers: int, prepare: Callable[[], None] | None = None):
        self.workers, self.prepare = workers, prepare
        self.pool: ProcessPoolExecutor | None = None
        self.ready: ProcessPoolExecutor | None = None

    def warm(self) -> None:
        """Start one worker now, loading what the tasks need (``prepare``: jieba's dictionary,
        seconds) while this process reads its cache: a rebuild's few changed sources are then
        parsed by a worker that is ready, not after loading it here. Call it before this
        process starts threads (the worker is forked)."""
        if self.ready is None and self.pool is None:
            self.ready = fork_pool(1, self.prepare)
            self.ready.submit(int)  # forks the worker now

    def map(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
        return self.start_map(fn, items)()

    def start_map(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> Callable[[], list[Any]]:
        if len(items) < 2:
            return lambda: [fn(item) for item in items]
        if self.pool is None:
            if self.prepare and getattr(fn, "NEEDS_PREPARE", False):  # a rebuild's first pool may encode search shards: no dictionary
                self.prepare()
            self.pool = fork_pool(self.workers)
            if self.ready is not None:  # the whole pool serves from now on: the ready worker's memory goes
                self.ready.shutdown(wait=False)
                self.ready = None
        done = self.pool.map(Batch(fn), batches(items, self.workers))  # submitted now; map keeps the order
        return lambda: [result for batch in done for result in batch]

    def map_few(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
        if self.ready is not None and items:
            return self.ready.submit(Batch(fn), list(items)).result()
        return self.map(fn, items)

    def aside(self, fn: Callable[..., Any], *args: Any) -> AbstractContextManager[Callable[[], Any]]:
        return forked(fn, *args)

    def close(self) -> None:
        for pool in (self.ready, self.pool):
            if pool is not None:
                pool.shutdown()


def fork_pool(workers: int, initializer: Callable[[], None] | None = None) -> ProcessPoolExecutor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=WorkerStart(os.getpid(), initializer))


@dataclass(frozen=True)
class WorkerStart:
    """What a forked worker does first: :func:`die_with_parent`, then ``then`` (``prepare``)."""

    parent: int
    then: Callable[[], None] | None = None

    def __call__(self) -> None:
        die_with_parent(self.parent)
        if self.then is not None:
            self.then()


def die_with_parent(parent: int) -> None:
    """In a forked child: end when the build's process ends, however it ends. A child killed
    with its parent's ``kill -9`` would otherwise wait for work forever (it holds its own end of
    the pipe it reads, so it never sees the parent go), holding the build's output and lock.
    Linux's ``PR_SET_PDEATHSIG``; elsewhere nothing (the child ends at its next task)."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG; the C library is in this program already
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # gone before the request took effect
        os._exit(1)


@dataclass(frozen=True)
class DaskCluster:
    """Tasks on a ``dask.distributed`` cluster; results gathered back in submission order."""

    client: Any
    workers: int

    def map(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
        return self.start_map(fn, items)()

    def start_map(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> Callable[[], list[Any]]:
        if not items:
            return list
        futures = self.client.map(Batch(fn), batches(items, self.workers), pure=False)
        return lambda: [result for batch in self.client.gather(futures) for result in batch]

    def map_few(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
        return self.map(fn, items)

    def aside(self, fn: Callable[..., Any], *args: Any) -> AbstractContextManager[Callable[[], Any]]:
        return threaded(fn, *args)


@contextmanager
def threaded(fn: Callable[..., Any], *args: Any) -> Iterator[Callable[[], Any]]:
    """:meth:`Executor.aside` on a thread of this process (what runs in C, as SQLite's
    inserts do, leaves Python's lock to the caller; the Python in ``fn`` shares it).

    >>> with threaded(sum, [1, 2]) as result:
    ...     result()
    3
    """
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1, "dangan-aside") as pool:
        yield pool.submit(fn, *args).result


@contextmanager
def forked(fn: Callable[..., Any], *args: Any) -> Iterator[Callable[[], Any]]:
    """:meth:`Executor.aside` in a child process forked now, which inherits ``fn`` and ``args``
    (generators over the archive, say: nothing is pickled but the result or the error). Beside
    a thread, Python code in ``fn`` would hold the lock the caller needs: each of the caller's
    reads of its store then waited for it (a day-added rebuild lost a third of its content
    stage so). The child writes nothing of the parent's: it leaves by ``os._exit``.

    >>> with forked(sum, [1, 2]) as result:
    ...     result()
    3
    >>> with forked(int, "x") as result:
    ...     result()
    Traceback (most recent call last):
    ValueError: invalid literal for int() with base 10: 'x'
    """
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_answer, args=(os.getpid(), send, fn, args), name="dangan-aside", daemon=True)
    child.start()
    send.close()
    outcome: list[tuple[str, Any]] = []
    name = getattr(fn, "__name__", fn)

    def result() -> Any:
        if not outcome:
            try:
                outcome.append(receive.recv())
            except (EOFError, OSError):
                outcome.append(("gone", None))
            except Exception as exc:  # an error that does not unpickle here
                outcome.append(("error", RuntimeError(f"{name} failed: {exc}")))
            child.join()
        kind, value = outcome[0]
        if kind == "error":
            raise value
        if kind == "gone":
            raise RuntimeError(f"{name} ended without an answer (exit code {child.exitcode})")
        return value

    try:
        yield result
    except BaseException:
        child.terminate()
        raise
    finally:
        child.join()
        receive.close()


def _answer(parent: int, send: Any, fn: Callable[..., Any], args: tuple) -> None:
    """In the child of :func:`forked`: ``fn(*args)``'s result or error, sent back."""
    die_with_parent(parent)
    try:
        message: tuple[str, Any] = ("done", fn(*args))
    except BaseException as exc:
        message = ("error", exc)
    try:
        send.send(message)
    except Exception as exc:  # an unpicklable result or error: its words
        send.send(("error", RuntimeError(f"{message[1]!r} ({exc})")))
    send.close()


def default_jobs(tasks: int) -> int:
    """The machine's cores, but never more processes than there are tasks.

    >>> default_jobs(1)
    1
    """
    return max(1, min(os.cpu_count() or 1, tasks))


@contextmanager
def executor(jobs: int | None = None, tasks: int = 1, workers: int | None = None, scheduler: str | None = None,
             prepare: Callable[[], None] | None = None) -> Iterator[Executor]:
    """The executor a build asked for: ``scheduler`` (a running Dask cluster's address),
    ``workers`` (a Dask LocalCluster of that many processes), else ``jobs`` processes on this
    machine (default :func:`default_jobs`; 1 = in this process).

    ``prepare``: loads what the tasks marked ``NEEDS_PREPARE`` need (jieba's dictionary), once,
    in this process before the local pool forks for one of them, so that its workers share it
    instead of each loading it (a pool forked first for other tasks loads it in each worker, if asked)."""
    if scheduler or workers:
        with dask_client(workers, scheduler) as client:
            count = len(client.scheduler_info().get("workers", {})) or (workers or 1)
            yield DaskCluster(client, count)
        return
    jobs = jobs or default_jobs(tasks)
    if jobs <= 1 or tasks <= 1:
        yield InProcess()
        return
    pool = ProcessPool(jobs, prepare)
    try:
        yield pool
    finally:
        pool.close()


@contextmanager
def dask_client(workers: int | None, scheduler: str | None) -> Iterator[Any]:
    """A client of the running cluster at ``scheduler``, or of a LocalCluster started here:
    ``workers`` processes of one thread each, on 127.0.0.1 only, without the dashboard."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # the optional extra
        raise DanganError([Diagnostic("error", "dask-missing", "--workers and --scheduler need dask.distributed: pip install 'dangan[dask]'", "")]) from exc
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=40) as cluster, Client(cluster) as client:
        yield client
