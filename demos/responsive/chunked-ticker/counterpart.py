# The same in asyncio: a ticker task every 50 ms, and 600 ms of CPU work in
# 60 chunks with `await asyncio.sleep(0)` after each, which hands the loop to
# every other task that is ready (asyncio has no nesting clamp).
import asyncio
import time

CHUNKS = 60


def work(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass  # CPU-bound work


async def main() -> None:
    start = time.perf_counter()
    done = 0
    ticks: list[tuple[float, float]] = []  # (time, progress)

    async def ticker() -> None:
        while True:
            await asyncio.sleep(0.05)
            ticks.append((time.perf_counter() - start, done / CHUNKS))

    ticking = asyncio.create_task(ticker())
    for _ in range(CHUNKS):
        work(0.01)
        done += 1
        await asyncio.sleep(0)  # give the loop back between chunks
    finished = time.perf_counter() - start
    ticking.cancel()

    times = [0.0] + [at for at, _ in ticks] + [finished]
    longest_gap = max(b - a for a, b in zip(times, times[1:]))
    rising = all(b[1] > a[1] for a, b in zip(ticks, ticks[1:]))
    print(f"600 ms of CPU work in {CHUNKS} chunks, an await asyncio.sleep(0) after each")
    print(f"the ticker ran at least 8 times while the work ran: {len(ticks) >= 8}")
    print(f"longest gap between ticks: under 200 ms: {longest_gap < 0.2}")
    print(f"the progress it read rose at every tick: {rising}")


asyncio.run(main())
