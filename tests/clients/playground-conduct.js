// Conduct questions in the Agents Playground (a local Teams), typed as a member would: "xin chào", the front desk's
// most common question, and "4 ro la gi" without diacritics. Waits for each reply and reads what the page shows.
// Usage: node playground-conduct.js <playground url> <screenshot.png> <front-desk question>
// Prints one JSON line: {"greeting": bool, "frontDesk": string, "fourClear": string, "askSecretary": bool, "error": string|null}
// where frontDesk and fourClear are the text of the reply cards as shown.
'use strict';
const { chromium } = require('playwright-core');

const [url, screenshot, frontDesk] = process.argv.slice(2);

(async () => {
  const result = { greeting: false, frontDesk: '', fourClear: '', askSecretary: false, error: null };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  const say = async (text) => {
    const box = page.locator('[data-lexical-editor="true"][role="textbox"]').first();
    await box.click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  };
  // The reply to a question is the card that repeats it ("Anh/chị hỏi: …"); its text is what a member reads.
  const replyTo = async (question) => {
    const card = page.locator('.ac-adaptiveCard', { hasText: 'Anh/chị hỏi: ' + question }).last();
    await card.waitFor({ timeout: 60000 });
    return (await card.innerText()).replace(/\s+/g, ' ').trim();
  };
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
    await page.locator('button[aria-label="Personal Chat"]').first().click({ timeout: 60000 });
    await page.getByText('Chào mừng đến với StudyBot').first().waitFor({ timeout: 60000 });
    await say('xin chào');
    await page.getByText('StudyBot sẵn sàng giúp anh/chị').first().waitFor({ timeout: 60000 });
    result.greeting = true;
    await say(frontDesk);
    result.frontDesk = await replyTo(frontDesk);
    result.askSecretary = (await page.locator('.ac-adaptiveCard', { hasText: 'Anh/chị hỏi: ' + frontDesk }).last()
      .getByRole('button', { name: 'Hỏi bí thư' }).count()) === 1;
    await say('4 ro la gi');
    result.fourClear = await replyTo('4 ro la gi');
  } catch (e) {
    result.error = String(e && e.message || e);
  } finally {
    await page.screenshot({ path: screenshot, fullPage: true }).catch(() => {});
    await browser.close();
  }
  console.log(JSON.stringify(result));
})();
