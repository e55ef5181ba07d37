# A synchronous failure: the traceback shows every caller, in order.
import traceback


def fetch_doc(n: int) -> str:
    if n == 2:
        raise ValueError(f"Bad doc {n}")
    return f"doc {n}"


def main() -> None:
    for n in range(5):
        print(fetch_doc(n))


try:
    main()
except ValueError as error:
    print(f"{type(error).__name__}: {error}")
    for frame in traceback.extract_tb(error.__traceback__):
        print(f"  in {frame.name}: {frame.line}")
