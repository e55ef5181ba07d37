/**
 * The reader's edits kept across reloads, and the code a sandbox starts with
 * (shared through a link or restored from an earlier visit).
 */
import { useSandpack } from '@codesandbox/sandpack-react';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SandboxData } from '../shared/data';
import { clearEdits, saveEdits } from './persist';
import type { Start } from './restore';
// The banners this hook renders are styled with the share controls.
import './share.css';

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
  /** The banner above the editor (shared code, a broken link, restored edits). */
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
      <p className="sandbox-banner" data-sandbox-shared>
        You are viewing shared code — <a href={originalURL}>Back to the original</a>. It runs only
        when you press Run, and your changes to it are not saved.
      </p>
    );
  } else if (start.mode === 'broken') {
    notice = (
      <p className="sandbox-banner sandbox-banner-error" role="alert" data-sandbox-share-error>
        This share link could not be opened: {start.reason}. You are seeing the original code
        instead. <a href={originalURL}>Open the sandbox without the link</a>
      </p>
    );
  } else if (restored && editorState === 'dirty') {
    notice = (
      <p className="sandbox-banner" data-sandbox-restored>
        Your edits from an earlier visit are back. Reset restores the original code.
      </p>
    );
  }
  return useMemo<SavedEdits>(() => ({ restored, forget, notice }), [restored, forget, notice]);
}
