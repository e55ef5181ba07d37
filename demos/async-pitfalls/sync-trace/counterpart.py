# A synchronous failure: the traceback shows every caller, in order,
# through the same chain as the TypeScript: main → load_all → fetch_doc.
import traceback


def fetch_doc(n: int) -> str:
    if n == 2:
        raise ValueError(f"Bad doc {n}")
    print(f"loaded doc {n}")
    return f"doc {n}"


def load_all(ids: list[int]) -> list[str]:
    return [fetch_doc(n) for n in ids]


def main() -> None:
    try:
        docs = load_all([0, 1, 2, 3, 4])
        print(docs)
    except ValueError as error:
        print(f"{type(error).__name__}: {error}")
        for frame in traceback.extract_tb(error.__traceback__):
            print(f"  in {frame.name}: {frame.line}")


main()
# Python 3.11 runs a list comprehension in a frame of its own, <listcomp>, the
# counterpart of the arrow inside `.map`; from 3.12 it runs inline (PEP 709)
# and that line is gone.
