import { type ApiCall, apiClient, type Reply } from "@student-records/shared";
import { useMemo } from "react";
import { PURPOSE, useApi, useApiBase, useSession } from "../../api";
import { useCentreLoad } from "../../components";

/** A record's profile, as search hits and records carry it. */
export type Profile = {
  studentNumber: string;
  name: string;
  gender: string;
  status: string;
  unit: string;
  enrolmentDate: string;
  leavingDate?: string | null;
};

/** A record as GET /records/{id} answers it: only the groups the caller may read. */
export type StudentRecord = {
  id: string;
  version: number;
  groups: string[];
  profile?: Profile;
  identity?: { residentIdNumber: string; dateOfBirth: string; nativePlace: { code: string; name?: string | null } };
  contact?: { mobilePhone: string; email?: string | null; homeAddress: string };
  guardians?: { name: string; relationship: string; phone: string; emergencyContact?: boolean }[];
};

/** Calls the API declaring {@code purpose}: the purpose the administrator chose for this action. */
export function useApiFor(purpose: string): ApiCall {
  const { keycloak } = useSession();
  const base = useApiBase();
  return useMemo(() => apiClient(base, keycloak, { "Data-Purpose": purpose }), [keycloak, base, purpose]);
}

/** Sends a file's text as it is (an import's CSV or NDJSON), for the purpose administration; never rejects. */
export function useTextSender(): <T>(path: string, contentType: string, text: string) => Promise<Reply<T>> {
  const api = useApi();
  return useMemo(() => <T,>(path: string, contentType: string, text: string) =>
    api<T>("POST", path, { text, contentType }), [api]);
}

/**
 * The purposes an administrator may declare in the centre: those the centre's client allows that the realm also
 * allows the centre's role (every one of the client's when the role is not limited), administration first. Until the
 * settings load, or when they cannot be read, the client's own.
 */
export function useAdminPurposes(): string[] {
  const { config } = useSession();
  const settings = useCentreLoad<{ purposes: string[]; purposesByRole: Record<string, string[]> }>("/settings");
  return useMemo(() => {
    const client = (config.purposes ?? PURPOSE).split(",").map((p) => p.trim()).filter((p) => p !== "");
    const role = settings.data?.purposesByRole["records-admin"];
    const allowed = client.filter((p) => !role || role.includes(p));
    const ordered = allowed.includes(PURPOSE) ? [PURPOSE, ...allowed.filter((p) => p !== PURPOSE)] : allowed;
    return ordered.length > 0 ? ordered : [PURPOSE];
  }, [config.purposes, settings.data]);
}

/** The signed-in administrator's user id. */
export function useMe(): string | undefined {
  const { keycloak } = useSession();
  return (keycloak.tokenParsed as { sub?: string } | undefined)?.sub;
}
