import { chromium } from '@playwright/test';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-background-networking','--disable-component-update','--disable-sync'] });
const p = await b.newPage();
p.on('console', m => { if (process.env.V) console.log('PAGE', m.type(), m.text()) }); p.on('worker', w => { if (process.env.V) console.log('WORKER', w.url().slice(0,80)) }); p.on('pageerror', e => console.log('PAGEERR', e.message));
await p.goto('http://localhost:4400/' + (process.argv[2] ?? 'fixtures/runtime/'));
const only = process.argv.slice(3);
const ids = only.length ? only : await p.locator('[data-sandbox]').evaluateAll(els => els.map(e => e.dataset.sandbox));
for (const id of ids) {
  const box = p.locator(`[data-sandbox="${id}"]`);
  await box.scrollIntoViewIfNeeded();
  await box.locator('.sandbox-run').waitFor({ timeout: 10000 });
  await box.locator('.sandbox-run').click();
  const t0 = Date.now();
  await p.waitForFunction((id) => ['done','error','stopped'].includes(document.querySelector(`[data-sandbox="${id}"]`).dataset.state), id, { timeout: 12000 }).catch(e => console.log('  (timeout)'));
  const state = await box.getAttribute('data-state');
  const log = await box.getByRole('log').innerText();
  const mm = await box.locator('.sandbox-mismatch').count() ? await box.locator('.sandbox-mismatch').innerText() : 'MATCHES';
  console.log(`=== ${id}: ${state} in ${Date.now()-t0} ms — ${mm}`);
  const lines = log.split('\n'); console.log(lines.slice(0, 40).join('\n') + (lines.length > 40 ? `\n...(${lines.length} lines)` : ''));
  if (state !== 'done' && state !== 'error') { await box.getByRole('button', { name: 'Stop' }).click().catch(()=>{}); }
}
await b.close();
