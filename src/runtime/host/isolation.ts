/**
 * What a sandbox says when its program touches `SharedArrayBuffer` on a page
 * that is not cross-origin isolated, where browsers leave it out: one
 * sentence with the reason and the way to a page where it runs.
 */
import { sectionOfEmbed } from '../../components/sandbox/shared/paths';

export interface IsolationFacts {
  /** `crossOriginIsolated` of the runtime page (its sandbox frame inherits it). */
  isolated: boolean;
  /** Whether the top page is another site's, as for an embed in a course page. */
  embedded: boolean;
  /** Path of the page that holds the sandbox (a chapter or an embed page). */
  parentPath: string;
  base: string;
  origin: string;
}

export function sharedMemoryNotice(facts: IsolationFacts): string | undefined {
  if (facts.isolated) return undefined;
  const lead = 'SharedArrayBuffer is not available here:';
  if (facts.embedded) {
    const section = sectionOfEmbed(facts.base, facts.parentPath) ?? facts.parentPath;
    return (
      `${lead} this sandbox is embedded in another site's page, which cannot be cross-origin ` +
      `isolated; open it on the guide's own site to run it: ${new URL(section, facts.origin).href}`
    );
  }
  return (
    `${lead} this page is not cross-origin isolated (its server sends no isolation headers and ` +
    `the site's service worker is not running, as in a private window); reload the page, or ` +
    `open it in a browser that allows service workers, to run it.`
  );
}
