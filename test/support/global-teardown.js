// Drops this run's database unless KEEP_TEST_DB=1 (handy when a test failed and you want to look).
const fs = require('node:fs');
const path = require('node:path');
const { Client } = require('pg');

module.exports = async function globalTeardown() {
  const file = path.join(__dirname, `.run-state.${process.env.DUBAN_TEST_RUN ?? process.pid}.json`);
  if (!fs.existsSync(file)) return;
  const state = JSON.parse(fs.readFileSync(file, 'utf8'));
  fs.unlinkSync(file);
  if (process.env.KEEP_TEST_DB === '1') return;
  const admin = new Client({ connectionString: state.adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${state.databaseName}" WITH (FORCE)`);
  await admin.end();
};
