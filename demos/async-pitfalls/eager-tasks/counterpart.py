# Python 3.12+: with the eager task factory, create_task runs the coroutine at
# once, up to its first real suspension, like calling a JavaScript async
# function. By default the task only starts when the loop next gets control.
import asyncio


async def work(name: str) -> None:
    print(f"{name}: started")
    await asyncio.sleep(0)  # the first suspension: the caller resumes here
    print(f"{name}: resumed")


async def main() -> None:
    print("default:")
    task = asyncio.create_task(work("task"))
    print("caller: after create_task")
    await task

    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    print("eager_task_factory:")
    task = asyncio.create_task(work("task"))
    print("caller: after create_task")
    await task


asyncio.run(main())
