# The notebook's I/O-bound benchmark, with 0.2 s waits instead of 1 s.
import asyncio
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

TASKS = [0.2] * 10  # 10 waits of 0.2 s


def io_task(seconds: float) -> float:
    time.sleep(seconds)  # blocks this thread only; the GIL is released while it sleeps
    return seconds


def row(label: str, start: float) -> None:
    print(f"{label:<24}{time.perf_counter() - start:6.2f} s")


async def main() -> None:
    print(f"{len(TASKS)} I/O-bound tasks of 0.2 s each")
    for workers in (5, 20):
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(io_task, TASKS))
        row(f"threads, {workers} workers", start)

    start = time.perf_counter()
    await asyncio.gather(*(asyncio.sleep(seconds) for seconds in TASKS))
    row("asyncio.gather", start)

    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=len(TASKS)) as pool:
        list(pool.map(io_task, TASKS))
    row(f"{len(TASKS)} processes", start)  # includes starting them


if __name__ == "__main__":
    asyncio.run(main())
