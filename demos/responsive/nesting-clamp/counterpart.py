# asyncio has no nesting clamp: a callback that schedules the next one with
# loop.call_later(0, ...) (the closest thing to setTimeout(next, 0)) waits
# only for the loop's next turn, however deep the chain.
import asyncio
import time


async def main() -> None:
    loop = asyncio.get_running_loop()
    finished = loop.create_future()
    waits: list[float] = []
    last = time.perf_counter()

    def next_callback() -> None:
        nonlocal last
        now = time.perf_counter()
        waits.append(now - last)
        last = now
        if len(waits) < 1000:
            loop.call_later(0, next_callback)
        else:
            finished.set_result(None)

    loop.call_later(0, next_callback)
    await finished
    deep = waits[6:]
    average_ms = sum(deep) / len(deep) * 1000
    print("1000 callbacks, each set with loop.call_later(0, next) in the previous one")
    print(f"callbacks 7 to 1000: under 1 ms each on average: {average_ms < 1}")


asyncio.run(main())
