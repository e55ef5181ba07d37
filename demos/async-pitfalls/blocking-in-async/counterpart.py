# The most common asyncio bug: a blocking call inside `async def`. time.sleep,
# requests.get or a slow file read holds the event loop; every other task
# waits. asyncio.to_thread runs the call in a thread and awaits the result.
import asyncio
import time

ticks = 0


async def ticker() -> None:
    global ticks
    while True:
        await asyncio.sleep(0.05)
        ticks += 1


async def blocking_step() -> None:
    time.sleep(0.5)  # blocks the loop, async def or not


async def offloaded_step() -> None:
    await asyncio.to_thread(time.sleep, 0.5)  # the loop is free meanwhile


async def main() -> None:
    global ticks
    task = asyncio.create_task(ticker())
    await asyncio.sleep(0)  # let the ticker start

    ticks = 0
    await blocking_step()
    print(f"ticks during the blocking step: {ticks}")

    ticks = 0
    await offloaded_step()
    print(f"ticker kept ticking during the offloaded step: {ticks >= 5}")
    task.cancel()


asyncio.run(main())
