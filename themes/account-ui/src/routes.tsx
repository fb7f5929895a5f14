import { routes as consoleRoutes } from "@keycloak/keycloak-account-ui";
import type { RouteObject } from "react-router-dom";
import { App } from "./App";
import { environment } from "./environment";
import { AccessLog } from "./pages/AccessLog";
import { ChildRecord } from "./pages/ChildRecord";
import { DownloadData } from "./pages/DownloadData";
import { MyChildren } from "./pages/MyChildren";
import { MyConsents } from "./pages/MyConsents";
import { MyCorrections } from "./pages/MyCorrections";
import { MyRecord } from "./pages/MyRecord";
import { MyReports } from "./pages/MyReports";
import { Notices } from "./pages/Notices";
import { WhatChanged } from "./pages/WhatChanged";
import { WhoCanSee } from "./pages/WhoCanSee";

/** The student pages; their paths are also the menu entries of content.json. */
export const studentRoutes: RouteObject[] = [
  { path: "student-record", element: <MyRecord /> },
  { path: "student-record/access-log", element: <AccessLog /> },
  { path: "student-record/who-can-see", element: <WhoCanSee /> },
  { path: "student-record/consents", element: <MyConsents /> },
  { path: "student-record/download", element: <DownloadData /> },
  { path: "student-record/reports", element: <MyReports /> },
  { path: "student-record/corrections", element: <MyCorrections /> },
  { path: "student-record/history", element: <WhatChanged /> },
  { path: "student-record/notices", element: <Notices /> },
];

/** The guardian's pages: "My children" (a menu entry of content.json) and each child's page with its tabs. */
export const guardianRoutes: RouteObject[] = [
  { path: "guardian/children", element: <MyChildren /> },
  { path: "guardian/children/:recordId", element: <ChildRecord /> },
  { path: "guardian/children/:recordId/:tab", element: <ChildRecord /> },
];

/** Keycloak's own pages (personal info, signing in, applications, ...) plus the student and guardian pages, in one layout. */
export const routes: RouteObject[] = [
  {
    path: decodeURIComponent(new URL(environment.baseUrl).pathname),
    element: <App />,
    children: [...consoleRoutes, ...studentRoutes, ...guardianRoutes],
  },
];
