# In asyncio, `await asyncio.sleep(0)` is the one way to yield: no clamp, and
# no priorities. The loop runs ready callbacks in the order they became ready,
# so a timer that is due runs between two chunks of work.
import asyncio
import time


def work(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass  # a chunk of CPU work


async def main() -> None:
    print("yielding with: await asyncio.sleep(0)")
    start = time.perf_counter()
    for _ in range(100):
        await asyncio.sleep(0)
    took = time.perf_counter() - start
    print(f"100 yields took under 50 ms: {took < 0.05}")

    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    timer_ran_at = -1.0

    def timer() -> None:
        nonlocal timer_ran_at
        timer_ran_at = time.perf_counter() - start

    loop.call_later(0, timer)
    while time.perf_counter() - start < 0.2:
        work(0.01)
        await asyncio.sleep(0)
    work_ended = time.perf_counter() - start
    ran_between = 0 <= timer_ran_at < work_ended
    print(f"a timer due at 0 ms ran before the 200 ms of chunks were done: {ran_between}")


asyncio.run(main())
