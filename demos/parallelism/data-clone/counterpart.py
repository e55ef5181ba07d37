# A process pool pickles what it sends. pickle stores a function by reference
# (module and name), and the child process must find it under that name.
import pickle
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor


def sum_of_squares(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


# The same function in code that has no file, like a notebook cell (run with `python -c`),
# sent to a process pool started with the method given on the command line.
CELL = """
import multiprocessing, sys
from concurrent.futures import ProcessPoolExecutor

def sum_of_squares(n):
    return sum(i * i for i in range(n))

context = multiprocessing.get_context(sys.argv[1])
try:
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        print(f"the worker computed {pool.submit(sum_of_squares, 1000).result()}")
except Exception as error:
    print(type(error).__name__)
"""

if __name__ == "__main__":
    # 1. A function is pickled as "look up sum_of_squares in module __main__":
    data = pickle.dumps(sum_of_squares)
    print(b"__main__" in data and b"sum_of_squares" in data, f"({len(data)} bytes, no code)")

    # 2. A lambda has no name to look up, so it cannot be pickled at all.
    try:
        pickle.dumps(lambda i: i * i)
    except pickle.PicklingError as error:
        print(type(error).__name__)

    # 3. From a script file, the child can import __main__ and find the function.
    with ProcessPoolExecutor(max_workers=1) as pool:
        print(f"the worker computed {pool.submit(sum_of_squares, 1000).result()}")

    # 4. Without a file, spawn and forkserver start a fresh interpreter that cannot
    #    find the function; fork copies the parent, the function included.
    for method in ("spawn", "forkserver", "fork"):
        cell = subprocess.run(
            [sys.executable, "-c", CELL, method], capture_output=True, text=True, timeout=30
        )
        why = [line for line in cell.stderr.splitlines() if line.startswith("AttributeError")]
        print(f"no file, {method}: {cell.stdout.strip()}")
        for line in why[:1]:  # the error the child printed
            print(f"  {line}")
