import {
  Breadcrumb,
  BreadcrumbItem,
  Button,
  Divider,
  Dropdown,
  DropdownGroup,
  DropdownItem,
  DropdownList,
  Masthead,
  MastheadBrand,
  MastheadContent,
  MastheadMain,
  MastheadToggle,
  MenuToggle,
  Nav,
  NavItem,
  NavList,
  Page,
  PageSidebar,
  PageSidebarBody,
  PageToggleButton,
  SkipToContent,
  Text,
  TextContent,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from "@patternfly/react-core";
import { BarsIcon } from "@patternfly/react-icons";
import { useEffect, useMemo, useState } from "react";
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from "react-router-dom";
import { LANGUAGES, type Language, languageOf } from "@student-records/shared";
import { useSession } from "./api";
import { CentrePage } from "./components";
import { ToastProvider } from "./feedback";
import { LanguageContext, type Key, useLanguage, useT } from "./i18n";
import { Applications } from "./pages/Applications";
import { Archives } from "./pages/Archives";
import { Audit } from "./pages/Audit";
import { Backups } from "./pages/Backups";
import { Incidents } from "./pages/Incidents";
import { RecordHistory } from "./pages/RecordHistory";
import { Records } from "./pages/Records";
import { Purges } from "./pages/Purges";
import { Corrections } from "./pages/Corrections";
import { Grants } from "./pages/Grants";
import { Reports } from "./pages/Reports";
import { Retention } from "./pages/Retention";
import { SelfCheck } from "./pages/SelfCheck";
import { Settings } from "./pages/Settings";
import { ADMIN, type CentreRole, centreRolesOf, pagesFor, RolesContext, SUPERVISOR } from "./roles";

/** One page of the centre: its address, its title, the realm roles that may use it, what it shows. */
type CentrePageEntry = { path: string; title: Key; roles: CentreRole[]; element: JSX.Element };

/**
 * The centre's pages, in the order of the navigation, one a line. A user sees only the pages one of their roles may
 * use (the API refuses the rest anyway) and lands on the first of them.
 */
const PAGES: CentrePageEntry[] = [
  { path: "records", title: "recTitle", roles: [ADMIN], element: <Records /> },
  { path: "grants", title: "grants", roles: [ADMIN], element: <Grants /> },
  { path: "corrections", title: "corrections", roles: [ADMIN], element: <Corrections /> },
  { path: "reports", title: "reports", roles: [ADMIN, SUPERVISOR], element: <Reports /> },
  { path: "settings", title: "settings", roles: [ADMIN], element: <Settings /> },
  { path: "applications", title: "applications", roles: [ADMIN], element: <Applications /> },
  { path: "retention", title: "retention", roles: [ADMIN], element: <Retention /> },
  { path: "archives", title: "archives", roles: [ADMIN], element: <Archives /> },
  { path: "backups", title: "backups", roles: [ADMIN], element: <Backups /> },
  { path: "incidents", title: "incidents", roles: [ADMIN, SUPERVISOR], element: <Incidents /> },
  { path: "history", title: "recordHistory", roles: [ADMIN], element: <RecordHistory /> },
  { path: "purges", title: "purgeTitle", roles: [ADMIN], element: <Purges /> },
  { path: "self-check", title: "selfCheck", roles: [ADMIN, SUPERVISOR], element: <SelfCheck /> },
  { path: "audit", title: "audit", roles: [ADMIN, SUPERVISOR], element: <Audit /> },
];

const LANGUAGE_NAMES: Record<Language, string> = { en: "English", "zh-CN": "简体中文" };

/** What the centre reads of the signed-in user's access token. */
type Token = { preferred_username?: string; name?: string; locale?: string; realm_access?: { roles?: string[] } };

/** The language first chosen: the ?lang= of the address, the token's locale claim, then the browser's. */
function initialLanguage(locale: string | undefined): Language {
  const asked = new URLSearchParams(window.location.search).get("lang");
  return languageOf(asked ?? locale ?? navigator.language);
}

export const App = () => {
  const { keycloak, config } = useSession();
  const parsed = keycloak.tokenParsed as Token | undefined;
  const [language, setLanguage] = useState<Language>(() => initialLanguage(parsed?.locale));
  const state = useMemo(() => ({ language, setLanguage }), [language]);
  const roles = useMemo(() => centreRolesOf(parsed), [parsed]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return (
    <LanguageContext.Provider value={state}>
      <RolesContext.Provider value={roles}>
        <ToastProvider>
          <BrowserRouter basename={config.basePath}>
            <Shell roles={roles} />
          </BrowserRouter>
        </ToastProvider>
      </RolesContext.Provider>
    </LanguageContext.Provider>
  );
};

/** The masthead's user menu, as the admin console's: who is signed in, the language, signing out. */
const UserMenu = ({ username, name }: { username: string; name: string }) => {
  const { keycloak } = useSession();
  const { t, language } = useT();
  const { setLanguage } = useLanguage();
  const [open, setOpen] = useState(false);
  return (
    <Dropdown isOpen={open} onOpenChange={setOpen} onSelect={() => setOpen(false)} popperProps={{ position: "right" }}
      toggle={(ref) => (
        <MenuToggle ref={ref} onClick={() => setOpen(!open)} isExpanded={open} variant="plainText" className="centre-user-toggle"
          aria-label={t("userMenu", { name: username })} data-testid="user-menu">
          <span data-testid="signed-in-as">{username}</span>
        </MenuToggle>
      )}>
      <DropdownList>
        <DropdownItem key="who" isDisabled description={name || undefined} data-testid="user-name">
          {username}
        </DropdownItem>
      </DropdownList>
      <Divider component="li" />
      <DropdownGroup label={t("language")} labelHeadingLevel="h2">
        <DropdownList>
          {LANGUAGES.map((l) => (
            <DropdownItem key={l} lang={l} isSelected={l === language} data-testid={`language-${l}`}
              onClick={() => setLanguage(l)}>
              {LANGUAGE_NAMES[l]}
            </DropdownItem>
          ))}
        </DropdownList>
      </DropdownGroup>
      <Divider component="li" />
      <DropdownList>
        <DropdownItem key="sign-out" data-testid="sign-out" onClick={() => window.location.assign(keycloak.createLogoutUrl())}>
          {t("signOut")}
        </DropdownItem>
      </DropdownList>
    </Dropdown>
  );
};

/**
 * For someone signed in without either of the centre's roles (a student, the master realm's administrator): what the
 * centre is, why they see nothing of it, and whom to ask, instead of pages that refuse everything.
 */
const NoAccess = ({ username }: { username: string }) => {
  const { config } = useSession();
  const { t } = useT();
  const realm = config.realm;
  const account = `${config.serverUrl}/realms/${encodeURIComponent(realm)}/account/`;
  return (
    <CentrePage title={t("noAccess")} intro={t("noAccessIntro")}>
      <TextContent data-testid="no-access">
        <Text component="p">
          {t("noAccessWhy", { name: username, realm, admin: ADMIN, supervisor: SUPERVISOR })}
        </Text>
        <Text component="p">{t("noAccessAsk", { realm })}</Text>
      </TextContent>
      <Button component="a" variant="secondary" href={account} className="pf-v5-u-mt-md" data-testid="account-console">
        {t("noAccessAccount")}
      </Button>
    </CentrePage>
  );
};

const Shell = ({ roles }: { roles: readonly CentreRole[] }) => {
  const { keycloak, config } = useSession();
  const { t } = useT();
  const location = useLocation();
  const navigate = useNavigate();
  const allowed = useMemo(() => pagesFor(PAGES, roles), [roles]);
  const current = location.pathname.replace(/^\/+/, "").split("/")[0];
  const page = allowed.find((p) => p.path === current);
  const token = keycloak.tokenParsed as Token | undefined;
  const username = token?.preferred_username ?? "";

  useEffect(() => {
    const title = allowed.length === 0 ? t("noAccess") : page ? t(page.title) : undefined;
    document.title = title ? `${title} · ${t("appTitle")}` : t("appTitle");
  }, [allowed.length, page, t]);

  const header = (
    <Masthead>
      {allowed.length > 0 && (
        <MastheadToggle>
          <PageToggleButton variant="plain" aria-label={t("navigation")}>
            <BarsIcon />
          </PageToggleButton>
        </MastheadToggle>
      )}
      <MastheadMain>
        <MastheadBrand component="span" className="centre-brand">
          <img src={`${config.basePath}/favicon.svg`} alt={t("logo")} className="centre-logo" data-testid="logo" />
          <span className="centre-brand-text">
            <span className="pf-v5-u-font-size-lg">{t("appTitle")}</span>
            <span className="centre-realm" data-testid="realm-name">{t("realm", { realm: config.realm })}</span>
          </span>
        </MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <Toolbar isFullHeight isStatic>
          <ToolbarContent>
            <ToolbarGroup align={{ default: "alignRight" }}>
              <ToolbarItem>
                <UserMenu username={username} name={token?.name ?? ""} />
              </ToolbarItem>
            </ToolbarGroup>
          </ToolbarContent>
        </Toolbar>
      </MastheadContent>
    </Masthead>
  );
  const sidebar = allowed.length > 0 && (
    <PageSidebar>
      <PageSidebarBody>
        <Nav aria-label={t("navigation")}>
          <NavList>
            {allowed.map((p) => (
              <NavItem key={p.path} itemId={p.path} isActive={p.path === current} data-testid={`nav-${p.path}`}
                to={`${config.basePath}/${p.path}`}
                onClick={(event) => {
                  event.preventDefault();
                  void navigate(`/${p.path}`);
                }}>
                {t(p.title)}
              </NavItem>
            ))}
          </NavList>
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );
  const breadcrumb = page && (
    <Breadcrumb aria-label={t("breadcrumbs")} data-testid="breadcrumbs">
      <BreadcrumbItem to={`${config.basePath}/${allowed[0].path}`}
        onClick={(event) => {
          event.preventDefault();
          void navigate(`/${allowed[0].path}`);
        }}>
        {t("appTitle")}
      </BreadcrumbItem>
      <BreadcrumbItem isActive>{t(page.title)}</BreadcrumbItem>
    </Breadcrumb>
  );
  return (
    <Page header={header} sidebar={sidebar || undefined} isManagedSidebar mainContainerId="centre-main"
      breadcrumb={breadcrumb || undefined}
      skipToContent={<SkipToContent href="#centre-main">{t("skipToContent")}</SkipToContent>}>
      {allowed.length === 0 ? (
        <NoAccess username={username} />
      ) : (
        <Routes>
          {allowed.map((p) => (
            <Route key={p.path} path={`/${p.path}`} element={p.element} />
          ))}
          {/* Any other address, a page this user may not use included, is the first page they may use. */}
          <Route path="*" element={<Navigate to={`/${allowed[0].path}`} replace />} />
        </Routes>
      )}
    </Page>
  );
};
