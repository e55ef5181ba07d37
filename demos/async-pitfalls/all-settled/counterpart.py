# gather(..., return_exceptions=True) is asyncio's allSettled: every task runs
# to the end and exceptions come back as values in the result list.
import asyncio


async def fetch_doc(n: int) -> str:
    await asyncio.sleep(0.1 * n)
    if n == 2:
        raise ValueError(f"Bad doc {n}")
    return f"doc {n}"


async def main() -> None:
    outcomes = await asyncio.gather(*(fetch_doc(n) for n in range(5)), return_exceptions=True)
    for n, outcome in enumerate(outcomes):
        if isinstance(outcome, BaseException):
            print(f"{n}: failed {outcome}")
        else:
            print(f"{n}: ok     {outcome}")
    print([type(outcome).__name__ for outcome in outcomes])


asyncio.run(main())
