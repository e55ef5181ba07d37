# Four CPU-bound tasks in Python: one after another, then on a thread pool.
# With the GIL, only one thread runs Python bytecode at a time: no speedup.
# (Sizes are 1/200 of the TypeScript ones: a Python loop is much slower.)
import time
from concurrent.futures import ThreadPoolExecutor

TASKS = [500, 1000, 1500, 2000]  # thousands of loop steps


def sum_of_squares(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def ms(since: float) -> int:
    return round((time.perf_counter() - since) * 1000)


start = time.perf_counter()
for size in TASKS:
    task_start = time.perf_counter()
    sum_of_squares(size * 1000)
    print(f"task {size}k: {ms(task_start)} ms")
sequential = ms(start)
print(f"one after another: {sequential} ms")

start = time.perf_counter()
with ThreadPoolExecutor(max_workers=len(TASKS)) as pool:
    list(pool.map(sum_of_squares, (size * 1000 for size in TASKS)))
threaded = ms(start)
print(f"thread pool:       {threaded} ms")
print(f"the thread pool took {threaded / sequential:.1f}× the sequential time")
