import type { Notification } from '@genoa/shared';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields.js';
import {
  addressLabel,
  messageFor,
  messageText,
  newNotification,
  notificationErrors,
  NOTIFICATION_TYPES,
  toggleWhen,
  type NotificationEvent,
} from './notifications.js';

/** Props of {@link NotificationsEditor}. */
export interface NotificationsEditorProps {
  notifications: readonly Notification[];
  onChange(next: Notification[]): void;
  level: 'pipeline' | 'stage';
  events: readonly NotificationEvent[];
  idPrefix: string;
}

/** A list of notifications: channel, address, events (`when`) and a custom message each. */
export function NotificationsEditor({
  notifications,
  onChange,
  level,
  events,
  idPrefix,
}: NotificationsEditorProps) {
  const replace = (index: number, next: Notification) =>
    onChange(notifications.map((n, i) => (i === index ? next : n)));
  return (
    <div className="notifications">
      {notifications.length === 0 ? <p className="muted">No notifications.</p> : null}
      {notifications.map((notification, index) => {
        const id = `${idPrefix}-notification-${index}`;
        const errors = notificationErrors(notification);
        return (
          <fieldset key={index} aria-label={`Notification ${index + 1}`}>
            <legend>{`Notification ${index + 1}`}</legend>
            <SelectField
              id={`${id}-type`}
              label="Type"
              value={notification.type}
              options={NOTIFICATION_TYPES}
              onChange={(type) => replace(index, { ...notification, type })}
            />
            <TextField
              id={`${id}-address`}
              label={addressLabel(notification.type)}
              value={notification.address}
              error={errors.address}
              onChange={(address) => replace(index, { ...notification, address })}
            />
            <fieldset aria-label="Notify when">
              <legend>Notify when</legend>
              {events.map((event) => (
                <CheckboxField
                  key={event.when}
                  id={`${id}-when-${event.when}`}
                  label={event.label}
                  checked={(notification.when ?? []).includes(event.when)}
                  onChange={(on) => replace(index, toggleWhen(notification, events, event.when, on))}
                />
              ))}
              {errors.when ? <small className="field__error">{errors.when}</small> : null}
            </fieldset>
            <TextAreaField
              id={`${id}-message`}
              label="Custom message (optional)"
              rows={2}
              value={messageText(notification)}
              onChange={(text) =>
                replace(index, { ...notification, message: messageFor(notification.when ?? [], text) })
              }
            />
            <button
              type="button"
              className="button button--secondary"
              onClick={() => onChange(notifications.filter((_, i) => i !== index))}
            >
              Remove notification
            </button>
          </fieldset>
        );
      })}
      <button
        type="button"
        className="button"
        onClick={() => onChange([...notifications, newNotification(level)])}
      >
        Add notification
      </button>
    </div>
  );
}
