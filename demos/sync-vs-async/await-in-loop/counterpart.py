# The trap: `await` inside a loop. Each document starts only after the
# previous one has finished, so the waits add up.
# (The waits are 0.5 s here, half the TypeScript version, to keep the run short.)
import asyncio
import time


async def process_document(name: str) -> str:
    await asyncio.sleep(0.5)  # waiting (a network call, a database query…)
    return f"{name} processed."


async def main() -> None:
    docs = [f"doc {i}" for i in range(5)]
    start = time.perf_counter()
    for doc in docs:
        result = await process_document(doc)  # waits here before the next doc starts
        print(f"{result} (after {time.perf_counter() - start:.2f} s)")
    print(f"Total time taken: {time.perf_counter() - start:.2f} s")


asyncio.run(main())
