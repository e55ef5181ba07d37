import type { Ref } from 'react';
import { Icon, partId } from './SandboxView';

/** The Share button, the same before and after the editor loads (its menu is the editor's). */
export function ShareButton({
  id,
  open,
  onClick,
  ref,
}: {
  id: string;
  open: boolean;
  onClick?: () => void;
  ref?: Ref<HTMLButtonElement>;
}) {
  return (
    <button
      ref={ref}
      type="button"
      className="sandbox-button sandbox-share"
      data-sandbox-share=""
      aria-haspopup="menu"
      aria-expanded={open}
      aria-controls={open ? partId(id, 'share-menu') : undefined}
      onClick={onClick}
    >
      Share
      <Icon name="share" />
    </button>
  );
}
