// Opens the Agents Playground (a local Teams) in headless Chromium, as a person would: opens the personal
// chat, waits for the bot's welcome card, types "trợ giúp" and waits for the help card, then presses the
// practice question: types "kiểm tra", chooses "Đúng" and presses "Trả lời" (an Action.Execute) and waits for the
// same card to turn into the feedback; nominates a colleague through the nomination form (typing the email, since the
// Playground has no directory for the people picker) and waits for the summary card; then presses the welcome card's "English" button and waits for the card
// to come back in English.
// Usage: node playground-chat.js <playground url> <screenshot.png>
// Prints one JSON line: {"welcome": bool, "help": bool, "quiz": bool, "nominate": bool, "execute": bool, "error": string|null}.
'use strict';
const { chromium } = require('playwright-core');

const [url, screenshot] = process.argv.slice(2);
const WELCOME = 'Chào mừng đến với StudyBot';
const HELP = 'Các lệnh của StudyBot';

(async () => {
  const result = { welcome: false, help: false, quiz: false, nominate: false, execute: false, error: null };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    // The machine has no outside network: keep Chromium from trying to reach Google's services.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
    await page.locator('button[aria-label="Personal Chat"]').first().click({ timeout: 60000 });
    await page.getByText(WELCOME).first().waitFor({ timeout: 60000 });
    result.welcome = true;
    const box = page.locator('[data-lexical-editor="true"][role="textbox"]').first();
    await box.click();
    await page.keyboard.type('trợ giúp');
    await page.keyboard.press('Enter');
    await page.getByText(HELP).first().waitFor({ timeout: 60000 });
    result.help = true;
    await page.waitForTimeout(500); // let the card finish laying out before the picture
    await page.screenshot({ path: screenshot, fullPage: true });
    await box.click();
    await page.keyboard.type('kiểm tra');
    await page.keyboard.press('Enter');
    await page.getByText('Câu 1/1').first().waitFor({ timeout: 60000 });
    await page.getByRole('radio', { name: 'Đúng' }).first().check();
    await page.getByRole('button', { name: 'Trả lời' }).first().click();
    await page.getByText('Chính xác').first().waitFor({ timeout: 60000 });
    // Updated in place: the question's button is gone, the feedback's is there.
    result.quiz = (await page.getByRole('button', { name: 'Trả lời' }).count()) === 0
      && (await page.getByRole('button', { name: 'Xem kết quả' }).count()) === 1;
    await page.screenshot({ path: screenshot.replace(/\.png$/, '-quiz.png'), fullPage: true });
    await box.click();
    await page.keyboard.type('đề cử');
    await page.keyboard.press('Enter');
    await page.getByText('Đề cử người tốt, việc tốt').first().waitFor({ timeout: 60000 });
    await page.getByLabel('Hoặc gõ email (hoặc họ tên) người được đề cử').first().fill('an@bhxh.example');
    await page.getByLabel(/Việc tốt \(từ 20/).first().fill('Hướng dẫn tận tình một người lao động lớn tuổi hoàn thiện hồ sơ hưu trí');
    await page.getByRole('button', { name: 'Gửi đề cử' }).first().click();
    await page.getByText(/Đã gửi đề cử ĐC-/).first().waitFor({ timeout: 60000 });
    result.nominate = true;
    await page.getByRole('button', { name: 'English' }).first().click();
    await page.getByText('Welcome to StudyBot').first().waitFor({ timeout: 60000 });
    result.execute = true;
  } catch (e) {
    result.error = String(e && e.message || e);
  } finally {
    const last = result.execute ? screenshot.replace(/\.png$/, '-english.png') : screenshot;
    await page.screenshot({ path: last, fullPage: true }).catch(() => {});
    await browser.close();
  }
  console.log(JSON.stringify(result));
})();
