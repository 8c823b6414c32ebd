/**
 * Renders the document tree as GitHub-flavoured Markdown. Every piece of data is escaped: text has
 * Markdown punctuation and `<`/`>`/`&` backslash-escaped or entity-encoded, inline code uses a
 * backtick fence longer than any run in the value, table cells escape `|` and fold newlines, and
 * code blocks use a fence longer than any in the text. Raw HTML never reaches the output.
 */
import type { Block, Inline, Inlines } from './doc.js';

export function escapeMarkdownText(s: string): string {
  return s
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*[\]|~]/g, (c) => `\\${c}`)
    .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/^(\s*)([#+=-]|\d+(?=[.)](?:\s|$)))/, (_m, sp: string, mark: string) => (/^\d/.test(mark) ? `${sp}${mark}\\` : `${sp}\\${mark}`));
}

function inlineCode(value: string, inTable: boolean): string {
  const v = value.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...(v.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const body = inTable ? v.replace(/\|/g, '\\|') : v;
  const pad = body.startsWith('`') || body.endsWith('`') || body.startsWith(' ') ? ' ' : '';
  return body === '' ? '' : `${fence}${pad}${body}${pad}${fence}`;
}

function inline(x: Inline, inTable: boolean): string {
  if (typeof x === 'string') return escapeMarkdownText(x);
  if ('code' in x) return inlineCode(x.code, inTable);
  if ('strong' in x) return `**${escapeMarkdownText(x.strong)}**`;
  const safe = /^https:\/\/[^\s()<>]+$/.test(x.href) ? x.href : '';
  return safe ? `[${escapeMarkdownText(x.link)}](${safe})` : escapeMarkdownText(x.link);
}

const inlines = (xs: Inlines, inTable = false) => xs.map((x) => inline(x, inTable)).join('');

function codeBlock(lang: string, body: string): string {
  const longest = Math.max(2, ...(body.match(/^`{3,}/gm) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${body.replace(/\r\n/g, '\n').trimEnd()}\n${fence}`;
}

export function renderMarkdown(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading': out.push(`${'#'.repeat(b.level)} ${escapeMarkdownText(b.text)}`); break;
      case 'paragraph': out.push(inlines(b.content)); break;
      case 'list': out.push(b.items.map((i) => `- ${inlines(i)}`).join('\n')); break;
      case 'table': {
        const head = `| ${b.headers.map(escapeMarkdownText).join(' | ')} |`;
        const sep = `| ${b.headers.map(() => '---').join(' | ')} |`;
        const rows = b.rows.map((r) => `| ${r.map((c) => inlines(c, true) || ' ').join(' | ')} |`);
        out.push([head, sep, ...rows].join('\n'));
        break;
      }
      case 'code': out.push(codeBlock(b.lang, b.text)); break;
      case 'callout': out.push(`> [!${b.type}]\n> **${escapeMarkdownText(b.title)}** ${inlines(b.content)}`); break;
      case 'chart': out.push('_The timeline chart of the incident is in report.html._'); break;
    }
  }
  return `${out.join('\n\n')}\n`;
}
