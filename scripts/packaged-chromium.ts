/**
 * Prints the path of the browser packaged in node_modules, unpacking it on
 * first use. `.ci/run` points CHROMIUM_PATH at it so CI drives the browser a
 * bare machine gets, whatever else this machine has installed.
 */
import { packagedChromium } from '../e2e/support/chromium.ts';

const path = await packagedChromium();
if (!path) {
  console.error('The packaged Chromium (@sparticuz/chromium) is not installed or not for this OS.');
  process.exit(1);
}
console.log(path);
