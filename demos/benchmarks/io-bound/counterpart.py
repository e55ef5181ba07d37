# The I/O-bound benchmark, with 0.2 s waits instead of 1 s.
# Each way runs twice and the shorter time is kept, as Python's timeit does:
# other programs on a busy machine can only add time, never take it away.
import asyncio
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

TASKS = [0.2] * 10  # 10 waits of 0.2 s


def io_task(seconds: float) -> float:
    time.sleep(seconds)  # blocks this thread only; the GIL is released while it sleeps
    return seconds


def best_of_two(run: Callable[[], object]) -> float:
    times = []
    for _ in range(2):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def row(label: str, seconds: float) -> None:
    print(f"{label:<24}{seconds:6.2f} s")


def threads(workers: int) -> None:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(io_task, TASKS))


async def gather() -> None:
    await asyncio.gather(*(asyncio.sleep(seconds) for seconds in TASKS))


if __name__ == "__main__":
    print(f"{len(TASKS)} I/O-bound tasks of 0.2 s each")
    for workers in (5, 20):
        row(f"threads, {workers} workers", best_of_two(lambda: threads(workers)))
    row("asyncio.gather", best_of_two(lambda: asyncio.run(gather())))

    with ProcessPoolExecutor(max_workers=len(TASKS)) as pool:
        # A round of empty tasks starts every process, so start-up is timed apart.
        start = time.perf_counter()
        list(pool.map(io_task, [0] * len(TASKS)))
        row("process pool start-up", time.perf_counter() - start)
        row(f"{len(TASKS)} processes", best_of_two(lambda: list(pool.map(io_task, TASKS))))
