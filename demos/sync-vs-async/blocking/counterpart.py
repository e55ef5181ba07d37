# Five documents, processed one after another by blocking code, two ways.
# time.sleep() is a blocking *wait*: the thread is parked and the CPU is idle.
# A busy loop, like the TypeScript's busyWait, is blocking *work*: the CPU
# spins the whole time. Either way the thread can do nothing else.
import time
from collections.abc import Callable

docs = [f"doc {i}" for i in range(5)]


def busy_wait(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass  # spin


def run(block: Callable[[float], None]) -> None:
    start, cpu_start = time.perf_counter(), time.process_time()
    for doc in docs:
        block(0.2)  # 0.2 s per document
        print(f"{doc} processed.")
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    print(f"Total time taken: {seconds:.2f} s")  # 5 × 0.2 s
    print(f"CPU idle meanwhile: {cpu_seconds < 0.05}")  # under 5 % of the second


print("time.sleep, a blocking wait:")
run(time.sleep)
print("busy_wait, blocking work:")
run(busy_wait)
