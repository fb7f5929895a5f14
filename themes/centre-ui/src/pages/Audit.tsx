import "./Audit.css";

import { Tab, Tabs, TabTitleText } from "@patternfly/react-core";
import { useState } from "react";
import { CentrePage } from "../components";
import { useT } from "../i18n";
import { Anomalies } from "./AuditAnomalies";
import { ChainCheck, Epochs, Extract } from "./AuditChain";
import { Reads } from "./AuditReads";
import { AuditTrail } from "./AuditTrail";

/**
 * Audit and supervision (rule 9), the supervisor's main screen: the trail browsed and narrowed, the chain verified,
 * sealed epochs and verified extracts downloaded, reads per client and purpose over time, and the self-check's
 * anomalies. Everything here needs student.audit only, never record contents.
 */
export const Audit = () => {
  const { t } = useT();
  const [tab, setTab] = useState<string | number>("trail");
  return (
    <CentrePage title={t("audit")} intro={t("auditIntro")}>
      <Tabs activeKey={tab} onSelect={(_, key) => setTab(key)} aria-label={t("audit")} mountOnEnter data-testid="audit-tabs">
        <Tab eventKey="trail" title={<TabTitleText>{t("auditTrail")}</TabTitleText>} data-testid="tab-trail">
          <div className="pf-v5-u-pt-md"><AuditTrail /></div>
        </Tab>
        <Tab eventKey="chain" title={<TabTitleText>{t("auditChain")}</TabTitleText>} data-testid="tab-chain">
          <div className="pf-v5-u-pt-md">
            <ChainCheck />
            <Epochs />
            <Extract />
          </div>
        </Tab>
        <Tab eventKey="reads" title={<TabTitleText>{t("auditReads")}</TabTitleText>} data-testid="tab-reads">
          <div className="pf-v5-u-pt-md"><Reads /></div>
        </Tab>
        <Tab eventKey="anomalies" title={<TabTitleText>{t("auditAnomalies")}</TabTitleText>} data-testid="tab-anomalies">
          <div className="pf-v5-u-pt-md"><Anomalies /></div>
        </Tab>
      </Tabs>
    </CentrePage>
  );
};
