// Renders Adaptive Cards with Microsoft's reference renderer, with Markdown turned on (markdown-it, raw HTML and
// link detection allowed, so stricter than Teams), and reports what a reader would get from text others typed.
// Usage: node render-cards.js card1.json [card2.json ...]
// Prints one JSON line per card: {"file", "text", "links": [hrefs], "tags": [formatting tags], "clipped": [long words
// in text that does not wrap]}. (A FactSet is a table of its own, so a Markdown table shows as a thead.) A card that shows typed text as text has no links, no tags and nothing clipped.
'use strict';
const fs = require('fs');
const MarkdownIt = require('markdown-it');
const { AC, document } = require('./renderer');
const md = new MarkdownIt({ html: true, linkify: true });
AC.AdaptiveCard.onProcessMarkdown = (text, result) => { result.outputHtml = md.render(text); result.didProcess = true; };

const formatting = ['a', 'b', 'strong', 'em', 'i', 'img', 'script', 'iframe', 'h1', 'h2', 'h3', 'code', 'at', 'u', 's', 'del', 'thead', 'ul', 'ol', 'blockquote'];
for (const file of process.argv.slice(2)) {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  const card = new AC.AdaptiveCard();
  card.parse(json, new AC.SerializationContext(AC.Versions.v1_5));
  const element = card.render();
  document.body.appendChild(element);
  const links = [...element.querySelectorAll('a')].map(a => a.getAttribute('href') || '');
  const tags = formatting.filter(t => element.querySelector(t) !== null);
  const clipped = [...element.querySelectorAll('.ac-textBlock')]
    .filter(b => b.style.whiteSpace === 'nowrap' && /\S{40,}/.test(b.textContent))
    .map(b => b.textContent.slice(0, 80));
  console.log(JSON.stringify({ file, text: element.textContent, links, tags, clipped }));
  element.remove();
}
