// Presses every action of each card in Microsoft's reference renderer without touching any input, as a person who
// only wants that button would, and reports which went through. Required inputs block an Action.Execute or
// Action.Submit whose associatedInputs include them, as in Teams; a button that does not need the input must not be
// blocked by it.
// Usage: node press-actions.js card1.json [card2.json ...]
// Prints one JSON line per card: {"file", "actions": [{"title", "verb", "fired"}]} (actions inside Action.ShowCard too).
'use strict';
const fs = require('fs');
const { AC, document } = require('./renderer');
AC.AdaptiveCard.onProcessMarkdown = (text, result) => { result.outputHtml = text; result.didProcess = true; };

function collect(card, into) {
  for (let i = 0; i < card.getActionCount(); i++) visit(card.getActionAt(i), into);
  const walk = element => {
    if (element instanceof AC.ActionSet) for (let i = 0; i < element.getActionCount(); i++) visit(element.getActionAt(i), into);
    if (element.getItemCount) for (let i = 0; i < element.getItemCount(); i++) walk(element.getItemAt(i));
  };
  for (let i = 0; i < card.getItemCount(); i++) walk(card.getItemAt(i));
}

function visit(action, into) {
  if (action instanceof AC.ShowCardAction) collect(action.card, into);
  else if (action instanceof AC.ExecuteAction || action instanceof AC.SubmitAction) into.push(action);
}

for (const file of process.argv.slice(2)) {
  const card = new AC.AdaptiveCard();
  card.parse(JSON.parse(fs.readFileSync(file, 'utf8')), new AC.SerializationContext(AC.Versions.v1_5));
  const element = card.render();
  document.body.appendChild(element);
  const actions = [];
  collect(card, actions);
  const results = [];
  for (const action of actions) {
    let fired = false;
    AC.AdaptiveCard.onExecuteAction = () => { fired = true; };
    card.onExecuteAction = () => { fired = true; };
    // The event the button raises, without the expand/collapse of the card's own UI (a ShowCard's inner card is not drawn yet).
    action.raiseExecuteActionEvent();
    results.push({ title: action.title || '', verb: action.verb || (action.data && action.data.verb) || '', fired });
  }
  console.log(JSON.stringify({ file, actions: results }));
  element.remove();
}
