import {
  ActionGroup,
  Button,
  Card,
  CardBody,
  CardTitle,
  DescriptionList,
  Form,
  FormGroup,
  Progress,
  TextArea,
  TextInput,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { formatInstant } from "@student-records/shared";
import { useEffect, useState } from "react";
import { useApi } from "../api";
import { CentrePage, Detail, LoadState, type Notice, NoticeLine, useCentreLoad, useNotices } from "../components";
import { type Key, useT } from "../i18n";
import { ConfirmDialog } from "../feedback";
import { ADMIN, useRoles } from "../roles";

type Notification = {
  startedAt: string;
  cause: string;
  harm: string;
  remedies: string;
  advice: string;
  contact: string;
  total: number;
  sent: number;
  failed: number;
  finished: boolean;
};
type Incident = {
  id: string;
  title: string;
  description: string;
  discoveredAt: string;
  openedAt: string;
  scope: { clientId?: string; userId?: string; from: string; to: string; groups: string[] };
  affected: number;
  actions: { at: string; by: string; text: string }[];
  notification?: Notification;
  elapsedSeconds: number;
};
type Affected = { total: number; byUnit: Record<string, number>; byGroup: Record<string, number>; recordIds?: string[] };

const POLL_MILLIS = 2000;

/** An instant typed in a datetime-local field (the browser's zone) as ISO-8601, or null. */
const isoOf = (local: string) => (local ? new Date(local).toISOString() : null);

/** Hours and minutes since discovery, in the page's language. */
const clock = (t: (key: Key, values: Record<string, number>) => string, seconds: number) =>
  t("incidentElapsed", { hours: Math.floor(seconds / 3600), minutes: Math.floor((seconds % 3600) / 60) });

/**
 * Incidents (PIPL art. 57): open one with a scope, see whom it affected, record remediation steps, notify the students
 * affected (progress polled) and print the regulator's report.
 */
export const Incidents = () => {
  const { t, language } = useT();
  const incidents = useCentreLoad<{ incidents: Incident[] }>("/incidents");
  const [selected, setSelected] = useState<string>();
  const [notice, setNotice] = useState<Notice>();
  const chosen = incidents.data?.incidents.find((i) => i.id === selected);
  // Opening an incident, its steps and the notification are the administrators'; a supervisor reads and prints.
  const admin = useRoles().includes(ADMIN);
  return (
    <CentrePage title={t("incidents")} intro={t("incidentsIntro")}>
      <NoticeLine notice={notice} testId="incident-message" />
      {admin && <OpenIncident onOpened={(n, id) => { setNotice(n); setSelected(id); incidents.reload(); }} />}
      <LoadState loaded={incidents} />
      {incidents.data && incidents.data.incidents.length === 0 && <p>{t("incidentsEmpty")}</p>}
      {incidents.data && incidents.data.incidents.length > 0 && (
        <Table aria-label={t("incidents")} variant="compact" data-testid="incidents" className="pf-v5-u-mb-lg">
          <Thead>
            <Tr>
              <Th>{t("incidentTitle")}</Th>
              <Th>{t("incidentDiscovered")}</Th>
              <Th>{t("incidentClock")}</Th>
              <Th>{t("incidentAffected")}</Th>
              <Th>{t("actions")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {incidents.data.incidents.map((i) => (
              <Tr key={i.id} data-testid={`incident-${i.id}`}>
                <Td dataLabel={t("incidentTitle")}>{i.title}</Td>
                <Td dataLabel={t("incidentDiscovered")}>{formatInstant(i.discoveredAt, language)}</Td>
                <Td dataLabel={t("incidentClock")}>{clock(t, i.elapsedSeconds)}</Td>
                <Td dataLabel={t("incidentAffected")}>{i.affected}</Td>
                <Td dataLabel={t("actions")}>
                  <Button variant="secondary" size="sm" onClick={() => setSelected(i.id)} data-testid={`open-${i.id}`}>
                    {t("incidentOpen")}
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {chosen && <IncidentDetail key={chosen.id} incident={chosen} onChanged={incidents.reload} admin={admin} />}
    </CentrePage>
  );
};

const OpenIncident = ({ onOpened }: { onOpened: (notice: Notice, id?: string) => void }) => {
  const { t } = useT();
  const api = useApi();
  const noticeOf = useNotices();
  const empty = { title: "", description: "", discoveredAt: "", clientId: "", userId: "", from: "", to: "" };
  const [fields, setFields] = useState(empty);
  const set = (name: keyof typeof fields) => (_: unknown, value: string) => setFields({ ...fields, [name]: value });
  const open = async () => {
    const reply = await api<Incident>("POST", "/incidents", {
      body: {
        title: fields.title,
        description: fields.description,
        discoveredAt: isoOf(fields.discoveredAt),
        scope: { clientId: fields.clientId || null, userId: fields.userId || null, from: isoOf(fields.from), to: isoOf(fields.to) },
      },
    });
    if (reply.ok) {
      setFields(empty);
    }
    onOpened(noticeOf(reply, t("incidentOpened")), reply.ok ? reply.body?.id : undefined);
  };
  const text = (name: keyof typeof fields, label: Key, type: "text" | "datetime-local" = "text") => (
    <FormGroup label={t(label)} fieldId={`incident-${name}`}>
      <TextInput id={`incident-${name}`} type={type} value={fields[name]} onChange={set(name)} />
    </FormGroup>
  );
  return (
    <Card className="pf-v5-u-mb-lg">
      <CardTitle component="h2">{t("incidentNew")}</CardTitle>
      <CardBody>
        <Form onSubmit={(e) => { e.preventDefault(); void open(); }}>
          {text("title", "incidentTitle")}
          <FormGroup label={t("incidentDescription")} fieldId="incident-description">
            <TextArea id="incident-description" value={fields.description} onChange={set("description")} />
          </FormGroup>
          {text("discoveredAt", "incidentDiscovered", "datetime-local")}
          {text("clientId", "incidentClient")}
          {text("userId", "incidentUser")}
          {text("from", "incidentFrom", "datetime-local")}
          {text("to", "incidentTo", "datetime-local")}
          <ActionGroup>
            <Button type="submit" variant="primary" data-testid="open-incident">{t("incidentOpenNew")}</Button>
          </ActionGroup>
        </Form>
      </CardBody>
    </Card>
  );
};

const IncidentDetail = ({ incident, onChanged, admin }: { incident: Incident; onChanged: () => void; admin: boolean }) => {
  const { t, language } = useT();
  const api = useApi();
  const noticeOf = useNotices();
  const affected = useCentreLoad<Affected>(`/incidents/${encodeURIComponent(incident.id)}/affected`);
  const [notice, setNotice] = useState<Notice>();
  const [step, setStep] = useState("");
  const [content, setContent] = useState({ cause: "", harm: "", remedies: "", advice: "", contact: "" });
  const running = incident.notification !== undefined && !incident.notification.finished;

  useEffect(() => {
    if (!running) {
      return;
    }
    const timer = window.setInterval(onChanged, POLL_MILLIS);
    return () => window.clearInterval(timer);
  }, [running, onChanged]);

  const path = `/incidents/${encodeURIComponent(incident.id)}`;
  const addStep = async () => {
    const reply = await api("POST", `${path}/actions`, { body: { text: step } });
    setNotice(noticeOf(reply, t("incidentStepAdded")));
    if (reply.ok) {
      setStep("");
      onChanged();
    }
  };
  const [confirmingNotify, setConfirmingNotify] = useState(false);
  const notifyAll = async () => {
    const reply = await api("POST", `${path}/notifications`, { body: content });
    setConfirmingNotify(false);
    setNotice(noticeOf(reply, t("incidentNotifyStarted")));
    onChanged();
  };
  const n = incident.notification;
  const percent = n && n.total > 0 ? Math.round((100 * (n.sent + n.failed)) / n.total) : n ? 100 : 0;
  return (
    <Card data-testid="incident-detail" className="incident-report">
      <CardTitle component="h2">{incident.title}</CardTitle>
      <CardBody>
        <NoticeLine notice={notice} testId="incident-detail-message" />
        <DescriptionList isHorizontal className="pf-v5-u-mb-md">
          <Detail term={t("incidentDescription")}>{incident.description}</Detail>
          <Detail term={t("incidentDiscovered")}>{formatInstant(incident.discoveredAt, language)}</Detail>
          <Detail term={t("incidentClock")} testId="incident-clock">{clock(t, incident.elapsedSeconds)}</Detail>
          <Detail term={t("incidentScope")}>
            {[incident.scope.clientId, incident.scope.userId].filter(Boolean).join(" · ")}{" "}
            ({formatInstant(incident.scope.from, language)} – {formatInstant(incident.scope.to, language)})
          </Detail>
          <Detail term={t("incidentAffected")} testId="incident-affected">{affected.data?.total ?? incident.affected}</Detail>
        </DescriptionList>
        <LoadState loaded={affected} />
        {affected.data && (
          <Table aria-label={t("incidentAffected")} variant="compact" data-testid="affected" className="pf-v5-u-mb-md">
            <Thead>
              <Tr>
                <Th>{t("incidentUnitOrGroup")}</Th>
                <Th>{t("count")}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {Object.entries({ ...affected.data.byUnit, ...affected.data.byGroup }).map(([k, v]) => (
                <Tr key={k}>
                  <Td dataLabel={t("incidentUnitOrGroup")}>{k}</Td>
                  <Td dataLabel={t("count")}>{v}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
        {affected.data?.recordIds && (
          <p data-testid="affected-records">{t("incidentRecords")}: {affected.data.recordIds.join(", ")}</p>
        )}
        <h3>{t("incidentSteps")}</h3>
        <ol data-testid="incident-steps">
          {incident.actions.map((a) => (
            <li key={a.at + a.text}>{formatInstant(a.at, language)}: {a.text}</li>
          ))}
        </ol>
        {admin && (
          <Form className="no-print" onSubmit={(e) => { e.preventDefault(); void addStep(); }}>
            <FormGroup label={t("incidentStep")} fieldId="incident-step">
              <TextArea id="incident-step" value={step} onChange={(_, v) => setStep(v)} />
            </FormGroup>
            <ActionGroup>
              <Button type="submit" variant="secondary" data-testid="add-step">{t("incidentAddStep")}</Button>
            </ActionGroup>
          </Form>
        )}
        <h3 className="pf-v5-u-mt-lg">{t("incidentNotification")}</h3>
        {n ? (
          <div data-testid="notification" data-finished={String(n.finished)}>
            <Progress value={percent} size="sm" aria-label={t("incidentNotification")} measureLocation="outside" />
            <p data-testid="notification-progress">
              {t("incidentNotifyProgress", { sent: n.sent, failed: n.failed, total: n.total })}
            </p>
          </div>
        ) : admin ? (
          <Form className="no-print" onSubmit={(e) => { e.preventDefault(); setConfirmingNotify(true); }}>
            {(["cause", "harm", "remedies", "advice", "contact"] as const).map((name) => (
              <FormGroup key={name} label={t(`incidentNotify_${name}` as Key)} fieldId={`notify-${name}`}>
                <TextArea id={`notify-${name}`} value={content[name]}
                  onChange={(_, v) => setContent({ ...content, [name]: v })} />
              </FormGroup>
            ))}
            <ActionGroup>
              <Button type="submit" variant="primary" data-testid="notify">{t("incidentNotify")}</Button>
            </ActionGroup>
          </Form>
        ) : (
          <p data-testid="notification-none">{t("incidentNotNotified")}</p>
        )}
        {confirmingNotify && (
          <ConfirmDialog title={t("incidentNotify")} confirmLabel={t("incidentNotify")} variant="danger"
            testId="confirm-notify" onConfirm={notifyAll} onClose={() => setConfirmingNotify(false)}>
            {t("incidentNotifyConfirm")}
          </ConfirmDialog>
        )}
        <p className="pf-v5-u-mt-lg no-print">{t("incidentReportNote")}</p>
        <Button variant="secondary" className="no-print" onClick={() => window.print()} data-testid="print-report">
          {t("incidentPrint")}
        </Button>
      </CardBody>
    </Card>
  );
};
