// Validates a Teams app manifest with Microsoft's @microsoft/app-manifest (schemas bundled, works offline).
// Usage: node validate-manifest.js manifest.json   Prints {"errors": [...]}; a good manifest has none.
'use strict';
const fs = require('fs');
const { AppManifestUtils } = require('@microsoft/app-manifest');

(async () => {
  const manifest = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const errors = await AppManifestUtils.validateAgainstSchema(manifest);
  console.log(JSON.stringify({ errors: errors.map(e => (typeof e === 'string' ? e : JSON.stringify(e))) }));
})().catch(e => { console.log(JSON.stringify({ errors: [String(e && e.message || e)] })); });
