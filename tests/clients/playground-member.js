// Walks a member through the Agents Playground (a local Teams) in headless Chromium: opens the personal chat, types
// "chủ đề" and reads the theme card, types "kiểm tra" and answers the first practice question, types "hủy" in the
// middle and reads the reply, then types "xuất dữ liệu" and reads the export card with its download buttons.
// Usage: node playground-member.js <playground url> <screenshot.png>
// Prints one JSON line: {"theme": text, "practice": bool, "cancel": text, "export": text, "exportLinks": n, "error": string|null}.
'use strict';
const { chromium } = require('playwright-core');

const [url, screenshot] = process.argv.slice(2);

(async () => {
  const result = { theme: '', practice: false, cancel: '', export: '', exportLinks: 0, error: null };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  // Types a message, waits for a new bubble holding the given words (earlier ones, like the welcome, do not count),
  // and returns the text of the card or message it is in.
  const ask = async (text, words) => {
    const matches = page.getByText(words);
    const before = await matches.count();
    const box = page.locator('[data-lexical-editor="true"][role="textbox"]').first();
    await box.click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    for (let i = 0; i < 120 && await matches.count() <= before; i++) await page.waitForTimeout(500);
    const item = matches.last();
    await item.waitFor({ timeout: 5000 });
    return item.locator('xpath=ancestor::*[contains(@class, "ac-adaptiveCard")][1]').first()
      .innerText({ timeout: 5000 }).catch(() => item.innerText());
  };
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
    await page.locator('button[aria-label="Personal Chat"]').first().click({ timeout: 60000 });
    await page.getByText('Chào mừng đến với StudyBot').first().waitFor({ timeout: 60000 });

    result.theme = await ask('chủ đề', 'Chuyên đề học tập năm');

    await ask('kiểm tra', /Câu 1\/\d/);
    // Answer the first question whatever its kind: a choice if it offers one, words if it asks for them.
    const radio = page.getByRole('radio').first();
    if (await radio.count()) await radio.check();
    else await page.locator('input[type="text"], textarea').last().fill('dân');
    const combos = page.locator('select');
    for (let i = 0; i < await combos.count(); i++) await combos.nth(i).selectOption({ index: 1 }).catch(() => {});
    await page.getByRole('button', { name: 'Trả lời' }).first().click();
    await page.getByRole('button', { name: /Câu tiếp theo|Xem kết quả/ }).first().waitFor({ timeout: 60000 });
    result.practice = true;

    result.cancel = await ask('hủy', 'Đã hủy lượt luyện tập');
    result.export = await ask('xuất dữ liệu', 'Dữ liệu StudyBot lưu về');
    result.exportLinks = await page.getByText(/Tải bản dễ đọc|Tải tệp JSON/).count();
  } catch (e) {
    result.error = String(e && e.message || e);
  } finally {
    await page.screenshot({ path: screenshot, fullPage: true }).catch(() => {});
    await browser.close();
  }
  console.log(JSON.stringify(result));
})();
