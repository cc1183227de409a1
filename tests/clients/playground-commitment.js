// Registers a commitment in the Agents Playground (a local Teams) in headless Chromium, the way a member would: types
// "làm theo", presses «Thêm việc», fills the 4 Rõ and a milestone, saves, sends it to the secretary, waits until it is
// approved (the test approves it meanwhile), then presses «Cập nhật tiến độ», types a percentage and sends it.
// Usage: node playground-commitment.js <playground url> <screenshot.png>
// Prints one JSON line: {"saved": text, "sent": text, "approved": bool, "progress": text, "error": string|null}.
'use strict';
const { chromium } = require('playwright-core');

const [url, screenshot] = process.argv.slice(2);

(async () => {
  const result = { saved: '', sent: '', approved: false, progress: '', error: null };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  const say = async (text) => {
    const box = page.locator('[data-lexical-editor="true"][role="textbox"]').first();
    await box.click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  };
  // The text of the newest card holding the words, once there are more of them than before.
  const waitFor = async (words, before, seconds = 60) => {
    const matches = page.getByText(words);
    for (let i = 0; i < seconds * 2 && await matches.count() <= before; i++) await page.waitForTimeout(500);
    const item = matches.last();
    await item.waitFor({ timeout: 5000 });
    return item.locator('xpath=ancestor::*[contains(@class, "ac-adaptiveCard")][1]').first()
      .innerText({ timeout: 5000 }).catch(() => item.innerText());
  };
  const count = (words) => page.getByText(words).count();
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
    await page.locator('button[aria-label="Personal Chat"]').first().click({ timeout: 60000 });
    await page.getByText('Chào mừng đến với StudyBot').first().waitFor({ timeout: 60000 });

    let before = await count('Đăng ký làm theo năm');
    await say('làm theo');
    await waitFor('Đăng ký làm theo năm', before);
    await page.getByRole('button', { name: 'Thêm việc' }).last().click();
    await page.getByLabel(/Rõ việc: việc gì sẽ làm/).last().waitFor({ timeout: 60000 });
    await page.getByLabel(/Rõ việc: việc gì sẽ làm/).last().fill('Hướng dẫn hồ sơ tận tình cho người dân');
    await page.getByLabel(/Rõ trách nhiệm: phần việc/).last().fill('Tự kiểm tra hồ sơ trước khi hẹn trả');
    await page.getByLabel(/Rõ kết quả: đo được/).last().fill('Mọi hồ sơ trả đúng ngày hẹn');
    await page.getByLabel(/Rõ tiến độ: các mốc/).last().fill('Quý 4: 100%');
    before = await count('Đã thêm việc');
    await page.getByRole('button', { name: 'Lưu' }).last().click();
    result.saved = await waitFor('Đã thêm việc', before);

    before = await count('Đã gửi bí thư');
    await page.getByRole('button', { name: 'Gửi bí thư' }).last().click();
    result.sent = await waitFor('Đã gửi bí thư', before);

    // The secretary approves outside the browser; ask again until the card offers progress.
    for (let i = 0; i < 30 && !result.approved; i++) {
      before = await count('Đăng ký làm theo năm');
      await say('làm theo');
      const card = await waitFor('Đăng ký làm theo năm', before, 20);
      result.approved = card.includes('Đã được duyệt');
      if (!result.approved) await page.waitForTimeout(1000);
    }
    await page.getByRole('button', { name: 'Cập nhật tiến độ' }).last().click();
    await page.getByLabel(/Đã làm được/).last().waitFor({ timeout: 60000 });
    await page.getByLabel(/Đã làm được/).last().fill('40');
    await page.getByLabel(/Ghi chú/).last().fill('Xong đợt đầu');
    before = await count('Đã ghi nhận tiến độ');
    await page.getByRole('button', { name: 'Gửi tiến độ' }).last().click();
    result.progress = await waitFor('Đã ghi nhận tiến độ', before);
  } catch (e) {
    result.error = String(e && e.message || e);
  } finally {
    await page.screenshot({ path: screenshot, fullPage: true }).catch(() => {});
    await browser.close();
  }
  console.log(JSON.stringify(result));
})();
