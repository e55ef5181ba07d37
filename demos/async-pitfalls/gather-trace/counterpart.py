# The same failure inside asyncio.gather, through the same chain:
# main → load_all → the generator expression → fetch_doc.
import asyncio
import traceback


async def fetch_doc(n: int) -> str:
    await asyncio.sleep(0.1 * n)  # simulate I/O
    if n == 2:
        raise ValueError(f"Bad doc {n}")
    print(f"loaded doc {n}")
    return f"doc {n}"


async def load_all(ids: list[int]) -> list[str]:
    return await asyncio.gather(*(fetch_doc(n) for n in ids))


async def main() -> None:
    try:
        docs = await load_all([0, 1, 2, 3, 4])
        print(docs)
    except ValueError as error:
        print(f"{type(error).__name__}: {error}")
        for frame in traceback.extract_tb(error.__traceback__):
            print(f"  in {frame.name}: {frame.line}")
    # gather gave up at the first failure, but nothing cancelled the others:
    # wait a little and watch docs 3 and 4 finish anyway.
    await asyncio.sleep(0.3)


asyncio.run(main())
