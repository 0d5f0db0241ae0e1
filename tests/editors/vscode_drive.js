// Drives real VS Code (code-server) in headless Debian chromium with playwright-core.
// Started by tests/editors.rs after it has installed the copydesk .vsix and started code-server.
//
//   NODE_PATH=<dir holding playwright-core> node tests/editors/vscode_drive.js SPEC.json
//
// SPEC: {
//   "url", "workspace", "file",                  -- code-server URL, folder, file name in it
//   "screenshot",                                -- PNG path; "-after"/"-fail" variants are written too
//   "rows": [{"contains", "position"}],          -- Problems panel rows that must appear ("[Ln 3, Col 9]")
//   "inlay_text",                                -- text an inlay hint shows (absent from the file)
//   "fix_all": {"expect_file"},                  -- "copydesk: Fix all safe problems in this file", save
//   "sources": [name, ...],                      -- must be listed by "copydesk: Show the sources in this story"
//   "fix": {"row", "menu_first", "expect_file"}  -- row text to act on; first Ctrl+. item; file after save
//   "reconfigure": {"settings_path", "settings", "expect_selector", "expect_row"?}  -- rewrite settings.json, wait
//   "missing_binary": {"settings_path", "settings", "expect_text"}  -- copydesk.path set to nothing: the notification
// }
// Exit 0 = all rows listed, the preferred quick fix applied with Ctrl+. and the saved file is exact.
const { chromium } = require('playwright-core');
const fs = require('fs');
const os = require('os');
const path = require('path');

const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const filePath = path.join(spec.workspace, spec.file);
const t0 = Date.now();
const timings = {};
const mark = (k) => { timings[k] = Date.now() - t0; };
const log = (...a) => console.error(`[vscode ${String(Date.now() - t0).padStart(5)} ms]`, ...a);
const shot = (suffix) => spec.screenshot.replace(/\.png$/, `${suffix}.png`);

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-chromium-'));
  // playwright refuses --user-data-dir in args: a fresh profile goes through launchPersistentContext
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/lib/chromium/chromium',
    headless: true,
    viewport: { width: 1400, height: 860 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const result = { ok: false, timings };
  const page = browser.pages()[0] || (await browser.newPage());
  page.on('console', (m) => { if (m.type() === 'error' && !/404|open-vsx|ENOTFOUND|favicon/.test(m.text())) log('console.error:', m.text().slice(0, 200)); });
  try {
    await page.goto(`${spec.url}/?folder=${encodeURIComponent(spec.workspace)}`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    mark('workbench');
    log('workbench loaded');

    // Open the story with Quick Open (Ctrl+P)
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 430 } }).catch(() => {});
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 20000 });
    await page.keyboard.type(spec.file);
    await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${spec.file}"]`, { timeout: 20000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector(`.tab[aria-label*="${spec.file}"]`, { timeout: 20000 });
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: 20000 });
    mark('editor_open');
    log('editor open');

    // Problems panel (Ctrl+Shift+M): wait for every expected row, at its position
    await page.keyboard.press('Control+Shift+M');
    const rowsLoc = page.locator('.markers-panel .monaco-list-row');
    for (const want of spec.rows) {
      const row = rowsLoc.filter({ hasText: want.contains }).filter({ hasText: want.position });
      try {
        await row.first().waitFor({ timeout: Number(process.env.PROBLEMS_TIMEOUT_MS || 60000) });
      } catch (e) {
        const have = await rowsLoc.allInnerTexts().catch(() => []);
        throw new Error(`Problems panel has no row with ${JSON.stringify(want)}; rows: ${JSON.stringify(have.map((r) => r.replace(/\s+/g, ' ')))}`);
      }
    }
    mark('problems');
    result.rows = (await rowsLoc.allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    log('Problems panel:\n  ' + result.rows.join('\n  '));
    // The editor paints its squiggles a moment after the Problems panel fills: wait for them.
    const squiggly = page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error, .monaco-editor .squiggly-info');
    await squiggly.first().waitFor({ state: 'attached', timeout: 15000 }).catch(() => {});
    result.squiggles = await squiggly.count();
    log(`squiggles in the editor: ${result.squiggles}`);
    if (result.squiggles === 0) throw new Error('no squiggles in the editor');
    if (spec.inlay_text) {
      // an inlay hint is text in the view that the file does not contain
      await page.locator('.monaco-editor .view-lines', { hasText: spec.inlay_text }).first().waitFor({ timeout: 20000 })
        .catch(() => { throw new Error(`no inlay hint ${JSON.stringify(spec.inlay_text)} in the editor`); });
      log(`inlay hint ${JSON.stringify(spec.inlay_text)} shown`);
    }
    await page.screenshot({ path: spec.screenshot });

    if (spec.fix) {
      // Focus the problem (moves the cursor onto it), then Ctrl+. and Enter: the first item
      const row = rowsLoc.filter({ hasText: spec.fix.row }).first();
      await row.click();
      await row.dblclick();
      await page.waitForTimeout(500);
      if (spec.fix.hover) {
        // The hover at the cursor (Ctrl+K Ctrl+I): what a writer sees with the mouse over it
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        const hover = page.locator('.monaco-hover:not(.hidden)').first();
        await hover.waitFor({ state: 'visible', timeout: 15000 });
        // the providers' parts arrive one after another: wait for copydesk's
        const until = Date.now() + 10000;
        do {
          await page.waitForTimeout(250);
          result.hover = (await hover.innerText()).trim();
        } while (spec.fix.hover_contains && !result.hover.includes(spec.fix.hover_contains) && Date.now() < until);
        log('hover: ' + JSON.stringify(result.hover.slice(0, 300)));
        await page.screenshot({ path: shot('-hover') });
        await page.keyboard.press('Escape');
        await page.waitForTimeout(200);
      }
      await page.keyboard.press('Control+.');
      const items = page.locator('.action-widget .monaco-list-row.action');
      await items.first().waitFor({ timeout: 20000 });
      result.menu = (await items.allInnerTexts()).map((s) => s.trim());
      log('Ctrl+. menu: ' + JSON.stringify(result.menu));
      await page.screenshot({ path: shot('-menu') });
      if (spec.fix.menu_first && !result.menu[0].includes(spec.fix.menu_first)) {
        throw new Error(`the first quick fix is ${JSON.stringify(result.menu[0])}, expected ${JSON.stringify(spec.fix.menu_first)}`);
      }
      await page.keyboard.press('Enter');
      mark('fix_applied');
      await page.waitForTimeout(300);
      await page.keyboard.press('Control+S');
      const deadline = Date.now() + 20000;
      let text = '';
      while (Date.now() < deadline) {
        text = fs.readFileSync(filePath, 'utf8');
        if (text === spec.fix.expect_file) break;
        await page.waitForTimeout(200);
      }
      result.saved = text;
      if (text !== spec.fix.expect_file) {
        throw new Error(`saved file differs.\n--- expected\n${spec.fix.expect_file}\n--- got\n${text}`);
      }
      mark('saved');
      log('saved file is as expected');
      await page.waitForTimeout(800);
      await page.screenshot({ path: shot('-after') });
    }
    if (spec.sources) {
      // Command palette: "copydesk: Show the sources in this story" lists them in a pick list
      await page.keyboard.press('Escape');
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('F1');
      await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 20000 });
      await page.keyboard.type('copydesk: Show the sources');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show the sources in this story' }).first().waitFor({ timeout: 20000 });
      await page.keyboard.press('Enter');
      const picks = page.locator('.quick-input-list .monaco-list-row');
      for (const name of spec.sources) {
        await picks.filter({ hasText: name }).first().waitFor({ timeout: 20000 })
          .catch(async () => { throw new Error(`source audit lacks ${JSON.stringify(name)}; has ${JSON.stringify(await picks.allInnerTexts())}`); });
      }
      result.sources = (await picks.allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
      log('source audit: ' + JSON.stringify(result.sources));
      await page.screenshot({ path: shot('-sources') });
      await page.keyboard.press('Escape');
      mark('sources');
    }
    if (spec.fix_all) {
      // Command palette: "copydesk: Fix all safe problems in this file", then save
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('F1');
      await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 20000 });
      await page.keyboard.type('copydesk: Fix all safe');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Fix all safe problems in this file' }).first().waitFor({ timeout: 20000 });
      await page.keyboard.press('Enter');
      await page.waitForTimeout(500);
      await page.keyboard.press('Control+S');
      const deadline = Date.now() + 20000;
      let text = '';
      while (Date.now() < deadline) {
        text = fs.readFileSync(filePath, 'utf8');
        if (text === spec.fix_all.expect_file) break;
        await page.waitForTimeout(200);
      }
      if (text !== spec.fix_all.expect_file) {
        throw new Error(`after "Fix all safe problems" the saved file differs.\n--- expected\n${spec.fix_all.expect_file}\n--- got\n${text}`);
      }
      log('fix all safe problems: saved file is as expected');
      mark('fix_all');
    }
    if (spec.reconfigure) {
      // Settings change while the server runs: no restart, the problem changes level in place
      const r = spec.reconfigure;
      if (await page.locator(r.expect_selector).count() > 0) throw new Error(`${r.expect_selector} present before the change`);
      fs.mkdirSync(path.dirname(r.settings_path), { recursive: true });
      fs.writeFileSync(r.settings_path, JSON.stringify(r.settings, null, 2));
      try {
        await page.locator(r.expect_selector).first().waitFor({ timeout: 30000 });
      } catch (e) {
        throw new Error(`after changing settings, no ${r.expect_selector} appeared (settings did not reach the server?)`);
      }
      if (r.expect_row) {
        await rowsLoc.filter({ hasText: r.expect_row }).first().waitFor({ timeout: 30000 }).catch(async () => {
          throw new Error(`after changing settings, no Problems row with ${JSON.stringify(r.expect_row)}; rows: ${JSON.stringify(await rowsLoc.allInnerTexts())}`);
        });
        log(`settings changed without a restart: a row with ${JSON.stringify(r.expect_row)} appeared`);
      }
      mark('reconfigured');
      log(`settings changed without a restart: ${r.expect_selector} appeared`);
      await page.screenshot({ path: shot('-reconfigured') });
    }
    if (spec.missing_binary) {
      // Point copydesk.path at nothing: the extension restarts and says how to install copydesk
      const m = spec.missing_binary;
      fs.writeFileSync(m.settings_path, JSON.stringify(m.settings, null, 2));
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: m.expect_text });
      try {
        await toast.first().waitFor({ timeout: 30000 });
      } catch (e) {
        throw new Error(`no notification with ${JSON.stringify(m.expect_text)} after pointing copydesk.path at a missing program`);
      }
      result.notification = (await toast.first().innerText()).replace(/\s+/g, ' ').trim();
      log('missing-program notification: ' + result.notification);
      mark('missing_binary');
      await page.screenshot({ path: shot('-missing') });
    }
    result.ok = true;
  } catch (e) {
    result.error = e.message;
    log('FAIL:', e.message);
    await page.screenshot({ path: shot('-fail') }).catch(() => {});
  } finally {
    await browser.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
  if (spec.result) fs.writeFileSync(spec.result, JSON.stringify(result, null, 2));
  log(result.ok ? 'OK' : 'FAILED');
  process.exit(result.ok ? 0 : 1);
})();
