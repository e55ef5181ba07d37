# The scaled benchmark with threads: 100 tasks of 0.05 s, 10 workers vs 100.
# n tasks of t seconds on k workers need ⌈n / k⌉ rounds of t. Each way runs
# twice and the shorter time is kept: a busy machine can only add time.
import math
import time
from concurrent.futures import ThreadPoolExecutor

n, t = 100, 0.05
TASKS = [t] * n


def io_task(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def measure(k: int) -> float:
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=k) as pool:  # starting k threads is part of the cost
        list(pool.map(io_task, TASKS))
    return time.perf_counter() - start


print(f"{n} I/O-bound tasks of {t} s each")
for k in (10, 100):
    measured = min(measure(k), measure(k))
    predicted = math.ceil(n / k) * t
    print(f"{k:>3} threads: measured {measured:.2f} s, predicted ⌈{n}/{k}⌉ × {t} s = {predicted:.2f} s")
