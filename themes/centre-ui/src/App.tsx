import {
  FormSelect,
  FormSelectOption,
  Masthead,
  MastheadBrand,
  MastheadContent,
  MastheadMain,
  MastheadToggle,
  Nav,
  NavItem,
  NavList,
  Page,
  PageSidebar,
  PageSidebarBody,
  PageToggleButton,
  SkipToContent,
  Button,
  Flex,
  FlexItem,
} from "@patternfly/react-core";
import { BarsIcon } from "@patternfly/react-icons";
import { useEffect, useMemo, useState } from "react";
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from "react-router-dom";
import { LANGUAGES, type Language, languageOf } from "@student-records/shared";
import { useSession } from "./api";
import { ToastProvider } from "./feedback";
import { LanguageContext, type Key, useLanguage, useT } from "./i18n";
import { Audit } from "./pages/Audit";
import { Backups } from "./pages/Backups";
import { Incidents } from "./pages/Incidents";
import { RecordHistory } from "./pages/RecordHistory";
import { Corrections } from "./pages/Corrections";
import { Grants } from "./pages/Grants";
import { Reports } from "./pages/Reports";
import { Retention } from "./pages/Retention";
import { SelfCheck } from "./pages/SelfCheck";
import { Settings } from "./pages/Settings";

/** The centre's pages, in the order of the navigation. */
const PAGES: { path: string; title: Key; element: JSX.Element }[] = [
  { path: "grants", title: "grants", element: <Grants /> },
  { path: "corrections", title: "corrections", element: <Corrections /> },
  { path: "reports", title: "reports", element: <Reports /> },
  { path: "settings", title: "settings", element: <Settings /> },
  { path: "retention", title: "retention", element: <Retention /> },
  { path: "backups", title: "backups", element: <Backups /> },
  { path: "incidents", title: "incidents", element: <Incidents /> },
  { path: "history", title: "recordHistory", element: <RecordHistory /> },
  { path: "self-check", title: "selfCheck", element: <SelfCheck /> },
  { path: "audit", title: "audit", element: <Audit /> },
];

const LANGUAGE_NAMES: Record<Language, string> = { en: "English", "zh-CN": "简体中文" };

/** The language first chosen: the ?lang= of the address, the token's locale claim, then the browser's. */
function initialLanguage(locale: string | undefined): Language {
  const asked = new URLSearchParams(window.location.search).get("lang");
  return languageOf(asked ?? locale ?? navigator.language);
}

export const App = () => {
  const { keycloak, config } = useSession();
  const parsed = keycloak.tokenParsed as { locale?: string } | undefined;
  const [language, setLanguage] = useState<Language>(() => initialLanguage(parsed?.locale));
  const state = useMemo(() => ({ language, setLanguage }), [language]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return (
    <LanguageContext.Provider value={state}>
      <ToastProvider>
        <BrowserRouter basename={config.basePath}>
          <Shell />
        </BrowserRouter>
      </ToastProvider>
    </LanguageContext.Provider>
  );
};

const Shell = () => {
  const { keycloak, config } = useSession();
  const { t, language } = useT();
  const { setLanguage } = useLanguage();
  const location = useLocation();
  const navigate = useNavigate();
  const current = location.pathname.replace(/^\/+/, "").split("/")[0];
  const title = PAGES.find((p) => p.path === current)?.title;

  useEffect(() => {
    document.title = title ? `${t(title)} · ${t("appTitle")}` : t("appTitle");
  }, [title, t]);

  const user = (keycloak.tokenParsed as { preferred_username?: string } | undefined)?.preferred_username ?? "";
  const header = (
    <Masthead>
      <MastheadToggle>
        <PageToggleButton variant="plain" aria-label={t("navigation")}>
          <BarsIcon />
        </PageToggleButton>
      </MastheadToggle>
      <MastheadMain>
        <MastheadBrand component="span" className="pf-v5-u-color-light-100 pf-v5-u-font-size-lg">
          {t("appTitle")}
        </MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <Flex justifyContent={{ default: "justifyContentFlexEnd" }} alignItems={{ default: "alignItemsCenter" }}
          style={{ width: "100%" }}>
          <FlexItem className="pf-v5-u-color-light-100" data-testid="signed-in-as">
            {t("signedInAs", { name: user })}
          </FlexItem>
          <FlexItem>
            <FormSelect id="language" aria-label={t("language")} value={language} data-testid="language"
              onChange={(_e, value) => setLanguage(value as Language)}>
              {LANGUAGES.map((l) => (
                <FormSelectOption key={l} value={l} label={LANGUAGE_NAMES[l]} />
              ))}
            </FormSelect>
          </FlexItem>
          <FlexItem>
            <Button variant="secondary" isInline onClick={() => window.location.assign(keycloak.createLogoutUrl())} data-testid="sign-out">
              {t("signOut")}
            </Button>
          </FlexItem>
        </Flex>
      </MastheadContent>
    </Masthead>
  );
  const sidebar = (
    <PageSidebar>
      <PageSidebarBody>
        <Nav aria-label={t("navigation")}>
          <NavList>
            {PAGES.map((p) => (
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
  return (
    <Page header={header} sidebar={sidebar} isManagedSidebar mainContainerId="centre-main"
      skipToContent={<SkipToContent href="#centre-main">{t("skipToContent")}</SkipToContent>}>
      <Routes>
        {PAGES.map((p) => (
          <Route key={p.path} path={`/${p.path}`} element={p.element} />
        ))}
        <Route path="*" element={<Navigate to="/grants" replace />} />
      </Routes>
    </Page>
  );
};

