import { describe, expect, it } from 'vitest';
import { storageKey } from './persist';
import { chooseStart } from './restore';
import { encodeShare } from './share';

const originals = [{ path: '/index.ts', code: 'original' }];
const key = storageKey('/p/', 'x', originals);

function storageWith(entries: Record<string, string>): Storage {
  const items = new Map(Object.entries(entries));
  return {
    get length() {
      return items.size;
    },
    clear: () => {
      items.clear();
    },
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => {
      items.delete(k);
    },
    setItem: (k, v) => {
      items.set(k, v);
    },
  };
}

describe('the code a sandbox opens with', () => {
  const base = { page: '/p/', id: 'x', originals, key };

  it('is the original without stored edits or a share link', () => {
    expect(chooseStart({ ...base, hash: '', storage: undefined })).toEqual({ mode: 'own' });
  });

  it('restores stored edits', () => {
    const storage = storageWith({ [key]: '{"/index.ts":"mine"}' });
    expect(chooseStart({ ...base, hash: '#x', storage })).toEqual({
      mode: 'own',
      files: { '/index.ts': 'mine' },
    });
  });

  it('prefers a share link for this sandbox over stored edits, and never touches storage then', () => {
    const storage = storageWith({
      [key]: '{"/index.ts":"mine"}',
      'sandbox-edits:v1:/p/#x:old': '{}',
    });
    const hash = `#x:share=${encodeShare({ '/index.ts': 'theirs' })}`;
    expect(chooseStart({ ...base, hash, storage })).toEqual({
      mode: 'shared',
      files: { '/index.ts': 'theirs' },
    });
    expect(storage.length).toBe(2);
  });

  it('reports a broken share link', () => {
    const start = chooseStart({ ...base, hash: '#x:share=garbage!', storage: undefined });
    expect(start.mode).toBe('broken');
  });

  it('ignores a share link for another sandbox', () => {
    const hash = `#y:share=${encodeShare({ '/index.ts': 'theirs' })}`;
    expect(chooseStart({ ...base, hash, storage: undefined })).toEqual({ mode: 'own' });
  });
});
