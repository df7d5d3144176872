/**
 * The `pid` attribute every pid-carrying block shares (paragraph, heading, footnote).
 * It is never copied by a split (`keepOnSplit: false`): the new block starts without one and
 * the pid plugin gives it a fresh id, so an id always stays with the block it was born on.
 */
import type { Attribute } from '@tiptap/core';

export const pidAttribute: Attribute = {
  default: null,
  keepOnSplit: false,
  parseHTML: (element) => element.getAttribute('data-pid'),
  renderHTML: (attributes) => (attributes.pid ? { 'data-pid': attributes.pid as string } : {}),
};
