// Checks Adaptive Cards with Microsoft's reference renderer at schema 1.5, the version Teams renders.
// Usage: node validate-cards.js card1.json [card2.json ...]
// Prints one JSON line per card: {"file": ..., "errors": [...]}. A good card has no errors.
'use strict';
const fs = require('fs');
const { AC } = require('./renderer');
// Teams renders a Markdown subset; the reference renderer has none unless the host supplies it.
AC.AdaptiveCard.onProcessMarkdown = (text, result) => { result.outputHtml = text; result.didProcess = true; };

for (const file of process.argv.slice(2)) {
  const errors = [];
  try {
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (json.version !== '1.5') errors.push(`version is ${json.version}, expected 1.5`);
    const card = new AC.AdaptiveCard();
    const context = new AC.SerializationContext(AC.Versions.v1_5);
    card.parse(json, context);
    for (let i = 0; i < context.eventCount; i++) errors.push(context.getEventAt(i).message);
    for (const e of card.validateProperties().validationEvents) errors.push(e.message);
    if (!card.render()) errors.push('the renderer produced nothing');
  } catch (e) {
    errors.push(String(e && e.message || e));
  }
  console.log(JSON.stringify({ file, errors }));
}
