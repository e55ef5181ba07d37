# Calling an async function gives you a coroutine object, not its result.
import asyncio

docs = [f"doc {i}" for i in range(5)]


async def doc_exists(name: str) -> bool:
    await asyncio.sleep(0.1)  # simulate a database call
    return name in docs


async def main() -> None:
    answer = doc_exists("doc 1")  # forgot `await`
    print(answer)  # a coroutine object: its body has not even started
    print(await answer)  # awaiting runs it and gives the value


asyncio.run(main())
