"""Run work on one file in a child process that a wall clock and a memory cap can stop.

pdfminer can loop or balloon on a hostile PDF; a crash in a C library can take its process
down. Each file therefore runs in its own forked worker: the parent waits at most the
file's time limit, then kills it. Whatever happens, the caller gets an outcome back.
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


def _child(conn: Connection, fn: Callable[..., Any], arg: Any, max_memory: int) -> None:
    global _parent
    _parent = conn
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    faulthandler.disable()  # a crash is reported as a finding, not as a traceback on the console
    _limit_memory(max_memory)
    try:
        result: tuple[bool, Any] = (True, fn(arg))
    except ReadError as error:
        result = (False, error)
    except MemoryError:
        result = (False, ReadError("unreadable-file", "reading ran over the memory limit"))
    except BaseException as error:  # any library failure becomes a finding
        result = (False, ReadError("unreadable-file", f"{type(error).__name__}: {error}"[:300]))
    try:
        conn.send(result)
    except Exception as error:  # an unpicklable result
        conn.send((False, ReadError("unreadable-file", f"result could not be returned: {error}"[:300])))
    finally:
        conn.close()


def map_isolated(fn: Callable[[Item], T], items: Iterable[Item], limits: Limits,
                 jobs: int = 1) -> Iterator[tuple[int, Outcome[T]]]:
    """Run ``fn`` on every item, each in its own worker, at most ``jobs`` at a time.

    Yields ``(index, outcome)`` as workers finish (not in input order).
    """
    ctx = _context()
    pending = deque(enumerate(items))
    running: dict[Connection, tuple[int, Any, float, float]] = {}
    try:
        while pending or running:
            while pending and len(running) < max(1, jobs):
                index, item = pending.popleft()
                receiver, sender = ctx.Pipe(duplex=False)
                process = ctx.Process(target=_child, args=(sender, fn, item, limits.max_memory_bytes), daemon=True)
                process.start()
                sender.close()
                started = time.monotonic()
                running[receiver] = (index, process, started, started + limits.timeout_seconds)
            now = time.monotonic()
            timeout = max(0.0, min(deadline for _, _, _, deadline in running.values()) - now)
            for conn in wait(list(running), timeout=timeout):
                assert isinstance(conn, Connection)
                index, process, started, deadline = running[conn]
                message = _message(conn)
                if isinstance(message, tuple) and len(message) == 2 and message[0] == _MORE_TIME:
                    granted = min(float(message[1]), limits.max_ocr_seconds)
                    running[conn] = (index, process, started, deadline + granted)
                    continue
                running.pop(conn)
                yield index, _receive(message, conn, process, time.monotonic() - started)
            now = time.monotonic()
            for conn, (index, process, started, deadline) in list(running.items()):
                if now >= deadline:
                    running.pop(conn)
                    _stop(process)
                    conn.close()
                    reason = f"no result within {limits.timeout_seconds:g} s: stopped (hostile or damaged file?)"
                    error = ReadError("unreadable-file", reason)
                    yield index, Outcome(error=error, seconds=now - started)
    finally:
        for conn, (_, process, _, _) in running.items():
            _stop(process)
            conn.close()


_LOST = object()  # the worker died before it could send anything


def _message(conn: Connection) -> Any:
    try:
        return conn.recv()
    except (EOFError, OSError):
        return _LOST


def _receive(message: Any, conn: Connection, process: Any, seconds: float) -> Outcome[Any]:
    """The worker's last message as an outcome; a worker that died first is a finding."""
    conn.close()
    process.join(5)
    if message is _LOST:
        code = process.exitcode
        reason = (f"the reader crashed (signal {-code})" if code is not None and code < 0
                  else f"the reader stopped without a result (exit {code})")
        if code is not None and -code == signal.SIGKILL:
            reason += " — most likely over the memory limit"
        return Outcome(error=ReadError("unreadable-file", reason), seconds=seconds)
    if process.is_alive():
        _stop(process)
    ok, payload = message
    return Outcome(value=payload, seconds=seconds) if ok else Outcome(error=payload, seconds=seconds)


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
