// html-to-text 10 ships no types; only what html-text.ts uses.
declare module 'html-to-text' {
  interface BlockTextBuilder {
    addInline(text: string): void;
  }
  interface DomNode {
    children: DomNode[];
  }
  type Formatter = (elem: DomNode, walk: (nodes: DomNode[], builder: BlockTextBuilder) => void, builder: BlockTextBuilder, options: Record<string, unknown>) => void;
  interface SelectorDefinition {
    selector: string;
    format?: string;
    options?: Record<string, unknown>;
  }
  export interface HtmlToTextOptions {
    wordwrap?: number | false;
    formatters?: Record<string, Formatter>;
    selectors?: SelectorDefinition[];
    limits?: { maxInputLength?: number; maxDepth?: number };
  }
  export function convert(html: string, options?: HtmlToTextOptions): string;
}
