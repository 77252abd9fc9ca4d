import { z } from 'zod';

/** Promotion code text as people type it: letters, digits, spaces and hyphens (the service normalizes it). */
export const CodeText = z
  .string()
  .regex(/^[A-Za-z0-9 -]{4,40}$/, 'letters, digits, spaces and hyphens, 4 to 40')
  .meta({ example: 'K7QM-3XTV-9CH' });
