# A Python coroutine is lazy: calling the async function only creates it.
# Nothing in its body runs until it is awaited (or wrapped in a task).
import asyncio


async def work(name: str) -> str:
    print(f"{name}: started")
    await asyncio.sleep(0.1)
    print(f"{name}: finished")
    return name


async def main() -> None:
    coroutine = work("task")  # nothing printed: the body has not started
    print("called work(); nobody has awaited it yet")

    await asyncio.sleep(0.3)
    print("slept 300 ms; the coroutine still has not started")

    print(f"now awaiting it gives: {await coroutine}")

    # To start work eagerly, make it a task: it begins at the loop's next turn.
    task = asyncio.create_task(work("eager task"))
    await asyncio.sleep(0.3)
    print("slept 300 ms; the task ran meanwhile")
    print(f"awaiting the task gives: {await task}")


asyncio.run(main())
