# The asyncio event loop has the same weakness: a ticker task prints every
# 100 ms, and a CPU-bound loop (no await inside) freezes it for 0.5 s.
import asyncio
import time

start = 0.0  # set when the loop starts, so that start-up does not count


def now() -> int:
    return round((time.perf_counter() - start) * 1000)


def busy_wait(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass  # spin: the event loop cannot run any other task meanwhile


async def ticker() -> None:
    previous = 0
    for tick in range(1, 5):
        await asyncio.sleep(0.1)
        at = now()
        print(f"tick {tick} at {at} ms (gap: {at - previous} ms)")
        previous = at


async def blocker() -> None:
    await asyncio.sleep(0.35)
    print(f"busy loop starts at {now()} ms")
    busy_wait(0.5)
    print(f"busy loop ends at {now()} ms")


async def main() -> None:
    global start
    start = time.perf_counter()
    await asyncio.gather(ticker(), blocker())


asyncio.run(main())
