import { Alert, Spinner } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { PageFrame, problemText, useLoad } from "@student-records/shared";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useLanguage, useStudentRecordsApi } from "../api";
import { environment } from "../environment";
import { actsFor, type Child, consumeInvitation } from "../guardian";

/** The console's address of a child's page (and of one of its tabs). */
export function childPage(recordId: string, tab = ""): string {
  return `${new URL(environment.baseUrl).pathname}guardian/children/${recordId}${tab ? `/${tab}` : ""}`;
}

/**
 * "My children": the children whose records the guardian is linked to, with their age and whether the guardian still
 * acts for them (each child's page is linked while they do).
 */
export const MyChildren = () => {
  const { t } = useTranslation();
  const language = useLanguage();
  const api = useStudentRecordsApi();
  const loaded = useLoad<{ children: Child[] }>(api, "/guardian/children");
  const children = loaded.data?.children;
  const [invitation, setInvitation] = useState<{ variant: "success" | "warning"; title: string }>();

  // The invitation the console was opened with (the mailed link): handed to the API once.
  useEffect(() => {
    const token = consumeInvitation();
    if (!token) {
      return;
    }
    void api("POST", "/guardian/invitations", { body: { token } }).then((reply) => {
      if (reply.ok) {
        setInvitation({ variant: "success", title: t("guardianInvitationAccepted") });
      } else if (reply.status === 404) {
        setInvitation({ variant: "warning", title: t("guardianInvitationNotValid") });
      } else {
        setInvitation({ variant: "warning", title: problemText(reply, language) });
      }
      loaded.reload();
    });
    // Once, when the page opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <PageFrame title={t("guardianChildren")} intro={t("guardianChildrenDescription")} light>
      {invitation && <Alert variant={invitation.variant} isInline title={invitation.title} data-testid="invitation-message" />}
      {loaded.failure && <Alert variant="warning" isInline title={problemText(loaded.failure, language)} data-testid="load-error" />}
      {!children && !loaded.failure && <Spinner aria-label={t("guardianChildrenLoading")} />}
      {children && children.length === 0 && <p data-testid="no-children">{t("guardianChildrenNone")}</p>}
      {children && children.length > 0 && (
        <Table aria-label={t("guardianChildren")} variant="compact" data-testid="children">
          <Thead>
            <Tr>
              <Th>{t("guardianChildName")}</Th>
              <Th>{t("guardianChildAge")}</Th>
              <Th>{t("guardianChildRelationship")}</Th>
              <Th>{t("guardianChildProxy")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {children.map((c) => (
              <Tr key={c.recordId} data-testid={`child-${c.recordId}`}>
                <Td dataLabel={t("guardianChildName")}>
                  {/* From 18 the list names the child no more, and their record is no longer the guardian's to open. */}
                  {actsFor(c)
                    ? <Link to={childPage(c.recordId)} data-testid={`open-child-${c.recordId}`}>{c.name ?? t("guardianChild")}</Link>
                    : (c.name ?? t("guardianChildAdult"))}
                </Td>
                <Td dataLabel={t("guardianChildAge")}>{c.age}</Td>
                <Td dataLabel={t("guardianChildRelationship")}>
                  {c.relationship ? t(`studentRecordRelationship.${c.relationship}`, { defaultValue: c.relationship }) : "—"}
                </Td>
                <Td dataLabel={t("guardianChildProxy")} data-testid={`proxy-${c.recordId}`}>
                  {actsFor(c) ? t("guardianProxyActive") : t("guardianProxyEnded")}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </PageFrame>
  );
};
