import { z } from 'zod';
import { AttributeName } from '../../../contracts/customer-attributes';
import { SegmentFilterBody } from '../../../contracts/segment-filter';

/*
 * Entries that are not an event: a date attribute of the profile (yearly, N days before or after), a calendar rule in
 * the campaign's time zone, and the segment test conditions may use. Pure zod: the definition (definition.ts) composes
 * them; the campaign-level calendar workflow and the enrolment service act on them.
 */

/** A local time of day, HH:MM (24 h), in the campaign's time zone. */
export const LocalTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day HH:MM (00:00–23:59)')
  .meta({ example: '09:00' });

/**
 * Yearly on a date attribute of the profile (e.g. birthday): the journey starts `offsetDays` after the date's
 * anniversary (negative: before it; a 29 February date counts on 28 February in other years), at `time` in the
 * campaign's time zone. One journey per customer per year (its id carries the day it started).
 */
export const DateEntry = z.strictObject({
  attribute: AttributeName.meta({ example: 'birthday' }),
  offsetDays: z.number().int().min(-180).max(180).default(0),
  time: LocalTime.default('09:00'),
});
export type DateEntry = z.infer<typeof DateEntry>;

export const WEEKDAYS = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;

/**
 * A calendar rule in the campaign's time zone: monthly on day N (the month's last day when it is shorter), weekly on
 * one or more weekdays (`weekdays`; `weekday`, one day, as stored configs have it), or on listed dates; at `time`. Every member of the campaign's audience enters, once per occurrence. A
 * campaign without an audience must say `everyone: true` to enrol every customer (checked when a campaign is created
 * or its draft config changed; stored configs from before it parse as they were).
 */
export const CalendarEntry = z
  .strictObject({
    monthlyDay: z.number().int().min(1).max(31).optional(),
    weekday: z.enum(WEEKDAYS).optional(),
    weekdays: z
      .array(z.enum(WEEKDAYS))
      .min(1)
      .max(7)
      .refine((days) => new Set(days).size === days.length, 'each weekday once')
      .optional(),
    dates: z.array(z.iso.date()).min(1).max(366).optional(),
    time: LocalTime.default('09:00'),
    /** Every customer enters when the campaign has no audience (without it, and without an audience: 422). */
    everyone: z.boolean().optional(),
  })
  .refine(
    (c) => [c.monthlyDay, c.weekday, c.weekdays, c.dates].filter((x) => x !== undefined).length === 1,
    'a calendar rule takes exactly one of monthlyDay, weekdays (or weekday) or dates',
  );
export type CalendarEntry = z.infer<typeof CalendarEntry>;

/**
 * Segment membership as a condition: a saved segment (`segmentId`) or a filter given inline (the segment filter tree
 * of POST /v1/segments, e.g. `{"fact": "tier", "op": "gte", "value": "silver"}`); evaluated by an activity against the
 * customer at that moment.
 */
export const SegmentPredicate = z
  .strictObject({
    on: z.literal('segment'),
    segmentId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .optional(),
    filter: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: 'A segment filter tree (as POST /v1/segments takes), tested inline.' }),
    /** false: the test holds for a customer outside the segment. */
    member: z.boolean().default(true),
  })
  .superRefine((p, ctx) => {
    if ((p.segmentId === undefined) === (p.filter === undefined))
      ctx.addIssue({
        code: 'custom',
        message: 'a segment test takes either segmentId or filter',
        path: ['segmentId'],
      });
    if (p.filter !== undefined) {
      const parsed = SegmentFilterBody.safeParse(p.filter);
      if (!parsed.success)
        for (const issue of parsed.error.issues)
          ctx.addIssue({
            code: 'custom',
            message: issue.message,
            path: ['filter', ...issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k))],
          });
    }
  });
export type SegmentPredicate = z.infer<typeof SegmentPredicate>;
