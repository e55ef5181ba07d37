// Node 15 and later end the process on an unhandled rejection. To show it,
// this script runs the sandbox's program in a child Node process and reports
// what that process printed and how it ended.
import { spawnSync } from 'node:child_process';

const program = `
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  async function save(doc) {
    await sleep(100);
    throw new Error('cannot save ' + doc);
  }
  console.log('saving doc 1; nobody awaits it, nobody catches');
  void save('doc 1');
  setTimeout(() => console.log('never printed'), 500);
`;

const child = spawnSync(process.execPath, ['--input-type=module', '--eval', program], {
  encoding: 'utf8',
});
const error = child.stderr.split('\n').find((line) => line.startsWith('Error:'));
console.log(`stdout: ${child.stdout.trim()}`);
console.log(`stderr: ${error ?? '(no error line)'}`);
console.log(`exit code: ${String(child.status)}`);

// A handler for the process's 'unhandledRejection' event replaces the exit.
process.on('unhandledRejection', (reason) => {
  console.log(
    `unhandledRejection event: ${reason instanceof Error ? reason.message : String(reason)}`,
  );
});
void Promise.reject(new Error('cannot save doc 2'));
setTimeout(() => {
  console.log('still running: with a handler, Node does not exit');
}, 100);
