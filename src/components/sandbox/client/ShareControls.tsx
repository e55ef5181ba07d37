/**
 * Everything that takes a sandbox beyond this page: Copy link, Share (the
 * code in the URL), Open in CodeSandbox / StackBlitz, Download, Embed.
 */
import { useSandpack } from '@codesandbox/sandpack-react';
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { SandboxData } from '../shared/data';
import { openInCodeSandbox, openInStackBlitz, saveFile, zipProject } from './fork';
import { copyText, embedSnippet, sandboxLink } from './links';
import { packageName, projectFiles } from './project';
import { LONG_URL, shareURL } from './share';
import './share.css';

const FEEDBACK_FOR = 4_000;

/** The sandbox's current files, in the demo's order, hidden files included. */
function useCurrentFiles(data: SandboxData): () => Record<string, string> {
  const { sandpack } = useSandpack();
  const { files } = sandpack;
  return useCallback(
    () =>
      Object.fromEntries(
        data.files.map((file) => [file.path, files[file.path]?.code ?? file.code]),
      ),
    [data.files, files],
  );
}

interface Panel {
  kind: 'link' | 'share' | 'embed';
  label: string;
  text: string;
  note?: string;
}

export function ShareControls({ data }: { data: SandboxData }) {
  const currentFiles = useCurrentFiles(data);
  const [panel, setPanel] = useState<Panel | undefined>();
  const [feedback, setFeedback] = useState('');
  const more = useRef<HTMLDetailsElement>(null);
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const fieldId = useId();

  useEffect(() => {
    if (!feedback) return undefined;
    const timer = setTimeout(() => {
      setFeedback('');
    }, FEEDBACK_FOR);
    return () => {
      clearTimeout(timer);
    };
  }, [feedback]);

  useEffect(() => {
    if (panel) field.current?.focus();
  }, [panel]);

  const closeMenu = () => {
    if (more.current?.open) more.current.open = false;
  };

  const showPanel = (next: Panel) => {
    returnFocus.current =
      document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (returnFocus.current?.closest('.sandbox-menu')) {
      returnFocus.current = more.current?.querySelector('summary') ?? null;
    }
    setPanel(next);
    closeMenu();
  };

  const closePanel = () => {
    setPanel(undefined);
    returnFocus.current?.focus();
  };

  const source = () => ({
    id: data.id,
    title: data.title,
    sectionURL: sandboxLink(location.origin, data.page, data.id),
    files: currentFiles(),
  });

  const copyLink = async () => {
    const link = sandboxLink(location.origin, data.page, data.id);
    if (await copyText(link)) {
      setFeedback('Link copied');
    } else {
      showPanel({ kind: 'link', label: 'Link to this sandbox', text: link });
      setFeedback('Copy the link from the field below');
    }
  };

  const share = async () => {
    const url = shareURL(location.origin, data.page, data.id, currentFiles());
    showPanel({
      kind: 'share',
      label: 'Share link (it carries your code)',
      text: url,
      ...(url.length > LONG_URL
        ? {
            note: `This link is ${url.length.toLocaleString('en')} characters long; some apps cut long links short. Download the project to pass on larger programs.`,
          }
        : {}),
    });
    setFeedback((await copyText(url)) ? 'Share link copied' : 'Copy the link from the field below');
  };

  const embed = () => {
    showPanel({
      kind: 'embed',
      label: 'Embed code for a course page',
      text: embedSnippet(new URL(data.embed, location.origin).href, data.title),
    });
  };

  const codeSandbox = () => {
    closeMenu();
    openInCodeSandbox(projectFiles(source()));
  };

  const stackBlitz = async () => {
    closeMenu();
    const project = source();
    try {
      await openInStackBlitz(projectFiles(project), {
        title: project.title,
        description: `From ${project.sectionURL}`,
      });
    } catch {
      setFeedback('Could not open StackBlitz');
    }
  };

  const download = async () => {
    closeMenu();
    const project = source();
    const folder = packageName(project.id);
    try {
      const zip = await zipProject(projectFiles(project), folder);
      saveFile(zip, `${folder}.zip`, 'application/zip');
      setFeedback('Download started');
    } catch {
      setFeedback('Could not create the download');
    }
  };

  const preload = () => {
    if (more.current?.open) {
      void import('fflate');
      void import('@stackblitz/sdk');
    }
  };

  const menuKeys = (event: KeyboardEvent<HTMLDetailsElement>) => {
    if (event.key === 'Escape' && more.current?.open) {
      event.preventDefault();
      closeMenu();
      more.current.querySelector('summary')?.focus();
    }
  };

  useEffect(() => {
    const closeOutside = (event: PointerEvent) => {
      if (more.current?.open && !more.current.contains(event.target as Node)) closeMenu();
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => {
      document.removeEventListener('pointerdown', closeOutside);
    };
  }, []);

  const panelKeys = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      closePanel();
    }
  };

  const copyPanel = async () => {
    if (!panel) return;
    if (await copyText(panel.text)) setFeedback('Copied');
    else {
      field.current?.select();
      setFeedback('Press Ctrl+C (⌘C) to copy the selected text');
    }
  };

  return (
    <>
      <span className="sandbox-feedback" role="status" data-sandbox-feedback>
        {feedback}
      </span>
      <button type="button" onClick={() => void copyLink()}>
        Copy link
      </button>
      <button type="button" onClick={() => void share()}>
        Share
      </button>
      <details className="sandbox-more" ref={more} onToggle={preload} onKeyDown={menuKeys}>
        <summary>More</summary>
        <div className="sandbox-menu">
          <button type="button" onClick={codeSandbox}>
            Open in CodeSandbox
          </button>
          <button type="button" onClick={() => void stackBlitz()}>
            Open in StackBlitz
          </button>
          <button type="button" onClick={() => void download()}>
            Download project (.zip)
          </button>
          <button type="button" onClick={embed}>
            Embed
          </button>
        </div>
      </details>
      {panel && (
        <div className="sandbox-panel" data-sandbox-panel={panel.kind} onKeyDown={panelKeys}>
          <label htmlFor={fieldId}>{panel.label}</label>
          {panel.kind === 'embed' ? (
            <textarea
              ref={field}
              id={fieldId}
              readOnly
              rows={6}
              value={panel.text}
              spellCheck={false}
              onFocus={(event) => {
                event.currentTarget.select();
              }}
            />
          ) : (
            <input
              ref={field}
              id={fieldId}
              type="url"
              readOnly
              value={panel.text}
              spellCheck={false}
              onFocus={(event) => {
                event.currentTarget.select();
              }}
            />
          )}
          {panel.note && <p className="sandbox-panel-note">{panel.note}</p>}
          <div className="sandbox-panel-actions">
            <button type="button" onClick={() => void copyPanel()}>
              Copy
            </button>
            <button type="button" onClick={closePanel}>
              Close
            </button>
          </div>
        </div>
      )}
    </>
  );
}
