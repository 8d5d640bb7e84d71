// The dashboard on a terminal, with blessed (issue 7; STYLE rule 12): the widgets are made once and
// placed from layout.ts; each frame only sets their content from the view model and calls
// screen.render() once, which writes just the changed cells, so redraws do not flicker.

import blessed from 'blessed';
import type { Readable, Writable } from 'node:stream';
import type { Terminal } from './controller.js';
import { placePanels, type PanelId, type Rect } from './layout.js';
import { detailText, energyText, eventsText, mapLabel, mapText, propagationText, statusText, trafficText } from './panels.js';
import type { DashView } from './view-model.js';

type Box = blessed.Widgets.BoxElement;

const TITLES: Record<Exclude<PanelId, 'status'>, string> = {
  map: ' map ',
  propagation: ' propagation ',
  traffic: ' transmissions per second ',
  energy: ' energy ',
  events: ' events ',
};

export interface TerminalStreams {
  readonly input?: Readable;
  readonly output?: Writable;
  /** terminfo name; blessed reads $TERM when absent. */
  readonly terminal?: string;
}

function panel(screen: blessed.Widgets.Screen, label: string | undefined): Box {
  return blessed.box({
    parent: screen,
    tags: true,
    wrap: false,
    label,
    border: label === undefined ? undefined : { type: 'line' },
    style: { border: { fg: 'gray' } },
  });
}

function place(box: Box, r: Rect): void {
  // Assigning an unchanged position still marks the box dirty; compare first.
  if (box.left !== r.left) box.left = r.left;
  if (box.top !== r.top) box.top = r.top;
  if (box.width !== r.width) box.width = r.width;
  if (box.height !== r.height) box.height = r.height;
}

export function blessedTerminal(streams: TerminalStreams = {}): Terminal & { readonly screen: blessed.Widgets.Screen } {
  const screen = blessed.screen({
    smartCSR: true,
    // @types/blessed declares input as Writable and output as Readable, the wrong way round.
    input: streams.input as unknown as Writable | undefined,
    output: streams.output as unknown as Readable | undefined,
    terminal: streams.terminal,
    title: 'mote dash',
    warnings: false,
  });
  const boxes = {
    map: panel(screen, TITLES.map),
    propagation: panel(screen, TITLES.propagation),
    traffic: panel(screen, TITLES.traffic),
    energy: panel(screen, TITLES.energy),
    events: panel(screen, TITLES.events),
    status: panel(screen, undefined),
  } satisfies Record<PanelId, Box>;
  const detail = panel(screen, ' mote ');
  const tooSmall = panel(screen, undefined);

  function draw(view: DashView): void {
    const placement = placePanels(screen.width as number, screen.height as number, view.map.cols);
    if (!placement.ok) {
      for (const box of [...Object.values(boxes), detail]) box.hide();
      place(tooSmall, { left: 0, top: 0, width: screen.width as number, height: screen.height as number });
      tooSmall.setContent(placement.message);
      tooSmall.show();
      screen.render();
      return;
    }
    tooSmall.hide();
    const { rects } = placement;
    for (const id of Object.keys(boxes) as PanelId[]) {
      place(boxes[id], rects[id]);
      boxes[id].show();
    }
    const inner = (id: PanelId) => ({ width: rects[id].width - 2, rows: rects[id].height - 2 });
    boxes.map.setLabel(mapLabel(view));
    boxes.map.setContent(mapText(view));
    boxes.propagation.setContent(propagationText(view, inner('propagation').width, inner('propagation').rows));
    boxes.traffic.setContent(trafficText(view, inner('traffic').width));
    boxes.energy.setContent(energyText(view, inner('energy').width, inner('energy').rows));
    boxes.events.setContent(eventsText(view, inner('events').width, inner('events').rows));
    boxes.status.setContent(statusText(view, rects.status.width));
    if (view.selected.detail) {
      const right = rects.propagation;
      place(detail, { left: right.left, top: 0, width: right.width, height: rects.map.height });
      detail.setLabel(` mote ${view.selected.mote} `);
      detail.setContent(detailText(view, right.width - 2));
      detail.show();
    } else {
      detail.hide();
    }
    screen.render();
  }

  return {
    screen,
    size: () => ({ width: screen.width as number, height: screen.height as number }),
    draw,
    onKey: (handler) => screen.on('keypress', (ch: string | undefined, key: { full?: string } | undefined) => handler(key?.full ?? ch ?? '')),
    onResize: (handler) => screen.on('resize', handler),
    close: () => screen.destroy(),
  };
}
