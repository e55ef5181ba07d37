# asyncio.wait(..., return_when=FIRST_COMPLETED) is asyncio's race: it returns
# the finished tasks and the pending ones, and the pending ones keep running.
# Unlike a promise, a task can be stopped: task.cancel().
import asyncio


async def download(mirror: str, seconds: float) -> str:
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"{mirror}: cancelled")
        raise
    print(f"{mirror}: download finished")
    return f"report.pdf from {mirror}"


async def main() -> None:
    eu = asyncio.create_task(download("eu", 0.3))
    us = asyncio.create_task(download("us", 0.1))
    done, pending = await asyncio.wait({eu, us}, return_when=asyncio.FIRST_COMPLETED)
    print(f"winner: {done.pop().result()}")
    await asyncio.wait(pending)  # the loser was not stopped: it finishes

    asia = asyncio.create_task(download("asia", 0.4))
    done, pending = await asyncio.wait({asia}, timeout=0.2)
    print(f"gave up after 0.2 s; still pending: {len(pending)}")
    for task in pending:
        task.cancel()  # what a promise cannot do
    await asyncio.wait(pending)


asyncio.run(main())
