import { validate } from '../../server/src/core/analysis';
import { analyseFlow } from '../../server/src/core/flow';
import { parseDocument } from '../../server/src/core/parse';
import { LineIndex } from '../../server/src/core/text';
import type { Finding } from '../../server/src/core/types';

/** One log's text read as a file of that name: its findings, and the SCEP flow of it alone. */
export function checkText(text: string, fileName: string): { findings: Finding[]; flow: ReturnType<typeof analyseFlow> } {
  const model = parseDocument(text, { fileName });
  const findings = validate(model);
  const lines = LineIndex.of(text);
  const flow = analyseFlow([{ path: fileName, model, findings, positionAt: (o) => lines.positionAt(o) }]);
  return { findings, flow };
}
