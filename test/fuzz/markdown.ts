import assert from 'node:assert/strict';
import { CATALOGUE } from '../../server/src/core/catalogue';
import { NOTICES } from '../../server/src/core/catalogue/notices';
import { findCodes } from '../../server/src/core/codes/find';
import { explainNotice, explainSignature } from '../../server/src/core/guidance';
import * as codes from '../../server/src/core/codes/tables';

/**
 * What "inert" means for Markdown built from log text: outside code spans there is no raw HTML,
 * no image, no autolink, no `javascript:`/`data:` URL, and every link or bare URL goes to a host the
 * catalogue itself cites. Log text may only appear inside code spans, where nothing renders.
 */
const URL_HOSTS = /\bhttps?:\/\/([A-Za-z0-9.-]+)/g;

function hostsIn(value: unknown): Set<string> {
  const hosts = new Set<string>();
  const json = JSON.stringify(value, (_k, v: unknown) => (v instanceof RegExp ? String(v) : typeof v === 'function' ? undefined : v));
  for (const m of json.matchAll(URL_HOSTS)) if (m[1]) hosts.add(m[1].toLowerCase());
  return hosts;
}

/** Hosts of bare URLs a GFM autolinker would turn into links (`https://…`, `www.…`). */
function bareUrlHosts(prose: string): { host: string; index: number }[] {
  return [...prose.matchAll(/\b(?:https?:\/\/|www\.)([^\s/)\]>'"`]+)/gi)].map((m) => ({
    host: (m[0].toLowerCase().startsWith('www.') ? m[0] : m[1] ?? '').toLowerCase(), index: m.index,
  }));
}

/**
 * Every host the catalogue and the code tables mention, as written in their data or as the
 * rendered catalogue prose shows it: the only hosts a hover may link to.
 */
export const CATALOGUE_HOSTS: ReadonlySet<string> = (() => {
  const hosts = hostsIn(CATALOGUE);
  for (const h of hostsIn(codes)) hosts.add(h);
  for (const m of findCodes('0x80070005 0x800B0109 12175 403.16 2148204809 0x80094800')) for (const h of hostsIn(m.source)) hosts.add(h);
  const rendered = [...CATALOGUE.map((s) => explainSignature(s)), ...NOTICES.map((n) => explainNotice(n))].join('\n');
  for (const { host } of bareUrlHosts(outsideCodeSpans(rendered))) hosts.add(host);
  return hosts;
})();

/** Drops single-backtick code spans (all the core ever writes) and escaped characters. */
export function outsideCodeSpans(markdown: string): string {
  return markdown.replace(/`[^`\n]*`/g, ' ').replace(/\\[\\`*_{}[\]()#+\-.!<>|~]/g, ' ');
}

export function assertInertMarkdown(markdown: string, where: string): void {
  const prose = outsideCodeSpans(markdown);
  const show = (i: number): string => JSON.stringify(prose.slice(Math.max(0, i - 40), i + 60));
  const tag = /<[A-Za-z!/?]/.exec(prose);
  assert.ok(!tag, `${where}: raw HTML or autolink outside a code span: ${tag ? show(tag.index) : ''}`);
  const image = /!\[/.exec(prose);
  assert.ok(!image, `${where}: an image outside a code span: ${image ? show(image.index) : ''}`);
  const scheme = /\b(?:javascript|data|vbscript|file):/i.exec(prose);
  assert.ok(!scheme, `${where}: a dangerous URL scheme outside a code span: ${scheme ? show(scheme.index) : ''}`);
  for (const m of prose.matchAll(/\]\(\s*([^)\s]*)/g)) {
    let host = '';
    try { host = new URL(m[1] ?? '').host.toLowerCase(); } catch { /* not a URL */ }
    assert.ok(/^https:/.test(m[1] ?? '') && CATALOGUE_HOSTS.has(host), `${where}: link to ${m[1] ?? ''} (not a catalogue host): ${show(m.index)}`);
  }
  for (const { host, index } of bareUrlHosts(prose)) {
    assert.ok(CATALOGUE_HOSTS.has(host), `${where}: bare URL to ${host} outside a code span: ${show(index)}`);
  }
}
