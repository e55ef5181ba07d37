# asyncio has no setInterval; a ticker is a task that sleeps 100 ms in a loop.
# A busy loop from 250 ms to 750 ms freezes it, and the ticks that came due
# meanwhile are not made up afterwards either.
import asyncio
import math
import time


async def main() -> None:
    start = time.perf_counter()

    def now() -> float:
        return (time.perf_counter() - start) * 1000  # ms

    busy_from = busy_to = 0.0

    def busy_loop() -> None:
        nonlocal busy_from, busy_to
        busy_from = now()
        while now() < 750:
            pass  # CPU-bound work: no callback can run
        busy_to = now()

    asyncio.get_running_loop().call_later(0.25, busy_loop)

    ticks: list[float] = []
    while len(ticks) < 6:
        await asyncio.sleep(0.1)
        ticks.append(now())

    due = math.floor(busy_to / 100) - math.floor(busy_from / 100)
    right_after = [at for at in ticks if busy_to <= at < busy_to + 30]
    print(f"ticks that came due during the busy loop: {due}")
    print(f"ticks that ran as soon as it ended: {len(right_after)}")
    counted = len(ticks) / 10  # seconds, if every tick meant 100 ms
    print(f"after {len(ticks)} ticks, a tick counter says {counted} s")
    print(f"the clock is at least 0.35 s ahead of it: {now() / 1000 - counted >= 0.35}")


asyncio.run(main())
