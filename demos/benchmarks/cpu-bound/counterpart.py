# The CPU-bound benchmark at 1/200 of the TypeScript sizes: a loop, a thread pool
# and a process pool. Each task times itself where it runs, so the program can
# check relations that hold however busy the machine is.
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

TASKS = [n * 5000 for n in (100, 200, 300, 400)]


def task(n: int) -> float:
    """Adds up i * i for every i below n; returns how many seconds that took."""
    start = time.perf_counter()
    total = 0
    for i in range(n):
        total += i * i
    return time.perf_counter() - start


def row(label: str, seconds: float) -> None:
    print(f"{label:<28}{seconds:6.2f} s")


if __name__ == "__main__":
    print("4 CPU-bound tasks (0.5M + 1M + 1.5M + 2M steps)")
    print(f"GIL enabled: {sys._is_gil_enabled()}")  # Python 3.13+; False on a free-threaded build

    start = time.perf_counter()
    for n in TASKS:
        task(n)
    sequential = time.perf_counter() - start
    row("main thread, in a loop", sequential)

    start, cpu_start = time.perf_counter(), time.process_time()
    with ThreadPoolExecutor(max_workers=len(TASKS)) as pool:
        list(pool.map(task, TASKS))
    threaded = time.perf_counter() - start
    cpu = time.process_time() - cpu_start  # CPU time of all the threads together
    row("thread pool", threaded)

    size = min(os.process_cpu_count() or 1, len(TASKS))  # Python 3.13+: the CPUs we may use
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=size) as pool:
        durations = list(pool.map(task, TASKS))
    parallel = time.perf_counter() - start  # includes starting the processes
    row(f"pool of {size} processes", parallel)

    # Two threads running at once would use CPU time faster than the clock runs.
    print(f"thread pool, one thread at a time (CPU time ≤ 1.1 × wall time): {cpu <= 1.1 * threaded}")
    print(f"process pool, several at a time (less than its tasks added up): {parallel < sum(durations)}")
    # The speedup needs free cores, and no pool beats its number of workers nor its
    # largest task. On a busy machine the loop and the pool ran under different loads,
    # so this ratio can land anywhere; the two lines above cannot.
    limit = min(size, sum(TASKS) / max(TASKS))
    print(f"process pool vs loop: {sequential / parallel:.1f}× (limit {limit:.1f}×: {size} processes, and 2.5× for these tasks)")
