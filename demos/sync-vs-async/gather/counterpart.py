# Start every document first, then wait for all of them together.
# (The waits are 0.5 s here, half the TypeScript version, to keep the run short.)
import asyncio
import time


async def process_document(name: str) -> str:
    await asyncio.sleep(0.5)
    return f"{name} processed."


async def main() -> None:
    docs = [f"doc {i}" for i in range(5)]
    start = time.perf_counter()
    # gather wraps each coroutine in a task; the tasks start as soon as the
    # event loop gets control, and gather collects the results.
    results = await asyncio.gather(*(process_document(doc) for doc in docs))
    seconds = time.perf_counter() - start
    print(results)
    print(f"Total time taken: {seconds:.2f} s")


asyncio.run(main())
