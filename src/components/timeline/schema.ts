/**
 * The props of `<Figure>`, checked when the page builds: MDX pages are not
 * type-checked, and a figure with a lane nobody declared, a bar that ends
 * before it starts or no caption must fail the build, named, not draw
 * something wrong.
 */
import { z } from 'astro/zod';
import { ITEM_KINDS, type TimelineData } from './types';

const item = z.strictObject({
  lane: z.string().min(1),
  kind: z.enum(ITEM_KINDS),
  start: z.number(),
  end: z.number(),
  label: z.string().optional(),
  to: z.string().optional(),
  pending: z.boolean().optional(),
  row: z.number().int().min(0).optional(),
});

export const figureSchema = z.strictObject({
  /** The figure's id on the page (its link target, and its drawing's ids). */
  id: z.string().regex(/^[a-z0-9-]+$/, 'an id of lowercase letters, digits and dashes'),
  /** What the picture shows, said in a sentence or two: the figure's caption and accessible name. */
  caption: z.string().min(10),
  lanes: z.array(z.strictObject({ id: z.string().min(1), label: z.string().min(1) })).min(1),
  items: z.array(item).min(1),
  duration: z.number().positive().optional(),
  axis: z.enum(['ms', 's', 'steps', 'none']).optional(),
});

export type FigureProps = z.input<typeof figureSchema>;

export function parseFigureProps(props: unknown, page: string): z.output<typeof figureSchema> {
  const result = figureSchema.safeParse(props);
  if (!result.success) {
    const issues = result.error.issues
      .map((issue) => `${issue.path.join('.') || '(props)'}: ${issue.message}`)
      .join('; ');
    throw new Error(`<Figure> on page ${page}: ${issues}`);
  }
  const data = result.data;
  const lanes = new Set(data.lanes.map((lane) => lane.id));
  data.items.forEach((entry, i) => {
    const where = `<Figure id="${data.id}"> on page ${page}, items.${i}`;
    if (!lanes.has(entry.lane)) throw new Error(`${where}: lane "${entry.lane}" is not declared`);
    if (entry.to !== undefined && !lanes.has(entry.to)) {
      throw new Error(`${where}: lane "${entry.to}" (to) is not declared`);
    }
    if (entry.end < entry.start) throw new Error(`${where}: ends before it starts`);
    if ((entry.kind === 'message') !== (entry.to !== undefined)) {
      throw new Error(`${where}: a message, and only a message, has "to"`);
    }
  });
  return data;
}

export function timelineOf(props: z.output<typeof figureSchema>): TimelineData {
  const { lanes, items, duration, axis } = props;
  return {
    lanes,
    items: items.map(({ lane, kind, start, end, label, to, pending, row }) => ({
      lane,
      kind,
      start,
      end,
      ...(label === undefined ? {} : { label }),
      ...(to === undefined ? {} : { to }),
      ...(pending === undefined ? {} : { pending }),
      ...(row === undefined ? {} : { row }),
    })),
    ...(duration === undefined ? {} : { duration }),
    ...(axis === undefined ? {} : { axis }),
  };
}
