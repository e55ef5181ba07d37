# Marking CPU-bound work `async` does not run it in parallel: a coroutine
# without an `await` inside never gives the event loop back.
import asyncio
import time

start = 0.0  # set when the loop starts, so that start-up does not count


def now() -> str:
    return f"{time.perf_counter() - start:.2f}"


def busy_wait(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass  # CPU-bound work


async def crunch(name: str, seconds: float) -> str:
    print(f"{name} starts at {now()} s")
    busy_wait(seconds)
    print(f"{name} ends at {now()} s")
    return name


async def main() -> None:
    global start
    start = time.perf_counter()
    await asyncio.gather(crunch("task A", 0.25), crunch("task B", 0.25))
    print(f"both done after {now()} s: the sum of their times, not the longest")


asyncio.run(main())
