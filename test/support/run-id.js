// Loaded by jest.config.js in the parent process: names this run so its workers find its state file.
process.env.DUBAN_TEST_RUN = process.env.DUBAN_TEST_RUN || `${process.pid}`;
