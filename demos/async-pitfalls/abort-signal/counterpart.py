# Python cancels from the outside: it raises CancelledError inside the task,
# at the await where it is waiting. download() takes no signal and checks
# nothing; it only sees the exception arrive (and must let it through).
import asyncio


async def download(mirror: str) -> str:
    try:
        for part in range(1, 6):
            await asyncio.sleep(0.2)
            print(f"{mirror}: part {part} of 5")
    except asyncio.CancelledError:
        print(f"{mirror}: CancelledError at its await")
        raise
    return f"report.pdf from {mirror}"


async def main() -> None:
    # A deadline (Python 3.11+): cancels the block's work, then raises TimeoutError.
    try:
        async with asyncio.timeout(0.3):
            await download("eu")
    except TimeoutError:
        print("eu stopped: TimeoutError")

    # By hand: whoever holds the task can cancel it.
    task = asyncio.create_task(download("us"))
    await asyncio.sleep(0.3)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print(f"us stopped: cancelled = {task.cancelled()}")


asyncio.run(main())
