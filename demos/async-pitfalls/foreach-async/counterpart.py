# Python has no forEach, but the same slip is a loop that calls an async
# function without awaiting it. Python's coroutines are lazy, so here the
# forgotten saves never run at all (and Python warns on stderr that they were
# never awaited).
import asyncio

docs = [f"doc {i}" for i in range(3)]
saved: list[str] = []


async def save(doc: str) -> None:
    await asyncio.sleep(0.1)  # simulate a write
    saved.append(doc)


async def main() -> None:
    for doc in docs:
        save(doc)  # forgot `await`: a coroutine object, thrown away
    print(f"after the loop: {len(saved)} of 3 saved")
    await asyncio.sleep(0.2)
    print(f"200 ms later: {len(saved)} of 3 saved (they never started)")

    await asyncio.gather(*(save(doc) for doc in docs))  # the fix
    print(f"after gather: {len(saved)} of 3 saved")


asyncio.run(main())
