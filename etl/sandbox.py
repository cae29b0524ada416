"""Run an untrusted file's parsing in a child process with a CPU-time and a memory limit, so that a
hostile file costs the server a few seconds and a bounded amount of memory, and other visitors'
pages keep their share of the machine.

Children are forked from a small fork server that has already imported the parser (pandas,
openpyxl, the reference tables), so that each parse starts in milliseconds, not seconds.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
from multiprocessing import spawn
import resource
import threading
from concurrent.futures.process import BrokenProcessPool

CPU_SECONDS = 20
MEMORY_BYTES = 2 * 1024 ** 3
WALL_SECONDS = 60


class TooCostly(Exception):
    """The file took more CPU time or memory than a file of actuals may."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh, self.en = zh, en


def _limit(cpu_seconds: int, memory_bytes: int) -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_DATA, (memory_bytes, memory_bytes))


_context = None
_pools: dict[tuple, concurrent.futures.ProcessPoolExecutor] = {}
_pools_lock = threading.Lock()
WORKERS = 2  # files parsed at once; more wait their turn


def _fork_server():
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(["etl.sandbox_warm"])
        _never_rerun_main()
    return _context


def _never_rerun_main() -> None:
    """A child must not import the parent's main module. Under Streamlit that module is the app
    script itself: each child would run app.py in bare mode (and a browser test saw the server
    stop). Our children only run functions importable by name, so the main module is left out of
    what multiprocessing hands them."""
    original = spawn.get_preparation_data
    if getattr(original, "without_main", False):
        return

    def without_main(name):
        data = original(name)
        data.pop("init_main_from_path", None)
        data.pop("init_main_from_name", None)
        return data

    without_main.without_main = True
    spawn.get_preparation_data = without_main


def _pool(limits: tuple) -> concurrent.futures.ProcessPoolExecutor:
    """A pool whose every child parses one file and exits (its CPU limit is for that file
    alone); the next child is forked while the file is parsed, so none waits for a fork."""
    with _pools_lock:
        if limits not in _pools:
            _pools[limits] = concurrent.futures.ProcessPoolExecutor(
                max_workers=WORKERS, mp_context=_fork_server(), initializer=_limit,
                initargs=limits, max_tasks_per_child=1)
        return _pools[limits]


def _discard(limits: tuple) -> None:
    with _pools_lock:
        pool = _pools.pop(limits, None)
    if pool is not None:
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)


def run_limited(function, *args, cpu_seconds: int = CPU_SECONDS, memory_bytes: int = MEMORY_BYTES,
                wall_seconds: int = WALL_SECONDS):
    """``function(*args)`` in a child process under the limits; TooCostly when it passes one (the
    child is then gone, and nothing it did is kept)."""
    limits = (cpu_seconds, memory_bytes)
    future = _pool(limits).submit(function, *args)
    try:
        return future.result(timeout=wall_seconds)
    except MemoryError as error:
        raise TooCostly("文件过于复杂：读取所需内存超过上限，请精简或另存为 CSV",
                        "the file needs more memory to read than an actuals file may: simplify "
                        "it or save it as CSV") from error
    except (BrokenProcessPool, concurrent.futures.TimeoutError) as error:
        _discard(limits)  # a stopped child breaks its pool: the next file gets a new one
        raise TooCostly(f"文件过于复杂：读取超过 {cpu_seconds} 秒 CPU 时间或 {memory_bytes // 2**20} MB 内存，"
                        "已停止；请精简或另存为 CSV",
                        f"the file takes more than {cpu_seconds} s of CPU time or "
                        f"{memory_bytes // 2**20} MB of memory to read, so reading it was stopped: "
                        "simplify it or save it as CSV") from error
