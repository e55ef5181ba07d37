# Two threads add 1 to one shared counter, a million times each: first with a
# plain `counter += 1`, then holding a threading.Lock around it.
# (1/10 of the TypeScript's iterations: a Python loop is much slower.)
#
# `counter += 1` is several bytecodes: read, add, write. The GIL keeps each
# bytecode whole, not the three together, so this is a race. Whether it shows
# depends on the build: with the GIL, a thread hands it over only when the
# other has waited the switch interval (5 ms), and since 3.10 only at certain
# points, such as the jump back to the top of a loop, none of which falls
# inside `counter += 1`; so here the total usually comes out right. On a
# free-threaded build (python3.13t, python3.14t) the threads run at once, and
# updates are lost on almost every run, as in the TypeScript.
import sys
import threading

ITERATIONS = 1_000_000  # per thread
TOTAL = 2 * ITERATIONS

counter = 0
lock = threading.Lock()


def add(start: threading.Barrier, locked: bool) -> None:
    global counter
    start.wait()  # the start barrier: both threads begin together
    if locked:
        for _ in range(ITERATIONS):
            with lock:  # one thread at a time from the read to the write
                counter += 1
    else:
        for _ in range(ITERATIONS):
            counter += 1  # read, add, write: the other thread can act in between


def count(locked: bool) -> int:
    global counter
    counter = 0
    start = threading.Barrier(2)
    threads = [threading.Thread(target=add, args=(start, locked)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counter


gil = getattr(sys, "_is_gil_enabled", lambda: True)()  # 3.13+; older builds always have it
print(f"GIL enabled: {gil}")
print(f"without a lock: {count(locked=False)} of {TOTAL}")
print(f"with threading.Lock: {count(locked=True)} of {TOTAL}")
