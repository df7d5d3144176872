/**
 * The workspace's reports by document symbol, for the symbol links of every editor: fetched
 * once per page from GET /api/reports, then the editors are asked to redraw their links.
 * Offline (a report opened from this device's copy) there are no links until the next load.
 */
import { useEffect } from 'react';
import type { Editor } from '@tiptap/core';
import { api } from '../api/http';
import { symbolLinksKey, type WorkspaceReport } from './plugins/symbolLinks';

export class WorkspaceSymbols {
  private map: ReadonlyMap<string, WorkspaceReport> = new Map();
  readonly get = (): ReadonlyMap<string, WorkspaceReport> => this.map;

  async load(): Promise<void> {
    const reports = await api.listReports();
    this.map = new Map(reports.filter((r) => r.symbol).map((r) => [r.symbol, { id: r.id, title: r.title }]));
  }
}

/** Loads the list once and redraws `editor`'s symbol links when it arrives. */
export function useWorkspaceSymbols(symbols: WorkspaceSymbols, editor: Editor | null): void {
  useEffect(() => {
    if (!editor || !navigator.onLine) return;
    let live = true;
    symbols
      .load()
      .then(() => {
        if (live && !editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(symbolLinksKey, true));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [symbols, editor]);
}
