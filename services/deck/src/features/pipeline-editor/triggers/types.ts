import type { TriggerConfig } from '@genoa/shared';
import type { ReactNode } from 'react';

/** Props of a trigger type's form. */
export interface TriggerFormProps {
  trigger: TriggerConfig;
  onChange(patch: Record<string, unknown>): void;
  idPrefix: string;
}

/** The editor side of one trigger type: its `type` key, label, starting fields and form. */
export interface TriggerEditor {
  type: string;
  label: string;
  defaults(): Record<string, unknown>;
  Form(props: TriggerFormProps): ReactNode;
}

/** Identity helper that types a trigger editor definition. */
export const defineTriggerEditor = (editor: TriggerEditor): TriggerEditor => editor;
