import { Alert, AlertActionCloseButton, AlertGroup, Button, Modal, ModalVariant } from "@patternfly/react-core";
import { createContext, type ReactNode, useCallback, useContext, useRef, useState } from "react";
import { useT } from "./i18n";

/** One outcome shown as a toast: its kind, its one line, and the test id the browser tests look for. */
export type Toast = { variant: "success" | "danger" | "info" | "warning"; text: string; testId?: string };

type Shown = Toast & { id: number };

const ToastContext = createContext<(toast: Toast) => void>(() => undefined);

/** How long a toast stays, as in Keycloak's admin console; hovering over it keeps it. */
const TOAST_MILLIS = 8000;

/**
 * Toasts for the outcomes of actions, as Keycloak's admin console shows them: top right, newest first, wherever on a
 * long page the user is, announced to screen readers, gone after eight seconds or when closed.
 */
export const ToastProvider = ({ children }: { children: ReactNode }) => {
  const { t } = useT();
  const [toasts, setToasts] = useState<Shown[]>([]);
  const counter = useRef(0);
  const add = useCallback((toast: Toast) => {
    counter.current += 1;
    const id = counter.current;
    setToasts((shown) => [{ ...toast, id }, ...shown]);
  }, []);
  const remove = (id: number) => setToasts((shown) => shown.filter((x) => x.id !== id));
  return (
    <ToastContext.Provider value={add}>
      {children}
      <AlertGroup isToast isLiveRegion>
        {toasts.map((x) => (
          <Alert key={x.id} variant={x.variant} title={x.text} timeout={TOAST_MILLIS} onTimeout={() => remove(x.id)}
            data-testid={x.testId} variantLabel={t(`alertVariant_${x.variant}`)}
            actionClose={<AlertActionCloseButton aria-label={t("closeMessage", { text: x.text })} onClose={() => remove(x.id)} />} />
        ))}
      </AlertGroup>
    </ToastContext.Provider>
  );
};

/** Shows a toast. */
export function useToast(): (toast: Toast) => void {
  return useContext(ToastContext);
}

/**
 * A confirmation before an irreversible or four-eyes action, the admin console's way: a small modal saying what will
 * happen, the action's own button (busy while it runs) and a way back. {@code onConfirm} runs the action and closes
 * the dialog; its promise must not reject (the API client's never do).
 */
export const ConfirmDialog = ({
  title,
  children,
  confirmLabel,
  backLabel,
  variant = "primary",
  onConfirm,
  onClose,
  testId,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** The label of the button that leaves without acting; "Cancel" unless that would read like the action. */
  backLabel?: string;
  variant?: "primary" | "danger";
  onConfirm: () => Promise<void>;
  onClose: () => void;
  testId: string;
}) => {
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal variant={ModalVariant.small} title={title} titleIconVariant={variant === "danger" ? "warning" : undefined}
      titleLabel={variant === "danger" ? t("alertVariant_warning") : undefined} isOpen
      onClose={onClose} data-testid={testId}
      actions={[
        <Button key="confirm" variant={variant} isLoading={busy} isDisabled={busy} onClick={() => void confirm()}
          data-testid={`${testId}-confirm`}>
          {confirmLabel}
        </Button>,
        <Button key="back" variant="link" isDisabled={busy} onClick={onClose} data-testid={`${testId}-back`}>
          {backLabel ?? t("cancel")}
        </Button>,
      ]}>
      {children}
    </Modal>
  );
};
