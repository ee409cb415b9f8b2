"""Run work on files in child processes that a wall clock and a memory cap can stop.

pdfminer can loop or balloon on a hostile PDF; a crash in a C library can take its process
down. Files therefore run in worker processes (forked, so they start with everything the
parent imported): the parent waits at most each file's time limit, then kills the worker
and starts another. Whatever happens, the caller gets an outcome back for every file.
"""

from __future__ import annotations

import contextlib
import faulthandler
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

from grantparse.errors import ReadError
from grantparse.settings import Limits

T = TypeVar("T")
Item = TypeVar("Item")


@dataclass
class Outcome(Generic[T]):
    """What came back from a worker: a value, or the error that stands for it."""

    value: T | None = None
    error: ReadError | None = None
    seconds: float = 0.0


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _limit_memory(max_bytes: int) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))
    except (ImportError, ValueError, OSError):  # not on this platform: the timeout still holds
        pass


_MORE_TIME = "more-time"
_parent: Connection | None = None  # set in a worker: where it reports to


def allow_more_time(seconds: float) -> None:
    """Called inside a worker that is about to do slow but legitimate work (OCR of scanned
    pages): the parent moves the file's deadline by ``seconds``. A no-op outside a worker."""
    if _parent is not None and seconds > 0:
        _parent.send((_MORE_TIME, float(seconds)))


# A worker serves files one after another (no fork and no warm-up per file), and is replaced
# after this many, after a failure that may have left it unwell, or when it is stopped.
FILES_PER_WORKER = 100


def _serve(conn: Connection, fn: Callable[..., Any], max_memory: int) -> None:
    """A worker's loop: receive an item, send back ``(ok, value or error, healthy)``."""
    global _parent
    _parent = conn
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    faulthandler.disable()  # a crash is reported as a finding, not as a traceback on the console
    _limit_memory(max_memory)
    try:
        while True:
            try:
                job = conn.recv()
            except (EOFError, OSError):
                return
            if not job:  # () is the parent's «no more work»
                return
            ok, payload, healthy = _run(fn, job[0])
            try:
                conn.send((ok, payload, healthy))
            except Exception as error:  # an unpicklable result
                unsent = ReadError("unreadable-file", f"result could not be returned: {error}"[:300])
                conn.send((False, unsent, healthy))
            if not healthy:
                return
    finally:
        conn.close()


def _run(fn: Callable[..., Any], item: Any) -> tuple[bool, Any, bool]:
    """``fn(item)`` as (ok, value or error, healthy): after running out of memory or an
    unexpected exception the worker stops rather than carry what it left behind."""
    try:
        return True, fn(item), True
    except ReadError as error:
        return False, error, True
    except MemoryError:
        return False, ReadError("unreadable-file", "reading ran over the memory limit"), False
    except BaseException as error:  # any library failure becomes a finding
        return False, ReadError("unreadable-file", f"{type(error).__name__}: {error}"[:300]), False


@dataclass
class _Worker:
    process: Any
    conn: Connection
    served: int = 0
    job: tuple[int, float, float] | None = None  # (item index, started, deadline) while busy


def _start(ctx: Any, fn: Callable[..., Any], limits: Limits) -> _Worker:
    receiver, sender = ctx.Pipe(duplex=True)
    process = ctx.Process(target=_serve, args=(sender, fn, limits.max_memory_bytes), daemon=True)
    process.start()
    sender.close()
    return _Worker(process, receiver)


def map_isolated(fn: Callable[[Item], T], items: Iterable[Item], limits: Limits,
                 jobs: int = 1) -> Iterator[tuple[int, Outcome[T]]]:
    """Run ``fn`` on every item in worker processes, at most ``jobs`` at a time, each item
    under the time limit (a worker past it is killed and replaced).

    Yields ``(index, outcome)`` as items finish (not in input order).
    """
    ctx = _context()
    pending = deque(enumerate(items))
    idle: list[_Worker] = []
    busy: dict[Connection, _Worker] = {}
    try:
        while pending or busy:
            while pending and len(busy) < max(1, jobs):
                worker = idle.pop() if idle else _start(ctx, fn, limits)
                index, item = pending.popleft()
                try:
                    worker.conn.send((item,))
                except OSError:  # the worker went away while idle: give the item to a new one
                    _close(worker)
                    pending.appendleft((index, item))
                    continue
                started = time.monotonic()
                worker.job = (index, started, started + limits.timeout_seconds)
                busy[worker.conn] = worker
            now = time.monotonic()
            timeout = max(0.0, min(w.job[2] for w in busy.values() if w.job) - now)
            for conn in wait(list(busy), timeout=timeout):
                assert isinstance(conn, Connection)
                worker = busy[conn]
                assert worker.job is not None
                index, started, deadline = worker.job
                message = _message(conn)
                if isinstance(message, tuple) and len(message) == 2 and message[0] == _MORE_TIME:
                    granted = min(float(message[1]), limits.max_ocr_seconds)
                    worker.job = (index, started, deadline + granted)
                    continue
                busy.pop(conn)
                worker.job = None
                seconds = time.monotonic() - started
                if message is _LOST:
                    yield index, _lost(worker, seconds)
                    continue
                ok, payload, healthy = message
                worker.served += 1
                if healthy and worker.served < FILES_PER_WORKER:
                    idle.append(worker)
                else:
                    _close(worker)
                yield index, Outcome(value=payload, seconds=seconds) if ok else Outcome(error=payload, seconds=seconds)
            now = time.monotonic()
            for conn, worker in list(busy.items()):
                assert worker.job is not None
                index, started, deadline = worker.job
                if now >= deadline:
                    busy.pop(conn)
                    _stop(worker.process)
                    conn.close()
                    reason = f"no result within {limits.timeout_seconds:g} s: stopped (hostile or damaged file?)"
                    yield index, Outcome(error=ReadError("unreadable-file", reason), seconds=now - started)
    finally:
        for worker in busy.values():
            _stop(worker.process)
            worker.conn.close()
        for worker in idle:
            _close(worker)


_LOST = object()  # the worker died before it could send anything


def _message(conn: Connection) -> Any:
    try:
        return conn.recv()
    except (EOFError, OSError):
        return _LOST


def _lost(worker: _Worker, seconds: float) -> Outcome[Any]:
    """A worker that died on an item (a crash in a C library, the memory cap) is a finding."""
    worker.conn.close()
    worker.process.join(5)
    code = worker.process.exitcode
    reason = (f"the reader crashed (signal {-code})" if code is not None and code < 0
              else f"the reader stopped without a result (exit {code})")
    if code is not None and -code == signal.SIGKILL:
        reason += " — most likely over the memory limit"
    return Outcome(error=ReadError("unreadable-file", reason), seconds=seconds)


def _close(worker: _Worker) -> None:
    """Let a worker that is not busy finish on its own; kill it if it does not."""
    with contextlib.suppress(OSError):
        worker.conn.send(())
    worker.process.join(2)
    _stop(worker.process)
    worker.conn.close()


def _stop(process: Any) -> None:
    if process.is_alive():
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(process.pid, signal.SIGKILL)
    process.join(5)


def run_isolated(fn: Callable[[Item], T], item: Item, limits: Limits) -> T:
    """``fn(item)`` in a worker with ``limits``; raises the :class:`ReadError` it stands for."""
    ((_, outcome),) = list(map_isolated(fn, [item], limits, jobs=1))
    if outcome.error is not None:
        raise outcome.error
    assert outcome.value is not None
    return outcome.value
