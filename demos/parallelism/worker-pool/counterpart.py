# The same four tasks on a process pool: separate interpreters, each with its
# own GIL, which run on several cores at once when cores are free.
# (Sizes are 1/200 of the TypeScript ones: a Python loop is much slower.)
import os
import time
from concurrent.futures import ProcessPoolExecutor

TASKS = [500, 1000, 1500, 2000]  # thousands of loop steps


def sum_of_squares(n: int) -> tuple[int, float]:
    """The result, and how many seconds the process took to compute it."""
    start = time.perf_counter()
    total = 0
    for i in range(n):
        total += i * i
    return total, time.perf_counter() - start


def ms(seconds: float) -> int:
    return round(seconds * 1000)


if __name__ == "__main__":  # child processes may import this file: don't rerun the demo there
    # os.cpu_count() counts the machine's CPUs; os.process_cpu_count() (Python 3.13+)
    # those this process may run on, which is what the executors use by default.
    print(f"CPUs: os.cpu_count() {os.cpu_count()}, os.process_cpu_count() {os.process_cpu_count()}")
    cores = os.process_cpu_count() or 1

    start = time.perf_counter()
    expected = [sum_of_squares(size * 1000) for size in TASKS]
    sequential = time.perf_counter() - start
    largest = max(seconds for _, seconds in expected)
    print(f"main process:        {ms(sequential)} ms (largest task alone: {ms(largest)} ms)")

    size = min(cores, len(TASKS))
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=size) as pool:
        replies = list(pool.map(sum_of_squares, (n * 1000 for n in TASKS)))
    parallel = time.perf_counter() - start  # includes starting the processes
    added_up = sum(seconds for _, seconds in replies)
    print(f"pool of {size} processes: {ms(parallel)} ms (its tasks added up: {ms(added_up)} ms)")

    print(f"same results: {[t for t, _ in replies] == [t for t, _ in expected]}")
    # Tasks in progress at the same time: the pool finishes before their times add up.
    # (This holds however busy the machine is; the speedup below does not.)
    print(f"the pool took less than its tasks added up: {parallel < added_up}")

    # The speedup needs free cores. No pool beats its number of workers, nor can it
    # finish before its largest task.
    print(f"speedup: {sequential / parallel:.1f}×")
    print(f"limit: {size} processes, and {sum(TASKS)} / {max(TASKS)} = {sum(TASKS) / max(TASKS):.1f}× for these tasks")
