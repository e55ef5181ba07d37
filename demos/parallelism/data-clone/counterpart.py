# A process pool pickles what it sends. pickle stores a function by reference
# (module and name), and the child process must import it by that name.
import pickle
from concurrent.futures import ProcessPoolExecutor


def sum_of_squares(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


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
    #    In a notebook it cannot (there is no file), hence the notebook's error.
    with ProcessPoolExecutor(max_workers=1) as pool:
        print(f"the worker computed {pool.submit(sum_of_squares, 1000).result()}")
