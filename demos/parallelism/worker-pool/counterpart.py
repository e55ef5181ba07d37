# The same four tasks on a process pool: separate interpreters, each with its
# own GIL, running on several cores at once.
# (Sizes are 1/200 of the TypeScript ones: a Python loop is much slower.)
import os
import time
from concurrent.futures import ProcessPoolExecutor

TASKS = [500, 1000, 1500, 2000]  # thousands of loop steps


def sum_of_squares(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def ms(since: float) -> int:
    return round((time.perf_counter() - since) * 1000)


if __name__ == "__main__":  # child processes may import this file: don't rerun the demo there
    cores = os.cpu_count() or 1
    print(f"cores reported by the OS: {cores}")

    start = time.perf_counter()
    expected = [sum_of_squares(size * 1000) for size in TASKS]
    sequential = ms(start)
    print(f"main process:        {sequential} ms")

    size = min(cores, len(TASKS))
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=size) as pool:
        results = list(pool.map(sum_of_squares, (n * 1000 for n in TASKS)))
    parallel = ms(start)  # includes starting the processes
    print(f"pool of {size} processes: {parallel} ms")

    print(f"same results: {results == expected}")
    print(f"speedup: {sequential / parallel:.1f}×")
    print(f"best possible here: {sum(TASKS)} / {max(TASKS)} = {sum(TASKS) / max(TASKS):.1f}×")
