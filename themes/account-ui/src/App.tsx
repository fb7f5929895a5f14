import { Header, PageNav } from "@keycloak/keycloak-account-ui";
import { Page, Spinner } from "@patternfly/react-core";
import { type MouseEvent, Suspense, useState } from "react";
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
    <div className="student-frame" onClickCapture={onClick}>
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
