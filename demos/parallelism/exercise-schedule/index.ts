// A pool gives each task, in list order, to the first worker that is free, and
// no task can be split. Complete finishTime so it says when the last task ends.
const TASKS = [100, 200, 300, 400]; // units of work; one unit takes one unit of time
const total = TASKS.reduce((sum, task) => sum + task, 0);

/** When the last of `tasks` ends on `workers` workers. */
function finishTime(tasks: number[], workers: number): number {
  // Too optimistic: this spreads the work evenly, as if tasks could be split.
  return tasks.reduce((sum, task) => sum + task, 0) / workers;
}

const largestFirst = [...TASKS].sort((a, b) => b - a);
const cases: [string, number[], number][] = [
  ['1 worker', TASKS, 1],
  ['2 workers, in order', TASKS, 2],
  ['2 workers, largest first', largestFirst, 2],
  ['4 workers', TASKS, 4],
  ['8 workers', TASKS, 8],
];
for (const [label, tasks, workers] of cases) {
  const time = finishTime(tasks, workers);
  console.log(`${label}: ${time} (speedup ${(total / time).toFixed(1)}×)`);
}

export {}; // this file is a module
