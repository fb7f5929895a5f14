import { Header, PageNav } from "@keycloak/keycloak-account-ui";
import { Page, Spinner } from "@patternfly/react-core";
import { type MouseEvent, type RefObject, Suspense, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Outlet } from "react-router-dom";

/** Below this width PatternFly lays the menu over the page instead of beside it. */
const DESKTOP_WIDTH = 1200;

/**
 * The console's frame: Keycloak's header and menu (read from content.json), the current page inside.
 *
 * The account-ui package carries its own copy of PatternFly, so its header's menu button and its menu never see the
 * state of this Page: the menu would stay open over the page on a phone and the button would do nothing. The frame
 * keeps that state itself: the menu starts closed below desktop width, the header's button (#nav-toggle) opens and
 * closes it, and choosing a page in it on a phone closes it.
 */
export const App = () => {
  const [menuOpen, setMenuOpen] = useState(() => window.innerWidth >= DESKTOP_WIDTH);
  const frame = useRef<HTMLDivElement>(null);
  useNamedAccountMenu(frame);
  // Clicks are caught around the whole frame: a wrapper between the page and its header would cost the header its
  // place in the page's grid.
  const onClick = (event: MouseEvent) => {
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest("#nav-toggle")) {
      setMenuOpen((open) => !open);
    } else if (window.innerWidth < DESKTOP_WIDTH && target?.closest(".pf-v5-c-page__sidebar a[href]")) {
      setMenuOpen(false);
    }
  };
  return (
    <div className="student-frame" onClickCapture={onClick} ref={frame}>
      <Page
        header={<Header />}
        sidebar={
          <div className={menuOpen ? "student-frame" : "student-frame student-menu-closed"} data-testid="student-menu"
            data-open={menuOpen ? "true" : "false"}>
            <PageNav />
          </div>
        }
      >
        <Suspense fallback={<Spinner />}>
          <Outlet />
        </Suspense>
      </Page>
    </div>
  );
};

/**
 * Keycloak's header shows its account menu behind a button without a name on narrow screens (options-kebab-toggle of
 * @keycloak/keycloak-ui-shared): a screen reader would announce only "button". The header gives no way to name it, so
 * the frame names it as it appears, in the user's language.
 */
function useNamedAccountMenu(frame: RefObject<HTMLDivElement>) {
  const { t } = useTranslation();
  const name = t("studentAccountMenu");
  useEffect(() => {
    const root = frame.current;
    if (!root) {
      return undefined;
    }
    const nameTheMenu = () => {
      root.querySelectorAll("[data-testid='options-kebab-toggle']").forEach((button) => {
        if (button.getAttribute("aria-label") !== name) {
          button.setAttribute("aria-label", name);
        }
      });
    };
    nameTheMenu();
    const observer = new MutationObserver(nameTheMenu);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [frame, name]);
}
