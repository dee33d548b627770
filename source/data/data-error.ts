/**
 * Rejection of a CSV file or of the options for reading it. The message is
 * one line that names the file, the line and the column where they apply,
 * and the fix. The CLI prints it as `error: <message>`.
 */
export class DataError extends Error {}
