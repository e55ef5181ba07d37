# Three orders at a counter, with asyncio: each order is placed at once.
import asyncio
import time


async def order(dish: str, cooking_s: float) -> str:
    print(f"ordered {dish}")
    await asyncio.sleep(cooking_s)  # the kitchen works; the counter takes the next order
    print(f"{dish} is ready")
    return dish


async def main() -> None:
    start = time.perf_counter()
    meals = await asyncio.gather(order("soup", 0.3), order("pizza", 0.5), order("salad", 0.1))
    seconds = time.perf_counter() - start
    print(meals)
    print(f"all served after {seconds:.2f} s (the slowest dish), not 0.90 s (the sum)")


asyncio.run(main())
