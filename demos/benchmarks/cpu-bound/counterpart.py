# The notebook's CPU-bound benchmark at 1/200 of the TypeScript sizes:
# a loop, a thread pool (GIL: no speedup) and a process pool (real parallelism).
import os
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

TASKS = [n * 5000 for n in (100, 200, 300, 400)]


def sum_of_squares(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def row(label: str, start: float) -> float:
    seconds = time.perf_counter() - start
    print(f"{label:<28}{seconds:6.2f} s")
    return seconds


if __name__ == "__main__":
    print("4 CPU-bound tasks (0.5M + 1M + 1.5M + 2M steps)")
    start = time.perf_counter()
    for n in TASKS:
        sum_of_squares(n)
    sequential = row("main thread, in a loop", start)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(TASKS)) as pool:
        list(pool.map(sum_of_squares, TASKS))
    threaded = row("thread pool", start)

    size = min(os.cpu_count() or 1, len(TASKS))
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=size) as pool:
        list(pool.map(sum_of_squares, TASKS))
    parallel = row(f"pool of {size} processes", start)  # includes start-up

    print(f"thread pool vs loop: {sequential / threaded:.1f}× (about 1 or less: no speedup)")
    print(f"process pool vs loop: {sequential / parallel:.1f}×")
    print(f"limit with these tasks: {1000 / 400:.1f}× (the largest task is 40% of the work)")
