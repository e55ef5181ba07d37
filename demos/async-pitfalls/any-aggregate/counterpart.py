# Python has no Promise.any; as_completed gives the first success by hand.
# ExceptionGroup, raised by asyncio.TaskGroup (3.11+), is the closest relative
# of AggregateError, but a task group fails fast: at the first failure it
# cancels the other tasks, so the group holds only the errors that happened.
import asyncio


async def download(mirror: str, seconds: float, up: bool) -> str:
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"  ({mirror} cancelled)")
        raise
    if not up:
        raise ConnectionError(f"{mirror} is down")
    return f"report.pdf from {mirror}"


async def first_success(*downloads: asyncio.Task[str]) -> str:
    errors: list[Exception] = []
    for next_done in asyncio.as_completed(downloads):
        try:
            return await next_done
        except ConnectionError as error:
            errors.append(error)
    raise ExceptionGroup("every download failed", errors)


async def main() -> None:
    # 'us' answers first but fails; 'asia' is the first to succeed.
    file = await first_success(
        asyncio.create_task(download("eu", 0.3, True)),
        asyncio.create_task(download("us", 0.1, False)),
        asyncio.create_task(download("asia", 0.2, True)),
    )
    print(file)

    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(download("eu", 0.1, False))
            group.create_task(download("us", 0.2, False))
    except* ConnectionError as failed:
        print(f"{type(failed).__name__}: {failed}")
        for error in failed.exceptions:
            print(f"  - {error}")


asyncio.run(main())
