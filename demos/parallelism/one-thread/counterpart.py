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


def ms(seconds: float) -> int:
    return round(seconds * 1000)


start = time.perf_counter()
for size in TASKS:
    task_start = time.perf_counter()
    sum_of_squares(size * 1000)
    print(f"task {size}k: {ms(time.perf_counter() - task_start)} ms")
print(f"one after another: {ms(time.perf_counter() - start)} ms")

start, cpu_start = time.perf_counter(), time.process_time()
with ThreadPoolExecutor(max_workers=len(TASKS)) as pool:
    list(pool.map(sum_of_squares, (size * 1000 for size in TASKS)))
wall = time.perf_counter() - start
cpu = time.process_time() - cpu_start  # the CPU time of all the threads together
print(f"thread pool:       {ms(wall)} ms (CPU time: {ms(cpu)} ms)")

# Two threads computing at once would use CPU time faster than the clock runs.
print(f"one thread at a time (CPU time ≤ 1.1 × wall time): {cpu <= 1.1 * wall}")
