/**
 * A minimal async lock. `acquire()` resolves when the caller owns the lock;
 * waiters are served first come, first served. Like Python's asyncio.Lock.
 */
export class Mutex {
  #locked = false;
  readonly #waiting: (() => void)[] = [];

  acquire(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
    });
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) {
      next(); // hand the lock straight to the next waiter: it stays locked
    } else {
      this.#locked = false;
    }
  }

  /** Runs `critical` while holding the lock, and releases it even on failure. */
  async run<T>(critical: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await critical();
    } finally {
      this.release();
    }
  }
}
