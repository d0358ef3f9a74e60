import type { PlainTextOption } from '@slack/types';

/** Small helpers so that views read as lists of fields, not as JSON. */
export const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
export const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });

// Slack caps an option's text at 75 characters; labels come from an editable file, so cut rather than fail.
export function option(value: string, text: string): PlainTextOption {
  return { value, text: plain(text.length > 75 ? `${text.slice(0, 74)}…` : text) };
}

/** Escapes user- or list-provided text for mrkdwn so it cannot inject links or mentions. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
