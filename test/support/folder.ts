import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FlowFile } from '../../server/src/core/flow';
import { parseDocument } from '../../server/src/core/parse';
import { LineIndex } from '../../server/src/core/text';
import { validate } from '../../server/src/core/analysis';

/** Reads every log of a fixture folder the way the server and the CLI do. */
export function readFolder(dir: string): FlowFile[] {
  return readdirSync(dir).filter((name) => statSync(join(dir, name)).isFile() && !/\.(md|json|findings)$/.test(name)).sort().map((name) => {
    const path = join(dir, name);
    const text = readFileSync(path, 'utf8');
    const model = parseDocument(text, { fileName: path });
    const lines = LineIndex.of(text);
    return { path, model, findings: validate(model), positionAt: (o: number) => lines.positionAt(o) };
  });
}
