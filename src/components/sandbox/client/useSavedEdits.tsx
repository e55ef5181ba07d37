/**
 * The reader's edits kept across reloads, and the code a sandbox starts with
 * (shared through a link or restored from an earlier visit).
 */
import { useSandpack } from '@codesandbox/sandpack-react';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SandboxData } from '../shared/data';
import { clearEdits, saveEdits } from './persist';
import type { Start } from './restore';

/** Edits are written this long after the last keystroke (and when the page is hidden). */
const SAVE_DELAY = 400;

export interface Persistence {
  storage: Storage | undefined;
  key: string;
}

export interface SavedEdits {
  /** The editor shows edits restored from an earlier visit. */
  restored: boolean;
  /** Called by Reset: the stored copy goes too. */
  forget: () => void;
  /** What the code is, for the file bar: shared, from a broken link, restored edits. */
  notice: ReactNode;
}

/**
 * Applies the code a sandbox starts with (shared or restored), saves the
 * reader's edits with a debounce, and says what the reader is looking at.
 */
export function useSavedEdits(data: SandboxData, start: Start, persistence: Persistence) {
  const { sandpack } = useSandpack();
  const { updateFile, files, editorState } = sandpack;
  const { storage, key } = persistence;
  const initial = start.mode === 'broken' ? undefined : start.files;
  const [restored, setRestored] = useState(start.mode === 'own' && initial !== undefined);
  const originalURL = `#${data.id}`;
  const applied = useRef(false);
  /** False until the editor shows the starting code, so the originals are never saved over it. */
  const settled = useRef(initial === undefined);
  const pending = useRef<Record<string, string> | undefined>(undefined);

  useEffect(() => {
    if (applied.current || !initial) return;
    applied.current = true;
    for (const [path, code] of Object.entries(initial)) updateFile(path, code);
  }, [initial, updateFile]);

  const flush = useCallback(() => {
    const current = pending.current;
    if (!current) return;
    pending.current = undefined;
    saveEdits(storage, key, data.files, current);
  }, [storage, key, data.files]);

  const persisting = start.mode === 'own';
  useEffect(() => {
    if (!persisting) return undefined;
    const current = Object.fromEntries(
      data.files.map((file) => [file.path, files[file.path]?.code ?? file.code]),
    );
    if (!settled.current) {
      if (!initial || !Object.entries(initial).every(([path, code]) => current[path] === code)) {
        return undefined;
      }
      settled.current = true;
      return undefined;
    }
    pending.current = current;
    const timer = setTimeout(flush, SAVE_DELAY);
    return () => {
      clearTimeout(timer);
    };
  }, [persisting, files, data.files, initial, flush]);

  useEffect(() => {
    if (!persisting) return undefined;
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHide);
      flush();
    };
  }, [persisting, flush]);

  const forget = useCallback(() => {
    if (start.mode !== 'own') return;
    pending.current = undefined;
    clearEdits(storage, key);
    setRestored(false);
  }, [start.mode, storage, key]);

  let notice: ReactNode = null;
  if (start.mode === 'shared') {
    notice = (
      <span
        data-sandbox-shared=""
        title="Shared code runs only when you press Run, and your changes to it are not saved."
      >
        Shared code · <a href={originalURL}>Back to the original</a>
      </span>
    );
  } else if (start.mode === 'broken') {
    notice = (
      <span role="alert" data-sandbox-share-error="" title={start.reason}>
        This share link could not be opened ({start.reason}); the original code is shown.{' '}
        <a href={originalURL}>Open without the link</a>
      </span>
    );
  } else if (restored && editorState === 'dirty') {
    notice = (
      <span data-sandbox-restored="" title="Reset restores the original code">
        from your earlier visit
      </span>
    );
  }
  return useMemo<SavedEdits>(() => ({ restored, forget, notice }), [restored, forget, notice]);
}
