import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ISOLATION_HEADERS, withIsolation } from './isolation';

const isolation = Object.entries(ISOLATION_HEADERS);

/** A response as the browser labels it, which Node's `Response` constructor cannot make. */
function labelled(response: Response, fields: Partial<Pick<Response, 'type' | 'redirected'>>) {
  for (const [name, value] of Object.entries(fields)) {
    Object.defineProperty(response, name, { value });
  }
  return response;
}

describe('withIsolation', () => {
  it('adds the isolation headers and keeps status, text, headers and body', async () => {
    const original = new Response('<h1>hi</h1>', {
      status: 201,
      statusText: 'Made',
      headers: {
        'Content-Type': 'text/html',
        ETag: '"1"',
        'Cross-Origin-Opener-Policy': 'unsafe-none',
      },
    });
    const isolated = withIsolation(original);
    for (const [name, value] of isolation) expect(isolated.headers.get(name)).toBe(value);
    expect(isolated.status).toBe(201);
    expect(isolated.statusText).toBe('Made');
    expect(isolated.headers.get('Content-Type')).toBe('text/html');
    expect(isolated.headers.get('ETag')).toBe('"1"');
    expect(await isolated.text()).toBe('<h1>hi</h1>');
  });

  it('rebuilds responses that must have no body', () => {
    const isolated = withIsolation(new Response(null, { status: 204 }));
    expect(isolated.status).toBe(204);
    expect(isolated.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
  });

  it('leaves error, cross-origin, opaque and redirected responses as they are', () => {
    const untouched = [
      Response.error(),
      labelled(new Response('x'), { type: 'cors' }),
      labelled(new Response('x'), { type: 'opaque' }),
      labelled(new Response('x'), { redirected: true }),
    ];
    for (const response of untouched) expect(withIsolation(response)).toBe(response);
  });

  it('public/_headers sends the same headers to every path', () => {
    const lines = readFileSync('public/_headers', 'utf8')
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'));
    expect(lines[0]).toBe('/*');
    expect(lines.slice(1).map((line) => line.trim())).toEqual(
      isolation.map(([name, value]) => `${name}: ${value}`),
    );
  });
});
