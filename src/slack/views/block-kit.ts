import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';

/** Small helpers so that views read as lists of fields, not as JSON. */
export const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
export const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });

// Slack caps an option's text at 75 characters; labels come from an editable file, so cut rather than fail.
export function option(value: string, text: string): PlainTextOption {
  return { value, text: plain(truncate(text, 75)) };
}

const graphemes = new Intl.Segmenter('fr', { granularity: 'grapheme' });

/**
 * `text` cut to at most `max` UTF-16 units (what Slack counts), with an ellipsis, between two words where it can,
 * and always between two graphemes: never through a surrogate pair, an accent on its letter or an emoji sequence.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = '';
  for (const { segment } of graphemes.segment(text)) {
    if (kept.length + segment.length > max - 1) break;
    kept += segment;
  }
  // Between two words when there is one in the second half: "dans le cadre de ses…", never "ses mis…".
  const space = kept.lastIndexOf(' ');
  if (space > max / 2) kept = kept.slice(0, space).replace(/[\s,;:.'’-]+$/u, '');
  return `${kept}…`;
}

/** Escapes user- or list-provided text for mrkdwn so it cannot inject links or mentions. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An address as the target of a mrkdwn link `<url|text>`: the characters that would end or split it, encoded. */
export function linkTarget(url: string): string {
  return url.replace(/[|<>]/g, encodeURIComponent);
}

/** A message of one section, its text as its fallback: for short notices by direct message. */
export function plainMessage(text: string): { text: string; blocks: KnownBlock[] } {
  return { text, blocks: [{ type: 'section', text: mrkdwn(text) }] };
}

/** An input block: its id, its label, its element (optional when the form can do without). */
export const input = (
  blockId: string,
  label: string,
  element: InputBlock['element'],
  optional = false,
): InputBlock => ({
  type: 'input',
  block_id: blockId,
  label: plain(label),
  element,
  optional,
});

/** The words of a form's frame: its title (24 characters at most) and its two buttons. */
export interface FormWords {
  title: string;
  submit: string;
  close: string;
}

/** A form: the callback its submission goes to, its frame, its blocks, and what it carries back (private_metadata). */
export function formModal(callbackId: string, words: FormWords, blocks: KnownBlock[], metadata?: string): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(words.title),
    submit: plain(words.submit),
    close: plain(words.close),
    ...(metadata === undefined ? {} : { private_metadata: metadata }),
    blocks,
  };
}
