import type { SandpackTheme } from '@codesandbox/sandpack-react';

/**
 * The editor's colours are Starlight's own CSS variables, so the editor
 * follows the site's light/dark switch without re-rendering, and every pair
 * meets WCAG AA contrast (Sandpack's stock light theme does not: its line
 * numbers and active tab fall short).
 */
export const sandboxTheme: SandpackTheme = {
  colors: {
    surface1: 'var(--sl-color-bg)',
    surface2: 'var(--sl-color-gray-5)',
    surface3: 'var(--sl-color-gray-6)',
    disabled: 'var(--sl-color-gray-3)',
    base: 'var(--sl-color-gray-2)',
    clickable: 'var(--sl-color-gray-2)',
    hover: 'var(--sl-color-white)',
    accent: 'var(--sl-color-accent-high)',
    error: 'var(--sl-color-red-high)',
    errorSurface: 'var(--sl-color-red-low)',
    warning: 'var(--sl-color-orange-high)',
    warningSurface: 'var(--sl-color-orange-low)',
  },
  syntax: {
    plain: 'var(--sl-color-white)',
    comment: { color: 'var(--sl-color-gray-2)', fontStyle: 'italic' },
    keyword: 'var(--sl-color-purple-high)',
    definition: 'var(--sl-color-blue-high)',
    punctuation: 'var(--sl-color-gray-2)',
    property: 'var(--sl-color-blue-high)',
    tag: 'var(--sl-color-red-high)',
    static: 'var(--sl-color-orange-high)',
    string: 'var(--sl-color-green-high)',
  },
  font: {
    body: 'var(--sl-font)',
    mono: 'var(--sl-font-mono)',
    size: '0.875rem',
    lineHeight: '1.6',
  },
};
