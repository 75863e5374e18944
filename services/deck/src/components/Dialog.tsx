import { useEffect, useRef, type ReactNode } from 'react';

/** Props of {@link Dialog}. */
export interface DialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
}

/**
 * A modal dialog (the browser's `<dialog>`): focus moves into it, Escape closes it, the page
 * behind is inert, and focus returns to where it was when it closes.
 */
export function Dialog({ title, onClose, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.querySelector<HTMLElement>('input, select, textarea, button:not(.dialog__close)')?.focus();
    return () => {
      dialog?.close();
      opener?.focus?.();
    };
  }, []);
  const titleId = `dialog-${title.replace(/[^\w]/g, '_')}`;
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header className="dialog__header">
        <h2 id={titleId}>{title}</h2>
        <button
          type="button"
          className="button button--secondary dialog__close"
          aria-label="Close dialog"
          onClick={onClose}
        >
          ×
        </button>
      </header>
      {children}
    </dialog>
  );
}

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** When set, a text field whose value is passed to `onConfirm` (e.g. a cancellation reason). */
  reasonLabel?: string;
  onConfirm(reason: string): Promise<unknown>;
  onClose(): void;
}

/** A confirmation dialog for an action; it shows the action's error and stays open when it fails. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const reason = useRef<HTMLInputElement>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const confirm = () => {
    if (button.current) button.current.disabled = true;
    props.onConfirm(reason.current?.value ?? '').then(
      () => props.onClose(),
      (err: unknown) => {
        if (button.current) button.current.disabled = false;
        if (status.current)
          status.current.textContent = `Failed: ${err instanceof Error ? err.message : String(err)}`;
      },
    );
  };
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <div className="form">
        <div>{props.message}</div>
        {props.reasonLabel ? (
          <div className="field">
            <label htmlFor="confirm-reason">{props.reasonLabel}</label>
            <input id="confirm-reason" ref={reason} type="text" />
          </div>
        ) : null}
        <p ref={status} className="field__error" role="alert" />
        <div className="form__actions">
          <button
            ref={button}
            type="button"
            className={props.danger ? 'button button--danger' : 'button'}
            onClick={confirm}
          >
            {props.confirmLabel}
          </button>
          <button type="button" className="button button--secondary" onClick={props.onClose}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}
