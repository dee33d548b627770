// Frames must not depend on the terminal the tests run in: ink-testing-library
// renders with colour when chalk detects a colour terminal, so pin it off.
process.env['FORCE_COLOR'] = '0';
