// Text placed inside SVG/XML markup, escaped once for every chart and diagram the project draws.

export function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
