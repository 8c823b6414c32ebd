/**
 * A tiny document tree shared by the Markdown and HTML renderers: headings, paragraphs, lists,
 * tables, code blocks, callouts and the timeline chart. Text in it is plain (unescaped) data; each
 * renderer escapes it for its own format, so device names, command lines and KQL can never turn
 * into markup.
 */

/** Inline content: plain text, inline code or strong text. */
export type Inline = string | { readonly code: string } | { readonly strong: string } | { readonly link: string; readonly href: string };
export type Inlines = readonly Inline[];

export type Block =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3 | 4; readonly text: string; readonly id?: string }
  | { readonly kind: 'paragraph'; readonly content: Inlines }
  | { readonly kind: 'list'; readonly items: readonly Inlines[] }
  | { readonly kind: 'table'; readonly headers: readonly string[]; readonly rows: readonly (readonly Inlines[])[]; readonly className?: string }
  | { readonly kind: 'code'; readonly lang: string; readonly text: string }
  | { readonly kind: 'callout'; readonly type: 'NOTE' | 'TIP' | 'WARNING' | 'IMPORTANT'; readonly title: string; readonly content: Inlines }
  | { readonly kind: 'chart' };

export const text = (s: string): Inlines => [s];
export const code = (s: string): Inline => ({ code: s });
export const strong = (s: string): Inline => ({ strong: s });
