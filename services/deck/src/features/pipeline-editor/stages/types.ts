import type { StageConfig } from '@genoa/shared';
import type { ReactNode } from 'react';

/** Props of a stage type's config form. */
export interface StageFormProps {
  stage: StageConfig;
  /** Merges fields into the stage (an `undefined` value removes the field). */
  onChange(patch: Record<string, unknown>): void;
  /** Prefix for element ids, unique per stage. */
  idPrefix: string;
  /** Field errors by field name (from the stage type's `validate`). */
  errors: Readonly<Record<string, string>>;
}

/**
 * The editor side of one stage type: its orca `type` key, how it is offered, its starting fields,
 * its form, and its field checks. One folder per type under `stages/<type>/`, listed in `stages/index.ts`.
 */
export interface StageEditor {
  type: string;
  label: string;
  description: string;
  defaults(): Record<string, unknown>;
  Form(props: StageFormProps): ReactNode;
  /** Field errors of a stage (empty when valid). */
  validate?(stage: StageConfig): Record<string, string>;
}

/** Identity helper that types a stage editor definition. */
export const defineStageEditor = (editor: StageEditor): StageEditor => editor;
