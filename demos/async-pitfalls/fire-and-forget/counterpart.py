# The event loop keeps only weak references to tasks. A task waiting on a
# timer or a socket is held by it, but one waiting on something only it can
# reach is garbage: the collector may destroy it mid-await (gc.collect() makes
# "may" happen now). The fix: keep each task in a set until it is done.
import asyncio
import gc


def report(loop: asyncio.AbstractEventLoop, context: dict[str, object]) -> None:
    print(f"asyncio: {context['message']}")  # stdout instead of the log


async def wait_for_reply(name: str) -> None:
    reply = asyncio.get_running_loop().create_future()  # only this task holds it
    try:
        await reply
    finally:
        print(f"{name}: finally block runs")


background: set[asyncio.Task[None]] = set()


async def main() -> None:
    asyncio.get_running_loop().set_exception_handler(report)

    asyncio.create_task(wait_for_reply("forgotten"))  # no reference kept
    await asyncio.sleep(0.1)
    gc.collect()
    print("after gc: the forgotten task is gone")

    task = asyncio.create_task(wait_for_reply("kept"))
    background.add(task)  # a strong reference…
    task.add_done_callback(background.discard)  # …dropped once the task is done
    await asyncio.sleep(0.1)
    gc.collect()
    print(f"after gc: the kept task is still waiting: {not task.done()}")
    task.cancel()  # end the demo: its finally block runs, and the set lets go
    await asyncio.wait({task})
    print(f"tasks still held: {len(background)}")


asyncio.run(main())
