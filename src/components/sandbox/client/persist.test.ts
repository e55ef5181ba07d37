import { describe, expect, it } from 'vitest';
import {
  clearEdits,
  dropStale,
  hashFiles,
  loadEdits,
  MAX_STORED,
  safeStorage,
  saveEdits,
  storageKey,
} from './persist';

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  failWrites = false;
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    if (this.failWrites) throw new DOMException('full', 'QuotaExceededError');
    this.items.set(key, value);
  }
}

const ORIGINALS = [
  { path: '/index.ts', code: "console.log('hi');\n" },
  { path: '/lib.ts', code: 'export const x = 1;\n' },
];

describe('persisted edits', () => {
  it('key on page, id and a hash of the original files that changes with their content', () => {
    const key = storageKey('/guide/', 'gather', ORIGINALS);
    expect(key.startsWith('sandbox-edits:v1:/guide/#gather:')).toBe(true);
    expect(hashFiles(ORIGINALS)).toBe(hashFiles([...ORIGINALS].reverse()));
    expect(hashFiles(ORIGINALS)).not.toBe(
      hashFiles([
        { path: '/index.ts', code: "console.log('hi!');\n" },
        { path: '/lib.ts', code: 'export const x = 1;\n' },
      ]),
    );
    expect(hashFiles([{ path: '/a', code: 'bc' }])).not.toBe(
      hashFiles([{ path: '/ab', code: 'c' }]),
    );
  });

  it('store only changed files and restore them; unchanged files clear the entry', () => {
    const storage = new MemoryStorage();
    const key = storageKey('/p/', 'x', ORIGINALS);
    expect(
      saveEdits(storage, key, ORIGINALS, {
        '/index.ts': 'edited',
        '/lib.ts': 'export const x = 1;\n',
      }),
    ).toBe(true);
    expect(JSON.parse(storage.getItem(key) ?? '')).toEqual({ '/index.ts': 'edited' });
    expect(loadEdits(storage, key, ORIGINALS)).toEqual({ '/index.ts': 'edited' });
    saveEdits(storage, key, ORIGINALS, { '/index.ts': "console.log('hi');\n" });
    expect(storage.getItem(key)).toBeNull();
    expect(loadEdits(storage, key, ORIGINALS)).toBeUndefined();
  });

  it('drop edits made against another version of the demo, and only this sandbox’s', () => {
    const storage = new MemoryStorage();
    const key = storageKey('/p/', 'x', ORIGINALS);
    storage.setItem('sandbox-edits:v1:/p/#x:old', '{"/index.ts":"stale"}');
    storage.setItem('sandbox-edits:v1:/p/#xy:old', '{"/index.ts":"other sandbox"}');
    storage.setItem(key, '{"/index.ts":"current"}');
    dropStale(storage, '/p/', 'x', key);
    expect(storage.getItem('sandbox-edits:v1:/p/#x:old')).toBeNull();
    expect(storage.getItem('sandbox-edits:v1:/p/#xy:old')).not.toBeNull();
    expect(loadEdits(storage, key, ORIGINALS)).toEqual({ '/index.ts': 'current' });
  });

  it('ignore and remove malformed entries and unknown files', () => {
    const storage = new MemoryStorage();
    storage.setItem('k', 'not json');
    expect(loadEdits(storage, 'k', ORIGINALS)).toBeUndefined();
    expect(storage.getItem('k')).toBeNull();
    storage.setItem('k', '{"/index.ts": 5}');
    expect(loadEdits(storage, 'k', ORIGINALS)).toBeUndefined();
    storage.setItem('k', '{"/evil.ts": "x"}');
    expect(loadEdits(storage, 'k', ORIGINALS)).toBeUndefined();
  });

  it('survive a missing, refusing or full storage', () => {
    expect(loadEdits(undefined, 'k', ORIGINALS)).toBeUndefined();
    expect(saveEdits(undefined, 'k', ORIGINALS, { '/index.ts': 'x' })).toBe(false);
    expect(clearEdits(undefined, 'k')).toBe(false);
    dropStale(undefined, '/p/', 'x', 'k');
    const full = new MemoryStorage();
    full.failWrites = true;
    expect(saveEdits(full, 'k', ORIGINALS, { '/index.ts': 'x' })).toBe(false);
    expect(
      saveEdits(new MemoryStorage(), 'k', ORIGINALS, { '/index.ts': 'x'.repeat(MAX_STORED + 1) }),
    ).toBe(false);
    const original = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    try {
      expect(safeStorage()).toBeUndefined();
    } finally {
      if (original) Object.defineProperty(globalThis, 'localStorage', original);
      else Reflect.deleteProperty(globalThis, 'localStorage');
    }
  });
});
