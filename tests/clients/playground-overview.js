// Opens the secretary's overview in the Agents Playground (a local Teams) in headless Chromium: types "tổng quan",
// waits for the card, and checks that its chart picture loaded (the browser fetched it from the bot's signed link).
// Usage: node playground-overview.js <playground url> <screenshot.png>
// Prints one JSON line: {"card": text, "images": n, "loaded": n, "alt": text, "error": string|null}.
'use strict';
const { chromium } = require('playwright-core');

const [url, screenshot] = process.argv.slice(2);

(async () => {
  const result = { card: '', images: 0, loaded: 0, alt: '', error: null };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
    await page.locator('button[aria-label="Personal Chat"]').first().click({ timeout: 60000 });
    await page.getByText('Chào mừng đến với StudyBot').first().waitFor({ timeout: 60000 });
    const box = page.locator('[data-lexical-editor="true"][role="textbox"]').first();
    await box.click();
    await page.keyboard.type('tổng quan');
    await page.keyboard.press('Enter');
    const heading = page.getByText(/^Tổng quan: /).last();
    await heading.waitFor({ timeout: 60000 });
    const card = heading.locator('xpath=ancestor::*[contains(@class, "ac-adaptiveCard")][1]').first();
    result.card = await card.innerText({ timeout: 5000 });
    const images = card.locator('img');
    result.images = await images.count();
    for (let i = 0; i < 40; i++) {
      result.loaded = await images.evaluateAll((all) => all.filter((img) => img.complete && img.naturalWidth > 0).length);
      if (result.loaded >= result.images && result.images > 0) break;
      await page.waitForTimeout(500);
    }
    if (result.images > 0) result.alt = await images.first().getAttribute('alt') || '';
    await card.scrollIntoViewIfNeeded();
  } catch (e) {
    result.error = String(e && e.message || e);
  } finally {
    await page.screenshot({ path: screenshot, fullPage: true }).catch(() => {});
    await browser.close();
  }
  console.log(JSON.stringify(result));
})();
