/**
 * Which code a sandbox opens with: code shared through the URL, the reader's
 * own edits from an earlier visit, or the original demo.
 */
import { dropStale, loadEdits, type FileLike } from './persist';
import { sharedPayloadFor } from './hash';
import { decodeShare } from './share';

export type Start =
  /** The reader's own sandbox: edits are saved, earlier ones restored (`files`). */
  | { mode: 'own'; files?: Record<string, string> }
  /** Code from a share link: shown, not saved, not run until the reader presses Run. */
  | { mode: 'shared'; files: Record<string, string> }
  /** A share link that could not be read: the original demo and a message. */
  | { mode: 'broken'; reason: string };

export interface StartInput {
  /** `location.hash` */
  hash: string;
  page: string;
  id: string;
  originals: readonly FileLike[];
  storage: Storage | undefined;
  key: string;
}

export function chooseStart({ hash, page, id, originals, storage, key }: StartInput): Start {
  const payload = sharedPayloadFor(hash, id);
  if (payload !== undefined) {
    const decoded = decodeShare(
      payload,
      originals.map((file) => file.path),
    );
    return decoded.ok
      ? { mode: 'shared', files: decoded.files }
      : { mode: 'broken', reason: decoded.reason };
  }
  dropStale(storage, page, id, key);
  const files = loadEdits(storage, key, originals);
  return files ? { mode: 'own', files } : { mode: 'own' };
}
