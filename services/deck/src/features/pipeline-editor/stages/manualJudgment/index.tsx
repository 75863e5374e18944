import { CheckboxField, TextAreaField, TextField } from '../../../../components/fields.js';
import type { Notification } from '@genoa/shared';
import { NotificationsEditor } from '../../NotificationsEditor.js';
import { JUDGMENT_EVENTS } from '../../notifications.js';
import { defineStageEditor } from '../types.js';

const inputsText = (value: unknown): string =>
  Array.isArray(value)
    ? value
        .map((i) =>
          typeof i === 'object' && i !== null ? String((i as { value?: unknown }).value ?? '') : '',
        )
        .filter(Boolean)
        .join(', ')
    : '';

/** `manualJudgment`: waits for someone to Continue or Stop, optionally choosing an input. */
export const manualJudgmentStage = defineStageEditor({
  type: 'manualJudgment',
  label: 'Manual Judgment',
  description: 'Waits for a person to approve (continue) or stop the pipeline.',
  defaults: () => ({ name: 'Manual Judgment', instructions: '', judgmentInputs: [], failPipeline: true }),
  Form: ({ stage, onChange, idPrefix }) => (
    <>
      <TextAreaField
        id={`${idPrefix}-instructions`}
        label="Instructions"
        value={stage.instructions}
        onChange={(instructions) => onChange({ instructions })}
      />
      <TextField
        id={`${idPrefix}-judgmentInputs`}
        label="Judgment inputs (comma-separated)"
        hint="Choices offered with Continue/Stop, e.g. rollback, proceed."
        value={inputsText(stage.judgmentInputs)}
        onChange={(text) =>
          onChange({
            judgmentInputs: text
              .split(',')
              .map((v) => v.trim())
              .filter(Boolean)
              .map((value) => ({ value })),
          })
        }
      />
      <CheckboxField
        id={`${idPrefix}-propagate`}
        label="Propagate authentication (later stages run as the approver)"
        checked={stage.propagateAuthenticationContext}
        onChange={(propagateAuthenticationContext) => onChange({ propagateAuthenticationContext })}
      />
      <fieldset aria-label="Judgment notifications">
        <legend>Notifications</legend>
        <NotificationsEditor
          idPrefix={idPrefix}
          level="stage"
          events={JUDGMENT_EVENTS}
          notifications={(stage.notifications as Notification[] | undefined) ?? []}
          onChange={(notifications) =>
            onChange({
              notifications: notifications.length ? notifications : undefined,
              sendNotifications: notifications.length > 0,
            })
          }
        />
      </fieldset>
    </>
  ),
});
