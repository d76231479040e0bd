// PostgreSQL COPY for the benchmarks that load large histories (metrics.bench.mjs, the search
// corpus loader): text format, one COPY a table and batch.

const escapeText = (text) => (/[\\\t\n\r]/.test(text) ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : text);

function copyField(value) {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  // text[] of plain words (tags): the array literal needs no quoting.
  if (Array.isArray(value)) return `{${value.join(',')}}`;
  return escapeText(String(value));
}

/**
 * COPY table FROM STDIN on a pg client: the few protocol steps pg-copy-streams wraps (pg hands a
 * custom query its CopyInResponse; it answers with CopyData messages and CopyDone).
 */
export function copyInto(client, table, columns, rows, valuesOf) {
  const data = Buffer.from(rows.map((row) => valuesOf(row).map(copyField).join('\t')).join('\n') + '\n', 'utf8');
  return new Promise((resolve, reject) => {
    let failure = null;
    const ignore = () => undefined;
    client.query({
      submit: (connection) => connection.query(`COPY ${table} (${columns.join(', ')}) FROM STDIN`),
      handleCopyInResponse: (connection) => {
        for (let at = 0; at < data.length; at += 1 << 20) connection.sendCopyFromChunk(data.subarray(at, at + (1 << 20)));
        connection.endCopyFrom();
      },
      handleError: (error) => (failure = error),
      handleReadyForQuery: () => (failure ? reject(failure) : resolve()),
      handleCommandComplete: ignore,
      handleRowDescription: ignore,
      handleDataRow: ignore,
      handlePortalSuspended: ignore,
      handleEmptyQuery: ignore,
      handleCopyData: ignore,
    });
  });
}
