# The same lost update with asyncio: one thread, no parallelism, still a race.
import asyncio

balance = 100


async def deposit(who: str, amount: int, latency: float) -> None:
    global balance
    read = balance  # read
    print(f"{who} reads {read}")
    await asyncio.sleep(latency)  # other code runs here
    balance = read + amount  # modify and write, from a stale read
    print(f"{who} writes {balance}")


async def main() -> None:
    await asyncio.gather(deposit("Alice", 50, 0.1), deposit("Bob", 30, 0.05))
    print(f"final balance: {balance} (expected {100 + 50 + 30})")


asyncio.run(main())
