/**
 * A fixed-size pool of Web Workers with a first-in, first-out queue.
 * `run(task)` hands the task to an idle worker, or queues it until one is
 * free, and resolves with the worker's reply. Workers start on first use.
 */
interface Job<Task, Result> {
  task: Task;
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
}

export class WorkerPool<Task, Result> {
  readonly size: number;
  readonly #create: () => Worker;
  readonly #all: Worker[] = [];
  readonly #idle: Worker[] = [];
  readonly #queue: Job<Task, Result>[] = [];

  constructor(create: () => Worker, size: number) {
    this.#create = create;
    this.size = size;
  }

  run(task: Task): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ task, resolve, reject });
      this.#dispatch();
    });
  }

  terminate(): void {
    for (const worker of this.#all) worker.terminate();
  }

  #dispatch(): void {
    const job = this.#queue[0];
    if (!job) return; // nothing to do
    const worker = this.#idle.pop() ?? this.#spawn();
    if (!worker) return; // every worker is busy: the job waits in the queue
    this.#queue.shift();
    const done = () => {
      this.#idle.push(worker);
      this.#dispatch();
    };
    worker.onmessage = (event: MessageEvent<Result>) => {
      job.resolve(event.data);
      done();
    };
    worker.onerror = (event) => {
      job.reject(new Error(event.message));
      done();
    };
    worker.postMessage(job.task);
    this.#dispatch(); // more jobs waiting, and more workers to give them to?
  }

  #spawn(): Worker | undefined {
    if (this.#all.length >= this.size) return undefined;
    const worker = this.#create();
    this.#all.push(worker);
    return worker;
  }
}
