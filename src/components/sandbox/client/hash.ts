/**
 * Reading a share fragment (`#<sandbox-id>:share=<payload>`). Kept apart from
 * share.ts so the script every page loads up front stays free of lz-string.
 */

/** Between the sandbox id and the payload in the fragment. */
export const SHARE_MARK = ':share=';

/** The sandbox id and payload of a share fragment, if the hash is one. */
export function parseShareHash(hash: string): { id: string; payload: string } | undefined {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  const at = fragment.indexOf(SHARE_MARK);
  if (at <= 0) return undefined;
  const id = fragment.slice(0, at);
  if (!/^[a-z][a-z0-9-]*$/.test(id)) return undefined;
  return { id, payload: fragment.slice(at + SHARE_MARK.length) };
}

/** The payload of a share fragment, if it names this sandbox. */
export function sharedPayloadFor(hash: string, id: string): string | undefined {
  const shared = parseShareHash(hash);
  return shared?.id === id ? shared.payload : undefined;
}
