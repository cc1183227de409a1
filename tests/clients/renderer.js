// Microsoft's Adaptive Cards reference renderer, loaded in Node with jsdom standing in for the browser it expects.
'use strict';
const { JSDOM } = require('jsdom');

const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>');
const win = dom.window;
for (const name of Object.getOwnPropertyNames(win)) {
  if (/^(HTML|SVG)/.test(name) || /Event$/.test(name) || ['Node', 'Element', 'DOMParser', 'getComputedStyle', 'navigator', 'document', 'window'].includes(name)) {
    try { global[name] = win[name]; } catch { /* read-only in Node */ }
  }
}

module.exports = { AC: require('adaptivecards/dist/adaptivecards.js'), document: win.document };
