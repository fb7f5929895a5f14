import { Alert, Spinner, Tab, Tabs, TabTitleText } from "@patternfly/react-core";
import { PageFrame, problemText, useLoad } from "@student-records/shared";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router-dom";
import { useLanguage, useStudentRecordsApi } from "../api";
import { AccessLogTable } from "../components/AccessLogTable";
import { Consents } from "../components/Consents";
import { QuestionForm } from "../components/QuestionForm";
import { RecordEditor } from "../components/RecordEditor";
import { actsFor, type Child, childOf, childPath, CONSENT_AGE } from "../guardian";
import { childPage } from "./MyChildren";

/** The tabs of a child's page, each at its own address (guardian/children/{recordId}/{tab}); the record has none. */
const TABS = ["", "access-log", "consents", "reports"] as const;
type TabKey = (typeof TABS)[number];

/**
 * A child's page for a guardian: the child's record (contact and guardians editable, corrections asked for), its
 * access log (each entry can be reported), its consents (the guardian's to decide under 14, the child's from 14),
 * and a misuse report or a question to the centre. The child must be one the guardian is linked to: any other id
 * shows what the API says of a record out of reach, and nothing of the record.
 */
export const ChildRecord = () => {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const { recordId, tab } = useParams();
  const path = childPath(recordId);
  const children = useLoad<{ children: Child[] }>(useStudentRecordsApi(), path ? "/guardian/children" : null);
  const child = childOf(children, recordId);
  const active: TabKey = TABS.find((k) => k === (tab ?? "")) ?? "";

  const frame = (content: ReactNode) => (
    <PageFrame title={child?.name ? t("guardianChildTitle", { name: child.name }) : t("guardianChild")}
      intro={t("guardianChildDescription")} light>
      {content}
    </PageFrame>
  );

  if (!path || (children.data && !child)) {
    return frame(<Alert variant="warning" isInline title={t("guardianChildNotLinked")} data-testid="load-error" />);
  }
  if (children.failure && !child) {
    return frame(<Alert variant="warning" isInline title={problemText(children.failure, language)} data-testid="load-error" />);
  }
  if (!child) {
    return frame(<Spinner aria-label={t("guardianRecordLoading")} />);
  }

  const title = (key: TabKey) => <TabTitleText>{t(`guardianChildTab.${key || "record"}`)}</TabTitleText>;
  const content = (key: TabKey) => {
    if (key !== active) {
      return null;
    }
    switch (key) {
      case "access-log":
        return <AccessLogTable logPath={`${path}/access-log`} reportPath={`${path}/reports`} voice="guardian" kind="MISUSE" />;
      case "consents":
        return (
          <Consents path={`${path}/consents`}
            decidedElsewhere={child.age >= CONSENT_AGE ? t("guardianConsentsByChild", { name: child.name ?? t("guardianChild"), age: CONSENT_AGE }) : undefined} />
        );
      case "reports":
        return <QuestionForm path={`${path}/reports`} />;
      default:
        return <RecordEditor path={path} voice="guardian" />;
    }
  };

  return frame(
    <>
      {!actsFor(child) && (
        <Alert variant="info" isInline title={t("guardianProxyEndedFor", { name: child.name ?? t("guardianChild") })} data-testid="proxy-ended" className="pf-v5-u-mb-md" />
      )}
      <Tabs activeKey={active} onSelect={(_, key) => void navigate(childPage(child.recordId, String(key)))}
        aria-label={t("guardianChildTabs")} role="region"
        backScrollAriaLabel={t("guardianChildTabsBack")} forwardScrollAriaLabel={t("guardianChildTabsForward")}
        data-testid="child-tabs" className="pf-v5-u-mb-md">
        {TABS.map((key) => (
          <Tab key={key || "record"} eventKey={key} title={title(key)} data-testid={`tab-${key || "record"}`}>
            <div className="pf-v5-u-pt-md">{content(key)}</div>
          </Tab>
        ))}
      </Tabs>
    </>,
  );
};
