import { z } from 'zod';

/**
 * Spinnaker JSON is open: services ignore unknown fields on read and write them back unchanged.
 * Every wire object is therefore a loose object, and every optional field also accepts `null`
 * (Gate and older Orca versions write nulls where newer ones omit the key).
 */
export const open = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape);

/** An optional wire field: absent, `null`, or a value of the given schema. */
export const opt = <T extends z.ZodType>(schema: T) => schema.nullish();

/** Any JSON map (stage context, outputs, parameters, payloads). */
export const JsonMapSchema = z.record(z.string(), z.unknown());
/** A JSON map with string keys and unknown values. */
export type JsonMap = z.infer<typeof JsonMapSchema>;

/** Epoch milliseconds; Front50 writes some timestamps as strings of digits. */
export const EpochMsSchema = z.union([z.number(), z.string().regex(/^\d+$/, 'expected epoch milliseconds')]);
