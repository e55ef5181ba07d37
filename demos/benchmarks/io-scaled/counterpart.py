# The scaled benchmark with threads: 100 tasks of 0.05 s, 10 workers vs 100.
# n tasks of t seconds on k workers need ⌈n / k⌉ rounds of t.
import math
import time
from concurrent.futures import ThreadPoolExecutor

n, t = 100, 0.05
TASKS = [t] * n


def io_task(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


print(f"{n} I/O-bound tasks of {t} s each")
for k in (10, 100):
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=k) as pool:
        list(pool.map(io_task, TASKS))
    measured = time.perf_counter() - start
    predicted = math.ceil(n / k) * t
    print(f"{k:>3} threads: measured {measured:.2f} s, predicted ⌈{n}/{k}⌉ × {t} s = {predicted:.2f} s")
