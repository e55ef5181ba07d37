# The same deposits with asyncio.Lock around the read-modify-write.
import asyncio

balance = 100


async def deposit(lock: asyncio.Lock, who: str, amount: int, latency: float) -> None:
    global balance
    async with lock:
        read = balance
        print(f"{who} reads {read}")
        await asyncio.sleep(latency)
        balance = read + amount
        print(f"{who} writes {balance}")


async def main() -> None:
    lock = asyncio.Lock()
    await asyncio.gather(deposit(lock, "Alice", 50, 0.1), deposit(lock, "Bob", 30, 0.05))
    print(f"final balance: {balance} (expected {100 + 50 + 30})")


asyncio.run(main())
