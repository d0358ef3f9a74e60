// The emoji codes the app writes in its messages and views, drawn by the sandbox page as Slack draws them. A test
// (tests/sandbox/emoji.test.ts) fails when the app writes a code that is not here.
export const EMOJI: Readonly<Record<string, string>> = {
  warning: '⚠️',
  lock: '🔒',
  white_check_mark: '✅',
  white_large_square: '⬜',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  rotating_light: '🚨',
  calendar: '📅',
  memo: '📝',
  information_source: 'ℹ️',
  wastebasket: '🗑️',
};
