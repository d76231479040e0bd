import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { wordsProblem } from '../../apps/web/src/shared/api/problem-text.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** Problems the web app words where they happen, not through `problemText` (each in both languages). */
const WORDED_WHERE_THEY_HAPPEN: Record<string, string> = {
  'attachments-too-large': 'shared/attachments/attachment-problems.ts',
  'too-many-attachments': 'shared/attachments/attachment-problems.ts',
  'upload-not-usable': 'shared/attachments/attachment-problems.ts',
  'attachment-type-refused': 'shared/attachments/attachment-problems.ts',
  'erasure-needs-confirmation': 'agent/customers/CustomerDataRights.tsx (the confirmation dialog)',
  'stale-ticket-view': 'agent/use-ticket-command.ts (shows the newer events instead)',
  'reopen-window-closed': 'track/CustomerReplyForm.tsx',
  'invalid-assignee': 'supervisor/ReassignDialog.tsx, BulkActionsPanel.tsx',
  'transition-not-allowed': 'supervisor/ReassignDialog.tsx, BulkActionsPanel.tsx',
  validation: 'each form, field by field',
};

/** Problems no page of the web app can meet (API clients only). */
const NOT_WORDED: Record<string, string> = {
  'invalid-app': 'sign-in redirects name their app themselves',
  'json-too-deep': 'the web app sends flat JSON',
  'malformed-json': 'the web app sends well-formed JSON',
  'unsupported-media-type': 'the web app sends JSON as application/json',
  'idempotency-key-reused': 'the web app makes a new key for each request',
  'expected-seq-ahead': 'the console sends the last seq it holds',
  // Refused before any route: a browser's own requests are well-formed HTTP of small headers and short paths.
  'bad-request': 'a browser sends well-formed HTTP',
  'request-timeout': 'a browser sends its headers at once',
  'headers-too-large': 'the web app sends small headers and short paths',
  'uri-too-long': 'the web app puts only ids and codes in its paths',
  'bad-url': 'the web app encodes its paths',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every problem code the API answers with: its HttpProblems, the domain's errors, its rate limits' refusals and the error filter's own. */
function problemCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  const files = [...sourceFiles(join(ROOT, 'apps', 'api', 'src')), ...sourceFiles(join(ROOT, 'libs'))];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/new HttpProblem\(\s*\d{3},\s*'([a-z0-9-]+)'/g)) codes.set(match[1], relative(ROOT, file));
    for (const match of text.matchAll(/readonly code = '([a-z0-9-]+)'/g)) codes.set(match[1], relative(ROOT, file));
    for (const match of text.matchAll(/code: '([a-z0-9-]+)',\s*title:/g)) codes.set(match[1], relative(ROOT, file));
    for (const match of text.matchAll(/problemType\('([a-z0-9-]+)'\)/g)) codes.set(match[1], relative(ROOT, file));
  }
  return codes;
}

describe("the web app's wording of the API's refusals", () => {
  const codes = problemCodes();

  it('finds the problem codes in the sources (the scan itself works)', () => {
    for (const code of ['ticket-owned-by-another', 'not-ticket-owner', 'calendar-in-use', 'attachments-too-large', 'weak-password', 'too-many-tickets', 'service-unavailable']) expect(codes.has(code)).toBe(true);
    expect(codes.size).toBeGreaterThan(80);
  });

  it('words every refusal a page can meet in the reader\'s language, or says where else it is worded', () => {
    const unworded = [...codes]
      .filter(([code]) => !wordsProblem(code) && !(code in WORDED_WHERE_THEY_HAPPEN) && !(code in NOT_WORDED))
      .map(([code, file]) => `${code} (${file})`);
    expect(unworded).toEqual([]);
  });

  it('keeps its lists of exceptions true: none of them is worded by problemText or gone from the API', () => {
    for (const code of [...Object.keys(WORDED_WHERE_THEY_HAPPEN), ...Object.keys(NOT_WORDED)]) {
      expect({ code, worded: wordsProblem(code) }).toEqual({ code, worded: false });
      if (code !== 'validation') expect({ code, raised: codes.has(code) }).toEqual({ code, raised: true });
    }
  });
});
