# Two threads add 1 to one shared counter, half a million times each (1/20 of the
# TypeScript's iterations: a Python loop is much slower). Three ways:
#   1. `counter += 1`, no lock
#   2. `counter = add_one(counter)`, no lock: a function call between the read and the write
#   3. the same, holding a threading.Lock
#
# The GIL keeps each bytecode whole, never the read, add and write together, so
# 1 and 2 are both races. Since Python 3.10 a build with the GIL switches threads
# only at certain points, such as a call or the jump back to the top of a loop,
# and only after the other thread has waited 5 ms. None of them falls inside
# `counter += 1`, so 1 happens to come out right there; the call in 2 is such a
# point, and updates are lost. On a free-threaded build (python3.14t) the threads
# run at once, and 1 and 2 both lose updates.
import sys
import threading
from collections.abc import Callable

ITERATIONS = 500_000  # per thread
TOTAL = 2 * ITERATIONS

counter = 0
lock = threading.Lock()


def add_one(value: int) -> int:
    return value + 1


def plain() -> None:
    global counter
    for _ in range(ITERATIONS):
        counter += 1  # read, add, write


def with_call() -> None:
    global counter
    for _ in range(ITERATIONS):
        counter = add_one(counter)  # read … call … write


def locked() -> None:
    global counter
    for _ in range(ITERATIONS):
        with lock:  # one thread at a time from the read to the write
            counter = add_one(counter)


def count(work: Callable[[], None]) -> int:
    """Runs `work` on two threads that start together; returns the counter."""
    global counter
    counter = 0
    start = threading.Barrier(2)

    def run() -> None:
        start.wait()  # the start barrier: both threads begin together
        work()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counter


print(f"GIL enabled: {sys._is_gil_enabled()}")  # Python 3.13+
print(f"counter += 1, no lock: {count(plain)} of {TOTAL}")
racy = count(with_call)
print(f"counter = add_one(counter), no lock: {racy} of {TOTAL}, updates lost: {racy < TOTAL}")
print(f"the same with threading.Lock: {count(locked)} of {TOTAL}")
