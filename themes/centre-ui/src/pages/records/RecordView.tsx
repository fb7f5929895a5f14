import {
  Alert,
  Button,
  DescriptionList,
  Flex,
  FlexItem,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  TextArea,
  Title,
  Tooltip,
} from "@patternfly/react-core";
import { ArrowLeftIcon } from "@patternfly/react-icons";
import { useLoad } from "@student-records/shared";
import { useState } from "react";
import { useApi } from "../../api";
import { Detail, FieldErrorText, LoadState, useProblemText } from "../../components";
import { ConfirmDialog, useToast } from "../../feedback";
import { type Key, useT } from "../../i18n";
import { type HistoryEntry, HistoryTable } from "./HistoryTable";
import { type Profile, type StudentRecord, useAdminPurposes, useApiFor } from "./recordsApi";

const MAX_REASON = 1000;

/**
 * One student's record: read only once the administrator has said why (a purpose the centre may declare; the student
 * sees it in their access log), then the groups the sign-in may read and the record's change history, and the request
 * to destroy it.
 */
export const RecordView = ({ recordId, known, askPurge, onBack }: {
  recordId: string;
  /** The profile the search showed, to name the student before the record is read. */
  known?: Profile;
  /** Opens the request for destruction at once (the search's row action). */
  askPurge: boolean;
  onBack: () => void;
}) => {
  const { t } = useT();
  const problemText = useProblemText();
  const purposes = useAdminPurposes();
  const [chosen, setChosen] = useState<string>();
  const [readFor, setReadFor] = useState<string>();
  const purpose = chosen ?? purposes[0];
  const api = useApiFor(readFor ?? purpose);
  const path = readFor ? `/records/${encodeURIComponent(recordId)}` : null;
  const record = useLoad<StudentRecord>(api, path);
  const history = useLoad<{ entries: HistoryEntry[] }>(api, path && record.data ? `${path}/history` : null);
  const [purging, setPurging] = useState(askPurge);
  const profile = record.data?.profile ?? known;
  const student = profile ? t("recRecordTitle", { name: profile.name, number: profile.studentNumber }) : t("recRecordUnknown");
  const groups = (record.data?.groups ?? []).map((g) => t(`recSection_${g}` as Key)).join(", ");

  return (
    <div data-testid="record-view">
      <Button variant="link" icon={<ArrowLeftIcon />} onClick={onBack} className="pf-v5-u-mb-md" data-testid="back-to-search">
        {t("recBackToSearch")}
      </Button>
      <Flex justifyContent={{ default: "justifyContentSpaceBetween" }} alignItems={{ default: "alignItemsCenter" }} className="pf-v5-u-mb-md">
        <FlexItem>
          <Title headingLevel="h2" data-testid="record-title">{student}</Title>
        </FlexItem>
        <FlexItem>
          {profile ? (
            <Button variant="danger" onClick={() => setPurging(true)} data-testid="request-purge">{t("recDestroy")}</Button>
          ) : (
            // Opened by its address (a link, a reload): the request must name the student, so the record is read first.
            <Tooltip content={t("recDestroyReadFirst")}>
              <Button variant="danger" isAriaDisabled data-testid="request-purge">{t("recDestroy")}</Button>
            </Tooltip>
          )}
        </FlexItem>
      </Flex>
      <Form isWidthLimited onSubmit={(e) => {
        e.preventDefault();
        // Read again for the same purpose, or for the newly chosen one (a new purpose is a new read by itself).
        if (readFor === purpose) {
          record.reload();
        } else {
          setReadFor(purpose);
        }
      }} className="pf-v5-u-mb-lg">
        <FormGroup label={t("recPurposeLabel")} fieldId="record-purpose">
          <FormSelect id="record-purpose" value={purpose} onChange={(_e, v) => setChosen(v)} aria-describedby="record-purpose-help">
            {purposes.map((p) => <FormSelectOption key={p} value={p} label={p} />)}
          </FormSelect>
          <FormHelperText>
            <HelperText>
              <HelperTextItem id="record-purpose-help">{t("recPurposeHelp")}</HelperTextItem>
            </HelperText>
          </FormHelperText>
        </FormGroup>
        <div>
          <Button type="submit" variant="primary" data-testid="read-record">{t("recRead")}</Button>
        </div>
      </Form>
      {readFor && record.failure?.status === 404 && <Alert isInline variant="warning" title={t("recNotFound")} data-testid="record-not-found" />}
      {readFor && record.failure && record.failure.status !== 404 && (
        <Alert isInline variant="danger" title={problemText(record.failure)} data-testid="record-error" />
      )}
      {readFor && !record.failure && <LoadState loaded={record} />}
      {record.data && (
        <>
          <p className="pf-v5-u-mb-md" data-testid="record-groups">{t("recGroupsShown", { groups })}</p>
          <RecordDetails record={record.data} />
          <Title headingLevel="h3" className="pf-v5-u-mt-xl pf-v5-u-mb-md">{t("recHistoryTitle")}</Title>
          {history.failure ? (
            <Alert isInline variant="danger" title={problemText(history.failure)} />
          ) : history.data === undefined ? (
            <LoadState loaded={history} />
          ) : history.data.entries.length === 0 ? (
            <p data-testid="history-empty">{t("recHistoryEmpty")}</p>
          ) : (
            <div className="centre-scroll">
              <HistoryTable entries={history.data.entries} label={t("recHistoryTitle")} />
            </div>
          )}
        </>
      )}
      {purging && profile && <PurgeRequestDialog recordId={recordId} student={profile} onClose={() => setPurging(false)} />}
    </div>
  );
};

/** The groups of a record the caller may read, each as a description list. */
const RecordDetails = ({ record }: { record: StudentRecord }) => {
  const { t } = useT();
  const field = (name: string) => t(`recField_${name}` as Key);
  const text = (value: string | null | undefined) => (value ? value : "—");
  return (
    <Flex direction={{ default: "column", lg: "row" }} alignItems={{ default: "alignItemsFlexStart" }}
      spaceItems={{ default: "spaceItemsXl" }}>
      {record.profile && (
        <FlexItem>
          <Title headingLevel="h3" className="pf-v5-u-mb-sm">{t("recSection_profile")}</Title>
          <DescriptionList isCompact isHorizontal data-testid="record-profile">
            <Detail term={field("studentNumber")} testId="record-studentNumber">{record.profile.studentNumber}</Detail>
            <Detail term={field("name")} testId="record-name">{record.profile.name}</Detail>
            <Detail term={field("gender")}>{t(`recGender_${record.profile.gender}` as Key)}</Detail>
            <Detail term={field("status")}>{t(`recStatus_${record.profile.status}` as Key)}</Detail>
            <Detail term={field("unit")}>{record.profile.unit}</Detail>
            <Detail term={field("enrolmentDate")}>{record.profile.enrolmentDate}</Detail>
            <Detail term={field("leavingDate")}>{text(record.profile.leavingDate)}</Detail>
          </DescriptionList>
        </FlexItem>
      )}
      {record.identity && (
        <FlexItem>
          <Title headingLevel="h3" className="pf-v5-u-mb-sm">{t("recSection_identity")}</Title>
          <DescriptionList isCompact isHorizontal data-testid="record-identity">
            <Detail term={field("residentIdNumber")}>{record.identity.residentIdNumber}</Detail>
            <Detail term={field("dateOfBirth")}>{record.identity.dateOfBirth}</Detail>
            <Detail term={field("nativePlaceCode")}>{record.identity.nativePlace.code}</Detail>
            <Detail term={field("nativePlaceName")}>{text(record.identity.nativePlace.name)}</Detail>
          </DescriptionList>
        </FlexItem>
      )}
      {record.contact && (
        <FlexItem>
          <Title headingLevel="h3" className="pf-v5-u-mb-sm">{t("recSection_contact")}</Title>
          <DescriptionList isCompact isHorizontal>
            <Detail term={field("mobilePhone")}>{record.contact.mobilePhone}</Detail>
            <Detail term={field("email")}>{text(record.contact.email)}</Detail>
            <Detail term={field("homeAddress")}>{record.contact.homeAddress}</Detail>
          </DescriptionList>
        </FlexItem>
      )}
      {record.guardians && record.guardians.length > 0 && (
        <FlexItem>
          <Title headingLevel="h3" className="pf-v5-u-mb-sm">{t("recSection_guardians")}</Title>
          {record.guardians.map((g, i) => (
            <DescriptionList key={i} isCompact isHorizontal className="pf-v5-u-mb-sm">
              <Detail term={field("guardianName")}>{g.name}</Detail>
              <Detail term={field("guardianRelationship")}>{t(`recRelationship_${g.relationship}` as Key)}</Detail>
              <Detail term={field("guardianPhone")}>{g.phone}</Detail>
              <Detail term={field("guardianEmergency")}>{g.emergencyContact ? t("recYes") : t("recNo")}</Detail>
            </DescriptionList>
          ))}
        </FlexItem>
      )}
    </Flex>
  );
};

/** Asks for the record's destruction, with a reason; another administrator approves on the Purges page. */
const PurgeRequestDialog = ({ recordId, student, onClose }: { recordId: string; student: Profile; onClose: () => void }) => {
  const { t } = useT();
  const problemText = useProblemText();
  const api = useApi();
  const toast = useToast();
  const [reason, setReason] = useState("");
  const [invalid, setInvalid] = useState(false);
  const name = student.name;
  const file = async () => {
    if (reason.trim() === "" || reason.length > MAX_REASON) {
      setInvalid(true);
      return;
    }
    const reply = await api("POST", `/records/${encodeURIComponent(recordId)}/purge-requests`, { body: { reason: reason.trim() } });
    if (reply.ok) {
      toast({ variant: "success", text: t("recPurgeFiled", { name }), testId: "purge-filed" });
      onClose();
    } else {
      toast({ variant: "danger", text: problemText(reply), testId: "purge-refused" });
    }
  };
  return (
    <ConfirmDialog title={t("recPurgeTitle")} confirmLabel={t("recDestroy")} variant="danger" onConfirm={file} onClose={onClose}
      testId="confirm-purge-request">
      <p className="pf-v5-u-mb-md">{t("recPurgeBody", { name, number: student.studentNumber })}</p>
      <Form onSubmit={(e) => e.preventDefault()}>
        <FormGroup label={t("recPurgeReason")} isRequired fieldId="purge-reason">
          <TextArea id="purge-reason" value={reason} isRequired resizeOrientation="vertical"
            validated={invalid ? "error" : "default"} aria-describedby={invalid ? "purge-reason-error" : undefined}
            onChange={(_e, v) => { setReason(v); setInvalid(false); }} />
          {invalid && <FieldErrorText id="purge-reason-error" text={t("recPurgeReasonRequired")} />}
        </FormGroup>
      </Form>
    </ConfirmDialog>
  );
};
