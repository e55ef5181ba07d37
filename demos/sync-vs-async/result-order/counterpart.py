# Documents that take different times finish in a different order from the
# one they started in, yet gather returns results in the order of its input.
import asyncio


async def process_document(name: str, ms: int) -> str:
    await asyncio.sleep(ms / 1000)
    print(f"finished {name} after {ms} ms")
    return f"{name} processed."


async def main() -> None:
    work = [("doc 0", 500), ("doc 1", 100), ("doc 2", 400), ("doc 3", 200), ("doc 4", 300)]
    results = await asyncio.gather(*(process_document(name, ms) for name, ms in work))
    print(results)


asyncio.run(main())
