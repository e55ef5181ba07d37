import { describe, expect, it } from 'vitest';
import { sharedMemoryNotice } from './isolation';

const facts = {
  isolated: false,
  embedded: false,
  parentPath: '/threads-and-races/',
  base: '/',
  origin: 'https://guide.example',
};

describe('the shared-memory notice', () => {
  it('is not needed on an isolated page', () => {
    expect(sharedMemoryNotice({ ...facts, isolated: true })).toBeUndefined();
    expect(sharedMemoryNotice({ ...facts, isolated: true, embedded: true })).toBeUndefined();
  });

  it('sends an embed to its section on the site', () => {
    const notice = sharedMemoryNotice({
      ...facts,
      embedded: true,
      base: '/concurrency/',
      parentPath: '/concurrency/embed/threads-and-races/shared-counter/',
    });
    expect(notice).toMatch(
      /^SharedArrayBuffer is not available here: .*embedded in another site's page/,
    );
    expect(notice).toMatch(
      /https:\/\/guide\.example\/concurrency\/threads-and-races\/#shared-counter$/,
    );
  });

  it('says why on the site itself, without sending the reader elsewhere', () => {
    const notice = sharedMemoryNotice(facts) ?? '';
    expect(notice).toContain('not cross-origin isolated');
    expect(notice).toContain('service worker');
    expect(notice).not.toContain('https://');
    expect(notice.split(/[.;] (?=[A-Z])/)).toHaveLength(1);
  });
});
