import { FORMAT_IDS, type DetectionReason, type FormatId } from './types';

/**
 * Chooses the format of a document. Content beats names: a renamed or pasted log is still read
 * by what it contains; a specific editor language comes next, then the file name. Generic ids
 * (`log`, `plaintext`) carry no information.
 */
export interface DetectInput {
  /** The beginning of the text; 64 KB is plenty. */
  readonly text: string;
  readonly languageId?: string;
  readonly fileName?: string;
}

export interface Detection {
  readonly format: FormatId;
  readonly by: DetectionReason;
}

export const SNIFF_CHARS = 64 * 1024;

/**
 * `content` rules see the format's own framing; `phrases` rules only see sentences a format is
 * known to write, which also turn up in pasted fragments — such text is scanned as that format
 * but matched against every signature.
 */
const CONTENT_RULES: readonly { readonly format: FormatId; readonly by: DetectionReason; readonly test: RegExp }[] = [
  { format: 'iis-w3c-log', by: 'content', test: /^\uFEFF?#Software:\s*Microsoft Internet Information Services/m },
  { format: 'iis-w3c-log', by: 'content', test: /^\uFEFF?#Fields:\s*date\s+time\s/m },
  { format: 'wcf-svclog', by: 'content', test: /<E2ETraceEvent[\s>]/ },
  { format: 'ndesplugin-log', by: 'content', test: /<!\[LOG\[[^\]]*(?:VerifyRequest|Verify challenge|certificate registration point|Notify)/i },
  { format: 'iis-w3c-log', by: 'content', test: /^\uFEFF?\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \S+ (?:GET|POST|HEAD) \/\S* \S+ \d{1,5} /m },
  { format: 'ndesplugin-log', by: 'phrases', test: /\b(?:Calling VerifyRequest|Sending request to certificate registration point|Verify challenge returns|Exiting VerifyRequest with|Calling Notifyrequest|Exiting Notify with|Failed to send http request \/CertificateRegistrationSvc)/i },
  { format: 'wcf-svclog', by: 'phrases', test: /\b(?:VerifyRequest Started\.|Validation Phase \d finished with status|VerifyRequest Finished with status|Microsoft\.ConfigurationManager\.CertRegPoint)/i },
];

const NAME_RULES: readonly { readonly format: FormatId; readonly test: RegExp }[] = [
  { format: 'ndesplugin-log', test: /^NDESPlugin[^/\\]*\.log$/i },
  { format: 'iis-w3c-log', test: /^u_(?:ex|in|nc)[^/\\]*\.log$/i },
  { format: 'wcf-svclog', test: /\.svclog$/i },
];

export function isFormatId(id: string | undefined): id is FormatId {
  return id !== undefined && (FORMAT_IDS as readonly string[]).includes(id) && id !== 'plain-text';
}

export function detectFormat(input: DetectInput): Detection {
  const head = input.text.length > SNIFF_CHARS ? input.text.slice(0, SNIFF_CHARS) : input.text;
  const byName = formatByName(input);
  for (const rule of CONTENT_RULES) {
    if (!rule.test.test(head)) continue;
    // Sentences of a format in a file already named or tagged as that format: the name is the stronger evidence.
    if (rule.by === 'phrases' && byName?.format === rule.format) return byName;
    return { format: rule.format, by: rule.by };
  }
  return byName ?? { format: 'plain-text', by: 'fallback' };
}

function formatByName(input: DetectInput): Detection | undefined {
  if (isFormatId(input.languageId)) return { format: input.languageId, by: 'language' };
  const base = baseName(input.fileName ?? '');
  for (const rule of NAME_RULES) if (rule.test.test(base)) return { format: rule.format, by: 'file name' };
  return undefined;
}

/** The last path segment of a path or URI (`/`, `\` separators; URI-decoded). */
export function baseName(path: string): string {
  const last = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  try { return decodeURIComponent(last); } catch { return last; }
}
