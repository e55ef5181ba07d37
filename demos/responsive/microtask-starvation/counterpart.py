# asyncio has no microtask queue, but it has the same trap: awaiting a
# coroutine that never suspends does not give the loop a turn at all. Only an
# await that really waits (a sleep, I/O, a pending future) lets a callback run.
import asyncio
import time


async def nothing() -> None:
    return None  # finishes without ever suspending


async def main() -> None:
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    timer_ran_at = -1.0
    timer_done = loop.create_future()

    def timer() -> None:
        nonlocal timer_ran_at
        timer_ran_at = time.perf_counter() - start
        timer_done.set_result(None)

    loop.call_later(0, timer)
    awaits = 0
    while time.perf_counter() - start < 0.3:
        await nothing()  # runs at once: the loop never gets a turn
        awaits += 1
    stopped_at = time.perf_counter() - start
    still_waiting = timer_ran_at < 0

    await timer_done  # a real suspension: now the waiting callback runs
    ran_right_after = 0 <= timer_ran_at - stopped_at < 0.05
    print("a 0 ms timer, then 300 ms of `await nothing()` in a loop")
    print(f"awaits in those 300 ms: over 10 000: {awaits > 10_000}")
    print(f"the timer was still waiting when the loop stopped: {still_waiting}")
    print(f"it ran right after (within 50 ms): {ran_right_after}")


asyncio.run(main())
