# asyncio's version: a task fails and nobody retrieves its exception. The
# program goes on. asyncio reports "Task exception was never retrieved" only
# when the task object is destroyed: here at `del task`, since nothing else
# refers to it; otherwise at the next garbage collection or when the loop closes.
import asyncio


async def save(doc: str) -> None:
    await asyncio.sleep(0.1)  # simulate a write
    raise OSError(f"cannot save {doc}")


def report(loop: asyncio.AbstractEventLoop, context: dict[str, object]) -> None:
    # asyncio's default handler logs this to stderr, with a traceback; this
    # one prints the message on stdout, so that it can be checked.
    print(f"asyncio: {context['message']}: {context.get('exception')!r}")


async def main() -> None:
    asyncio.get_running_loop().set_exception_handler(report)
    print("saving doc 1; nobody awaits the task")
    task = asyncio.create_task(save("doc 1"))
    await asyncio.sleep(0.5)
    print(f"0.5 s later, still running; the task failed long ago: {task.done()}")
    del task  # the last reference: the task is destroyed, and asyncio speaks up
    print("end of main")


asyncio.run(main())
