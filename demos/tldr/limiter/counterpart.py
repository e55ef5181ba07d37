# I/O-bound work with a concurrency limit: asyncio.Semaphore, two at a time.
import asyncio
import time

LIMIT = 2
start = time.perf_counter()


def now() -> str:
    return f"{time.perf_counter() - start:.1f}"


async def download(slots: asyncio.Semaphore, file: str) -> str:
    async with slots:
        print(f"{now()} s  start {file}")
        await asyncio.sleep(0.2)
        return file


async def main() -> None:
    slots = asyncio.Semaphore(LIMIT)
    files = ["a.csv", "b.csv", "c.csv", "d.csv", "e.csv", "f.csv"]
    done = await asyncio.gather(*(download(slots, file) for file in files))
    print(f"{now()} s  done: {', '.join(done)}")


asyncio.run(main())
