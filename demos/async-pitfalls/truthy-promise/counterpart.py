# The same bug in Python: a coroutine object is truthy, so the check always
# passes. Python also warns at run time that the coroutine was never awaited
# (on stderr, not shown here).
import asyncio

docs = [f"doc {i}" for i in range(5)]


async def doc_exists(name: str) -> bool:
    await asyncio.sleep(0.1)  # simulate a database call
    return name in docs


async def read_document(name: str) -> str:
    if doc_exists(name):  # forgot `await`
        await asyncio.sleep(0.1)
        return f"{name} exists. Content: Lorem ipsum..."
    return f"{name} not found."


async def main() -> None:
    print(await read_document("doc 1"))
    print(await read_document("doc 9"))  # does not exist, yet…


asyncio.run(main())
