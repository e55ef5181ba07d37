/**
 * Share: one button and one menu for everything that takes a sandbox beyond
 * this page (Copy link, Share with code, Open in CodeSandbox / StackBlitz,
 * Download, Embed). The menu, the link and embed panels and the "Link
 * copied" feedback are overlays anchored to the header's end, inside the
 * sandbox: they never move the code and are never cut off by it.
 */
import { useSandpack } from '@codesandbox/sandpack-react';
import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import type { SandboxData } from '../shared/data';
import { withModuleTail } from '../shared/tail';
import { ShareButton } from '../view/ShareButton';
import { partId } from '../view/SandboxView';
import { openInCodeSandbox, openInStackBlitz, saveFile, zipProject } from './fork';
import { copyText, embedSnippet, sandboxLink } from './links';
import { packageName, projectFiles } from './project';
import { LONG_URL, shareURL } from './share';

const FEEDBACK_FOR = 4_000;

interface Panel {
  kind: 'link' | 'share' | 'embed';
  label: string;
  text: string;
  note?: string;
}

export interface ShareParts {
  button: ReactNode;
  overlay: ReactNode;
}

/** The reader's files as shown (for links), or as a project (module tails put back). */
function useCurrentFiles(data: SandboxData) {
  const { sandpack } = useSandpack();
  const { files } = sandpack;
  return useCallback(
    (asProject: boolean) =>
      Object.fromEntries(
        data.files.map((file) => {
          const code = files[file.path]?.code ?? file.code;
          return [file.path, asProject ? withModuleTail(code, file.tail) : code];
        }),
      ),
    [data.files, files],
  );
}

export function useShareMenu(data: SandboxData, openAtStart: boolean): ShareParts {
  const currentFiles = useCurrentFiles(data);
  const [open, setOpen] = useState(openAtStart);
  const [panel, setPanel] = useState<Panel | undefined>();
  const [feedback, setFeedback] = useState('');
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
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

  useEffect(() => {
    if (!open) return undefined;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    // The fork libraries load while the reader picks.
    void import('fflate');
    void import('@stackblitz/sdk');
    const closeOutside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => {
      document.removeEventListener('pointerdown', closeOutside);
    };
  }, [open]);

  const closeMenu = (focusButton: boolean) => {
    setOpen(false);
    if (focusButton) button.current?.focus();
  };

  const showPanel = (next: Panel) => {
    setOpen(false);
    setPanel(next);
  };

  const closePanel = () => {
    setPanel(undefined);
    button.current?.focus();
  };

  const source = () => ({
    id: data.id,
    title: data.title,
    sectionURL: sandboxLink(location.origin, data.page, data.id),
    files: currentFiles(true),
  });

  const copyLink = async () => {
    closeMenu(true);
    const link = sandboxLink(location.origin, data.page, data.id);
    if (await copyText(link)) setFeedback('Link copied');
    else showPanel({ kind: 'link', label: 'Link to this sandbox', text: link });
  };

  const share = async () => {
    const url = shareURL(location.origin, data.page, data.id, currentFiles(false));
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
    setFeedback((await copyText(url)) ? 'Share link copied' : '');
  };

  const embed = () => {
    showPanel({
      kind: 'embed',
      label: 'Embed code for a course page',
      text: embedSnippet(new URL(data.embed, location.origin).href, data.title),
    });
  };

  const codeSandbox = () => {
    closeMenu(true);
    openInCodeSandbox(projectFiles(source()));
  };

  const stackBlitz = async () => {
    closeMenu(true);
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
    closeMenu(true);
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

  /** The ARIA menu pattern: arrows move, Home/End jump, Escape closes and returns focus. */
  const menuKeys = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]')];
    const index = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    };
    if (event.key === 'Escape') {
      event.preventDefault();
      closeMenu(true);
    } else if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(items.length - 1);
    else if (event.key === 'Tab') setOpen(false);
  };

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

  const overlay = (
    <>
      <div
        ref={menu}
        className="sandbox-menu"
        id={partId(data.id, 'share-menu')}
        role="menu"
        aria-label={`Share ${data.title}`}
        hidden={!open}
        onKeyDown={menuKeys}
      >
        <button type="button" role="menuitem" tabIndex={-1} onClick={() => void copyLink()}>
          Copy link
        </button>
        <button type="button" role="menuitem" tabIndex={-1} onClick={() => void share()}>
          Share with code
        </button>
        <hr />
        <button type="button" role="menuitem" tabIndex={-1} onClick={codeSandbox}>
          Open in CodeSandbox
        </button>
        <button type="button" role="menuitem" tabIndex={-1} onClick={() => void stackBlitz()}>
          Open in StackBlitz
        </button>
        <button type="button" role="menuitem" tabIndex={-1} onClick={() => void download()}>
          Download project (.zip)
        </button>
        <hr />
        <button type="button" role="menuitem" tabIndex={-1} onClick={embed}>
          Embed in a course page
        </button>
      </div>
      {panel && (
        <div
          className="sandbox-popover"
          role="dialog"
          aria-label={panel.label}
          data-sandbox-panel={panel.kind}
          onKeyDown={panelKeys}
        >
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
          <p className="sandbox-panel-note" role="status" data-sandbox-feedback="">
            {feedback}
          </p>
          <div className="sandbox-popover-actions">
            <button type="button" className="sandbox-button" onClick={() => void copyPanel()}>
              Copy
            </button>
            <button type="button" className="sandbox-button" onClick={closePanel}>
              Close
            </button>
          </div>
        </div>
      )}
      {!panel && (
        <div className="sandbox-feedback" role="status" data-sandbox-feedback="">
          {feedback}
        </div>
      )}
    </>
  );

  return {
    button: (
      <ShareButton
        ref={button}
        id={data.id}
        open={open}
        onClick={() => {
          setPanel(undefined);
          setOpen((was) => !was);
        }}
      />
    ),
    overlay,
  };
}
